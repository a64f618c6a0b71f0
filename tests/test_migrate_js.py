"""``cores/migrate.js`` gives the same audit as ``generator/features/migrate`` under Node: every
cluster fixture (both shapes, az aks list) to its default target and to every option of every
category, a sample of two-category targets, documents built to hit each detection entry, and bad
input; the runbooks must be the same text."""

from __future__ import annotations

import json
import random
from pathlib import Path

from generator.features.migrate import report
from generator.features.migrate.audit import audit, exit_code
from generator.features.migrate.cluster import InputError, parse
from generator.features.migrate.data import migrate_data

from .test_js_cores import first_mismatch, node, run_js  # noqa: F401  (node is a fixture)

CLUSTERS = Path(__file__).parent / "fixtures" / "clusters"
BAD = ["{", "", "[]", "42", '{"type": "Microsoft.Web/sites", "name": "x"}', '{"value": []}']


def cases(kb) -> list[dict]:
    rnd = random.Random(13)
    out = []
    pairs = [(c, o.id) for c in kb.categories for o in kb.options_in(c)]
    for path in sorted(CLUSTERS.glob("*.json")):
        text = path.read_text()
        for pick in range(len(parse(text))):
            out.append({"text": text, "pick": pick, "asked": {}})
            out += [{"text": text, "pick": pick, "asked": {c: o}} for c, o in pairs]
            for _ in range(8):
                (c1, o1), (c2, o2) = rnd.sample(pairs, 2)
                out.append({"text": text, "pick": pick, "asked": {c1: o1, c2: o2}})
    odd = {"type": "Microsoft.ContainerService/managedClusters", "name": "odd", "properties": {
        "networkProfile": {"networkPlugin": "azure", "outboundType": "quantumTunnel", "networkPolicy": None},
        "agentPoolProfiles": [{"name": "p1", "osType": "Windows", "maxPods": 30}],
        "nodeProvisioningProfile": {"mode": "Auto"}}}
    out.append({"text": json.dumps(odd), "pick": 0, "asked": {"dataplane": "cilium-dataplane"}})
    out += [{"text": t, "pick": 0, "asked": {}} for t in BAD]
    return out


def python(kb, case: dict) -> dict:
    try:
        cluster = parse(case["text"])[case["pick"]]
    except InputError:
        return {"error": True}
    r = audit(kb, cluster, case["asked"])
    return {"result": r, "runbook": report.markdown(kb, r), "exit": exit_code(r)}


def test_the_browser_audit_is_the_python_audit(kb, node, tmp_path):  # noqa: F811
    all_cases = cases(kb)
    assert len(all_cases) > 300
    py = [json.loads(json.dumps(python(kb, c))) for c in all_cases]
    js = run_js(node, "migrate.mjs", {"data": migrate_data(kb), "cases": all_cases}, tmp_path)
    assert py == js, first_mismatch(all_cases, py, js)
    assert sum(1 for p in py if p.get("error")) == len(BAD)
    assert sum(1 for p in py if p.get("exit") == 1) > 50  # findings are part of what is compared


def test_the_browser_refines_findings_by_the_readers_date(kb, node, tmp_path):  # noqa: F811
    """The page carries the states of the build date and their dated changes; on a later day the
    browser's findings and plan are the Python's for a build on that day."""
    import dataclasses
    import datetime as dt

    names = ("kubenet-calico-agic-nginx.json", "node-subnet-npm-udr-private-windows.json")
    texts = [(CLUSTERS / n).read_text() for n in names]
    days = ["2027-01-01", "2028-04-01", "2028-10-01"]
    all_cases = [{"text": t, "pick": 0, "asked": {}, "today": d} for t in texts for d in days]
    py = []
    for c in all_cases:
        later = dataclasses.replace(kb, on=dt.date.fromisoformat(c["today"]))
        r = audit(later, parse(c["text"])[0], {})
        py.append(json.loads(json.dumps({"findings": r["findings"], "target": r["target"]})))
    js = run_js(node, "migrate.mjs", {"data": migrate_data(kb), "cases": all_cases}, tmp_path)
    js = [{"findings": j["result"]["findings"], "target": j["result"]["target"]} for j in js]
    assert py == js, first_mismatch(all_cases, py, js)
    kubenet_2028 = py[1]["findings"]
    assert any(f.get("option") == "kubenet" and f["level"] == "retired" for f in kubenet_2028)
