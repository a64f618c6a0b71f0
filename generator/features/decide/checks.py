"""Checks on decision trees: shape (ids, answers, loops, reachability, dead ends) and content
(the options an outcome recommends or rules out, and the rules between them).

Lifecycle is not repeated in the trees: an outcome that recommends a preview, legacy or retiring
option gets a warning rendered from the option's own status on the page, so a tree cannot go
stale when an option's status changes. Retired options cannot be recommended at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...core import model as m
from ...core.errors import DataError, did_you_mean
from ...core.provenance import known_sources, needs_primary_source, verified_on_ok
from ...core.read import KnowledgeBase
from ...core.settings import Settings
from . import graph

#: Anchors the tree page uses for its own sections; node ids must not take them.
RESERVED_ANCHORS = ("wizard", "flowchart", "outline", "sources")


def run(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    for tree_id in sorted(kb.trees):
        yield from _check_tree(kb, kb.trees[tree_id], settings)


def _check_tree(kb: KnowledgeBase, tree: m.Tree, s: Settings) -> Iterator[DataError]:
    o = kb.origin("tree", tree.id)
    nodes = graph.nodes(tree)
    yield from _check_ids(tree, o)
    yield from _check_answers(tree, nodes, o)
    edges = graph.edges(tree, nodes)
    yield from _check_cycles(tree, nodes, o)
    reachable: set[str] = set()
    if tree.start not in nodes:
        yield DataError(
            o.at("start"),
            f"start '{tree.start}' is not a question of this "
            f"tree{did_you_mean(tree.start, [q.id for q in tree.questions])}",
        )
    elif nodes[tree.start][0] == "outcomes":
        yield DataError(o.at("start"), f"start '{tree.start}' is an outcome; a tree starts with a question")
    else:
        reachable = set(graph.walk([tree.start], edges))
        for node_id, (kind, i) in nodes.items():
            if node_id not in reachable:
                yield DataError(
                    o.at(kind, i, "id"),
                    f"{kind[:-1]} '{node_id}' is not reachable from the start question '{tree.start}'",
                )
        finishing = set(graph.walk([oc.id for oc in tree.outcomes], graph.reverse(edges)))
        for i, q in enumerate(tree.questions):
            if q.id in reachable and q.id not in finishing and nodes[q.id] == ("questions", i):
                yield DataError(
                    o.at("questions", i, "id"),
                    f"question '{q.id}' has no path to an outcome: every answer leads into a loop or to an unknown "
                    "node",
                )
    # Paths to an outcome are only known when every answer leads somewhere.
    sound = bool(reachable) and all(a.next in nodes for q in tree.questions for a in q.answers)
    yield from _check_outcomes(kb, tree, edges if sound else None, o)
    if tree.category is not None and tree.category not in kb.categories:
        yield DataError(
            o.at("category"), f"unknown category '{tree.category}'{did_you_mean(tree.category, kb.categories)}"
        )
    yield from known_sources(tree.sources, o, ("sources",), kb)
    yield from needs_primary_source(tree.sources, o, ("sources",), kb, "a tree")
    yield from verified_on_ok(tree.verified_on, o, ("verified_on",), s)


def _check_ids(tree: m.Tree, o: Any) -> Iterator[DataError]:
    seen: set[str] = set()
    for kind, items in (("questions", tree.questions), ("outcomes", tree.outcomes)):
        for i, node in enumerate(items):
            if node.id in seen:
                yield DataError(
                    o.at(kind, i, "id"), f"duplicate node id '{node.id}' (questions and outcomes share one set of ids)"
                )
            elif node.id in RESERVED_ANCHORS:
                yield DataError(
                    o.at(kind, i, "id"), f"'{node.id}' is reserved for a section of the tree page; choose another id"
                )
            seen.add(node.id)


def _check_answers(tree: m.Tree, nodes: dict[str, Any], o: Any) -> Iterator[DataError]:
    for i, q in enumerate(tree.questions):
        ids: set[str] = set()
        labels: dict[str, str] = {}
        for j, a in enumerate(q.answers):
            loc = ("questions", i, "answers", j)
            if a.id in ids:
                yield DataError(o.at(*loc, "id"), f"duplicate answer id '{a.id}' in question '{q.id}'")
            ids.add(a.id)
            label = " ".join(a.label.lower().split())
            if label in labels:
                yield DataError(
                    o.at(*loc, "label"),
                    f"answer '{a.id}' has the same label as answer '{labels[label]}' in question '{q.id}'",
                )
            labels.setdefault(label, a.id)
            if a.next not in nodes:
                yield DataError(
                    o.at(*loc, "next"), f"answer '{a.id}' leads to unknown node '{a.next}'{did_you_mean(a.next, nodes)}"
                )


def _check_cycles(tree: m.Tree, nodes: dict[str, tuple[str, int]], o: Any) -> Iterator[DataError]:
    """Depth-first search; an answer that leads back to a node on the current path closes a loop."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> Iterator[DataError]:
        state[node] = 1
        path.append(node)
        kind, i = nodes[node]
        if kind == "questions":
            q = tree.questions[i]
            for j, a in enumerate(q.answers):
                if a.next not in nodes:
                    continue
                if state.get(a.next) == 1:
                    loop = path[path.index(a.next) :] + [a.next]
                    yield DataError(
                        o.at("questions", i, "answers", j, "next"),
                        f"answer '{a.id}' of '{q.id}' leads back to '{a.next}', making a loop: {' -> '.join(loop)}",
                    )
                elif a.next not in state:
                    yield from visit(a.next, path)
        path.pop()
        state[node] = 2

    for node in [tree.start] + [q.id for q in tree.questions]:
        if node in nodes and node not in state:
            yield from visit(node, [])


def _check_outcomes(kb: KnowledgeBase, tree: m.Tree, edges: dict[str, list[str]] | None, o: Any) -> Iterator[DataError]:
    cat = tree.category if tree.category in kb.categories else None
    covered: dict[str, set[str]] = {}
    for i, oc in enumerate(tree.outcomes):
        loc = ("outcomes", i)
        chosen: dict[str, int] = {}
        for j, oid in enumerate(oc.recommend):
            opt = kb.options.get(oid)
            if opt is None:
                yield DataError(o.at(*loc, "recommend", j), f"unknown option '{oid}'{did_you_mean(oid, kb.options)}")
            elif oid in chosen:
                yield DataError(o.at(*loc, "recommend", j), f"'{oid}' is recommended twice")
            elif cat and opt.category != cat:
                yield DataError(
                    o.at(*loc, "recommend", j), f"'{oid}' is a {opt.category} option, but this tree decides {cat}"
                )
            else:
                if kb.state(opt).level is m.Status.retired:
                    # A warning: the day a support window closes must not break the build.
                    yield DataError(
                        o.at(*loc, "recommend", j),
                        f"'{oid}' is retired (its lifecycle events say so on {kb.on.isoformat()}); recommend another "
                        "option",
                        warning=True,
                    )
                chosen[oid] = j
        yield from _check_combination(kb, tree, chosen, o, loc)
        covered[oc.id] = {kb.options[x].category for x in chosen}
        before = graph.ancestors(oc.id, edges) if edges is not None else {q.id for q in tree.questions}
        ruled: set[str] = set()
        for j, ro in enumerate(oc.ruled_out):
            where = o.at(*loc, "ruled_out", j, "option")
            opt = kb.options.get(ro.option)
            if opt is None:
                yield DataError(where, f"unknown option '{ro.option}'{did_you_mean(ro.option, kb.options)}")
            elif ro.option in chosen:
                yield DataError(where, f"'{ro.option}' is both recommended and ruled out")
            elif ro.option in ruled:
                yield DataError(where, f"'{ro.option}' is ruled out twice")
            elif tree.category and cat and opt.category != cat:
                yield DataError(where, f"'{ro.option}' is a {opt.category} option, but this tree decides {cat}")
            ruled.add(ro.option)
            if ro.by is not None and ro.by not in before:
                yield DataError(
                    o.at(*loc, "ruled_out", j, "by"),
                    f"'{ro.by}' is not a question on any path to outcome "
                    f"'{oc.id}'{did_you_mean(ro.by, sorted(before))}",
                )
    if tree.category is None and covered:
        every = set().union(*covered.values())
        for i, oc in enumerate(tree.outcomes):
            missing = sorted(every - covered[oc.id], key=_category_order(kb))
            if missing and all(x in kb.options for x in oc.recommend):
                yield DataError(
                    o.at("outcomes", i, "recommend"),
                    f"outcome '{oc.id}' recommends no option for {', '.join(missing)}; each outcome of a "
                    "cross-category tree covers the same categories",
                )


def _category_order(kb: KnowledgeBase):
    order = list(kb.categories)
    return lambda c: order.index(c) if c in order else len(order)


def _check_combination(
    kb: KnowledgeBase, tree: m.Tree, chosen: dict[str, int], o: Any, loc: tuple[Any, ...]
) -> Iterator[DataError]:
    """Options of different categories in one outcome are a combination: rules apply to it.
    Several options of one category are alternatives (category trees) or a mistake (others)."""
    by_cat: dict[str, str] = {}
    for oid, j in chosen.items():
        category = kb.options[oid].category
        if tree.category is None and category in by_cat:
            yield DataError(
                o.at(*loc, "recommend", j),
                f"'{oid}' and '{by_cat[category]}' are both {category} options; a cross-category outcome recommends "
                "one option per category",
            )
        by_cat.setdefault(category, oid)
    for rule in kb.rules:
        if rule.a not in chosen or rule.a not in kb.options or rule.b not in kb.options:
            continue
        if rule.kind is m.RuleKind.conflicts and rule.b in chosen:
            later = max(rule.a, rule.b, key=lambda x: chosen[x])
            other = rule.b if later == rule.a else rule.a
            yield DataError(
                o.at(*loc, "recommend", chosen[later]), f"'{later}' conflicts with '{other}' (rule '{rule.id}')"
            )
        elif rule.kind is m.RuleKind.requires and rule.b not in chosen:
            instead = by_cat.get(kb.options[rule.b].category)
            if instead is not None:
                yield DataError(
                    o.at(*loc, "recommend", chosen[rule.a]),
                    f"'{rule.a}' requires '{rule.b}' (rule '{rule.id}'), but this outcome recommends '{instead}'",
                )
