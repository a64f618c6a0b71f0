"""The IP planner's calculation: how many addresses each subnet and range of an AKS cluster
needs, which prefix holds them, and where they fit in the VNet.

This module is the REFERENCE implementation. ``docs/assets/js/cores/ipplan.js`` is a port for
the pages, step for step (``readInputs`` is ``read_inputs`` and so on); a Node test runs both
over a grid of inputs and requires the same JSON. Keep the two in step: same checks, same
order, same messages.

``plan(params, inputs)`` is a pure function. ``params`` holds every number the rules need; it
is read from the knowledge base by ``params.planner_params`` and published for the pages as
``api/ipplan.json``, so no fact is written twice.
"""

from __future__ import annotations

from typing import Any

from . import dual
from .addresses import blocks_per_node, fmt, ip_str, make_range, overlap, overlapping_pairs, parse_cidr
from .inputs import Messages, clean, empty, msg, read_inputs
from .sizes import size_ranges, size_subnets

#: Inputs are capped so that every product stays an exact integer in JavaScript too.
INPUT_MAX = 1_000_000

#: Example values for a first plan (the page and the CLI start from them).
EXAMPLE_INPUTS: dict[str, Any] = {
    "pools": [{"nodes": 3, "surge": 1, "max_pods": None}],
    "vnet": ["10.224.0.0/16"],
    "pod_cidr": "10.244.0.0/16",
    "service_cidr": "10.0.0.0/16",
    "dns_ip": "10.0.0.10",
    "in_use": [],
    # Dual-stack only: a private (ULA) VNet prefix of our choosing, and AKS's own IPv6 defaults.
    "vnet6": ["fd10:224::/48"],
    "pod_cidr6": "fd12:3456:789a::/64",
    "service_cidr6": "fd12:3456:789a:1::/108",
}


def source_of(params: dict[str, Any], model_id: str, formula: str | None) -> str | None:
    """The source id behind a formula or check; model limits cite the option's own cell."""
    model = params["models"].get(model_id)
    if model and formula in model["sources"] and model["sources"][formula]:
        return model["sources"][formula]
    return params["formulas"].get(formula or "")


# --- checks ---------------------------------------------------------------------------------------


def check_ranges(params: dict[str, Any], model: dict[str, Any], given: dict[str, Any], errors: Messages) -> None:
    """Step 2: reserved ranges, and overlaps between the ranges the user gave."""
    vnet, in_use, pod, service = given["vnet"], given["in_use"], given["pod"], given["service"]
    named = [(f"VNet address space {r['cidr']}", r) for r in vnet]
    if pod:
        named.append((f"Pod CIDR {pod['cidr']}", pod))
    named.append((f"Service CIDR {service['cidr']}", service))
    for label, rng in named:
        for text in params["reserved_ranges"]:
            if overlap(rng, parse_cidr(text)[0]):
                errors.append(
                    msg(
                        "reserved-range",
                        f"{label} overlaps {text}, which AKS reserves; no cluster range may use it",
                        "reserved-ranges",
                    )
                )
    for a, b in overlapping_pairs(vnet):
        errors.append(msg("overlap", f"VNet address spaces {a['cidr']} and {b['cidr']} overlap"))
    for a in vnet:
        for b in in_use:
            if overlap(a, b):
                errors.append(msg("overlap", f"VNet address space {a['cidr']} overlaps the in-use range {b['cidr']}"))
    others = [(f"VNet address space {r['cidr']}", r) for r in vnet] + [(f"in-use range {r['cidr']}", r) for r in in_use]
    if pod:
        for label, rng in others + [(f"service CIDR {service['cidr']}", service)]:
            if overlap(pod, rng):
                errors.append(msg("overlap", f"Pod CIDR {pod['cidr']} overlaps the {label}", model["pod_cidr_formula"]))
    for label, rng in others:
        if overlap(service, rng):
            errors.append(msg("overlap", f"Service CIDR {service['cidr']} overlaps the {label}", "service-cidr"))


def check_service(params: dict[str, Any], given: dict[str, Any], errors: Messages) -> None:
    """Step 3: the service CIDR's size, and the DNS service IP inside it."""
    service, dns, most = given["service"], given["dns"], params["service_max_prefix"]
    if service["prefix"] <= most:
        errors.append(
            msg(
                "service-cidr",
                f"Service CIDR {service['cidr']} is too large: it must be smaller than /{most} (a /{most + 1} or "
                "longer prefix)",
                "service-cidr",
            )
        )
    if not service["start"] <= dns <= service["end"]:
        errors.append(
            msg(
                "dns-service-ip",
                f"DNS service IP {ip_str(dns)} is outside the service CIDR {service['cidr']}",
                "dns-service-ip",
            )
        )
    elif dns == service["start"]:
        errors.append(
            msg(
                "dns-service-ip",
                f"DNS service IP {ip_str(dns)} is the first address of the service CIDR, which the kubernetes service "
                f"takes; pick another address in {service['cidr']}",
                "dns-service-ip",
            )
        )


def check_node_limit(model: dict[str, Any], given: dict[str, Any], errors: Messages, warnings: Messages) -> None:
    """Step 4: the model's node limit (surge nodes exist during upgrades: a warning)."""
    nodes, total, name = given["nodes"], given["total"], model["name"]
    if nodes > model["max_nodes"]:
        errors.append(
            msg(
                "max-nodes",
                f"{name} supports at most {fmt(model['max_nodes'])} nodes; the node pools have {fmt(nodes)}",
                "max-nodes",
            )
        )
    elif total > model["max_nodes"]:
        warnings.append(
            msg(
                "max-nodes",
                f"With surge the node pools reach {fmt(total)} nodes during upgrades, above the "
                f"{fmt(model['max_nodes'])} that {name} supports",
                "max-nodes",
            )
        )


# --- layout and advice ----------------------------------------------------------------------------


def lay_out(params: dict[str, Any], given: dict[str, Any], subnets: list[dict[str, Any]], errors: Messages) -> None:
    """Step 6: largest subnet first, each aligned on its size, avoiding every other range. A service
    or pod range that overlaps the VNet is already an error (step 2) and is no network in the VNet:
    the subnets are laid out as if it were moved, so that it does not also fill the VNet and raise
    a second, false error that no subnet fits."""
    virtual = [r for r in (given["service"], given["pod"]) if r and not any(overlap(r, v) for v in given["vnet"])]
    blocked = [parse_cidr(t)[0] for t in params["reserved_ranges"]] + virtual + given["in_use"]
    for s in sorted(subnets, key=lambda s: s["prefix"]):  # sorted() is stable: ties keep list order
        size = 2 ** (32 - s["prefix"])
        for space in given["vnet"]:
            cand = -(-space["start"] // size) * size
            placed = None
            while placed is None and cand + size - 1 <= space["end"]:
                trial = make_range(cand, s["prefix"])
                hit = next((b for b in blocked if overlap(trial, b)), None)
                if hit is None:
                    placed = trial
                else:
                    cand = -(-(hit["end"] + 1) // size) * size
            if placed is not None:
                s["cidr"] = placed["cidr"]
                blocked.append(placed)
                break
        if s["cidr"] is None:
            errors.append(
                msg(
                    "no-room",
                    f"The VNet address space has no free /{s['prefix']} left for the {s['name'].lower()}",
                    s["formula"],
                )
            )


def advise(model: dict[str, Any], given: dict[str, Any], warnings: Messages) -> None:
    """Step 7: advice that does not block the plan (static blocks left half empty)."""
    if model["kind"] != "pod-subnet-blocks":
        return
    for i, p in enumerate(given["pools"]):
        blocks = blocks_per_node(model, p["max_pods"])
        spare = blocks * model["block"] - model["node_reserved"] - p["max_pods"]
        if spare:
            best = blocks * model["block"] - model["node_reserved"]
            warnings.append(
                msg(
                    "block-waste",
                    f"Node pool {i + 1}: max pods {p['max_pods']} takes {blocks} blocks of {model['block']} per node "
                    f"and leaves {spare} {'address' if spare == 1 else 'addresses'} unused; max pods {best} uses the "
                    "same blocks",
                    "static-pod-subnet",
                )
            )


def plan(params: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    """The address plan for ``inputs`` (see ``EXAMPLE_INPUTS`` and the ``model``/``ip_family``/
    ``*_subnet`` keys); a dual-stack family adds the IPv6 steps of ``dual``."""
    model_id = clean(inputs.get("model"))
    model = params["models"].get(model_id)
    if model is None:
        known = ", ".join(params["model_order"])
        return empty(model_id, [msg("input", f"Pod networking: unknown model '{model_id}' (choose one of: {known})")])
    errors: Messages = []
    warnings: Messages = []
    family, is_dual = dual.read_family(params, inputs, errors)
    given = read_inputs(params, model, inputs, errors, is_dual)
    given6 = dual.read_ipv6(inputs, errors) if is_dual else None
    if is_dual:
        dual.check_model(params, model, errors)
    if errors:
        return empty(model_id, errors, family)
    check_ranges(params, model, given, errors)
    check_service(params, given, errors)
    if given6:
        dual.check_ipv6(params, given6, errors)
    check_node_limit(model, given, errors, warnings)
    subnets = size_subnets(params, model_id, model, given, inputs, errors)
    ranges = size_ranges(params, model, given, errors)
    lay_out(params, given, subnets, errors)
    if given6:
        dual.lay_out6(params, given6, subnets, errors)
        ranges += dual.ranges6(params, given6)
    advise(model, given, warnings)
    return {
        "model": model_id,
        "family": family,
        "ok": not errors,
        "errors": errors,
        "warnings": warnings,
        "nodes": given["nodes"],
        "surge": given["surge"],
        "subnets": subnets,
        "ranges": ranges,
        "vnet": [r["cidr"] for r in given["vnet"]],
        "vnet6": [r["cidr"] for r in given6["vnet6"]] if given6 else [],
    }
