"""Site-wide integrity: links and anchors, every page offline and error-free in
Chromium, accessibility per page type, reproducible builds of the real site."""

from __future__ import annotations

import filecmp
from urllib.parse import urlsplit

import pytest

from generator.adapters.cli import main as cli_main
from generator.adapters.linkcheck import ALLOWED_LINK_HOSTS, check_links

from .conftest import ROOT, build_site, copy_fixture, write_config


def test_every_internal_link_and_anchor_of_the_real_site_resolves(real_site):
    broken = check_links(real_site)
    assert broken == [], "\n".join(map(str, broken[:30]))


def test_link_checker_catches_each_kind_of_defect(tmp_path):
    kb = copy_fixture("kb-mini", tmp_path)
    site = build_site(write_config(tmp_path, kb), tmp_path / "site")
    page = site / "about" / "index.html"
    page.write_text(
        page.read_text().replace(
            "</article>",
            (
                '<a href="../net/alpha/#no-such-row">a</a>'
                '<a href="../nowhere/">b</a>'
                '<a href="http://learn.microsoft.com/x">c</a>'
                '<a href="https://evil.example.com/">d</a>'
                '<a href="javascript:alert(1)">e</a>'
                '<a href="/net/">f</a>'
                '<a href="../net/alpha/#fast-one">ok</a>'
                "</article>"
            ),
            1,
        )
    )
    problems = {(b.target, b.problem) for b in check_links(site)}
    assert problems == {
        ("../net/alpha/#no-such-row", "no element with id 'no-such-row'"),
        ("../nowhere/", "no such file"),
        ("http://learn.microsoft.com/x", "external links must use https"),
        ("https://evil.example.com/", "host evil.example.com is not in the allowed list"),
        ("javascript:alert(1)", "javascript: links are not allowed"),
        ("/net/", "absolute paths break when the site is not served at the root"),
    }
    assert cli_main(["check-links", str(site)]) == 1


def test_every_source_the_data_cites_passes_the_link_checker(kb):
    hosts = {urlsplit(src.url).hostname for src in kb.sources.values()}
    assert hosts and hosts <= ALLOWED_LINK_HOSTS


def test_real_site_builds_byte_identical_twice(real_site, tmp_path):
    again = build_site(ROOT / "mkdocs.yml", tmp_path / "again")
    files = sorted(p.relative_to(real_site) for p in real_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    different = [f for f in files if f.suffix != ".gz" and not filecmp.cmp(real_site / f, again / f, shallow=False)]
    assert different == []


def _all_pages(site):
    return sorted(
        "/" + p.parent.relative_to(site).as_posix().strip(".") + ("/" if p.parent != site else "")
        for p in site.rglob("index.html")
    )


@pytest.mark.browser
def test_every_page_loads_offline_without_console_errors(real_site, browser, site_url):
    """All pages, not a sample: no request leaves the local server, nothing logs an error."""
    from .conftest import open_tab

    tab = open_tab(browser, site_url)
    pages = [p.replace("//", "/") for p in _all_pages(real_site)]
    assert len(pages) > 100
    failures = []
    for path in pages:
        tab.outside.clear()
        tab.console_errors.clear()
        response = tab.goto(path)
        if response is None or response.status != 200:
            failures.append(f"{path}: HTTP {response and response.status}")
        if tab.outside:
            failures.append(f"{path}: outside requests {tab.outside}")
        if tab.console_errors:
            failures.append(f"{path}: console errors {tab.console_errors}")
    tab.page.context.close()
    assert failures == []


AXE_PAGES = {
    "home": "/",
    "layer": "/node/",
    "category": "/node/egress/",
    "option": "/options/private-cluster/",
    "pair": "/compare/azure-cni-overlay-vs-kubenet/",
    "compare-any": "/compare/?ids=azure-cni-overlay,kubenet",
    "matrix": "/compatibility/",
    "glossary": "/glossary/",
    "tags": "/tags/",
    "about": "/about/",
    "changes": "/changes/",
}


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(AXE_PAGES))
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violation(tab, kind, scheme):
    from axe_playwright_python.sync_playwright import Axe

    tab.page.add_init_script(
        "localStorage.setItem('/.__palette', "
        f"JSON.stringify({{index: {0 if scheme == 'default' else 1}, color: {{scheme: '{scheme}'}}}}))"
    )
    tab.goto(AXE_PAGES[kind])
    tab.page.wait_for_timeout(300)
    assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    results = Axe().run(tab.page)
    assert results.violations_count == 0, results.generate_report()


def test_every_vendored_library_has_its_license_and_record():
    vendor = ROOT / "docs" / "assets" / "vendor"
    record = (vendor / "VENDOR.txt").read_text()
    folders = [p for p in vendor.iterdir() if p.is_dir()]
    assert folders
    for folder in folders:
        name, _, version = folder.name.rpartition("-")
        assert f"| {name} | {version} |" in record, folder.name
        assert any(p.name.upper().startswith("LICEN") for p in folder.iterdir()), folder.name
