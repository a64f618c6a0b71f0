"""Changes: the lifecycle events and content changes as a page, a timeline and two feeds."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from ...core.settings import Settings
from ...site import urls
from . import feeds, pages


class Changes:
    name = "changes"

    def checks(self, kb: KnowledgeBase, settings: Settings):
        return []  # the lifecycle and change records are checked in the core

    def pages(self, kb: KnowledgeBase, settings: Settings):
        return [pages.changes_page(kb)]

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        return [{"Changes": urls.changes()}]

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        return {
            urls.CHANGES_FEED: feeds.atom(kb, settings.site_url),
            urls.LIFECYCLE_CALENDAR: feeds.icalendar(kb, settings.site_url),
            urls.FEEDS_SITEMAP: feeds.EMPTY_SITEMAP,
        }


FEATURE = Changes()
