"""Decide: decision trees as data, each an outline, a flowchart and a wizard."""

from __future__ import annotations

import html
from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from ...site import urls
from . import checks, data, pages


class Decide:
    name = "decide"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return checks.run(kb, settings)

    def pages(self, kb: KnowledgeBase, settings: Settings):
        if not kb.trees:
            return []
        return [pages.index_page(kb)] + [pages.tree_page(kb, t) for t in pages.ordered(kb)]

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        if not kb.trees:
            return []
        # Material renders navigation titles as HTML: names from the data are escaped.
        return [{"Decide": [urls.decide_index()] + [{html.escape(t.name): urls.tree(t.id)} for t in pages.ordered(kb)]}]

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        return data.assets(kb)


FEATURE = Decide()
