"""The audit of an existing cluster (``aks-atlas audit``, /migrate/): detection per fixture, the
findings and plans they lead to, bad input, and the data checks of detect.yaml and migrations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.app import load_kb
from generator.core.errors import KnowledgeBaseError
from generator.features.migrate.audit import audit, exit_code
from generator.features.migrate.cluster import InputError, parse
from generator.features.migrate.detect import entry_tests

CLUSTERS = Path(__file__).parent / "fixtures" / "clusters"
BASE = {
    "vnet": "managed-vnet",
    "pod-networking": "azure-cni-overlay",
    "network-policy": "no-network-policy",
    "dataplane": "azure-iptables-dataplane",
    "egress": "outbound-load-balancer",
    "api-server-access": "public-api-server",
    "app-exposure": "service-load-balancer",
    "egress-gateway": "cluster-egress-ip",
    "node-public-ip": "no-node-public-ip",
    "http-proxy": "no-http-proxy",
    "ip-family": "ipv4-only",
    "acns": "no-acns",
}
EXPECTED = {
    "kubenet-calico-agic-nginx.json": {
        "pod-networking": "kubenet", "network-policy": "calico-network-policy",
        "app-exposure": ["agic", "app-routing-nginx"],
    },
    "node-subnet-npm-udr-private-windows.json": {
        "vnet": "byo-vnet", "pod-networking": "azure-cni-node-subnet", "network-policy": "azure-npm",
        "egress": "user-defined-routing", "api-server-access": "private-cluster",
    },
    "overlay-cilium-natgw-vnetint-istio.json": {
        "network-policy": "cilium-network-policy", "dataplane": "cilium-dataplane", "egress": "managed-nat-gateway",
        "api-server-access": "api-server-vnet-integration", "app-exposure": "istio-ingress-gateway",
    },
    "pod-subnet-npm-natgw.json": {
        "vnet": "byo-vnet", "pod-networking": "azure-cni-pod-subnet-dynamic", "network-policy": "azure-npm",
        "egress": "user-assigned-nat-gateway",
    },
    "static-block.json": {
        "vnet": "byo-vnet", "pod-networking": "azure-cni-pod-subnet-static-block",
        "network-policy": "cilium-network-policy", "dataplane": "cilium-dataplane",
    },
    "byo-cni.json": {"pod-networking": "byo-cni"},
    "outbound-none.json": {"vnet": "byo-vnet", "egress": "outbound-none", "api-server-access": "private-cluster"},
    "dualstack-egressgw-acns-prefix.json": {
        "network-policy": "cilium-network-policy", "dataplane": "cilium-dataplane", "ip-family": "dual-stack",
        "egress-gateway": "static-egress-gateway", "acns": "acns-security", "node-public-ip": "node-public-ip-prefix",
    },
    "proxy-acns-observability-node-ips.json": {
        "acns": "acns-observability", "node-public-ip": "node-public-ip-per-node", "http-proxy": "node-http-proxy",
    },
}


def run(kb, name: str, **targets):
    (cluster,) = parse((CLUSTERS / name).read_text())
    return audit(kb, cluster, {k.replace("_", "-"): v for k, v in targets.items()})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_fixture_gives_its_options(kb, name):
    assert run(kb, name)["options"] == {**BASE, **EXPECTED[name]}


def test_both_shapes_are_read_az_and_arm(kb):
    shapes = {name: parse((CLUSTERS / name).read_text())[0].shape for name in EXPECTED}
    assert set(shapes.values()) == {"az", "arm"}
    arm = run(kb, "node-subnet-npm-udr-private-windows.json")["cluster"]
    assert (arm["name"], arm["resource_group"], arm["pools"]) == ("aks-corp", "rg-corp", ["system", "win22"])


def test_every_option_with_a_detection_entry_is_found_by_a_fixture(kb):
    found = set()
    for name in EXPECTED:
        for v in run(kb, name)["options"].values():
            found |= set(v if isinstance(v, list) else [v])
    entries = {e.option for c in kb.detect.categories for e in c.entries}
    missing = entries - found - {"outbound-block", "app-routing-gateway-api",
                                 "application-gateway-for-containers"}
    assert not missing
    # The ones no fixture holds still detect from a one-field document built from their tests.
    for c in kb.detect.categories:
        for e in c.entries:
            doc = {}
            for t in entry_tests(kb, e):
                if t.equals is None:
                    continue
                node = doc
                *parents, last = t.path.replace("[0]", "").replace("[]", "").split(".")
                for p in parents:
                    node = node.setdefault(p, {})
                node[last] = t.equals
            tests = entry_tests(kb, e)
            if all(t.equals is not None for t in tests) and "[" not in "".join(t.path for t in tests):
                props = {"networkProfile": {}, **doc}
                got = run_props(kb, props)["options"][c.category]
                assert e.option in (got if isinstance(got, list) else [got]), (e.option, doc)


def run_props(kb, props):
    (cluster,) = parse(json.dumps({"type": "Microsoft.ContainerService/managedClusters", "properties": props}))
    return audit(kb, cluster)


def test_npm_with_windows_pools_is_retired_on_those_pools_only(kb):
    r = run(kb, "node-subnet-npm-udr-private-windows.json")
    npm = [f for f in r["findings"] if f.get("option") == "azure-npm"]
    assert {(f["scope"], f["level"], tuple(f["pools"])) for f in npm} == {
        (None, "retiring", ("system", "win22")), ("Windows", "retired", ("win22",))}
    # Cilium is blocked by the Windows pool, so the default target is not Cilium
    assert r["target"]["network-policy"] != "cilium-network-policy"
    assert exit_code(r) == 1


def test_kubenet_plan_removes_the_policy_engine_first_and_goes_to_cilium_after_overlay(kb):
    r = run(kb, "kubenet-calico-agic-nginx.json", dataplane="cilium-dataplane",
            network_policy="cilium-network-policy")
    moves = [(m["from"], m["to"]) for m in r["plan"]["moves"]]
    assert moves[:3] == [("calico-network-policy", "no-network-policy"), ("kubenet", "azure-cni-overlay"),
                         ("azure-iptables-dataplane", "cilium-dataplane")]
    assert ("app-routing-nginx", "app-routing-gateway-api") in moves
    overlay = r["plan"]["moves"][1]
    assert overlay["one_way"] is True
    commands = [s["command"] for s in overlay["steps"] if s["command"]]
    assert any("--assign-identity" in c for c in commands)  # system-assigned identity: switch first
    assert all("-g rg-shop -n aks-shop" in c for c in commands)
    assert any(s["reimages"] for s in overlay["steps"])
    assert r["plan"]["final"]["network-policy"] == "cilium-network-policy"


def test_a_move_that_needs_a_new_cluster_carries_the_other_changes(kb):
    r = run(kb, "pod-subnet-npm-natgw.json", pod_networking="azure-cni-overlay")
    (move,) = r["plan"]["moves"]
    assert (move["from"], move["to"], move["how"]) == ("azure-cni-pod-subnet-dynamic", "azure-cni-overlay", "rebuild")
    create = next(s["command"] for s in move["steps"] if s["command"])
    assert create.startswith("az aks create --resource-group rg-data --name <new-cluster>")
    assert [s["supply"] for s in move["steps"] if s["command"]] == [["<new-cluster>"]]
    assert {x["category"]: x["to"] for x in r["plan"]["at_creation"]} == {
        "network-policy": "cilium-network-policy", "dataplane": "cilium-dataplane"}
    assert "pod-networking=azure-cni-overlay" in r["plan"]["design"]


def test_steps_follow_the_clusters_facts(kb):
    r = run(kb, "outbound-none.json", dataplane="cilium-dataplane")
    (move,) = r["plan"]["moves"]
    nap = [s for s in move["steps"] if "auto-provisioning" in s["do"]]
    assert [s["kind"] for s in nap] == ["prerequisite", "cleanup"]  # NAP is on in this fixture
    r = run(kb, "static-block.json")
    assert r["plan"]["moves"] == [] and exit_code(r) == 0


def test_a_clean_cluster_exits_0_and_a_broken_rule_exits_1(kb, capsys):
    assert main(["audit", str(CLUSTERS / "outbound-none.json")]) == 0
    assert "# Migration runbook: aks-iso (rg-iso)" in capsys.readouterr().out
    assert main(["audit", str(CLUSTERS / "kubenet-calico-agic-nginx.json"), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"options", "findings", "plan"}
    assert out["options"]["app-exposure"] == ["agic", "app-routing-nginx"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "not JSON"),
        ("", "nothing to read"),
        ('{"type": "Microsoft.Storage/storageAccounts", "name": "x"}', "not an AKS managed cluster"),
        ("[]", "empty list"),
        ('{"value": []}', "empty list"),
        ("42", "not an object"),
        ("x" * 5_000_001, "larger than 5 MB"),
    ],
)
def test_bad_input_is_a_plain_message(text, message):
    with pytest.raises(InputError, match=message):
        parse(text)


def test_cli_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["audit", str(bad)]) == 2
    assert "not JSON" in capsys.readouterr().err
    assert main(["audit", str(CLUSTERS / "aks-list.json")]) == 2
    assert "choose one with --cluster-name: aks-shop, aks-batch" in capsys.readouterr().err
    assert main(["audit", str(CLUSTERS / "aks-list.json"), "--cluster-name", "aks-batch"]) == 0
    assert main(["audit", str(CLUSTERS / "byo-cni.json"), "--target", "egress=nat"]) == 2
    assert "not an option of egress" in capsys.readouterr().err


def test_an_unknown_value_is_reported_not_fatal(kb):
    r = run_props(kb, {"networkProfile": {"networkPlugin": "azure", "outboundType": "quantumTunnel"}})
    assert r["unknown"] == ["networkProfile.outboundType = 'quantumTunnel' (egress): a value the atlas does not know"]
    assert r["options"]["egress"] == "outbound-load-balancer"


def _broken(tmp_path: Path, edit) -> list[str]:
    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    edit(data)
    with pytest.raises(KnowledgeBaseError) as exc:
        load_kb(data)
    return [str(e) for e in exc.value.errors]


def test_detect_and_migration_errors_name_the_place(tmp_path):
    def edit(data):
        p = data / "detect.yaml"
        p.write_text(p.read_text().replace("from_select: [networkProfile.networkDataplane]\n      - option: azure",
                                           "from_select: [networkProfile.dataplane]\n      - option: azure", 1))
        k = data / "options/pod-networking/kubenet.yaml"
        k.write_text(k.read_text().replace("needs: [no-network-policy]", "needs: [no-network-polcy]"))
    errors = _broken(tmp_path, edit)
    assert any("detect.yaml" in e and "has no property 'networkProfile.dataplane'" in e for e in errors), errors
    assert any("kubenet.yaml" in e and "unknown option 'no-network-polcy'" in e for e in errors), errors


def test_a_path_into_an_option_that_ends_no_later_is_an_error(tmp_path):
    def edit(data):
        k = data / "options/pod-networking/kubenet.yaml"
        text = k.read_text().replace("\nmigrations:\n", "\nmigrations:\n  - to: byo-cni\n    how: in-place\n"
                                     "    summary: Test.\n    sources: [update-azure-cni]\n", 1)
        k.write_text(text)
        b = data / "options/pod-networking/byo-cni.yaml"
        b.write_text(b.read_text().replace("  events:\n", "  events:\n    - kind: end-of-support\n"
                                           "      date: 2027-01-31\n      sources: [use-byo-cni]\n", 1))
    errors = _broken(tmp_path, edit)
    assert any("kubenet.yaml" in e and "leads into 'byo-cni', whose support ends (2027-01-31) no later than "
               "'kubenet''s (2028-03-31)" in e for e in errors), errors


def test_change_after_creation_on_category_pair_and_tree_pages(real_site, kb):
    from selectolax.lexbor import LexborHTMLParser

    def doc(path: str):
        return LexborHTMLParser((real_site / path / "index.html").read_text(encoding="utf-8"))

    for layer in kb.layers:
        for cat in layer.categories:
            d = doc(f"{layer.id}/{cat.id}")
            assert "Switch after creation" in [th.text().strip() for th in d.css("table.atlas-table thead th")]
            cells = d.css('td[data-label="Switch after creation"]')
            assert len(cells) == len(kb.options_in(cat.id))
            assert all(c.text().startswith("Into it: ") and "Out of it: " in c.text() for c in cells)
    kubenet = doc("pod/pod-networking").css_first("tr#kubenet td[data-label='Switch after creation']")
    expected = "Into it: none documented. Out of it: Azure CNI Overlay (in place, one-way)."
    assert " ".join(kubenet.text().split()) == expected
    link = kubenet.css_first("a").attributes["href"]
    assert link == "../../options/kubenet/#migrate-to-azure-cni-overlay"  # the steps and sources
    pair = doc("compare/azure-cni-overlay-vs-kubenet").css_first("tr#switch-after-creation")
    assert "kubenet (in place, one-way)" in pair.text()
    tree = doc("decide/api-server-access")
    assert any("Switch after creation" in s.text() for s in tree.css(".atlas-outcome .atlas-after"))


def test_compare_any_shows_change_after_creation(tab):
    tab.goto("/compare/?ids=azure-cni-overlay,kubenet")
    row = tab.page.locator("table.atlas-compare-table tr", has_text="Switch after creation")
    assert "Out of it: Azure CNI Overlay (in place, one-way)" in row.inner_text()
