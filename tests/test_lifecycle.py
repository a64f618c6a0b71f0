"""Time is part of the data: lifecycle states computed from dated events, prose that never pins
the present, the changes page, and the Atom and iCalendar feeds parsed back."""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from generator.core import lifecycle
from generator.core import model as m
from generator.core.prose import pins_present

from .conftest import EPOCH, ROOT, build_site, page

ATOM = "{http://www.w3.org/2005/Atom}"


def lc(*events: tuple, superseded: str | None = None) -> m.Lifecycle:
    return m.Lifecycle(
        events=[
            m.Event(kind=k, date=d, scope=s, sources=["x"])
            for k, d, *rest in events
            for s in [rest[0] if rest else None]
        ],
        superseded_by=superseded,
        sources=["x"] if superseded else [],
    )


def at(life: m.Lifecycle, day: str) -> tuple[str, str | None]:
    st = lifecycle.state(life, dt.date.fromisoformat(day))
    return st.level.value, st.date


# --- computing the state ----------------------------------------------------------------------------


def test_a_month_precision_end_counts_from_the_day_after_the_month():
    life = lc(("ga", dt.date(2023, 11, 3)), ("end-of-support", "2026-11"))
    assert at(life, "2026-11-30") == ("retiring", "2026-11")
    assert at(life, "2026-12-01") == ("retired", "2026-11")


def test_a_day_precision_end_counts_from_that_day():
    life = lc(("ga", "2019-01"), ("end-of-support", dt.date(2028, 3, 31)))
    assert at(life, "2028-03-30") == ("retiring", "2028-03-31")
    assert at(life, "2028-03-31") == ("retired", "2028-03-31")


def test_preview_then_ga_and_a_successor_makes_it_legacy():
    life = lc(("preview", "2024-02"), ("ga", dt.date(2025, 1, 15)))
    assert at(life, "2024-01-31") == ("preview", None)  # the checks reject a start in the future
    assert at(life, "2024-02-01") == ("preview", None)
    assert at(life, "2025-01-15") == ("ga", None)
    legacy = lc(("ga", "2019-01"), superseded="other")
    assert at(legacy, "2026-01-01") == ("legacy", None)


def test_scopes_the_whole_stands_where_its_most_usable_scope_stands():
    npm = lc(
        ("ga", "2019-05", "Linux"),
        ("preview", "2022-09", "Windows"),
        ("retirement-announced", "2025-10"),
        ("end-of-support", dt.date(2026, 9, 30), "Windows"),
        ("end-of-support", dt.date(2028, 9, 30), "Linux"),
    )
    st = lifecycle.state(npm, dt.date(2026, 11, 25))
    assert (st.level, st.date) == (m.Status.retiring, "2028-09-30")
    assert st.scoped == (("Windows", m.Status.retired, "2026-09-30"),)
    overlay = lc(("ga", "2023-04", "Linux"), ("preview", "2023-01", "Windows"))
    assert at(overlay, "2026-01-01") == ("ga", None)


def test_pages_know_when_their_words_change():
    life = lc(
        ("ga", dt.date(2023, 11, 3)), ("retirement-announced", dt.date(2025, 11, 13)), ("end-of-support", "2026-11")
    )
    later = lifecycle.changes_after(life, dt.date(2026, 11, 25))
    assert [(day.isoformat(), st.level.value) for day, st in later] == [("2026-12-01", "retired")]
    assert lifecycle.changes_after(life, dt.date(2027, 1, 1)) == []


# --- prose ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Today is 2026-11-25.",
        "As of today it is GA.",
        "Only 5 days left.",
        "It currently needs a flag.",
        "Support closes next month.",
        "That leaves days, not months.",
    ],
)
def test_prose_that_pins_the_present_is_caught(text):
    assert pins_present(text)


@pytest.mark.parametrize(
    "text",
    [
        "Support ends on 2028-03-31.",
        "As of May 2026 it is currently in preview.",
        "`--today` is a flag name.",
        "The preview began in March 2026.",
    ],
)
def test_dated_prose_passes(text):
    assert pins_present(text) is None


def test_no_data_file_pins_the_present_and_no_page_says_today_is(real_site):
    for path in (ROOT / "data").rglob("*.yaml"):
        assert "Today is" not in path.read_text(encoding="utf-8"), path
    for html in real_site.rglob("*.html"):
        assert "Today is" not in html.read_text(encoding="utf-8"), html


# --- the changes page and the feeds -------------------------------------------------------------------


def test_the_changes_page_lists_every_event_with_a_timeline_described_by_the_list(real_site, kb):
    doc = page(real_site, "changes")
    svg = doc.css_first("svg.atlas-timeline")
    assert svg.attributes["role"] == "img"
    described = svg.attributes["aria-describedby"]
    assert doc.css_first(f"#{described}") is not None
    ids = {n.attributes["id"] for n in doc.css(".atlas-change")}
    events = sum(
        len(o.lifecycle.events) + sum(len(v.lifecycle.events) for v in o.variants) for o in kb.options.values()
    )
    assert len(ids) == events + len(kb.changes)
    coming = doc.css_first("#coming").parent.text()
    assert "kubenet-end-of-support" in ids and "azure-npm-end-of-support-windows" in ids
    assert "2028-03-31" in coming


def test_every_page_links_both_feeds(real_site):
    for url in ("", "options/kubenet", "changes"):
        head = page(real_site, url).head
        types = {n.attributes["type"]: n.attributes["href"] for n in head.css('link[rel="alternate"]')}
        assert types["application/atom+xml"].endswith("feeds/changes.xml")
        assert types["text/calendar"].endswith("feeds/lifecycle.ics")


def test_the_calendar_parses_and_carries_the_retirement_dates(real_site):
    cal = Calendar.from_ical((real_site / "feeds" / "lifecycle.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len({e.split("@")[0] for e in events})  # stable, unique ids
    assert events["kubenet-end-of-support@aks-networking-atlas"].decoded("dtstart") == dt.date(2028, 3, 31)
    assert events["azure-npm-end-of-support-linux@aks-networking-atlas"].decoded("dtstart") == dt.date(2028, 9, 30)
    assert events["azure-npm-end-of-support-windows@aks-networking-atlas"].decoded("dtstart") == dt.date(2026, 9, 30)
    # a month-precision end sits on the month's last day, the last day still covered
    assert events["app-routing-nginx-end-of-support@aks-networking-atlas"].decoded("dtstart") == dt.date(2026, 11, 30)


def test_the_atom_feed_parses_and_carries_what_has_happened(real_site):
    feed = ET.parse(real_site / "feeds" / "changes.xml").getroot()
    entries = {e.find(f"{ATOM}id").text: e for e in feed.findall(f"{ATOM}entry")}
    windows = entries["tag:aks-networking-atlas,2026:azure-npm-end-of-support-windows"]
    assert windows.find(f"{ATOM}updated").text.startswith("2026-09-30")
    assert "tag:aks-networking-atlas,2026:kubenet-end-of-support" not in entries  # 2028: not yet
    assert feed.find(f"{ATOM}updated").text.startswith("2026-11-29")


def test_the_home_page_shows_what_ends_soon(real_site):
    section = page(real_site, "").css_first("#ends").next
    text = " ".join(page(real_site, "").body.text().split())
    assert "Application routing add-on with managed NGINX" in text and "2026-11" in text
    assert section is not None


# --- a later build: the state advances with no prose edited ------------------------------------------


@pytest.fixture(scope="module")
def december_site(tmp_path_factory):
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 12, 2, tzinfo=dt.timezone.utc).timestamp()))
    try:
        return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("december") / "site")
    finally:
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH


def test_a_build_on_2026_12_02_shows_managed_nginx_past_its_end_of_support(december_site):
    import json

    option = page(december_site, "options/app-routing-nginx")
    assert option.css_first(".atlas-meta .atlas-status").text() == "Retired 2026-11"
    assert option.css_first(".atlas-meta .atlas-status--retired") is not None
    table = page(december_site, "application/app-exposure").css_first("tr#app-routing-nginx .atlas-status")
    assert table.text() == "Retired 2026-11"
    design = json.loads((december_site / "api" / "design.json").read_text())
    assert design["options"]["app-routing-nginx"]["status"]["label"] == "Retired 2026-11"
    tree = page(december_site, "decide/app-exposure").css('li[data-option="app-routing-nginx"] .atlas-status')
    assert tree and all(n.text() == "Retired 2026-11" for n in tree)


# --- in the browser -----------------------------------------------------------------------------------


def test_a_page_read_after_the_end_says_so_without_a_rebuild(browser, site_url):
    """Built on 2026-11-29, read on 2026-12-05: the badge moves to the words true that day."""
    import datetime as _dt

    from .conftest import open_tab

    tab = open_tab(browser, site_url)
    try:
        tab.page.clock.install(time=_dt.datetime(2026, 12, 5, 12, 0, tzinfo=_dt.timezone.utc))
        tab.goto("/options/app-routing-nginx/")
        badge = tab.page.locator(".atlas-meta .atlas-status").first
        badge.wait_for()
        tab.page.wait_for_function(
            "document.querySelector('.atlas-meta .atlas-status').textContent.startsWith('Retired')"
        )
        assert badge.inner_text() == "Retired 2026-11"
        assert "atlas-status--retired" in badge.get_attribute("class")
        assert tab.outside == [] and tab.console_errors == []
    finally:
        tab.page.context.close()


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_changes_page_reads_and_filters_at_desktop_and_phone_widths(
    browser, site_url, tmp_path, width, height, scheme
):
    from axe_playwright_python.sync_playwright import Axe

    from .conftest import open_tab

    tab = open_tab(browser, site_url, viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        tab.goto("/changes/")
        page_ = tab.page
        expected = "slate" if scheme == "dark" else "default"
        assert page_.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        assert page_.locator("svg.atlas-timeline").is_visible()
        total = page_.locator(".atlas-change").count()
        assert total > 50
        page_.get_by_label("Changes to the atlas").uncheck()
        page_.get_by_label("Previews").uncheck()
        status = page_.locator(".atlas-changes-filter [role=status]")
        shown = page_.locator(".atlas-change:not([hidden])").count()
        assert status.inner_text() == f"Showing {shown} of {total} entries." and 0 < shown < total
        assert "kind=ga,retirement" in page_.url
        # the shared link reproduces the view
        page_.goto(page_.url, wait_until="networkidle")
        assert page_.locator(".atlas-change:not([hidden])").count() == shown
        wide = page_.evaluate("document.documentElement.scrollWidth")
        assert wide <= width + 1  # the timeline scrolls inside its frame, not the page
        page_.screenshot(path=str(tmp_path / f"changes-{width}-{scheme}.png"), full_page=False)
        results = Axe().run(page_)
        assert results.violations_count == 0, results.generate_report()
        assert tab.outside == [] and tab.console_errors == []
    finally:
        tab.page.context.close()


def test_the_designer_read_after_the_end_says_so_without_a_rebuild(browser, site_url):
    import datetime as _dt

    from .conftest import open_tab

    tab = open_tab(browser, site_url)
    try:
        tab.page.clock.install(time=_dt.datetime(2026, 12, 5, 12, 0, tzinfo=_dt.timezone.utc))
        tab.goto("/design/?app-exposure=app-routing-nginx")
        tab.page.wait_for_selector(".atlas-lifecycle")
        item = tab.page.locator('.atlas-lifecycle li[data-option="app-routing-nginx"]')
        assert item.locator(".atlas-status").inner_text() == "Retired 2026-11"
        option = tab.page.locator('select[name="app-exposure"] option[value="app-routing-nginx"]')
        assert option.inner_text().endswith("(Retired 2026-11)")
        assert tab.outside == [] and tab.console_errors == []
    finally:
        tab.page.context.close()
