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
from generator.features.design import deploy
from generator.features.design import evaluate as design

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
        text = deploy.golden_text(kb, p.choices)
        if os.environ.get("ATLAS_UPDATE_GOLDEN"):
            path.write_text(text, encoding="utf-8")
        assert path.is_file(), f"no golden file for preset {p.id}"
        assert path.read_text(encoding="utf-8") == text, f"{p.id}: the generated commands changed"
    assert sorted(x.stem for x in GOLDEN.glob("*.txt")) == sorted(p.id for p in kb.presets)


def test_every_setting_comes_from_the_chosen_options_the_ip_plan_or_a_parameter(kb):
    """Nothing the user did not choose is added: each flag and property of a preset's files is in
    the select data of a chosen option (with a parameter where the value is the user's own) or is
    a value of its IP plan."""
    params = {p["id"] for p in deploy.PARAMETERS}
    for p in kb.presets:
        inputs = deploy.default_inputs(kb, p.choices)
        values = deploy.plan_values(inputs, deploy.design_plan(kb, p.choices, inputs))
        assert values, p.id
        plan_keys = {s[kind]: values[s["value"]] for s in deploy.PLAN_SETTINGS for kind in ("az", "bicep", "terraform")}
        texts = deploy.preset_texts(kb, p.choices)
        for kind, field, key in design.KINDS:
            chosen = [kb.options[o].select for o in p.choices.values()]
            known = {(getattr(x, key), repr(x.value)) for s in chosen for x in getattr(s, field)}
            for e in texts["settings"][kind]:
                if e["option"] is None:
                    assert plan_keys[e["key"]] == e["value"], (p.id, e)
                elif isinstance(e["value"], dict):
                    assert e["value"]["param"] in params, (p.id, e)
                elif e["key"] in plan_keys:
                    assert e["value"] == plan_keys[e["key"]], (p.id, e)
                else:
                    assert (e["key"], repr(e["value"])) in known, (p.id, kind, e)
                    assert e["option"] in p.choices.values()
        private = p.choices["api-server-access"] == "private-cluster"
        assert ("--enable-private-cluster" in texts["az"]) == private, p.id
        assert ("enablePrivateCluster: true" in texts["bicep"]) == private, p.id


def test_a_public_api_server_with_outbound_none_is_an_error_and_adds_nothing(kb):
    base = next(p for p in kb.presets if p.id == "network-isolated").choices
    d = {**base, "api-server-access": "public-api-server"}
    assert "--enable-private-cluster" not in deploy.texts(kb, d, None)["az"]
    assert deploy.blockers(kb, d, None)


def test_tips_account_for_the_whole_design_and_fixes_put_the_recommended_first(kb):
    isolated = next(p for p in kb.presets if p.id == "network-isolated").choices
    assert not [f for f in design.evaluate(kb, isolated) if f["severity"] == "tip"]
    # kubenet with the Cilium dataplane: the recommended Azure CNI Overlay is offered first
    d = {**kb.presets[0].choices, "pod-networking": "kubenet"}
    err = next(f for f in design.evaluate(kb, d) if f["rule"] == "kubenet-conflicts-cilium-dataplane")
    fixes = design.fixes_for(kb, d, err)
    assert fixes[0] == ("pod-networking", "azure-cni-overlay"), fixes


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
        block = block.split("Each preset's node count", 1)[0]
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
    # The designer renders after it has read its JSON and run the IP plan; on a busy machine that
    # can end after the network is idle, so wait for the commands (or the reason there are none).
    tab.page.wait_for_selector("[data-command], [data-blocked]")
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
    for p in kb.presets:
        # a fresh page per preset: the IP plan starts from the example inputs for its pod networking
        tab.goto(f"/design/?{design.query(kb, p.choices)}")
        golden = sections((GOLDEN / f"{p.id}.txt").read_text(encoding="utf-8"))
        assert command_texts(tab) == {"az": golden["az"], "bicep": golden["bicep"], "terraform": golden["terraform"]}, (
            p.id
        )
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_a_design_with_errors_shows_its_errors_and_no_command(tab, kb):
    page = tab.page
    tab.goto("/design/?pod-networking=kubenet")  # the first preset's Cilium dataplane conflicts with kubenet
    blocked = page.locator("[data-blocked]")
    assert "No command, Bicep or Terraform yet" in blocked.inner_text()
    assert "kubenet" in blocked.inner_text().lower()
    assert page.locator("[data-command]").count() == 0
    page.locator('li[data-rule="kubenet-conflicts-cilium-dataplane"] button[data-fix]').first.click()
    assert page.locator("[data-blocked]").count() == 0 and page.locator("[data-command]").count() == 3
    # an impossible IP plan blocks the command too
    page.locator(".atlas-pools input").first.fill("0")
    assert "No command" in page.locator("[data-blocked]").inner_text()
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_the_commands_carry_the_ip_plan(tab):
    page = tab.page
    tab.goto(
        "/design/?nodes=120&surge=1&max-pods=50&pod-cidr=192.168.0.0/16&service-cidr=172.16.0.0/16&dns-ip=172.16.0.10"
    )
    texts = command_texts(tab)
    for flag in ("--node-count 120", "--max-pods 50", "--pod-cidr 192.168.0.0/16", "--service-cidr 172.16.0.0/16",
                 "--dns-service-ip 172.16.0.10"):
        assert flag in texts["az"], flag
    assert "podCidr: '192.168.0.0/16'" in texts["bicep"] and "count: 120" in texts["bicep"]
    assert 'service_cidr = "172.16.0.0/16"' in texts["terraform"] and "node_count = 120" in texts["terraform"]
    page.locator(".atlas-pools input").first.fill("7")
    assert "--node-count 7" in command_texts(tab)["az"]
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, where, expected",
    [
        ("pod-networking=no-such-option", "[data-url-problems]", "“no-such-option” is not an option of"),
        ("pod-cidr=10.0.0.0/99", "[data-blocked]", "Pod CIDR"),
        ("nodes=5000&vnet-cidr=10.0.0.0/28", "[data-blocked]", "No command"),
        ("egress=outbound-load-balancer&egress=user-defined-routing", "[data-url-problems]", "2 times"),
    ],
    ids=["unknown-option", "malformed-cidr", "impossible-plan", "parameter-twice"],
)
def test_bad_input_in_the_address_gets_a_message_and_the_designer_keeps_working(tab, query, where, expected):
    page = tab.page
    tab.goto(f"/design/?{query}")
    assert expected in page.locator(where).inner_text()
    assert page.locator(".atlas-design-summary").inner_text().startswith("This design has")
    if "egress=" in query:
        assert page.locator("#design-egress").input_value() == "outbound-load-balancer"
    # the rest of the designer still answers
    page.locator("#design-dataplane").select_option("azure-iptables-dataplane")
    assert "dataplane=azure-iptables-dataplane" in page.url
    assert page.locator(".atlas-finding-list, .atlas-findings p").count() > 0
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_a_firewall_design_lists_what_the_firewall_must_allow(tab):
    tab.goto("/design/?api-server-access=private-cluster&vnet=byo-vnet&egress=user-defined-routing")
    egress = tab.page.locator("[data-egress]")
    assert "mcr.microsoft.com" in egress.inner_text()
    assert tab.page.locator('[data-egress] li[data-rule="tunnel-udp-1194"]').count() == 0  # private cluster
    assert "azurerm_firewall_policy_rule_collection_group" in command_texts(tab)["terraform"]
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
    page.wait_for_function("document.getElementById('atlas-adr').value.includes('## Traffic paths')")
    md = page.get_by_label("Decision record (Markdown)").input_value()
    for heading in (
        "# Decision record: AKS cluster networking",
        "## Traffic paths",  # the chosen options' diagrams in words (api/diagrams.json)
        "### Pod networking (IPAM): ",
        "## Context",
        "## Options considered",
        "## Decision",
        "## Consequences",
        "## Sources",
        "**kubenet** (chosen)",
        "Lifecycle: kubenet is Retiring 2028-03-31",
    ):
        assert heading in md
    # kubenet with the Cilium dataplane is a conflict: the record carries no command until it is settled
    assert "https://learn.microsoft.com/" in md and "az aks create" not in md and "No command yet" in md
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


def test_the_checklist_leaves_out_what_the_files_create_and_keeps_the_rest(kb):
    large = next(p for p in kb.presets if p.id == "large-scale").choices
    inputs = deploy.default_inputs(kb, large)
    result = deploy.design_plan(kb, large, inputs)
    values = deploy.plan_values(inputs, result)
    items = deploy.checklist(kb, large, result, values)
    assert not any(i.startswith("Create the") for i in items)  # the subnets, NAT gateway... are in the files
    assert any("role assignments" in i for i in items) and any("quota" in i for i in items)
    api = next(s["cidr"] for s in result["subnets"] if s["id"] == "apiserver")
    t = deploy.texts(kb, large, values)
    assert f"addressPrefix: '{api}'" in t["bicep"] and "serviceName: 'Microsoft.ContainerService/managedClusters'" in t[
        "bicep"]
    assert "--delegations Microsoft.ContainerService/managedClusters" in t["az"]
    locked = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    assert any("AzureFirewallSubnet" in i for i in deploy.checklist(kb, locked, None, None))


def test_the_network_follows_the_design_and_its_plan(kb):
    """Each resource of data/network.yaml is deployed exactly when its options are chosen and the
    plan has its subnet; references to resources not deployed are left out."""
    locked = dict(next(p for p in kb.presets if p.id == "locked-down-enterprise").choices)
    inputs = deploy.default_inputs(kb, locked)
    values = deploy.plan_values(inputs, deploy.design_plan(kb, locked, inputs))
    t = deploy.texts(kb, locked, values)
    assert "resource routeTable 'Microsoft.Network/routeTables@" in t["bicep"]
    assert "routeTable: {\n      id: routeTable.id" in t["bicep"] and "natGateway" not in t["bicep"]
    assert f"address_prefixes = [\"{values['subnets']['firewall']}\"]" in t["terraform"]
    assert "vnetSubnetID: nodeSubnet.id" in t["bicep"] and "NODE_SUBNET_ID=$(az network vnet subnet create" in t["az"]
    assert "FIREWALL_PRIVATE_IP=" in t["az"] and "param firewallPrivateIp string" in t["bicep"]
    assert "alb" in t["requires"]  # the AGC commands need the alb extension
    managed = next(p for p in kb.presets if p.id == "recommended-default").choices
    inputs = deploy.default_inputs(kb, managed)
    t = deploy.texts(kb, managed, deploy.plan_values(inputs, deploy.design_plan(kb, managed, inputs)))
    assert "az network" not in t["az"] and "Microsoft.Network/virtualNetworks" not in t["bicep"]


def test_every_pool_of_the_plan_is_written(kb):
    large = next(p for p in kb.presets if p.id == "large-scale").choices
    inputs = deploy.default_inputs(kb, large)
    inputs["pools"] = inputs["pools"] + [{"nodes": "7", "surge": "1", "max_pods": "40"}]
    t = deploy.texts(kb, large, deploy.plan_values(inputs, deploy.design_plan(kb, large, inputs)))
    assert "--name pool2 \\\n  --mode User \\\n  --node-count 7 \\\n  --max-pods 40" in t["az"]
    assert '--vnet-subnet-id "$NODE_SUBNET_ID"' in t["az"].split("az aks nodepool add")[1]
    assert "name: 'pool2'" in t["bicep"] and "count: 7" in t["bicep"]
    assert 'resource "azurerm_kubernetes_cluster_node_pool" "pool2"' in t["terraform"] and "max_pods = 40" in t[
        "terraform"]


def test_firewall_rules_follow_the_design(kb):
    isolated = next(p for p in kb.presets if p.id == "network-isolated").choices
    assert deploy.egress_rules(kb, isolated) == []
    public_udr = {**isolated, "api-server-access": "public-api-server", "egress": "user-defined-routing"}
    ids = [r["id"] for r in deploy.egress_rules(kb, public_udr)]
    assert "tunnel-udp-1194" in ids and "api-server-fqdn" in ids
    private_udr = {**public_udr, "api-server-access": "private-cluster"}
    assert "tunnel-udp-1194" not in [r["id"] for r in deploy.egress_rules(kb, private_udr)]
    written = [r["id"] for r in deploy.firewall_rules(deploy.egress_rules(kb, public_udr))]
    assert "custom-dns" not in written and "ubuntu-updates" not in written and "mcr" in written


def test_the_user_defined_routing_page_lists_the_firewall_rules(real_site):
    doc = LexborHTMLParser((real_site / "options" / "user-defined-routing" / "index.html").read_text(encoding="utf-8"))
    section = doc.css_first("#firewall-rules")
    assert section is not None
    text = doc.css_first("article").text()
    assert "mcr.microsoft.com" in text and "*.hcp.<location>.azmk8s.io" in text


def test_the_files_create_the_identity_and_its_roles_on_the_subnets(kb):
    large = next(p for p in kb.presets if p.id == "large-scale").choices
    texts = deploy.preset_texts(kb, large)
    assert "IDENTITY_ID=" in texts["az"]  # az takes an existing identity
    bicep, tf = texts["bicep"], texts["terraform"]
    assert "param identityId" not in bicep and "resource identity 'Microsoft.ManagedIdentity/" in bicep
    assert "resource apiserverSubnetRole 'Microsoft.Authorization/roleAssignments" in bicep
    assert "dependsOn: [ nodeSubnetRole, apiserverSubnetRole ]" in bicep
    assert 'variable "identity_id"' not in tf and 'resource "azurerm_role_assignment" "node_subnet"' in tf
    assert "identity_ids = [azurerm_user_assigned_identity.aks.id]" in tf
    simple = next(p for p in kb.presets if p.id == "simple-dev-test").choices
    assert "SystemAssigned" in deploy.preset_texts(kb, simple)["bicep"]


def agic_design(kb, vnet: str) -> dict[str, str]:
    """The locked-down preset with AGIC, on your own VNet or an AKS-managed one (load balancer egress)."""
    d = dict(next(p for p in kb.presets if p.id == "locked-down-enterprise").choices)
    d.update({"app-exposure": "agic", "vnet": vnet})
    if vnet != "byo-vnet":
        d["egress"] = "outbound-load-balancer"
    return d


@pytest.mark.parametrize("vnet", ["byo-vnet", "managed-vnet"])
def test_agic_gets_the_plans_subnet_and_never_the_options_examples(kb, vnet):
    """The add-on's Application Gateway goes in the /24 the IP plan proposes (its ID with your own VNet;
    without it a range of that size in the AKS-managed VNet's 10.224.0.0/12 after its 10.224.0.0/16
    node subnet, Learn's rule); the select data's example name and range reach no output, the
    designer's own name does unless the reader gives one."""
    d = agic_design(kb, vnet)
    inputs = deploy.default_inputs(kb, d)
    result = deploy.design_plan(kb, d, inputs)
    assert not deploy.blockers(kb, d, result)
    appgw = next(s for s in result["subnets"] if s["id"] == "appgw")
    assert appgw["prefix"] <= 24 and appgw["cidr"]
    values = deploy.plan_values(inputs, result)
    t = deploy.texts(kb, d, values)
    examples = {str(e.value) for e in kb.options["agic"].select.az_aks_create} - {"ingress-appgw"}
    assert examples == {"myApplicationGateway", "10.225.0.0/16"}
    for kind in ("az", "bicep", "terraform"):
        assert not any(x in t[kind] for x in examples), kind
    assert "--appgw-name aks-appgw" in t["az"] and "applicationGatewayName: 'aks-appgw'" in t["bicep"]
    assert 'gateway_name = "aks-appgw"' in t["terraform"]
    if vnet == "byo-vnet":
        assert '--appgw-subnet-id "$APPGW_SUBNET_ID"' in t["az"] and f"--address-prefixes {appgw['cidr']}" in t["az"]
        assert "subnetId: appgwSubnet.id" in t["bicep"] and f"addressPrefix: '{appgw['cidr']}'" in t["bicep"]
        assert "subnet_id = azurerm_subnet.appgw_subnet.id" in t["terraform"]
        assert "subnetCIDR" not in t["bicep"]
    else:
        managed = f"10.225.0.0/{appgw['prefix']}"
        assert f"--appgw-subnet-cidr {managed}" in t["az"] and "--appgw-subnet-id" not in t["az"]
        assert f"subnetCIDR: '{managed}'" in t["bicep"]
        assert f'subnet_cidr = "{managed}"' in t["terraform"]
    named = deploy.texts(kb, d, values, {"appgw-name": "gw-prod_1"})
    assert "--appgw-name gw-prod_1" in named["az"] and "applicationGatewayName: 'gw-prod_1'" in named["bicep"]
    assert 'gateway_name = "gw-prod_1"' in named["terraform"]
    assert any(appgw["cidr"] in i for i in deploy.checklist(kb, d, result, values))


@pytest.mark.parametrize(
    "given, expected",
    [
        ({"appgw-name": "-gw"}, "Application Gateway name: “-gw” is not a valid name"),
        ({"appgw-name": "g" * 81}, "is not a valid name"),
        ({"appgw-name": "gw one"}, "is not a valid name"),
        ({"lb-ports": "12"}, "Outbound ports per node: “12” is not a whole number from 8 to 64000, a multiple of 8."),
    ],
)
def test_an_input_that_does_not_fit_its_data_blocks_the_files(kb, given, expected):
    d = agic_design(kb, "managed-vnet")
    result = deploy.design_plan(kb, d, deploy.default_inputs(kb, d))
    assert any(expected in b for b in deploy.blockers(kb, d, result, given))
    assert not deploy.blockers(kb, d, result, {"appgw-name": "gw_"})


def test_option_inputs_come_from_the_options_data(kb):
    """deploy.inputs is every option's ``inputs:``, with its option; the SNAT ports per IP is the limit."""
    shipped = deploy.deploy_data(kb)
    ids = {i["id"]: i["option"] for i in shipped["inputs"]}
    assert ids == {"lb-ips": "outbound-load-balancer", "lb-ports": "outbound-load-balancer", "appgw-name": "agic",
                   "dns": "private-cluster"}
    dns = next(i for i in shipped["inputs"] if i["id"] == "dns")
    assert [c["id"] for c in dns["choices"]] == ["private-dns-system", "private-dns-custom", "private-dns-none"]
    assert dns["az"] is None and all(c["select"]["az"] for c in dns["choices"])
    assert shipped["ports_per_ip"] == 64000
    assert all("sources" not in i for i in shipped["inputs"])
    lb = next(i for i in shipped["inputs"] if i["id"] == "lb-ports")
    assert (lb["min"], lb["max"], lb["multiple"], lb["az"]) == (8, 64000, 8, "--load-balancer-outbound-ports")


def private_files(kb, mode: str | None, vnet: str = "byo-vnet") -> dict[str, str]:
    d = dict(next(p for p in kb.presets if p.id == "locked-down-enterprise").choices, vnet=vnet)
    if vnet != "byo-vnet":
        d["egress"] = "outbound-load-balancer"
    inputs = deploy.default_inputs(kb, d)
    result = deploy.design_plan(kb, d, inputs)
    given = {"dns": mode} if mode else {}
    assert not deploy.blockers(kb, d, result, given)
    return deploy.texts(kb, d, deploy.plan_values(inputs, result), given)


def test_your_own_private_dns_zone_is_created_linked_and_granted(kb):
    """DNS mode "your own zone": the zone, its link to the VNet, Private DNS Zone Contributor for the
    cluster identity on it (Network Contributor on the VNet), and its ID for the cluster; no placeholder."""
    t = private_files(kb, "private-dns-custom")
    assert 'PRIVATE_DNS_ZONE_ID=$(az network private-dns zone create' in t["az"]
    assert '--private-dns-zone "$PRIVATE_DNS_ZONE_ID"' in t["az"] and '--assign-identity "$IDENTITY_ID"' in t["az"]
    assert "az network private-dns link vnet create" in t["az"] and '--virtual-network "$VNET_ID"' in t["az"]
    assert "--role 'Private DNS Zone Contributor' \\\n  --scope \"$PRIVATE_DNS_ZONE_ID\"" in t["az"]
    assert "resource privateDnsZone 'Microsoft.Network/privateDnsZones@" in t["bicep"]
    assert "parent: privateDnsZone" in t["bicep"] and "privateDNSZone: privateDnsZone.id" in t["bicep"]
    assert "'b12aa53e-6015-4669-85d0-8515ebb3ae7f'" in t["bicep"]
    assert "guid(vnet.id, identity.id, 'Network Contributor')" in t["bicep"]
    assert 'resource "azurerm_private_dns_zone_virtual_network_link" "private_dns_link"' in t["terraform"]
    assert "private_dns_zone_id = azurerm_private_dns_zone.private_dns_zone.id" in t["terraform"]
    assert 'role_definition_name = "Private DNS Zone Contributor"' in t["terraform"]
    for kind in ("az", "bicep", "terraform"):
        assert "<private-dns-zone-resource-id>" not in t[kind] and "<subdomain>" not in t[kind], kind
        assert "fqdn-subdomain" not in t[kind] and "fqdnSubdomain" not in t[kind], kind
        assert "dns_prefix_private_cluster" not in t[kind], kind


@pytest.mark.parametrize("mode, az, bicep, terraform", [
    (None, "--private-dns-zone system", "privateDNSZone: 'system'", 'private_dns_zone_id = "System"'),
    ("private-dns-system", "--private-dns-zone system", "privateDNSZone: 'system'", 'private_dns_zone_id = "System"'),
    ("private-dns-none", "--private-dns-zone none", "privateDNSZone: 'none'", 'private_dns_zone_id = "None"'),
])
def test_the_aks_managed_and_no_zone_modes_create_no_zone(kb, mode, az, bicep, terraform):
    t = private_files(kb, mode)
    assert az in t["az"] and bicep in t["bicep"] and terraform in t["terraform"]
    assert "az network private-dns" not in t["az"] and "privateDnsZones" not in t["bicep"]
    assert "Private DNS Zone" not in t["bicep"] and "PRIVATE_DNS_ZONE" not in t["az"]


def test_your_own_zone_without_your_own_vnet_has_no_link_but_the_identity_and_role(kb):
    t = private_files(kb, "private-dns-custom", vnet="managed-vnet")
    assert "az network private-dns zone create" in t["az"] and "link vnet create" not in t["az"]
    assert '--assign-identity "$IDENTITY_ID"' in t["az"] and "'Private DNS Zone Contributor'" in t["az"]
    assert "virtualNetworkLinks" not in t["bicep"] and "identity.type" not in t["bicep"]
    assert "type: 'UserAssigned'" in t["bicep"]


def test_a_dns_mode_that_is_none_of_the_variants_blocks_the_files(kb):
    d = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    result = deploy.design_plan(kb, d, deploy.default_inputs(kb, d))
    assert deploy.blockers(kb, d, result, {"dns": "custom"}) == [
        "Private DNS zone: “custom” is not one of private-dns-system, private-dns-custom, private-dns-none."]
    public = {**d, "api-server-access": "public-api-server"}
    assert not deploy.blockers(kb, public, deploy.design_plan(kb, public, deploy.default_inputs(kb, public)),
                               {"dns": "custom"})  # the input of an option not chosen is ignored


def test_the_alb_controller_gets_its_identity_federation_and_roles(kb):
    """Application Gateway for Containers on your own VNet: the controller's identity, its roles on the
    AGC resource and subnet (role IDs from the data), and after the cluster its federated credential on
    the cluster's OIDC issuer and Reader on the node resource group."""
    t = private_files(kb, None)
    az, bicep, tf = t["az"], t["bicep"], t["terraform"]
    head, after = az.split("# After the cluster exists:\n")
    assert "az aks create" in head and "az aks create" not in after
    assert "ALB_PRINCIPAL_ID=$(az identity create" in head
    assert "--role 'AppGw for Containers Configuration Manager'" in head
    assert '--scope "$AGC_ID"' in head and '--scope "$AGC_SUBNET_ID"' in head
    assert '--issuer "$AKS_OIDC_ISSUER"' in after
    assert "system:serviceaccount:azure-alb-system:alb-controller-sa" in after
    assert "--role Reader" in after and '--scope "$NODE_RESOURCE_GROUP_ID"' in after
    assert "'fbc52c3f-28ad-4303-a892-8a056630b8f1'" in bicep and "scope: agcSubnet" in bicep
    assert "issuer: aks.properties.oidcIssuerProfile.issuerURL" in bicep and "parent: albIdentity" in bicep
    assert "oidcIssuerProfile: {\n      enabled: true" in bicep
    assert "workloadIdentity: {\n        enabled: true" in bicep
    assert "issuer = azurerm_kubernetes_cluster.aks.oidc_issuer_url" in tf
    assert 'audience = ["api://AzureADTokenExchange"]' in tf
    assert "scope = azurerm_kubernetes_cluster.aks.node_resource_group_id" in tf
    assert 'role_definition_name = "AppGw for Containers Configuration Manager"' in tf
    assert any("client ID" in i for i in deploy.checklist(kb, next(
        p for p in kb.presets if p.id == "locked-down-enterprise").choices, None, None))


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("    multiple: 8\n", "    multipel: 8\n",
         "data/options/egress/outbound-load-balancer.yaml:157:5: unknown key 'multipel'"),
        ("    min: 1\n    max: 100\n", "    min: 1\n",
         "data/options/egress/outbound-load-balancer.yaml:145:5: an integer input has min and max"),
        ("    az: --load-balancer-outbound-ports\n", "    az: load-balancer-outbound-ports\n",
         "data/options/egress/outbound-load-balancer.yaml:158:9: 'load-balancer-outbound-ports' is not a valid flag"),
    ],
)
def test_a_bad_option_input_is_reported_at_its_place(tmp_path, capsys, monkeypatch, old, new, expected):
    kb_dir = tmp_path / "data"
    shutil.copytree(Path("data").resolve(), kb_dir)
    path = kb_dir / "options" / "egress" / "outbound-load-balancer.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc = cli_main(["--data", "data", "validate"])
    err = capsys.readouterr().err
    assert rc == 1 and expected in err, err


@pytest.mark.parametrize(
    "edits, expected",
    [
        ([("    before_cluster: true\n", "    before_clusters: true\n")],
         ["405:5: unknown key 'before_clusters'; did you mean 'before_cluster'?"]),
        ([("{ref: route-table}", "{ref: route-tabel}"), ("with: [byo-vnet]\n", "with: [byo-vnt]\n")],
         ["27:12: unknown option 'byo-vnt'; did you mean 'byo-vnet'?",
          "252:35: unknown resource 'route-tabel'; did you mean 'route-table'?"]),
        ([("{plan: nodes, ipv6: only}", "{plan: nodes, ipv6: onyl}")],
         ["251:37: ipv6 'onyl' must be one of add, only, none; did you mean 'only'?"]),
    ],
)
def test_bad_network_resources_are_reported_with_their_position(tmp_path, capsys, monkeypatch, edits, expected):
    """A key typo, a reference to a resource the file lacks, an unknown option: each at its place."""
    kb_dir = tmp_path / "data"
    shutil.copytree(Path("data").resolve(), kb_dir)
    text = (kb_dir / "network.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new, 1)
    (kb_dir / "network.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rc = cli_main(["--data", "data", "validate"])
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("data/network.yaml:")]
    assert rc == 1
    assert [line.split(":", 1)[1] for line in lines] == expected, lines


@pytest.mark.browser
def test_the_designer_writes_the_network_and_announces_each_design(tab, kb):
    """Your own VNet: the files create the network from the plan; every re-evaluation dispatches
    ``atlas:design`` with the choices, the plan and the error count (for the diagram module)."""
    page = tab.page
    page.add_init_script(
        "window.__designs = []; document.addEventListener('atlas:design', (e) => window.__designs.push("
        "{options: e.detail.options, plan: e.detail.plan && {ok: e.detail.plan.ok, subnets: e.detail.plan.subnets"
        ".map((s) => [s.id, s.cidr])}, errors: e.detail.errors, bubbled: e.target !== document}));"
    )
    large = next(p for p in kb.presets if p.id == "large-scale")
    tab.goto(f"/design/?{design.query(kb, large.choices)}")
    texts = command_texts(tab)
    events = page.evaluate("window.__designs")
    assert events and events[-1]["options"] == large.choices and events[-1]["errors"] == 0 and events[-1]["bubbled"]
    subnets = dict(events[-1]["plan"]["subnets"])
    assert f"--address-prefixes {subnets['apiserver']}" in texts["az"]
    assert "--delegations Microsoft.ContainerService/managedClusters" in texts["az"]
    assert "resource natGateway 'Microsoft.Network/natGateways@" in texts["bicep"]
    assert 'resource "azurerm_subnet_nat_gateway_association" "node_subnet_nat"' in texts["terraform"]

    # A conflict: the event says so, and a change of the plan is announced too.
    page.locator("#design-pod-networking").select_option("kubenet")
    last = page.evaluate("window.__designs.at(-1)")
    assert last["options"]["pod-networking"] == "kubenet" and last["errors"] >= 1
    page.locator("#design-pod-networking").select_option(large.choices["pod-networking"])
    count = page.evaluate("window.__designs.length")
    page.locator(".atlas-pools input").first.fill("9")
    assert page.evaluate("window.__designs.length") > count
    assert page.evaluate("window.__designs.at(-1).errors") == 0
    assert "--node-count 9" in command_texts(tab)["az"]
    # A second pool of the plan gets its own az aks nodepool add, agent pool and node pool resource.
    page.get_by_role("button", name="Add a node pool").click()
    texts = command_texts(tab)
    assert "az aks nodepool add" in texts["az"] and "--name pool2" in texts["az"]
    assert "name: 'pool2'" in texts["bicep"] and '"azurerm_kubernetes_cluster_node_pool" "pool2"' in texts["terraform"]
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_the_load_balancer_sizing_is_the_users_own_input(tab):
    """No SNAT example reaches a design; the user's own values do, checked against the plan."""
    page = tab.page
    tab.goto("/design/")  # the first preset: outbound load balancer
    assert "--load-balancer-outbound-ports" not in command_texts(tab)["az"]
    ports = page.locator("#design-input-lb-ports")
    ports.fill("4000")
    texts = command_texts(tab)
    assert "--load-balancer-outbound-ports 4000" in texts["az"] and "allocatedOutboundPorts: 4000" in texts["bicep"]
    assert "outbound_ports_allocated = 4000" in texts["terraform"] and "lb-ports=4000" in page.url
    ports.fill("12")
    assert "a multiple of 8" in page.locator("[data-blocked]").inner_text()
    ports.fill("64000")  # 4 nodes with surge need 256,000 ports; one IP gives 64,000
    assert "Add IPs or lower the ports" in page.locator("[data-blocked]").inner_text()
    page.locator("#design-input-lb-ips").fill("4")
    assert "--load-balancer-managed-outbound-ip-count 4" in command_texts(tab)["az"]
    page.goto(page.url, wait_until="networkidle")  # the shared link keeps them
    assert page.locator("#design-input-lb-ips").input_value() == "4"
    page.locator("#design-vnet").select_option("byo-vnet")
    page.locator("#design-egress").select_option("user-defined-routing")
    assert page.locator("#design-input-lb-ips").is_hidden() and "lb-ips" not in page.url
    assert not tab.outside and not tab.console_errors


def test_the_private_dns_mode_and_the_gateway_name_are_the_readers_own(tab, kb):
    """A private cluster asks for its DNS mode (the private-cluster variants); your own zone is created
    and named in the files and the address; a mode that is none of them says so; AGIC asks for its name."""
    page = tab.page
    locked = next(p for p in kb.presets if p.id == "locked-down-enterprise")
    tab.goto(f"/design/?{design.query(kb, locked.choices)}")
    mode = page.locator("#design-input-dns")
    assert mode.is_visible() and mode.input_value() == "private-dns-system" and "&dns=" not in page.url
    assert "--private-dns-zone system" in command_texts(tab)["az"]
    mode.select_option("private-dns-custom")
    texts = command_texts(tab)
    assert "az network private-dns zone create" in texts["az"]
    assert '--private-dns-zone "$PRIVATE_DNS_ZONE_ID"' in texts["az"]
    assert "privateDNSZone: privateDnsZone.id" in texts["bicep"] and "&dns=private-dns-custom" in page.url
    page.goto(page.url.replace("dns=private-dns-custom", "dns=custom"), wait_until="networkidle")
    assert "is not one of private-dns-system" in page.locator("[data-blocked]").inner_text()
    page.locator("#design-app-exposure").select_option("agic")
    page.locator("#design-input-dns").select_option("private-dns-none")
    name = page.locator("#design-input-appgw-name")
    assert name.is_visible()
    assert "myApplicationGateway" not in command_texts(tab)["az"] and "10.225.0.0/16" not in command_texts(tab)["az"]
    name.fill("gw-prod")
    assert "--appgw-name gw-prod" in command_texts(tab)["az"] and "appgw-name=gw-prod" in page.url
    assert not tab.outside and not tab.console_errors
