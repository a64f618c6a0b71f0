"""Design: one option per category, the rules that apply, merged deployment settings, the IP plan."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from ...site import urls
from . import checks, data, pages


class Design:
    name = "design"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return checks.run(kb, settings)

    def pages(self, kb: KnowledgeBase, settings: Settings):
        return pages.pages(kb)

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        # The IP planner is its own feature but reads as part of designing: one tab for both.
        return [{"Design": [{"Network designer": urls.design()}, {"IP planner": urls.ip_planner()}]}]

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        return data.assets(kb)


FEATURE = Design()
