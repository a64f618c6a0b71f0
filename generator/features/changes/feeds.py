"""The Atom feed of changes and the iCalendar feed of lifecycle dates, written with feedgen and
icalendar. Both are deterministic (dates from the build day, stable ids), so builds stay
byte-identical, and both are drawn from the same entries as the changes page."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from ...core.model import EventKind
from ...core.read import KnowledgeBase
from ...core.vocab import EVENTS
from ...site import urls
from ...site.timeline import Entry, entries, lifecycle_entries

NAME = "AKS Networking Atlas"
#: Answers Material's sitemap request beside the feed links (see ``urls.FEEDS_SITEMAP``).
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)
#: Ids that never change with the site's address: feed readers and calendars key on them.
TAG = "tag:aks-networking-atlas,2026:"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def atom(kb: KnowledgeBase, site_url: str) -> str:
    """Content changes and lifecycle events that have happened, newest first."""
    fg = FeedGenerator()
    fg.id(TAG + "changes")
    fg.title(f"{NAME}: changes")
    fg.subtitle("Lifecycle events of AKS networking options and changes to the atlas's content.")
    fg.link(href=urls.absolute(site_url, urls.CHANGES_FEED, urls.changes()), rel="alternate")
    if site_url:
        fg.link(href=site_url.rstrip("/") + "/" + urls.CHANGES_FEED, rel="self")
    fg.language("en")
    fg.updated(_midnight(kb.on))
    fg.generator(NAME)
    for e in reversed([e for e in entries(kb) if e.past]):  # feedgen prepends: add oldest first
        entry = fg.add_entry()
        entry.id(TAG + e.uid)
        entry.title(f"{e.subject}: {e.words}" + (f" ({e.scope})" if e.scope else ""))
        entry.updated(_midnight(e.day))
        entry.published(_midnight(e.day))
        entry.link(href=urls.absolute(site_url, urls.CHANGES_FEED, urls.changes(), f"#{e.uid}"))
        entry.summary(_summary(kb, e))
    return fg.atom_str(pretty=True).decode("utf-8")


def _summary(kb: KnowledgeBase, e: Entry) -> str:
    cited = ", ".join(kb.sources[s].url for s in e.sources if s in kb.sources)
    when = f"by {e.shown}" if e.by else f"on {e.shown}"
    what = e.words.removesuffix(" (by this date)")
    return " ".join(filter(None, [f"{what} {when}.", e.summary and " ".join(e.summary.split()), f"Sources: {cited}."]))


def icalendar(kb: KnowledgeBase, site_url: str) -> str:
    """One all-day event per lifecycle date, past and coming. A month-precision date sits on the
    month's first day for a start and on its last day for an end (the last day still covered)."""
    cal = Calendar()
    cal.add("prodid", f"-//{NAME}//lifecycle//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{NAME}: lifecycle dates")
    for e in sorted(lifecycle_entries(kb), key=lambda e: (e.day, e.uid)):
        month_end = len(e.shown) == 7 and e.day.day == 1 and e.day != dt.date.fromisoformat(e.shown + "-01")
        day = e.day - dt.timedelta(days=1) if month_end else e.day
        ev = Event()
        ev.add("uid", f"{e.uid}@aks-networking-atlas")
        ev.add("dtstamp", _midnight(kb.on))
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
        ev.add("summary", f"{e.subject}: {EVENTS[EventKind(e.kind)][1]}" + (f" ({e.scope})" if e.scope else ""))
        ev.add("description", _summary(kb, e))
        if site_url:  # a calendar's URL must be absolute: left out when the address is unknown
            ev.add("url", urls.absolute(site_url, urls.LIFECYCLE_CALENDAR, urls.changes(), f"#{e.uid}"))
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")
