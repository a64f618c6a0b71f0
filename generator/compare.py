"""Comparisons: the compatibility matrix, pairwise pages and compare-any (issue 5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .errors import DataError
from .read import KnowledgeBase
from .settings import Settings
from .views import Page


def checks(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    return iter(())


def pages(kb: KnowledgeBase, settings: Settings) -> list[Page]:
    return []


def nav(kb: KnowledgeBase) -> list[Any]:
    return []


def assets(kb: KnowledgeBase) -> dict[str, str]:
    return {}
