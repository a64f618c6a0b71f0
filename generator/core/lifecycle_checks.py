"""Checks on lifecycles: every option and variant says when it became available, its events
come in an order that makes sense, and nothing else in the data contradicts them (a cell or a
tag that says "retiring" for an option whose events announce no end)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import model as m
from .errors import DataError, did_you_mean
from .lifecycle import ENDING, WINDING_DOWN, effective, when_text
from .provenance import known_sources
from .read import KnowledgeBase, Origin

K = m.EventKind
#: Tags that would state a lifecycle by hand; the tags page computes them from the events.
LIFECYCLE_TAGS = {s.value for s in m.Status}


def check_lifecycle(
    kb: KnowledgeBase, opt: m.Option, o: Origin, loc: tuple[Any, ...], lc: m.Lifecycle | None = None
) -> Iterator[DataError]:
    """One option's lifecycle (or, with ``lc``, one of its variants')."""
    lc = lc or opt.lifecycle
    for i, event in enumerate(lc.events):
        yield from known_sources(event.sources, o, loc + ("events", i, "sources"), kb)
    yield from known_sources(lc.sources, o, loc + ("sources",), kb)
    for i, d in enumerate(lc.disputed):
        yield from known_sources(d.sources, o, loc + ("disputed", i, "sources"), kb)
    yield from _start_and_order(lc, o, loc, kb)
    yield from _superseded(kb, opt, lc, o, loc)
    if lc is opt.lifecycle:
        yield from _contradictions(opt, o)


def _start_and_order(lc: m.Lifecycle, o: Origin, loc: tuple[Any, ...], kb: KnowledgeBase) -> Iterator[DataError]:
    starts = [e for e in lc.events if e.kind in (K.preview, K.ga)]
    if not starts:
        yield DataError(
            o.at(*loc, "events"), "the lifecycle needs a preview or ga event: when did it become available?"
        )
    elif min(effective(e) for e in starts) > kb.on:
        yield DataError(o.at(*loc, "events"), "no preview or ga event has happened yet: the option is not available")
    seen: dict[tuple[Any, Any], int] = {}
    for i, e in enumerate(lc.events):
        if (e.kind, e.scope) in seen:
            yield DataError(
                o.at(*loc, "events", i, "kind"),
                f"a second '{e.kind.value}' event" + (f" for {e.scope}" if e.scope else ""),
            )
        seen.setdefault((e.kind, e.scope), i)
    first_start = min(starts, key=effective) if starts else None
    for i, e in enumerate(lc.events):
        if first_start is not None and e.kind in ENDING + WINDING_DOWN and effective(e) < effective(first_start):
            yield DataError(
                o.at(*loc, "events", i, "date"),
                f"'{e.kind.value}' on {when_text(e)} comes before the option became available "
                f"({when_text(first_start)})",
            )
    previews = [e for e in lc.events if e.kind is K.preview and e.scope is None]
    for i, e in enumerate(lc.events):
        if e.kind is K.ga and e.scope is None and previews and effective(e) < effective(previews[0]):
            yield DataError(
                o.at(*loc, "events", i, "date"),
                f"ga on {when_text(e)} comes before the preview ({when_text(previews[0])})",
            )


def _superseded(
    kb: KnowledgeBase, opt: m.Option, lc: m.Lifecycle, o: Origin, loc: tuple[Any, ...]
) -> Iterator[DataError]:
    successor = lc.superseded_by
    if successor is None:
        return
    target = kb.options.get(successor)
    if target is None:
        yield DataError(
            o.at(*loc, "superseded_by"), f"unknown option '{successor}'{did_you_mean(successor, kb.options)}"
        )
    elif successor == opt.id:
        yield DataError(o.at(*loc, "superseded_by"), "an option cannot supersede itself")
    elif target.category != opt.category:
        yield DataError(
            o.at(*loc, "superseded_by"),
            f"'{successor}' is in '{target.category}': a successor is an option of the same category",
        )
    if not lc.sources:
        yield DataError(o.at(*loc, "superseded_by"), "say where it is called superseded: add sources to the lifecycle")


def _contradictions(opt: m.Option, o: Origin) -> Iterator[DataError]:
    announces_end = any(e.kind in ENDING + WINDING_DOWN for e in opt.lifecycle.events)
    for dim_id, cell in opt.cells.items():
        if cell.level is m.Support.retiring and not announces_end:
            yield DataError(
                o.at("cells", dim_id, "level"), "the cell says retiring, but the lifecycle has no retirement event"
            )
    for i, tag in enumerate(opt.tags):
        if tag in LIFECYCLE_TAGS:
            yield DataError(o.at("tags", i), f"'{tag}' is computed from the lifecycle events; remove the tag")
