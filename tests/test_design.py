"""The network designer: preset checks, golden commands, flags traced to the KB, the Python and
JavaScript implementations held together, and the page driven in Chromium as a person would."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.adapters.cli import main as cli_main
from generator.app import load_kb
from generator.core.vocab import SEVERITIES
from generator.features.design import data as design_data
from generator.features.design import evaluate as design
from generator.site import snippets

from .conftest import FIXTURES, ROOT, build_site, open_tab, serve, write_config

GOLDEN = Path(__file__).parent / "golden" / "design"


@pytest.fixture(scope="module")
def kb():
    return load_kb(ROOT / "data")[0]


def sections(text: str) -> dict[str, str]:
    """A golden file's ``# az`` / ``# bicep`` / ``# terraform`` parts."""
    parts = re.split(r"^# (az|bicep|terraform)\n", text, flags=re.M)
    return {parts[i]: parts[i + 1].strip("\n") for i in range(1, len(parts), 2)}


# --- presets and their checks -----------------------------------------------------------------------


def test_presets_cover_the_required_designs(kb):
    ids = {p.id for p in kb.presets}
    assert {"recommended-default", "locked-down-enterprise", "flat-network-on-premises", "large-scale"} <= ids
    for p in kb.presets:
        assert set(p.choices) == set(kb.categories), p.id
        assert not [f for f in design.evaluate(kb, p.choices) if f["severity"] == "error"], p.id


GOOD_PRESETS = """presets:
  - id: good
    name: Good
    summary: A valid preset.
    choices:
      alpha: fast-one
      beta: private-one
"""


@pytest.mark.parametrize(
    "name, edit, expected",
    [
        ("valid", None, []),
        (
            "unknown-category",
            ("      alpha: fast-one\n", "      alpah: fast-one\n"),
            [
                "kb/presets.yaml:6:7: preset 'good' has no choice for category 'alpha'",
                "kb/presets.yaml:6:7: unknown category 'alpah'; did you mean 'alpha'?",
            ],
        ),
        (
            "unknown-option",
            ("alpha: fast-one", "alpha: fast-on"),
            ["kb/presets.yaml:6:14: unknown option 'fast-on'; did you mean 'fast-one'?"],
        ),
        (
            "wrong-category",
            ("beta: private-one", "beta: slow-one"),
            ["kb/presets.yaml:7:13: option 'slow-one' belongs to category 'alpha', not 'beta'"],
        ),
        (
            "missing-category",
            ("      beta: private-one\n", ""),
            ["kb/presets.yaml:6:7: preset 'good' has no choice for category 'beta'"],
        ),
        (
            "conflict",
            ("alpha: fast-one", "alpha: slow-one"),
            [
                "kb/presets.yaml:6:14: preset 'good' breaks rule 'slow-conflicts-private': "
                "Slow One does not work with Private One"
            ],
        ),
        (
            "unknown-key",
            ("    summary: A valid preset.\n", "    summary: A valid preset.\n    choice: {}\n"),
            ["kb/presets.yaml:5:5: unknown key 'choice'; did you mean 'choices'?"],
        ),
        (
            "duplicate-id",
            (
                "    choices:\n      alpha: fast-one\n      beta: private-one\n",
                "    choices:\n      alpha: fast-one\n      beta: private-one\n" + GOOD_PRESETS.split("\n", 1)[1],
            ),
            ["kb/presets.yaml:8:9: duplicate preset id 'good' (first defined at line 2)"],
        ),
    ],
)
def test_bad_presets_are_reported_with_their_position(tmp_path, capsys, monkeypatch, name, edit, expected):
    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb-mini", kb_dir)
    text = GOOD_PRESETS if edit is None else GOOD_PRESETS.replace(*edit)
    (kb_dir / "presets.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc = cli_main(["--data", "kb", "validate"])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("kb/") and ": warning: " not in line]
    assert lines == expected, err
    assert rc == (0 if not expected else 1)


# --- golden commands, traced back to the knowledge base -----------------------------------------------


def test_each_preset_matches_its_golden_file(kb):
    """Regenerate with ATLAS_UPDATE_GOLDEN=1 after a deliberate change to the data."""
    for p in kb.presets:
        path = GOLDEN / f"{p.id}.txt"
        text = design.golden_text(kb, p.choices)
        if os.environ.get("ATLAS_UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert path.is_file(), f"no golden file for preset {p.id}"
        assert path.read_text(encoding="utf-8") == text, f"{p.id}: the generated commands changed"
    assert sorted(x.stem for x in GOLDEN.glob("*.txt")) == sorted(p.id for p in kb.presets)


def _tree_lines(text: str, opener: str, sep: str) -> list[tuple[str, str]]:
    """(dotted path, value text) for every leaf of a Bicep or HCL block as snippets writes it;
    a Bicep array of objects (`key: [` / `{` / `}` / `]`) gives `key[i]` segments."""
    stack: list[str] = []
    counters: list[int] = []
    leaves = []

    def path(parts: list[str]) -> str:
        return "".join(p if (p.startswith("[") or i == 0) else "." + p for i, p in enumerate(parts))

    for raw in text.splitlines():
        line = raw.strip()
        if line in ("}", "]"):
            stack.pop()
            if line == "]":
                counters.pop()
        elif line.endswith(sep + "["):
            stack.append(line[: -len(sep + "[")])
            counters.append(0)
        elif line == "{":
            stack.append(f"[{counters[-1]}]")
            counters[-1] += 1
        elif line.endswith(opener):
            stack.append(line[: -len(opener)])
        else:
            key, value = line.split(sep, 1)
            leaves.append((path(stack + [key]), value))
    return leaves


def test_every_flag_and_property_in_the_golden_files_comes_from_the_chosen_options(kb):
    for p in kb.presets:
        chosen = [kb.options[o] for o in p.choices.values()]
        parts = sections((GOLDEN / f"{p.id}.txt").read_text(encoding="utf-8"))
        az_lines = [line.strip().rstrip("\\").strip() for line in parts["az"].splitlines()]
        assert az_lines[:3] == snippets.AZ_PREFIX
        known_az = {
            (f.flag, None if f.value is None or f.value is True else snippets._shell_word(f.value))
            for o in chosen
            for f in o.select.az_aks_create
        }
        for line in az_lines[3:]:
            flag, _, value = line.partition(" ")
            assert (flag, value or None) in known_az, (
                f"{p.id}: {line} is not in the select data of {sorted(p.choices.values())}"
            )
        known_bicep = {(x.property, snippets._bicep_value(x.value)) for o in chosen for x in o.select.bicep}
        for path, value in _tree_lines(parts["bicep"], ": {", ": "):
            assert (path, value) in known_bicep, f"{p.id}: Bicep {path} = {value}"
        tf = parts["terraform"].splitlines()
        assert tf[0] == 'resource "azurerm_kubernetes_cluster" "aks" {' and tf[-1] == "}"
        known_tf = {(x.property, snippets._hcl_value(x.value)) for o in chosen for x in o.select.terraform}
        for path, value in _tree_lines("\n".join(tf[1:-1]), " {", " = "):
            assert (path, value) in known_tf, f"{p.id}: Terraform {path} = {value}"


def test_combine_merges_once_and_reports_clashes(kb):
    # The real data has no clashing flags any more (each option owns its flags), so give the
    # Cilium dataplane a conflicting --network-plugin on a copy of the knowledge base.
    import copy

    from generator.core import model as m

    kb = copy.copy(kb)
    kb.options = dict(kb.options)
    cilium = kb.options["cilium-dataplane"]
    clash = m.CliFlag(flag="--network-plugin", value="azure", why="A clash made up for this test.")
    kb.options["cilium-dataplane"] = cilium.model_copy(
        update={"select": cilium.select.model_copy(update={"az_aks_create": [clash, *cilium.select.az_aks_create]})}
    )
    choices = {**kb.presets[0].choices, "pod-networking": "kubenet", "dataplane": "cilium-dataplane"}
    combined = design.combine(kb, choices)
    flags = [e["key"] for e in combined["az"]]
    assert len(flags) == len(set(flags))
    assert ("--network-plugin", "kubenet") in [(e["key"], e["value"]) for e in combined["az"]]
    clash = next(
        o for o in combined["overridden"] if o["key"] == "--network-plugin" and o["option"] == "cilium-dataplane"
    )
    assert (clash["option"], clash["value"], clash["by"], clash["used"]) == (
        "cilium-dataplane",
        "azure",
        "kubenet",
        "kubenet",
    )


def test_rules_become_errors_warnings_and_tips(kb):
    base = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    found = design.evaluate(kb, {**base, "vnet": "managed-vnet"})
    err = next(f for f in found if f["rule"] == "user-defined-routing-requires-byo-vnet")
    assert err["severity"] == "error" and err["change"] == ["vnet", "egress"]
    assert [f["severity"] for f in found] == sorted((f["severity"] for f in found), key=lambda s: SEVERITIES[s].rank)
    tips = design.evaluate(kb, {**base, "egress": "user-assigned-nat-gateway"})
    assert any(f["severity"] == "tip" and f["rule"] == "private-cluster-with-udr" for f in tips)


def test_md_tokens_keep_code_links_and_emphasis_as_data():
    assert design_data.md_tokens(
        "Use `none` with **care**, see [the page](https://learn.microsoft.com/x) and *this*."
    ) == [
        ["text", "Use "],
        ["code", "none"],
        ["text", " with "],
        ["strong", "care"],
        ["text", ", see "],
        ["link", "the page", "https://learn.microsoft.com/x"],
        ["text", " and "],
        ["em", "this"],
        ["text", "."],
    ]
    assert design_data.md_tokens("a `<script>alert(1)</script>` b")[1] == ["code", "<script>alert(1)</script>"]


# --- the page without JavaScript ------------------------------------------------------------------------


def test_the_page_without_javascript_shows_every_preset_with_its_commands(kb, real_site):
    doc = LexborHTMLParser((real_site / "design" / "index.html").read_text(encoding="utf-8"))
    for p in kb.presets:
        head = doc.css_first(f"#preset-{p.id}")
        assert head is not None and p.name in head.text()
        golden = sections((GOLDEN / f"{p.id}.txt").read_text(encoding="utf-8"))
        text = doc.css_first("article").text()
        block = text.split(head.text(), 1)[1]
        block = block.split("Values in angle brackets", 1)[0]
        for name in (q.name for q in kb.presets if q.id != p.id):
            block = block.split(name + "¶", 1)[0]
        for line in golden["az"].splitlines() + golden["terraform"].splitlines():
            assert line.strip().rstrip("\\").strip() in block, (p.id, line)
        for opt in p.choices.values():
            assert kb.options[opt].name in block
        link = doc.css_first(f'a.atlas-open-preset[href="./?{design.query(kb, p.choices)}"]')
        assert link is not None
    assert doc.css_first('[data-atlas-module="designer"] .atlas-nojs') is not None
    # navigation.indexes makes the designer the "Design" section's own page, the planner its child
    tabs = {a.text(strip=True): a.attributes.get("href") for a in doc.css(".md-tabs a")}
    assert tabs["Design"] == "./"
    assert "IP planner" in [a.text(strip=True) for a in doc.css("nav.md-nav--primary a")]


# --- browser: the designer as a person uses it --------------------------------------------------------


def select_values(tab) -> dict[str, str]:
    return tab.page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.atlas-design-form select')]
                .map((s) => [s.name, s.value]))"""
    )


def command_texts(tab) -> dict[str, str]:
    return tab.page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-command]')]
                .map((d) => [d.dataset.command, d.querySelector('pre code').textContent]))"""
    )


@pytest.mark.browser
def test_preset_conflict_fix_and_shared_link(tab, kb):
    page = tab.page
    tab.goto("/design/")
    page.get_by_role("button", name="Locked-down enterprise with firewall egress").click()
    preset = next(p for p in kb.presets if p.id == "locked-down-enterprise")
    assert select_values(tab) == preset.choices
    assert (
        page.get_by_role("button", name="Locked-down enterprise with firewall egress").get_attribute("aria-pressed")
        == "true"
    )

    # Change the network to one that firewall egress cannot use: an error with its reason.
    page.locator("#design-vnet").select_option("managed-vnet")
    item = page.locator('li[data-rule="user-defined-routing-requires-byo-vnet"]')
    assert "Error" in item.inner_text()
    reason = next(r for r in kb.rules if r.id == "user-defined-routing-requires-byo-vnet").reason
    assert " ".join(reason.split())[:40].replace("`", "") in item.inner_text()
    assert "1 conflict" in page.locator(".atlas-design-summary").inner_text()
    assert "vnet=managed-vnet" in page.url

    # Fix it with the suggested change, which puts the network back.
    item.locator('button[data-fix="vnet=byo-vnet"]').click()
    assert select_values(tab) == preset.choices
    assert page.locator('li[data-rule="user-defined-routing-requires-byo-vnet"].atlas-finding-item--error').count() == 0
    assert page.evaluate("document.activeElement.classList.contains('atlas-design-summary')")

    # Copy the link and open it: the same design, the same command.
    page.locator(".atlas-pools input").first.fill("40")
    page.get_by_role("button", name="Copy link").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert "locked-down" not in link and "nodes=40" in link and "egress=user-defined-routing" in link
    before = command_texts(tab)
    page.goto(link, wait_until="networkidle")
    assert select_values(tab) == preset.choices
    assert page.locator(".atlas-pools input").first.input_value() == "40"
    assert command_texts(tab) == before
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_generated_commands_match_the_golden_files(tab, kb):
    tab.goto("/design/")
    for p in kb.presets:
        tab.page.get_by_role("button", name=p.name, exact=True).click()
        golden = sections((GOLDEN / f"{p.id}.txt").read_text(encoding="utf-8"))
        assert command_texts(tab) == {"az": golden["az"], "bicep": golden["bicep"], "terraform": golden["terraform"]}, (
            p.id
        )
    assert not tab.outside and not tab.console_errors


# The script's evaluate(), lifecycle(), merging and az/Bicep/Terraform text (docs/assets/js/cores/)
# are compared with the Python for every preset and 300 random designs under Node, in
# tests/test_js_cores.py.


@pytest.mark.browser
def test_lifecycle_warnings_and_decision_record(tab, kb):
    page = tab.page
    tab.goto("/design/?pod-networking=kubenet&app-exposure=app-routing-nginx")
    life = page.locator(".atlas-lifecycle")
    assert "Retiring 2028-03-31" in life.inner_text() and "Retiring 2026-11" in life.inner_text()
    page.get_by_role("button", name="Export decision record").click()
    md = page.get_by_label("Decision record (Markdown)").input_value()
    for heading in (
        "# Decision record: AKS cluster networking",
        "## Context",
        "## Options considered",
        "## Decision",
        "## Consequences",
        "## Sources",
        "**kubenet** (chosen)",
        "Lifecycle: kubenet is Retiring 2028-03-31",
    ):
        assert heading in md
    assert "https://learn.microsoft.com/" in md and "az aks create" in md
    assert page.get_by_role("link", name="Download the decision record").get_attribute("href").startswith("blob:")
    assert page.evaluate("document.activeElement.id") == "atlas-adr"
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_the_designer_plans_the_subnets_its_choices_need(tab):
    page = tab.page
    tab.goto(
        "/design/?api-server-access=api-server-vnet-integration&vnet=byo-vnet&egress=user-defined-routing"
        "&pod-networking=azure-cni-node-subnet&nodes=50&surge=1&max-pods=30&vnet-cidr=10.0.0.0/16&service-cidr=10.1.0.0/16&dns-ip=10.1.0.10"
    )
    rows = page.locator(".atlas-plan-table tr[data-subnet]")
    assert rows.evaluate_all("(rs) => rs.map((r) => r.dataset.subnet)") == ["nodes", "apiserver", "firewall"]
    assert "1,581" in page.locator('tr[data-subnet="nodes"]').inner_text()
    assert "/21" in page.locator('tr[data-subnet="nodes"]').inner_text()
    assert not tab.outside and not tab.console_errors


# --- accessibility ------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "/design/",
        "/design/?vnet=managed-vnet&egress=user-defined-routing&pod-networking=kubenet",
        "/tools/ip-planner/?in-use=10.224.0.0/24",
    ],
)
def test_axe_finds_no_violations(tab, path):
    from axe_playwright_python.sync_playwright import Axe

    tab.goto(path)
    tab.page.wait_for_selector(".atlas-plan-status")
    results = Axe().run(tab.page)
    assert results.violations_count == 0, results.generate_report()
    assert not tab.outside and not tab.console_errors


# --- data from the knowledge base stays text ------------------------------------------------------------


@pytest.mark.browser
def test_markup_in_data_is_shown_as_text(tmp_path, browser):
    kb_dir = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb-mini", kb_dir)
    (kb_dir / "presets.yaml").write_text(GOOD_PRESETS, encoding="utf-8")
    opt = kb_dir / "options" / "alpha" / "fast-one.yaml"
    opt.write_text(
        opt.read_text(encoding="utf-8").replace("name: Fast One", 'name: "Fast <img src=x onerror=alert(1)> One"'),
        encoding="utf-8",
    )
    rules = kb_dir / "rules" / "main.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace(
            "reason: Slow cannot be private.", 'reason: "Slow cannot be private: `<script>alert(2)</script>`."'
        ),
        encoding="utf-8",
    )
    site = build_site(write_config(tmp_path, kb_dir), tmp_path / "site")
    url, server = serve(site)
    try:
        tab = open_tab(browser, url)
        dialogs = []
        tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto("/design/?alpha=slow-one&beta=private-one")
        text = tab.page.locator(".atlas-designer").inner_text()
        assert "<script>alert(2)</script>" in text
        tab.goto("/design/")
        assert "Fast <img src=x onerror=alert(1)> One" in tab.page.locator(".atlas-designer").inner_text()
        assert not dialogs and not tab.outside and not tab.console_errors
        tab.page.context.close()
    finally:
        server.shutdown()
