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
# Every page type, each at both widths in both colour schemes (issue 16: zero axe violations).
PAGES = {
    "home": "/",
    "layer": "/node/",
    "category": "/node/egress/",
    "option": "/options/private-cluster/",
    "pair": "/compare/azure-cni-overlay-vs-kubenet/",
    "compare-index": "/compare/",
    "compare-any": "/compare/?ids=azure-cni-overlay,kubenet,agic",
    "matrix": "/compatibility/",
    "decide-index": "/decide/",
    "decision tree": "/decide/egress/",
    "designer": "/design/",
    "ip planner": "/tools/ip-planner/",
    "glossary": "/glossary/",
    "tags": "/tags/",
    "changes": "/changes/",
    "about": "/about/",
    "not found": "/404.html",
}
# The tools whose results must fit a phone without text scrolling sideways.
RESULTS = {
    "designer": "/design/",
    "ip planner": "/tools/ip-planner/?model=azure-cni-node-subnet&firewall-subnet=1",
    "compare-any": "/compare/?ids=azure-cni-overlay,kubenet,agic,managed-nat-gateway",
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
    text = details.locator("xpath=./span").first
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


# Elements that scroll sideways inside the page: a wide table in its frame, a long line of code.
SIDEWAYS = """(sel) => [...document.querySelectorAll(sel)].filter((e) => e.clientWidth > 0
    && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map((e) => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth)"""


@pytest.mark.parametrize("kind", sorted(RESULTS))
def test_tool_results_fit_a_phone_without_sideways_text(browser, site_url, tmp_path, kind):
    tab = _tab(browser, site_url, "phone")
    tab.goto(RESULTS[kind])
    tab.page.wait_for_selector(".atlas-plan-table, .atlas-compare-table, .atlas-command", timeout=10_000)
    _no_sideways_page(tab)
    region = ".atlas-designer *, .atlas-planner *, .atlas-compare *, [data-atlas-module] *"
    assert tab.page.evaluate(SIDEWAYS, region) == []
    tab.page.screenshot(path=str(tmp_path / f"{kind}-results-phone.png"), full_page=True)
    assert tab.console_errors == [] and tab.outside == []
    tab.page.context.close()


# --- category tables: order and filter -------------------------------------------------------------


def test_category_rows_come_recommended_first_and_the_page_says_so(real_site, kb):
    from generator.site.reference import ROW_ORDER

    from .conftest import page

    html = page(real_site, "pod/pod-networking")
    assert "recommended GA first, then GA, preview, legacy, retiring" in html.css_first(".atlas-row-order").text()
    ids = [tr.attributes["id"] for tr in html.css("table.atlas-cat-table tbody tr")]
    assert ids[0] == "azure-cni-overlay"  # the one recommended GA option
    levels = [html.css_first(f"tr#{i} .atlas-status").attributes["class"].split("--")[-1] for i in ids]
    ranks = [ROW_ORDER.index(level) for level in levels]
    assert ranks == sorted(ranks), list(zip(ids, levels))
    assert html.css_first("table.atlas-cat-table th[data-sort-default]") is None  # sorting waits for the reader


def test_the_filter_marks_a_column_it_names_and_keeps_every_row(tab):
    tab.goto("/pod/pod-networking/")
    tab.page.wait_for_selector("table.atlas-table[data-atlas-ready]")
    rows = tab.page.locator("table.atlas-table tbody tr")
    total = rows.count()
    tab.page.fill(".atlas-table-tools input", "windows")
    assert tab.page.locator("table.atlas-table tbody tr:not([hidden])").count() == total
    marked = tab.page.locator("table.atlas-table thead th.atlas-col-hit")
    assert marked.count() >= 1 and "windows" in marked.first.inner_text().lower()
    assert tab.page.locator("table.atlas-table tbody tr:first-child td.atlas-col-hit").count() == marked.count()
    assert "marked" in tab.page.locator(".atlas-filter-status").inner_text()
    tab.page.fill(".atlas-table-tools input", "kubenet")  # a cell's text still filters rows
    assert 0 < tab.page.locator("table.atlas-table tbody tr:not([hidden])").count() < total
    assert tab.page.locator("th.atlas-col-hit").count() == 0
    assert tab.console_errors == []


# --- compare-any across categories ---------------------------------------------------------------


def test_compare_across_categories_lists_each_options_answers_and_the_rules_between(tab, kb):
    rule = next(r for r in kb.rules if kb.options[r.a].category != kb.options[r.b].category and r.reason)
    a, b = kb.options[rule.a], kb.options[rule.b]
    other = next(o for o in kb.options.values() if o.category not in (a.category, b.category))
    tab.goto(f"/compare/?ids={a.id},{b.id},{other.id}")
    table = tab.page.locator("table.atlas-compare-table")
    table.wait_for()
    text = table.inner_text()
    assert "not this category" not in text
    glance = table.locator("tr", has_text="Its own category's questions").locator("td")
    assert glance.count() == 3
    first_dim = kb.categories[a.category].dimensions[0].name
    assert first_dim in glance.nth(0).inner_text()
    assert f"Rule: {a.name}" in text and " ".join(rule.reason.replace("`", "").split())[:30] in " ".join(text.split())
    loose = table.locator("tr", has_text="No rule in the atlas with")
    assert other.name in loose.inner_text()
    assert tab.console_errors == [] and tab.outside == []


# --- IP planner and wizard: defaults, copy links, Back ---------------------------------------------


def test_planner_max_pods_follows_the_model_until_the_reader_sets_it(tab):
    tab.goto("/tools/ip-planner/?model=azure-cni-node-subnet")
    pods = tab.page.get_by_label("Node pool 1: max pods")
    assert pods.input_value() == "30"  # a fresh load with node subnet
    model = tab.page.get_by_label("Pod networking", exact=True)
    model.select_option("azure-cni-overlay")
    assert pods.input_value() == "250"
    model.select_option("azure-cni-node-subnet")
    assert pods.input_value() == "30" and "max-pods" not in tab.page.url
    pods.fill("50")
    model.select_option("azure-cni-overlay")
    assert pods.input_value() == "50" and "max-pods=50" in tab.page.url  # the reader's value stays
    assert tab.console_errors == []


def test_a_service_cidr_over_the_vnet_is_one_error_not_also_a_full_vnet(tab):
    tab.goto("/tools/ip-planner/?model=azure-cni-node-subnet&service-cidr=10.224.0.0/16&dns-ip=10.224.0.10")
    errors = tab.page.locator(".atlas-plan-errors li")
    assert errors.count() == 1 and "Service CIDR 10.224.0.0/16 overlaps" in errors.first.inner_text()
    assert "no room" not in tab.page.locator(".atlas-plan-table").first.inner_text()


def test_planner_copy_link_confirms_and_falls_back_without_a_clipboard(browser, site_url):
    granted = open_tab(browser, site_url, permissions=["clipboard-read", "clipboard-write"])
    granted.goto("/tools/ip-planner/?model=kubenet")
    granted.page.get_by_role("button", name="Copy link to this plan").click()
    status = granted.page.locator(".atlas-plan-share .atlas-copy-status")
    status.wait_for()
    assert status.inner_text() == "Link copied." and status.is_visible()
    assert granted.page.evaluate("navigator.clipboard.readText()") == granted.page.url
    granted.page.context.close()
    blocked = open_tab(browser, site_url)
    blocked.page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    blocked.goto("/tools/ip-planner/?model=kubenet")
    blocked.page.get_by_role("button", name="Copy link to this plan").click()
    field = blocked.page.locator(".atlas-plan-share .atlas-copy-manual")
    field.wait_for()
    assert (
        field.input_value() == blocked.page.url and "blocked" in blocked.page.locator(".atlas-copy-status").inner_text()
    )
    blocked.page.context.close()


def test_wizard_back_replaces_the_address_and_copy_falls_back(browser, site_url, kb):
    tab = open_tab(browser, site_url)
    tab.page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    tree = kb.trees["egress"]
    tab.goto(f"/decide/{tree.id}/")
    tab.page.wait_for_selector(".atlas-wizard__panel [data-answer]")
    first = tab.page.locator(".atlas-wizard__panel [data-answer]").first
    first.click()
    tab.page.wait_for_function("new URLSearchParams(location.search).get('path')")
    depth = tab.page.evaluate("history.length")
    tab.page.click(".atlas-wizard__controls button:has-text('Back')")
    tab.page.wait_for_function("!new URLSearchParams(location.search).get('path')")
    assert tab.page.evaluate("history.length") == depth  # no entry added
    # The result's copy link without a clipboard: a visible note and the link selected to copy by hand.
    path = next(iter(_outcome_paths(tree)))
    tab.goto(f"/decide/{tree.id}/?path={'.'.join(path)}")
    tab.page.click(".atlas-wizard__controls button:has-text('Copy link')")
    field = tab.page.locator(".atlas-wizard .atlas-copy-manual")
    field.wait_for()
    assert field.input_value() == tab.page.url and tab.page.locator(".atlas-wizard .atlas-copy-status").is_visible()
    tab.page.context.close()


def _outcome_paths(tree):
    """Answer paths from the start to an outcome (depth-first), for links that land on a result."""
    questions = {q.id: q for q in tree.questions}
    stack = [(tree.start, [])]
    while stack:
        node, path = stack.pop()
        if node not in questions:
            yield path
            continue
        for a in questions[node].answers:
            stack.append((a.next, path + [a.id]))


def test_a_disputed_value_in_compare_any_says_what_the_other_page_says(tab, kb):
    opt, dim, dispute = next(
        (o, d, c.disputed[0]) for o in kb.options.values() for d, c in o.cells.items() if c.disputed
    )
    tab.goto(f"/compare/?ids={opt.id},{next(o.id for o in kb.options.values() if o.id != opt.id)}")
    note = tab.page.locator("details.atlas-cell-note", has=tab.page.locator(".atlas-cell-dispute")).first
    note.wait_for()
    note.locator("summary").click()
    assert " ".join(dispute.says.replace("`", "").split())[:30] in " ".join(note.inner_text().split())
