"""`make serve` rebuilds incrementally (`mkdocs serve --dirty`): after an edit only the pages whose
text changed are rendered again, and what is served then matches a clean build."""

from __future__ import annotations

import filecmp
import os
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .conftest import build_site, copy_fixture, write_config


@pytest.fixture(autouse=True)
def _own_plugin_instances():
    """MkDocs keeps the plugins that define on_startup in one cache for the whole process (as
    `mkdocs serve` needs); serve-mode instances here must not leak into the other tests' builds
    (Material's search plugin would merge this site's index into theirs)."""
    cache = MkDocsConfig.plugins.plugin_cache
    saved = dict(cache)
    cache.clear()
    yield
    cache.clear()
    cache.update(saved)


class Serving:
    """A serve session in this process: the plugins that define on_startup live on between
    builds, as under `mkdocs serve`, and every rebuild is dirty into the same folder."""

    def __init__(self, config: Path, site: Path):
        self.config, self.site = config, site
        self.plugins = None

    def rebuild(self) -> None:
        config = load_config(config_file=str(self.config), site_dir=str(self.site), strict=False)
        if self.plugins is None:
            config.plugins.on_startup(command="serve", dirty=True)
            self.plugins = config.plugins
        assert config.plugins["aks-atlas"] is self.plugins["aks-atlas"]  # MkDocs kept the instance
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)


def _times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_an_option_edit_renders_only_the_pages_it_changes(tmp_path):
    kb = copy_fixture("kb-mini", tmp_path)
    serving = Serving(write_config(tmp_path, kb), tmp_path / "served")
    serving.rebuild()
    before = _times(serving.site)
    time.sleep(0.02)
    option = kb / "options" / "alpha" / "fast-one.yaml"
    option.write_text(option.read_text().replace("summary: The fast option.", "summary: The quick option."))
    serving.rebuild()
    after = _times(serving.site)
    rendered = sorted(page for page in after if after[page] != before.get(page))
    assert "options/fast-one/index.html" in rendered
    assert "The quick option." in (serving.site / "options/fast-one/index.html").read_text()
    assert "about/index.html" not in rendered and "glossary/index.html" not in rendered
    assert len(rendered) < len(after) / 2


def test_what_is_served_after_edits_matches_a_clean_build(tmp_path):
    kb = copy_fixture("kb-mini", tmp_path)
    config = write_config(tmp_path, kb)
    serving = Serving(config, tmp_path / "served")
    serving.rebuild()
    option = kb / "options" / "alpha" / "slow-one.yaml"
    option.write_text(option.read_text().replace("summary: The slow option.", "summary: The careful option."))
    serving.rebuild()
    clean = build_site(config, tmp_path / "clean")
    pages = sorted(p.relative_to(clean) for p in clean.rglob("*.html"))
    # Material's search index is merged per page under dirty reload; the pages themselves must match.
    different = [p for p in pages if not filecmp.cmp(clean / p, serving.site / p, shallow=False)]
    assert different == []


def test_a_renamed_option_is_renamed_on_every_page(tmp_path):
    kb = copy_fixture("kb-mini", tmp_path)
    serving = Serving(write_config(tmp_path, kb), tmp_path / "served")
    serving.rebuild()
    option = kb / "options" / "alpha" / "fast-one.yaml"
    option.write_text(option.read_text().replace("name: Fast One", "name: Swift One", 1))
    serving.rebuild()
    pages = serving.site.rglob("*.html")
    stale = [p.relative_to(serving.site).as_posix() for p in pages if "Fast One" in p.read_text()]
    assert stale == []  # navigation, footers, tables: no page keeps the old name
    assert "Swift One" in (serving.site / "options" / "fast-one" / "index.html").read_text()


def test_a_template_edit_renders_again_without_reading_the_data_again(tmp_path, monkeypatch):
    from generator.adapters import plugin
    from generator.site.render import TEMPLATES

    kb = copy_fixture("kb-mini", tmp_path)
    serving = Serving(write_config(tmp_path, kb), tmp_path / "served")
    serving.rebuild()
    reads = []
    real = plugin.load_kb
    monkeypatch.setattr(plugin, "load_kb", lambda *a, **k: reads.append(a) or real(*a, **k))
    time.sleep(0.02)
    os.utime(TEMPLATES / "option.md.j2")  # a save without a change: the snapshot differs
    serving.rebuild()
    assert reads == []
    option = kb / "options" / "alpha" / "fast-one.yaml"
    option.write_text(option.read_text().replace("summary: The fast option.", "summary: The quick option."))
    serving.rebuild()
    assert len(reads) == 1
    assert "The quick option." in (serving.site / "options/fast-one/index.html").read_text()


def test_the_data_and_templates_are_looked_at_more_often_than_mkdocs_default(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    from generator.adapters.incremental import POLL_S, watch_often

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))  # MkDocs' own watch of the docs folder
    (tmp_path / "data").mkdir()
    watch_often(server, [tmp_path / "data"])
    timeouts = {Path(e.watch.path).name: e.timeout for e in server.observer.emitters}
    assert timeouts == {tmp_path.name: 0.5, "data": POLL_S}
    assert server.observer.timeout == 0.5
