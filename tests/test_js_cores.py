"""The browser's DOM-free cores (``docs/assets/js/cores/``) give the same results as the Python
reference, run under Node: the IP planner over a grid of several hundred inputs (bad ones and
every kind of error included), the designer's evaluation, lifecycle and merged settings and the
az/Bicep/Terraform text for every preset and a seeded random sample of designs, and the decision
trees' walk. Plus the import rules that keep the browser code in layers.

Each test writes the inputs (and the JSON the page reads) to a file, runs
``node tests/js/<harness>.mjs FILE``, which imports the core and prints JSON, and compares.
These tests need ``node`` (Debian's ``nodejs``) but no browser: they are part of the fast tier.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.features.design import deploy
from generator.features.design.data import design_data
from generator.features.design.evaluate import combine, evaluate, fixes_for, lifecycle
from generator.features.ipplan import addresses, calc, ipv6
from generator.features.ipplan.params import planner_params

from .conftest import ROOT

JS = ROOT / "docs" / "assets" / "js"
HARNESS = Path(__file__).resolve().parent / "js"


@pytest.fixture(scope="session")
def node() -> str:
    found = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if not found:
        if os.environ.get("CI"):
            pytest.fail("node is required in CI (install Debian's nodejs) but was not found")
        pytest.skip("no node on PATH (install Debian's nodejs)")
    return found


def run_js(node: str, harness: str, payload: dict, tmp_path: Path):
    """Run ``tests/js/<harness>`` on ``payload`` and return what it printed, parsed."""
    file = tmp_path / f"{harness}.input.json"
    file.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run(
        [node, str(HARNESS / harness), str(file)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def first_mismatch(cases: list, py: list, js: list) -> str:
    for c, p, j in zip(cases, py, js):
        if p != j:
            return json.dumps({"input": c, "python": p, "javascript": j}, indent=1, ensure_ascii=False)[:4000]
    return ""


# --- the IP planner ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def params(kb):
    return planner_params(kb)


def grid(params: dict) -> list[dict]:
    """Several hundred inputs: every model, sizes around each limit, and every kind of error."""
    rnd = random.Random(6)
    models = params["model_order"] + ["nope"]
    pools = [
        [(50, 1, 30)],
        [(60, 1, 30)],
        [(3, 1, "")],
        [(401, 0, 110)],
        [(255, 1, 250)],
        [(256, 1, 250)],
        [(251, 0, 110)],
        [(0, 0, 30)],
        [(-1, 1, 30)],
        [(5000, 10, 250)],
        [(3, 1, 9)],
        [(1, 0, 31)],
        [(50, 1, 30), (3, 1, 110)],
        [("12abc", 1, 30)],
        [(1000000, 1000000, 10)],
        [],
    ]
    vnets = [
        ["10.0.0.0/16"],
        "10.0.0.0/22, 10.1.0.0/16",
        ["10.0.0.1/16"],
        ["172.16.0.0/12"],
        [],
        ["10.0.0.0/8"],
        ["10.0.0.0/16", "10.0.128.0/17"],
        " 192.168.0.0/20 \n",
        ["0.0.0.0/0"],
    ]
    services = [
        "10.1.0.0/16",
        "10.0.0.0/12",
        "192.168.0.0/24",
        "",
        "10.2.0.0/13",
        "10.0.0.0/16 10.9.0.0/16",
        "169.254.0.0/16",
    ]
    dns = ["10.1.0.10", "10.1.0.0", "192.168.0.1", "x", "10.2.0.10", " 10.1.255.255 "]
    pods = ["10.244.0.0/16", "10.244.0.0/24", "", "10.0.0.0/8", "100.64.0.0/10", "10.244.0.0/15"]
    in_use = [[], ["10.0.4.0/22"], "192.168.0.0/16 10.1.0.0/24", ["10.0.0.0/16"], ["bad"]]
    cases = []
    for model, pool in itertools.product(models, pools):
        for _ in range(5):
            cases.append(
                {
                    "model": model,
                    "pools": [{"nodes": n, "surge": s, "max_pods": p} for n, s, p in pool],
                    "vnet": rnd.choice(vnets),
                    "service_cidr": rnd.choice(services),
                    "dns_ip": rnd.choice(dns),
                    "pod_cidr": rnd.choice(pods),
                    "in_use": rnd.choice(in_use),
                    "apiserver_subnet": rnd.random() < 0.4,
                    "firewall_subnet": rnd.random() < 0.4,
                    "agc_subnet": rnd.random() < 0.4,
                }
            )
    # plans that should succeed, so layouts get compared too
    for model in params["model_order"]:
        for n, s, p in [(3, 1, 30), (50, 1, 30), (200, 2, 110), (10, 0, 250)]:
            cases.append(
                {
                    "model": model,
                    "pools": [{"nodes": n, "surge": s, "max_pods": p}],
                    "vnet": ["10.0.0.0/16"],
                    "service_cidr": "10.1.0.0/16",
                    "dns_ip": "10.1.0.10",
                    "pod_cidr": "10.244.0.0/14",
                    "in_use": ["192.168.0.0/16"],
                    "apiserver_subnet": True,
                    "firewall_subnet": n > 10,
                    "agc_subnet": p == 30,
                }
            )
    cases += dual_stack_cases(params, rnd)
    # the example plan of each model, with every extra subnet
    for model in params["model_order"]:
        cases.append(
            {
                **calc.EXAMPLE_INPUTS,
                "model": model,
                "pools": [{"nodes": 3, "surge": 1, "max_pods": 30}],
                **{f"{e['id']}_subnet": True for e in params["extras"]},
            }
        )
    return cases


def dual_stack_cases(params: dict, rnd: random.Random) -> list[dict]:
    """Dual-stack plans: every model (one supports it), IPv6 text in its many spellings, host bits,
    sizes around the /108 service rule, overlaps, and a VNet with no /64 left."""
    vnet6 = [["fd10:224::/48"], "FD10:0224:0000::/56", ["fd10:224::/64", "fd10:224::/63"], ["fd10:224::/72"], [],
             ["fd12:3456:789a::/56"], ["2001:db8::1/64"], ["1:2:3:4:5:6:7:8:9/64"], "fd00::/8 fd10::/16"]
    pod6 = ["fd12:3456:789a::/64", "fd12:3456:789a:0:0:0:0:0/64", "", "fd12::/16", "::/0", "fd12:::1/64", "10.0.0.0/8",
            "fd12:3456:789a::/129", "fd12:3456:789a::/064"]
    service6 = ["fd12:3456:789a:1::/108", "fd12:3456:789a:1::/100", "fd12:3456:789a:1::/112", "fd12:3456:789a:1::/107",
                "fd12:3456:789a:1::1/108", "fd12:3456:789a::/108", "a b"]
    families = ["dual-stack", "dual-stack", "dual-stack", "ipv4-only", "", "triple-stack"]
    in_use6 = [[], [], ["fd10:224::/64"], "192.168.0.0/16 fd00:ee::/48", ["fd10::/16"], "fd::1/64"]
    cases = []
    for model in params["model_order"] + ["nope"]:
        for _ in range(30):
            cases.append(
                {
                    "model": model,
                    "ip_family": rnd.choice(families),
                    "pools": [{"nodes": rnd.choice([3, 50, 300]), "surge": 1, "max_pods": rnd.choice([30, 110, ""])}],
                    "vnet": ["10.0.0.0/16"],
                    "service_cidr": "10.1.0.0/16",
                    "dns_ip": "10.1.0.10",
                    "pod_cidr": "10.244.0.0/14",
                    "in_use": rnd.choice(in_use6),
                    "vnet6": rnd.choice(vnet6),
                    "pod_cidr6": rnd.choice(pod6),
                    "service_cidr6": rnd.choice(service6),
                    "apiserver_subnet": rnd.random() < 0.5,
                }
            )
    # plans that should succeed in several spellings, and an IPv6 VNet smaller than the /64 a subnet takes
    good = itertools.product(
        [["fd10:224::/48"], "FD10:0224:0000::/56", ["fd10:224::/64"], ["fd10:224::/72"]],
        ["fd12:3456:789a::/64", "fd12:3456:789a:0:0:0:0:0/64"],
        ["fd12:3456:789a:1::/108", "fd12:3456:789a:1::/112"],
    )
    for space, pod, service in good:
        cases.append({**calc.EXAMPLE_INPUTS, "model": "azure-cni-overlay", "ip_family": "dual-stack", "vnet6": space,
                      "pod_cidr6": pod, "service_cidr6": service, "pools": [{"nodes": 3, "surge": 1, "max_pods": 250}]})
    return cases


def test_the_grid_covers_errors_and_successes(params):
    results = [calc.plan(params, c) for c in grid(params)]
    assert len(results) >= 500
    kinds = {e["code"] for r in results for e in r["errors"]}
    assert {
        "input",
        "overlap",
        "reserved-range",
        "service-cidr",
        "dns-service-ip",
        "max-nodes",
        "pod-cidr-size",
        "no-room",
    } <= kinds
    assert {w["code"] for r in results for w in r["warnings"]} >= {"max-nodes", "block-waste"}
    assert sum(r["ok"] for r in results) >= 20
    dual = [r for r in results if r["family"] == "dual-stack"]
    dual_codes = {e["code"] for r in dual for e in r["errors"]}
    assert {"ip-family", "service-cidr", "overlap", "no-room", "input"} <= dual_codes
    assert sum(r["ok"] for r in dual) >= 5


def test_javascript_planner_matches_python_on_the_grid(node, params, tmp_path):
    cases = grid(params)
    out = run_js(node, "ipplan.mjs", {"params": params, "cases": cases, "ipv6": IPV6_TEXTS}, tmp_path)
    py = [calc.plan(params, c) for c in cases]
    assert len(out["plans"]) == len(py)
    assert out["plans"] == py, first_mismatch(cases, py, out["plans"])
    assert out["helpers"] == [
        addresses.fmt(1234567),
        addresses.fmt(12),
        addresses.smallest_prefix(1581, 5),
        addresses.bits_for(257),
        addresses.ip_str(167772170),
        addresses.nodes_in_prefix(params, "kubenet", 24, 110),
    ]
    assert out["ipv6"] == [ipv6.ip6_str(n) if n is not None else None for n in map(ipv6.parse_ip6, IPV6_TEXTS)]


#: IPv6 spellings the two parsers must read (or reject) alike, written back in the RFC 5952 form.
IPV6_TEXTS = ["::", "::1", "1::", "2001:DB8:0:0:1:0:0:1", "2001:0:0:1:0:0:0:1", "fd12:3456:789a::",
              "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
              "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4", "fe80::1%eth0", ":", ":::"]


def test_planner_facts_come_from_the_json_not_the_script(params):
    """The pod CIDR formula and the "or larger" subnet are read from api/ipplan.json."""
    source = (JS / "cores" / "ipplan.js").read_text(encoding="utf-8")
    assert "pod_cidr_formula" in source and "or_larger" in source
    assert "apiserver" not in source and "overlay-pod-cidr" not in source
    assert all("pod_cidr_formula" in m for m in params["models"].values())
    assert all("or_larger" in e for e in params["extras"])


# --- the designer -----------------------------------------------------------------------------------


def designs(kb) -> list[dict[str, str]]:
    """Every preset and 300 seeded random designs (one option per category): half drawn at random
    in every category, half a preset with three categories drawn again, so that enough designs
    break no rule even though most random combinations of fourteen categories do."""
    rnd = random.Random(6)
    cats = [c.id for layer in kb.layers for c in layer.categories]
    out = [dict(p.choices) for p in kb.presets]
    for _ in range(150):
        out.append({c: rnd.choice(kb.options_in(c)).id for c in cats})
    for _ in range(150):
        d = dict(rnd.choice(kb.presets).choices)
        for c in rnd.sample(cats, 3):
            d[c] = rnd.choice(kb.options_in(c)).id
        out.append(d)
    locked = next(p for p in kb.presets if p.id == "locked-down-enterprise").choices
    # AGIC on your own VNet (the subnet ID) and on a managed one (the plan's range), for the subnet mirror
    out += [{**locked, "app-exposure": "agic"}, {**locked, "app-exposure": "agic", "vnet": "managed-vnet",
                                                  "egress": "outbound-load-balancer"}] * 3
    return out


def plan_inputs(kb, sample: list[dict[str, str]]) -> list[dict]:
    """The planner inputs of each design: the defaults for the presets, then seeded variations
    (other ranges and pool sizes, a few impossible or malformed ones)."""
    rnd = random.Random(11)
    out = []
    for i, d in enumerate(sample):
        inputs = deploy.default_inputs(kb, d)
        if i >= len(kb.presets):
            pools = [
                {"nodes": str(rnd.choice([1, 3, 20, 120])), "surge": "1", "max_pods": str(rnd.choice([30, 50, 110]))}
                for _ in range(rnd.choice([1, 1, 2]))
            ]
            inputs = {**inputs, "pools": pools}
            if rnd.random() < 0.4:
                inputs.update(pod_cidr="192.168.0.0/16", service_cidr="172.16.0.0/16", dns_ip="172.16.0.10")
            if rnd.random() < 0.1:
                inputs["service_cidr"] = rnd.choice(["10.0.0.0/33", "10.224.0.0/16", "nonsense"])
        out.append(inputs)
    return out


@pytest.fixture(scope="module")
def design_results(kb, node, tmp_path_factory):
    sample = designs(kb)
    data = design_data(kb)
    inputs = plan_inputs(kb, sample)
    given = option_inputs(len(sample))
    cases = [{"choices": d, "inputs": i, "given": g} for d, i, g in zip(sample, inputs, given)]
    payload = {"data": data, "params": planner_params(kb), "designs": cases}
    return sample, data, run_js(node, "design.mjs", payload, tmp_path_factory.mktemp("design")), inputs, given


GIVEN = [{}, {}, {"lb-ips": "3"}, {"lb-ports": "4000"}, {"lb-ips": "2", "lb-ports": "64000"}, {"lb-ports": "12"},
         {"lb-ips": "abc"}, {"lb-ips": "101", "lb-ports": " 8 "}, {"lb-ips": "100", "lb-ports": "8000"},
         {"appgw-name": "gw-1"}, {"appgw-name": " gw_ "}, {"appgw-name": "-gw"}, {"appgw-name": "g" * 81},
         {"dns": "private-dns-custom"}, {"dns": "private-dns-none", "lb-ips": "2"}, {"dns": "private-dns-system"},
         {"dns": "custom"}]


def option_inputs(n: int) -> list[dict[str, str]]:
    """The designer's own inputs (load balancer SNAT sizing, AGIC's gateway name, the private DNS mode)
    for each design: none for the presets, then seeded values, valid, out of bounds, malformed, or more
    ports than the IPs give."""
    rnd = random.Random(12)
    return [{} if i < 6 else rnd.choice(GIVEN) for i in range(n)]


def test_javascript_evaluation_and_lifecycle_match_python(kb, design_results):
    sample, _, js, _, _ = design_results
    assert len(js) == len(sample)
    py = [evaluate(kb, d) for d in sample]
    assert [r["evaluate"] for r in js] == py, first_mismatch(sample, py, [r["evaluate"] for r in js])
    py_life = [[{k: v for k, v in x.items() if k != "note"} for x in lifecycle(kb, d)] for d in sample]
    assert [r["lifecycle"] for r in js] == py_life, first_mismatch(sample, py_life, [r["lifecycle"] for r in js])
    severities = {f["severity"] for r in js for f in r["evaluate"]}
    assert severities == {"error", "warning", "tip", "ok"}  # the sample reaches every severity


def test_javascript_merging_plan_values_and_files_match_python(kb, design_results):
    sample, _, js, inputs, given = design_results
    blocked = 0
    for d, i, g, r in zip(sample, inputs, given, js):
        assert r["combined"] == combine(kb, d), d
        result = deploy.design_plan(kb, d, i)
        values = deploy.plan_values(i, result)
        assert r["values"] == values, (d, i)
        texts = deploy.texts(kb, d, values, g)
        assert r["settings"] == texts["settings"], d
        assert [r["az"], r["bicep"], r["terraform"]] == [texts["az"], texts["bicep"], texts["terraform"]], d
        assert r["blockers"] == deploy.blockers(kb, d, result, g), d
        assert r["requires"] == texts["requires"], d
        assert r["checklist"] == deploy.checklist(kb, d, result, values), d
        assert r["egress"] == deploy.egress_rules(kb, d), d
        blocked += bool(r["blockers"])
    assert 0 < blocked < len(sample)  # the sample has designs with and without errors
    # ... and files with the network around the cluster and with further node pools
    for marker in ("az network vnet subnet create", "--delegations", "az network route-table create",
                   "az network nat gateway create", "az network alb create", "az aks nodepool add"):
        assert any(marker in r["az"] for r in js), marker
    assert any("azurerm_kubernetes_cluster_node_pool" in r["terraform"] for r in js)
    # ... and the load balancer's own inputs: written when valid, blocking when not
    assert any("--load-balancer-outbound-ports 4000" in r["az"] for r in js)
    assert any(any("is not a whole number" in b for b in r["blockers"]) for r in js)


FLAGS = [
    ("node_count", "--node-count"),
    ("max_pods", "--max-pods"),
    ("service_cidr", "--service-cidr"),
    ("dns_ip", "--dns-service-ip"),
    ("pod_cidr", "--pod-cidr"),
]


def test_the_commands_carry_the_ip_plan(kb, design_results):
    """Every plan value is in the az command, Bicep and Terraform (pod CIDR only where the model uses one);
    a dual-stack plan gives both families' ranges, IPv4 first, in place of the single ranges."""
    sample, _, js, inputs, _ = design_results
    checked = dual = 0
    for d, r in zip(sample, js):
        v = r["values"]
        if not v or r["blockers"]:
            continue
        two = v["pod_cidrs"] is not None
        for key, flag in FLAGS:
            if v[key] is None or (two and key in ("pod_cidr", "service_cidr")):
                assert f"  {flag} " not in r["az"], (d, flag)
                continue
            assert f"  {flag} {v[key]}" in r["az"], (d, flag)
            assert str(v[key]) in r["bicep"], (d, key)
        if two:
            assert "  --ip-families ipv4,ipv6" in r["az"], d
            for key, flag in (("pod_cidrs", "--pod-cidrs"), ("service_cidrs", "--service-cidrs")):
                assert v[key][1].startswith("fd") and ":" in v[key][1], (d, key)  # IPv4 first, then IPv6
                assert f"  {flag} {','.join(v[key])}" in r["az"], (d, flag)
                assert all(c in r["bicep"] and c in r["terraform"] for c in v[key]), (d, key)
            assert "service_cidr =" not in r["terraform"] and "serviceCidr:" not in r["bicep"], d
            dual += 1
        else:
            assert f"service_cidr = \"{v['service_cidr']}\"" in r["terraform"]
        checked += 1
    assert checked > 50 and dual > 0


def test_suggested_fixes_settle_the_finding_without_a_new_error(kb, design_results):
    """fixesFor: the same as Python's fixes_for; each suggested change removes the finding and adds
    no error; the best-ranked option (recommended, GA, not retiring) comes first."""
    sample, data, js, _, _ = design_results
    checked = 0
    for d, r in zip(sample, js):
        before = {f["rule"] for f in evaluate(kb, d) if f["severity"] == "error"}
        found = {f["rule"]: f for f in evaluate(kb, d)}
        for rule, fixes in r["fixes"]:
            assert [list(x) for x in fixes_for(kb, d, found[rule])] == fixes, (d, rule)
            ranks = [deploy_rank(data, oid) for cat, oid in fixes if cat == found[rule]["change"][0]]
            assert ranks == sorted(ranks), (d, rule, fixes)
            for cat, oid in fixes:
                after = evaluate(kb, {**d, cat: oid})
                assert not [
                    f for f in after if f["severity"] == "error" and (f["rule"] == rule or f["rule"] not in before)
                ], (d, rule, cat, oid)
                checked += 1
    assert checked > 50


def deploy_rank(data, oid):
    o = data["options"][oid]
    ga = o["status"]["level"] == "ga" and not o["status"]["later"]
    return 0 if ga and "recommended" in o["tags"] else 1 if ga else 2 if o["status"]["level"] == "preview" else 3


def test_decision_record_names_every_choice_and_finding(kb, design_results):
    sample, data, js, inputs, given = design_results
    labels = data["vocab"]["severities"]
    for d, g, r in zip(sample[:20], given[:20], js[:20]):
        md = r["record"]
        assert md.startswith("# Decision record: AKS cluster networking\n")
        for cat, oid in d.items():
            assert f"| {data['options'][oid]['name']} |" in md, (cat, oid)
        for f in evaluate(kb, d):
            if f["severity"] != "ok":
                assert f"- {labels[f['severity']]['label']}: {f['text']}." in md
        result = deploy.design_plan(kb, d, inputs[sample.index(d)])
        if deploy.blockers(kb, d, result, g):
            assert "No command yet" in md and "az aks create" not in md
        else:
            assert deploy.texts(kb, d, deploy.plan_values(inputs[sample.index(d)], result), g)["az"] in md
    # A dual-stack plan's record gives the node subnet's IPv6 /64 next to its IPv4 range.
    dual = [r for r in js if r["values"] and r["values"]["pod_cidrs"]]
    assert dual
    for r in dual:
        v = r["values"]
        assert f"at {v['subnets']['nodes']} and {v['subnets6']['nodes']}\n" in r["record"]


# --- decision trees -----------------------------------------------------------------------------------


def tree_paths(tree: dict, rnd: random.Random) -> list[list[str]]:
    """Every answer path from the start to an outcome, plus broken ones (an unknown answer)."""
    paths: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        q = tree["questions"].get(node)
        if q is None or len(paths) > 400:
            paths.append(path)
            return
        for a in q["answers"]:
            visit(a["next"], path + [a["id"]])

    visit(tree["start"], [])
    broken = [
        p[:i] + ["no-such-answer"] + p[i:] for p in rnd.sample(paths, min(10, len(paths))) for i in (0, len(p) // 2)
    ]
    return [[]] + paths + broken + [p + ["extra"] for p in paths[:5]]


def reference_walk(tree: dict, ids: list[str]) -> dict:
    steps, node = [], tree["start"]
    for i in ids:
        q = tree["questions"].get(node)
        answer = next((a for a in q["answers"] if a["id"] == i), None) if q else None
        if answer is None:
            return {"node": node, "valid": False, "steps": steps}
        steps.append([node, q["question"], i])
        node = answer["next"]
    return {"node": node, "valid": True, "steps": steps}


def test_javascript_tree_walk(kb, node, tmp_path):
    from generator.features.decide.data import tree_data

    rnd = random.Random(6)
    for t in kb.trees.values():
        tree = tree_data(kb, t)
        paths = tree_paths(tree, rnd)
        js = run_js(node, "tree.mjs", {"tree": tree, "paths": paths}, tmp_path)
        py = [reference_walk(tree, p) for p in paths]
        assert js == py, first_mismatch(paths, py, js)
        assert {r["node"] for r in js if r["valid"]} >= set(tree["outcomes"])  # every outcome reached


# --- the layers of the browser code --------------------------------------------------------------------

IMPORT = re.compile(
    r"""^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']""",
    re.M,
)
PAGES = {"atlas", "compare", "designer", "flowchart", "ip-planner", "matrix", "tables", "wizard"}
ALLOWED = {"page": {"lib", "cores", "ui"}, "ui": {"lib", "cores", "ui"}, "lib": {"lib"}, "cores": {"cores"}}


def layer_of(path: Path) -> str:
    rel = path.relative_to(JS)
    return rel.parts[0] if len(rel.parts) > 1 else "page"


def test_browser_modules_import_only_downwards():
    """Page modules import lib/, cores/ and ui/ (never each other); ui/ imports lib/ and cores/;
    cores/ import only cores/; lib/ only lib/."""
    files = sorted(JS.rglob("*.js"))
    assert PAGES <= {p.stem for p in files if layer_of(p) == "page"}  # the names the pages refer to
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in IMPORT.finditer(text):
            spec = next(g for g in match.groups() if g)
            target = (path.parent / spec).resolve()
            if not spec.startswith(".") or not target.is_relative_to(JS) or not target.exists():
                problems.append(f"{path.relative_to(ROOT)}: import of {spec!r} is not a module of docs/assets/js")
                continue
            if layer_of(target) not in ALLOWED[layer_of(path)]:
                problems.append(f"{path.relative_to(ROOT)} ({layer_of(path)}) imports {spec!r} ({layer_of(target)})")
    assert not problems, "\n".join(problems)


def test_cores_touch_no_browser_globals():
    for path in sorted((JS / "cores").glob("*.js")):
        code = re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))
        used = {
            g
            for g in ("document", "window", "location", "fetch", "navigator", "history")
            if re.search(rf"\b{g}\b", code)
        }
        assert not used, f"{path.name} uses {sorted(used)}"


def test_no_function_is_longer_than_about_60_lines():
    """A rough measure: from a function's first line to the line where its braces close."""
    long = []
    start = re.compile(
        r"^(\s*)(?:export\s+)?(?:async\s+)?function\b|^(\s*)(?:export\s+)?const\s+\w+\s*=\s*(?:async\s*)?\([^)]*\)\s*=>\s*\{\s*$"
    )
    for path in sorted(JS.rglob("*.js")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if not start.match(line):
                continue
            depth, seen = 0, False
            for j in range(i, len(lines)):
                code = re.sub(r"//.*|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`", "", lines[j])
                depth += code.count("{") - code.count("}")
                seen = seen or "{" in code
                if seen and depth <= 0:
                    break
            if j - i + 1 > 65:
                long.append(f"{path.relative_to(ROOT)}:{i + 1}: {j - i + 1} lines")
    assert not long, "\n".join(long)


# --- smoke tests in Chromium: the shared helpers on the real pages ---------------------------------------
# (Each tool's own page tests live with the tool: test_design.py, test_ipplan.py, test_compare.py,
# test_trees.py, test_browser_site.py.)

NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });"


def _to_an_outcome(tab, kb):
    tree = next(iter(kb.trees.values()))
    tab.goto(f"/decide/{tree.id}/")
    tab.page.wait_for_selector(".atlas-wizard--live")
    while tab.page.locator(".atlas-wizard__panel [data-answer]").count():
        tab.page.locator(".atlas-wizard__panel [data-answer]").first.click()
    return tab.page.locator(".atlas-wizard__controls")


@pytest.mark.browser
def test_wizard_copy_link_says_so_visibly(tab, kb):
    controls = _to_an_outcome(tab, kb)
    controls.get_by_role("button", name="Copy link to this result").click()
    status = controls.locator(".atlas-copy-status")
    status.filter(has_text="Link copied.").wait_for()
    assert status.is_visible()
    assert tab.page.locator(".atlas-wizard [aria-live]").inner_text() == "Link copied."  # announced too
    assert tab.page.evaluate("navigator.clipboard.readText()") == tab.page.url
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_without_clipboard_access_the_link_waits_selected(browser, site_url, kb):
    from .conftest import open_tab

    tab = open_tab(browser, site_url)
    try:
        tab.page.add_init_script(NO_CLIPBOARD)
        controls = _to_an_outcome(tab, kb)
        controls.get_by_role("button", name="Copy link to this result").click()
        field = controls.locator(".atlas-copy-manual")
        field.wait_for()
        assert field.input_value() == tab.page.url
        assert tab.page.evaluate("document.activeElement.classList.contains('atlas-copy-manual')")
        assert tab.page.evaluate("document.activeElement.selectionEnd - document.activeElement.selectionStart") == len(
            tab.page.url
        )
        assert "blocked" in controls.locator(".atlas-copy-status").inner_text()
        # the copy-link anchors on option pages fall back the same way, in the toast
        tab.goto("/options/kubenet/")
        tab.page.locator("a.atlas-anchor[title='Link to this rule']").first.click()
        toast = tab.page.locator(".atlas-copied--manual .atlas-copy-manual")
        toast.wait_for()
        assert toast.input_value().startswith(site_url + "/options/kubenet/#rule-kubenet-")
        assert not tab.outside and not tab.console_errors
    finally:
        tab.page.context.close()


@pytest.mark.browser
def test_copy_link_anchor_shows_a_toast(tab):
    tab.goto("/options/kubenet/")
    link = tab.page.locator("a.atlas-anchor[title='Link to this rule']").first
    href = link.evaluate("a => a.href")
    link.click()
    toast = tab.page.locator(".atlas-copied[role=status]")
    toast.filter(has_text="Link copied").wait_for()
    assert tab.page.evaluate("navigator.clipboard.readText()") == href
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_table_filter_is_a_mounted_module(tab):
    tab.goto("/pod/pod-networking/")
    slot = tab.page.locator(".atlas-table-tools[data-atlas-module='tables'][data-atlas-mounted]")
    tab.page.wait_for_selector("table.atlas-table[data-atlas-ready]")
    slot.get_by_label("Filter rows").fill("overlay")
    rows = tab.page.locator("table.atlas-table tbody tr:not([hidden])")
    assert 0 < rows.count() < tab.page.locator("table.atlas-table tbody tr").count()
    assert f"{rows.count()} of " in slot.locator(".atlas-filter-status").inner_text()
    tab.page.locator("table.atlas-table thead th", has_text="Max nodes").click()
    assert tab.page.locator("table.atlas-table thead th", has_text="Max nodes").get_attribute("aria-sort") in (
        "ascending",
        "descending",
    )
    assert tab.page.evaluate("typeof window.Tablesort") == "function"
    assert not tab.outside and not tab.console_errors


@pytest.mark.browser
def test_compare_any_states_rules_with_the_vocabulary(tab, kb):
    from generator.core.vocab import RULE_KINDS

    rule = next(r for r in kb.rules if r.kind.value == "conflicts")
    a, b = kb.options[rule.a], kb.options[rule.b]
    tab.goto(f"/compare/?ids={rule.a},{rule.b}")
    row = tab.page.locator("table.atlas-compare-table tbody tr", has_text="Rule: ")
    row.first.wait_for()
    head = row.first.locator("th").inner_text()
    assert head.startswith(f"Rule: {a.name} {RULE_KINDS[rule.kind].verb} {b.name}")
    assert " ".join(rule.reason.replace("`", "").split())[:40] in " ".join(head.split())
    assert "conflicts" not in row.first.inner_text()
    assert not tab.outside and not tab.console_errors
