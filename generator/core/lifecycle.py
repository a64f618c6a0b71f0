"""Where an option or variant stands on a given day, computed from its dated lifecycle events.

Nothing in the data says "retiring" or "retired": the events say what happens when (preview,
GA, retirement announced, end of patches, end of support, creation blocked, removed), and this
module turns them into a state for the build date. ``docs/assets/js/cores/lifecycle.js`` is a
port of ``state``; pages carry the events so that the browser can refine the wording on the
day a page is read, and a Node test holds the two to the same answers.

Dates are as precise as the source: a day, or a month. A month-precision start (preview, GA,
an announcement) counts from the first day of that month; a month-precision end (end of
patches or support, creation blocked, removal) counts from the first day after that month,
since "support ends in November 2026" means November is still supported.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from . import model as m

K = m.EventKind
#: Events after which the option is on its way out, and those that end it.
WINDING_DOWN = (K.retirement_announced, K.end_of_patches, K.creation_blocked)
ENDING = (K.end_of_support, K.removed)
#: Events whose month-precision date counts from the month after (see the module docstring).
_ENDS = (K.end_of_patches, K.end_of_support, K.creation_blocked, K.removed)


def effective(event: m.Event) -> dt.date:
    """The first day on which ``event`` has happened."""
    if isinstance(event.date, dt.date):
        return event.date
    year, month = (int(x) for x in event.date.split("-"))
    if event.kind in _ENDS:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, last) + dt.timedelta(days=1)
    return dt.date(year, month, 1)


def when_text(event: m.Event) -> str:
    """The date as the source gives it: ``2026-11-30`` or ``2026-11``."""
    return event.date.isoformat() if isinstance(event.date, dt.date) else event.date


@dataclass(frozen=True)
class State:
    """One option's (or one scope's) standing on a day."""

    level: m.Status
    #: The date the label names (the end of support while retiring, the end once it passed).
    date: str | None = None
    #: Scoped standings that differ from the whole, e.g. ("Windows", retired, "2026-09-30").
    scoped: tuple[tuple[str, m.Status, str | None], ...] = field(default_factory=tuple)


def _one(events: list[m.Event], today: dt.date, superseded: bool) -> State:
    """The standing given one set of events (the unscoped ones plus one scope's)."""
    happened = [e for e in events if effective(e) <= today]
    ended = [e for e in happened if e.kind in ENDING]
    if ended:
        first = min(ended, key=effective)
        return State(m.Status.retired, when_text(first))
    coming = sorted((e for e in events if e.kind in ENDING), key=effective)
    # A coming end makes it retiring once it is announced: from the announcement when the data
    # dates it, else always (the end date is known, so it was announced).
    announced = [e for e in events if e.kind is K.retirement_announced]
    end_known = bool(coming) and (not announced or any(effective(e) <= today for e in announced))
    if end_known or any(e.kind in WINDING_DOWN for e in happened):
        return State(m.Status.retiring, when_text(coming[0]) if coming else None)
    if superseded:
        return State(m.Status.legacy)
    if any(e.kind is K.ga for e in happened):
        return State(m.Status.ga)
    return State(m.Status.preview)


def state(lifecycle: m.Lifecycle, today: dt.date) -> State:
    """The standing of the whole option on ``today``, with the scopes that differ from it.

    With scoped events (Windows and Linux pools on different dates) the whole stands where its
    most usable scope stands: an option still supported somewhere is retiring, not retired, and
    one generally available on Linux is GA even while Windows is in preview. The other scopes are
    listed with their own standing."""
    superseded = lifecycle.superseded_by is not None
    common = [e for e in lifecycle.events if e.scope is None]
    scopes = sorted({e.scope for e in lifecycle.events if e.scope is not None})
    if not scopes:
        return _one(common, today, superseded)
    per_scope = {s: _one(common + [e for e in lifecycle.events if e.scope == s], today, superseded) for s in scopes}
    whole = _most_usable(list(per_scope.values()))
    scoped = tuple(
        (s, st.level, st.date) for s, st in per_scope.items() if (st.level, st.date) != (whole.level, whole.date)
    )
    return State(whole.level, whole.date, scoped)


#: From least to most usable, for choosing which scope speaks for the whole.
_USABLE = [m.Status.retired, m.Status.preview, m.Status.retiring, m.Status.legacy, m.Status.ga]


def _most_usable(states: list[State]) -> State:
    """The most usable scope; among equals, the one whose date comes last."""
    level = max((st.level for st in states), key=_USABLE.index)
    return max((st for st in states if st.level is level), key=lambda st: st.date or "")


def changes_after(lifecycle: m.Lifecycle, today: dt.date) -> list[tuple[dt.date, State]]:
    """How the state moves after ``today``: each later day on which it changes, with the new
    state. Pages carry this so the browser can adjust the wording on the day a page is read."""
    out: list[tuple[dt.date, State]] = []
    current = state(lifecycle, today)
    for day in sorted({effective(e) for e in lifecycle.events if effective(e) > today}):
        new = state(lifecycle, day)
        if new != current:
            out.append((day, new))
            current = new
    return out


def start(lifecycle: m.Lifecycle) -> m.Event | None:
    """The first preview or GA event: when the option became available."""
    starts = [e for e in lifecycle.events if e.kind in (K.preview, K.ga)]
    return min(starts, key=effective) if starts else None
