"""Checks only the IP planner needs: the numbers it reads from the knowledge base are there."""

from __future__ import annotations

from collections.abc import Iterator

from ...core.errors import DataError
from ...core.read import KnowledgeBase
from ...core.settings import Settings
from . import params


def run(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    """The IP planner reads numbers from option limits and cells; say where one is missing."""
    needs = list(params.NEEDS.values())
    for oid, (_, limits) in params.MODEL_KINDS.items():
        needs += [(oid, name) for name in limits.values()]
    for oid, lid in needs:
        if oid in kb.options and params.limit_value(kb, oid, lid) is None:
            yield DataError(
                kb.origin("option", oid).at("limits"),
                f"the IP planner needs a limit with id '{lid}' and a whole-number value on option '{oid}'",
            )
    oid, lid = params.RESERVED_RANGES
    if oid in kb.options and not params.limit_ranges(kb, oid, lid):
        yield DataError(
            kb.origin("option", oid).at("limits"),
            f"the IP planner needs a limit with id '{lid}' and ranges on option '{oid}'",
        )
    for oid in params.MODEL_KINDS:
        if oid not in kb.options:
            continue
        for dim in params.MODEL_CELLS.values():
            if dim in kb.options[oid].cells and params.cell_value(kb, oid, dim) is None:
                yield DataError(
                    kb.origin("option", oid).at("cells", dim),
                    f"the IP planner needs a whole-number value in cell '{dim}' of option '{oid}'",
                )
