"""Values of the user's own that an option takes, entered in the designer (``lb-ips=…&lb-ports=…``
in its address): empty by default, and then left out of the files, so an option's examples never
reach a design. Checked before anything is written: a bad value, or outbound ports the IP plan's
nodes cannot all get, blocks the files like a design error. ``cores/design.js`` mirrors
``problems`` and ``entries`` from ``INPUTS`` (shipped as ``deploy.inputs`` in ``api/design.json``).
"""

from __future__ import annotations

import re
from typing import Any

#: SNAT ports one outbound IP gives a Standard load balancer.
PORTS_PER_IP = 64000

#: (query key, the option it belongs to, label, bounds, and where it goes in each output). Facts from
#: the load balancer option's notes (outbound-load-balancer.yaml).
INPUTS: list[dict[str, Any]] = [
    {
        "id": "lb-ips",
        "option": "outbound-load-balancer",
        "label": "Managed outbound IPs",
        "min": 1,
        "max": 100,
        "multiple": 1,
        "az": "--load-balancer-managed-outbound-ip-count",
        "bicep": "properties.networkProfile.loadBalancerProfile.managedOutboundIPs.count",
        "terraform": "network_profile.load_balancer_profile.managed_outbound_ip_count",
    },
    {
        "id": "lb-ports",
        "option": "outbound-load-balancer",
        "label": "Outbound ports per node",
        "min": 8,
        "max": PORTS_PER_IP,
        "multiple": 8,
        "az": "--load-balancer-outbound-ports",
        "bicep": "properties.networkProfile.loadBalancerProfile.allocatedOutboundPorts",
        "terraform": "network_profile.load_balancer_profile.outbound_ports_allocated",
    },
]


def used(choices: dict[str, str], given: dict[str, str] | None) -> dict[str, str]:
    """The inputs of the chosen options that have a value (trimmed)."""
    chosen = set(choices.values())
    out = {}
    for item in INPUTS:
        raw = str((given or {}).get(item["id"]) or "").strip()
        if raw and item["option"] in chosen:
            out[item["id"]] = raw
    return out


def problems(choices: dict[str, str], given: dict[str, str] | None, result: dict[str, Any] | None) -> list[str]:
    """What is wrong with the inputs: a value that is no whole number in bounds, and fixed outbound
    ports that the plan's nodes (with surge) need more of than the outbound IPs give."""
    values = used(choices, given)
    out = []
    for item in INPUTS:
        raw = values.get(item["id"])
        if raw is None:
            continue
        n = int(raw) if re.fullmatch(r"[0-9]+", raw) else None
        if n is None or not item["min"] <= n <= item["max"] or n % item["multiple"]:
            step = f", a multiple of {item['multiple']}" if item["multiple"] > 1 else ""
            out.append(f"{item['label']}: “{raw}” is not a whole number from {item['min']} to {item['max']}{step}.")
    ports = values.get("lb-ports")
    if not out and ports and result is not None and result["ok"]:
        ips = int(values.get("lb-ips", "1"))
        nodes = result["nodes"] + result["surge"]
        if int(ports) * nodes > ips * PORTS_PER_IP:
            out.append(
                f"{ports} outbound ports per node for {nodes} nodes (with surge) need {int(ports) * nodes} SNAT "
                f"ports; {ips} outbound IP(s) give {ips * PORTS_PER_IP}. Add IPs or lower the ports."
            )
    return out


def entries(choices: dict[str, str], given: dict[str, str] | None) -> dict[str, list[dict[str, Any]]]:
    """The settings the inputs add, per output (whole numbers only; the files of a design whose
    inputs have ``problems`` are not shown)."""
    values = used(choices, given)
    out: dict[str, list[dict[str, Any]]] = {"az": [], "bicep": [], "terraform": []}
    for item in INPUTS:
        if re.fullmatch(r"[0-9]+", values.get(item["id"], "")):
            value = int(values[item["id"]])
            for kind in out:
                out[kind].append({"key": item[kind], "value": value, "option": item["option"], "why": item["label"]})
    return out
