"""Migrate: start from a running cluster. ``/migrate/`` reads pasted ``az aks show`` JSON in the
browser; ``aks-atlas audit`` reads a file. Both detect the options (``detect``), list what is
retiring or broken (``findings``) and plan the moves (``plan``) from the options' migrations."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from ...site import urls
from . import checks, data, pages


class Migrate:
    name = "migrate"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return checks.check(kb)

    def pages(self, kb: KnowledgeBase, settings: Settings):
        return [pages.migrate_page(kb)]

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        return [{"Your cluster": urls.migrate()}]

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        return {urls.MIGRATE_JSON: data.migrate_json(kb)}


FEATURE = Migrate()
