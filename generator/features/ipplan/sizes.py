"""Step 5 of the plan: what each subnet and each range outside the VNet needs."""

from __future__ import annotations

from typing import Any

from .addresses import bits_for, fmt, ip_str, nodes_in_prefix, pod_ips_per_node, smallest_prefix
from .inputs import Messages, msg


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
                msg(
                    "too-large",
                    f"The {s['name'].lower()} needs {fmt(s['addresses'])} addresses, more than any IPv4 subnet holds",
                    s["formula"],
                )
            )
            prefix = 0
        s["prefix"] = prefix
        s["usable"] = max(0, 2 ** (32 - prefix) - reserved)
        s["cidr"] = None
        s["cidr6"] = None  # the node subnet's IPv6 /64 in a dual-stack plan (dual.lay_out6)
        if s["id"] == "nodes":
            s["fits_nodes"] = nodes_in_prefix(params, model_id, prefix, top_pods)
        elif s["id"] == "pods":
            s["fits_nodes"] = s["usable"] // max(pod_ips_per_node(model, p["max_pods"]) for p in pools)
        else:
            s["fits_nodes"] = None
        if s["id"] == "pods" and prefix < model["largest_pod_subnet"]:
            errors.append(
                msg(
                    "pod-subnet-size",
                    f"The pod subnet needs a /{prefix}, larger than the /{model['largest_pod_subnet']} that "
                    f"{model['name']} allows",
                    s["formula"],
                )
            )
    return subnets


def _range(
    rid: str, name: str, cidr: str, work: str, formula: str | None = None, **numbers: int | None
) -> dict[str, Any]:
    """A range outside the VNet; ``numbers`` are the pod CIDR's blocks, available and prefix."""
    return {
        "id": rid,
        "name": name,
        "cidr": cidr,
        "blocks": numbers.get("blocks"),
        "available": numbers.get("available"),
        "prefix": numbers.get("prefix"),
        "formula": formula,
        "work": work,
    }


def _pod_cidr(model: dict[str, Any], given: dict[str, Any], errors: Messages) -> dict[str, Any] | None:
    """The pod CIDR, and for a per-node-prefix model whether it holds a block for every node."""
    pod, total = given["pod"], given["total"]
    if not pod:
        return None
    if model["kind"] != "per-node-prefix":
        return _range("pod-cidr", "Pod CIDR", pod["cidr"], "your CNI plugin assigns pod addresses from this range")
    np, formula = model["node_prefix"], model["pod_cidr_formula"]
    available = 2 ** (np - pod["prefix"]) if pod["prefix"] <= np else 0
    needed = np - bits_for(total)
    if available < total:
        errors.append(
            msg(
                "pod-cidr-size",
                f"Pod CIDR {pod['cidr']} holds {fmt(available)} blocks of /{np}, one per node, "
                f"but the node pools need {fmt(total)} with surge: use a /{needed} or larger",
                formula,
            )
        )
    per_pool = " + ".join(f"({p['nodes']} + {p['surge']})" for p in given["pools"])
    return _range(
        "pod-cidr",
        "Pod CIDR",
        pod["cidr"],
        f"{per_pool} = {fmt(total)} blocks of /{np} → a /{needed} or larger",
        formula,
        blocks=total,
        available=available,
        prefix=needed,
    )


def size_ranges(
    params: dict[str, Any], model: dict[str, Any], given: dict[str, Any], errors: Messages
) -> list[dict[str, Any]]:
    """Step 5b: the ranges outside the VNet: pod CIDR (and whether it holds a block per node),
    service CIDR and DNS service IP."""
    service = given["service"]
    pod = _pod_cidr(model, given, errors)
    return ([pod] if pod else []) + [
        _range(
            "service-cidr",
            "Service CIDR",
            service["cidr"],
            f"smaller than /{params['service_max_prefix']}; outside the VNet and every connected network",
            "service-cidr",
            available=service["size"],
        ),
        _range(
            "dns-service-ip",
            "DNS service IP",
            ip_str(given["dns"]),
            "inside the service CIDR, not its first address",
            "dns-service-ip",
        ),
    ]
