"""The flowchart of a decision tree as Mermaid text, drawn in the browser by ``flowchart.js``.

Labels are HTML-escaped here and Mermaid runs with its strict security level, so nothing from
the data can become markup or a script.
"""

from __future__ import annotations

import html

from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import urls
from .graph import display_order


def _mermaid_text(value: str) -> str:
    """Label text for Mermaid: HTML entities for everything markup-like, and no ``#``, which
    Mermaid would read as the start of its own entity codes."""
    return html.escape(" ".join(value.split()), quote=True).replace("#", "&num;")


def mermaid(kb: KnowledgeBase, tree: m.Tree, direction: str = "TD") -> tuple[str, dict[str, str]]:
    """A Mermaid flowchart of the tree and the map from its node names (n0, n1...) to node ids.
    Questions link to their outline anchors; an outcome links to its option's page when it
    recommends one option, else to its outline anchor, which lists every option it names."""
    src = urls.tree(tree.id)
    order = display_order(tree)
    names: dict[str, str] = {}
    lines = [f"flowchart {direction}"]
    for q in sorted(tree.questions, key=lambda q: order[q.id]):
        names[q.id] = f"n{len(names)}"
        lines.append(f'  {names[q.id]}["{_mermaid_text(q.question)}"]')
    for oc in sorted(tree.outcomes, key=lambda x: order[x.id]):
        names[oc.id] = f"n{len(names)}"
        # A category tree names its option under the title; a full combination is too long
        # for a box, and the outline lists it.
        opts = (
            ""
            if tree.category is None
            else "<br/><small>" + _mermaid_text(" or ".join(kb.options[x].name for x in oc.recommend)) + "</small>"
        )
        lines.append(f'  {names[oc.id]}(["{_mermaid_text(oc.title)}{opts}"])')
    for q in sorted(tree.questions, key=lambda q: order[q.id]):
        for a in q.answers:
            lines.append(f'  {names[q.id]} -->|"{_mermaid_text(a.label)}"| {names[a.next]}')
    for q in tree.questions:
        lines.append(f'  click {names[q.id]} href "#{q.id}"')
    for oc in tree.outcomes:
        target = urls.served_link(src, urls.option(oc.recommend[0])) if len(oc.recommend) == 1 else f"#{oc.id}"
        lines.append(f'  click {names[oc.id]} href "{target}"')
    lines.append("  classDef outcome stroke-width:2px")
    lines.append(f"  class {','.join(names[oc.id] for oc in tree.outcomes)} outcome")
    return "\n".join(lines) + "\n", {v: k for k, v in names.items()}
