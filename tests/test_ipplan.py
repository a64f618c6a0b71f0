"""The IP planner: Microsoft's worked examples, every check, the CLI, and the JavaScript port.

``generator/features/ipplan/calc.py`` is the reference; ``docs/assets/js/cores/ipplan.js`` must give
identical JSON for the same inputs (``tests/test_js_cores.py`` runs both over a grid under Node).
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.adapters.cli import main as cli_main
from generator.app import load_kb
from generator.core.read import read
from generator.features.ipplan import addresses, calc, explain
from generator.features.ipplan import params as ipplan_params

from .conftest import ROOT


@pytest.fixture(scope="module")
def kb():
    return load_kb(ROOT / "data")[0]


@pytest.fixture(scope="module")
def params(kb):
    return ipplan_params.planner_params(kb)


def inputs(model: str, *pools: tuple, **kw) -> dict:
    base = {
        **calc.EXAMPLE_INPUTS,
        "model": model,
        "pools": [{"nodes": n, "surge": s, "max_pods": p} for n, s, p in pools],
    }
    base.update(kw)
    return base


def subnet(result: dict, sid: str) -> dict:
    return next(s for s in result["subnets"] if s["id"] == sid)


def codes(result: dict) -> list[str]:
    return [e["code"] for e in result["errors"]]


# --- Microsoft's worked examples ------------------------------------------------------------------


def test_flat_network_50_nodes_needs_1581_addresses_a_21(params):
    # concepts-network-ip-address-planning: (51) + (51 * 30) = 1,581 (/21 or larger)
    res = calc.plan(params, inputs("azure-cni-node-subnet", (50, 1, 30)))
    s = subnet(res, "nodes")
    assert res["ok"] and s["addresses"] == 1581 and s["prefix"] == 21
    assert s["work"] == "(50 + 1) + (50 + 1) × 30 = 1,581"


def test_flat_network_scaling_by_10_needs_1891_addresses(params):
    # The same page: (61) + (61 * 30) = 1,891 (/21 or larger)
    s = subnet(calc.plan(params, inputs("azure-cni-node-subnet", (60, 1, 30))), "nodes")
    assert (s["addresses"], s["prefix"]) == (1891, 21)


def test_kubenet_24_holds_251_nodes_and_27610_pods(params):
    # configure-kubenet: a /24 supports up to 251 nodes, 27,610 pods at 110 per node
    nodes = addresses.nodes_in_prefix(params, "kubenet", 24, 110)
    assert nodes == 251 and nodes * 110 == 27610
    assert subnet(calc.plan(params, inputs("kubenet", (251, 0, 110))), "nodes")["prefix"] == 24
    assert subnet(calc.plan(params, inputs("kubenet", (251, 1, 110))), "nodes")["prefix"] == 23


def test_node_subnet_24_holds_8_nodes_at_30_pods(params):
    # concepts-network-legacy-cni: a /24 supports only 8 nodes (240 pods) at 30 pods per node
    assert addresses.nodes_in_prefix(params, "azure-cni-node-subnet", 24, 30) == 8
    assert subnet(calc.plan(params, inputs("azure-cni-node-subnet", (8, 0, 30))), "nodes")["prefix"] == 24
    assert subnet(calc.plan(params, inputs("azure-cni-node-subnet", (9, 0, 30))), "nodes")["prefix"] == 23


@pytest.mark.parametrize("max_pods, blocks, spare", [(30, 2, 1), (31, 2, 0), (32, 3, 15), (15, 1, 0), (250, 16, 5)])
def test_static_block_blocks_per_node(params, max_pods, blocks, spare):
    # configure-azure-cni-static-block-allocation: max_pods 31 wastes nothing, 30 wastes 1, 32 takes 3 blocks
    model = params["models"]["azure-cni-pod-subnet-static-block"]
    assert addresses.blocks_per_node(model, max_pods) == blocks
    res = calc.plan(params, inputs("azure-cni-pod-subnet-static-block", (10, 1, max_pods)))
    assert subnet(res, "pods")["addresses"] == 11 * blocks * 16
    waste = [w for w in res["warnings"] if w["code"] == "block-waste"]
    assert bool(waste) == bool(spare)
    if spare:
        assert f"leaves {spare} address" in waste[0]["message"]


def test_dynamic_allocation_plans_whole_batches_of_16(params):
    # configure-azure-cni-dynamic-ip-allocation: batches of 16, at least 16 IPs per node
    assert subnet(calc.plan(params, inputs("azure-cni-pod-subnet-dynamic", (10, 0, 10))), "pods")["addresses"] == 160
    assert subnet(calc.plan(params, inputs("azure-cni-pod-subnet-dynamic", (10, 0, 30))), "pods")["addresses"] == 320
    assert subnet(calc.plan(params, inputs("azure-cni-pod-subnet-dynamic", (10, 0, 110))), "pods")["addresses"] == 1120
    assert subnet(calc.plan(params, inputs("azure-cni-pod-subnet-dynamic", (10, 0, 110))), "nodes")["addresses"] == 10


def test_overlay_default_pod_cidr_holds_256_nodes(params):
    # One /24 per node: the default /16 holds 256 blocks
    ok = calc.plan(params, inputs("azure-cni-overlay", (255, 1, 250)))
    pod = next(r for r in ok["ranges"] if r["id"] == "pod-cidr")
    assert ok["ok"] and pod["available"] == 256 and pod["prefix"] == 16
    bad = calc.plan(params, inputs("azure-cni-overlay", (256, 1, 250)))
    assert codes(bad) == ["pod-cidr-size"]
    assert bad["errors"][0]["message"] == (
        "Pod CIDR 10.244.0.0/16 holds 256 blocks of /24, one per node, but the node pools "
        "need 257 with surge: use a /15 or larger"
    )
    assert subnet(ok, "nodes")["addresses"] == 256  # only nodes use the VNet


def test_worked_examples_on_the_page_use_the_planner(params):
    assert [explain.describe_example(params, e) for e in explain.WORKED_EXAMPLES] == [
        "(50 + 1) + (50 + 1) × 30 = 1,581 addresses: a /21",
        "(60 + 1) + (60 + 1) × 30 = 1,891 addresses: a /21",
        "2 blocks of 16 addresses (/28) per node: (1 + 0) × ⌈(30 + 1) ÷ 16⌉ × 16 = 32",
        "10.244.0.0/16 holds 256 blocks of /24, one per node: 256 nodes including surge",
    ]


# --- limits, reserved ranges, overlaps ------------------------------------------------------------


def test_kubenet_stops_at_400_nodes_and_surge_is_a_warning(params):
    res = calc.plan(params, inputs("kubenet", (401, 0, 110), pod_cidr="10.244.0.0/14"))
    assert codes(res) == ["max-nodes"]
    assert res["errors"][0]["message"] == "kubenet supports at most 400 nodes; the node pools have 401"
    warn = calc.plan(params, inputs("kubenet", (400, 1, 110), pod_cidr="10.244.0.0/14"))
    assert warn["ok"] and [w["code"] for w in warn["warnings"]] == ["max-nodes"]


def test_reserved_ranges_are_rejected(params):
    res = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 30), pod_cidr="172.16.0.0/12"))
    msgs = [e["message"] for e in res["errors"] if e["code"] == "reserved-range"]
    assert msgs == [
        "Pod CIDR 172.16.0.0/12 overlaps 172.30.0.0/16, which AKS reserves; no cluster range may use it",
        "Pod CIDR 172.16.0.0/12 overlaps 172.31.0.0/16, which AKS reserves; no cluster range may use it",
    ]
    for cidr in ("169.254.0.0/16", "192.0.2.0/24"):
        res = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 30), vnet=[cidr]))
        assert "reserved-range" in codes(res)


def test_service_cidr_must_be_smaller_than_12(params):
    res = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 30), service_cidr="10.0.0.0/12", dns_ip="10.0.0.10"))
    assert codes(res) == ["service-cidr"]
    assert (
        res["errors"][0]["message"]
        == "Service CIDR 10.0.0.0/12 is too large: it must be smaller than /12 (a /13 or longer prefix)"
    )
    assert calc.plan(params, inputs("azure-cni-overlay", (3, 1, 30), service_cidr="10.0.0.0/13"))["ok"]


def test_dns_service_ip_inside_the_service_cidr_and_not_its_first_address(params):
    out = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 30), dns_ip="10.1.0.10"))
    assert out["errors"][0]["message"] == "DNS service IP 10.1.0.10 is outside the service CIDR 10.0.0.0/16"
    first = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 30), dns_ip="10.0.0.0"))
    assert codes(first) == ["dns-service-ip"] and "first address" in first["errors"][0]["message"]


def test_overlaps_between_every_kind_of_range(params):
    res = calc.plan(
        params,
        inputs(
            "azure-cni-overlay",
            (3, 1, 30),
            vnet=["10.224.0.0/16", "10.224.128.0/17"],
            pod_cidr="10.224.0.0/12",
            service_cidr="10.224.0.0/16",
            dns_ip="10.224.0.10",
            in_use=["10.224.5.0/24"],
        ),
    )
    assert [e["message"] for e in res["errors"] if e["code"] == "overlap"] == [
        "VNet address spaces 10.224.0.0/16 and 10.224.128.0/17 overlap",
        "VNet address space 10.224.0.0/16 overlaps the in-use range 10.224.5.0/24",
        "Pod CIDR 10.224.0.0/12 overlaps the VNet address space 10.224.0.0/16",
        "Pod CIDR 10.224.0.0/12 overlaps the VNet address space 10.224.128.0/17",
        "Pod CIDR 10.224.0.0/12 overlaps the in-use range 10.224.5.0/24",
        "Pod CIDR 10.224.0.0/12 overlaps the service CIDR 10.224.0.0/16",
        "Service CIDR 10.224.0.0/16 overlaps the VNet address space 10.224.0.0/16",
        "Service CIDR 10.224.0.0/16 overlaps the VNet address space 10.224.128.0/17",
        "Service CIDR 10.224.0.0/16 overlaps the in-use range 10.224.5.0/24",
    ]


def test_pod_subnet_larger_than_the_model_allows(params):
    res = calc.plan(params, inputs("azure-cni-pod-subnet-dynamic", (1000, 10, 250), vnet=["10.0.0.0/8"]))
    assert "pod-subnet-size" in codes(res)
    assert "The pod subnet needs a /14, larger than the /16" in next(
        e["message"] for e in res["errors"] if e["code"] == "pod-subnet-size"
    )


# --- layout -----------------------------------------------------------------------------------------


def _rng(cidr: str) -> tuple[int, int]:
    r, _ = addresses.parse_cidr(cidr)
    return r["start"], r["end"]


def _check_layout(res: dict, vnets: list[str], blocked: list[str]) -> None:
    placed = [(_rng(s["cidr"]), s) for s in res["subnets"]]
    for (start, end), s in placed:
        size = 2 ** (32 - s["prefix"])
        assert start % size == 0 and end - start + 1 == size
        assert any(vs <= start and end <= ve for vs, ve in map(_rng, vnets))
        assert not any(start <= be and bs <= end for bs, be in map(_rng, blocked))
    for i, ((a0, a1), _) in enumerate(placed):
        for (b0, b1), _ in placed[i + 1 :]:
            assert a1 < b0 or b1 < a0


def test_layout_is_aligned_non_overlapping_and_largest_first(params):
    res = calc.plan(
        params,
        inputs(
            "azure-cni-pod-subnet-static-block",
            (50, 1, 30),
            (10, 1, 110),
            vnet="10.10.0.0/20, 10.20.0.0/16",
            in_use=["192.168.0.0/16"],
            apiserver_subnet=True,
            firewall_subnet=True,
            agc_subnet=True,
        ),
    )
    assert res["ok"], res["errors"]
    assert [s["id"] for s in res["subnets"]] == ["nodes", "pods", "apiserver", "firewall", "agc"]
    fixed = {s["id"]: s["prefix"] for s in res["subnets"]}
    assert fixed["apiserver"] == 28 and fixed["firewall"] == 26 and fixed["agc"] == 24
    _check_layout(res, ["10.10.0.0/20", "10.20.0.0/16"], [])
    # the largest subnet is placed first, at the start of the first space that can hold it
    assert subnet(res, "pods")["prefix"] == 20 and subnet(res, "pods")["cidr"] == "10.10.0.0/20"
    assert subnet(res, "agc")["cidr"] == "10.20.0.0/24" and subnet(res, "nodes")["cidr"] == "10.20.1.0/25"


def test_layout_avoids_ranges_in_use_even_when_they_are_an_error(params):
    res = calc.plan(
        params,
        inputs(
            "azure-cni-node-subnet", (50, 1, 30), vnet=["10.20.0.0/16"], in_use=["10.20.0.0/20"], firewall_subnet=True
        ),
    )
    assert codes(res) == ["overlap"]
    _check_layout(res, ["10.20.0.0/16"], ["10.20.0.0/20"])
    assert subnet(res, "nodes")["cidr"] == "10.20.16.0/21"


def test_no_room_is_an_error(params):
    res = calc.plan(params, inputs("azure-cni-node-subnet", (50, 1, 30), vnet=["10.224.0.0/22"]))
    assert codes(res) == ["no-room"]
    assert (
        res["errors"][0]["message"]
        == "The VNet address space has no free /21 left for the node subnet (nodes and pods)"
    )


# --- bad inputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"pools": [{"nodes": -3, "surge": 1, "max_pods": 30}]},
            "Node pool 1: nodes must be a whole number from 0 to 1,000,000 (got '-3')",
        ),
        (
            {"pools": [{"nodes": "3.5", "surge": 1, "max_pods": 30}]},
            "Node pool 1: nodes must be a whole number from 0 to 1,000,000 (got '3.5')",
        ),
        (
            {"pools": [{"nodes": 3, "surge": "", "max_pods": 30}]},
            "Node pool 1: max surge must be a whole number from 0 to 1,000,000 (got '')",
        ),
        (
            {"pools": [{"nodes": 3, "surge": 1, "max_pods": 300}]},
            "Node pool 1: max pods must be a whole number from 10 to 250 with Azure CNI Overlay (got '300')",
        ),
        (
            {"pools": [{"nodes": 3, "surge": 1, "max_pods": 9}]},
            "Node pool 1: max pods must be a whole number from 10 to 250 with Azure CNI Overlay (got '9')",
        ),
        ({"pools": [{"nodes": 0, "surge": 1, "max_pods": 30}]}, "Node pools: the cluster needs at least one node"),
        ({"pools": []}, "Node pools: add at least one node pool"),
        ({"vnet": ["10.0.0/16"]}, "VNet address space: '10.0.0/16' is not an IPv4 CIDR range such as 10.0.0.0/16"),
        (
            {"vnet": ["10.0.0.1/16"]},
            "VNet address space: '10.0.0.1/16' has host bits set: the range starts at 10.0.0.0/16",
        ),
        ({"vnet": ["10.0.0.0/33"]}, "VNet address space: '10.0.0.0/33' is not an IPv4 CIDR range such as 10.0.0.0/16"),
        ({"vnet": ["256.0.0.0/8"]}, "VNet address space: '256.0.0.0/8' is not an IPv4 CIDR range such as 10.0.0.0/16"),
        ({"vnet": []}, "VNet address space: give at least one CIDR range"),
        ({"in_use": "192.168.0.0/16, nope"}, "In-use ranges: 'nope' is not an IPv4 CIDR range such as 10.0.0.0/16"),
        ({"service_cidr": ""}, "Service CIDR: give exactly one CIDR range"),
        ({"dns_ip": "10.0.0.300"}, "DNS service IP: '10.0.0.300' is not an IPv4 address such as 10.0.0.10"),
        ({"pod_cidr": "10.244.0.0/16 10.245.0.0/16"}, "Pod CIDR: Azure CNI Overlay needs exactly one pod CIDR range"),
        (
            {"model": "calico"},
            "Pod networking: unknown model 'calico' (choose one of: azure-cni-node-subnet, azure-cni-overlay, "
            "azure-cni-pod-subnet-dynamic, azure-cni-pod-subnet-static-block, byo-cni, kubenet)",
        ),
    ],
)
def test_bad_inputs_are_rejected_with_one_clear_message(params, change, message):
    res = calc.plan(params, {**inputs("azure-cni-overlay", (3, 1, 30)), **change})
    assert [e["message"] for e in res["errors"]] == [message]
    assert codes(res) == ["input"] and not res["ok"] and res["subnets"] == []


def test_max_pods_range_is_read_from_the_data(kb, params):
    for oid, model in params["models"].items():
        assert model["max_pods"] == kb.options[oid].cells["max-pods-per-node"].value
        assert model["max_nodes"] == kb.options[oid].cells["max-nodes"].value
    assert params["models"]["kubenet"]["max_nodes"] == 400
    assert params["models"]["azure-cni-overlay"]["node_prefix"] == 24


# --- sources and data ---------------------------------------------------------------------------------


def test_every_formula_cites_a_learn_page_shown_on_the_planner_page(kb, params, real_site):
    page = (real_site / "tools" / "ip-planner" / "index.html").read_text(encoding="utf-8")
    for row in explain.describe_formulas(params):
        url = kb.sources[row["source"]].url
        assert url.startswith("https://learn.microsoft.com/"), row
        assert f'href="{url}"' in page, row["id"]
    assert set(ipplan_params.FORMULA_SOURCES.values()) <= set(kb.sources)


def test_reserved_ranges_come_from_the_knowledge_base_and_match_its_text(kb, params):
    text = kb.options["byo-vnet"].description
    assert params["reserved_ranges"] == ["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"]
    for cidr in params["reserved_ranges"]:
        assert f"`{cidr}`" in text


@pytest.mark.parametrize(
    "option, limit, then",
    [("egress/user-defined-routing", "firewall-subnet-prefix", "select:"),
     ("ip-family/dual-stack", "ipv6-service-cidr-min-prefix", "  - ")],
)
def test_a_missing_planner_limit_is_a_data_error_with_its_position(tmp_path, capsys, option, limit, then):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "options" / f"{option}.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"  - id: {limit}\n(    .*\n)+?(?=  - |{then})", "", text)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("limits:") + 2
    assert cli_main(["--data", str(data), "validate"]) == 1
    oid = option.split("/")[1]
    assert (
        f"data/options/{option}.yaml:{line}:3: the IP planner needs a limit with id "
        f"'{limit}' and a whole-number value on option '{oid}'"
    ) in capsys.readouterr().err
    if oid == "dual-stack":  # the planner then offers no dual-stack family rather than one without its rule
        assert list(ipplan_params.planner_params(read(data)[0])["families"]) == ["ipv4-only"]


# --- the CLI --------------------------------------------------------------------------------------------

CLI_50 = [
    "ipplan",
    "--pod-networking",
    "azure-cni-node-subnet",
    "--pool",
    "nodes=50,surge=1,max-pods=30",
    "--vnet",
    "10.0.0.0/16",
    "--service-cidr",
    "10.1.0.0/16",
    "--dns-service-ip",
    "10.1.0.10",
]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    rc = cli_main(["--data", str(ROOT / "data"), *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_prints_the_worked_example(capsys):
    rc, out, _ = cli(capsys, *CLI_50)
    assert rc == 0
    assert "Node subnet (nodes and pods): 1,581 addresses -> /21 (2,043 usable, fits 65 nodes) at 10.0.0.0/21" in out
    assert (
        "(50 + 1) + (50 + 1) × 30 = 1,581  [https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning]"
        in out
    )
    assert out.rstrip().endswith("Plan OK")


def test_cli_json_is_the_reference_plan(capsys, params):
    rc, out, _ = cli(capsys, *CLI_50, "--json", "--firewall-subnet", "--in-use", "192.168.0.0/16")
    doc = json.loads(out)
    assert rc == 0 and doc["plan"] == calc.plan(params, doc["inputs"])
    assert subnet(doc["plan"], "nodes")["cidr"] == "10.0.0.0/21"
    assert subnet(doc["plan"], "firewall")["cidr"] == "10.0.8.0/26"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--pool", "nodes=-3,surge=1,max-pods=30"],
            "aks-atlas: error: Node pool 1: nodes must be a whole number from 0 to 1,000,000 (got '-3')",
        ),
        (
            ["--vnet", "10.0.0/16"],
            "aks-atlas: error: VNet address space: '10.0.0/16' is not an IPv4 CIDR range such as 10.0.0.0/16",
        ),
        (
            ["--pool", "nodes=3,max-pods=251"],
            "aks-atlas: error: Node pool 1: max pods must be a whole number from 10 to 250 with Azure CNI Overlay "
            "(got '251')",
        ),
        (
            ["--pod-networking", "kubenet", "--pool", "nodes=3,max-pods=5"],
            "aks-atlas: error: Node pool 1: max pods must be a whole number from 10 to 250 with kubenet (got '5')",
        ),
    ],
)
def test_cli_rejects_bad_input_with_one_line_and_exit_1(capsys, args, message):
    rc, out, err = cli(capsys, "ipplan", *args)
    assert rc == 1 and out == ""
    assert err.strip() == message


@pytest.mark.parametrize(
    "args, message",
    [
        (["--pool", "nodez=3"], "aks-atlas: error: --pool 'nodez=3': unknown setting 'nodez'; did you mean 'nodes'?"),
        (["--pool", "3"], "aks-atlas: error: --pool '3': write each setting as key=value (nodes=, surge=, max-pods=)"),
    ],
)
def test_cli_usage_errors_exit_2(capsys, args, message):
    rc, _, err = cli(capsys, "ipplan", *args)
    assert rc == 2 and err.strip() == message


def test_cli_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli_main(["--data", str(ROOT / "data"), "ipplan", "--nodes", "3"])
    assert exc.value.code == 2
    assert "unrecognized arguments: --nodes 3" in capsys.readouterr().err


def test_cli_plan_errors_print_the_plan_and_exit_1(capsys):
    rc, out, _ = cli(capsys, "ipplan", "--in-use", "10.224.0.0/24")
    assert rc == 1
    assert "  - VNet address space 10.224.0.0/16 overlaps the in-use range 10.224.0.0/24" in out
    assert out.rstrip().endswith("1 error(s)")


# The JavaScript port (docs/assets/js/cores/ipplan.js) is compared with calc.plan over a grid of
# several hundred inputs under Node, in tests/test_js_cores.py.


# --- the planner page ------------------------------------------------------------------------------------


@pytest.mark.browser
def test_planner_flags_an_overlap_typed_by_the_user(tab):
    page = tab.page
    tab.goto("/tools/ip-planner/")
    assert "fits" in page.locator(".atlas-plan-status").inner_text()
    page.get_by_label("Ranges already in use").press_sequentially("192.168.0.0/16, 10.224.128.0/17")
    errors = page.locator(".atlas-plan-errors li")
    assert errors.count() == 1
    assert errors.first.inner_text().startswith(
        "VNet address space 10.224.0.0/16 overlaps the in-use range 10.224.128.0/17"
    )
    assert page.locator(".atlas-plan-status").inner_text() == "1 error in the IP plan for Azure CNI Overlay."
    assert "in-use=192.168.0.0/16,10.224.128.0/17" in page.url
    page.reload(wait_until="networkidle")
    assert page.locator(".atlas-plan-errors li").count() == 1
    assert page.get_by_label("Ranges already in use").input_value() == "192.168.0.0/16,10.224.128.0/17"
    # Dual-stack from a shared link with a broken IPv6 range: a clear message, then the fixed plan.
    tab.goto("/tools/ip-planner/?ip-family=dual-stack&pod-cidr-ipv6=fd12:zz::/64")
    assert page.get_by_label("IP family").input_value() == "dual-stack"
    errors = page.locator(".atlas-plan-errors li")
    assert errors.count() == 1 and errors.first.inner_text().startswith(
        "IPv6 pod CIDR: 'fd12:zz::/64' is not an IPv6 CIDR range such as fd12:3456:789a::/64"
    )
    page.get_by_label("IPv6 pod range").fill("fd12:3456:789a::/64")
    status = "The IP plan for Azure CNI Overlay with Dual-stack (IPv4 and IPv6) fits."
    assert page.locator(".atlas-plan-status").inner_text() == status
    assert "fd10:224::/64" in page.locator('tr[data-subnet="nodes"]').inner_text()
    assert page.locator('tr[data-range="service-cidr-ipv6"] code').inner_text() == "fd12:3456:789a:1::/108"
    assert parse_qs(urlsplit(page.url).query)["pod-cidr-ipv6"] == ["fd12:3456:789a::/64"]
    page.get_by_label("IP family").select_option("ipv4-only")
    assert not page.get_by_label("IPv6 pod range").is_visible() and "vnet-ipv6" not in page.url
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_planner_page_shows_the_same_plan_as_the_cli(tab, capsys):
    page = tab.page
    tab.goto("/tools/ip-planner/")
    page.get_by_label("Pod networking", exact=True).select_option("azure-cni-pod-subnet-static-block")
    pool = page.locator(".atlas-pools tbody input")
    for field, value in zip(("nodes", "max surge", "max pods"), ("50", "2", "30")):
        page.get_by_label(f"Node pool 1: {field}").fill(value)
    page.get_by_role("button", name="Add a node pool").click()
    assert pool.count() == 6
    page.get_by_label("Node pool 2: nodes").fill("7")
    page.get_by_label("VNet address space").fill("10.50.0.0/16, 10.60.0.0/20")
    page.get_by_label("Add the AzureFirewallSubnet (/26)").check()
    shown = page.locator(".atlas-plan-table tr[data-subnet]").evaluate_all(
        "(rows) => rows.map((r) => [...r.cells].map((c) => c.textContent))"
    )
    rc, out, _ = cli(
        capsys,
        "ipplan",
        "--json",
        "--pod-networking",
        "azure-cni-pod-subnet-static-block",
        "--pool",
        "nodes=50,surge=2,max-pods=30",
        "--pool",
        "nodes=7,surge=1,max-pods=30",
        "--vnet",
        "10.50.0.0/16,10.60.0.0/20",
        "--firewall-subnet",
    )
    plan = json.loads(out)["plan"]
    assert rc == 0
    assert shown == [
        [
            s["name"],
            addresses.fmt(s["addresses"]) if s["addresses"] is not None else "fixed size",
            f"/{s['prefix']}",
            addresses.fmt(s["usable"]),
            f"{addresses.fmt(s['fits_nodes'])} nodes" if s["fits_nodes"] is not None else "",
            s["cidr"],
            s["work"] + " " + page.locator(f'tr[data-subnet="{s["id"]}"] a').inner_text(),
        ]
        for s in plan["subnets"]
    ]
    assert "model=azure-cni-pod-subnet-static-block" in page.url and "firewall-subnet=1" in page.url
    assert not tab.outside and not tab.console_errors


def test_a_service_or_pod_range_over_the_vnet_is_one_error_and_the_subnets_still_get_ranges(params):
    # The overlap is the error; laying the subnets out around the misplaced range would fill the
    # VNet and add a second, false error that no subnet fits (issue 16).
    res = calc.plan(
        params,
        inputs("azure-cni-node-subnet", (3, 1, 30), service_cidr="10.224.0.0/16", dns_ip="10.224.0.10"),
    )
    assert [e["code"] for e in res["errors"]] == ["overlap"]
    assert all(s["cidr"] for s in res["subnets"])
    res = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 250), pod_cidr="10.224.0.0/16"))
    assert [e["code"] for e in res["errors"]] == ["overlap"]


# --- dual-stack: the IPv6 half of the plan -------------------------------------------------------------


def dual(model: str = "azure-cni-overlay", pods: int = 250, **kw) -> dict:
    return inputs(model, (3, 1, pods), ip_family="dual-stack", **kw)


def range_of(result: dict, rid: str) -> str:
    return next(r["cidr"] for r in result["ranges"] if r["id"] == rid)


def test_dual_stack_plans_both_families_with_ipv4_first(params):
    res = calc.plan(params, dual())
    assert res["ok"] and res["family"] == "dual-stack", res["errors"]
    assert [r["id"] for r in res["ranges"]] == [
        "pod-cidr", "service-cidr", "dns-service-ip", "pod-cidr-ipv6", "service-cidr-ipv6"
    ]
    assert range_of(res, "pod-cidr-ipv6") == "fd12:3456:789a::/64"  # AKS's own defaults
    assert range_of(res, "service-cidr-ipv6") == "fd12:3456:789a:1::/108"
    assert range_of(res, "dns-service-ip") == "10.0.0.10"  # the DNS service IP stays IPv4
    assert res["vnet6"] == ["fd10:224::/48"] and subnet(res, "nodes")["cidr6"] == "fd10:224::/64"
    # The IPv4 plan is the same as without dual-stack: the IPv4 pod CIDR bounds the nodes.
    ipv4 = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 250)))
    assert ipv4["family"] == "ipv4-only" and ipv4["vnet6"] == [] and subnet(ipv4, "nodes")["cidr6"] is None
    assert [r for r in res["ranges"][:3]] == ipv4["ranges"]


def test_dual_stack_numbers_come_from_the_dual_stack_option(kb, params):
    limits = {lim.id: lim.value for lim in kb.options["dual-stack"].limits}
    assert params["service6_min_prefix"] == limits["ipv6-service-cidr-min-prefix"] == 108
    assert params["subnet6_prefix"] == limits["ipv6-subnet-prefix"] == 64
    assert {f: v["dual"] for f, v in params["families"].items()} == {"ipv4-only": False, "dual-stack": True}
    supported = [m for m, v in params["models"].items() if v["dual_stack"] == "yes"]
    assert supported == [o for o in params["model_order"] if kb.options[o].cells["dual-stack"].level.value == "yes"]
    assert supported == ["azure-cni-overlay"]


@pytest.mark.parametrize("prefix, ok", [(100, False), (107, False), (108, True), (112, True), (120, True)])
def test_ipv6_service_cidr_is_a_108_or_smaller(params, prefix, ok):
    res = calc.plan(params, dual(service_cidr6=f"fd12:3456:789a:1::/{prefix}"))
    assert res["ok"] is ok
    if not ok:
        assert res["errors"][0]["message"] == (
            f"IPv6 service CIDR fd12:3456:789a:1::/{prefix} is too large: it can be no larger than /108 "
            "(a /108 or longer prefix)"
        )


@pytest.mark.parametrize(
    "model", ["kubenet", "azure-cni-node-subnet", "azure-cni-pod-subnet-dynamic", "azure-cni-pod-subnet-static-block"]
)
def test_a_model_without_dual_stack_is_an_error_with_the_fix(params, model):
    res = calc.plan(params, dual(model, pods=30))
    assert codes(res) == ["ip-family"] and not res["subnets"]
    message = res["errors"][0]["message"]
    name = params["models"][model]["name"]
    assert message.startswith(f"Dual-stack needs pod networking that supports it, and {name}")
    assert message.endswith("choose Azure CNI Overlay for pod networking or IPv4 only as the IP family")
    # The same model plans fine as IPv4 only.
    assert calc.plan(params, {**dual(model, pods=30), "ip_family": "ipv4-only"})["ok"]


def test_ipv6_ranges_must_not_overlap(params):
    res = calc.plan(params, dual(vnet6="fd12:3456::/32", service_cidr6="fd12:3456:789a::/108"))
    assert [e["message"] for e in res["errors"]] == [
        "IPv6 pod CIDR fd12:3456:789a::/64 overlaps the IPv6 VNet address space fd12:3456::/32",
        "IPv6 pod CIDR fd12:3456:789a::/64 overlaps the IPv6 service CIDR fd12:3456:789a::/108",
        "IPv6 service CIDR fd12:3456:789a::/108 overlaps the IPv6 VNet address space fd12:3456::/32",
    ]
    # The node subnet's /64 still goes around the misplaced ranges.
    assert subnet(res, "nodes")["cidr6"] == "fd12:3456::/64"


def test_ipv6_ranges_in_use_are_avoided_and_checked(params):
    res = calc.plan(params, dual(in_use="192.168.0.0/16, fd10:224::/64, fd12:3456:789a:1::/112"))
    assert [e["message"] for e in res["errors"]] == [
        "IPv6 VNet address space fd10:224::/48 overlaps the in-use range fd10:224::/64",
        "IPv6 service CIDR fd12:3456:789a:1::/108 overlaps the in-use range fd12:3456:789a:1::/112",
    ]
    assert subnet(res, "nodes")["cidr6"] == "fd10:224:0:1::/64"  # the next /64 after the one in use
    # An IPv4-only plan reads a colon as a mistake in an IPv4 range, as before.
    res = calc.plan(params, inputs("azure-cni-overlay", (3, 1, 250), in_use="fd10:224::/64"))
    assert [e["message"] for e in res["errors"]] == [
        "In-use ranges: 'fd10:224::/64' is not an IPv4 CIDR range such as 10.0.0.0/16"
    ]


def test_the_node_subnet_takes_a_whole_64(params):
    res = calc.plan(params, dual(vnet6=["fd10:224::/72"]))
    assert [e["message"] for e in res["errors"]] == [
        "The IPv6 VNet address space has no free /64 left for the node subnet"
    ]
    res = calc.plan(params, dual(vnet6="fd10:224::/64, fd10:225::/64", apiserver_subnet=True))
    assert subnet(res, "nodes")["cidr6"] == "fd10:224::/64"
    assert subnet(res, "apiserver")["cidr6"] is None  # only the node subnet is dual-stack


@pytest.mark.parametrize(
    "change, message",
    [
        ({"pod_cidr6": "fd12:3456:789a::1/64"}, "IPv6 pod CIDR: 'fd12:3456:789a::1/64' has host bits set: the range "
         "starts at fd12:3456:789a::/64"),
        ({"pod_cidr6": "10.244.0.0/16"}, "IPv6 pod CIDR: '10.244.0.0/16' is not an IPv6 CIDR range such as "
         "fd12:3456:789a::/64"),
        ({"service_cidr6": "fd12::/108 fd13::/108"}, "IPv6 service CIDR: give exactly one IPv6 CIDR range"),
        ({"vnet6": ""}, "IPv6 VNet address space: give at least one IPv6 CIDR range"),
        ({"vnet6": "fd10:224::/129"}, "IPv6 VNet address space: 'fd10:224::/129' is not an IPv6 CIDR range such as "
         "fd12:3456:789a::/64"),
        ({"ip_family": "ipv6-only"}, "IP family: unknown option 'ipv6-only' (choose one of: dual-stack, ipv4-only)"),
    ],
)
def test_bad_ipv6_inputs_are_rejected_with_one_clear_message(params, change, message):
    res = calc.plan(params, {**dual(), **change})
    assert [e["message"] for e in res["errors"]] == [message]


def test_ipv6_text_is_read_in_any_spelling_and_written_in_rfc_5952_form(params):
    res = calc.plan(params, dual(pod_cidr6="FD12:3456:789A:0000:0:0:0:0/64", vnet6="fd10:0224:0:0::/56"))
    assert res["ok"] and range_of(res, "pod-cidr-ipv6") == "fd12:3456:789a::/64"
    assert res["vnet6"] == ["fd10:224::/56"]
    # An IPv4-only plan reads no IPv6 input, even a broken one.
    assert calc.plan(params, {**dual(pod_cidr6="nonsense"), "ip_family": "ipv4-only"})["ok"]


def test_cli_plans_dual_stack(capsys, params):
    rc, out, _ = cli(capsys, "ipplan", "--ip-family", "dual-stack", "--vnet-ipv6", "fd00:aa::/48", "--json")
    doc = json.loads(out)
    assert rc == 0 and doc["plan"] == calc.plan(params, doc["inputs"])
    assert subnet(doc["plan"], "nodes")["cidr6"] == "fd00:aa::/64"
    rc, out, _ = cli(capsys, "ipplan", "--ip-family", "dual-stack")
    assert rc == 0 and "at 10.224.0.0/28 and fd10:224::/64" in out
    assert "IPv6 service CIDR: fd12:3456:789a:1::/108" in out
    rc, out, _ = cli(capsys, "ipplan", "--ip-family", "dual-stack", "--pod-networking", "kubenet")
    assert rc == 1 and "choose Azure CNI Overlay for pod networking" in out


# --- dual-stack in the designer's outputs -------------------------------------------------------------------


def test_a_dual_stack_design_deploys_both_families(kb):
    from generator.features.design import deploy

    locked = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    texts = deploy.preset_texts(kb, {**locked, "ip-family": "dual-stack"})
    az, bicep, tf = texts["az"], texts["bicep"], texts["terraform"]
    assert "  --ip-families ipv4,ipv6 \\\n" in az
    assert "  --pod-cidrs 10.244.0.0/16,fd12:3456:789a::/64 \\\n" in az
    create = az.split("# After the cluster exists:")[0]  # what reads the cluster (ALB federation) follows
    assert create.rstrip().endswith("--service-cidrs 10.0.0.0/16,fd12:3456:789a:1::/108")
    assert "--pod-cidr " not in az and "--service-cidr " not in az
    assert "--address-prefixes 10.224.0.0/16 fd10:224::/48" in az  # the VNet
    assert re.search(r"--name nodes \\\n  --address-prefixes 10\.224\.[0-9.]+/28 fd10:224::/64", az)
    assert "ipFamilies: [ 'IPv4', 'IPv6' ]" in bicep
    assert "podCidrs: [ '10.244.0.0/16', 'fd12:3456:789a::/64' ]" in bicep
    assert "serviceCidrs: [ '10.0.0.0/16', 'fd12:3456:789a:1::/108' ]" in bicep
    assert "podCidr:" not in bicep and "serviceCidr:" not in bicep
    assert re.search(r"addressPrefixes: \[ '10\.224\.[0-9.]+/28', 'fd10:224::/64' \]", bicep)
    assert 'ip_versions = ["IPv4", "IPv6"]' in tf
    assert 'pod_cidrs = ["10.244.0.0/16", "fd12:3456:789a::/64"]' in tf
    assert 'service_cidrs = ["10.0.0.0/16", "fd12:3456:789a:1::/108"]' in tf
    assert "pod_cidr =" not in tf and "service_cidr =" not in tf
    assert 'address_space = ["10.224.0.0/16", "fd10:224::/48"]' in tf
    # The same preset as IPv4 only keeps its single ranges and its IPv4 node subnet.
    ipv4 = deploy.preset_texts(kb, locked)
    assert "--service-cidr 10.0.0.0/16" in ipv4["az"]
    assert not any(v6 in ipv4[k] for v6 in ("fd10:", "fd12:") for k in ("az", "bicep", "terraform"))
    assert re.search(r"addressPrefix: '10\.224\.[0-9.]+/28'", ipv4["bicep"])
