"""The IPv6 half of a dual-stack plan: which IP family the plan is for, whether the pod networking
model supports dual-stack, the IPv6 pod and service CIDRs and VNet prefix, and the node subnet's
IPv6 /64. Every number comes from ``params`` (limits on the dual-stack option, the models'
``dual-stack`` cells). Mirrored in ``cores/ipplan.js`` (``readFamily``, ``readIpv6``...).

The sources give no per-node IPv6 block for Azure CNI Overlay (only the IPv4 /24), so no IPv6
arithmetic bounds the node count or max pods: the IPv4 pod CIDR stays the bound.
"""

from __future__ import annotations

from typing import Any

from .addresses import overlap, overlapping_pairs
from .inputs import Messages, clean, msg, words
from .ipv6 import first_free6, parse_cidr6


def read_family(params: dict[str, Any], inputs: dict[str, Any], errors: Messages) -> tuple[str, bool]:
    """The IP family option the plan is for (the default one when none is given) and whether it
    is dual-stack."""
    fid = clean(inputs.get("ip_family")) or params["default_family"] or ""
    family = params["families"].get(fid)
    if fid and family is None:
        known = ", ".join(params["family_order"])
        errors.append(msg("input", f"IP family: unknown option '{fid}' (choose one of: {known})"))
    return fid, bool(family and family["dual"])


def check_model(params: dict[str, Any], model: dict[str, Any], errors: Messages) -> None:
    """Dual-stack needs a pod networking model whose ``dual-stack`` cell says yes; the fix names
    the models that do and the single-stack families."""
    if model["dual_stack"] == "yes":
        return
    fix = [params["models"][o]["name"] for o in params["model_order"] if params["models"][o]["dual_stack"] == "yes"]
    single = [params["families"][f]["name"] for f in params["family_order"] if not params["families"][f]["dual"]]
    errors.append(
        msg(
            "ip-family",
            f"Dual-stack needs pod networking that supports it, and {model['name']}'s support is "
            f"'{model['dual_stack'] or 'unknown'}': choose "
            + " or ".join([f"{n} for pod networking" for n in fix] + [f"{n} as the IP family" for n in single]),
            "dual-stack",
        )
    )


def _one6(value: Any, label: str, errors: Messages) -> dict[str, Any] | None:
    found = words(value)
    if len(found) != 1:
        errors.append(msg("input", f"{label}: give exactly one IPv6 CIDR range"))
        return None
    rng, problem = parse_cidr6(found[0])
    if problem:
        errors.append(msg("input", f"{label}: {problem}"))
    return rng


def read_ipv6(inputs: dict[str, Any], errors: Messages) -> dict[str, Any]:
    """The IPv6 inputs: the VNet's IPv6 address space (one or more ranges), the in-use ranges
    written with a colon, the pod and service CIDRs (one range each)."""
    vnet6 = []
    for word in words(inputs.get("vnet6")):
        rng, problem = parse_cidr6(word)
        if problem:
            errors.append(msg("input", f"IPv6 VNet address space: {problem}"))
        else:
            vnet6.append(rng)
    if not words(inputs.get("vnet6")):
        errors.append(msg("input", "IPv6 VNet address space: give at least one IPv6 CIDR range"))
    in_use6 = []
    for word in (w for w in words(inputs.get("in_use")) if ":" in w):
        rng, problem = parse_cidr6(word)
        if problem:
            errors.append(msg("input", f"In-use ranges: {problem}"))
        else:
            in_use6.append(rng)
    pod6 = _one6(inputs.get("pod_cidr6"), "IPv6 pod CIDR", errors)
    service6 = _one6(inputs.get("service_cidr6"), "IPv6 service CIDR", errors)
    return {"vnet6": vnet6, "in_use6": in_use6, "pod6": pod6, "service6": service6}


def check_ipv6(params: dict[str, Any], given6: dict[str, Any], errors: Messages) -> None:
    """The IPv6 service CIDR's size, and no overlap between the IPv6 VNet, pod and service ranges."""
    vnet6, pod6, service6 = given6["vnet6"], given6["pod6"], given6["service6"]
    most = params["service6_min_prefix"]
    if service6["prefix"] < most:
        errors.append(
            msg(
                "service-cidr",
                f"IPv6 service CIDR {service6['cidr']} is too large: it can be no larger than /{most} "
                f"(a /{most} or longer prefix)",
                "ipv6-service-cidr",
            )
        )
    for a, b in overlapping_pairs(vnet6):
        errors.append(msg("overlap", f"IPv6 VNet address spaces {a['cidr']} and {b['cidr']} overlap"))
    for a, b in ((a, b) for a in vnet6 for b in given6["in_use6"] if overlap(a, b)):
        errors.append(msg("overlap", f"IPv6 VNet address space {a['cidr']} overlaps the in-use range {b['cidr']}"))
    named = [(f"IPv6 VNet address space {r['cidr']}", r) for r in vnet6]
    named += [(f"in-use range {r['cidr']}", r) for r in given6["in_use6"]]
    for label, rng in named + [(f"IPv6 service CIDR {service6['cidr']}", service6)]:
        if overlap(pod6, rng):
            errors.append(msg("overlap", f"IPv6 pod CIDR {pod6['cidr']} overlaps the {label}", "ipv6-pod-cidr"))
    for label, rng in named:
        if overlap(service6, rng):
            errors.append(
                msg("overlap", f"IPv6 service CIDR {service6['cidr']} overlaps the {label}", "ipv6-service-cidr")
            )


def lay_out6(params: dict[str, Any], given6: dict[str, Any], subnets: list[dict[str, Any]], errors: Messages) -> None:
    """The node subnet's IPv6 range: the first free /64 (Azure's only IPv6 subnet size) of the
    IPv6 VNet address space, clear of the pod and service ranges and the ranges in use. The other
    subnets stay IPv4."""
    prefix = params["subnet6_prefix"]
    virtual = [r for r in (given6["pod6"], given6["service6"]) if not any(overlap(r, v) for v in given6["vnet6"])]
    blocked = virtual + given6["in_use6"]
    for s in (s for s in subnets if s["id"] == "nodes"):
        for space in given6["vnet6"]:
            placed = first_free6(space, prefix, blocked)
            if placed is not None:
                s["cidr6"] = placed["cidr"]
                break
        if s["cidr6"] is None:
            text = f"The IPv6 VNet address space has no free /{prefix} left for the node subnet"
            errors.append(msg("no-room", text, "ipv6-subnet"))


def ranges6(params: dict[str, Any], given6: dict[str, Any]) -> list[dict[str, Any]]:
    """The IPv6 ranges outside the VNet, after the IPv4 ones (the order ``--pod-cidrs`` and
    ``--service-cidrs`` take them in)."""
    most = params["service6_min_prefix"]
    return [
        {
            "id": "pod-cidr-ipv6",
            "name": "IPv6 pod CIDR",
            "cidr": given6["pod6"]["cidr"],
            "blocks": None,
            "available": None,
            "prefix": None,
            "formula": "ipv6-pod-cidr",
            "work": "the second of --pod-cidrs; no per-node IPv6 block is documented, so the IPv4 pod CIDR bounds "
            "the nodes",
        },
        {
            "id": "service-cidr-ipv6",
            "name": "IPv6 service CIDR",
            "cidr": given6["service6"]["cidr"],
            "blocks": None,
            "available": None,
            "prefix": None,
            "formula": "ipv6-service-cidr",
            "work": f"a /{most} or smaller; outside the VNet; the DNS service IP stays IPv4",
        },
    ]
