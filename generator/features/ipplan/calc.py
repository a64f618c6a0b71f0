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

import re
from typing import Any

from .addresses import (
    bits_for,
    blocks_per_node,
    fmt,
    ip_str,
    make_range,
    nodes_in_prefix,
    overlap,
    parse_cidr,
    parse_ip,
    pod_ips_per_node,
    smallest_prefix,
)

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
}

Messages = list[dict[str, Any]]


def source_of(params: dict[str, Any], model_id: str, formula: str | None) -> str | None:
    """The source id behind a formula or check; model limits cite the option's own cell."""
    model = params["models"].get(model_id)
    if model and formula in model["sources"] and model["sources"][formula]:
        return model["sources"][formula]
    return params["formulas"].get(formula or "")


# --- inputs ---------------------------------------------------------------------------------------


# ASCII whitespace only, spelled out: Python's str.strip() and JavaScript's trim() disagree on a
# few control characters, and the two implementations must read the same inputs the same way.
_WS_EDGES = re.compile(r"^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$")
_WS_SPLIT = re.compile(r"[ \t\n\r\f\v,]+")


def _text(value: Any) -> str:
    return "" if value is None else _WS_EDGES.sub("", str(value))


def _words(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        out.extend(w for w in _WS_SPLIT.split(_text(item)) if w)
    return out


def _msg(code: str, message: str, formula: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "formula": formula}


def _whole(raw: Any, label: str, lo: int, hi: int, errors: Messages, what: str) -> int | None:
    text = _text(raw)
    if not re.fullmatch(r"[0-9]+", text) or int(text) < lo or int(text) > hi:
        errors.append(
            _msg("input", f"{label}: {what} must be a whole number from {fmt(lo)} to {fmt(hi)} (got '{text}')")
        )
        return None
    return int(text)


def _empty(model_id: str, errors: Messages) -> dict[str, Any]:
    return {
        "model": model_id,
        "ok": False,
        "errors": errors,
        "warnings": [],
        "nodes": 0,
        "surge": 0,
        "subnets": [],
        "ranges": [],
        "vnet": [],
    }


def _read_pools(
    params: dict[str, Any], model: dict[str, Any], raw_pools: list[Any], errors: Messages
) -> list[dict[str, int]]:
    pools = []
    if not raw_pools:
        errors.append(_msg("input", "Node pools: add at least one node pool"))
    for i, raw in enumerate(raw_pools):
        label = f"Node pool {i + 1}"
        nodes = _whole(raw.get("nodes"), label, 0, params["input_max"], errors, "nodes")
        surge = _whole(raw.get("surge"), label, 0, params["input_max"], errors, "max surge")
        pods_text = _text(raw.get("max_pods"))
        pods = None
        if (
            not re.fullmatch(r"[0-9]+", pods_text)
            or int(pods_text) < model["min_pods"]
            or int(pods_text) > model["max_pods"]
        ):
            errors.append(
                _msg(
                    "input",
                    f"{label}: max pods must be a whole number from {fmt(model['min_pods'])} to {fmt(model['max_pods'])} with {model['name']} (got '{pods_text}')",
                    "max-pods",
                )
            )
        else:
            pods = int(pods_text)
        if nodes is not None and surge is not None and pods is not None:
            pools.append({"nodes": nodes, "surge": surge, "max_pods": pods, "total": nodes + surge})
    if raw_pools and len(pools) == len(raw_pools) and sum(p["nodes"] for p in pools) == 0:
        errors.append(_msg("input", "Node pools: the cluster needs at least one node"))
    return pools


def _cidrs(value: Any, label: str, errors: Messages) -> list[dict[str, Any]]:
    out = []
    for word in _words(value):
        rng, problem = parse_cidr(word)
        if problem:
            errors.append(_msg("input", f"{label}: {problem}"))
        else:
            out.append(rng)
    return out


def _one_cidr(value: Any, label: str, missing: str, errors: Messages) -> dict[str, Any] | None:
    words = _words(value)
    if len(words) != 1:
        errors.append(_msg("input", f"{label}: {missing}"))
        return None
    found = _cidrs(words, label, errors)
    return found[0] if found else None


def read_inputs(
    params: dict[str, Any], model: dict[str, Any], inputs: dict[str, Any], errors: Messages
) -> dict[str, Any]:
    """Step 1: every input read, every problem reported at once (numbers from bad inputs would
    mislead, so the plan stops when there is one)."""
    pools = _read_pools(params, model, inputs.get("pools") or [], errors)
    vnet = _cidrs(inputs.get("vnet"), "VNet address space", errors)
    if not _words(inputs.get("vnet")):
        errors.append(_msg("input", "VNet address space: give at least one CIDR range"))
    in_use = _cidrs(inputs.get("in_use"), "In-use ranges", errors)
    service = _one_cidr(inputs.get("service_cidr"), "Service CIDR", "give exactly one CIDR range", errors)
    dns_text = _text(inputs.get("dns_ip"))
    dns = parse_ip(dns_text)
    if dns is None:
        errors.append(_msg("input", f"DNS service IP: '{dns_text}' is not an IPv4 address such as 10.0.0.10"))
    pod = None
    if model["pod_cidr"]:
        pod = _one_cidr(inputs.get("pod_cidr"), "Pod CIDR", f"{model['name']} needs exactly one pod CIDR range", errors)
    nodes = sum(p["nodes"] for p in pools)
    surge = sum(p["surge"] for p in pools)
    return {
        "pools": pools,
        "vnet": vnet,
        "in_use": in_use,
        "service": service,
        "dns": dns,
        "pod": pod,
        "nodes": nodes,
        "surge": surge,
        "total": nodes + surge,
    }


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
                    _msg(
                        "reserved-range",
                        f"{label} overlaps {text}, which AKS reserves; no cluster range may use it",
                        "reserved-ranges",
                    )
                )
    for i, a in enumerate(vnet):
        for b in vnet[i + 1 :]:
            if overlap(a, b):
                errors.append(_msg("overlap", f"VNet address spaces {a['cidr']} and {b['cidr']} overlap"))
    for a in vnet:
        for b in in_use:
            if overlap(a, b):
                errors.append(_msg("overlap", f"VNet address space {a['cidr']} overlaps the in-use range {b['cidr']}"))
    others = [(f"VNet address space {r['cidr']}", r) for r in vnet] + [(f"in-use range {r['cidr']}", r) for r in in_use]
    if pod:
        for label, rng in others + [(f"service CIDR {service['cidr']}", service)]:
            if overlap(pod, rng):
                errors.append(
                    _msg("overlap", f"Pod CIDR {pod['cidr']} overlaps the {label}", model["pod_cidr_formula"])
                )
    for label, rng in others:
        if overlap(service, rng):
            errors.append(_msg("overlap", f"Service CIDR {service['cidr']} overlaps the {label}", "service-cidr"))


def check_service(params: dict[str, Any], given: dict[str, Any], errors: Messages) -> None:
    """Step 3: the service CIDR's size, and the DNS service IP inside it."""
    service, dns, most = given["service"], given["dns"], params["service_max_prefix"]
    if service["prefix"] <= most:
        errors.append(
            _msg(
                "service-cidr",
                f"Service CIDR {service['cidr']} is too large: it must be smaller than /{most} (a /{most + 1} or longer prefix)",
                "service-cidr",
            )
        )
    if not service["start"] <= dns <= service["end"]:
        errors.append(
            _msg(
                "dns-service-ip",
                f"DNS service IP {ip_str(dns)} is outside the service CIDR {service['cidr']}",
                "dns-service-ip",
            )
        )
    elif dns == service["start"]:
        errors.append(
            _msg(
                "dns-service-ip",
                f"DNS service IP {ip_str(dns)} is the first address of the service CIDR, which the kubernetes service takes; pick another address in {service['cidr']}",
                "dns-service-ip",
            )
        )


def check_node_limit(model: dict[str, Any], given: dict[str, Any], errors: Messages, warnings: Messages) -> None:
    """Step 4: the model's node limit (surge nodes exist during upgrades: a warning)."""
    nodes, total, name = given["nodes"], given["total"], model["name"]
    if nodes > model["max_nodes"]:
        errors.append(
            _msg(
                "max-nodes",
                f"{name} supports at most {fmt(model['max_nodes'])} nodes; the node pools have {fmt(nodes)}",
                "max-nodes",
            )
        )
    elif total > model["max_nodes"]:
        warnings.append(
            _msg(
                "max-nodes",
                f"With surge the node pools reach {fmt(total)} nodes during upgrades, above the {fmt(model['max_nodes'])} that {name} supports",
                "max-nodes",
            )
        )


# --- sizes ----------------------------------------------------------------------------------------


def _needed_subnets(
    params: dict[str, Any], model: dict[str, Any], given: dict[str, Any], inputs: dict[str, Any]
) -> list[dict[str, Any]]:
    """The subnets the plan needs, with the addresses each holds and how that was worked out."""
    pools, total = given["pools"], given["total"]
    per_pool = [f"({p['nodes']} + {p['surge']})" for p in pools]
    kind = model["kind"]
    subnets: list[dict[str, Any]] = []
    if kind == "flat":
        need = sum(p["total"] + p["total"] * p["max_pods"] for p in pools)
        work = " + ".join(f"{t} + {t} × {p['max_pods']}" for t, p in zip(per_pool, pools)) + f" = {fmt(need)}"
        subnets.append(
            {
                "id": "nodes",
                "name": "Node subnet (nodes and pods)",
                "addresses": need,
                "formula": "node-subnet-flat",
                "work": work,
            }
        )
    else:
        work = " + ".join(per_pool) + f" = {fmt(total)}"
        subnets.append(
            {"id": "nodes", "name": "Node subnet", "addresses": total, "formula": "node-subnet", "work": work}
        )
    if kind in ("pod-subnet-batches", "pod-subnet-blocks"):
        need = sum(p["total"] * pod_ips_per_node(model, p["max_pods"]) for p in pools)
        if kind == "pod-subnet-blocks":
            step, formula = model["block"], "static-pod-subnet"
            terms = [
                f"{t} × ⌈({p['max_pods']} + {model['node_reserved']}) ÷ {step}⌉ × {step}"
                for t, p in zip(per_pool, pools)
            ]
        else:
            step, formula = model["batch"], "dynamic-pod-subnet"
            terms = [f"{t} × ⌈{p['max_pods']} ÷ {step}⌉ × {step}" for t, p in zip(per_pool, pools)]
        subnets.append(
            {
                "id": "pods",
                "name": "Pod subnet",
                "addresses": need,
                "formula": formula,
                "work": " + ".join(terms) + f" = {fmt(need)}",
            }
        )
    for extra in params["extras"]:
        if inputs.get(f"{extra['id']}_subnet"):
            at_least = f"at least {fmt(extra['addresses'])} addresses; " if extra["addresses"] else ""
            subnets.append(
                {
                    "id": extra["id"],
                    "name": extra["name"],
                    "addresses": extra["addresses"],
                    "fixed": extra["prefix"],
                    "or_larger": extra["or_larger"],
                    "formula": extra["formula"],
                    "work": at_least + f"a /{extra['prefix']}" + (" or larger" if extra["or_larger"] else ""),
                }
            )
    return subnets


def size_subnets(
    params: dict[str, Any],
    model_id: str,
    model: dict[str, Any],
    given: dict[str, Any],
    inputs: dict[str, Any],
    errors: Messages,
) -> list[dict[str, Any]]:
    """Step 5a: each subnet's prefix, usable addresses and how many nodes it fits."""
    reserved, pools = params["subnet_reserved"], given["pools"]
    top_pods = max(p["max_pods"] for p in pools)
    subnets = _needed_subnets(params, model, given, inputs)
    for s in subnets:
        fixed, or_larger = s.pop("fixed", None), s.pop("or_larger", False)
        prefix = smallest_prefix(s["addresses"], reserved) if s["addresses"] is not None else fixed
        if fixed is not None and prefix is not None:
            prefix = min(prefix, fixed) if or_larger else fixed
        if prefix is None:
            errors.append(
                _msg(
                    "too-large",
                    f"The {s['name'].lower()} needs {fmt(s['addresses'])} addresses, more than any IPv4 subnet holds",
                    s["formula"],
                )
            )
            prefix = 0
        s["prefix"] = prefix
        s["usable"] = max(0, 2 ** (32 - prefix) - reserved)
        s["cidr"] = None
        if s["id"] == "nodes":
            s["fits_nodes"] = nodes_in_prefix(params, model_id, prefix, top_pods)
        elif s["id"] == "pods":
            s["fits_nodes"] = s["usable"] // max(pod_ips_per_node(model, p["max_pods"]) for p in pools)
        else:
            s["fits_nodes"] = None
        if s["id"] == "pods" and prefix < model["largest_pod_subnet"]:
            errors.append(
                _msg(
                    "pod-subnet-size",
                    f"The pod subnet needs a /{prefix}, larger than the /{model['largest_pod_subnet']} that {model['name']} allows",
                    s["formula"],
                )
            )
    return subnets


def size_ranges(
    params: dict[str, Any], model: dict[str, Any], given: dict[str, Any], errors: Messages
) -> list[dict[str, Any]]:
    """Step 5b: the ranges outside the VNet: pod CIDR (and whether it holds a block per node),
    service CIDR and DNS service IP."""
    pod, service, total = given["pod"], given["service"], given["total"]
    per_pool = [f"({p['nodes']} + {p['surge']})" for p in given["pools"]]
    ranges: list[dict[str, Any]] = []
    if model["kind"] == "per-node-prefix" and pod:
        np, formula = model["node_prefix"], model["pod_cidr_formula"]
        available = 2 ** (np - pod["prefix"]) if pod["prefix"] <= np else 0
        needed = np - bits_for(total)
        ranges.append(
            {
                "id": "pod-cidr",
                "name": "Pod CIDR",
                "cidr": pod["cidr"],
                "blocks": total,
                "available": available,
                "prefix": needed,
                "formula": formula,
                "work": " + ".join(per_pool) + f" = {fmt(total)} blocks of /{np} → a /{needed} or larger",
            }
        )
        if available < total:
            errors.append(
                _msg(
                    "pod-cidr-size",
                    f"Pod CIDR {pod['cidr']} holds {fmt(available)} blocks of /{np}, one per node, but the node pools need {fmt(total)} with surge: use a /{needed} or larger",
                    formula,
                )
            )
    elif pod:
        ranges.append(
            {
                "id": "pod-cidr",
                "name": "Pod CIDR",
                "cidr": pod["cidr"],
                "blocks": None,
                "available": None,
                "prefix": None,
                "formula": None,
                "work": "your CNI plugin assigns pod addresses from this range",
            }
        )
    ranges.append(
        {
            "id": "service-cidr",
            "name": "Service CIDR",
            "cidr": service["cidr"],
            "blocks": None,
            "available": service["size"],
            "prefix": None,
            "formula": "service-cidr",
            "work": f"smaller than /{params['service_max_prefix']}; outside the VNet and every connected network",
        }
    )
    ranges.append(
        {
            "id": "dns-service-ip",
            "name": "DNS service IP",
            "cidr": ip_str(given["dns"]),
            "blocks": None,
            "available": None,
            "prefix": None,
            "formula": "dns-service-ip",
            "work": "inside the service CIDR, not its first address",
        }
    )
    return ranges


# --- layout and advice ----------------------------------------------------------------------------


def lay_out(params: dict[str, Any], given: dict[str, Any], subnets: list[dict[str, Any]], errors: Messages) -> None:
    """Step 6: largest subnet first, each aligned on its size, avoiding every other range."""
    pod = given["pod"]
    blocked = (
        [parse_cidr(t)[0] for t in params["reserved_ranges"]]
        + [given["service"]]
        + ([pod] if pod else [])
        + given["in_use"]
    )
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
                _msg(
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
                _msg(
                    "block-waste",
                    f"Node pool {i + 1}: max pods {p['max_pods']} takes {blocks} blocks of {model['block']} per node and leaves {spare} {'address' if spare == 1 else 'addresses'} unused; max pods {best} uses the same blocks",
                    "static-pod-subnet",
                )
            )


def plan(params: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    """The address plan for ``inputs`` (see ``EXAMPLE_INPUTS`` and the ``model``/``*_subnet`` keys)."""
    model_id = _text(inputs.get("model"))
    model = params["models"].get(model_id)
    if model is None:
        known = ", ".join(params["model_order"])
        return _empty(model_id, [_msg("input", f"Pod networking: unknown model '{model_id}' (choose one of: {known})")])
    errors: Messages = []
    warnings: Messages = []
    given = read_inputs(params, model, inputs, errors)
    if errors:
        return _empty(model_id, errors)
    check_ranges(params, model, given, errors)
    check_service(params, given, errors)
    check_node_limit(model, given, errors, warnings)
    subnets = size_subnets(params, model_id, model, given, inputs, errors)
    ranges = size_ranges(params, model, given, errors)
    lay_out(params, given, subnets, errors)
    advise(model, given, warnings)
    return {
        "model": model_id,
        "ok": not errors,
        "errors": errors,
        "warnings": warnings,
        "nodes": given["nodes"],
        "surge": given["surge"],
        "subnets": subnets,
        "ranges": ranges,
        "vnet": [r["cidr"] for r in given["vnet"]],
    }
