"""The real site, built once from the real knowledge base: coverage, and every fact of the
data found where it should be on the rendered pages."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.core import model as m
from generator.core.vocab import SUPPORT
from generator.site.views import fmt_number

from .conftest import page

REQUIRED = {
    "api-server-access": {"public-api-server", "private-cluster", "api-server-vnet-integration"},
    "vnet": {"managed-vnet", "byo-vnet"},
    "egress": {
        "outbound-load-balancer",
        "managed-nat-gateway",
        "user-assigned-nat-gateway",
        "user-defined-routing",
        "outbound-none",
        "outbound-block",
    },
    "pod-networking": {
        "azure-cni-overlay",
        "azure-cni-pod-subnet-dynamic",
        "azure-cni-pod-subnet-static-block",
        "azure-cni-node-subnet",
        "kubenet",
        "byo-cni",
    },
    "dataplane": {"cilium-dataplane", "azure-iptables-dataplane"},
    "network-policy": {"cilium-network-policy", "calico-network-policy", "azure-npm", "no-network-policy"},
    "app-exposure": {
        "service-load-balancer",
        "app-routing-nginx",
        "app-routing-gateway-api",
        "istio-ingress-gateway",
        "application-gateway-for-containers",
        "agic",
    },
}


def test_every_required_option_exists(kb):
    for cat, ids in REQUIRED.items():
        assert ids <= {o.id for o in kb.options_in(cat)}, cat


def test_every_option_has_a_page_with_a_learn_source_and_date(kb, real_site):
    for opt in kb.options.values():
        doc = page(real_site, f"options/{opt.id}")
        links = [a.attributes.get("href", "") for a in doc.css("article a")]
        assert any(h.startswith("https://learn.microsoft.com/") for h in links), opt.id
        assert f"verified {opt.verified_on.isoformat()}" in doc.css_first(".atlas-verified").text()


def _expected(cell: m.Cell) -> list[str]:
    out = []
    if cell.level:
        out.append(SUPPORT[cell.level].label)
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        out.append(fmt_number(cell.value))
    elif cell.value is not None:
        out.append(str(cell.value))
    return out


def test_every_cell_of_every_table_shows_its_fact(kb, real_site):
    """Not a sample: each option × dimension cell of each category table holds the data's value."""
    checked = 0
    for layer in kb.layers:
        for cat in layer.categories:
            doc = page(real_site, f"{layer.id}/{cat.id}")
            rows = {r.attributes["id"]: r for r in doc.css("table.atlas-table tbody tr")}
            assert set(rows) == {o.id for o in kb.options_in(cat.id)}
            for opt in kb.options_in(cat.id):
                cells = rows[opt.id].css("td")[1:]  # skip status
                assert len(cells) == len(cat.dimensions)
                for dim, td in zip(cat.dimensions, cells):
                    text = " ".join(td.text().split())
                    assert text, f"empty cell {opt.id}/{dim.id}"
                    for piece in _expected(opt.cells[dim.id]):
                        assert " ".join(piece.split()) in text, (opt.id, dim.id, piece, text)
                    if opt.cells[dim.id].disputed:
                        assert td.css_first(".atlas-disputed") is not None
                    checked += 1
    assert checked >= 200


def test_option_pages_show_every_limit_and_flag(kb, real_site):
    for opt in kb.options.values():
        text = " ".join(page(real_site, f"options/{opt.id}").css_first("article").text().split())
        for lim in opt.limits:
            shown = lim.ranges or [fmt_number(lim.value)]
            assert all(value in text for value in shown), (opt.id, lim.name)
        for flag in opt.select.az_aks_create:
            assert flag.flag in text, (opt.id, flag.flag)


@pytest.mark.parametrize(
    "option_id, label",
    [
        ("kubenet", "Retiring 2028-03-31"),
        ("azure-npm", "Retiring 2028-09-30"),
        ("app-routing-nginx", "Retiring 2026-11"),
        ("managed-nat-gateway", "GA"),
        ("outbound-block", "Preview"),
        ("azure-cni-overlay", "GA"),
        ("azure-cni-node-subnet", "Legacy"),
    ],
)
def test_lifecycle_badges(real_site, option_id, label):
    assert page(real_site, f"options/{option_id}").css_first(".atlas-meta .atlas-status").text() == label


def test_a_folded_option_keeps_its_address(real_site):
    """managed-nat-gateway-v2 became the StandardV2 variant of managed-nat-gateway (issue 14): its old
    page still exists and sends readers and crawlers to the option that absorbed it."""
    html = page(real_site, "options/managed-nat-gateway-v2")
    refresh = html.css_first('meta[http-equiv="refresh"]').attributes["content"]
    assert refresh.endswith("managed-nat-gateway/"), refresh
    assert "managed-nat-gateway-v2" not in refresh
    target = page(real_site, "options/managed-nat-gateway").text()
    assert "StandardV2" in target and "managedNATGatewayV2" in target
    pair = page(real_site, "compare/managed-nat-gateway-v2-vs-outbound-load-balancer")
    refresh = pair.css_first('meta[http-equiv="refresh"]').attributes["content"]
    assert refresh.endswith("compare/managed-nat-gateway-vs-outbound-load-balancer/"), refresh
    itself = page(real_site, "compare/managed-nat-gateway-vs-managed-nat-gateway-v2")
    assert itself.css_first('meta[http-equiv="refresh"]').attributes["content"].endswith("options/managed-nat-gateway/")


@pytest.mark.parametrize(
    "url, needle",
    [
        ("pod/pod-networking", "5,000"),  # overlay max nodes
        ("pod/pod-networking", "1,000,000"),  # static block pods
        ("pod/pod-networking", "400"),  # kubenet nodes
        ("options/api-server-vnet-integration", "/28"),
        ("options/outbound-load-balancer", "1,024"),
        ("options/managed-nat-gateway", "64,512"),
    ],
)
def test_well_known_facts_appear(real_site, url, needle):
    assert needle in page(real_site, url).css_first("article").text()


def test_disputes_are_shown_with_both_sources(kb, real_site):
    disputed = [(o, d) for o in kb.options.values() for d in o.cells if o.cells[d].disputed]
    assert len(disputed) >= 5
    for opt, dim in disputed:
        cat = kb.categories[opt.category]
        doc = page(real_site, f"{kb.layer_of(cat.id).id}/{cat.id}")
        notes = doc.css_first(".atlas-notes").text()
        for d in opt.cells[dim].disputed:
            assert " ".join(d.says.rstrip(".").split())[:40] in " ".join(notes.split()), (opt.id, dim)
    # The API Server VNet Integration status conflict is shown on its page.
    text = page(real_site, "options/api-server-vnet-integration").css_first("article").text()
    assert "Disputed" in text


def test_glossary_has_at_least_30_terms_and_tooltips(kb, real_site):
    assert len(kb.terms) >= 30
    doc = page(real_site, "glossary")
    assert len(doc.css("article h2")) == len(kb.terms)
    overlay = (real_site / "options/azure-cni-overlay/index.html").read_text()
    assert re.search(r'<abbr title="[^"]+">CIDR</abbr>', overlay)


def test_every_rule_appears_on_both_option_pages(kb, real_site):
    for rule in kb.rules:
        for side in (rule.a, rule.b):
            assert page(real_site, f"options/{side}").css_first(f"#rule-{rule.id}") is not None, (rule.id, side)


def test_strict_build_leaves_no_unrendered_markdown(real_site):
    for html in real_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, html
        assert "](" not in LexborHTMLParser(text).css_first("body").text(), html


def test_lifecycle_boxes_have_their_text(kb, real_site):
    """Preview, legacy and retiring options open with a box that says why (not just a title)."""
    for opt in kb.options.values():
        if kb.state(opt).level.value == "ga" and not opt.lifecycle.disputed:
            continue
        box = page(real_site, f"options/{opt.id}").css_first("article .admonition")
        body = box.text().replace(box.css_first(".admonition-title").text(), "", 1)
        assert len(body.strip()) > 20, opt.id
        assert box.css_first('a[href="#lifecycle"]') is not None, opt.id
