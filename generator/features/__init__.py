"""The features beyond the reference pages (compare, decide, design, IP planner), each a folder
with its checks kept apart from its pages, each exposing one ``FEATURE`` object that implements
``generator.site.feature.Feature``. Only ``generator.app`` lists them."""
