"""Compare: a page per pair of options in a category, the compatibility matrix, compare-any."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from ...site import urls
from . import checks, data, pages


class Compare:
    name = "compare"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return checks.run(kb, settings)

    def pages(self, kb: KnowledgeBase, settings: Settings):
        return [pages.compare_index(kb), pages.matrix_page(kb)] + [
            pages.pair_page(kb, a, b) for a, b in pages.pairs(kb)
        ] + pages.alias_pair_pages(kb)

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        return [{"Compare": [urls.compare_index(), {"Compatibility matrix": urls.compatibility()}]}]

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        return data.assets(kb)


FEATURE = Compare()
