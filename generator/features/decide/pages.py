"""The decision-tree pages: ``/decide/`` lists the trees; ``/decide/<id>/`` shows one tree three
ways from the same data: an outline (plain HTML, every node an anchor), a flowchart (SVG laid
out by Graphviz at build time in ``flowchart``; ``flowchart.js`` highlights the answered path)
and a wizard (``wizard.js``), which reads the tree's structure from its JSON (``data``) and
borrows the prose it shows from the outline, so Markdown is rendered once, by MkDocs, and never
assembled as HTML in JavaScript.
"""

from __future__ import annotations

from typing import Any

from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.page import Page
from ...site.views import lifecycle_box, status_badge
from .flowchart import flowcharts
from .graph import display_order


def _option_view(kb: KnowledgeBase, oid: str) -> dict[str, Any]:
    opt = kb.options[oid]
    cat = kb.categories[opt.category]
    layer = kb.layer_of(cat.id)
    warn = None
    box = lifecycle_box(kb, opt)  # the same box, in the same words, as on the option's own page
    if box is not None and kb.state(opt).level is not m.Status.ga:
        warn = {
            "kind": box["kind"],
            "text": " ".join(box["text"].split()),
            "scoped": box["scoped"],
            "sources": box["sources"],
        }
    return {
        "opt": opt,
        "src": urls.option(oid),
        "status": status_badge(kb, opt),
        "cat": cat,
        "cat_src": urls.category(layer.id, cat.id),
        "warn": warn,
    }


def _labels(tree: m.Tree) -> dict[str, str]:
    """What a link to a node says: the question, or the outcome's title."""
    out = {q.id: q.question for q in tree.questions}
    out.update({oc.id: oc.title for oc in tree.outcomes})
    return out


def _incoming(tree: m.Tree) -> dict[str, list[dict[str, str]]]:
    into: dict[str, list[dict[str, str]]] = {}
    for q in tree.questions:
        for a in q.answers:
            into.setdefault(a.next, []).append({"question": q.id, "text": q.question, "answer": a.label})
    return into


def _rule_notes(kb: KnowledgeBase, chosen: list[str]) -> list[dict[str, Any]]:
    """Caveats of the combination (``degrades`` between chosen options) and requirements that
    point outside the outcome (a category tree recommends one category only)."""
    notes = []
    cats = {kb.options[x].category for x in chosen}
    for rule in kb.rules:
        if rule.a not in chosen and rule.b not in chosen:
            continue
        both = rule.a in chosen and rule.b in chosen
        if rule.kind is m.RuleKind.degrades and both:
            notes.append(
                {"kind": "degrades", "rule": rule, "a": _option_view(kb, rule.a), "b": _option_view(kb, rule.b)}
            )
        elif rule.kind is m.RuleKind.requires and rule.a in chosen and kb.options[rule.b].category not in cats:
            notes.append(
                {"kind": "requires", "rule": rule, "a": _option_view(kb, rule.a), "b": _option_view(kb, rule.b)}
            )
    return notes


def design_query(kb: KnowledgeBase, chosen: list[str]) -> str | None:
    """The designer's state for a full combination (one option per category), else None."""
    by_cat = {kb.options[x].category: x for x in chosen}
    if set(by_cat) != set(kb.categories):
        return None
    return urls.design_query((c, by_cat[c]) for c in kb.categories)


def tree_page(kb: KnowledgeBase, tree: m.Tree) -> Page:
    src = urls.tree(tree.id)
    labels = _labels(tree)
    index = {q.id: i for i, q in enumerate(tree.questions)}
    order = display_order(tree)
    questions = []
    for q in sorted(tree.questions, key=lambda q: order[q.id]):
        questions.append(
            {
                "q": q,
                "n": order[q.id] + 1,
                "answers": [{"a": a, "target": labels[a.next], "outcome": a.next not in index} for a in q.answers],
            }
        )
    into = _incoming(tree)
    outcomes = []
    for oc in sorted(tree.outcomes, key=lambda x: order[x.id]):
        chosen = list(oc.recommend)
        query = design_query(kb, chosen)
        outcomes.append(
            {
                "oc": oc,
                "recommend": [_option_view(kb, x) for x in chosen],
                "ruled_out": [
                    {"ro": ro, "opt": _option_view(kb, ro.option), "by": labels.get(ro.by) if ro.by else None}
                    for ro in oc.ruled_out
                ],
                "notes": _rule_notes(kb, chosen),
                "design": (urls.html_link(src, urls.design()) + "?" + query) if query else None,
                "full": query is not None,
            }
        )
    cat = kb.categories.get(tree.category) if tree.category else None
    return Page(
        src,
        "tree.md.j2",
        tree.name,
        tree.summary,
        {
            "tree": tree,
            "charts": flowcharts(kb, tree),
            "questions": questions,
            "outcomes": outcomes,
            "into": into,
            "sources": kb.sources,
            "cat": cat,
            "cat_src": urls.category(kb.layer_of(cat.id).id, cat.id) if cat else None,
            "data_src": urls.asset_link(src, urls.tree_json(tree.id)),
            "data_path": urls.tree_json(tree.id),
            "root": urls.asset_link(src, ""),
            "start_label": labels[tree.start],
            "index_src": urls.decide_index(),
        },
        edit_path=kb.origin("tree", tree.id).path,
    )


def index_page(kb: KnowledgeBase) -> Page:
    trees = []
    for tree in ordered(kb):
        start = next(q for q in tree.questions if q.id == tree.start)
        crosses = len({kb.options[o].category for oc in tree.outcomes for o in oc.recommend})
        trees.append(
            {
                "tree": tree,
                "src": urls.tree(tree.id),
                "start": start,
                "questions": len(tree.questions),
                "outcomes": len(tree.outcomes),
                "cat": kb.categories.get(tree.category) if tree.category else None,
                "crosses": crosses,
            }
        )
    return Page(
        urls.decide_index(),
        "decide-index.md.j2",
        "Decide",
        "Decision trees for AKS networking: answer a few questions and get the options that fit, with the reasons and "
        "the alternatives ruled out.",
        {"trees": trees},
    )


def ordered(kb: KnowledgeBase) -> list[m.Tree]:
    """End-to-end trees first (their outcomes are whole designs), then the others in the order
    of the categories they decide."""
    cats = list(kb.categories)

    def key(t: m.Tree) -> tuple[int, int, str]:
        covered = {kb.options[o].category for oc in t.outcomes for o in oc.recommend}
        first = min((cats.index(c) for c in covered if c in cats), default=len(cats))
        return (0 if len(covered) == len(cats) else 1, first, t.id)

    return sorted(kb.trees.values(), key=key)
