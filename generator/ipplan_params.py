"""What the IP planner reads from the knowledge base, and how the planner page explains it.

Numbers come from each pod networking option's cells (``max-nodes``, ``max-pods-per-node``,
``default-max-pods``) and limits (the /24 per node, the static /28 block, the dynamic batch...).
``NEEDS`` and ``MODEL_KINDS`` say which option and which limit hold each number;
``design.checks`` reports a missing one with its file position.
"""

from __future__ import annotations

from typing import Any

from .ipplan import EXAMPLE_INPUTS, INPUT_MAX, POD_CIDR_FORMULA, bits_for, blocks_per_node, fmt, plan
from .read import KnowledgeBase

# Where the planner reads each number: (option id, limit name). Cells are read by dimension id.
NEEDS: dict[str, tuple[str, str]] = {
    "subnet_reserved": ("byo-vnet", "Addresses Azure reserves in every subnet"),
    "service_max_prefix": ("byo-vnet", "Service CIDR must be smaller than"),
    "apiserver_prefix": ("api-server-vnet-integration", "Minimum API server subnet"),
    "apiserver_addresses": ("api-server-vnet-integration", "Addresses reserved in the API server subnet"),
    "firewall_prefix": ("user-defined-routing", "AzureFirewallSubnet size"),
    "agc_prefix": ("application-gateway-for-containers", "Delegated subnet size"),
}
MIN_PODS = "Minimum max pods per node"  # optional per model: without it the floor is 1

# How each pod networking option consumes addresses, and the limits that formula reads.
MODEL_KINDS: dict[str, tuple[str, dict[str, str]]] = {
    "azure-cni-overlay": ("per-node-prefix", {"node_prefix": "Pod CIDR slice per node"}),
    "kubenet": ("per-node-prefix", {"node_prefix": "Pod CIDR slice per node"}),
    "azure-cni-node-subnet": ("flat", {}),
    "azure-cni-pod-subnet-dynamic": ("pod-subnet-batches", {"batch": "IP batch handed to a node", "largest_pod_subnet": "Largest pod subnet"}),
    "azure-cni-pod-subnet-static-block": ("pod-subnet-blocks", {
        "block": "Block size handed to a node", "node_reserved": "Addresses reserved per node for the node itself",
        "largest_pod_subnet": "Largest pod subnet"}),
    "byo-cni": ("own-pod-cidr", {}),
}
MODEL_CELLS = {"max_nodes": "max-nodes", "max_pods": "max-pods-per-node"}

# Ranges no AKS cluster range may use. The model has no field for a CIDR-valued fact, so the list
# lives here with its source; a test checks that the knowledge base names the same four ranges.
RESERVED_RANGES = ["169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"]

# Every formula and check the planner applies, with the learn.microsoft.com page it comes from.
FORMULA_SOURCES: dict[str, str] = {
    "subnet-reserved": "concepts-network-azure-cni-overlay",
    "node-subnet-flat": "concepts-network-ip-address-planning",
    "node-subnet": "concepts-network-ip-address-planning",
    "overlay-pod-cidr": "concepts-network-azure-cni-overlay",
    "kubenet-pod-cidr": "configure-kubenet",
    "dynamic-pod-subnet": "configure-azure-cni-dynamic-ip-allocation",
    "static-pod-subnet": "configure-azure-cni-static-block-allocation",
    "apiserver-subnet": "api-server-vnet-integration",
    "firewall-subnet": "azure-firewall-faq",
    "agc-subnet": "agc-container-networking",
    "service-cidr": "concepts-network-ip-address-planning",
    "dns-service-ip": "concepts-network-ip-address-planning",
    "reserved-ranges": "concepts-network-cni-overview",
    # The two limits below are read from each option's cells; results link the cell's own source.
    "max-pods": "concepts-network-ip-address-planning",
    "max-nodes": "best-practices-performance-scale-large",
}

# --- parameters from the knowledge base ---------------------------------------------------------


def limit_value(kb: KnowledgeBase, option_id: str, name: str) -> int | None:
    opt = kb.options.get(option_id)
    if opt is None:
        return None
    for lim in opt.limits:
        if lim.name == name and isinstance(lim.value, int):
            return lim.value
    return None


def cell_value(kb: KnowledgeBase, option_id: str, dim: str) -> int | None:
    cell = kb.options[option_id].cells.get(dim)
    value = cell.value if cell else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _cell_source(kb: KnowledgeBase, option_id: str, dim: str) -> str | None:
    cell = kb.options[option_id].cells.get(dim)
    return cell.sources[0] if cell and cell.sources else None


def planner_params(kb: KnowledgeBase) -> dict[str, Any]:
    """Everything ``plan`` needs from the KB, as JSON-ready data (also published for the pages).

    A model or an extra subnet whose numbers are missing is left out (``design.checks`` says why).
    """
    numbers = {key: limit_value(kb, oid, name) for key, (oid, name) in NEEDS.items()}
    models: dict[str, Any] = {}
    for oid, (kind, limits) in MODEL_KINDS.items():
        if oid not in kb.options:
            continue
        model: dict[str, Any] = {"name": kb.options[oid].name, "kind": kind}
        model.update({key: cell_value(kb, oid, dim) for key, dim in MODEL_CELLS.items()})
        model.update({key: limit_value(kb, oid, name) for key, name in limits.items()})
        if any(v is None for v in model.values()):
            continue
        model["min_pods"] = limit_value(kb, oid, MIN_PODS) or 1
        model["default_pods"] = cell_value(kb, oid, "default-max-pods")
        model["pod_cidr"] = kind in ("per-node-prefix", "own-pod-cidr")
        model["sources"] = {"max-nodes": _cell_source(kb, oid, "max-nodes"), "max-pods": _cell_source(kb, oid, "max-pods-per-node")}
        models[oid] = model
    extras = []
    for key, oid, name, formula in (("apiserver", "api-server-vnet-integration", "API server subnet", "apiserver-subnet"),
                                    ("firewall", "user-defined-routing", "AzureFirewallSubnet", "firewall-subnet"),
                                    ("agc", "application-gateway-for-containers", "Application Gateway for Containers subnet", "agc-subnet")):
        prefix = numbers.get(f"{key}_prefix")
        if prefix is not None:
            extras.append({"id": key, "option": oid, "name": name, "prefix": prefix, "formula": formula,
                           "addresses": numbers.get("apiserver_addresses") if key == "apiserver" else None})
    order = [o.id for o in kb.options_in("pod-networking") if o.id in models] if "pod-networking" in kb.categories else []
    default = next((o for o in order if "recommended" in kb.options[o].tags), order[0] if order else None)
    return {
        "subnet_reserved": numbers["subnet_reserved"] if numbers["subnet_reserved"] is not None else 5,
        "service_max_prefix": numbers["service_max_prefix"] if numbers["service_max_prefix"] is not None else 12,
        "reserved_ranges": RESERVED_RANGES,
        "input_max": INPUT_MAX,
        "models": models,
        "model_order": order,
        "default_model": default,
        "extras": extras,
        "formulas": {fid: sid for fid, sid in FORMULA_SOURCES.items()},
        "sources": {sid: {"url": kb.sources[sid].url, "title": kb.sources[sid].title}
                    for sid in sorted(set(FORMULA_SOURCES.values()) | {s for m in models.values() for s in m["sources"].values()})
                    if sid in kb.sources},
        "example": EXAMPLE_INPUTS,
    }


# --- the formulas, in words (the IP planner page's reference table) ---------------------------------


def describe_formulas(params: dict[str, Any]) -> list[dict[str, str]]:
    """One row per formula or check, with the numbers filled in from the knowledge base."""
    models = params["models"]
    extras = {e["id"]: e for e in params["extras"]}
    r = params["subnet_reserved"]
    rows: list[tuple[str, str, str]] = [
        ("subnet-reserved", "Usable addresses in a subnet", f"2^(32 − prefix) − {r}: Azure keeps {r} addresses of every subnet, so a subnet is sized for the addresses needed plus {r}"),
        ("node-subnet-flat", "Node subnet, when pods share it", "(nodes + max surge) + (nodes + max surge) × max pods, summed over the node pools"),
        ("node-subnet", "Node subnet, when pods do not use it", "nodes + max surge, summed over the node pools"),
    ]
    for oid, fid in POD_CIDR_FORMULA.items():
        if oid in models:
            np = models[oid]["node_prefix"]
            rows.append((fid, f"Pod CIDR, {models[oid]['name']}", f"one /{np} per node: the pod CIDR must hold (nodes + max surge) blocks of /{np}"))
    for m in models.values():
        if m["kind"] == "pod-subnet-batches":
            rows.append(("dynamic-pod-subnet", f"Pod subnet, {m['name']}", f"(nodes + max surge) × ⌈max pods ÷ {m['batch']}⌉ × {m['batch']}: addresses come in batches of {m['batch']}, at least one batch per node"))
        if m["kind"] == "pod-subnet-blocks":
            rows.append(("static-pod-subnet", f"Pod subnet, {m['name']}", f"(nodes + max surge) × ⌈(max pods + {m['node_reserved']}) ÷ {m['block']}⌉ × {m['block']}: whole blocks of {m['block']} per node, {m['node_reserved']} address kept for the node"))
    if "apiserver" in extras:
        rows.append(("apiserver-subnet", "API server subnet", f"a /{extras['apiserver']['prefix']} or larger, delegated to AKS; at least {extras['apiserver']['addresses']} addresses in use"))
    if "firewall" in extras:
        rows.append(("firewall-subnet", "AzureFirewallSubnet", f"a /{extras['firewall']['prefix']}, named AzureFirewallSubnet"))
    if "agc" in extras:
        rows.append(("agc-subnet", "Application Gateway for Containers subnet", f"a /{extras['agc']['prefix']}, delegated to Application Gateway for Containers"))
    smp = params["service_max_prefix"]
    rows += [
        ("service-cidr", "Service CIDR", f"smaller than /{smp} (a /{smp + 1} or longer prefix), and outside the VNet, the pod CIDR and every connected network"),
        ("dns-service-ip", "DNS service IP", "inside the service CIDR, and not its first address"),
        ("reserved-ranges", "Reserved ranges", "no VNet, pod or service range may overlap " + ", ".join(params["reserved_ranges"])),
        ("max-pods", "Max pods per node", "; ".join(f"{m['name']}: {fmt(m['min_pods'])} to {fmt(m['max_pods'])}" for m in (models[o] for o in params["model_order"]))),
        ("max-nodes", "Max nodes per cluster", "; ".join(f"{m['name']}: {fmt(m['max_nodes'])}" for m in (models[o] for o in params["model_order"]))),
    ]
    return [{"id": fid, "name": name, "text": text, "source": params["formulas"][fid]} for fid, name, text in rows if text]


#: Microsoft's worked examples, as planner inputs; tests check our results against the pages.
WORKED_EXAMPLES: list[dict[str, Any]] = [
    {"id": "flat-50", "title": "50 nodes, max surge 1, 30 pods per node, pods in the node subnet",
     "model": "azure-cni-node-subnet", "pools": [{"nodes": 50, "surge": 1, "max_pods": 30}], "focus": "nodes", "source": "concepts-network-ip-address-planning"},
    {"id": "flat-50-scale-10", "title": "The same cluster ready to scale out by 10 nodes",
     "model": "azure-cni-node-subnet", "pools": [{"nodes": 60, "surge": 1, "max_pods": 30}], "focus": "nodes", "source": "concepts-network-ip-address-planning"},
    {"id": "static-30", "title": "Static block allocation at 30 max pods",
     "model": "azure-cni-pod-subnet-static-block", "pools": [{"nodes": 1, "surge": 0, "max_pods": 30}], "focus": "pods", "source": "configure-azure-cni-static-block-allocation"},
    {"id": "overlay-default-cidr", "title": "Azure CNI Overlay with the default /16 pod CIDR at 256 nodes",
     "model": "azure-cni-overlay", "pools": [{"nodes": 255, "surge": 1, "max_pods": 250}], "focus": "pod-cidr", "source": "concepts-network-azure-cni-overlay"},
]
#: Capacity questions: how many nodes fit in a node subnet of a given prefix.
WORKED_CAPACITY: list[dict[str, Any]] = [
    {"id": "kubenet-24", "title": "kubenet nodes in a /24 node subnet", "model": "kubenet", "prefix": 24, "max_pods": 110, "source": "configure-kubenet"},
    {"id": "flat-24", "title": "Node subnet model: nodes in a /24 at 30 pods per node", "model": "azure-cni-node-subnet", "prefix": 24, "max_pods": 30, "source": "concepts-network-legacy-cni"},
]


def example_inputs(example: dict[str, Any]) -> dict[str, Any]:
    return {**EXAMPLE_INPUTS, "model": example["model"], "pools": example["pools"]}


def describe_example(params: dict[str, Any], example: dict[str, Any]) -> str:
    """The one result a worked example is about, in words, from the plan itself."""
    result = plan(params, example_inputs(example))
    model = params["models"][example["model"]]
    if example["focus"] == "pod-cidr":
        r = next(r for r in result["ranges"] if r["id"] == "pod-cidr")
        return f"{r['cidr']} holds {fmt(r['available'])} blocks of /{model['node_prefix']}, one per node: {fmt(r['available'])} nodes including surge"
    s = next(s for s in result["subnets"] if s["id"] == example["focus"])
    if example["focus"] == "pods" and model["kind"] == "pod-subnet-blocks":
        blocks = blocks_per_node(model, example["pools"][0]["max_pods"])
        return f"{blocks} blocks of {model['block']} addresses (/{32 - bits_for(model['block'])}) per node: {s['work']}"
    return f"{s['work']} addresses: a /{s['prefix']}"
