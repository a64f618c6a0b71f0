"""Step 2b: the facts of the knowledge base, each with its ``verified_on`` and every source it cites.

A fact is an option, a rule or a decision tree: the unit a maintainer re-checks and re-dates.
An option cites sources in many places (its main sources, its status, cells, limits, variants,
migrations, disputes); all of them are collected by walking the entry, so a field added later
with ``sources`` is covered without a change here. A part of an entry with its own
``verified_on`` (a cell re-checked on its own) is a fact of its own: its sources are compared
with its own date, not the entry's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...core.errors import Position
from ...core.read import KnowledgeBase


@dataclass
class Fact:
    kind: str  # option, rule, tree
    id: str
    #: The part of the entry with its own verified_on (``cells.windows``), or "" for the entry.
    part: str
    verified_on: dt.date
    where: Position
    #: source id -> the fields that cite it (``status.sources``, ``cells.speed.sources``, ...).
    cites: dict[str, list[str]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}" + (f" ({self.part})" if self.part else "")


def all_facts(kb: KnowledgeBase) -> list[Fact]:
    """Every option, rule and tree of ``kb`` (and their separately verified parts)."""
    entries = [
        *(("option", o.id, o) for o in kb.options.values()),
        *(("rule", r.id, r) for r in kb.rules),
        *(("tree", t.id, t) for t in kb.trees.values()),
    ]
    facts: list[Fact] = []
    for kind, ident, entry in entries:
        origin = kb.origin(kind, ident)
        data = entry.model_dump(mode="python")
        facts.extend(_walk(data, (), None, kind, ident, origin))
    return facts


def _walk(node: Any, loc: tuple[Any, ...], fact: Fact | None, kind: str, ident: str, origin: Any) -> Iterator[Fact]:
    """Depth-first over one entry: open a fact wherever ``verified_on`` is set, and file each
    ``sources`` list under the innermost open fact."""
    if isinstance(node, dict):
        if isinstance(node.get("verified_on"), dt.date):
            part = dotted(loc)
            fact = Fact(kind, ident, part, node["verified_on"], origin.at(*loc, "verified_on"))
            yield fact
        for key, value in node.items():
            if key == "sources" and isinstance(value, list) and fact is not None:
                for sid in value:
                    fact.cites.setdefault(sid, []).append(dotted((*loc, key)))
            else:
                yield from _walk(value, (*loc, key), fact, kind, ident, origin)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk(item, (*loc, i), fact, kind, ident, origin)


def dotted(loc: tuple[Any, ...]) -> str:
    """``("limits", 0, "sources")`` -> ``limits[0].sources``, as an author finds it in the file."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def citing(facts: list[Fact]) -> dict[str, list[Fact]]:
    """source id -> the facts that cite it."""
    index: dict[str, list[Fact]] = {}
    for fact in facts:
        for sid in fact.cites:
            index.setdefault(sid, []).append(fact)
    return index
