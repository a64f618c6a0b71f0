"""View helpers every page shares: badges, table cells with numbered notes, rules seen from one
option, the sources an option cites. Pure functions of the knowledge base.

Templates only lay out; every decision about what a page says (which notes get which number,
which rules apply, whether a fact is stale) is made here or in the page modules, where it is
easy to unit-test. Words come from ``core.vocab``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core import lifecycle
from ..core import model as m
from ..core.read import KnowledgeBase
from ..core.vocab import DISPUTED_GA, EVENTS, RULE_KINDS, STATUSES, SUPPORT
from . import urls


def fmt_number(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


def state_label(st: lifecycle.State) -> str:
    """``GA``, ``Preview``, ``Retiring 2028-03-31``, ``Retired 2026-11-30``."""
    label = STATUSES[st.level].label
    return f"{label} {st.date}" if st.date else label


def status_badge(kb: KnowledgeBase, item: m.Option | m.Variant) -> dict[str, Any]:
    """The status badge on the build date, and (``later``) the days on which its wording will
    change, so that the browser can show the right words on the day the page is read."""
    st = kb.state(item)
    later = [
        [day.isoformat(), s.level.value, state_label(s)] for day, s in lifecycle.changes_after(item.lifecycle, kb.on)
    ]
    return {"level": st.level.value, "label": state_label(st), "later": later}


def lifecycle_sources(lc: m.Lifecycle) -> list[str]:
    """Every source behind a lifecycle: its events' and its note's, each once."""
    return list(dict.fromkeys([s for e in lc.events for s in e.sources] + list(lc.sources)))


def lifecycle_events(kb: KnowledgeBase, lc: m.Lifecycle) -> list[dict[str, Any]]:
    """The events in date order, each in words: past ones as done, coming ones as coming."""
    rows = []
    for e in sorted(lc.events, key=lifecycle.effective):
        past = lifecycle.effective(e) <= kb.on
        words = EVENTS[e.kind][0 if past else 1]
        rows.append(
            {
                "event": e,
                "date": lifecycle.when_text(e),
                "past": past,
                "words": f"{words} (by this date)" if e.by else words,
            }
        )
    return rows


def lifecycle_box(kb: KnowledgeBase, item: m.Option | m.Variant) -> dict[str, Any] | None:
    """The admonition an option page (or a tree outcome) opens with: lifecycle warnings, or a
    disputed GA status. Scopes that stand elsewhere (Windows pools already retired) are named."""
    st, lc = kb.state(item), item.lifecycle
    if st.level is m.Status.ga and not lc.disputed:
        return None
    meaning = DISPUTED_GA if st.level is m.Status.ga else STATUSES[st.level]
    scoped = [f"{scope}: {state_label(lifecycle.State(level, date))}." for scope, level, date in st.scoped]
    return {
        "kind": meaning.admonition,
        "text": lc.note or meaning.text,
        "scoped": scoped,
        "sources": lifecycle_sources(lc),
    }


def is_stale(date: dt.date, today: dt.date, review_days: int) -> bool:
    return (today - date).days > review_days


class Notes:
    """Numbered footnotes for one page, caniuse style: the same text gets the same number."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, tuple[str, ...]], int] = {}

    def add(self, text: str, sources: list[str], disputed: list[m.Dispute] | tuple = ()) -> int:
        key = (text, tuple(sources) + tuple(d.says for d in disputed))
        if key not in self._index:
            self.items.append(
                {"n": len(self.items) + 1, "text": text, "sources": list(sources), "disputed": list(disputed)}
            )
            self._index[key] = len(self.items)
        return self._index[key]


def cell_view(cell: m.Cell, dim: m.Dimension, notes: Notes) -> dict[str, Any]:
    """What one table cell shows: a level badge and/or a value, and its footnote numbers."""
    level = cell.level.value if cell.level else None
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        shown = fmt_number(cell.value)
        sort_key = f"{float(cell.value):020.3f}"  # zero-padded: tablesort compares strings
    else:
        shown = str(cell.value) if cell.value is not None else None
        sort_key = shown or ""
    label = SUPPORT[cell.level].label if cell.level else None
    refs = []
    if cell.note or cell.disputed:
        refs.append(notes.add(cell.note or "Official pages disagree on this value.", cell.sources, cell.disputed))
    if cell.level and not shown:
        sort_key = str(SUPPORT[cell.level].rank or 0)
    return {
        "level": level,
        "label": label,
        "value": shown,
        "sort": sort_key,
        "refs": refs,
        "disputed": bool(cell.disputed),
        "sources": cell.sources,
    }


def rules_for(kb: KnowledgeBase, option_id: str) -> list[dict[str, Any]]:
    """Every rule that mentions ``option_id``, phrased from its point of view."""
    out = []
    for rule in kb.rules:
        if option_id not in (rule.a, rule.b):
            continue
        forward = rule.a == option_id
        other = rule.b if forward else rule.a
        meaning = RULE_KINDS[rule.kind]
        verb = meaning.verb if forward else meaning.inverse
        out.append(
            {
                "rule": rule,
                "kind": rule.kind.value,
                "verb": verb,
                "other": kb.options[other],
                "other_src": urls.option(other),
            }
        )
    return sorted(out, key=lambda r: (RULE_KINDS[r["rule"].kind].order, r["other"].name.lower()))


def option_sources(opt: m.Option) -> list[str]:
    """Every source the option cites anywhere, main sources first, each once."""
    seen: list[str] = []

    def add(refs: list[str]) -> None:
        for r in refs:
            if r not in seen:
                seen.append(r)

    add(opt.sources)
    add(lifecycle_sources(opt.lifecycle))
    for d in opt.lifecycle.disputed:
        add(d.sources)
    for cell in opt.cells.values():
        add(cell.sources)
        for d in cell.disputed:
            add(d.sources)
    for lim in opt.limits:
        add(lim.sources)
    for var in opt.variants:
        add(var.sources)
    for mig in opt.migrations:
        add(mig.sources)
    return seen
