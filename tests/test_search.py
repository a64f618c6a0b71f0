"""Search that lands on the option (issue 16): natural queries typed into the header search of the
real site in Chromium, each with the page that must come first, and what the index leaves out."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from .conftest import page

# A query a reader would type, and the pages that are a right first answer (the option page, or
# the category page where several options answer the query equally).
QUERIES: list[tuple[str, set[str]]] = [
    (
        "NAT gateway",
        {"options/managed-nat-gateway/", "options/managed-nat-gateway-v2/", "options/user-assigned-nat-gateway/"},
    ),
    ("egress firewall", {"options/user-defined-routing/"}),
    ("waf", {"options/application-gateway-for-containers/", "options/agic/"}),
    ("pod ip exhaustion", {"options/azure-cni-overlay/", "pod/pod-networking/"}),
    ("jumpbox", {"options/private-cluster/"}),
    ("API server VNet integration", {"options/api-server-vnet-integration/"}),
    ("Gateway API", {"options/app-routing-gateway-api/", "application/app-exposure/"}),
    ("bring your own CNI", {"options/byo-cni/"}),
    ("network policy manager", {"options/azure-npm/"}),
    ("private API", {"options/private-cluster/", "control-plane/api-server-access/"}),
    ("egress IP per namespace", {"options/static-egress-gateway/"}),
    ("dual-stack", {"options/dual-stack/", "pod/ip-family/"}),
    ("LocalDNS", {"options/localdns/"}),
    ("conditional forwarder", {"options/custom-dns-servers/"}),
    ("HTTP proxy", {"options/node-http-proxy/", "node/http-proxy/"}),
    ("FQDN filtering", {"options/acns-security/"}),
    ("instance-level public IP", {"options/node-public-ip-per-node/", "node/node-public-ip/"}),
]


def first_result(tab, query: str) -> str:
    """The page (path without the section anchor) of the first header-search result for query."""
    tab.page.click("input.md-search__input")
    tab.page.fill("input.md-search__input", "")
    tab.page.keyboard.type(query, delay=15)  # Material reacts to key events, not to fill()
    meta = tab.page.locator(".md-search-result__meta")
    tab.page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta') &&"
        " document.querySelector('input.md-search__input').value === q &&"
        " !/Type to start searching|Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        arg=query,
        timeout=10_000,
    )
    tab.page.wait_for_timeout(300)  # let the last keystroke's query settle
    links = tab.page.locator(".md-search-result__item > a.md-search-result__link")
    if links.count() == 0:
        return f"(no result: {meta.inner_text()})"
    href = links.first.get_attribute("href")
    path = urlsplit(href).path
    base = urlsplit(tab.base).path
    return path[len(base) :].lstrip("/") if path.startswith(base) else path.lstrip("/")


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_lands_on_the_right_page_first(tab, query, expected):
    tab.goto("/")
    got = first_result(tab, query)
    assert got in expected, f"{query!r}: first result {got}, expected one of {sorted(expected)}"
    assert tab.outside == [] and tab.console_errors == []


def test_pairwise_pages_are_left_out_of_the_index_but_linked_from_both_options(real_site):
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "-vs-" in d["location"]]
    html = page(real_site, "options/azure-cni-overlay")
    assert html.css_first("a[href*='azure-cni-overlay-vs-kubenet']") is not None


def test_option_and_category_pages_outrank_the_glossary_and_carry_their_keywords(real_site):
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {d["location"].split("#")[0]: d.get("boost", 1) for d in index["docs"]}
    assert boosts["options/private-cluster/"] > boosts["glossary/"]
    assert boosts["control-plane/api-server-access/"] > boosts["glossary/"]
    tags = {d["location"].split("#")[0]: d.get("tags") for d in index["docs"]}
    assert "jumpbox" in tags["options/private-cluster/"]
    assert tags["control-plane/api-server-access/"] == ["api", "server", "access"]


def test_keywords_become_tags_once_without_prefix_doubles_and_with_short_pairs_joined():
    from generator.site.search import search_tags

    tags = search_tags(["jump box", "API server", "apiserver subnet", "Gateway API", "pod-subnet-id"])
    assert tags == ["jump", "box", "api", "server", "subnet", "gateway", "pod", "id", "jumpbox"]
