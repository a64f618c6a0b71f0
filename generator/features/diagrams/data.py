"""``api/diagrams.json``: for each option with a diagram, its category, SVG and flows in words;
the categories in the order the designer stacks them; the slots (addresses) with their names."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ...core.read import KnowledgeBase
from ...site import urls
from ...site.assets import compact_json
from ...site.diagram.network import option_diagram


def diagrams_data(kb: KnowledgeBase) -> dict[str, Any]:
    options = {}
    for oid, opt in sorted(kb.options.items()):
        d = option_diagram(kb, oid)
        if d is not None:
            flows = [asdict(f) for f in d.flows]
            options[oid] = {"category": opt.category, "title": d.title, "svg": d.svg, "flows": flows}
    slots = [{"id": s.id, "name": s.name, "example": s.example} for s in kb.diagrams.slots] if kb.diagrams else []
    return {
        "format": 1,
        "categories": [{"id": c.id, "name": c.name} for layer in kb.layers for c in layer.categories],
        "slots": slots,
        "options": options,
    }


def assets(kb: KnowledgeBase) -> dict[str, str]:
    return {urls.DIAGRAMS_JSON: compact_json(diagrams_data(kb))}
