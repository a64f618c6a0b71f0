"""The site's feature modules beyond the reference pages, each with the same four hooks.

A feature module provides ``checks(kb, settings)`` (extra data errors), ``pages(kb, settings)``
(extra ``Page`` objects), ``nav(kb)`` (top-level navigation entries) and ``assets(kb)``
(``{path: text}`` data files for its scripts). Adding a feature is adding it here.
"""

from __future__ import annotations

from . import compare, design, trees

FEATURES = (compare, trees, design)
