"""Checks only comparisons need: a better direction only where answers can be ordered (higher or
lower numbers, yes or no for support questions), never on text."""

from __future__ import annotations

from collections.abc import Iterator

from ...core import model as m
from ...core.errors import DataError
from ...core.read import KnowledgeBase
from ...core.settings import Settings

#: The directions each kind of dimension may declare.
ALLOWED = {m.DimensionKind.number: ("higher", "lower"), m.DimensionKind.support: ("yes", "no")}


def run(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    for cat in kb.categories.values():
        o = kb.origin("category", cat.id)
        for i, dim in enumerate(cat.dimensions):
            allowed = ALLOWED.get(dim.kind, ())
            if dim.prefer and dim.prefer not in allowed:
                hint = f"use {' or '.join(allowed)}" if allowed else "a text answer has no better direction"
                yield DataError(
                    o.at("dimensions", i, "prefer"),
                    f"prefer: {dim.prefer} does not fit the {dim.kind.value} dimension '{dim.id}': {hint}",
                )
