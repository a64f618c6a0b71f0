"""`make serve` rebuilds incrementally (`mkdocs serve --dirty`): after an edit only the pages whose
text changed are rendered again, and what is served then matches a clean build."""

from __future__ import annotations

import filecmp
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import build_site, copy_fixture, write_config


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
    about = (serving.site / "about" / "index.html").read_text()
    assert "Swift One" in about and "Fast One" not in about
