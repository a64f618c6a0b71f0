"""The timeline on the changes page: one row per option, coloured by its state over the years
(preview, GA, legacy, retiring, ended), a mark at each event and a line at the build date.

Drawn at build time as inline SVG, so it needs no script and no library. Colours come from the
site's CSS variables, so it follows the light and dark schemes; the list under it says the
same in words (the SVG names it as its text equivalent).
"""

from __future__ import annotations

import datetime as dt
import html

from ...core import lifecycle
from ...core import model as m
from ...core.read import KnowledgeBase

WIDTH, LABEL, ROW, TOP, PAD = 960, 250, 20, 28, 8
YEARS_BEFORE, YEARS_AFTER = 5, 3


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = (end - start).days
    clamped = min(max(day, start), end)
    return round(LABEL + (WIDTH - LABEL - PAD) * (clamped - start).days / span, 1)


def _segments(lc: m.Lifecycle, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date, m.Status]]:
    """The option's state between each pair of consecutive event dates inside the window."""
    days = sorted({lifecycle.effective(e) for e in lc.events} | {start})
    days = [d for d in days if d <= end] + [end]
    first = lifecycle.start(lc)
    out = []
    for a, b in zip(days, days[1:]):
        if first is None or a < lifecycle.effective(first) or a == b:
            continue
        out.append((max(a, start), b, lifecycle.state(lc, a).level))
    return out


def _row(kb: KnowledgeBase, opt: m.Option, y: int, start: dt.date, end: dt.date) -> list[str]:
    # Plain text, not links: the list under the timeline links every option (links inside an
    # SVG image are not announced as such, and Material's instant navigation cannot rewrite them).
    parts = [
        f'<text class="atlas-tl-label" x="{LABEL - PAD}" y="{y + 14}" text-anchor="end">{html.escape(opt.name)}</text>'
    ]
    for a, b, level in _segments(opt.lifecycle, start, end):
        x1, x2 = _x(a, start, end), _x(b, start, end)
        if x2 > x1:
            parts.append(
                f'<rect class="atlas-tl-{level.value}" x="{x1}" y="{y + 5}" width="{round(x2 - x1, 1)}" height="10"/>'
            )
    for e in opt.lifecycle.events:
        day = lifecycle.effective(e)
        if start <= day <= end:
            title = html.escape(
                f"{opt.name}: {e.kind.value} {lifecycle.when_text(e)}" + (f" ({e.scope})" if e.scope else "")
            )
            cx = _x(day, start, end)
            parts.append(
                f'<circle class="atlas-tl-mark" cx="{cx}" cy="{y + 10}" r="3.5"><title>{title}</title></circle>'
            )
    return parts


def timeline_svg(kb: KnowledgeBase, list_id: str) -> str:
    """The SVG element, with ``aria-describedby`` pointing at the list that says it in words."""
    start = dt.date(kb.on.year - YEARS_BEFORE, 1, 1)
    end = dt.date(kb.on.year + YEARS_AFTER, 12, 31)
    order = [o for layer in kb.layers for c in layer.categories for o in kb.options_in(c.id)]
    height = TOP + ROW * len(order) + PAD
    parts = [
        f'<svg class="atlas-timeline" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="atlas-tl-title" aria-describedby="{list_id}">',
        '<title id="atlas-tl-title">Lifecycle timeline of every option, '
        f"{start.year} to {end.year}, with the build date marked</title>",
    ]
    for year in range(start.year, end.year + 1):
        x = _x(dt.date(year, 1, 1), start, end)
        parts.append(f'<line class="atlas-tl-grid" x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{height - PAD}"/>')
        parts.append(f'<text class="atlas-tl-year" x="{x + 3}" y="{TOP - 10}">{year}</text>')
    for i, opt in enumerate(order):
        parts += _row(kb, opt, TOP + ROW * i, start, end)
    x = _x(kb.on, start, end)
    parts.append(f'<line class="atlas-tl-today" x1="{x}" y1="{TOP - 20}" x2="{x}" y2="{height - PAD}"/>')
    parts.append(f'<text class="atlas-tl-today-label" x="{x + 3}" y="{TOP - 20}">built {kb.on.isoformat()}</text>')
    parts.append("</svg>")
    return "".join(parts)
