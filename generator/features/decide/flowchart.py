"""The flowchart of a decision tree, laid out by Graphviz at build time and inlined as SVG.

Every node is a link (a question to its outline entry, an outcome to its option's page, or to
its outline entry when it names several options), declared in the order a reader meets them
(breadth first from the start, as the chart reads top-down), so the keyboard follows the tree.
A tree with many outcomes is split along its answers (the start question's, then the next
question's where a branch is still large): one chart per branch, each narrow enough to read.
Nodes and edges carry ``atlas-fc-n--<node>`` and ``atlas-fc-e--<question>--<answer>`` classes,
which ``flowchart.js`` uses to highlight the path the reader answered in the wizard.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.diagram import svg
from ...site.diagram.graphviz import dot_string, layout_svgs
from ...site.diagram.style import FONT
from .graph import edges, nodes, walk

#: Above this many outcomes, one chart per answer to the start question.
SPLIT_ABOVE = 5
WRAP = 22  # characters per line in a box


def _box(title: str, small: str = "") -> str:
    lines = [html.escape(x) for x in textwrap.wrap(title, WRAP)]
    if small:
        lines += [f'<FONT POINT-SIZE="9">{html.escape(x)}</FONT>' for x in textwrap.wrap(small, WRAP + 4)]
    return "<" + "<BR/>".join(lines) + ">"


def _node_dot(kb: KnowledgeBase, tree: m.Tree, ident: str, kind: str, item: Any) -> str:
    src = urls.tree(tree.id)
    if kind == "questions":
        label, href, cls = _box(item.question), f"#{item.id}", "question"
    else:
        # A category tree names its option under the title; a full combination is too long.
        names = "" if tree.category is None else " or ".join(kb.options[x].name for x in item.recommend)
        one = len(item.recommend) == 1
        # Served form: an SVG link keeps xlink:href (site/diagram/svg.py), which neither engine rewrites.
        href = urls.served_link(src, urls.option(item.recommend[0])) if one else f"#{item.id}"
        label, cls = _box(item.title, names), "outcome"
    style = "rounded,bold" if cls == "outcome" else "rounded"
    return (
        f'"{ident}" [label={label}, URL={dot_string(href)}, style="{style}", '
        f'class="atlas-fc__node atlas-fc__node--{cls} atlas-fc-n--{ident}"];'
    )


def _part_dot(kb: KnowledgeBase, tree: m.Tree, order: list[str], answers: dict[str, list[m.Answer]]) -> str:
    known = nodes(tree)
    lines = [
        "digraph flowchart {",
        f'graph [rankdir=TB, nodesep=0.2, ranksep=0.35, margin=0, pad=0.05, fontname="{FONT}"];',
        f'node [shape=box, fontname="{FONT}", fontsize=11, margin="0.1,0.05", width=0, height=0];',
        f'edge [fontname="{FONT}", fontsize=9, arrowsize=0.7];',
    ]
    for ident in order:
        kind, i = known[ident]
        lines.append(_node_dot(kb, tree, ident, kind, getattr(tree, kind)[i]))
    shown = set(order)
    for q in order:
        for a in answers.get(q, []):
            if a.next in shown:
                label = dot_string("\n".join(textwrap.wrap(a.label, WRAP)))
                lines.append(f'"{q}" -> "{a.next}" [label={label}, class="atlas-fc__edge atlas-fc-e--{q}--{a.id}"];')
    return "\n".join(lines + ["}"]) + "\n"


#: (the answers that lead into a chart as (question, answer) pairs, its nodes, the answers drawn)
Part = tuple[list[tuple[str, m.Answer]], list[str], dict[str, list[m.Answer]]]


def parts(tree: m.Tree) -> list[Part]:
    """The charts to draw: each (the answers that lead into it, empty for the whole tree; its
    nodes in reading order; the answers drawn from each question). A branch with more than
    ``SPLIT_ABOVE`` outcomes is split again at its next question."""
    graph = edges(tree)
    answers = {q.id: list(q.answers) for q in tree.questions}
    outcomes = {oc.id for oc in tree.outcomes}

    def split(prefix: list[tuple[str, m.Answer]], root: str) -> list[Part]:
        below = walk([root], graph)
        if root not in answers or len([n for n in below if n in outcomes]) <= SPLIT_ABOVE:
            chain = {q: [a] for q, a in prefix}
            return [(prefix, [q for q, _ in prefix] + below, {**answers, **chain})]
        return [part for a in answers[root] for part in split([*prefix, (root, a)], a.next)]

    return split([], tree.start) if tree.start in graph else [([], walk([tree.start], graph), answers)]


def flowcharts(kb: KnowledgeBase, tree: m.Tree) -> list[dict[str, str]]:
    """The tree's chart(s): each the answers that lead into it (in words; empty for a whole
    tree) and inline SVG."""
    out = []
    split = parts(tree)
    drawn = layout_svgs([_part_dot(kb, tree, order, answers) for _, order, answers in split])
    for i, ((path, _, _), picture_svg) in enumerate(zip(split, drawn, strict=True)):
        branch = ", then ".join(f"“{a.label}”" for _, a in path)
        title = f"Flowchart of {tree.name}" + (f", if you answer {branch}" if branch else "")
        desc = (
            "Questions and outcomes are links to the outline below, which holds the same content as text. "
            "The path you answer in the wizard is highlighted."
        )
        picture = svg.inline(
            picture_svg,
            uid=f"atlas-fc-{tree.id}-{i}",
            title=title,
            desc=desc,
            css_class="atlas-fc",
            role="group",
        )
        out.append({"branch": branch, "prefix": " ".join(f"{q}--{a.id}" for q, a in path), "svg": picture})
    return out
