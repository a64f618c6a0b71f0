"""Traffic diagrams and flowcharts drawn at build time: every option's diagram shows the
components and flows its data names, the SVG is well formed and accessible, bad diagram data
gives path:line:col errors, the designer's slot filling matches Python, output is stable."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.app import load_kb
from generator.core.errors import KnowledgeBaseError
from generator.features.decide.flowchart import flowcharts, parts
from generator.features.decide.graph import edges, walk
from generator.features.ipplan.calc import EXAMPLE_INPUTS, plan
from generator.features.ipplan.params import planner_params
from generator.site import cache
from generator.site.diagram import graphviz
from generator.site.diagram.network import option_diagram
from generator.site.diagram.slots import slot_values

from .conftest import ROOT, page
from .test_js_cores import node, run_js  # noqa: F401  (node is a fixture)

SVG = "{http://www.w3.org/2000/svg}"
GOLDEN = Path(__file__).parent / "golden" / "diagrams"


def _texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_every_option_diagram_shows_its_components_and_flows(kb):
    d = kb.diagrams
    comps, flows = {c.id: c for c in d.components}, {f.id: f for f in d.flows}
    for oid, od in d.options.items():
        pic = option_diagram(kb, oid)
        text = _texts(pic.svg)
        names = {**{c.id: c.name for c in d.components}, **od.names}
        for n, fid in enumerate(od.flows, 1):
            f = flows[fid]
            for end in (f.source, f.to):
                assert names[end] in text, (oid, end)
            assert (f"{n} {f.tag}" if f.tag else str(n)) in text, (oid, fid)
        assert [x.label for x in pic.flows] == [flows[f].label for f in od.flows]
        for cid in od.components:
            assert names.get(cid, comps[cid].name) in text


def test_svg_is_well_formed_and_accessible(kb):
    for oid in kb.diagrams.options:
        root = ET.fromstring(option_diagram(kb, oid).svg)
        assert root.get("role") == "img"
        title, desc = root[0], root[1]
        assert title.tag == f"{SVG}title" and desc.tag == f"{SVG}desc" and title.text and desc.text
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        # Graphviz's own ids would clash between diagrams of one page; colours come from CSS.
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert ids == [title.get("id"), desc.get("id")]
        assert not [el for el in root.iter() if el.get("fill") or el.get("stroke")]


def test_slots_show_the_examples_marked_for_the_designer(kb):
    pic = option_diagram(kb, "user-defined-routing")
    root = ET.fromstring(pic.svg)
    marked = {t.get("data-slot"): t.text for t in root.iter(f"{SVG}text") if t.get("data-slot")}
    examples = {s.id: s.example for s in kb.diagrams.slots}
    assert marked == {k: examples[k] for k in ("vnet", "nodes", "firewall")}
    own = option_diagram(kb, "user-defined-routing", {"firewall": "10.9.9.0/26"})
    assert "10.9.9.0/26" in _texts(own.svg) and examples["firewall"] not in _texts(own.svg)


def test_slot_examples_are_the_ip_planners_examples(kb):
    examples = {s.id: s.example for s in kb.diagrams.slots}
    assert examples["vnet"] == EXAMPLE_INPUTS["vnet"][0]
    assert examples["pod-cidr"] == EXAMPLE_INPUTS["pod_cidr"]
    assert examples["service-cidr"] == EXAMPLE_INPUTS["service_cidr"]


def test_slot_values_match_in_python_and_javascript(kb, node, tmp_path):  # noqa: F811
    params = planner_params(kb)
    plans = [None, {"ok": False}]
    for model in params["model_order"]:
        for extras in ({}, {"apiserver_subnet": True, "firewall_subnet": True, "agc_subnet": True}):
            inputs = dict(EXAMPLE_INPUTS, pools=[{"nodes": 5, "surge": 1, "max_pods": 30}], model=model, **extras)
            plans.append(plan(params, inputs))
    assert any(p and p.get("ok") and "pods" in slot_values(p) for p in plans)
    assert run_js(node, "diagram.mjs", {"plans": plans}, tmp_path) == [slot_values(p) for p in plans]


def test_diagrams_are_byte_identical_between_runs(kb, monkeypatch):
    first = [option_diagram(kb, o).svg for o in sorted(kb.diagrams.options)]
    graphviz.forget()
    monkeypatch.setenv(cache.CACHE_ENV, "")  # no disk cache: every picture drawn by dot again
    assert [option_diagram(kb, o).svg for o in sorted(kb.diagrams.options)] == first


def test_layouts_are_kept_on_disk_under_the_graph_and_the_dot_version(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    graphviz.forget()
    graph = 'digraph { "a" -> "b"; }\n'
    [drawn] = graphviz.layout_svgs([graph])
    assert "<svg" in drawn and len(list((tmp_path / "graphviz").glob("*.svg"))) == 1
    graphviz.forget()

    def no_dot(dot):
        raise AssertionError("dot ran for a graph in the cache")

    monkeypatch.setattr(graphviz, "_run_dot", no_dot)
    assert graphviz.layout_svgs([graph, graph]) == [drawn, drawn]
    with pytest.raises(AssertionError):
        graphviz.layout_svgs(['digraph { "a" -> "c"; }\n'])
    monkeypatch.setattr(graphviz, "_version", lambda: "dot - graphviz version 99")
    graphviz.forget()
    with pytest.raises(AssertionError):
        graphviz.layout_svgs([graph])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("from: nodes, to: load-balancer,", "from: nodez, to: load-balancer,", "unknown component 'nodez'"),
        ("flows: [nodes-lb, lb-internet]", "flows: [nodes-lb, lb-internets]", "unknown flow 'lb-internets'"),
        ('lines: ["{nodes}"]', 'lines: ["node {nodes}"]', "a {slot} must be alone on its line"),
        ("  kubenet:\n", "  kubenetz:\n", "unknown option 'kubenetz'"),
    ],
)
def test_bad_diagram_data_gives_a_position(tmp_path, old, new, message):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "diagrams.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(KnowledgeBaseError) as err:
        load_kb(data)
    lines = [str(e) for e in err.value.errors if message in str(e)]
    assert lines and lines[0].startswith("data/diagrams.yaml:"), [str(e) for e in err.value.errors]
    assert lines[0].split(":")[1].isdigit() and lines[0].split(":")[2].isdigit()


def test_flowchart_links_follow_the_tree_order(kb):
    """Keyboard order is the tree's reading order (breadth first from the start)."""
    for tree in kb.trees.values():
        charts = flowcharts(kb, tree)
        for chart, (_, order, _) in zip(charts, parts(tree), strict=True):
            root = ET.fromstring(chart["svg"])
            hrefs = [a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")]
            assert all(hrefs)
            assert len(hrefs) == len(order)
            classes = [g.get("class") for g in root.iter(f"{SVG}g") if "atlas-fc__node " in (g.get("class") or "")]
            assert [c.split("atlas-fc-n--")[1] for c in classes] == order
        seen = {n for _, order, _ in parts(tree) for n in order}
        assert seen == set(walk([tree.start], edges(tree)))


def test_pages_carry_the_pictures_and_no_mermaid(real_site, kb):
    for oid in kb.options:
        doc = page(real_site, f"options/{oid}/")
        assert doc.css_first("figure.atlas-diagram svg title") is not None, oid
        assert len(doc.css("ol.atlas-diagram__flows li")) == len(kb.diagrams.options[oid].flows)
    for tid in kb.trees:
        doc = page(real_site, f"decide/{tid}/")
        assert doc.css_first(".atlas-flowchart svg.atlas-fc") is not None
    assert not list(real_site.rglob("*mermaid*"))
    assert "mermaid" not in (real_site / "decide/egress/index.html").read_text().lower()
    design = page(real_site, "design/")
    src = design.css_first('[data-atlas-module="design-diagram"]').attributes["data-src"]
    assert (real_site / "design" / src).resolve().is_file()


def test_record_section_lists_the_flows_with_the_plans_addresses(kb, node, tmp_path):  # noqa: F811
    from generator.features.diagrams.data import diagrams_data

    options = {"egress": "user-defined-routing", "pod-networking": "azure-cni-overlay"}
    payload = {"data": diagrams_data(kb), "options": options, "values": {"firewall": "10.9.9.0/26"}}
    text = run_js(node, "diagram-record.mjs", payload, tmp_path)
    assert text.startswith("## Traffic paths")
    for oid in options.values():
        for f in option_diagram(kb, oid).flows:
            assert f.label in text
    assert "AzureFirewallSubnet 10.9.9.0/26" in text
    assert "Pod CIDR 10.244.0.0/16 (example)" in text


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("option-user-defined-routing.dot", lambda kb: _option_dot(kb, "user-defined-routing")),
        ("flowchart-egress-0.dot", lambda kb: _chart_dot(kb, "egress", 0)),
    ],
)
def test_snapshot_of_each_diagram_kind(kb, name, make):
    """The DOT text each kind of diagram hands Graphviz (independent of Graphviz's version and
    the fonts). Rewrite with ``ATLAS_UPDATE_GOLDEN=1`` after a deliberate change."""
    import os

    text, golden = make(kb), GOLDEN / name
    if os.environ.get("ATLAS_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text)
    assert text == golden.read_text()


def _option_dot(kb, oid: str) -> str:
    from generator.site.diagram.network import _Picture, dot

    d = kb.diagrams
    return dot(_Picture(d, d.options[oid], {s.id: s.example for s in d.slots}))


def _chart_dot(kb, tree_id: str, i: int) -> str:
    from generator.features.decide.flowchart import _part_dot

    tree = kb.trees[tree_id]
    _, order, answers = parts(tree)[i]
    return _part_dot(kb, tree, order, answers)
