"""A design is one option per category (``choices``: category id -> option id). From it come the
rules that apply (``evaluate``, ``fixes_for``), lifecycle warnings (``lifecycle``) and one merged
set of deployment settings (``combine``), which ``deploy`` completes with the IP plan.
``cores/design.js`` mirrors them in the browser from ``api/design.json``; a Node test holds the
two to the same output, and golden files hold each preset's commands still.
"""

from __future__ import annotations

from typing import Any

from ...core import model as m
from ...core.design_rules import evaluate
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.views import status_badge

KINDS = (("az", "az_aks_create", "flag"), ("bicep", "bicep", "property"), ("terraform", "terraform", "property"))


def merge_order(kb: KnowledgeBase) -> list[str]:
    """The categories in the order their settings are merged (``command_order`` in the data)."""
    return kb.command_order or [c.id for layer in kb.layers for c in layer.categories]


def combine(kb: KnowledgeBase, choices: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The settings of every chosen option, merged in ``merge_order``: each flag or property once.

    When two chosen options give one setting different values, the first wins and the other is
    reported in ``overridden``; placeholders such as ``<subnet-resource-id>`` stand for the same
    thing and are not reported.
    """
    out: dict[str, list[dict[str, Any]]] = {"az": [], "bicep": [], "terraform": [], "overridden": []}
    for kind, field, key in KINDS:
        seen: dict[str, dict[str, Any]] = {}
        for cat in merge_order(kb):
            opt = kb.options.get(choices.get(cat, ""))
            if opt is None:
                continue
            for item in getattr(opt.select, field):
                name = getattr(item, key)
                entry = {
                    "key": name,
                    "value": item.value,
                    "option": opt.id,
                    "why": item.why if kind == "az" else (item.note or ""),
                }
                first = seen.get(name)
                if first is None:
                    seen[name] = entry
                    out[kind].append(entry)
                elif first["value"] != item.value and not (_placeholder(first["value"]) and _placeholder(item.value)):
                    out["overridden"].append({**entry, "kind": kind, "by": first["option"], "used": first["value"]})
    return out


def _placeholder(value: Any) -> bool:
    return isinstance(value, str) and "<" in value


def fix_rank(level: str, later: list[Any], tags: list[str]) -> int:
    """The order fixes are offered in: recommended and GA first, then GA, preview, the rest
    (an option with a lifecycle change ahead, such as a retirement, is not GA here)."""
    ga = level == "ga" and not later
    return 0 if ga and "recommended" in tags else 1 if ga else 2 if level == "preview" else 3


def fixes_for(kb: KnowledgeBase, choices: dict[str, str], finding: dict[str, Any]) -> list[tuple[str, str]]:
    """The single changes (category, option) that settle a finding without adding an error:
    for an error up to three options per category involved, best first (``fix_rank``); for a
    tip, the recommended option itself. ``cores/design.js:fixesFor`` is the same."""
    out = []
    before = {f["rule"] for f in evaluate(kb, choices) if f["severity"] == "error"}
    for cat in finding["change"]:
        ranked = sorted(
            kb.options_in(cat),
            key=lambda o: fix_rank(status_badge(kb, o)["level"], status_badge(kb, o)["later"], o.tags),
        )
        n = 0
        for opt in ranked:
            if opt.id == choices.get(cat) or n >= 3 or (finding["severity"] == "tip" and opt.id != finding["b"]):
                continue
            errs = [f for f in evaluate(kb, {**choices, cat: opt.id}) if f["severity"] == "error"]
            if any(f["rule"] == finding["rule"] or f["rule"] not in before for f in errs):
                continue
            out.append((cat, opt.id))
            n += 1
    return out


def lifecycle(kb: KnowledgeBase, choices: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for cat in (c.id for layer in kb.layers for c in layer.categories):
        opt = kb.options.get(choices.get(cat, ""))
        if opt is not None and kb.state(opt).level is not m.Status.ga:
            badge = status_badge(kb, opt)
            out.append(
                {"option": opt.id, "level": badge["level"], "label": badge["label"], "note": opt.lifecycle.note or ""}
            )
    return out


def query(kb: KnowledgeBase, choices: dict[str, str]) -> str:
    """The designer URL's query string for a design (category order, as designer.js writes it)."""
    cats = [c.id for layer in kb.layers for c in layer.categories]
    return urls.design_query((c, choices[c]) for c in cats if c in choices)
