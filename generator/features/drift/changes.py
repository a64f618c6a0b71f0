"""Step 2c: the pages that changed after a fact citing them was verified, and those facts.

A page changed after a fact when its ``ms.date`` or its last commit is later than the fact's
``verified_on`` (the same day is not later: the fact was checked against that version). Pages
are reported once, with every source that maps to them (a redirect can make two sources one
page) and every fact that is older than the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checkout import Checkout
from .facts import Fact, citing
from .history import PageState, page_states
from .sources import Mapped, SourceMap


@dataclass(frozen=True)
class Stale:
    """A fact older than a change of a page it cites, and which signals say so."""

    fact: Fact
    source: str
    because: tuple[str, ...]  # "ms.date", "commit"


@dataclass
class ChangedPage:
    checkout: Checkout
    file: str
    state: PageState
    sources: list[Mapped] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)


def changed_pages(source_map: SourceMap, facts: list[Fact]) -> list[ChangedPage]:
    """Every mapped page with at least one fact older than its change, in file order."""
    files: dict[Path, set[str]] = {}
    checkouts: dict[Path, Checkout] = {}
    for mapped in source_map.mapped.values():
        files.setdefault(mapped.checkout.root, set()).add(mapped.file)
        checkouts[mapped.checkout.root] = mapped.checkout
    states = {
        (root, name): state
        for root, names in files.items()
        for name, state in page_states(checkouts[root], names).items()
    }
    by_source = citing(facts)
    pages: dict[tuple[Path, str], ChangedPage] = {}
    for mapped in sorted(source_map.mapped.values(), key=lambda m: m.source):
        key = (mapped.checkout.root, mapped.file)
        page = pages.setdefault(key, ChangedPage(mapped.checkout, mapped.file, states[key]))
        page.sources.append(mapped)
        page.stale.extend(s for f in by_source.get(mapped.source, []) if (s := _stale(f, mapped, page.state)))
    return [page for _, page in sorted(pages.items()) if page.stale]


def _stale(fact: Fact, mapped: Mapped, state: PageState) -> Stale | None:
    because = []
    if state.ms_date is not None and state.ms_date > fact.verified_on:
        because.append("ms.date")
    if state.commit is not None and state.commit.date > fact.verified_on:
        because.append("commit")
    return Stale(fact, mapped.source, tuple(because)) if because else None
