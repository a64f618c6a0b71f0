"""Checks on the designer's presets."""

from __future__ import annotations

from collections.abc import Iterator

from ...core.errors import DataError, did_you_mean
from ...core.provenance import known_sources, needs_primary_source, verified_on_ok
from ...core.read import KnowledgeBase, Origin
from ...core.settings import Settings
from ..ipplan.params import planner_params
from .deploy import default_inputs, design_plan
from .evaluate import evaluate


def run(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    yield from _presets(kb, settings)
    yield from _egress(kb, settings)
    yield from _network(kb, settings)


def _refs(value, found: set[str], key: str = "ref") -> set[str]:
    """Every ``{ref: id}`` (or ``{role: id}`` with ``key``) in a value."""
    if isinstance(value, list):
        for v in value:
            _refs(v, found, key)
    elif isinstance(value, dict) and key in value:
        found.add(value[key])
    return found


#: How a ``{plan: subnet}`` value takes the subnet's IPv6 range (network.py:_plan).
PLAN_IPV6 = ("add", "only", "none")


def _plan_problem(value) -> str | None:
    """What is wrong with a ``{plan: ...}`` value's ``ipv6`` key, if anything."""
    if not (isinstance(value, dict) and "plan" in value):
        return None
    extra = sorted(set(value) - {"plan", "ipv6"})
    if extra:
        return f"unknown key '{extra[0]}' in a plan value (plan, ipv6)"
    if "ipv6" in value and value["ipv6"] not in PLAN_IPV6:
        mode = str(value["ipv6"])
        return f"ipv6 '{mode}' must be one of {', '.join(PLAN_IPV6)}{did_you_mean(mode, PLAN_IPV6)}"
    return None


def _network(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    """Each network resource cites known sources (one on learn.microsoft.com), has a verified_on
    date, names known options and IP plan subnets, and refers to resources of the same file."""
    if kb.network is None:
        return
    ids = {r.id for r in kb.network.resources}
    subnets = {e["id"] for e in planner_params(kb)["extras"]} | {"nodes", "pods"}
    # A resource may follow an option or one of its variants (a DNS mode the designer asks for).
    choosable = set(kb.options) | {v.id for opt in kb.options.values() for v in opt.variants}
    roles = {r.id for r in kb.network.roles}
    for res in kb.network.resources:
        o = kb.origin("network", res.id)
        yield from known_sources(res.sources, o, ("sources",), kb)
        yield from needs_primary_source(res.sources, o, ("sources",), kb, "a network resource")
        yield from verified_on_ok(res.verified_on, o, ("verified_on",), settings)
        for i, oid in enumerate(res.with_):
            if oid not in choosable:
                yield DataError(o.at("with", i), f"unknown option '{oid}'{did_you_mean(oid, kb.options)}")
        for i, grant in enumerate(res.grants):
            at = ("grants", i)
            if grant.role not in roles:
                yield DataError(o.at(*at, "role"), f"unknown role '{grant.role}'{did_you_mean(grant.role, roles)}")
            for j, oid in enumerate(grant.with_):
                if oid not in choosable:
                    yield DataError(o.at(*at, "with", j), f"unknown option '{oid}'{did_you_mean(oid, choosable)}")
        if (res.role or res.grants) and "network-contributor" not in roles:
            yield DataError(o.at("role" if res.role else "grants"), "network.yaml lists no role 'network-contributor'")
        if res.subnet is not None and res.subnet not in subnets:
            yield DataError(o.at("subnet"), f"unknown IP plan subnet '{res.subnet}'{did_you_mean(res.subnet, subnets)}")
        forms = [("bicep", res.bicep), ("terraform", res.terraform)] + [(("az", i), s) for i, s in enumerate(res.az)]
        for where, form in forms:
            loc = where if isinstance(where, tuple) else (where,)
            for key, value in (form.set.items() if form else []):
                problem = _plan_problem(value)
                if problem:
                    yield DataError(o.at(*loc, "set", key), problem)
                for ref in sorted(_refs(value, set()) - ids):
                    yield DataError(o.at(*loc, "set", key), f"unknown resource '{ref}'{did_you_mean(ref, ids)}")
                for ref in sorted(_refs(value, set(), "role") - roles):
                    yield DataError(o.at(*loc, "set", key), f"unknown role '{ref}'{did_you_mean(ref, roles)}")
    first = kb.origin("network", kb.network.resources[0].id)
    for i, role in enumerate(kb.network.roles):
        yield from known_sources(role.sources, Origin(first.path, first.raw), ("roles", i, "sources"), kb)


def _egress(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    """Each outbound rule cites known sources (one on learn.microsoft.com), has a verified_on date,
    and names known options."""
    for rule in kb.egress:
        o = kb.origin("egress", rule.id)
        yield from known_sources(rule.sources, o, ("sources",), kb)
        yield from needs_primary_source(rule.sources, o, ("sources",), kb, "an egress rule")
        yield from verified_on_ok(rule.verified_on, o, ("verified_on",), settings)
        for key in ("needed_with", "not_needed_with"):
            for i, oid in enumerate(getattr(rule, key)):
                if oid not in kb.options:
                    yield DataError(o.at(key, i), f"unknown option '{oid}'{did_you_mean(oid, kb.options)}")
    if kb.egress:
        first = kb.origin("egress", kb.egress[0].id)
        whole = Origin(first.path, first.raw)
        for i, oid in enumerate(kb.egress_shown_on):
            if oid not in kb.options:
                yield DataError(whole.at("shown_on", i), f"unknown option '{oid}'{did_you_mean(oid, kb.options)}")


def _presets(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    """Each preset names a known option of the right category for every category, and breaks
    no rule: a preset is a design we recommend."""
    cats = kb.categories
    for preset in kb.presets:
        o = kb.origin("preset", preset.id)
        valid = True
        for cat_id, opt_id in preset.choices.items():
            if cat_id not in cats:
                valid = False
                yield DataError(o.key_at("choices", cat_id), f"unknown category '{cat_id}'{did_you_mean(cat_id, cats)}")
                continue
            opt = kb.options.get(opt_id)
            in_cat = [x.id for x in kb.options_in(cat_id)]
            if opt is None:
                valid = False
                yield DataError(
                    o.at("choices", cat_id), f"unknown option '{opt_id}'{did_you_mean(opt_id, in_cat or kb.options)}"
                )
            elif opt.category != cat_id:
                valid = False
                yield DataError(
                    o.at("choices", cat_id),
                    f"option '{opt_id}' belongs to category '{opt.category}', not "
                    f"'{cat_id}'{did_you_mean(opt_id, in_cat)}",
                )
        for cat_id in cats:
            if cat_id not in preset.choices:
                valid = False
                yield DataError(o.at("choices"), f"preset '{preset.id}' has no choice for category '{cat_id}'")
        if not valid:
            continue
        for f in evaluate(kb, preset.choices):
            if f["severity"] == "error":
                where = o.at("choices", kb.options[f["a"]].category)
                yield DataError(where, f"preset '{preset.id}' breaks rule '{f['rule']}': {f['text']}")
        inputs = default_inputs(kb, preset.choices)
        result = design_plan(kb, preset.choices, inputs)
        for e in result["errors"] if result else []:
            yield DataError(o.at("choices"), f"preset '{preset.id}': the example IP plan fails: {e['message']}")
