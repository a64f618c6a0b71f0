"""``api/trees/<id>.json``: what the wizard and the flowchart need. Prose (why, reasons) stays
in the page, where MkDocs renders it once."""

from __future__ import annotations

import json
from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.views import status_badge
from .pages import design_query


def tree_data(kb: KnowledgeBase, tree: m.Tree) -> dict[str, Any]:
    """What the wizard and the flowchart need. Prose (why, reasons) stays in the page."""
    src = urls.tree(tree.id)
    return {
        "format": 2,
        "id": tree.id,
        "name": tree.name,
        "start": tree.start,
        "questions": {
            q.id: {
                "question": q.question,
                "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers],
            }
            for q in tree.questions
        },
        "outcomes": {
            oc.id: {
                "title": oc.title,
                "recommend": [
                    {
                        "id": x,
                        "name": kb.options[x].name,
                        "category": kb.options[x].category,
                        "status": status_badge(kb, kb.options[x]),
                        "url": urls.served(urls.option(x)),
                    }
                    for x in oc.recommend
                ],
                "ruled_out": [{"id": ro.option, "by": ro.by} for ro in oc.ruled_out],
                "design": (urls.served(urls.design()) + "?" + q)
                if (q := design_query(kb, list(oc.recommend)))
                else None,
            }
            for oc in tree.outcomes
        },
        "page": urls.served(src),
    }


def assets(kb: KnowledgeBase) -> dict[str, str]:
    return {
        urls.tree_json(t.id): json.dumps(tree_data(kb, t), sort_keys=True, ensure_ascii=False, indent=1) + "\n"
        for t in kb.trees.values()
    }
