"""The real site in Chromium, used as a person would: search, navigate, sort, filter, copy links,
with every request outside the local server aborted and counted."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "/",
    "/pod/",
    "/pod/pod-networking/",
    "/options/azure-cni-overlay/",
    "/glossary/",
    "/tags/",
    "/about/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_types_make_no_outside_requests(tab, path):
    tab.goto(path)
    assert tab.page.title()
    assert tab.outside == []
    assert tab.console_errors == [] or path == "/no-such-page/"  # the 404 itself is logged


def _search(tab, query: str) -> list[str]:
    tab.goto("/")
    tab.page.click("input.md-search__input")
    tab.page.keyboard.type(query, delay=20)  # Material reacts to key events, not to fill()
    tab.page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return [
        t.strip() for t in tab.page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    ]


def test_search_finds_an_option_by_name(tab):
    titles = _search(tab, "Overlay")
    assert any("Azure CNI Overlay" in t for t in titles), titles
    assert tab.outside == []


def test_search_finds_an_option_by_synonym(tab):
    titles = _search(tab, "forced tunneling")
    assert any("User-defined routing" in t or "user-defined routing" in t.lower() for t in titles), titles


def test_sort_and_filter_survive_instant_navigation(tab):
    tab.goto("/")
    # Navigate with Material's instant loading (a click, not a page load).
    tab.page.click("article a[href$='pod-networking/']")
    tab.page.wait_for_selector("table.atlas-table[data-atlas-ready]")
    header = tab.page.locator("table.atlas-table thead th", has_text="Max nodes")
    header.click()
    first = lambda: tab.page.locator("table.atlas-table tbody tr").first.get_attribute("id")  # noqa: E731
    header_sort = header.get_attribute("aria-sort")
    assert header_sort in ("ascending", "descending")
    if header_sort == "descending":
        header.click()
    assert first() == "kubenet"  # 400 nodes, the fewest
    tab.page.fill(".atlas-table-tools input", "retiring")
    visible = tab.page.locator("table.atlas-table tbody tr:not([hidden])")
    assert visible.count() == 1 and visible.first.get_attribute("id") == "kubenet"
    assert "1 of 6" in tab.page.locator(".atlas-filter-status").inner_text()
    assert tab.outside == []


def test_copy_link_puts_the_row_url_in_the_clipboard(tab):
    tab.goto("/node/egress/")
    tab.page.wait_for_selector("table.atlas-table[data-atlas-ready]")
    tab.page.click("tr#managed-nat-gateway a.atlas-anchor")
    copied = tab.page.evaluate("navigator.clipboard.readText()")
    assert copied == tab.base + "/node/egress/#managed-nat-gateway"
    # Following the shared link lands on the highlighted row.
    tab.goto("/node/egress/#managed-nat-gateway")
    assert tab.page.evaluate("document.querySelector(':target').id") == "managed-nat-gateway"


def test_abbreviation_tooltip(tab):
    tab.goto("/options/outbound-load-balancer/")
    abbr = tab.page.locator("article abbr", has_text="SNAT").first
    assert abbr.get_attribute("title") == "Source network address translation"


def test_dark_mode_toggle(tab):
    tab.goto("/")
    before = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    tab.page.locator("form[data-md-component='palette'] label:visible").first.click()
    after = tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert before != after
