"""Checks only the migrate feature needs: ``detect.yaml`` names real options, variants and select
properties; migrations name real options and facts, and lead nowhere retired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...core import lifecycle
from ...core import model as m
from ...core.errors import DataError, did_you_mean
from ...core.provenance import known_sources
from ...core.read import KnowledgeBase, Origin

ONE_TEST = "a test has exactly one of equals, one_of, none_of, present"


def _test_ok(t: m.FieldTest) -> bool:
    given = [t.equals is not None, bool(t.one_of), bool(t.none_of), t.present is not None]
    return sum(given) == 1


def _entry(kb: KnowledgeBase, o: Origin, loc: tuple, cat: str, e: m.DetectEntry) -> Iterator[DataError]:
    opt = kb.options.get(e.option)
    if opt is None:
        yield DataError(o.at(*loc, "option"), f"unknown option '{e.option}'{did_you_mean(e.option, kb.options)}")
        return
    if opt.category != cat:
        yield DataError(o.at(*loc, "option"), f"'{e.option}' is in category '{opt.category}', not '{cat}'")
    select = opt.select
    if e.variant:
        var = next((v for v in opt.variants if v.id == e.variant), None)
        if var is None or var.select is None:
            yield DataError(o.at(*loc, "variant"), f"'{e.option}' has no variant '{e.variant}' with a select block")
            return
        select = var.select
    written = {p.property.removeprefix("properties."): p.value for p in select.bicep}
    for i, path in enumerate(e.from_select):
        value = written.get(path)
        if path not in written:
            yield DataError(o.at(*loc, "from_select", i), f"'{e.option}' select.bicep has no property '{path}'")
        elif not isinstance(value, (str, bool, int)) or (isinstance(value, str) and "<" in value):
            yield DataError(o.at(*loc, "from_select", i), f"'{path}' has no single value to detect by")
    for i, t in enumerate(e.match):
        if not _test_ok(t):
            yield DataError(o.at(*loc, "match", i), ONE_TEST)


def check_detect(kb: KnowledgeBase) -> Iterator[DataError]:
    if kb.detect is None:
        return
    o = kb.origin("detect", "detect")
    yield from known_sources(kb.detect.sources, o, ("sources",), kb)
    seen: set[str] = set()
    for ci, cat in enumerate(kb.detect.categories):
        if cat.category not in kb.categories:
            yield DataError(o.at("categories", ci, "category"), f"unknown category '{cat.category}'")
            continue
        if cat.category in seen:
            yield DataError(o.at("categories", ci, "category"), f"category '{cat.category}' is listed twice")
        seen.add(cat.category)
        for ei, e in enumerate(cat.entries):
            yield from _entry(kb, o, ("categories", ci, "entries", ei), cat.category, e)
        if cat.otherwise and kb.options.get(cat.otherwise, None) is None:
            yield DataError(o.at("categories", ci, "otherwise"), f"unknown option '{cat.otherwise}'")
    for fi, fact in enumerate(kb.detect.facts):
        if fact.id in kb.options:
            yield DataError(o.at("facts", fi, "id"), f"fact '{fact.id}' has the id of an option")
        for ti, t in enumerate(fact.match):
            if not _test_ok(t):
                yield DataError(o.at("facts", fi, "match", ti), ONE_TEST)


def _ids(kb: KnowledgeBase, o: Origin, loc: tuple, ids: list[str], known: set[str], what: str) -> Iterator[DataError]:
    for i, ref in enumerate(ids):
        if ref not in known:
            yield DataError(o.at(*loc, i), f"unknown {what} '{ref}'{did_you_mean(ref, known)}")


def support_ends(opt: m.Option) -> dt.date | None:
    """The day support has ended everywhere: the first unscoped end, else the last scope's end
    when every scope ends; None while some use of it has no end in the data."""
    ends = [e for e in opt.lifecycle.events if e.kind in lifecycle.ENDING]
    whole = [lifecycle.effective(e) for e in ends if e.scope is None]
    if whole:
        return min(whole)
    scopes = {e.scope for e in opt.lifecycle.events if e.scope is not None}
    per = [min((lifecycle.effective(e) for e in ends if e.scope == s), default=None) for s in scopes]
    return max(per) if per and None not in per else None  # type: ignore[type-var]


def check_migrations(kb: KnowledgeBase) -> Iterator[DataError]:
    facts = {f.id for f in kb.detect.facts} if kb.detect else set()
    for oid, opt in sorted(kb.options.items()):
        o = kb.origin("option", oid)
        for i, g in enumerate(opt.migrations):
            loc = ("migrations", i)
            target = kb.options.get(g.to)
            # date-independent, so a build never breaks as the date moves: a path must not lead
            # into an option whose support ends no later than the one it leaves
            a_end, b_end = support_ends(opt), support_ends(target) if target else None
            if a_end and b_end and b_end <= a_end:
                yield DataError(o.at(*loc, "to"), f"the migration leads into '{g.to}', whose support ends "
                                f"({b_end}) no later than '{oid}''s ({a_end})")
            yield from _ids(kb, o, (*loc, "needs"), g.needs, set(kb.options), "option")
            yield from _ids(kb, o, (*loc, "also"), g.also, set(kb.options), "option")
            yield from _ids(kb, o, (*loc, "blocked_by"), g.blocked_by, facts, "fact")
            if g.one_way and target is not None and any(b.to == oid for b in target.migrations):
                yield DataError(o.at(*loc, "one_way"), f"one_way, but '{g.to}' documents a way back to '{oid}'")
            for si, s in enumerate(g.steps):
                if isinstance(s, m.Step):
                    known = set(kb.options) | facts
                    yield from _ids(kb, o, (*loc, "steps", si, "when"), s.when, known, "option or fact")


def check(kb: KnowledgeBase) -> list[DataError]:
    return [*check_detect(kb), *check_migrations(kb)]
