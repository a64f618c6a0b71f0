"""The IP planner page: the interactive planner (``ip-planner.js``) over the formulas and
Microsoft's worked examples, recomputed from the knowledge base, so the page is useful without
JavaScript."""

from __future__ import annotations

from ...core.read import KnowledgeBase
from ...site import urls
from ...site.page import Page
from ...site.search import search_meta
from .addresses import fmt, nodes_in_prefix
from .explain import WORKED_CAPACITY, WORKED_EXAMPLES, describe_example, describe_formulas
from .params import planner_params


def planner_page(kb: KnowledgeBase) -> Page:
    params = planner_params(kb)
    examples = []
    for ex in WORKED_EXAMPLES:
        if ex["model"] in params["models"]:
            examples.append({"ex": ex, "result": describe_example(params, ex)})
    capacity = [
        {
            "ex": c,
            "nodes": nodes_in_prefix(params, c["model"], c["prefix"], c["max_pods"]),
            "model": params["models"][c["model"]],
        }
        for c in WORKED_CAPACITY
        if c["model"] in params["models"]
    ]
    planner = Page(
        urls.ip_planner(),
        "ip-planner.md.j2",
        "IP planner",
        "Size the node subnet, pod subnet or pod CIDR of an AKS cluster, lay the subnets out in your VNet, and catch "
        "overlaps and limits before you deploy.",
        {
            "params": params,
            "formulas": describe_formulas(params),
            "examples": examples,
            "capacity": capacity,
            "sources": kb.sources,
            "design_src": urls.design(),
            "fmt": fmt,
            "meta": search_meta("tool", ["IP address planning", "subnet sizing", "CIDR calculator"], ["IP planner"]),
        },
    )
    return planner
