"""``/changes/``: every lifecycle event, past and coming, and every recorded content change,
newest first, with the SVG timeline above and filters (by layer and kind) in the browser."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...site import urls
from ...site.page import Page
from ...site.timeline import Entry, entries
from ...site.views import status_badge
from .svg import timeline_svg

LIST_ID = "atlas-changes"
#: The kinds the filter offers, in the order a reader thinks of them.
KINDS = [
    ("preview", "Previews"),
    ("ga", "General availability"),
    ("retirement", "Retirements and ends"),
    ("content", "Changes to the atlas"),
]


def filter_kind(entry: Entry) -> str:
    """The filter group an entry belongs to."""
    if entry.kind.startswith("content-"):
        return "content"
    return entry.kind if entry.kind in ("preview", "ga") else "retirement"


def _row(kb: KnowledgeBase, e: Entry) -> dict[str, Any]:
    opt = e.option
    layer = kb.layer_of(opt.category) if opt else None
    return {
        "e": e,
        "kind": filter_kind(e),
        "layer": layer.id if layer else "",
        "src": urls.option(opt.id) if opt else None,
        "status": status_badge(kb, opt) if opt else None,
    }


def changes_page(kb: KnowledgeBase) -> Page:
    rows = [_row(kb, e) for e in entries(kb)]
    coming = [r for r in rows if not r["e"].past]
    past = [r for r in rows if r["e"].past]
    return Page(
        urls.changes(),
        "changes.md.j2",
        "What changed and what ends when",
        "Every preview, general availability, retirement and end of support of the AKS networking options, "
        "past and coming, and every change to the atlas's content, with Atom and iCalendar feeds.",
        {
            "coming": coming,
            "past": past,
            "svg": timeline_svg(kb, LIST_ID),
            "list_id": LIST_ID,
            "kinds": KINDS,
            "layers": kb.layers,
            "sources": kb.sources,
            "built": kb.on.isoformat(),
            "feed": urls.CHANGES_FEED,
            "calendar": urls.LIFECYCLE_CALENDAR,
            "meta": {"hide": ["toc"]},
        },
        edit_path=kb.first_path("change") or kb.first_path("option"),
    )
