"""The knowledge base as open data: one JSON document (``/api/kb.json``, ``aks-atlas export``)."""

from __future__ import annotations

import json
from typing import Any

from .read import KnowledgeBase

FORMAT_VERSION = 1


def kb_dict(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "layers": [layer.model_dump(mode="json") for layer in kb.layers],
        "command_order": kb.command_order,
        "options": [kb.options[k].model_dump(mode="json") for k in sorted(kb.options)],
        "rules": [r.model_dump(mode="json") for r in sorted(kb.rules, key=lambda r: r.id)],
        "glossary": [t.model_dump(mode="json") for t in sorted(kb.terms, key=lambda t: t.id)],
        "trees": [kb.trees[k].model_dump(mode="json") for k in sorted(kb.trees)],
        "presets": [p.model_dump(mode="json") for p in kb.presets],
        "changes": [c.model_dump(mode="json") for c in kb.changes],
        "sources": [kb.sources[k].model_dump(mode="json") for k in sorted(kb.sources)],
    }


def export_kb(kb: KnowledgeBase) -> str:
    """Deterministic JSON (sorted keys, fixed separators) so builds stay byte-identical."""
    return json.dumps(kb_dict(kb), sort_keys=True, ensure_ascii=False, indent=1) + "\n"
