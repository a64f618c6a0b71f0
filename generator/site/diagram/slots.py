"""The addresses an IP plan gives the diagrams' slots. ``docs/assets/js/cores/diagram.js`` is
the same function for the designer; tests/test_diagram_views.py holds the two equal."""

from __future__ import annotations

from typing import Any


def slot_values(plan: dict[str, Any] | None) -> dict[str, str]:
    """slot id -> CIDR from a plan (``ipplan.calc.plan``); nothing from a plan with errors."""
    if not plan or not plan.get("ok"):
        return {}
    values = {"vnet": ", ".join(plan.get("vnet") or [])} if plan.get("vnet") else {}
    for item in [*(plan.get("subnets") or []), *(plan.get("ranges") or [])]:
        if item.get("cidr"):
            values[item["id"]] = item["cidr"]
    return values
