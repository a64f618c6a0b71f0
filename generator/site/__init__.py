"""The site machinery: the URL scheme and every asset path, page objects and the view helpers
shared by all pages, the reference pages (layers, categories, options, glossary, tags), deployment
snippets, and rendering through Jinja templates. Builds on the data core; knows no feature."""
