"""The designer page: the interactive designer (``designer.js``) over every preset written out
in full, so the page says something useful with JavaScript off."""

from __future__ import annotations

from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.page import Page
from ...site.views import status_badge
from . import deploy
from .evaluate import combine, evaluate, lifecycle, query


def _preset_view(kb: KnowledgeBase, preset: m.Preset) -> dict[str, Any]:
    rows = []
    for layer in kb.layers:
        for cat in layer.categories:
            opt = kb.options[preset.choices[cat.id]]
            rows.append(
                {"layer": layer, "cat": cat, "opt": opt, "src": urls.option(opt.id), "status": status_badge(kb, opt)}
            )
    combined = combine(kb, preset.choices)
    inputs = deploy.default_inputs(kb, preset.choices)
    result = deploy.design_plan(kb, preset.choices, inputs)
    values = deploy.plan_values(inputs, result)
    texts = deploy.texts(kb, preset.choices, values)
    names = {o.id: o.name for o in kb.options.values()}
    return {
        "preset": preset,
        "rows": rows,
        "findings": [f for f in evaluate(kb, preset.choices) if f["severity"] != "ok"],
        "lifecycle": lifecycle(kb, preset.choices),
        "texts": texts,
        "flags": texts["settings"]["az"],
        "blocked": deploy.blockers(kb, preset.choices, result),
        "checklist": deploy.checklist(kb, preset.choices, result, values),
        "egress": deploy.egress_rules(kb, preset.choices),
        "overridden": combined["overridden"],
        "names": names,
        "query": query(kb, preset.choices),
        "rules": {r.id: r for r in kb.rules},
    }


def pages(kb: KnowledgeBase) -> list[Page]:
    presets = [_preset_view(kb, p) for p in kb.presets if all(c in p.choices for c in kb.categories)]
    design = Page(
        urls.design(),
        "design.md.j2",
        "Network designer",
        "Pick one option per layer of an AKS network, see which choices conflict and why, and leave with the az aks "
        "create command, Bicep, Terraform and an IP plan.",
        {"presets": presets, "sources": kb.sources, "planner_src": urls.ip_planner(), "meta": {}},
        edit_path=kb.first_path("preset"),
    )
    return [design]
