"""Comparisons: pairwise pages, the compatibility matrix and compare-any."""

from __future__ import annotations

import itertools

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.app import load_kb
from generator.features.compare import pages as compare

from .conftest import FIXTURES, TODAY, page


def test_verdict_says_where_each_wins():
    mini = load_kb(FIXTURES / "kb-mini", on=TODAY)[0]
    v = compare.verdict(mini, mini.options["fast-one"], mini.options["slow-one"])
    assert v["text"].startswith("Fast One and Slow One differ on 3 of the 3 questions.")
    assert v["a_wins"] == ["Windows"]  # partial beats no where yes is declared better
    assert v["b_wins"] == []  # speed declares no direction: different, not ahead
    assert "Where the better answer depends on your needs, they differ on Speed and Source." in v["text"]
    assert "Slow One is retiring 2028-03-31." in v["text"]


def test_no_verdict_says_ahead_on_a_question_without_a_direction(kb):
    for a, b in compare.pairs(kb):
        v = compare.verdict(kb, a, b)
        neutral = {d.name for d in kb.categories[a.category].dimensions if d.prefer is None}
        assert not (set(v["a_wins"]) | set(v["b_wins"])) & neutral, (a.id, b.id)
    v = compare.verdict(kb, kb.options["api-server-vnet-integration"], kb.options["private-cluster"])
    assert "Public endpoint" not in v["text"].split("Where the better answer")[0]
    assert "ahead on Internet egress" not in " ".join(
        compare.verdict(kb, a, b)["text"] for a, b in compare.pairs(kb) if a.category == "egress"
    )


def test_every_pair_in_a_category_has_exactly_one_page(kb, real_site):
    expected = set()
    for cat in kb.categories:
        ids = sorted(o.id for o in kb.options_in(cat))
        expected |= {f"{a}-vs-{b}" for a, b in itertools.combinations(ids, 2)}
    # an old option id (alias) keeps its comparison addresses, as redirects
    redirects = {
        "-vs-".join(sorted((alias, other)))
        for opt in kb.options.values()
        for alias in opt.aliases
        for other in (o.id for o in kb.options_in(opt.category))
    }
    built = {p.name for p in (real_site / "compare").iterdir() if p.is_dir()}
    assert built == expected | redirects
    # and no page for the reversed order or across categories
    assert "kubenet-vs-azure-cni-overlay" not in built
    assert not any(n.startswith("kubenet-vs-managed") for n in built)
    index = page(real_site, "compare")
    linked = {
        a.attributes["href"].strip("/").split("/")[-1]
        for a in index.css("article a")
        if "-vs-" in a.attributes.get("href", "")
    }
    assert linked == expected


def test_option_pages_link_to_their_pairs(kb, real_site):
    doc = page(real_site, "options/kubenet")
    hrefs = {a.attributes["href"] for a in doc.css("a.atlas-compare-link")}
    assert "../../compare/azure-cni-overlay-vs-kubenet/" in hrefs
    assert len(hrefs) == len(kb.options_in("pod-networking")) - 1


def test_a_category_too_large_for_pair_pages_is_compared_in_compare_any(tmp_path, monkeypatch):
    """Pair pages grow with the square of a category's options: above ``PAIR_PAGES_UP_TO`` there
    are none, and option pages link to compare-any with both options instead."""
    from generator.site import urls

    from .conftest import build_site, copy_fixture, write_config

    monkeypatch.setattr(urls, "PAIR_PAGES_UP_TO", 1)
    kb = copy_fixture("kb-mini", tmp_path)
    site = build_site(write_config(tmp_path, kb), tmp_path / "site")
    assert not (site / "compare" / "fast-one-vs-slow-one").exists()
    hrefs = {a.attributes["href"] for a in page(site, "options/fast-one").css("a.atlas-compare-link")}
    assert hrefs == {"../../compare/?ids=fast-one,slow-one"}


def test_pair_page_shows_verdict_differences_and_rules(kb, real_site):
    doc = page(real_site, "compare/azure-cni-overlay-vs-kubenet")
    desc = doc.css_first('meta[property="og:description"]').attributes["content"]
    assert desc == compare.verdict(kb, kb.options["azure-cni-overlay"], kb.options["kubenet"])["text"]
    assert "Verdict" in doc.css_first(".admonition").text()
    diff_rows = {tr.attributes["id"] for tr in doc.css("table.atlas-pair tr.atlas-diff")}
    assert {"status", "max-nodes", "windows-node-pools"} <= diff_rows
    assert "max-pods-per-node" not in diff_rows  # 250 on both
    assert doc.css_first("tr#max-nodes td.atlas-win").text().strip().startswith("5,000")
    text = doc.css_first("article").text()
    assert "Compatibility that differs" in text and "Cilium" in text


def test_matrix_has_every_rule_on_both_sides(kb, real_site):
    doc = page(real_site, "compatibility")
    rows = {tr.attributes["id"]: tr for tr in doc.css("table.atlas-matrix tbody tr")}
    assert len(rows) == len(kb.options)
    order = [
        th.css_first("a").attributes["href"].strip("/").split("/")[-1]
        for th in doc.css("table.atlas-matrix thead th[data-category]")
    ]
    for rule in kb.rules:
        for row, col in ((rule.a, rule.b), (rule.b, rule.a)):
            td = rows[row].css("td")[order.index(col)]
            assert "atlas-mx" in td.attributes.get("class", ""), (rule.id, row, col)
            anchor = td.css_first("a").attributes["href"]
            assert doc.css_first(anchor) is not None
    # same-category cells are greyed, never empty of meaning
    assert "atlas-mx--same" in rows["kubenet"].css("td")[order.index("azure-cni-overlay")].attributes["class"]


def test_every_page_has_opengraph_title_and_description(real_site):
    count = 0
    for html in real_site.rglob("index.html"):
        doc = LexborHTMLParser(html.read_text(encoding="utf-8"))
        if doc.css_first('meta[http-equiv="refresh"]'):
            continue
        for prop in ("og:title", "og:description", "twitter:title", "twitter:description"):
            node = doc.css_first(f'meta[property="{prop}"]') or doc.css_first(f'meta[name="{prop}"]')
            assert node is not None and node.attributes["content"].strip(), (html, prop)
        count += 1
    assert count > 100


@pytest.mark.browser
def test_pair_page_in_the_browser(tab):
    tab.goto("/compare/azure-cni-overlay-vs-kubenet/")
    highlighted = tab.page.locator("table.atlas-pair tr.atlas-diff")
    assert highlighted.count() >= 5
    bg = tab.page.evaluate("getComputedStyle(document.querySelector('tr.atlas-diff > td')).backgroundColor")
    plain = tab.page.evaluate(
        "getComputedStyle(document.querySelector('table.atlas-pair tbody tr:not(.atlas-diff) > td')).backgroundColor"
    )
    assert bg != plain  # the highlight is visible, not just a class
    assert tab.outside == [] and tab.console_errors == []


@pytest.mark.browser
def test_compare_any_three_options_diff_toggle_and_permalink(tab):
    tab.goto("/compare/")
    tab.page.wait_for_selector(".atlas-compare-picker")
    for name in ("Azure CNI Overlay", "kubenet", "Azure CNI Powered by Cilium"):
        tab.page.get_by_label(name, exact=True).check()
    table = tab.page.locator("table.atlas-compare-table")
    assert table.locator("thead th").count() == 4
    all_rows = table.locator("tbody tr").count()
    tab.page.get_by_label("Only differences").check()
    diff_rows = table.locator("tbody tr").count()
    assert 0 < diff_rows < all_rows
    assert table.locator("tbody tr:not(.atlas-diff)").count() == 0
    # a fourth is allowed, a fifth is not
    tab.page.get_by_label("Calico network policy").check()
    assert tab.page.get_by_label("No network policy engine").is_disabled()
    tab.page.get_by_label("Calico network policy").uncheck()
    url = tab.page.url
    assert (
        "ids=azure-cni-overlay%2Ckubenet%2Ccilium-dataplane" in url
        or "ids=azure-cni-overlay,kubenet,cilium-dataplane" in url
    )
    assert "diff=1" in url
    tab.page.get_by_role("button", name="Copy link").click()
    assert tab.page.evaluate("navigator.clipboard.readText()") == url
    # Reloading the permalink gives the same view.
    tab.page.goto(url, wait_until="networkidle")
    tab.page.wait_for_selector("table.atlas-compare-table")
    assert tab.page.locator("table.atlas-compare-table tbody tr").count() == diff_rows
    assert tab.page.get_by_label("Only differences").is_checked()
    assert tab.page.get_by_label("kubenet", exact=True).is_checked()
    assert tab.outside == [] and tab.console_errors == []


@pytest.mark.browser
def test_matrix_filter_by_category_is_kept_in_the_url(tab, kb):
    tab.goto("/compatibility/")
    tab.page.wait_for_selector(".atlas-matrix-tools fieldset")
    tools = tab.page.locator(".atlas-matrix-tools")
    kept = ("egress", "pod-networking")
    for cat in kb.categories.values():
        if cat.id not in kept:
            tools.get_by_label(cat.name, exact=True).uncheck()
    visible = tab.page.locator("table.atlas-matrix tbody tr:not([hidden])")
    rows = sum(len(kb.options_in(c)) for c in kept)  # the egress and pod networking options
    assert visible.count() == rows
    assert "categories=egress%2Cpod-networking" in tab.page.url or "categories=egress,pod-networking" in tab.page.url
    tab.page.reload(wait_until="networkidle")
    tab.page.wait_for_selector(".atlas-matrix-tools fieldset")
    assert tab.page.locator("table.atlas-matrix tbody tr:not([hidden])").count() == rows
    assert tab.outside == []


@pytest.mark.browser
def test_copy_link_on_a_rule(tab):
    tab.goto("/options/kubenet/")
    link = tab.page.locator("a.atlas-anchor[title='Link to this rule']").first
    fragment = link.evaluate("a => new URL(a.href).hash")
    assert fragment.startswith("#rule-kubenet-")
    link.click()
    assert tab.page.evaluate("navigator.clipboard.readText()") == tab.base + "/options/kubenet/" + fragment


def test_a_knowledge_base_too_large_for_a_grid_lists_the_rules_instead(tmp_path, monkeypatch):
    """The matrix grows with the square of the options: above ``MATRIX_UP_TO`` the compatibility
    page has no grid, keeps every rule and the rules by option, and points at compare-any."""
    from generator.site import urls

    from .conftest import build_site, copy_fixture, write_config

    monkeypatch.setattr(urls, "MATRIX_UP_TO", 1)
    kb = copy_fixture("kb-mini", tmp_path)
    site = build_site(write_config(tmp_path, kb), tmp_path / "site")
    doc = page(site, "compatibility")
    assert doc.css_first("table#matrix") is None
    links = {a.attributes.get("href") for a in doc.css("article a")}
    assert "../compare/" in links and "#by-option" in links
    assert doc.css_first("#by-option") is not None and doc.css("[id^=rule-]")
