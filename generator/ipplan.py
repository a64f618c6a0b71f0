"""The IP planner's calculation: how many addresses each subnet and range of an AKS cluster
needs, which prefix holds them, and where they fit in the VNet.

This module is the REFERENCE implementation. ``docs/assets/js/ipplan.js`` is a line-by-line
port for the pages; ``tests/test_ipplan.py`` runs both over a grid of inputs and requires the
same JSON. Keep the two in step: same checks, same order, same messages.

``plan(params, inputs)`` is a pure function. ``params`` holds every number the rules need; it
is read from the knowledge base by ``ipplan_params.planner_params`` and published for the pages
as ``api/ipplan.json``, so no fact is written twice.
"""

from __future__ import annotations

import re
from typing import Any

#: Which formula (see ``ipplan_params.FORMULA_SOURCES``) sizes the pod CIDR of a per-node-prefix model.
POD_CIDR_FORMULA = {"azure-cni-overlay": "overlay-pod-cidr", "kubenet": "kubenet-pod-cidr"}

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


def source_of(params: dict[str, Any], model_id: str, formula: str | None) -> str | None:
    """The source id behind a formula or check; model limits cite the option's own cell."""
    model = params["models"].get(model_id)
    if model and formula in model["sources"] and model["sources"][formula]:
        return model["sources"][formula]
    return params["formulas"].get(formula or "")


# --- addresses ----------------------------------------------------------------------------------

_IP = re.compile(r"^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$")


def fmt(n: int) -> str:
    """1581 -> '1,581' (the same in ipplan.js; no locale)."""
    s = str(n)
    out = ""
    while len(s) > 3:
        out = "," + s[-3:] + out
        s = s[:-3]
    return s + out


def parse_ip(text: str) -> int | None:
    m = _IP.fullmatch(text)
    if not m:
        return None
    parts = [int(g) for g in m.groups()]
    if any(p > 255 for p in parts):
        return None
    return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3]


def ip_str(n: int) -> str:
    return f"{n // 16777216 % 256}.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def parse_cidr(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """A range ``{"cidr", "start", "prefix", "size", "end"}`` or an error message."""
    head, sep, tail = text.partition("/")
    start = parse_ip(head)
    if not sep or start is None or not re.fullmatch(r"0|[1-9][0-9]?", tail) or int(tail) > 32:
        return None, f"'{text}' is not an IPv4 CIDR range such as 10.0.0.0/16"
    prefix = int(tail)
    size = 2 ** (32 - prefix)
    if start % size != 0:
        return None, f"'{text}' has host bits set: the range starts at {ip_str(start - start % size)}/{prefix}"
    return _range(start, prefix), None


def _range(start: int, prefix: int) -> dict[str, Any]:
    size = 2 ** (32 - prefix)
    return {"cidr": f"{ip_str(start)}/{prefix}", "start": start, "prefix": prefix, "size": size, "end": start + size - 1}


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] <= b["end"] and b["start"] <= a["end"]


def smallest_prefix(addresses: int, reserved: int) -> int | None:
    """The longest prefix whose subnet still holds ``addresses`` after Azure's reserved ones."""
    prefix = 32
    while 2 ** (32 - prefix) - reserved < addresses:
        prefix -= 1
        if prefix < 0:
            return None
    return prefix


def bits_for(count: int) -> int:
    """How many bits it takes to number ``count`` blocks: ceil(log2(count)), 0 for one block."""
    bits = 0
    while 2 ** bits < count:
        bits += 1
    return bits


def nodes_in_prefix(params: dict[str, Any], model_id: str, prefix: int, max_pods: int) -> int:
    """How many nodes (surge included) a node subnet of ``prefix`` holds for a model."""
    usable = max(0, 2 ** (32 - prefix) - params["subnet_reserved"])
    if params["models"][model_id]["kind"] == "flat":
        return usable // (1 + max_pods)
    return usable


def blocks_per_node(model: dict[str, Any], max_pods: int) -> int:
    """Static block allocation: /28 blocks a node takes, one address being kept for the node."""
    return -(-(max_pods + model["node_reserved"]) // model["block"])


def pod_ips_per_node(model: dict[str, Any], max_pods: int) -> int:
    """Pod subnet addresses one full node holds (dynamic batches or static blocks)."""
    if model["kind"] == "pod-subnet-blocks":
        return blocks_per_node(model, max_pods) * model["block"]
    return max(1, -(-max_pods // model["batch"])) * model["batch"]


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


def _whole(raw: Any, label: str, lo: int, hi: int, errors: list[dict[str, Any]], what: str) -> int | None:
    text = _text(raw)
    if not re.fullmatch(r"[0-9]+", text) or int(text) < lo or int(text) > hi:
        errors.append(_msg("input", f"{label}: {what} must be a whole number from {fmt(lo)} to {fmt(hi)} (got '{text}')"))
        return None
    return int(text)


def _msg(code: str, message: str, formula: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "formula": formula}


def _empty(model_id: str, errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"model": model_id, "ok": False, "errors": errors, "warnings": [], "nodes": 0, "surge": 0,
            "subnets": [], "ranges": [], "vnet": []}


# --- the plan -------------------------------------------------------------------------------------


def plan(params: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    """The address plan for ``inputs`` (see ``EXAMPLE_INPUTS`` and the ``model``/``*_subnet`` keys)."""
    errors: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    model_id = _text(inputs.get("model"))
    model = params["models"].get(model_id)
    if model is None:
        known = ", ".join(params["model_order"])
        return _empty(model_id, [_msg("input", f"Pod networking: unknown model '{model_id}' (choose one of: {known})")])
    name = model["name"]
    reserved = params["subnet_reserved"]

    # 1. Inputs: every problem at once, then stop (numbers from bad inputs would mislead).
    pools = []
    raw_pools = inputs.get("pools") or []
    if not raw_pools:
        errors.append(_msg("input", "Node pools: add at least one node pool"))
    for i, raw in enumerate(raw_pools):
        label = f"Node pool {i + 1}"
        nodes = _whole(raw.get("nodes"), label, 0, params["input_max"], errors, "nodes")
        surge = _whole(raw.get("surge"), label, 0, params["input_max"], errors, "max surge")
        pods_text = _text(raw.get("max_pods"))
        pods = None
        if not re.fullmatch(r"[0-9]+", pods_text) or int(pods_text) < model["min_pods"] or int(pods_text) > model["max_pods"]:
            errors.append(_msg("input", f"{label}: max pods must be a whole number from {fmt(model['min_pods'])} to {fmt(model['max_pods'])} with {name} (got '{pods_text}')", "max-pods"))
        else:
            pods = int(pods_text)
        if nodes is not None and surge is not None and pods is not None:
            pools.append({"nodes": nodes, "surge": surge, "max_pods": pods, "total": nodes + surge})
    if raw_pools and len(pools) == len(raw_pools) and sum(p["nodes"] for p in pools) == 0:
        errors.append(_msg("input", "Node pools: the cluster needs at least one node"))

    def cidrs(value: Any, label: str) -> list[dict[str, Any]]:
        out = []
        for word in _words(value):
            rng, problem = parse_cidr(word)
            if problem:
                errors.append(_msg("input", f"{label}: {problem}"))
            else:
                out.append(rng)
        return out

    vnet = cidrs(inputs.get("vnet"), "VNet address space")
    if not _words(inputs.get("vnet")):
        errors.append(_msg("input", "VNet address space: give at least one CIDR range"))
    in_use = cidrs(inputs.get("in_use"), "In-use ranges")
    service = None
    service_words = _words(inputs.get("service_cidr"))
    if len(service_words) != 1:
        errors.append(_msg("input", "Service CIDR: give exactly one CIDR range"))
    else:
        found = cidrs(service_words, "Service CIDR")
        service = found[0] if found else None
    dns_text = _text(inputs.get("dns_ip"))
    dns = parse_ip(dns_text)
    if dns is None:
        errors.append(_msg("input", f"DNS service IP: '{dns_text}' is not an IPv4 address such as 10.0.0.10"))
    pod = None
    if model["pod_cidr"]:
        pod_words = _words(inputs.get("pod_cidr"))
        if len(pod_words) != 1:
            errors.append(_msg("input", f"Pod CIDR: {name} needs exactly one pod CIDR range"))
        else:
            found = cidrs(pod_words, "Pod CIDR")
            pod = found[0] if found else None
    if errors:
        return _empty(model_id, errors)
    assert service is not None and dns is not None

    nodes = sum(p["nodes"] for p in pools)
    surge = sum(p["surge"] for p in pools)
    total = nodes + surge
    top_pods = max(p["max_pods"] for p in pools)

    # 2. Reserved ranges and overlaps between the ranges the user gave.
    named = [(f"VNet address space {r['cidr']}", r) for r in vnet]
    if pod:
        named.append((f"Pod CIDR {pod['cidr']}", pod))
    named.append((f"Service CIDR {service['cidr']}", service))
    for label, rng in named:
        for text in params["reserved_ranges"]:
            res, _ = parse_cidr(text)
            if _overlap(rng, res):
                errors.append(_msg("reserved-range", f"{label} overlaps {text}, which AKS reserves; no cluster range may use it", "reserved-ranges"))
    for i, a in enumerate(vnet):
        for b in vnet[i + 1:]:
            if _overlap(a, b):
                errors.append(_msg("overlap", f"VNet address spaces {a['cidr']} and {b['cidr']} overlap"))
    for a in vnet:
        for b in in_use:
            if _overlap(a, b):
                errors.append(_msg("overlap", f"VNet address space {a['cidr']} overlaps the in-use range {b['cidr']}"))
    others = [(f"VNet address space {r['cidr']}", r) for r in vnet] + [(f"in-use range {r['cidr']}", r) for r in in_use]
    if pod:
        for label, rng in others + [(f"service CIDR {service['cidr']}", service)]:
            if _overlap(pod, rng):
                errors.append(_msg("overlap", f"Pod CIDR {pod['cidr']} overlaps the {label}", POD_CIDR_FORMULA.get(model_id)))
    for label, rng in others:
        if _overlap(service, rng):
            errors.append(_msg("overlap", f"Service CIDR {service['cidr']} overlaps the {label}", "service-cidr"))

    # 3. Service CIDR and DNS service IP.
    if service["prefix"] <= params["service_max_prefix"]:
        errors.append(_msg("service-cidr", f"Service CIDR {service['cidr']} is too large: it must be smaller than /{params['service_max_prefix']} (a /{params['service_max_prefix'] + 1} or longer prefix)", "service-cidr"))
    if not service["start"] <= dns <= service["end"]:
        errors.append(_msg("dns-service-ip", f"DNS service IP {ip_str(dns)} is outside the service CIDR {service['cidr']}", "dns-service-ip"))
    elif dns == service["start"]:
        errors.append(_msg("dns-service-ip", f"DNS service IP {ip_str(dns)} is the first address of the service CIDR, which the kubernetes service takes; pick another address in {service['cidr']}", "dns-service-ip"))

    # 4. The model's node limit (surge nodes exist during upgrades, so they count as a warning).
    if nodes > model["max_nodes"]:
        errors.append(_msg("max-nodes", f"{name} supports at most {fmt(model['max_nodes'])} nodes; the node pools have {fmt(nodes)}", "max-nodes"))
    elif total > model["max_nodes"]:
        warnings.append(_msg("max-nodes", f"With surge the node pools reach {fmt(total)} nodes during upgrades, above the {fmt(model['max_nodes'])} that {name} supports", "max-nodes"))

    # 5. What each subnet and range needs.
    subnets: list[dict[str, Any]] = []
    ranges: list[dict[str, Any]] = []
    per_pool = [f"({p['nodes']} + {p['surge']})" for p in pools]
    kind = model["kind"]
    if kind == "flat":
        need = sum(p["total"] + p["total"] * p["max_pods"] for p in pools)
        work = " + ".join(f"{t} + {t} × {p['max_pods']}" for t, p in zip(per_pool, pools)) + f" = {fmt(need)}"
        subnets.append({"id": "nodes", "name": "Node subnet (nodes and pods)", "addresses": need, "formula": "node-subnet-flat", "work": work})
    else:
        work = " + ".join(per_pool) + f" = {fmt(total)}"
        subnets.append({"id": "nodes", "name": "Node subnet", "addresses": total, "formula": "node-subnet", "work": work})
    if kind in ("pod-subnet-batches", "pod-subnet-blocks"):
        need = sum(p["total"] * pod_ips_per_node(model, p["max_pods"]) for p in pools)
        if kind == "pod-subnet-blocks":
            step, formula = model["block"], "static-pod-subnet"
            terms = [f"{t} × ⌈({p['max_pods']} + {model['node_reserved']}) ÷ {step}⌉ × {step}" for t, p in zip(per_pool, pools)]
        else:
            step, formula = model["batch"], "dynamic-pod-subnet"
            terms = [f"{t} × ⌈{p['max_pods']} ÷ {step}⌉ × {step}" for t, p in zip(per_pool, pools)]
        subnets.append({"id": "pods", "name": "Pod subnet", "addresses": need, "formula": formula, "work": " + ".join(terms) + f" = {fmt(need)}"})
    for extra in params["extras"]:
        if inputs.get(f"{extra['id']}_subnet"):
            subnets.append({"id": extra["id"], "name": extra["name"], "addresses": extra["addresses"], "fixed": extra["prefix"], "formula": extra["formula"],
                            "work": (f"at least {fmt(extra['addresses'])} addresses; " if extra["addresses"] else "") + f"a /{extra['prefix']}" + (" or larger" if extra["id"] == "apiserver" else "")})
    for s in subnets:
        fixed = s.pop("fixed", None)
        prefix = smallest_prefix(s["addresses"], reserved) if s["addresses"] is not None else fixed
        if fixed is not None and prefix is not None:
            prefix = fixed if s["id"] != "apiserver" else min(prefix, fixed)
        if prefix is None:
            errors.append(_msg("too-large", f"The {s['name'].lower()} needs {fmt(s['addresses'])} addresses, more than any IPv4 subnet holds", s["formula"]))
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
            errors.append(_msg("pod-subnet-size", f"The pod subnet needs a /{prefix}, larger than the /{model['largest_pod_subnet']} that {name} allows", s["formula"]))

    if kind == "per-node-prefix" and pod:
        np = model["node_prefix"]
        available = 2 ** (np - pod["prefix"]) if pod["prefix"] <= np else 0
        needed = np - bits_for(total)
        ranges.append({"id": "pod-cidr", "name": "Pod CIDR", "cidr": pod["cidr"], "blocks": total, "available": available, "prefix": needed,
                       "formula": POD_CIDR_FORMULA[model_id], "work": " + ".join(per_pool) + f" = {fmt(total)} blocks of /{np} → a /{needed} or larger"})
        if available < total:
            errors.append(_msg("pod-cidr-size", f"Pod CIDR {pod['cidr']} holds {fmt(available)} blocks of /{np}, one per node, but the node pools need {fmt(total)} with surge: use a /{needed} or larger", POD_CIDR_FORMULA[model_id]))
    elif pod:
        ranges.append({"id": "pod-cidr", "name": "Pod CIDR", "cidr": pod["cidr"], "blocks": None, "available": None, "prefix": None,
                       "formula": None, "work": "your CNI plugin assigns pod addresses from this range"})
    ranges.append({"id": "service-cidr", "name": "Service CIDR", "cidr": service["cidr"], "blocks": None, "available": service["size"], "prefix": None,
                   "formula": "service-cidr", "work": f"smaller than /{params['service_max_prefix']}; outside the VNet and every connected network"})
    ranges.append({"id": "dns-service-ip", "name": "DNS service IP", "cidr": ip_str(dns), "blocks": None, "available": None, "prefix": None,
                   "formula": "dns-service-ip", "work": "inside the service CIDR, not its first address"})

    # 6. Layout: largest subnet first, each aligned on its size, avoiding every other range.
    blocked = [parse_cidr(t)[0] for t in params["reserved_ranges"]] + [service] + ([pod] if pod else []) + in_use
    for s in sorted(subnets, key=lambda s: s["prefix"]):  # sorted() is stable: ties keep list order
        size = 2 ** (32 - s["prefix"])
        for space in vnet:
            cand = -(-space["start"] // size) * size
            placed = None
            while placed is None and cand + size - 1 <= space["end"]:
                trial = _range(cand, s["prefix"])
                hit = next((b for b in blocked if _overlap(trial, b)), None)
                if hit is None:
                    placed = trial
                else:
                    cand = -(-(hit["end"] + 1) // size) * size
            if placed is not None:
                s["cidr"] = placed["cidr"]
                blocked.append(placed)
                break
        if s["cidr"] is None:
            errors.append(_msg("no-room", f"The VNet address space has no free /{s['prefix']} left for the {s['name'].lower()}", s["formula"]))

    # 7. Advice that does not block the plan.
    if kind == "pod-subnet-blocks":
        for i, p in enumerate(pools):
            blocks = blocks_per_node(model, p["max_pods"])
            spare = blocks * model["block"] - model["node_reserved"] - p["max_pods"]
            if spare:
                best = blocks * model["block"] - model["node_reserved"]
                warnings.append(_msg("block-waste", f"Node pool {i + 1}: max pods {p['max_pods']} takes {blocks} blocks of {model['block']} per node and leaves {spare} {'address' if spare == 1 else 'addresses'} unused; max pods {best} uses the same blocks", "static-pod-subnet"))

    return {"model": model_id, "ok": not errors, "errors": errors, "warnings": warnings, "nodes": nodes, "surge": surge,
            "subnets": subnets, "ranges": ranges, "vnet": [r["cidr"] for r in vnet]}


# --- text output (the CLI) ------------------------------------------------------------------------


def render_text(params: dict[str, Any], result: dict[str, Any]) -> str:
    """The plan as plain text, with the same numbers and messages the page shows."""
    model = params["models"].get(result["model"])
    lines = [f"IP plan for {model['name'] if model else result['model']}"]
    if result["subnets"]:
        lines.append(f"Nodes: {fmt(result['nodes'])} + {fmt(result['surge'])} surge; VNet: {', '.join(result['vnet'])}")
        lines.append("")
        lines.append("Subnets in the VNet:")
        for s in result["subnets"]:
            need = f"{fmt(s['addresses'])} addresses" if s["addresses"] is not None else "fixed size"
            fits = f", fits {fmt(s['fits_nodes'])} nodes" if s["fits_nodes"] is not None else ""
            lines.append(f"  {s['name']}: {need} -> /{s['prefix']} ({fmt(s['usable'])} usable{fits}) at {s['cidr'] or 'no room'}")
            lines.append(f"    {s['work']}  [{_source_url(params, result['model'], s['formula'])}]")
        lines.append("")
        lines.append("Ranges outside the VNet:")
        for r in result["ranges"]:
            lines.append(f"  {r['name']}: {r['cidr']}")
            lines.append(f"    {r['work']}" + (f"  [{_source_url(params, result['model'], r['formula'])}]" if r["formula"] else ""))
    for title, items in (("Errors", result["errors"]), ("Warnings", result["warnings"])):
        if items:
            lines.append("")
            lines.append(f"{title}:")
            lines.extend(f"  - {e['message']}" + (f"  [{_source_url(params, result['model'], e['formula'])}]" if e["formula"] else "") for e in items)
    lines.append("")
    lines.append("Plan OK" if result["ok"] else f"{len(result['errors'])} error(s)")
    return "\n".join(lines) + "\n"


def _source_url(params: dict[str, Any], model_id: str, formula: str | None) -> str:
    sid = source_of(params, model_id, formula)
    return params["sources"].get(sid or "", {}).get("url", sid or "")
