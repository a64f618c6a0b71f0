"""A decision tree as a graph: its nodes, its answer edges, and one walk used both ways."""

from __future__ import annotations

from collections.abc import Iterable

from ...core import model as m


def nodes(tree: m.Tree) -> dict[str, tuple[str, int]]:
    """node id -> (``questions`` or ``outcomes``, index); the first definition wins."""
    found: dict[str, tuple[str, int]] = {}
    for kind, items in (("questions", tree.questions), ("outcomes", tree.outcomes)):
        for i, node in enumerate(items):
            found.setdefault(node.id, (kind, i))
    return found


def edges(tree: m.Tree, known: dict[str, tuple[str, int]] | None = None) -> dict[str, list[str]]:
    """question id -> the nodes its answers lead to (answers to unknown nodes left out)."""
    known = nodes(tree) if known is None else known
    return {q.id: [a.next for a in q.answers if a.next in known] for q in tree.questions}


def reverse(forward: dict[str, list[str]]) -> dict[str, list[str]]:
    """The same edges pointing backwards: node -> the questions that lead to it."""
    back: dict[str, list[str]] = {}
    for src, nexts in forward.items():
        for n in nexts:
            back.setdefault(n, []).append(src)
    return back


def walk(starts: Iterable[str], graph: dict[str, list[str]]) -> list[str]:
    """Every node reachable from ``starts`` (themselves included), breadth first, in the order
    a reader meets them. Forwards it finds what a question leads to; over ``reverse`` edges it
    finds what leads to a node."""
    order = list(dict.fromkeys(starts))
    seen = set(order)
    for node in order:  # the list grows while it is read: a queue
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
    return order


def ancestors(target: str, forward: dict[str, list[str]]) -> set[str]:
    """The questions on some path to ``target``."""
    return set(walk([target], reverse(forward))) - {target}


def display_order(tree: m.Tree) -> dict[str, int]:
    """Nodes in the order a reader meets them (breadth first from the start), so the outline
    reads top-down; questions and outcomes are numbered separately."""
    known = nodes(tree)
    seen = walk([tree.start], edges(tree, known)) if tree.start in known else []
    questions = [n for n in seen if known[n][0] == "questions"]
    outcomes = [n for n in seen if known[n][0] == "outcomes"]
    return {**{n: i for i, n in enumerate(questions)}, **{n: i for i, n in enumerate(outcomes)}}
