"""Checks only comparisons need: a direction of preference only where values can be ordered."""

from __future__ import annotations

from collections.abc import Iterator

from ...core import model as m
from ...core.errors import DataError
from ...core.read import KnowledgeBase
from ...core.settings import Settings


def run(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    for cat in kb.categories.values():
        o = kb.origin("category", cat.id)
        for i, dim in enumerate(cat.dimensions):
            if dim.prefer and dim.kind is not m.DimensionKind.number:
                yield DataError(
                    o.at("dimensions", i, "prefer"),
                    f"'prefer' is only for number dimensions ('{dim.id}' is {dim.kind.value})",
                )
