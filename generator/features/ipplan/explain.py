"""The planner in words: the formulas with the knowledge base's numbers filled in, and
Microsoft's worked examples recomputed (the IP planner page's reference tables)."""

from __future__ import annotations

from typing import Any

from .addresses import bits_for, blocks_per_node, fmt
from .calc import EXAMPLE_INPUTS, plan

Row = tuple[str, str, str]  # formula id, what it sizes, the rule in words


def _subnet_rows(params: dict[str, Any]) -> list[Row]:
    r = params["subnet_reserved"]
    return [
        (
            "subnet-reserved",
            "Usable addresses in a subnet",
            f"2^(32 − prefix) − {r}: Azure keeps {r} addresses of every subnet, so a subnet is sized for the "
            f"addresses needed plus {r}",
        ),
        (
            "node-subnet-flat",
            "Node subnet, when pods share it",
            "(nodes + max surge) + (nodes + max surge) × max pods, summed over the node pools",
        ),
        ("node-subnet", "Node subnet, when pods do not use it", "nodes + max surge, summed over the node pools"),
    ]


def _model_rows(models: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for model in models.values():
        if model["pod_cidr_formula"]:
            np = model["node_prefix"]
            rows.append(
                (
                    model["pod_cidr_formula"],
                    f"Pod CIDR, {model['name']}",
                    f"one /{np} per node: the pod CIDR must hold (nodes + max surge) blocks of /{np}",
                )
            )
    for m in models.values():
        if m["kind"] == "pod-subnet-batches":
            rows.append(
                (
                    "dynamic-pod-subnet",
                    f"Pod subnet, {m['name']}",
                    f"(nodes + max surge) × ⌈max pods ÷ {m['batch']}⌉ × {m['batch']}: addresses come in batches "
                    f"of {m['batch']}, at least one batch per node",
                )
            )
        if m["kind"] == "pod-subnet-blocks":
            rows.append(
                (
                    "static-pod-subnet",
                    f"Pod subnet, {m['name']}",
                    f"(nodes + max surge) × ⌈(max pods + {m['node_reserved']}) ÷ {m['block']}⌉ × {m['block']}: "
                    f"whole blocks of {m['block']} per node, {m['node_reserved']} address kept for the node",
                )
            )
    return rows


def _extra_rows(extras: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    if "apiserver" in extras:
        rows.append(
            (
                "apiserver-subnet",
                "API server subnet",
                f"a /{extras['apiserver']['prefix']} or larger, delegated to AKS; at least "
                f"{extras['apiserver']['addresses']} addresses in use",
            )
        )
    if "firewall" in extras:
        rows.append(
            ("firewall-subnet", "AzureFirewallSubnet", f"a /{extras['firewall']['prefix']}, named AzureFirewallSubnet")
        )
    if "agc" in extras:
        rows.append(
            (
                "agc-subnet",
                "Application Gateway for Containers subnet",
                f"a /{extras['agc']['prefix']}, delegated to Application Gateway for Containers",
            )
        )
    if "appgw" in extras:
        rows.append(
            (
                "appgw-subnet",
                "Application Gateway subnet",
                f"a /{extras['appgw']['prefix']} or larger for AGIC's Application Gateway v2, and nothing else",
            )
        )
    return rows


def _range_rows(params: dict[str, Any]) -> list[Row]:
    smp, models = params["service_max_prefix"], [params["models"][o] for o in params["model_order"]]
    return [
        (
            "service-cidr",
            "Service CIDR",
            f"smaller than /{smp} (a /{smp + 1} or longer prefix), and outside the VNet, the pod CIDR and every "
            "connected network",
        ),
        ("dns-service-ip", "DNS service IP", "inside the service CIDR, and not its first address"),
        (
            "reserved-ranges",
            "Reserved ranges",
            "no VNet, pod or service range may overlap " + ", ".join(params["reserved_ranges"]),
        ),
        (
            "max-pods",
            "Max pods per node",
            "; ".join(f"{m['name']}: {fmt(m['min_pods'])} to {fmt(m['max_pods'])}" for m in models),
        ),
        ("max-nodes", "Max nodes per cluster", "; ".join(f"{m['name']}: {fmt(m['max_nodes'])}" for m in models)),
    ]


def _ipv6_rows(params: dict[str, Any]) -> list[Row]:
    """The dual-stack rules, when the knowledge base has a dual-stack family."""
    if not any(f["dual"] for f in params["families"].values()):
        return []
    yes = [m["name"] for m in params["models"].values() if m["dual_stack"] == "yes"]
    most, sub = params["service6_min_prefix"], params["subnet6_prefix"]
    return [
        ("dual-stack", "Dual-stack pod networking", "only " + " or ".join(yes) + " (its dual-stack cell says yes)"),
        (
            "ipv6-service-cidr",
            "IPv6 service CIDR",
            f"a /{most} or smaller (a /{most} or longer prefix), after the IPv4 range in --service-cidrs; the DNS "
            "service IP stays IPv4, inside the IPv4 service CIDR",
        ),
        (
            "ipv6-pod-cidr",
            "IPv6 pod CIDR",
            "after the IPv4 range in --pod-cidrs, outside the IPv6 VNet, service and in-use ranges; no per-node "
            "IPv6 block is documented, so the IPv4 pod CIDR's blocks bound the node count",
        ),
        ("ipv6-subnet", "IPv6 node subnet", f"exactly a /{sub} of the VNet's IPv6 space; other subnets stay IPv4"),
    ]


def describe_formulas(params: dict[str, Any]) -> list[dict[str, str]]:
    """One row per formula or check, with the numbers filled in from the knowledge base."""
    rows = _subnet_rows(params) + _model_rows(params["models"])
    rows += _extra_rows({e["id"]: e for e in params["extras"]}) + _range_rows(params) + _ipv6_rows(params)
    return [
        {"id": fid, "name": name, "text": text, "source": params["formulas"][fid]} for fid, name, text in rows if text
    ]


#: Microsoft's worked examples, as planner inputs; tests check our results against the pages.
WORKED_EXAMPLES: list[dict[str, Any]] = [
    {
        "id": "flat-50",
        "title": "50 nodes, max surge 1, 30 pods per node, pods in the node subnet",
        "model": "azure-cni-node-subnet",
        "pools": [{"nodes": 50, "surge": 1, "max_pods": 30}],
        "focus": "nodes",
        "source": "concepts-network-ip-address-planning",
    },
    {
        "id": "flat-50-scale-10",
        "title": "The same cluster ready to scale out by 10 nodes",
        "model": "azure-cni-node-subnet",
        "pools": [{"nodes": 60, "surge": 1, "max_pods": 30}],
        "focus": "nodes",
        "source": "concepts-network-ip-address-planning",
    },
    {
        "id": "static-30",
        "title": "Static block allocation at 30 max pods",
        "model": "azure-cni-pod-subnet-static-block",
        "pools": [{"nodes": 1, "surge": 0, "max_pods": 30}],
        "focus": "pods",
        "source": "configure-azure-cni-static-block-allocation",
    },
    {
        "id": "overlay-default-cidr",
        "title": "Azure CNI Overlay with the default /16 pod CIDR at 256 nodes",
        "model": "azure-cni-overlay",
        "pools": [{"nodes": 255, "surge": 1, "max_pods": 250}],
        "focus": "pod-cidr",
        "source": "concepts-network-azure-cni-overlay",
    },
]
#: Capacity questions: how many nodes fit in a node subnet of a given prefix.
WORKED_CAPACITY: list[dict[str, Any]] = [
    {
        "id": "kubenet-24",
        "title": "kubenet nodes in a /24 node subnet",
        "model": "kubenet",
        "prefix": 24,
        "max_pods": 110,
        "source": "configure-kubenet",
    },
    {
        "id": "flat-24",
        "title": "Node subnet model: nodes in a /24 at 30 pods per node",
        "model": "azure-cni-node-subnet",
        "prefix": 24,
        "max_pods": 30,
        "source": "concepts-network-legacy-cni",
    },
]


def example_inputs(example: dict[str, Any]) -> dict[str, Any]:
    return {**EXAMPLE_INPUTS, "model": example["model"], "pools": example["pools"]}


def describe_example(params: dict[str, Any], example: dict[str, Any]) -> str:
    """The one result a worked example is about, in words, from the plan itself."""
    result = plan(params, example_inputs(example))
    model = params["models"][example["model"]]
    if example["focus"] == "pod-cidr":
        r = next(r for r in result["ranges"] if r["id"] == "pod-cidr")
        blocks, prefix = fmt(r["available"]), model["node_prefix"]
        return f"{r['cidr']} holds {blocks} blocks of /{prefix}, one per node: {blocks} nodes including surge"
    s = next(s for s in result["subnets"] if s["id"] == example["focus"])
    if example["focus"] == "pods" and model["kind"] == "pod-subnet-blocks":
        blocks = blocks_per_node(model, example["pools"][0]["max_pods"])
        return f"{blocks} blocks of {model['block']} addresses (/{32 - bits_for(model['block'])}) per node: {s['work']}"
    return f"{s['work']} addresses: a /{s['prefix']}"
