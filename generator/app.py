"""The composition root: the only module that lists the features and puts the site together.

``load_kb`` reads and checks a data folder (core checks, then each feature's); ``build_site``
turns a checked knowledge base into pages, navigation and data assets. The CLI and the MkDocs
plugin call these two and nothing else, so both run exactly the same steps.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .core.check import check
from .core.errors import DataError, KnowledgeBaseError
from .core.export import export_kb
from .core.read import KnowledgeBase, read
from .core.schema import schemas
from .core.settings import DEFAULT_REVIEW_DAYS, Settings, build_date
from .features.changes import FEATURE as CHANGES
from .features.compare import FEATURE as COMPARE
from .features.decide import FEATURE as DECIDE
from .features.design import FEATURE as DESIGN
from .features.diagrams import FEATURE as DIAGRAMS
from .features.ipplan import FEATURE as IPPLAN
from .site import reference, search, urls
from .site.feature import Feature
from .site.render import Site, render_pages

#: The features, in the order of their navigation tabs (after the layers).
FEATURES: tuple[Feature, ...] = (COMPARE, DECIDE, DESIGN, DIAGRAMS, IPPLAN, CHANGES)


def _mentions(error: DataError, ids: set[str]) -> bool:
    return any(f"'{i}'" in error.message for i in ids) or (bool(ids) and "has no options" in error.message)


def load_kb(
    data_dir: Path, *, review_days: int = DEFAULT_REVIEW_DAYS, on: dt.date | None = None
) -> tuple[KnowledgeBase, list[DataError]]:
    """Read and check ``data_dir``; raise ``KnowledgeBaseError`` with every error, else return
    the KB and its warnings (stale facts)."""
    kb, errors = read(data_dir)
    kb.on = on or build_date()
    if kb.shared_ok:
        # Cross-file checks run even when some option or tree files could not be read, so one
        # run reports everything; messages about those unreadable entities are left out.
        settings = Settings(today=kb.on, review_days=review_days)
        found = check(kb, settings)
        for feature in FEATURES:
            found.extend(feature.checks(kb, settings))
        errors += [e for e in found if not _mentions(e, kb.unreadable)]
    hard = [e for e in errors if not e.warning]
    if hard:
        raise KnowledgeBaseError(hard)
    return kb, sorted(e for e in errors if e.warning)


def build_site(kb: KnowledgeBase, settings: Settings) -> Site:
    """Every page (reference pages, then each feature's), the navigation and the data assets.

    ``settings.today`` is the day ``load_kb`` read the knowledge base for (``kb.on``): lifecycle
    states and stale-fact banners speak of the same day."""
    pages = reference.all_pages(kb, settings)
    nav = reference.layers_nav(kb)
    for feature in FEATURES:
        pages.extend(feature.pages(kb, settings))
        nav.extend(feature.nav(kb))
    nav.extend(reference.reference_nav())
    site = Site(nav=nav, abbreviations=reference.abbreviations(kb))
    site.pages = render_pages(pages)
    site.edit_paths = {p.src: p.edit_path for p in pages if p.edit_path}
    site.assets[urls.KB_JSON] = export_kb(kb)
    site.assets[urls.SEARCH_JSON] = search.suggest_json(kb)
    for feature in FEATURES:
        site.assets.update(feature.assets(kb, settings))
    for name, text in schemas().items():
        site.assets[urls.schema_json(name)] = text
    return site
