"""Which network resources a design deploys around the cluster (``data/network.yaml``), with the
IP plan's ranges and the references between them resolved for each output language.

Works on the JSON form of the data (``network_data``), the same dicts ``cores/design.js`` reads
from ``api/design.json``, so the two stay line-for-line alike (tests/test_js_cores.py compares
their output). A value ``{"ref": id}`` becomes the other resource's ID in that language; an entry
that refers to a resource the design does not deploy is left out (a subnet's route table without
user-defined routing); ``{"role": id}`` is a role of the data's ``roles`` as that language names it.
"""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase

KINDS = ("bicep", "terraform")


def network_data(kb: KnowledgeBase) -> dict[str, Any]:
    """``data/network.yaml`` as JSON (``with`` keeps its YAML name); each ``set`` becomes a list of
    ``[key, value]`` pairs, so the order of the data survives JSON written with sorted keys."""
    if kb.network is None:
        return {"parameters": [], "resources": [], "roles": []}
    out = kb.network.model_dump(
        mode="json", by_alias=True, exclude={"resources": {"__all__": {"sources"}}, "roles": {"__all__": {"sources"}}}
    )
    for r in out["resources"]:
        for form in [r["bicep"], r["terraform"], *r["az"]]:
            if form:
                form["set"] = [[k, v] for k, v in form["set"].items()]
    return out


def label(rid: str) -> str:
    """A resource id as a Terraform label and shell variable stem (``node-subnet`` → ``node_subnet``)."""
    return rid.replace("-", "_")


def symbol(name: str) -> str:
    """A Bicep symbol: ``node_subnet`` → ``nodeSubnet``."""
    head, *rest = name.replace("-", "_").split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def deployed(net: dict[str, Any], chosen: list[str], values: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The resources of ``net`` this design deploys: every ``with`` option chosen, and the plan's
    subnet when one is named (nothing without a plan: every resource takes a range from it)."""
    if not values:
        return []
    subnets = values["subnets"]
    return [
        r
        for r in net["resources"]
        if all(o in chosen for o in r["with"]) and (r["subnet"] is None or r["subnet"] in subnets)
    ]


def _ref(res: dict[str, Any], kind: str) -> Any:
    if kind == "bicep":
        return {"expr": symbol(res["id"]) + ".id"}
    if kind == "terraform":
        return {"expr": res["terraform"]["type"] + "." + label(res["id"]) + ".id"}
    return {"param": label(res["id"]) + "_id"}


_DROP = object()


def value(v: Any, kind: str, by_id: dict[str, dict[str, Any]], values: dict[str, Any]) -> Any:
    """One data value in ``kind`` (``_DROP`` when it refers to a resource not deployed)."""
    if isinstance(v, list):
        out = [value(x, kind, by_id, values) for x in v]
        return _DROP if any(x is _DROP for x in out) else out
    if not isinstance(v, dict):
        return v
    if "role" in v:
        return role_value(values["roles"][v["role"]], kind)
    if "plan" in v:
        return _plan(v, values)
    if "ref" in v:
        target = by_id.get(v["ref"])
        usable = target is not None and (target[kind] if kind != "az" else any(s["query"] for s in target["az"]))
        return _ref(target, kind) if usable else _DROP
    return v  # a parameter or an expression


def role_value(role: dict[str, Any], kind: str) -> Any:
    """A role as ``kind`` names it: Bicep by its definition ID, Terraform and az by its name."""
    if kind == "bicep":
        return {"expr": f"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{role['definition']}')"}
    return role["name"]


def _plan(v: dict[str, Any], values: dict[str, Any]) -> Any:
    """A range of the plan. A subnet is its IPv4 range; with ``ipv6`` the subnet's IPv6 range of
    a dual-stack plan joins it: ``add`` a list of one or both, ``only`` both (dropped on an IPv4
    plan), ``none`` the IPv4 range (dropped on a dual-stack plan, where ``only`` says it)."""
    if v["plan"] == "vnet":
        return values["vnet"]
    v4, v6 = values["subnets"][v["plan"]], values.get("subnets6", {}).get(v["plan"])
    mode = v.get("ipv6")
    if mode == "add":
        return [v4] + ([v6] if v6 else [])
    if mode == "only":
        return [v4, v6] if v6 else _DROP
    if mode == "none":
        return _DROP if v6 else v4
    return v4


def _pairs(items: list, kind: str, by_id: dict[str, dict[str, Any]], values: dict[str, Any]) -> list:
    out = []
    for key, v in items:
        resolved = value(v, kind, by_id, values)
        if resolved is not _DROP:
            out.append([key, resolved])
    return out


def resolve(net: dict[str, Any], chosen: list[str], values: dict[str, Any] | None) -> dict[str, Any]:
    """Each output's resources, roles and parameters for a design (``values``: ``plan_values``)."""
    found = deployed(net, chosen, values)
    by_id = {r["id"]: r for r in found}
    values = {**(values or {}), "roles": {x["id"]: x for x in net["roles"]}}
    out: dict[str, Any] = {"bicep": [], "terraform": [], "az": [], "roles": [], "wait": [], "requires": []}
    for r in found:
        for kind in KINDS:
            form = r[kind]
            if not form:
                continue
            pairs = _pairs(form["set"], kind, by_id, values)
            after = [{"expr": symbol(a)} for a in form["after"] if a in by_id and by_id[a]["bicep"]]
            if after:
                pairs.append(["dependsOn", after])
            out[kind].append({"id": r["id"], "type": form["type"], "pairs": pairs})
        for step in r["az"]:
            var = (step["var"] or label(r["id"]).upper() + "_ID") if step["query"] else None
            out["az"].append(
                {
                    "command": step["command"],
                    "pairs": _pairs(step["set"], "az", by_id, values),
                    "query": step["query"],
                    "var": var,
                    "rg": step["resource_group"],
                    "after": r["after_cluster"],
                }
            )
        for rid, role in _roles(net, r, chosen):
            refs = {k: _ref(r, k) for k in ("bicep", "terraform", "az")}
            out["roles"].append({"id": rid, "role": role, **refs})
        if r["before_cluster"]:
            out["wait"].append({"id": r["id"], "type": r["terraform"]["type"]})
        if r["requires"] and r["requires"] not in out["requires"]:
            out["requires"].append(r["requires"])
    out["provides"] = {
        r["provides"]: {k: _ref(r, k) for k in ("bicep", "terraform", "az")} for r in found if r["provides"]
    }
    out["parameters"] = _used_parameters(net, out)
    return out


def _roles(net: dict[str, Any], r: dict[str, Any], chosen: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """The roles the cluster identity gets on ``r``: Network Contributor with ``role`` (named for the
    resource alone), each grant whose options are chosen (named for the resource and the role)."""
    roles = {x["id"]: {"name": x["name"], "definition": x["definition"]} for x in net["roles"]}
    out = [(r["id"], roles["network-contributor"])] if r["role"] else []
    for g in r["grants"]:
        if all(o in chosen for o in g["with"]) and not (r["role"] and g["role"] == "network-contributor"):
            out.append((r["id"] + "-" + g["role"], roles[g["role"]]))
    return out


def _used_parameters(net: dict[str, Any], out: dict[str, Any]) -> list[str]:
    """The data's own parameters that the deployed resources use, in the data's order."""
    seen: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict) and "param" in v:
            seen.add(v["param"])

    for item in out["bicep"] + out["terraform"] + out["az"]:
        walk([p[1] for p in item["pairs"]])
    return [p["id"] for p in net["parameters"] if p["id"] in seen]
