"""Drift: which facts to re-check because their sources changed after they were verified.

A feature without pages (not in ``app.FEATURES``): ``aks-atlas drift`` calls ``detect`` directly.
The steps, one module each:

1. ``checkout`` reads each local docs repository's publishing set-up and ``sources`` maps every
   registered learn.microsoft.com source to its file, through redirects (an unmappable source is
   a finding);
2. ``facts`` lists every fact (option, rule, tree, separately verified part) with its
   ``verified_on`` and the sources it cites, ``history`` dates each mapped page (``ms.date`` and
   its last commit), and ``changes`` keeps the pages that changed after a fact citing them;
3. ``notes`` reads the AKS release notes and keeps the entries that name an option released
   after it was verified;
4. ``report`` writes it all as text or JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ...core.read import KnowledgeBase
from .changes import ChangedPage, changed_pages
from .checkout import Checkout, read_checkout
from .errors import UnusableInput
from .facts import Fact, all_facts
from .notes import NoteFinding, find_in_notes, read_notes
from .sources import SourceMap, map_sources

__all__ = ["Drift", "UnusableInput", "detect"]


@dataclass
class Drift:
    checkouts: list[Checkout]
    sources: SourceMap
    facts: list[Fact]
    pages: list[ChangedPage]
    notes_path: Path | None = None
    notes_since: dt.date | None = None
    notes_read: int = 0
    notes: list[NoteFinding] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        """Exit 1: a source the map cannot place, a changed page or a release-note entry."""
        return bool(self.sources.unmappable or self.pages or self.notes)


def detect(kb: KnowledgeBase, docs: list[Path], notes: Path | None = None) -> Drift:
    """Run every step; ``UnusableInput`` (before any slow work) if an input cannot be read."""
    checkouts = [read_checkout(d) for d in docs]
    entries = read_notes(notes) if notes is not None else []
    source_map = map_sources(kb, checkouts)
    facts = all_facts(kb)
    drift = Drift(checkouts, source_map, facts, changed_pages(source_map, facts), notes, notes_read=len(entries))
    if notes is not None:
        drift.notes_since, drift.notes = find_in_notes(entries, kb, facts)
    return drift
