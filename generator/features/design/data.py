"""``api/design.json``: what the designer script needs: categories, options with their select
data, rules, presets, the vocabulary, and the cited sources."""

from __future__ import annotations

import re
from typing import Any

from ...core import model as m
from ...core import vocab
from ...core.read import KnowledgeBase
from ...site import snippets, urls
from ...site.assets import compact_json
from ...site.views import lifecycle_box, lifecycle_sources, status_badge
from ..ipplan.params import planner_params
from .deploy import EGRESS_FIELDS, deploy_data
from .evaluate import merge_order
from .network import network_data
from .option_inputs import select_entries

_TOKEN = re.compile(
    r"(`+)(.+?)\1|\[([^\]]+)\]\((https://[^)\s]+)\)|\*\*(.+?)\*\*|(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])"
)


def md_tokens(text: str) -> list[list[str]]:
    """Inline Markdown as ``[kind, text, href?]`` runs that a script can build with textContent:
    code spans, https links and emphasis; everything else is plain text."""
    text = " ".join(text.split())
    out: list[list[str]] = []
    pos = 0
    for mt in _TOKEN.finditer(text):
        if mt.start() > pos:
            out.append(["text", text[pos : mt.start()]])
        if mt.group(2) is not None:
            out.append(["code", mt.group(2).strip()])
        elif mt.group(3) is not None:
            out.append(["link", mt.group(3), mt.group(4)])
        elif mt.group(5) is not None:
            out.append(["strong", mt.group(5)])
        else:
            out.append(["em", mt.group(6)])
        pos = mt.end()
    if pos < len(text):
        out.append(["text", text[pos:]])
    return out


def _select(opt: m.Option) -> dict[str, Any]:
    out: dict[str, Any] = select_entries(opt.select)
    out["requires"] = opt.select.requires
    return out


def _option(kb: KnowledgeBase, opt: m.Option) -> dict[str, Any]:
    badge = status_badge(kb, opt)
    box = lifecycle_box(kb, opt)
    text = " ".join(filter(None, [box["text"]] + box["scoped"])) if box else ""
    status = {
        "level": badge["level"],
        "label": badge["label"],
        "later": badge["later"],
        "note": md_tokens(text),
        "sources": lifecycle_sources(opt.lifecycle),
    }
    return {
        "id": opt.id,
        "name": opt.name,
        "category": opt.category,
        "summary": md_tokens(opt.summary),
        "summary_md": " ".join(opt.summary.split()),
        "status": status,
        "url": urls.served(urls.option(opt.id)),
        "select": _select(opt),
        "sources": opt.sources,
        "cons": opt.cons,
        "tags": opt.tags,
    }


def _rule(rule: m.Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "kind": rule.kind.value,
        "a": rule.a,
        "b": rule.b,
        "reason": md_tokens(rule.reason),
        "reason_md": " ".join(rule.reason.split()),
        "sources": rule.sources,
        "verified_on": rule.verified_on.isoformat(),
    }


def _egress(kb: KnowledgeBase) -> dict[str, Any]:
    """The outbound rules (data/egress.yaml) with what selects them, for ``cores/design.js:egressRules``."""
    rules = [
        r.model_dump(mode="json", include=EGRESS_FIELDS | {"needed_with", "not_needed_with"})
        for r in kb.egress
    ]
    return {"shown_on": kb.egress_shown_on, "rules": rules}


def design_data(kb: KnowledgeBase) -> dict[str, Any]:
    """What designer.js needs: categories, options with their select data, rules, presets."""
    cited = {s for opt in kb.options.values() for s in opt.sources + lifecycle_sources(opt.lifecycle)}
    cited |= {s for rule in kb.rules for s in rule.sources}
    layers = [
        {
            "id": layer.id,
            "name": layer.name,
            "categories": [
                {"id": c.id, "name": c.name, "question": c.question, "options": [o.id for o in kb.options_in(c.id)]}
                for c in layer.categories
            ],
        }
        for layer in kb.layers
    ]
    return {
        "layers": layers,
        "merge_order": merge_order(kb),
        "options": {opt.id: _option(kb, opt) for opt in kb.options.values()},
        "rules": [_rule(rule) for rule in kb.rules],
        "vocab": vocab.as_json(),
        "presets": [{"id": p.id, "name": p.name, "summary": p.summary, "choices": p.choices} for p in kb.presets],
        "sources": {
            sid: {"url": kb.sources[sid].url, "title": kb.sources[sid].title}
            for sid in sorted(cited)
            if sid in kb.sources
        },
        "az_prefix": snippets.AZ_PREFIX,
        "deploy": deploy_data(kb),
        "network": network_data(kb),
        "egress": _egress(kb),
        "extras": {e["option"]: e["id"] for e in planner_params(kb)["extras"]},
    }


def assets(kb: KnowledgeBase) -> dict[str, str]:
    return {urls.DESIGN_JSON: compact_json(design_data(kb))}
