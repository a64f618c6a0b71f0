"""The comparison pages: one page per pair of options in a category with a verdict written from
the data, the compatibility matrix of the rules, and the compare-any page. Everything here is
derived from cells and rules; nothing is written twice.
"""

from __future__ import annotations

import itertools
from typing import Any

from ...core import model as m
from ...core import transitions
from ...core.read import KnowledgeBase
from ...core.vocab import RULE_KINDS, SUPPORT
from ...site import urls
from ...site.page import Page
from ...site.reference import redirect_page
from ...site.search import search_meta
from ...site.views import Notes, cell_view, rules_for, status_badge

TITLE_MATRIX = "Compatibility matrix"


def matrix_kinds() -> dict[str, tuple[str, str]]:
    """The symbol and words for each relation in the matrix, seen from the row's option: each
    rule kind, and after it the inverse of a directed one (``required-by``)."""
    out: dict[str, tuple[str, str]] = {}
    for kind, meaning in RULE_KINDS.items():
        out[kind.value] = (meaning.symbol, meaning.verb)
        if not meaning.symmetric and meaning.inverse_kind != kind.value:
            out[meaning.inverse_kind] = (meaning.inverse_symbol, meaning.inverse)
    return out


def pairs(kb: KnowledgeBase) -> list[tuple[m.Option, m.Option]]:
    """Every unordered pair of options within a category, ids sorted: one URL per pair."""
    out = []
    for cat in kb.categories.values():
        opts = sorted(kb.options_in(cat.id), key=lambda o: o.id)
        if urls.has_pair_pages(len(opts)):  # larger categories are compared in compare-any
            out.extend(itertools.combinations(opts, 2))
    return out


def alias_pair_pages(kb: KnowledgeBase) -> list[Page]:
    """Comparisons that named an old option id keep working: ``/compare/<alias>-vs-<other>/`` leads
    to the pair of the option that took the alias in (or to that option, when compared with itself)."""
    out = []
    for opt in sorted(kb.options.values(), key=lambda o: o.id):
        others = sorted(kb.options_in(opt.category), key=lambda o: o.id)
        if not urls.has_pair_pages(len(others)):
            others = [opt]  # no pair pages to send old pair addresses to
        for alias in opt.aliases:
            for other in others:
                dest = urls.option(opt.id) if other.id == opt.id else urls.pair(opt.id, other.id)
                out.append(redirect_page(urls.pair(alias, other.id), dest, opt))
    return out


def _wins(dim: m.Dimension, a: m.Cell, b: m.Cell) -> int:
    """+1 if ``a`` is better on ``dim``, -1 if ``b`` is, 0 if neither, not comparable, or if the
    dimension declares no better direction (then "yes" is not better in itself)."""
    if dim.prefer is None:
        return 0
    sign = 1 if dim.prefer in ("higher", "yes") else -1
    if dim.kind is m.DimensionKind.support:
        ra = SUPPORT[a.level].rank if a.level else None
        rb = SUPPORT[b.level].rank if b.level else None
        return sign * ((ra > rb) - (ra < rb)) if ra is not None and rb is not None else 0
    if isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)):
        return sign * ((a.value > b.value) - (a.value < b.value))
    return 0


def _differs(a: m.Cell, b: m.Cell) -> bool:
    return (a.level, a.value) != (b.level, b.value)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def verdict(kb: KnowledgeBase, a: m.Option, b: m.Option) -> dict[str, Any]:
    """The one-paragraph verdict of a pairwise page, written from the cells and statuses."""
    cat = kb.categories[a.category]
    a_wins = [d.name for d in cat.dimensions if _wins(d, a.cells[d.id], b.cells[d.id]) > 0]
    b_wins = [d.name for d in cat.dimensions if _wins(d, a.cells[d.id], b.cells[d.id]) < 0]
    differ = sum(_differs(a.cells[d.id], b.cells[d.id]) for d in cat.dimensions)
    # Where no answer is better in itself, say that they differ, and on what.
    neutral = [d.name for d in cat.dimensions if d.prefer is None and _differs(a.cells[d.id], b.cells[d.id])]
    parts = [f"{a.name} and {b.name} differ on {differ} of the {len(cat.dimensions)} questions."]
    if a_wins:
        parts.append(f"{a.name} is ahead on {_join(a_wins)}.")
    if b_wins:
        parts.append(f"{b.name} is ahead on {_join(b_wins)}.")
    if neutral:
        parts.append(f"Where the better answer depends on your needs, they differ on {_join(neutral)}.")
    for opt in (a, b):
        badge = status_badge(kb, opt)
        if kb.state(opt).level is not m.Status.ga:
            parts.append(f"{opt.name} is {badge['label'].lower()}.")
    return {"text": " ".join(parts), "a_wins": a_wins, "b_wins": b_wins, "differ": differ}


def _rule_map(kb: KnowledgeBase, option_id: str) -> dict[str, dict[str, Any]]:
    return {r["other"].id: r for r in rules_for(kb, option_id)}


def pair_page(kb: KnowledgeBase, a: m.Option, b: m.Option) -> Page:
    cat = kb.categories[a.category]
    layer = kb.layer_of(cat.id)
    notes = Notes()
    rows = []
    for d in cat.dimensions:
        ca, cb = a.cells[d.id], b.cells[d.id]
        rows.append(
            {
                "dim": d,
                "a": cell_view(ca, d, notes),
                "b": cell_view(cb, d, notes),
                "differs": _differs(ca, cb),
                "wins": _wins(d, ca, cb),
            }
        )
    ra, rb = _rule_map(kb, a.id), _rule_map(kb, b.id)
    rule_rows = []
    for other_id in sorted(set(ra) | set(rb), key=lambda i: kb.options[i].name.lower()):
        x, y = ra.get(other_id), rb.get(other_id)
        if x and y and x["kind"] == y["kind"] and x["verb"] == y["verb"]:
            continue  # the same relation on both sides is no difference
        rule_rows.append({"other": kb.options[other_id], "other_src": urls.option(other_id), "a": x, "b": y})
    v = verdict(kb, a, b)
    src = urls.pair(a.id, b.id)
    return Page(
        src,
        "pair.md.j2",
        f"{a.name} vs {b.name}",
        v["text"],
        {
            "a": a,
            "b": b,
            "a_src": urls.option(a.id),
            "b_src": urls.option(b.id),
            "a_status": status_badge(kb, a),
            "b_status": status_badge(kb, b),
            "after": {"a": transitions.transitions(kb, a.id), "b": transitions.transitions(kb, b.id)},
            "cat": cat,
            "layer": layer,
            "cat_src": urls.category(layer.id, cat.id),
            "rows": rows,
            "notes": notes.items,
            "sources": kb.sources,
            "rule_rows": rule_rows,
            "verdict": v,
            "status_differs": kb.state(a) != kb.state(b),
            "meta": search_meta("pair"),
        },
    )


def matrix_page(kb: KnowledgeBase) -> Page:
    """Options × options across categories; each related pair gets a symbol and a footnote."""
    order = [o for cat in kb.categories.values() for o in kb.options_in(cat.id)]
    kinds = matrix_kinds()
    notes: dict[str, int] = {}
    relation: dict[tuple[str, str], dict[str, Any]] = {}
    for rule in sorted(kb.rules, key=lambda r: r.id):
        n = notes.setdefault(rule.id, len(notes) + 1)
        relation[(rule.a, rule.b)] = {"kind": rule.kind.value, "n": n, "rule": rule}
        relation[(rule.b, rule.a)] = {"kind": RULE_KINDS[rule.kind].inverse_kind, "n": n, "rule": rule}
    grid = urls.has_matrix_grid(len(order))
    rows = []
    for row in order if grid else []:
        cells = []
        for col in order:
            rel = relation.get((row.id, col.id))
            if row.id == col.id:
                cells.append({"kind": "self"})
            elif row.category == col.category:
                cells.append({"kind": "same"})
            elif rel:
                sym, words = kinds[rel["kind"]]
                cells.append(
                    {
                        "kind": rel["kind"],
                        "n": rel["n"],
                        "symbol": sym,
                        "label": f"{row.name} {words} {col.name}",
                        "rule_id": rel["rule"].id,
                    }
                )
            else:
                cells.append({"kind": "none", "label": f"No rule between {row.name} and {col.name}"})
        rows.append({"opt": row, "cells": cells, "src": urls.option(row.id)})
    footnotes = [
        {"n": n, "rule": next(r for r in kb.rules if r.id == rid)}
        for rid, n in sorted(notes.items(), key=lambda x: x[1])
    ]
    by_option = [{"opt": o, "src": urls.option(o.id), "rules": rules_for(kb, o.id)} for o in order]
    return Page(
        urls.compatibility(),
        "compatibility.md.j2",
        TITLE_MATRIX,
        "Which AKS networking options work together, require each other, or conflict, across every layer, with the "
        "reason and source for each rule.",
        {
            "grid": grid,
            "compare_any": urls.compare_index(),
            "cols": order if grid else [],
            "rows": rows,
            "footnotes": footnotes,
            "sources": kb.sources,
            "kinds": kinds,
            "categories": list(kb.categories.values()),
            "by_option": by_option,
            "cat_of": {o.id: o.category for o in order},
            "meta": {"hide": ["navigation", "toc"], **search_meta("tool", ["works with", "conflicts"], [TITLE_MATRIX])},
        },
        edit_path=None,
    )


def compare_index(kb: KnowledgeBase) -> Page:
    groups = []
    for layer in kb.layers:
        for cat in layer.categories:
            ps = [{"a": a, "b": b, "src": urls.pair(a.id, b.id)} for a, b in pairs(kb) if a.category == cat.id]
            groups.append({"cat": cat, "pairs": ps, "options": kb.options_in(cat.id)})
    return Page(
        urls.compare_index(),
        "compare-index.md.j2",
        "Compare options",
        "Compare any two to four AKS networking options side by side, or open a ready-made comparison of two options.",
        {"groups": groups, "meta": search_meta("tool", ["side by side", "versus"], ["Compare options"])},
    )
