"""Build tests on a tiny site in tmp_path (the mkdocs-autorefs pattern): each page type's HTML,
edit links, escaping, the plain render, and byte-identical rebuilds."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.adapters.cli import main as cli_main

from .conftest import FIXTURES, ROOT, build_site, copy_fixture, write_config
from .conftest import page as html


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mini")
    kb = copy_fixture("kb-mini", root)
    # The project's hand-written pages, one of them using an abbreviation from the glossary.
    docs = root / "docs"
    shutil.copytree(ROOT / "docs", docs)
    with (docs / "about.md").open("a", encoding="utf-8") as about:
        about.write("\nEgress through a load balancer uses SNAT.\n")
    config = write_config(root, kb)
    config.write_text(config.read_text().replace(f"docs_dir: {ROOT / 'docs'}", f"docs_dir: {docs}"))
    return build_site(config, root / "site")


def test_home_lists_layers_categories_and_options(mini_site):
    doc = html(mini_site, "")
    text = doc.body.text()
    assert "Network layer" in text
    links = {a.attributes.get("href") for a in doc.css("article a")}
    assert "net/alpha/" in links and "options/fast-one/" in links


def test_category_page_has_a_row_per_option_with_anchor_badges_and_notes(mini_site):
    doc = html(mini_site, "net/alpha")
    rows = doc.css("table.atlas-table tbody tr")
    assert [r.attributes["id"] for r in rows] == ["fast-one", "slow-one"]
    fast = rows[0]
    assert fast.css_first("a.atlas-anchor").attributes["href"] == "#fast-one"
    assert fast.css_first(".atlas-status--ga").text() == "GA"
    assert fast.css_first(".atlas-level--partial").text() == "Partial"
    assert fast.css_first(".atlas-disputed") is not None
    assert rows[1].css_first(".atlas-status--retiring").text() == "Retiring 2028-03-31"
    # Every footnote reference lands on a footnote that exists on the page.
    refs = {a.attributes["href"][1:] for a in doc.css("sup.atlas-ref a")}
    assert refs and all(doc.css_first(f"#{r}") is not None for r in refs)
    note2 = doc.css_first("#note-2").parent.text()
    assert "Doc B says it comes from the VNet" in note2
    headers = [th.text(strip=True) for th in doc.css("table.atlas-table thead th")]
    assert headers == ["Option", "Status", "Speed(Gbps)", "Windows", "Source", "Switch after creation"]


def test_option_page_sections(mini_site):
    doc = html(mini_site, "options/fast-one")
    assert doc.css_first("h1").text().rstrip("¶") == "Fast One"
    heads = [h.text(strip=True).rstrip("¶") for h in doc.css("article h2")]
    for expected in (
        "At a glance",
        "When to choose it",
        "Pros and cons",
        "How to select it",
        "Migrating to another option",
        "Works with, and does not work with",
        "Other options for Alpha choice",
        "Sources",
    ):
        assert expected in heads
    code = doc.css_first(".tabbed-block pre").text()
    assert "--network-plugin azure" in code
    srcs = [a.attributes["href"] for a in doc.css("article a") if "learn.microsoft.com" in a.attributes.get("href", "")]
    assert "https://learn.microsoft.com/azure/aks/doc-a" in srcs
    assert "verified 2026-11-01" in doc.css_first(".atlas-verified").text()
    assert "speedy" in doc.css_first(".atlas-keywords").text()


def test_rules_show_on_both_sides(mini_site):
    for opt, other in (("slow-one", "Private One"), ("private-one", "Slow One")):
        item = html(mini_site, f"options/{opt}").css_first("#rule-slow-conflicts-private")
        assert item is not None, opt
        assert other in item.parent.text() or other in item.text()


def test_stale_option_is_flagged(mini_site):
    slow = html(mini_site, "options/slow-one").body.text()
    assert "Due for review" in slow
    assert "Due for review" not in html(mini_site, "options/fast-one").body.text()


def test_edit_links_open_the_yaml_behind_the_page(mini_site):
    edit = html(mini_site, "options/fast-one").css_first('a[title="Edit this page"]')
    assert edit.attributes["href"].endswith("/kb/options/alpha/fast-one.yaml") or edit.attributes["href"].endswith(
        "options/alpha/fast-one.yaml"
    )
    cat = html(mini_site, "net/alpha").css_first('a[title="Edit this page"]').attributes["href"]
    assert cat.endswith("categories.yaml")
    about = html(mini_site, "about").css_first('a[title="Edit this page"]').attributes["href"]
    assert about.endswith("/docs/about.md")


def test_glossary_abbreviations_become_tooltips(mini_site):
    gl = html(mini_site, "glossary")
    assert gl.css_first("#snat") is not None
    # the abbreviation is applied on other pages too, hand-written ones included
    about = html(mini_site, "about")
    assert [a.attributes.get("title") for a in about.css("article abbr")] == ["Source network address translation"]
    assert 'title="Source network address translation"' in (mini_site / "glossary" / "index.html").read_text()


def test_every_page_has_opengraph_meta(mini_site):
    for page in mini_site.rglob("index.html"):
        doc = LexborHTMLParser(page.read_text(encoding="utf-8"))
        if doc.css_first('meta[http-equiv="refresh"]'):
            continue  # an old id's redirect page
        title = doc.css_first('meta[property="og:title"]')
        desc = doc.css_first('meta[property="og:description"]')
        assert title is not None and title.attributes["content"], page
        assert desc is not None and desc.attributes["content"], page
    fast = html(mini_site, "options/fast-one")
    assert fast.css_first('meta[property="og:description"]').attributes["content"] == "The fast option."


def test_api_export_is_published(mini_site):
    data = json.loads((mini_site / "api" / "kb.json").read_text())
    assert {o["id"] for o in data["options"]} == {"fast-one", "slow-one", "private-one"}
    schema = json.loads((mini_site / "api" / "schema" / "option.schema.json").read_text())
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")


def test_no_third_party_urls_in_assets(mini_site):
    for page in mini_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs"):
            assert host not in text, (page, host)


def test_markup_in_a_plain_text_field_renders_as_text(tmp_path):
    """Names are plain text: markup in them is escaped everywhere it lands."""
    kb = copy_fixture("kb-mini", tmp_path)
    path = kb / "options" / "alpha" / "fast-one.yaml"
    path.write_text(path.read_text().replace("name: Fast One", 'name: "Fast <script>alert(1)</script> One"'))
    site = build_site(write_config(tmp_path, kb), tmp_path / "site")
    for page in ("options/fast-one", "options/slow-one", "net/alpha", "net", "", "tags"):
        raw = (site / page / "index.html").read_text()
        assert "<script>alert(1)</script>" not in raw, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw, page
    title = LexborHTMLParser((site / "options/fast-one/index.html").read_text()).css_first("title").text()
    assert title.startswith("Fast <script>alert(1)</script> One")  # shown as text, not parsed as a tag


def test_two_builds_are_byte_identical(tmp_path):
    kb = copy_fixture("kb-mini", tmp_path)
    config = write_config(tmp_path, kb)
    a = build_site(config, tmp_path / "a")
    b = build_site(config, tmp_path / "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    # sitemap.xml.gz embeds a gzip timestamp that MkDocs does not pin; compare its content.
    different = [f for f in files_a if f.suffix != ".gz" and not filecmp.cmp(a / f, b / f, shallow=False)]
    assert different == []


def test_plain_render_builds_the_same_site(tmp_path):
    """`aks-atlas render --out DIR` + plain `mkdocs build` gives the same pages and content."""
    kb = copy_fixture("kb-mini", tmp_path)
    config = write_config(tmp_path, kb)
    with_plugin = build_site(config, tmp_path / "with-plugin")
    out = tmp_path / "plain"
    assert cli_main(["--data", str(kb), "render", "--out", str(out), "--config", str(config)]) == 0
    text = (out / "mkdocs.yml").read_text()
    assert "aks-atlas" not in text.split("plugins:")[1]
    plain = build_site(out / "mkdocs.yml", tmp_path / "plain-site")
    pages_a = sorted(p.relative_to(with_plugin) for p in with_plugin.rglob("*.html"))
    pages_b = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert pages_a == pages_b
    for rel in pages_a:
        a = LexborHTMLParser((with_plugin / rel).read_text()).css_first("article")
        b = LexborHTMLParser((plain / rel).read_text()).css_first("article")
        if a is None:
            continue
        # The edit button differs (the plugin points it at the YAML file); the content must not.
        for doc in (a, b):
            for node in doc.css('a[title="Edit this page"]'):
                node.decompose()
        assert " ".join(a.html.split()) == " ".join(b.html.split()), rel
    feeds = LexborHTMLParser((plain / "index.html").read_text()).css('link[rel="alternate"]')
    assert [n.attributes["type"] for n in feeds] == ["application/atom+xml", "text/calendar"]


def test_validate_cli_exit_codes(tmp_path, capsys):
    assert cli_main(["--data", str(FIXTURES / "kb-mini"), "validate"]) == 0
    assert "ok: 3 options" in capsys.readouterr().out
    assert cli_main(["--data", str(tmp_path / "missing"), "validate"]) == 2
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["frobnicate"])
    assert exit_info.value.code == 2


def test_console_script_is_installed():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "aks-atlas"), "--data", str(FIXTURES / "kb-mini"), "validate"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_committed_schema_matches_the_models(tmp_path):
    assert cli_main(["schema", "--out", str(tmp_path)]) == 0
    committed = ROOT / "data" / "schema"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in committed.glob("*.json"))
    for name in names:
        assert (tmp_path / name).read_text() == (committed / name).read_text(), f"{name} is stale: run `make schema`"


def test_yaml_files_point_editors_at_the_schema():
    data = ROOT / "data"
    for path in sorted(data.glob("options/*/*.yaml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schema/option.schema.json"), path
    assert (
        (data / "categories.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=schema/categories.schema.json")
    )


def test_export_command_prints_json(capsys):
    assert cli_main(["--data", str(FIXTURES / "kb-mini"), "export"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == 1 and len(data["rules"]) == 1
    assert set(data) == {
        "format",
        "layers",
        "command_order",
        "options",
        "rules",
        "glossary",
        "sources",
        "trees",
        "presets",
        "changes",
    }


def test_the_status_moves_with_the_build_date_and_nothing_breaks():
    import datetime as dt

    from generator.app import load_kb
    from generator.core import model as m

    before, _ = load_kb(FIXTURES / "kb-mini", on=dt.date(2028, 3, 30))
    after, warnings = load_kb(FIXTURES / "kb-mini", on=dt.date(2028, 3, 31))
    assert (before.state(before.options["slow-one"]).level, before.state(before.options["slow-one"]).date) == (
        m.Status.retiring,
        "2028-03-31",
    )
    assert (after.state(after.options["slow-one"]).level, after.state(after.options["slow-one"]).date) == (
        m.Status.retired,
        "2028-03-31",
    )
    assert not [w for w in warnings if "slow-one" in w.message]


def test_an_old_id_redirects_to_the_option(mini_site):
    doc = html(mini_site, "options/slow-old")
    assert doc.css_first('meta[http-equiv="refresh"]').attributes["content"] == "0; url=../../options/slow-one/"
    assert doc.css_first('link[rel="canonical"]').attributes["href"] == "../../options/slow-one/"
    assert doc.css_first('meta[name="robots"]').attributes["content"] == "noindex"


def test_a_missing_data_folder_is_a_config_error(tmp_path, caplog):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = write_config(tmp_path, tmp_path / "no-such-data")
    with pytest.raises(Abort):
        load_config(config_file=str(config))
    assert "option 'data_dir': The path" in caplog.text and "no-such-data' isn't an existing directory" in caplog.text


def test_page_titles_name_the_site_once(mini_site):
    assert html(mini_site, "").css_first("title").text() == "AKS Networking Atlas"
    assert html(mini_site, "glossary").css_first("title").text() == "Glossary - AKS Networking Atlas"


def test_many_layers_are_grouped_so_every_page_carries_a_bounded_navigation(tmp_path, monkeypatch):
    """Material renders each page's open navigation path with its siblings: beyond ``NAV_FANOUT``
    layers, the layers are grouped into named sections, and every layer stays in the navigation."""
    from generator.app import load_kb
    from generator.site import reference

    from .conftest import copy_fixture

    monkeypatch.setattr(reference, "NAV_FANOUT", 2)
    kb, _ = load_kb(copy_fixture("kb-mini", tmp_path))
    kb.layers = kb.layers * 5  # ten layers, as a grown knowledge base would have
    nav = reference.layers_nav(kb)
    assert len(nav) <= 1 + 2
    names = []

    def walk(item, depth):
        for label, value in item.items():
            if isinstance(value, list) and value and isinstance(value[0], str):
                names.append(label)  # a layer: its own page first
                assert depth <= 4
            elif isinstance(value, list):
                for child in value:
                    walk(child, depth + 1)

    for item in nav[1:]:
        walk(item, 1)
    assert names == [reference.html.escape(layer.name) for layer in kb.layers]
    assert all(len(v) <= 2 for item in nav[1:] for v in item.values())
