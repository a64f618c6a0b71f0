"""``api/compare.json``: what the compare-any picker needs, small and ready to render."""

from __future__ import annotations

from typing import Any

from ...core import vocab
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.assets import compact_json
from ...site.views import Notes, cell_view, status_badge


def compare_data(kb: KnowledgeBase) -> dict[str, Any]:
    """What the compare-any picker needs, small and ready to render: names, cells as shown."""
    categories = []
    for layer in kb.layers:
        for cat in layer.categories:
            categories.append(
                {
                    "id": cat.id,
                    "name": cat.name,
                    "layer": layer.name,
                    "dimensions": [{"id": d.id, "name": d.name, "unit": d.unit} for d in cat.dimensions],
                }
            )
    options = {}
    for opt in kb.options.values():
        cat = kb.categories[opt.category]
        notes = Notes()
        cells = {}
        for d in cat.dimensions:
            v = cell_view(opt.cells[d.id], d, notes)
            cells[d.id] = {
                "level": v["level"],
                "label": v["label"],
                "value": v["value"],
                "note": opt.cells[d.id].note,
                "disputed": v["disputed"],
                # What the other official pages say: shown in the cell's note, tap to expand.
                "disputes": [
                    {"says": x.says, "sources": [kb.sources[s].title for s in x.sources if s in kb.sources]}
                    for x in opt.cells[d.id].disputed
                ],
            }
        options[opt.id] = {
            "name": opt.name,
            "category": opt.category,
            "summary": opt.summary,
            "status": status_badge(kb, opt),
            "url": urls.served(urls.option(opt.id)),
            "cells": cells,
        }
    rules = [
        {"id": r.id, "kind": r.kind.value, "a": r.a, "b": r.b, "reason": r.reason}
        for r in sorted(kb.rules, key=lambda r: r.id)
    ]
    return {"categories": categories, "options": options, "rules": rules, "vocab": vocab.as_json()}


def assets(kb: KnowledgeBase) -> dict[str, str]:
    return {urls.COMPARE_JSON: compact_json(compare_data(kb))}
