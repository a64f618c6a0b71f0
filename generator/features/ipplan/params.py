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

# Where the planner reads each fact: (option id, limit id). Cells are read by dimension id.
NEEDS: dict[str, tuple[str, str]] = {
    "subnet_reserved": ("byo-vnet", "subnet-reserved-ips"),
    "service_max_prefix": ("byo-vnet", "service-cidr-max-prefix"),
    "apiserver_prefix": ("api-server-vnet-integration", "apiserver-subnet-min-prefix"),
    "apiserver_addresses": ("api-server-vnet-integration", "apiserver-subnet-reserved-ips"),
    "firewall_prefix": ("user-defined-routing", "firewall-subnet-prefix"),
    "agc_prefix": ("application-gateway-for-containers", "delegated-subnet-prefix"),
    "appgw_prefix": ("agic", "appgw-subnet-prefix"),
    "service6_min_prefix": ("dual-stack", "ipv6-service-cidr-min-prefix"),
    "subnet6_prefix": ("dual-stack", "ipv6-subnet-prefix"),
}
#: The IP family category: each option's ``families`` cell says whether it adds IPv6.
FAMILY_CATEGORY, FAMILY_CELL = "ip-family", "families"
#: The pod networking cell that says whether a model supports dual-stack (only ``yes`` plans it).
DUAL_STACK_CELL = "dual-stack"
#: The ranges no cluster range may use: a limit given as ranges.
RESERVED_RANGES = ("byo-vnet", "reserved-ranges")
MIN_PODS = "min-max-pods"  # optional per model: without it the floor is 1

#: Which formula (see ``FORMULA_SOURCES``) sizes the pod CIDR of a per-node-prefix model.
POD_CIDR_FORMULA = {"azure-cni-overlay": "overlay-pod-cidr", "kubenet": "kubenet-pod-cidr"}

# How each pod networking option consumes addresses, and the limits (by id) that formula reads.
MODEL_KINDS: dict[str, tuple[str, dict[str, str]]] = {
    "azure-cni-overlay": ("per-node-prefix", {"node_prefix": "pod-cidr-per-node-prefix"}),
    "kubenet": ("per-node-prefix", {"node_prefix": "pod-cidr-per-node-prefix"}),
    "azure-cni-node-subnet": ("flat", {}),
    "azure-cni-pod-subnet-dynamic": (
        "pod-subnet-batches",
        {"batch": "ip-batch-per-node", "largest_pod_subnet": "largest-pod-subnet-prefix"},
    ),
    "azure-cni-pod-subnet-static-block": (
        "pod-subnet-blocks",
        {
            "block": "block-size-per-node",
            "node_reserved": "node-reserved-ips",
            "largest_pod_subnet": "largest-pod-subnet-prefix",
        },
    ),
    "byo-cni": ("own-pod-cidr", {}),
}
MODEL_CELLS = {"max_nodes": "max-nodes", "max_pods": "max-pods-per-node"}
#: The extra subnets other choices need: (key, option that needs it, name, formula).
EXTRAS = (
    ("apiserver", "api-server-vnet-integration", "API server subnet", "apiserver-subnet"),
    ("firewall", "user-defined-routing", "AzureFirewallSubnet", "firewall-subnet"),
    ("agc", "application-gateway-for-containers", "Application Gateway for Containers subnet", "agc-subnet"),
    ("appgw", "agic", "Application Gateway subnet", "appgw-subnet"),
)
#: The extras whose size is a minimum (a larger subnet is fine); the others are exactly one size.
OR_LARGER = ("apiserver", "appgw")

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
    "appgw-subnet": "appgw-infrastructure",
    "service-cidr": "concepts-network-ip-address-planning",
    "dns-service-ip": "concepts-network-ip-address-planning",
    "reserved-ranges": "concepts-network-cni-overview",
    # The two limits below are read from each option's cells; results link the cell's own source.
    "max-pods": "concepts-network-ip-address-planning",
    "max-nodes": "best-practices-performance-scale-large",
    "dual-stack": "configure-dual-stack",  # a model's own dual-stack cell is cited first
    "ipv6-pod-cidr": "configure-dual-stack",
    "ipv6-service-cidr": "configure-dual-stack",
    "ipv6-subnet": "virtual-network-ipv6",
}

# --- parameters from the knowledge base ---------------------------------------------------------


def _limit(kb: KnowledgeBase, option_id: str, limit_id: str):
    opt = kb.options.get(option_id)
    return next((lim for lim in opt.limits if lim.id == limit_id), None) if opt else None


def limit_value(kb: KnowledgeBase, option_id: str, limit_id: str) -> int | None:
    lim = _limit(kb, option_id, limit_id)
    return lim.value if lim is not None and isinstance(lim.value, int) and not isinstance(lim.value, bool) else None


def limit_ranges(kb: KnowledgeBase, option_id: str, limit_id: str) -> list[str]:
    lim = _limit(kb, option_id, limit_id)
    return list(lim.ranges) if lim is not None else []


def cell_value(kb: KnowledgeBase, option_id: str, dim: str) -> int | None:
    cell = kb.options[option_id].cells.get(dim)
    value = cell.value if cell else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _cell_source(kb: KnowledgeBase, option_id: str, dim: str) -> str | None:
    cell = kb.options[option_id].cells.get(dim)
    return cell.sources[0] if cell and cell.sources else None


def _models(kb: KnowledgeBase) -> dict[str, Any]:
    """Each pod networking model whose numbers are all in the knowledge base."""
    models: dict[str, Any] = {}
    for oid, (kind, limits) in MODEL_KINDS.items():
        if oid not in kb.options:
            continue
        model: dict[str, Any] = {"name": kb.options[oid].name, "kind": kind}
        model.update({key: cell_value(kb, oid, dim) for key, dim in MODEL_CELLS.items()})
        model.update({key: limit_value(kb, oid, lid) for key, lid in limits.items()})
        if any(v is None for v in model.values()):
            continue
        model["min_pods"] = limit_value(kb, oid, MIN_PODS) or 1
        model["default_pods"] = cell_value(kb, oid, "default-max-pods")
        model["pod_cidr"] = kind in ("per-node-prefix", "own-pod-cidr")
        model["pod_cidr_formula"] = POD_CIDR_FORMULA.get(oid)
        cell = kb.options[oid].cells.get(DUAL_STACK_CELL)
        model["dual_stack"] = cell.level.value if cell is not None and cell.level is not None else None
        model["sources"] = {
            "max-nodes": _cell_source(kb, oid, "max-nodes"),
            "max-pods": _cell_source(kb, oid, "max-pods-per-node"),
            "dual-stack": _cell_source(kb, oid, DUAL_STACK_CELL),
        }
        models[oid] = model
    return models


def _families(kb: KnowledgeBase, numbers: dict[str, int | None]) -> dict[str, Any]:
    """The IP family options, whether each adds IPv6, and the default one. A dual-stack family is
    left out when the IPv6 limits it needs are missing (``checks`` says which)."""
    if FAMILY_CATEGORY not in kb.categories:
        return {"families": {}, "family_order": [], "default_family": None}
    complete = numbers["service6_min_prefix"] is not None and numbers["subnet6_prefix"] is not None
    families = {}
    for opt in kb.options_in(FAMILY_CATEGORY):
        cell = opt.cells.get(FAMILY_CELL)
        is_dual = cell is not None and "ipv6" in str(cell.value or "")
        if complete or not is_dual:
            families[opt.id] = {"name": opt.name, "dual": is_dual}
    order = list(families)
    default = next((o for o in order if "default" in kb.options[o].tags), order[0] if order else None)
    return {"families": families, "family_order": order, "default_family": default}


def _extras(numbers: dict[str, int | None]) -> list[dict[str, Any]]:
    """The extra subnets whose size the knowledge base gives (``OR_LARGER``: a minimum size)."""
    extras = []
    for key, oid, name, formula in EXTRAS:
        prefix = numbers.get(f"{key}_prefix")
        if prefix is not None:
            addresses = numbers.get("apiserver_addresses") if key == "apiserver" else None
            extras.append(
                {
                    "id": key,
                    "option": oid,
                    "name": name,
                    "prefix": prefix,
                    "formula": formula,
                    "or_larger": key in OR_LARGER,
                    "addresses": addresses,
                }
            )
    return extras


def planner_params(kb: KnowledgeBase) -> dict[str, Any]:
    """Everything ``plan`` needs from the KB, as JSON-ready data (also published for the pages).

    A model or an extra subnet whose numbers are missing is left out (``checks`` says why).
    """
    numbers = {key: limit_value(kb, oid, lid) for key, (oid, lid) in NEEDS.items()}
    models = _models(kb)
    extras = _extras(numbers)
    order = (
        [o.id for o in kb.options_in("pod-networking") if o.id in models] if "pod-networking" in kb.categories else []
    )
    default = next((o for o in order if "recommended" in kb.options[o].tags), order[0] if order else None)
    return {
        "subnet_reserved": numbers["subnet_reserved"] if numbers["subnet_reserved"] is not None else 5,
        "service_max_prefix": numbers["service_max_prefix"] if numbers["service_max_prefix"] is not None else 12,
        "reserved_ranges": limit_ranges(kb, *RESERVED_RANGES),
        "input_max": INPUT_MAX,
        "models": models,
        "model_order": order,
        "default_model": default,
        "extras": extras,
        **_families(kb, numbers),
        "service6_min_prefix": numbers["service6_min_prefix"],
        "subnet6_prefix": numbers["subnet6_prefix"],
        "formulas": {fid: sid for fid, sid in FORMULA_SOURCES.items()},
        "sources": {
            sid: {"url": kb.sources[sid].url, "title": kb.sources[sid].title}
            for sid in sorted(
                set(FORMULA_SOURCES.values()) | {s for m in models.values() for s in m["sources"].values()}
            )
            if sid in kb.sources
        },
        "example": EXAMPLE_INPUTS,  # the IPv6 values are used by dual-stack plans only
    }
