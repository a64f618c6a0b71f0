"""The query set of issue 16: what a reader types into the header search, and the pages that are a
right first answer (an option page, or the category or tool page where the query names it).

Shared by tests/test_search.py (which asserts the rates) and bench/run.py (which records them),
with the one function that reads the result list off the page, so both measure the same thing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

NAT = {"options/managed-nat-gateway/", "options/user-assigned-nat-gateway/"}
ISOLATED = {"options/outbound-none/", "options/outbound-block/"}

QUERIES: list[tuple[str, set[str]]] = [
    # control plane access
    ("private cluster", {"options/private-cluster/"}),
    ("jumpbox", {"options/private-cluster/"}),
    ("jump box", {"options/private-cluster/"}),
    ("private API", {"options/private-cluster/", "control-plane/api-server-access/"}),
    ("API server VNet integration", {"options/api-server-vnet-integration/"}),
    ("authorized IP ranges", {"options/public-api-server/"}),
    ("command invoke", {"options/private-cluster/"}),
    ("private DNS zone", {"options/private-cluster/"}),
    ("API server access", {"control-plane/api-server-access/"}),
    # VNet
    ("bring your own VNet", {"options/byo-vnet/"}),
    ("custom vnet", {"options/byo-vnet/"}),
    ("managed VNet", {"options/managed-vnet/"}),
    # egress
    ("NAT gateway", NAT),
    ("natgw", NAT),
    ("NAT gateway v2", {"options/managed-nat-gateway/"}),  # StandardV2 is a variant of the managed NAT gateway
    ("SNAT port exhaustion", {"options/outbound-load-balancer/", "options/managed-nat-gateway/"}),
    ("egress firewall", {"options/user-defined-routing/"}),
    ("Azure Firewall", {"options/user-defined-routing/"}),
    ("forced tunneling", {"options/user-defined-routing/"}),
    ("udr", {"options/user-defined-routing/"}),
    ("air gapped", ISOLATED),
    ("network isolated cluster", ISOLATED),
    ("outbound type", {"node/egress/"}),
    ("egress", {"node/egress/"}),
    ("load balancer outbound", {"options/outbound-load-balancer/"}),
    # pod networking
    ("overlay", {"options/azure-cni-overlay/"}),
    ("kubenet", {"options/kubenet/"}),
    ("kubenet retirement", {"options/kubenet/"}),
    ("pod ip exhaustion", {"options/azure-cni-overlay/", "pod/pod-networking/"}),
    ("pod subnet", {"options/azure-cni-pod-subnet-dynamic/"}),
    ("static block allocation", {"options/azure-cni-pod-subnet-static-block/"}),
    ("bring your own CNI", {"options/byo-cni/"}),
    ("flannel", {"options/byo-cni/"}),
    ("legacy azure cni", {"options/azure-cni-node-subnet/"}),
    ("ipv6", {"options/azure-cni-overlay/", "options/dual-stack/"}),
    ("dual-stack", {"options/azure-cni-overlay/"}),
    ("pod networking", {"pod/pod-networking/"}),
    # dataplane
    ("cilium", {"options/cilium-dataplane/"}),
    ("ebpf", {"options/cilium-dataplane/"}),
    ("kube-proxy", {"options/azure-iptables-dataplane/"}),
    ("iptables", {"options/azure-iptables-dataplane/"}),
    ("hubble", {"options/cilium-dataplane/", "options/acns-observability/"}),
    ("wireguard", {"options/cilium-dataplane/", "options/acns-security/"}),
    ("dataplane", {"pod/dataplane/"}),
    # network policy
    ("network policy", {"pod/network-policy/"}),
    ("calico", {"options/calico-network-policy/"}),
    ("network policy manager", {"options/azure-npm/"}),
    ("npm retirement", {"options/azure-npm/"}),
    ("CiliumNetworkPolicy", {"options/cilium-network-policy/"}),
    ("windows network policy", {"options/calico-network-policy/"}),
    # application exposure
    ("ingress", {"application/app-exposure/"}),
    ("nginx ingress", {"options/app-routing-nginx/"}),
    ("ingress-nginx retirement", {"options/app-routing-nginx/"}),
    ("waf", {"options/application-gateway-for-containers/", "options/agic/"}),
    ("AGIC", {"options/agic/"}),
    ("AGC", {"options/application-gateway-for-containers/"}),
    ("Gateway API", {"options/app-routing-gateway-api/", "application/app-exposure/"}),
    ("istio", {"options/istio-ingress-gateway/"}),
    ("service mesh", {"options/istio-ingress-gateway/"}),
    ("internal load balancer", {"options/service-load-balancer/"}),
    # the categories of issue 14: IP family, ACNS, egress IP per workload, node public IPs, proxy, DNS
    ("egress IP per namespace", {"options/static-egress-gateway/"}),
    ("dual-stack", {"options/dual-stack/", "pod/ip-family/"}),
    ("LocalDNS", {"options/localdns/"}),
    ("conditional forwarder", {"options/custom-dns-servers/"}),
    ("HTTP proxy", {"options/node-http-proxy/", "node/http-proxy/"}),
    ("FQDN filtering", {"options/acns-security/"}),
    (
        "instance-level public IP",
        {"options/node-public-ip-per-node/", "options/node-public-ip-prefix/", "node/node-public-ip/"},
    ),
    # tools and site pages
    ("compatibility matrix", {"compatibility/"}),
    ("ip planner", {"tools/ip-planner/"}),
    ("designer", {"design/"}),
]

SEARCH_INPUT = "input.md-search__input"


def relative(href: str, base: str) -> str:
    """A result link as a site-relative page path without the section anchor."""
    path, root = urlsplit(href).path, urlsplit(base).path
    return path[len(root) :].lstrip("/") if path.startswith(root) else path.lstrip("/")


def top_results(page, base: str, query: str, n: int = 3) -> list[str]:
    """The first n pages the header search lists for query (Material's result list: one item per
    page, its first link the page itself). The box is emptied first, so that the list shown next
    is the one for the whole query and not for a part of it typed a moment before."""
    page.click(SEARCH_INPUT)
    page.fill(SEARCH_INPUT, "")
    page.keyboard.press("End")  # Material reads the box on key events, not on fill()
    meta = ".md-search-result__meta"
    page.wait_for_function(
        f"() => /Type to start searching/i.test(document.querySelector('{meta}').textContent)", timeout=10_000
    )
    page.fill(SEARCH_INPUT, query)
    page.keyboard.press("End")
    page.wait_for_function(
        f"() => !/Type to start searching|Initializing/i.test(document.querySelector('{meta}').textContent)",
        timeout=10_000,
    )
    links = page.locator(".md-search-result__list > .md-search-result__item > a.md-search-result__link")
    return [relative(links.nth(i).get_attribute("href"), base) for i in range(min(n, links.count()))]


def score(results: dict[str, list[str]]) -> dict[str, float]:
    """First-result and top-three hit rates of a run (query -> its top pages)."""
    expected = dict(QUERIES)
    first = sum(1 for q, got in results.items() if got[:1] and got[0] in expected[q])
    three = sum(1 for q, got in results.items() if set(got[:3]) & expected[q])
    return {"queries": len(results), "first": first / len(results), "top3": three / len(results)}
