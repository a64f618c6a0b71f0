"""What the templates get for a diagram: the picture, its flows in words, and a link to the
designer, where the same picture shows the reader's own addresses."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from .. import urls
from .network import option_diagram


def option_diagram_view(kb: KnowledgeBase, option_id: str, page_src: str) -> dict[str, Any] | None:
    """The option page's diagram, with the example addresses (None without diagram data)."""
    d = option_diagram(kb, option_id)
    if d is None:
        return None
    query = urls.design_query([(kb.options[option_id].category, option_id)])
    return {
        "svg": d.svg,
        "title": d.title,
        "flows": d.flows,
        "example": True,
        "design_link": urls.html_link(page_src, urls.design()) + "?" + query,
    }
