"""Phone layouts and touch (issue 16): the compatibility matrix, category tables and compare-any at
390 × 844 and 1280 × 900, in both colour schemes, with axe, no console errors and no outside
requests. Screenshots go to the test's tmp_path for a person to look at."""

from __future__ import annotations

import pytest

from .conftest import open_tab

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = {"light": "default", "dark": "slate"}
CATEGORIES = [
    "/control-plane/api-server-access/",
    "/node/vnet/",
    "/node/egress/",
    "/pod/pod-networking/",
    "/pod/dataplane/",
    "/pod/network-policy/",
    "/application/app-exposure/",
]
PAGES = {
    "matrix": "/compatibility/",
    "category": "/node/egress/",
    "compare-any": "/compare/?ids=azure-cni-overlay,kubenet,agic",
}


@pytest.fixture(params=sorted(WIDTHS))
def width(request):
    return request.param


@pytest.fixture(params=sorted(SCHEMES))
def scheme(request):
    return request.param


def _tab(browser, site_url, width: str, scheme: str = "light"):
    return open_tab(browser, site_url, color_scheme=scheme, **WIDTHS[width])


def _no_sideways_page(tab) -> None:
    # A phone widens its layout viewport to the widest thing on the page and zooms out.
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= tab.page.viewport_size["width"]


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_fits_passes_axe_and_stays_local(browser, site_url, tmp_path, kind, width, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab = _tab(browser, site_url, width, scheme)
    tab.page.add_init_script(
        "localStorage.setItem('/.__palette', "
        f"JSON.stringify({{index: {0 if scheme == 'light' else 1}, color: {{scheme: '{SCHEMES[scheme]}'}}}}))"
    )
    tab.goto(PAGES[kind])
    tab.page.wait_for_timeout(300)
    assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    _no_sideways_page(tab)
    tab.page.screenshot(path=str(tmp_path / f"{kind}-{width}-{scheme}.png"), full_page=False)
    results = Axe().run(tab.page)
    assert results.violations_count == 0, results.generate_report()
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()


def test_matrix_on_a_phone_keeps_the_cells_in_view_and_links_the_by_option_list(browser, site_url):
    tab = _tab(browser, site_url, "phone")
    tab.goto("/compatibility/")
    link = tab.page.locator(".atlas-by-option-link a[href$='#by-option']").first
    box = link.bounding_box()
    assert box and box["y"] < 844, "the link to the by-option list is on the first screen"
    width = tab.page.locator("#matrix tbody th").first.bounding_box()["width"]
    assert width <= 0.35 * 390, f"the sticky option column is {width}px wide"
    link.click()
    tab.page.wait_for_timeout(300)
    assert tab.page.locator("#by-option").bounding_box()["y"] < 844
    assert tab.console_errors == [] and tab.outside == []


def test_category_table_is_cards_on_a_phone_and_a_table_beside_readable_prose_on_desktop(browser, site_url):
    phone = _tab(browser, site_url, "phone")
    phone.goto("/pod/pod-networking/")
    _no_sideways_page(phone)
    first = phone.page.locator("table.atlas-cat-table tbody tr").first
    cells = first.locator("td")
    assert cells.count() >= 10
    for i in range(cells.count()):  # every cell of the card is on screen, none cut off at the side
        b = cells.nth(i).bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 390
    label = phone.page.evaluate(
        "getComputedStyle(document.querySelector('table.atlas-cat-table tbody td'), '::before').content"
    )
    assert label == '"Status"'
    phone.page.context.close()

    desk = _tab(browser, site_url, "desktop")
    desk.goto("/pod/pod-networking/")
    m = desk.page.evaluate(
        """() => {
          const p = document.querySelector('article.md-content__inner > p');
          const size = parseFloat(getComputedStyle(p).fontSize);
          return {chars: p.getBoundingClientRect().width / (size * 0.5),
                  article: document.querySelector('.md-main__inner').getBoundingClientRect().x,
                  header: document.querySelector('.md-header__inner').getBoundingClientRect().x,
                  table: document.querySelector('.atlas-table-wrap').getBoundingClientRect().width,
                  content: document.querySelector('article.md-content__inner').getBoundingClientRect().width}
        }"""
    )
    assert m["chars"] <= 100, m  # an average character is about half the font size wide
    assert abs(m["article"] - m["header"]) <= 1, m  # the content lines up with the header
    assert m["table"] >= m["content"] - 2, m  # and the table keeps the full width
    desk.page.context.close()


def test_every_category_filter_example_finds_rows(tab):
    for path in CATEGORIES:
        tab.goto(path)
        tab.page.wait_for_selector("table.atlas-table[data-atlas-ready]")
        box = tab.page.locator(".atlas-table-tools input")
        placeholder = box.get_attribute("placeholder")
        assert ", e.g. " in placeholder, placeholder
        box.fill(placeholder.split(", e.g. ")[1])
        shown = tab.page.locator("table.atlas-table tbody tr:not([hidden])").count()
        total = tab.page.locator("table.atlas-table tbody tr").count()
        assert 0 < shown <= total, (path, placeholder)
    assert tab.console_errors == []


def test_notes_and_disputes_open_on_a_tap(browser, site_url):
    tab = _tab(browser, site_url, "phone")
    tab.goto("/pod/pod-networking/")
    disputed = tab.page.locator("table.atlas-cat-table a.atlas-disputed").first
    target = "#" + disputed.get_attribute("href").split("#")[1]  # Material makes links absolute
    assert target.startswith("#note-")
    disputed.tap()
    tab.page.wait_for_timeout(300)
    note = tab.page.locator(target)
    assert note.is_visible() and "Disputed" in note.locator("xpath=..").inner_text()

    tab.goto("/compare/?ids=azure-cni-overlay,kubenet")
    details = tab.page.locator(".atlas-compare-table details.atlas-cell-note").first
    details.wait_for()
    text = details.locator("span")
    assert not text.is_visible()
    details.locator("summary").tap()
    assert text.is_visible() and text.inner_text().strip()
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()


def test_a_shared_compare_link_opens_on_the_table_with_the_picker_folded_below(browser, site_url, width):
    tab = _tab(browser, site_url, width)
    tab.goto("/compare/?ids=azure-cni-overlay,kubenet")
    table = tab.page.locator("table.atlas-compare-table")
    table.wait_for()
    height = tab.page.viewport_size["height"]
    assert table.bounding_box()["y"] < height * 0.6, "the table starts on the first screen"
    picker = tab.page.locator("details.atlas-compare-pickbox")
    assert picker.get_attribute("open") is None
    assert picker.bounding_box()["y"] > table.bounding_box()["y"]
    picker.locator("summary").click()
    assert tab.page.get_by_label("kubenet", exact=True).is_checked()
    tab.page.get_by_label("Azure CNI Powered by Cilium", exact=True).check()
    assert table.locator("thead th").count() == 4 or tab.page.locator("table.atlas-compare-table thead th").count() == 4
    # Without ids the picker comes first, open.
    tab.goto("/compare/")
    assert tab.page.locator("details.atlas-compare-pickbox").get_attribute("open") is not None
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()
