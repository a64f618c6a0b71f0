"""Values of the user's own that an option takes, entered in the designer (``lb-ips=…&lb-ports=…``
in its address): each option declares them in its ``inputs:`` (``model.OptionInput``: label,
bounds or pattern, and where the value goes in each output, with sources). Empty by default, and
then left out of the files; a select entry at an input's key is the option's example and is
dropped, so it never reaches a design. A ``variant`` input picks one of the option's variants
(the private cluster's DNS mode; its first variant by default), whose select data replaces the
option's at the same keys. Checked before anything is written: a bad value, or outbound ports the
IP plan's nodes cannot all get, blocks the files like a design error. ``cores/design.js`` mirrors
``problems``, ``drop_examples``, ``merge_variants`` and ``entries`` from ``data`` (shipped as
``deploy.inputs`` and ``deploy.ports_per_ip`` in ``api/design.json``).
"""

from __future__ import annotations

import re
from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase
from ..ipplan.params import limit_value
from .evaluate import KINDS as SELECT_KINDS

KINDS = ("az", "bicep", "terraform")

#: The limit that says how many SNAT ports one outbound IP gives (the load balancer sizing check).
PORTS_PER_IP = ("outbound-load-balancer", "snat-ports-per-outbound-ip")


def select_entries(sel: m.Selection) -> dict[str, list[dict[str, Any]]]:
    """Select data as the designer merges it: ``{key, value, why}`` per output."""
    return {
        kind: [{"key": getattr(i, key), "value": i.value, "why": i.why if kind == "az" else (i.note or "")}
               for i in getattr(sel, field)]
        for kind, field, key in SELECT_KINDS
    }


def data(kb: KnowledgeBase) -> dict[str, Any]:
    """Every option's inputs as JSON, each with the option it belongs to (a variant input with the
    name and select data of each variant it offers), and the SNAT ports per IP."""
    items = []
    for oid, opt in kb.options.items():
        variants = {v.id: v for v in opt.variants}
        for item in opt.inputs:
            out = {**item.model_dump(mode="json", exclude={"sources", "variants"}), "option": oid}
            if item.kind == "variant":
                out["choices"] = [
                    {"id": vid, "name": variants[vid].name, "select": select_entries(variants[vid].select)}
                    for vid in item.variants
                    if vid in variants and variants[vid].select is not None
                ]
            items.append(out)
    return {"inputs": items, "ports_per_ip": limit_value(kb, *PORTS_PER_IP)}


def used(inputs: dict[str, Any], choices: dict[str, str], given: dict[str, str] | None) -> dict[str, str]:
    """The inputs of the chosen options that have a value (trimmed)."""
    chosen = set(choices.values())
    out = {}
    for item in inputs["inputs"]:
        raw = str((given or {}).get(item["id"]) or "").strip()
        if raw and item["option"] in chosen:
            out[item["id"]] = raw
    return out


def valid(item: dict[str, Any], raw: str) -> bool:
    """An integer: a whole number in bounds and a multiple of ``multiple``; a name: matches the
    pattern; a variant: one the input offers."""
    if item["kind"] == "variant":
        return any(c["id"] == raw for c in item["choices"])
    if item["kind"] == "name":
        return re.fullmatch(item["pattern"], raw) is not None
    if not re.fullmatch(r"[0-9]+", raw):
        return False
    n = int(raw)
    return item["min"] <= n <= item["max"] and n % item["multiple"] == 0


def _message(item: dict[str, Any], raw: str) -> str:
    if item["kind"] == "variant":
        return f"{item['label']}: “{raw}” is not one of " + ", ".join(c["id"] for c in item["choices"]) + "."
    if item["kind"] == "name":
        return f"{item['label']}: “{raw}” is not a valid name ({item['rule']})."
    step = f", a multiple of {item['multiple']}" if item["multiple"] > 1 else ""
    return f"{item['label']}: “{raw}” is not a whole number from {item['min']} to {item['max']}{step}."


def problems(
    inputs: dict[str, Any], choices: dict[str, str], given: dict[str, str] | None, result: dict[str, Any] | None
) -> list[str]:
    """What is wrong with the inputs: a value that does not fit its input, and fixed outbound ports
    that the plan's nodes (with surge) need more of than the outbound IPs give."""
    values = used(inputs, choices, given)
    out = [_message(item, values[item["id"]]) for item in inputs["inputs"]
           if item["id"] in values and not valid(item, values[item["id"]])]
    ports = values.get("lb-ports")
    per = inputs["ports_per_ip"]
    if not out and ports and per and result is not None and result["ok"]:
        ips = int(values.get("lb-ips", "1"))
        nodes = result["nodes"] + result["surge"]
        if int(ports) * nodes > ips * per:
            out.append(
                f"{ports} outbound ports per node for {nodes} nodes (with surge) need {int(ports) * nodes} SNAT "
                f"ports; {ips} outbound IP(s) give {ips * per}. Add IPs or lower the ports."
            )
    return out


def drop_examples(inputs: dict[str, Any], choices: dict[str, str], settings: dict[str, Any]) -> None:
    """Take out of ``settings`` the entries a chosen option's select data writes at the key of one
    of its inputs: an example value (AGIC's gateway name), never the user's."""
    chosen = set(choices.values())
    for item in inputs["inputs"]:
        if item["option"] in chosen and item["kind"] != "variant":
            for kind in KINDS:
                settings[kind] = [e for e in settings[kind] if e["key"] != item[kind]]


def variants(inputs: dict[str, Any], choices: dict[str, str], given: dict[str, str] | None) -> list[dict[str, Any]]:
    """The variant each chosen option's variant input picks: the given one when valid, else the first."""
    values = used(inputs, choices, given)
    chosen = set(choices.values())
    out = []
    for item in inputs["inputs"]:
        if item["kind"] == "variant" and item["option"] in chosen and item["choices"]:
            raw = values.get(item["id"], "")
            out.append(next((c for c in item["choices"] if c["id"] == raw), item["choices"][0]) | {"input": item})
    return out


def merge_variants(inputs: dict[str, Any], choices: dict[str, str], given: dict[str, str] | None,
                   settings: dict[str, Any]) -> None:
    """The picked variants' select data in ``settings``: in place of the option's entry at the same
    key, or added after the option's entries."""
    for v in variants(inputs, choices, given):
        option = v["input"]["option"]
        for kind in KINDS:
            for entry in v["select"][kind]:
                hit = next((e for e in settings[kind] if e["key"] == entry["key"]), None)
                if hit is not None:
                    hit.update(value=entry["value"], why=entry["why"])
                else:
                    settings[kind].append({**entry, "option": option})


def entries(inputs: dict[str, Any], choices: dict[str, str], given: dict[str, str] | None) -> dict[str, list]:
    """The settings the inputs add, per output (valid values only; the files of a design whose
    inputs have ``problems`` are not shown)."""
    values = used(inputs, choices, given)
    chosen = set(choices.values())
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for item in inputs["inputs"]:
        raw = values.get(item["id"], item["default"] if item["option"] in chosen else None)
        if raw is None or item["kind"] == "variant" or not valid(item, raw):
            continue
        value = raw if item["kind"] == "name" else int(raw)
        for kind in KINDS:
            out[kind].append({"key": item[kind], "value": value, "option": item["option"], "why": item["label"]})
    return out
