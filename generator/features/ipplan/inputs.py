"""Step 1 of the plan: read every input, and report every problem with them at once."""

from __future__ import annotations

import re
from typing import Any

from .addresses import fmt, parse_cidr, parse_ip

Messages = list[dict[str, Any]]


# ASCII whitespace only, spelled out: Python's str.strip() and JavaScript's trim() disagree on a
# few control characters, and the two implementations must read the same inputs the same way.
_WS_EDGES = re.compile(r"^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$")
_WS_SPLIT = re.compile(r"[ \t\n\r\f\v,]+")


def clean(value: Any) -> str:
    return "" if value is None else _WS_EDGES.sub("", str(value))


def words(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        out.extend(w for w in _WS_SPLIT.split(clean(item)) if w)
    return out


def msg(code: str, message: str, formula: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "formula": formula}


def _whole(raw: Any, label: str, lo: int, hi: int, errors: Messages, what: str) -> int | None:
    text = clean(raw)
    if not re.fullmatch(r"[0-9]+", text) or int(text) < lo or int(text) > hi:
        errors.append(
            msg("input", f"{label}: {what} must be a whole number from {fmt(lo)} to {fmt(hi)} (got '{text}')")
        )
        return None
    return int(text)


def empty(model_id: str, errors: Messages, family: str = "") -> dict[str, Any]:
    return {
        "model": model_id,
        "family": family,
        "ok": False,
        "errors": errors,
        "warnings": [],
        "nodes": 0,
        "surge": 0,
        "subnets": [],
        "ranges": [],
        "vnet": [],
        "vnet6": [],
    }


def _read_pools(
    params: dict[str, Any], model: dict[str, Any], raw_pools: list[Any], errors: Messages
) -> list[dict[str, int]]:
    pools = []
    if not raw_pools:
        errors.append(msg("input", "Node pools: add at least one node pool"))
    for i, raw in enumerate(raw_pools):
        label = f"Node pool {i + 1}"
        nodes = _whole(raw.get("nodes"), label, 0, params["input_max"], errors, "nodes")
        surge = _whole(raw.get("surge"), label, 0, params["input_max"], errors, "max surge")
        pods_text = clean(raw.get("max_pods"))
        pods = None
        if (
            not re.fullmatch(r"[0-9]+", pods_text)
            or int(pods_text) < model["min_pods"]
            or int(pods_text) > model["max_pods"]
        ):
            errors.append(
                msg(
                    "input",
                    f"{label}: max pods must be a whole number from {fmt(model['min_pods'])} to "
                    f"{fmt(model['max_pods'])} with {model['name']} (got '{pods_text}')",
                    "max-pods",
                )
            )
        else:
            pods = int(pods_text)
        if nodes is not None and surge is not None and pods is not None:
            pools.append({"nodes": nodes, "surge": surge, "max_pods": pods, "total": nodes + surge})
    if raw_pools and len(pools) == len(raw_pools) and sum(p["nodes"] for p in pools) == 0:
        errors.append(msg("input", "Node pools: the cluster needs at least one node"))
    return pools


def _cidrs(value: Any, label: str, errors: Messages) -> list[dict[str, Any]]:
    out = []
    for word in words(value):
        rng, problem = parse_cidr(word)
        if problem:
            errors.append(msg("input", f"{label}: {problem}"))
        else:
            out.append(rng)
    return out


def _one_cidr(value: Any, label: str, missing: str, errors: Messages) -> dict[str, Any] | None:
    found_words = words(value)
    if len(found_words) != 1:
        errors.append(msg("input", f"{label}: {missing}"))
        return None
    found = _cidrs(found_words, label, errors)
    return found[0] if found else None


def read_inputs(
    params: dict[str, Any], model: dict[str, Any], inputs: dict[str, Any], errors: Messages, dual: bool = False
) -> dict[str, Any]:
    """Step 1: every input read, every problem reported at once (numbers from bad inputs would
    mislead, so the plan stops when there is one). In a ``dual`` plan the in-use ranges written
    with a colon are IPv6 ones, read by ``dual.read_ipv6``."""
    pools = _read_pools(params, model, inputs.get("pools") or [], errors)
    vnet = _cidrs(inputs.get("vnet"), "VNet address space", errors)
    if not words(inputs.get("vnet")):
        errors.append(msg("input", "VNet address space: give at least one CIDR range"))
    in_use = _cidrs([w for w in words(inputs.get("in_use")) if not (dual and ":" in w)], "In-use ranges", errors)
    service = _one_cidr(inputs.get("service_cidr"), "Service CIDR", "give exactly one CIDR range", errors)
    dns_text = clean(inputs.get("dns_ip"))
    dns = parse_ip(dns_text)
    if dns is None:
        errors.append(msg("input", f"DNS service IP: '{dns_text}' is not an IPv4 address such as 10.0.0.10"))
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
