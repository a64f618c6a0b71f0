"""What the IP planner reads from the knowledge base, and how the planner page explains it.

Numbers come from each pod networking option's cells (``max-nodes``, ``max-pods-per-node``,
``default-max-pods``) and limits (the /24 per node, the static /28 block, the dynamic batch...).
``NEEDS`` and ``MODEL_KINDS`` say which option and which limit hold each number;
``checks`` reports a missing one with its file position.
"""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from .calc import EXAMPLE_INPUTS, INPUT_MAX

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

#: Which formula (see ``FORMULA_SOURCES``) sizes the pod CIDR of a per-node-prefix model.
POD_CIDR_FORMULA = {"azure-cni-overlay": "overlay-pod-cidr", "kubenet": "kubenet-pod-cidr"}

# How each pod networking option consumes addresses, and the limits that formula reads.
MODEL_KINDS: dict[str, tuple[str, dict[str, str]]] = {
    "azure-cni-overlay": ("per-node-prefix", {"node_prefix": "Pod CIDR slice per node"}),
    "kubenet": ("per-node-prefix", {"node_prefix": "Pod CIDR slice per node"}),
    "azure-cni-node-subnet": ("flat", {}),
    "azure-cni-pod-subnet-dynamic": (
        "pod-subnet-batches",
        {"batch": "IP batch handed to a node", "largest_pod_subnet": "Largest pod subnet"},
    ),
    "azure-cni-pod-subnet-static-block": (
        "pod-subnet-blocks",
        {
            "block": "Block size handed to a node",
            "node_reserved": "Addresses reserved per node for the node itself",
            "largest_pod_subnet": "Largest pod subnet",
        },
    ),
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

    A model or an extra subnet whose numbers are missing is left out (``checks`` says why).
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
        model["pod_cidr_formula"] = POD_CIDR_FORMULA.get(oid)
        model["sources"] = {
            "max-nodes": _cell_source(kb, oid, "max-nodes"),
            "max-pods": _cell_source(kb, oid, "max-pods-per-node"),
        }
        models[oid] = model
    extras = []
    for key, oid, name, formula in (
        ("apiserver", "api-server-vnet-integration", "API server subnet", "apiserver-subnet"),
        ("firewall", "user-defined-routing", "AzureFirewallSubnet", "firewall-subnet"),
        ("agc", "application-gateway-for-containers", "Application Gateway for Containers subnet", "agc-subnet"),
    ):
        prefix = numbers.get(f"{key}_prefix")
        if prefix is not None:
            # The API server subnet is a minimum size; the others are exactly one size.
            extras.append(
                {
                    "id": key,
                    "option": oid,
                    "name": name,
                    "prefix": prefix,
                    "formula": formula,
                    "or_larger": key == "apiserver",
                    "addresses": numbers.get("apiserver_addresses") if key == "apiserver" else None,
                }
            )
    order = (
        [o.id for o in kb.options_in("pod-networking") if o.id in models] if "pod-networking" in kb.categories else []
    )
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
        "sources": {
            sid: {"url": kb.sources[sid].url, "title": kb.sources[sid].title}
            for sid in sorted(
                set(FORMULA_SOURCES.values()) | {s for m in models.values() for s in m["sources"].values()}
            )
            if sid in kb.sources
        },
        "example": EXAMPLE_INPUTS,
    }
