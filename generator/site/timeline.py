"""Everything that happened or will happen, as one list: every lifecycle event of every option
and variant, and every recorded content change, newest first. The changes page, its SVG
timeline, the Atom feed and the iCalendar feed are all drawn from it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core import lifecycle
from ..core import model as m
from ..core.read import KnowledgeBase
from ..core.vocab import EVENTS


@dataclass(frozen=True)
class Entry:
    """One line of the changes page."""

    uid: str  #: stable across builds: feeds and calendars key on it
    day: dt.date  #: when it takes effect (a month-precision end: the day after the month)
    shown: str  #: the date as the source gives it
    kind: str  #: an event kind (``end-of-support``...) or ``content-<kind>``
    option: m.Option | None
    subject: str  #: what it is about: an option or variant name, or the change's title
    words: str  #: what happens, in words for the build date
    scope: str | None
    sources: tuple[str, ...]
    past: bool
    summary: str | None = None  #: a content change's Markdown summary, or an event's note
    by: bool = False  #: the source only shows it had happened by this date


def _slug(text: str) -> str:
    """A scope as part of an id and an anchor: lowercase letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "scope"


def lifecycle_entries(kb: KnowledgeBase) -> list[Entry]:
    out = []
    for opt in kb.options.values():
        items = [(opt.id, opt.name, opt.lifecycle)] + [
            (f"{opt.id}-{v.id}", f"{opt.name}: {v.name}", v.lifecycle) for v in opt.variants
        ]
        for key, subject, lc in items:
            for e in lc.events:
                day, past = lifecycle.effective(e), lifecycle.effective(e) <= kb.on
                scope_key = "-" + _slug(e.scope) if e.scope else ""
                words = EVENTS[e.kind][0 if past else 1] + (" (by this date)" if e.by else "")
                out.append(
                    Entry(
                        f"{key}-{e.kind.value}{scope_key}",
                        day,
                        lifecycle.when_text(e),
                        e.kind.value,
                        opt,
                        subject,
                        words,
                        e.scope,
                        tuple(e.sources),
                        past,
                        e.note,
                        e.by,
                    )
                )
    return out


def content_entries(kb: KnowledgeBase) -> list[Entry]:
    return [
        Entry(
            f"change-{c.id}",
            c.date,
            c.date.isoformat(),
            f"content-{c.kind.value}",
            kb.options.get(c.options[0]) if len(c.options) == 1 else None,
            c.title,
            c.kind.value.capitalize(),
            None,
            tuple(c.sources),
            True,
            c.summary,
        )
        for c in kb.changes
    ]


def entries(kb: KnowledgeBase) -> list[Entry]:
    """Every entry, newest first; on the same day, by subject."""
    return sorted(lifecycle_entries(kb) + content_entries(kb), key=lambda e: (-e.day.toordinal(), e.subject, e.uid))


def window(kb: KnowledgeBase, before_days: int, after_days: int) -> tuple[list[Entry], list[Entry]]:
    """Lifecycle entries that take effect in the next ``after_days`` (soonest first) and those
    that took effect in the last ``before_days`` (latest first): what the home page shows."""
    life = lifecycle_entries(kb)
    ahead = sorted((e for e in life if kb.on < e.day <= kb.on + dt.timedelta(days=after_days)), key=lambda e: e.day)
    behind = sorted(
        (e for e in life if kb.on - dt.timedelta(days=before_days) < e.day <= kb.on), key=lambda e: -e.day.toordinal()
    )
    return ahead, behind
