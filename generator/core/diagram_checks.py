"""Checks of ``diagrams.yaml``: every id a diagram names exists (zones, components, flows,
options, slots, sources), ids are unique, zones nest without cycles, and a slot stands alone on
its label line so the designer can swap in the user's own address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import model as m
from .errors import DataError, did_you_mean
from .provenance import known_sources, needs_primary_source, verified_on_ok
from .read import KnowledgeBase, Origin
from .settings import Settings

SLOT = re.compile(r"\{([^{}]*)\}")


def check_diagrams(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    d = kb.diagrams
    if d is None:
        return
    o = kb.origin("diagrams", "file")
    yield from _unique(o, d)
    yield from _zones(o, d)
    yield from _components(o, d)
    yield from _flows(o, d)
    yield from _options(o, d, kb, s)


def _unique(o: Origin, d: m.DiagramFile) -> Iterator[DataError]:
    """Zones and components share one namespace (an option may rename either by id)."""
    for key, items in (("slots", d.slots), ("zones", d.zones + d.components), ("flows", d.flows)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            where = (key, i) if key != "zones" or i < len(d.zones) else ("components", i - len(d.zones))
            if item.id in seen:
                yield DataError(o.at(*where, "id"), f"duplicate id '{item.id}' in {where[0]}")
            seen.add(item.id)


def _known(ref: str, known: dict[str, Any], what: str, o: Origin, *loc: Any) -> Iterator[DataError]:
    if ref not in known:
        yield DataError(o.at(*loc), f"unknown {what} '{ref}'{did_you_mean(ref, known)}")


def _lines(o: Origin, d: m.DiagramFile, lines: list[str], *loc: Any) -> Iterator[DataError]:
    slots = {s.id: s for s in d.slots}
    for i, line in enumerate(lines):
        for name in SLOT.findall(line):
            if line != "{" + name + "}":
                yield DataError(o.at(*loc, i), f"'{line}': a {{slot}} must be alone on its line")
            else:
                yield from _known(name, slots, "slot", o, *loc, i)


def _zones(o: Origin, d: m.DiagramFile) -> Iterator[DataError]:
    zones = {z.id: z for z in d.zones}
    for i, z in enumerate(d.zones):
        yield from _lines(o, d, z.lines, "zones", i, "lines")
        if z.parent is None:
            continue
        yield from _known(z.parent, zones, "zone", o, "zones", i, "parent")
        seen, cur = {z.id}, zones.get(z.parent)
        while cur is not None:
            if cur.id in seen:
                yield DataError(o.at("zones", i, "parent"), f"zone '{z.id}' is nested inside itself")
                break
            seen.add(cur.id)
            cur = zones.get(cur.parent) if cur.parent else None


def _components(o: Origin, d: m.DiagramFile) -> Iterator[DataError]:
    zones = {z.id: z for z in d.zones}
    for i, c in enumerate(d.components):
        yield from _known(c.zone, zones, "zone", o, "components", i, "zone")
        yield from _lines(o, d, c.lines, "components", i, "lines")


def _flows(o: Origin, d: m.DiagramFile) -> Iterator[DataError]:
    comps = {c.id: c for c in d.components}
    for i, f in enumerate(d.flows):
        yield from _known(f.source, comps, "component", o, "flows", i, "from")
        yield from _known(f.to, comps, "component", o, "flows", i, "to")
        if f.source == f.to:
            yield DataError(o.at("flows", i, "to"), f"flow '{f.id}' goes from '{f.to}' to itself")


def _options(o: Origin, d: m.DiagramFile, kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    flows, comps = {f.id: f for f in d.flows}, {c.id: c for c in d.components}
    named = {**{z.id: z for z in d.zones}, **comps}
    for oid, od in d.options.items():
        if oid not in kb.options and oid not in kb.unreadable:
            yield DataError(o.key_at("options", oid), f"unknown option '{oid}'{did_you_mean(oid, kb.options)}")
        for i, ref in enumerate(od.flows):
            yield from _known(ref, flows, "flow", o, "options", oid, "flows", i)
        for i, ref in enumerate(od.components):
            yield from _known(ref, comps, "component", o, "options", oid, "components", i)
        for ref in od.names:
            if ref not in named:
                yield DataError(o.key_at("options", oid, "names", ref), f"unknown zone or component '{ref}'")
        yield from known_sources(od.sources, o, ("options", oid, "sources"), kb)
        yield from needs_primary_source(od.sources, o, ("options", oid, "sources"), kb, "a diagram")
        yield from verified_on_ok(od.verified_on, o, ("options", oid, "verified_on"), s)
    for oid in sorted(set(kb.options) - set(d.options)):
        yield DataError(o.key_at("options"), f"option '{oid}' has no diagram: add it under options")
