"""Two engines, one site: the project that ``aks-atlas render --out`` writes builds with MkDocs +
Material and with Zensical into the same pages, links and anchors, and Zensical's search opens
and finds options. Zensical is pinned in the ``test`` extra; a missing one fails these tests."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser

from generator.adapters.linkcheck import check_links

from .conftest import ROOT, open_tab, serve

pytestmark = pytest.mark.engines

SITE_URL = "https://atlas.example/"  # canonical links are absolute on both engines only with a site URL
THEME_IDS = {"__skip"}  # Zensical's skip-link target sits inside the article; it is the theme's, not the page's


def _zensical() -> str:
    exe = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.fail("zensical is not installed: `pip install -e '.[test]'` pins it")
    return exe


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The rendered project, built once by each engine."""
    out = tmp_path_factory.mktemp("engines") / "project"
    env = {**os.environ, "ATLAS_SITE_URL": SITE_URL}
    cli = [sys.executable, "-m", "generator.adapters.cli"]
    subprocess.run([*cli, "render", "--out", str(out), "--config", str(ROOT / "mkdocs.yml")], check=True, env=env)
    mk = out.parent / "mkdocs-site"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(mk)]
    subprocess.run(mkdocs, cwd=out, env=env, check=True)
    zensical = subprocess.run([_zensical(), "build", "--strict"], cwd=out, env=env, capture_output=True, text=True)
    assert zensical.returncode == 0, (zensical.stdout + zensical.stderr)[-4000:]
    return {"mkdocs": mk, "zensical": out / "site"}


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _article(site: Path, page: str):
    return LexborHTMLParser((site / page).read_text(encoding="utf-8")).css_first("article")


def _targets(site: Path, page: str) -> set[str]:
    """Where the links in a page's article lead, as site paths with their anchors."""
    article = _article(site, page)
    out = set()
    for a in article.css("a") if article else ():
        href = a.attributes.get("href") or a.attributes.get("xlink:href") or ""  # SVG links keep xlink:href
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        out.add(f"{path}#{parts.fragment}" if parts.fragment else path)
    return out


def test_both_engines_write_the_same_pages(builds):
    assert _pages(builds["zensical"]) == _pages(builds["mkdocs"])


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_link_and_anchor_resolves(builds, engine):
    assert [str(b) for b in check_links(builds[engine], SITE_URL)] == []


def test_links_lead_to_the_same_places(builds):
    differ = [
        page
        for page in sorted(_pages(builds["mkdocs"]))
        if page != "404.html" and _targets(builds["mkdocs"], page) != _targets(builds["zensical"], page)
    ]
    assert differ == []


def test_pages_have_the_same_anchors(builds):
    def ids(engine: str, page: str) -> set[str]:
        article = _article(builds[engine], page)
        return {n.attributes["id"] for n in article.css("[id]")} - THEME_IDS if article else set()

    differ = [page for page in sorted(_pages(builds["mkdocs"])) if ids("mkdocs", page) != ids("zensical", page)]
    assert differ == []


def test_zensical_search_opens_and_finds_the_option(builds, browser):
    url, server = serve(builds["zensical"])
    tab = open_tab(browser, url)
    try:
        tab.goto("/")
        tab.page.click(".md-search__button")
        tab.page.keyboard.type("kubenet")
        # Results live in the search dialog's shadow root (CSS selectors pierce it); each result
        # link carries the query for highlighting (?h=).
        first = tab.page.locator("a[href*='?h=kubenet']").first
        # Results are listed as the query is typed and ranked again for each letter: a retrying
        # assertion waits for the ranking of the whole word instead of reading the first list.
        expect(first).to_have_attribute("href", re.compile(r"/options/kubenet/?\?h=kubenet"), timeout=10_000)
        assert tab.outside == [] and tab.console_errors == []
    finally:
        tab.page.context.close()
        server.shutdown()
