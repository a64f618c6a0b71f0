"""The IP planner: subnet and range sizes, their layout in the VNet, overlaps and limits."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from ...site import urls
from ...site.assets import compact_json
from . import checks, pages
from .explain import describe_formulas
from .params import planner_params


class IpPlanner:
    name = "ipplan"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return checks.run(kb, settings)

    def pages(self, kb: KnowledgeBase, settings: Settings):
        return [pages.planner_page(kb)]

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        return []  # listed in the Design tab, next to the network designer

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        params = planner_params(kb)
        params["formula_rows"] = describe_formulas(params)
        return {urls.IPPLAN_JSON: compact_json(params)}


FEATURE = IpPlanner()
