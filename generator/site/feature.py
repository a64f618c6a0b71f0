"""The one interface every feature implements; ``generator.app`` is the only place that lists them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ..core.errors import DataError
from ..core.read import KnowledgeBase
from ..core.settings import Settings
from .page import Page


class Feature(Protocol):
    """A part of the site beyond the reference pages (compare, decide, design, IP planner)."""

    #: Short name, for messages and tests.
    name: str

    def checks(self, kb: KnowledgeBase, settings: Settings) -> Iterable[DataError]:
        """Data errors only this feature can see (e.g. a decision tree with a loop)."""
        ...

    def pages(self, kb: KnowledgeBase, settings: Settings) -> list[Page]:
        """The pages it adds."""
        ...

    def nav(self, kb: KnowledgeBase) -> list[Any]:
        """Its top-level navigation entries (MkDocs nav syntax)."""
        ...

    def assets(self, kb: KnowledgeBase, settings: Settings) -> dict[str, str]:
        """Data files for its page scripts: ``{path from the site root: text}``."""
        ...
