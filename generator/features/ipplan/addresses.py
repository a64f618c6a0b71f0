"""IPv4 arithmetic for the planner: parse addresses and CIDR ranges, overlaps, prefix sizes, and
how many addresses a node takes under each pod networking model. Mirrored in ``cores/ipplan.js``.
"""

from __future__ import annotations

import re
from typing import Any

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
    return make_range(start, prefix), None


def make_range(start: int, prefix: int) -> dict[str, Any]:
    size = 2 ** (32 - prefix)
    return {
        "cidr": f"{ip_str(start)}/{prefix}",
        "start": start,
        "prefix": prefix,
        "size": size,
        "end": start + size - 1,
    }


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two ranges share an address (IPv4 or IPv6 alike: only ``start`` and ``end`` count)."""
    return a["start"] <= b["end"] and b["start"] <= a["end"]


def overlapping_pairs(ranges: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each pair of ``ranges`` that overlaps, in list order (a VNet's address spaces)."""
    return [(a, b) for i, a in enumerate(ranges) for b in ranges[i + 1 :] if overlap(a, b)]


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
    while 2**bits < count:
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
