"""Cross-file checks on a read knowledge base: structure, options and their cells, rules, the
glossary, and (from ``provenance`` and ``prose``) sources, dates and Markdown.

Each check is a small function that yields ``DataError``s with the position of the offending
field, so one run reports everything at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import model as m
from .diagram_checks import check_diagrams
from .errors import DataError, did_you_mean
from .lifecycle_checks import check_lifecycle
from .prose import check_prose
from .provenance import check_sources, known_sources, needs_primary_source, verified_on_ok
from .read import KnowledgeBase, Origin
from .settings import Settings
from .vocab import RULE_KINDS


def _check_inputs(opt: m.Option, o: Origin, kb: KnowledgeBase, owner: dict[str, str]) -> Iterator[DataError]:
    """An option's own inputs: an id no other input has (it is a key of the design address), known
    sources, and the fields of their kind (an integer has bounds, a name a pattern that compiles and
    a rule in words)."""
    for i, item in enumerate(opt.inputs):
        if owner.setdefault(item.id, opt.id) != opt.id or item.id in [x.id for x in opt.inputs[:i]]:
            yield DataError(o.at("inputs", i, "id"), f"input '{item.id}' is already an input of '{owner[item.id]}'")
        yield from known_sources(item.sources, o, ("inputs", i, "sources"), kb)
        bounds = item.min is not None and item.max is not None
        keys = [item.az, item.bicep, item.terraform]
        if item.kind == "variant":
            yield from _variant_input(opt, o, i, item)
        elif item.variants or None in keys:
            yield DataError(o.at("inputs", i), f"a{'n' if item.kind == 'integer' else ''} {item.kind} input has az, "
                            "bicep and terraform, and no variants")
        elif item.kind == "integer" and (not bounds or item.pattern or item.rule):
            yield DataError(o.at("inputs", i), "an integer input has min and max, and no pattern or rule")
        elif item.kind == "name" and (not (item.pattern and item.rule) or item.min is not None or item.max is not None):
            yield DataError(o.at("inputs", i), "a name input has a pattern and a rule, and no min or max")
        elif item.kind == "integer" and item.min > item.max:
            yield DataError(o.at("inputs", i, "max"), f"max {item.max} is below min {item.min}")
        elif item.default is not None and item.kind != "name":
            yield DataError(o.at("inputs", i, "default"), "only a name input has a default")
        elif item.pattern:
            try:
                re.compile(item.pattern)
            except re.error as e:
                yield DataError(o.at("inputs", i, "pattern"), f"not a regular expression: {e}")
                return
            if item.default is not None and not re.fullmatch(item.pattern, item.default):
                yield DataError(o.at("inputs", i, "default"), f"'{item.default}' does not match the pattern")


def _variant_input(opt: m.Option, o: Origin, i: int, item: m.OptionInput) -> Iterator[DataError]:
    """A variant input picks among variants of its option that have select data; nothing else."""
    if item.az or item.bicep or item.terraform or item.pattern or item.min is not None or item.max is not None:
        yield DataError(o.at("inputs", i), "a variant input has variants only (their select data says what it sets)")
    if len(item.variants) < 2:
        yield DataError(o.at("inputs", i), "a variant input offers at least two variants")
    own = {v.id: v for v in opt.variants}
    for j, vid in enumerate(item.variants):
        if vid not in own:
            yield DataError(o.at("inputs", i, "variants", j), f"unknown variant '{vid}'{did_you_mean(vid, own)}")
        elif own[vid].select is None:
            yield DataError(o.at("inputs", i, "variants", j), f"variant '{vid}' has no select data")


def check(kb: KnowledgeBase, settings: Settings) -> list[DataError]:
    """Every cross-file problem of ``kb`` (errors and stale-fact warnings)."""
    errors: list[DataError] = []
    checks = (
        _check_structure,
        _check_options,
        _check_rules,
        _check_glossary,
        _check_changes,
        check_sources,
        check_prose,
        check_diagrams,
    )
    for fn in checks:
        errors.extend(fn(kb, settings))
    return errors


def _unique(items: list[Any], what: str, origin_of: Any) -> Iterator[DataError]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            yield DataError(origin_of(i), f"duplicate {what} id '{item.id}'")
        seen.add(item.id)


def _check_structure(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    if not kb.layers:
        return
    cat_origin = lambda ident: kb.origin("category", ident)  # noqa: E731
    yield from _unique(kb.layers, "layer", lambda i: kb.origin("layer", kb.layers[i].id).at("id"))
    all_cats = [c for layer in kb.layers for c in layer.categories]
    seen: set[str] = set()
    for cat in all_cats:
        if cat.id in seen:
            yield DataError(cat_origin(cat.id).at("id"), f"duplicate category id '{cat.id}'")
        seen.add(cat.id)
        yield from _unique(cat.dimensions, "dimension", lambda i, c=cat: cat_origin(c.id).at("dimensions", i, "id"))
        for i, dim in enumerate(cat.dimensions):
            if dim.unit and dim.kind is not m.DimensionKind.number:
                yield DataError(
                    cat_origin(cat.id).at("dimensions", i, "unit"),
                    f"only number dimensions have a unit ('{dim.id}' is {dim.kind.value})",
                )
    if kb.command_order:
        layer = kb.origin("layer", kb.layers[0].id)
        where = Origin(layer.path, layer.raw)  # the whole categories file
        for i, cid in enumerate(kb.command_order):
            if cid not in seen:
                yield DataError(where.at("command_order", i), f"unknown category '{cid}'{did_you_mean(cid, seen)}")
        for cid in sorted(seen - set(kb.command_order)):
            yield DataError(where.at("command_order"), f"command_order does not list category '{cid}'")
        for cid in sorted({c for c in kb.command_order if kb.command_order.count(c) > 1}):
            yield DataError(where.at("command_order"), f"command_order lists category '{cid}' more than once")
    for cat in all_cats:
        if not kb.options_in(cat.id):
            yield DataError(cat_origin(cat.id).at("id"), f"category '{cat.id}' has no options")


def _check_options(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    categories = kb.categories
    all_ids = set(kb.options)
    alias_owner: dict[str, str] = {}
    input_owner: dict[str, str] = {}
    for oid, opt in kb.options.items():
        o = kb.origin("option", oid)
        cat = categories.get(opt.category)
        if cat is None:
            yield DataError(
                o.at("category"), f"unknown category '{opt.category}'{did_you_mean(opt.category, categories)}"
            )
        else:
            yield from _check_cells(opt, cat, o, kb, s)
        yield from check_lifecycle(kb, opt, o, ("lifecycle",))
        yield from known_sources(opt.sources, o, ("sources",), kb)
        yield from needs_primary_source(opt.sources, o, ("sources",), kb, "an option")
        yield from verified_on_ok(opt.verified_on, o, ("verified_on",), s)
        yield from _unique(opt.limits, "limit", lambda i, o=o: o.at("limits", i, "id"))
        for i, lim in enumerate(opt.limits):
            yield from known_sources(lim.sources, o, ("limits", i, "sources"), kb)
            if (lim.value is None) == (not lim.ranges) or (lim.value is None) != (lim.unit is None):
                yield DataError(o.at("limits", i), "a limit has either a value with a unit, or ranges")
        yield from _check_inputs(opt, o, kb, input_owner)
        for i, var in enumerate(opt.variants):
            yield from known_sources(var.sources, o, ("variants", i, "sources"), kb)
            yield from check_lifecycle(kb, opt, o, ("variants", i, "lifecycle"), var.lifecycle)
        yield from _unique(opt.variants, "variant", lambda i, o=o: o.at("variants", i, "id"))
        for i, mig in enumerate(opt.migrations):
            yield from known_sources(mig.sources, o, ("migrations", i, "sources"), kb)
            target = kb.options.get(mig.to)
            if target is None:
                yield DataError(
                    o.at("migrations", i, "to"), f"unknown option '{mig.to}'{did_you_mean(mig.to, all_ids)}"
                )
            elif target.category != opt.category:
                yield DataError(
                    o.at("migrations", i, "to"),
                    f"migrations stay within a category: '{mig.to}' is in '{target.category}'",
                )
            elif mig.to == oid:
                yield DataError(o.at("migrations", i, "to"), "an option cannot migrate to itself")
        for i, alias in enumerate(opt.aliases):
            if alias in all_ids:
                yield DataError(o.at("aliases", i), f"alias '{alias}' is the id of another option")
            elif alias in alias_owner:
                yield DataError(o.at("aliases", i), f"alias '{alias}' is already used by '{alias_owner[alias]}'")
            alias_owner.setdefault(alias, oid)


def _check_cells(opt: m.Option, cat: m.Category, o: Origin, kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    dims = {d.id: d for d in cat.dimensions}
    for key in opt.cells:
        if key not in dims:
            yield DataError(
                o.key_at("cells", key), f"unknown dimension '{key}' for category '{cat.id}'{did_you_mean(key, dims)}"
            )
    for dim_id, dim in dims.items():
        cell = opt.cells.get(dim_id)
        if cell is None:
            yield DataError(
                o.at("cells"), f"no cell for dimension '{dim_id}' (use level: n/a with a note where it does not apply)"
            )
            continue
        loc = ("cells", dim_id)
        if cell.level is m.Support.na:
            if not cell.note:
                yield DataError(o.at(*loc, "level"), "a n/a cell needs a note saying why")
        elif dim.kind is m.DimensionKind.support:
            if cell.level is None:
                yield DataError(o.at(*loc), f"dimension '{dim_id}' is a support dimension: give a level")
            if cell.value is not None:
                yield DataError(
                    o.at(*loc, "value"), f"dimension '{dim_id}' is a support dimension: put details in note, not value"
                )
        elif dim.kind is m.DimensionKind.number:
            if isinstance(cell.value, bool) or not isinstance(cell.value, (int, float)):
                yield DataError(
                    o.at(*loc, "value") if cell.value is not None else o.at(*loc),
                    f"dimension '{dim_id}' needs a number value ({dim.unit or 'no unit'})",
                )
        elif dim.kind is m.DimensionKind.text:
            if not isinstance(cell.value, str) or not cell.value.strip():
                yield DataError(
                    o.at(*loc, "value") if cell.value is not None else o.at(*loc),
                    f"dimension '{dim_id}' needs a text value",
                )
        if cell.level in (m.Support.partial,) and not cell.note:
            yield DataError(o.at(*loc, "level"), "a partial cell needs a note saying what is missing")
        yield from known_sources(cell.sources, o, loc + ("sources",), kb)
        for i, d in enumerate(cell.disputed):
            yield from known_sources(d.sources, o, loc + ("disputed", i, "sources"), kb)
        yield from verified_on_ok(cell.verified_on, o, loc + ("verified_on",), s)


def _check_rules(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    seen: dict[tuple[str, frozenset[str]], str] = {}
    requires: dict[tuple[str, str], str] = {}
    for rule in kb.rules:
        o = kb.origin("rule", rule.id)
        bad = False
        for end in ("a", "b"):
            ident = getattr(rule, end)
            if ident not in kb.options:
                bad = True
                yield DataError(o.at(end), f"unknown option '{ident}'{did_you_mean(ident, kb.options)}")
        if bad:
            continue
        if rule.a == rule.b:
            yield DataError(o.at("b"), "a rule relates two different options")
            continue
        if kb.options[rule.a].category == kb.options[rule.b].category and rule.kind is not m.RuleKind.conflicts:
            yield DataError(
                o.at("b"),
                f"'{rule.a}' and '{rule.b}' are in the same category: only one can be chosen, so only 'conflicts' "
                "makes sense",
            )
        # Symmetric kinds (conflicts, caveats) are stated once; the others are directed.
        pair = frozenset((rule.a, rule.b))
        key = (rule.kind.value, pair if RULE_KINDS[rule.kind].symmetric else frozenset((rule.a + ">", rule.b)))
        if key in seen:
            yield DataError(
                o.at("id"),
                f"rule repeats '{seen[key]}' ({rule.kind.value} between '{rule.a}' and '{rule.b}'); state it once",
            )
        seen[key] = rule.id
        if rule.kind is m.RuleKind.requires:
            requires[(rule.a, rule.b)] = rule.id
        yield from known_sources(rule.sources, o, ("sources",), kb)
        yield from needs_primary_source(rule.sources, o, ("sources",), kb, "a rule")
        yield from verified_on_ok(rule.verified_on, o, ("verified_on",), s)
    for rule in kb.rules:
        if rule.kind is m.RuleKind.conflicts:
            for a, b in ((rule.a, rule.b), (rule.b, rule.a)):
                if (a, b) in requires:
                    yield DataError(
                        kb.origin("rule", rule.id).at("kind"),
                        f"contradiction: '{a}' both requires and conflicts with '{b}' (see rule '{requires[(a, b)]}')",
                    )


def _check_glossary(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    terms: dict[str, str] = {}
    for term in kb.terms:
        o = kb.origin("term", term.id)
        if term.term.lower() in terms:
            yield DataError(o.at("term"), f"term '{term.term}' is already defined by '{terms[term.term.lower()]}'")
        terms[term.term.lower()] = term.id
        if term.abbreviation and not term.expansion:
            yield DataError(o.at("abbreviation"), "an abbreviation needs an expansion for its tooltip")
        for i, ref in enumerate(term.see):
            if ref not in kb.options:
                yield DataError(o.at("see", i), f"unknown option '{ref}'{did_you_mean(ref, kb.options)}")
        yield from known_sources(term.sources, o, ("sources",), kb)


def _check_changes(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    for change in kb.changes:
        o = kb.origin("change", change.id)
        if change.date > s.today:
            yield DataError(
                o.at("date"), f"date {change.date.isoformat()} is in the future (today is {s.today.isoformat()})"
            )
        for i, ref in enumerate(change.options):
            if ref not in kb.options:
                yield DataError(o.at("options", i), f"unknown option '{ref}'{did_you_mean(ref, kb.options)}")
        yield from known_sources(change.sources, o, ("sources",), kb)
