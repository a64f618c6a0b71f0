"""IPv6 arithmetic for the planner's dual-stack ranges: parse and write addresses and CIDR ranges
(RFC 4291 text, written back in the RFC 5952 form, by Python's ``ipaddress``), and find a free
aligned range. Mirrored in
``cores/ipv6.js`` with BigInt: the numbers here pass 2^53, so a range never reaches the plan's
JSON as a number, only as its CIDR text.

The grammar is deliberately narrow (hexadecimal groups and one ``::``; no embedded IPv4 address,
no zone), so that Python and JavaScript accept exactly the same inputs.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

_TEXT = re.compile(r"[0-9A-Fa-f:]+")
_PREFIX = re.compile(r"0|[1-9][0-9]{0,2}")
EXAMPLE = "fd12:3456:789a::/64"


def parse_ip6(text: str) -> int | None:
    # Why the character check first: the standard library also reads embedded IPv4 addresses and
    # zones, which cores/ipv6.js does not; both must accept exactly the same inputs.
    if not _TEXT.fullmatch(text):
        return None
    try:
        return int(ipaddress.IPv6Address(text))
    except ValueError:
        return None


def ip6_str(n: int) -> str:
    """The RFC 5952 text (the standard library writes that form)."""
    return str(ipaddress.IPv6Address(n))


def make_range6(start: int, prefix: int) -> dict[str, Any]:
    size = 1 << (128 - prefix)
    return {"cidr": f"{ip6_str(start)}/{prefix}", "start": start, "prefix": prefix, "end": start + size - 1}


def parse_cidr6(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """A range ``{"cidr", "start", "prefix", "end"}`` (``cidr`` in RFC 5952 form) or an error."""
    head, sep, tail = text.partition("/")
    start = parse_ip6(head)
    if not sep or start is None or not _PREFIX.fullmatch(tail) or int(tail) > 128:
        return None, f"'{text}' is not an IPv6 CIDR range such as {EXAMPLE}"
    prefix = int(tail)
    size = 1 << (128 - prefix)
    if start % size:
        return None, f"'{text}' has host bits set: the range starts at {ip6_str(start - start % size)}/{prefix}"
    return make_range6(start, prefix), None


def first_free6(space: dict[str, Any], prefix: int, blocked: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first range of ``prefix`` in ``space``, aligned on its size, that overlaps nothing in
    ``blocked`` (``None`` when there is none)."""
    size = 1 << (128 - prefix)
    cand = -(-space["start"] // size) * size
    while cand + size - 1 <= space["end"]:
        trial = make_range6(cand, prefix)
        hit = next((b for b in blocked if trial["start"] <= b["end"] and b["start"] <= trial["end"]), None)
        if hit is None:
            return trial
        cand = -(-(hit["end"] + 1) // size) * size
    return None
