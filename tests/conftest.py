"""Shared fixtures: the real knowledge base, tiny ones, site builds in tmp_path, a local server,
Chromium, and the page helpers every test file uses.

Browser tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright. Every request
that does not go to the local test server is aborted and recorded, so a test can assert that a
page makes zero third-party requests. In CI (``CI=true``) a missing browser fails the run.

Every test that uses the ``browser`` fixture (directly or through ``tab``) is marked ``browser``
by ``pytest_collection_modifyitems``, so ``pytest -m "not browser"`` (``make test-fast``) is the
fast tier without anyone having to remember a marker.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import socketserver
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.app import load_kb

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
EPOCH = "1795910400"  # 2026-11-29T00:00:00Z: builds in tests are pinned to one day
TODAY = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium, so the fast tier can leave them out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def kb():
    """The real knowledge base, read and checked as on the pinned day."""
    return load_kb(ROOT / "data", on=TODAY)[0]


def page(site: Path, url: str) -> LexborHTMLParser:
    """The parsed HTML of the page served at ``url`` ("" for home, "options/kubenet", ...)."""
    return LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def build_site(config_file: Path, site_dir: Path) -> Path:
    """Build a site strictly (as `mkdocs build --strict` does) and return its folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def write_config(tmp_path: Path, data_dir: Path, **extra: str) -> Path:
    """A mkdocs.yml in tmp_path that uses the project's docs, theme overrides and extensions
    with another knowledge base (the mkdocs-autorefs pattern: a tiny site per test)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("data_dir: data", f"data_dir: {data_dir}")
    for key, value in extra.items():
        text += f"\n{key}: {value}\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.fixture(autouse=True)
def _pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run with the real knowledge base."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[str, socketserver.TCPServer]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(real_site: Path):
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} does not exist")
        pytest.skip(f"no Chromium at {CHROMIUM} (install Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@dataclass
class Tab:
    """A Playwright page plus what it tried to fetch from elsewhere and what it logged."""

    page: object
    base: str
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str):
        return self.page.goto(self.base + path, wait_until="networkidle")


def open_tab(browser, base: str, **context_args) -> Tab:
    context = browser.new_context(**context_args)
    page = context.new_page()
    tab = Tab(page, base)

    def route(r):
        url = r.request.url
        if url.startswith(base) or url.startswith("data:") or url.startswith("blob:"):
            r.continue_()
        else:
            tab.outside.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    return tab


@pytest.fixture
def tab(browser, site_url):
    t = open_tab(browser, site_url, permissions=["clipboard-read", "clipboard-write"])
    yield t
    t.page.context.close()
