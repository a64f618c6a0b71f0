"""The plan as plain text for ``aks-atlas ipplan``, with the numbers and messages the page shows."""

from __future__ import annotations

from typing import Any

from .addresses import fmt
from .calc import source_of


def render_text(params: dict[str, Any], result: dict[str, Any]) -> str:
    """The plan as plain text, with the same numbers and messages the page shows."""
    model = params["models"].get(result["model"])
    family = params["families"].get(result["family"])
    dual = f" with {family['name']}" if family and family["dual"] else ""
    lines = [f"IP plan for {model['name'] if model else result['model']}{dual}"]
    if result["subnets"]:
        vnet = ", ".join(result["vnet"] + result["vnet6"])
        lines.append(f"Nodes: {fmt(result['nodes'])} + {fmt(result['surge'])} surge; VNet: {vnet}")
        lines.append("")
        lines.append("Subnets in the VNet:")
        for s in result["subnets"]:
            need = f"{fmt(s['addresses'])} addresses" if s["addresses"] is not None else "fixed size"
            fits = f", fits {fmt(s['fits_nodes'])} nodes" if s["fits_nodes"] is not None else ""
            lines.append(
                f"  {s['name']}: {need} -> /{s['prefix']} ({fmt(s['usable'])} usable{fits}) at {s['cidr'] or 'no room'}"
                + (f" and {s['cidr6']}" if s.get("cidr6") else "")
            )
            lines.append(f"    {s['work']}  [{_source_url(params, result['model'], s['formula'])}]")
        lines.append("")
        lines.append("Ranges outside the VNet:")
        for r in result["ranges"]:
            lines.append(f"  {r['name']}: {r['cidr']}")
            lines.append(
                f"    {r['work']}"
                + (f"  [{_source_url(params, result['model'], r['formula'])}]" if r["formula"] else "")
            )
    for title, items in (("Errors", result["errors"]), ("Warnings", result["warnings"])):
        if items:
            lines.append("")
            lines.append(f"{title}:")
            lines.extend(
                f"  - {e['message']}"
                + (f"  [{_source_url(params, result['model'], e['formula'])}]" if e["formula"] else "")
                for e in items
            )
    lines.append("")
    lines.append("Plan OK" if result["ok"] else f"{len(result['errors'])} error(s)")
    return "\n".join(lines) + "\n"


def _source_url(params: dict[str, Any], model_id: str, formula: str | None) -> str:
    sid = source_of(params, model_id, formula)
    return params["sources"].get(sid or "", {}).get("url", sid or "")
