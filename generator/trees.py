"""Decision trees (issue 4): checks on their shape and content, and the pages that show them.

A tree (``data/trees/<id>.yaml``) is rendered three ways from the same data at
``/decide/<id>/``: an outline (plain HTML, every node an anchor), a flowchart (Mermaid text
built here, drawn in the browser by ``flowchart.js``) and a wizard (``wizard.js``), which reads
the tree's structure from ``api/trees/<id>.json`` and borrows the prose it shows from the
outline, so Markdown is rendered once, by MkDocs, and never assembled as HTML in JavaScript.

Lifecycle is not repeated in the trees: an outcome that recommends a preview, legacy or
retiring option gets a warning rendered from the option's own ``status``, so the date and the
note live in one place and a tree cannot go stale when an option's status changes. Retired
options cannot be recommended at all.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from . import model as m
from . import urls
from .check import did_you_mean, known_sources, needs_primary_source, verified_on_ok
from .errors import DataError
from .read import KnowledgeBase
from .settings import Settings
from .views import Page, status_badge

INDEX_SRC = urls.decide_index()
#: The network designer (issue 6) takes one ``<category>=<option>`` parameter per category.
DESIGN_SRC = urls.design()
#: Anchors the tree page uses for its own sections; node ids must not take them.
RESERVED_ANCHORS = ("wizard", "flowchart", "outline", "sources")
#: Statuses that get a lifecycle warning when an outcome recommends the option.
WARN_LEVELS = {
    m.Status.preview: ("warning", "This option is in preview: no SLA, and it may change before general availability."),
    m.Status.legacy: ("note", "This option still works but is no longer the recommended choice."),
    m.Status.retiring: ("danger", "This option is being retired."),
}


def tree_src(tree_id: str) -> str:
    return urls.tree(tree_id)


def asset_path(tree_id: str) -> str:
    return f"api/trees/{tree_id}.json"


# --- checks -----------------------------------------------------------------------------------


def checks(kb: KnowledgeBase, settings: Settings) -> Iterator[DataError]:
    for tree_id in sorted(kb.trees):
        yield from _check_tree(kb, kb.trees[tree_id], settings)


def _nodes(tree: m.Tree) -> dict[str, tuple[str, int]]:
    """node id -> (``questions`` or ``outcomes``, index); the first definition wins."""
    found: dict[str, tuple[str, int]] = {}
    for kind, items in (("questions", tree.questions), ("outcomes", tree.outcomes)):
        for i, node in enumerate(items):
            found.setdefault(node.id, (kind, i))
    return found


def _edges(tree: m.Tree, nodes: dict[str, Any]) -> dict[str, list[str]]:
    return {q.id: [a.next for a in q.answers if a.next in nodes] for q in tree.questions}


def _check_tree(kb: KnowledgeBase, tree: m.Tree, s: Settings) -> Iterator[DataError]:
    o = kb.origin("tree", tree.id)
    nodes = _nodes(tree)
    yield from _check_ids(tree, o)
    yield from _check_answers(tree, nodes, o)
    edges = _edges(tree, nodes)
    yield from _check_cycles(tree, nodes, o)
    reachable: set[str] = set()
    if tree.start not in nodes:
        yield DataError(o.at("start"), f"start '{tree.start}' is not a question of this tree{did_you_mean(tree.start, [q.id for q in tree.questions])}")
    elif nodes[tree.start][0] == "outcomes":
        yield DataError(o.at("start"), f"start '{tree.start}' is an outcome; a tree starts with a question")
    else:
        reachable = _reach(tree.start, edges)
        for node_id, (kind, i) in nodes.items():
            if node_id not in reachable:
                yield DataError(o.at(kind, i, "id"), f"{kind[:-1]} '{node_id}' is not reachable from the start question '{tree.start}'")
        finishing = _finishing(tree, edges)
        for i, q in enumerate(tree.questions):
            if q.id in reachable and q.id not in finishing and nodes[q.id] == ("questions", i):
                yield DataError(o.at("questions", i, "id"), f"question '{q.id}' has no path to an outcome: every answer leads into a loop or to an unknown node")
    # Paths to an outcome are only known when every answer leads somewhere.
    sound = bool(reachable) and all(a.next in nodes for q in tree.questions for a in q.answers)
    yield from _check_outcomes(kb, tree, edges if sound else None, o)
    if tree.category is not None and tree.category not in kb.categories:
        yield DataError(o.at("category"), f"unknown category '{tree.category}'{did_you_mean(tree.category, kb.categories)}")
    yield from known_sources(tree.sources, o, ("sources",), kb)
    yield from needs_primary_source(tree.sources, o, ("sources",), kb, "a tree")
    yield from verified_on_ok(tree.verified_on, o, ("verified_on",), s)


def _check_ids(tree: m.Tree, o: Any) -> Iterator[DataError]:
    seen: set[str] = set()
    for kind, items in (("questions", tree.questions), ("outcomes", tree.outcomes)):
        for i, node in enumerate(items):
            if node.id in seen:
                yield DataError(o.at(kind, i, "id"), f"duplicate node id '{node.id}' (questions and outcomes share one set of ids)")
            elif node.id in RESERVED_ANCHORS:
                yield DataError(o.at(kind, i, "id"), f"'{node.id}' is reserved for a section of the tree page; choose another id")
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
                yield DataError(o.at(*loc, "label"), f"answer '{a.id}' has the same label as answer '{labels[label]}' in question '{q.id}'")
            labels.setdefault(label, a.id)
            if a.next not in nodes:
                yield DataError(o.at(*loc, "next"), f"answer '{a.id}' leads to unknown node '{a.next}'{did_you_mean(a.next, nodes)}")


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
                    loop = path[path.index(a.next):] + [a.next]
                    yield DataError(o.at("questions", i, "answers", j, "next"),
                                    f"answer '{a.id}' of '{q.id}' leads back to '{a.next}', making a loop: {' -> '.join(loop)}")
                elif a.next not in state:
                    yield from visit(a.next, path)
        path.pop()
        state[node] = 2

    for node in [tree.start] + [q.id for q in tree.questions]:
        if node in nodes and node not in state:
            yield from visit(node, [])


def _reach(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _finishing(tree: m.Tree, edges: dict[str, list[str]]) -> set[str]:
    """Nodes from which some path reaches an outcome (a fixed point over the answers)."""
    done = {oc.id for oc in tree.outcomes}
    changed = True
    while changed:
        changed = False
        for q in tree.questions:
            if q.id not in done and any(n in done for n in edges.get(q.id, [])):
                done.add(q.id)
                changed = True
    return done


def _ancestors(target: str, edges: dict[str, list[str]]) -> set[str]:
    parents: dict[str, set[str]] = {}
    for src, nexts in edges.items():
        for n in nexts:
            parents.setdefault(n, set()).add(src)
    seen: set[str] = set()
    todo = [target]
    while todo:
        for p in parents.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


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
                yield DataError(o.at(*loc, "recommend", j), f"'{oid}' is a {opt.category} option, but this tree decides {cat}")
            elif opt.status.level is m.Status.retired:
                yield DataError(o.at(*loc, "recommend", j), f"'{oid}' is retired and cannot be recommended")
            else:
                chosen[oid] = j
        yield from _check_combination(kb, tree, chosen, o, loc)
        covered[oc.id] = {kb.options[x].category for x in chosen}
        before = _ancestors(oc.id, edges) if edges is not None else {q.id for q in tree.questions}
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
                yield DataError(o.at(*loc, "ruled_out", j, "by"), f"'{ro.by}' is not a question on any path to outcome '{oc.id}'{did_you_mean(ro.by, sorted(before))}")
    if tree.category is None and covered:
        every = set().union(*covered.values())
        for i, oc in enumerate(tree.outcomes):
            missing = sorted(every - covered[oc.id], key=_category_order(kb))
            if missing and all(x in kb.options for x in oc.recommend):
                yield DataError(o.at("outcomes", i, "recommend"), f"outcome '{oc.id}' recommends no option for {', '.join(missing)}; each outcome of a cross-category tree covers the same categories")


def _category_order(kb: KnowledgeBase):
    order = list(kb.categories)
    return lambda c: order.index(c) if c in order else len(order)


def _check_combination(kb: KnowledgeBase, tree: m.Tree, chosen: dict[str, int], o: Any, loc: tuple[Any, ...]) -> Iterator[DataError]:
    """Options of different categories in one outcome are a combination: rules apply to it.
    Several options of one category are alternatives (category trees) or a mistake (others)."""
    by_cat: dict[str, str] = {}
    for oid, j in chosen.items():
        category = kb.options[oid].category
        if tree.category is None and category in by_cat:
            yield DataError(o.at(*loc, "recommend", j), f"'{oid}' and '{by_cat[category]}' are both {category} options; a cross-category outcome recommends one option per category")
        by_cat.setdefault(category, oid)
    for rule in kb.rules:
        if rule.a not in chosen or rule.a not in kb.options or rule.b not in kb.options:
            continue
        if rule.kind is m.RuleKind.conflicts and rule.b in chosen:
            later = max(rule.a, rule.b, key=lambda x: chosen[x])
            other = rule.b if later == rule.a else rule.a
            yield DataError(o.at(*loc, "recommend", chosen[later]), f"'{later}' conflicts with '{other}' (rule '{rule.id}')")
        elif rule.kind is m.RuleKind.requires and rule.b not in chosen:
            instead = by_cat.get(kb.options[rule.b].category)
            if instead is not None:
                yield DataError(o.at(*loc, "recommend", chosen[rule.a]), f"'{rule.a}' requires '{rule.b}' (rule '{rule.id}'), but this outcome recommends '{instead}'")


# --- views --------------------------------------------------------------------------------------


def _option_view(kb: KnowledgeBase, oid: str) -> dict[str, Any]:
    opt = kb.options[oid]
    cat = kb.categories[opt.category]
    layer = kb.layer_of(cat.id)
    warn = None
    if opt.status.level in WARN_LEVELS:
        kind, default = WARN_LEVELS[opt.status.level]
        warn = {"kind": kind, "text": " ".join((opt.status.note or default).split()), "sources": opt.status.sources}
    return {"opt": opt, "src": urls.option(oid), "status": status_badge(opt), "cat": cat,
            "cat_src": urls.category(layer.id, cat.id), "warn": warn}


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
            notes.append({"kind": "degrades", "rule": rule, "a": _option_view(kb, rule.a), "b": _option_view(kb, rule.b)})
        elif rule.kind is m.RuleKind.requires and rule.a in chosen and kb.options[rule.b].category not in cats:
            notes.append({"kind": "requires", "rule": rule, "a": _option_view(kb, rule.a), "b": _option_view(kb, rule.b)})
    return notes


def _design_query(kb: KnowledgeBase, chosen: list[str]) -> str | None:
    """The designer's state for a full combination (one option per category), else None."""
    by_cat = {kb.options[x].category: x for x in chosen}
    if set(by_cat) != set(kb.categories):
        return None
    return urlencode([(c, by_cat[c]) for c in kb.categories])


def tree_page(kb: KnowledgeBase, tree: m.Tree) -> Page:
    src = tree_src(tree.id)
    labels = _labels(tree)
    index = {q.id: i for i, q in enumerate(tree.questions)}
    order = _display_order(tree)
    questions = []
    for q in sorted(tree.questions, key=lambda q: order[q.id]):
        questions.append({"q": q, "n": order[q.id] + 1, "answers": [{"a": a, "target": labels[a.next], "outcome": a.next not in index} for a in q.answers]})
    into = _incoming(tree)
    outcomes = []
    for oc in sorted(tree.outcomes, key=lambda x: order[x.id]):
        chosen = list(oc.recommend)
        query = _design_query(kb, chosen)
        outcomes.append({
            "oc": oc,
            "recommend": [_option_view(kb, x) for x in chosen],
            "ruled_out": [{"ro": ro, "opt": _option_view(kb, ro.option), "by": labels.get(ro.by) if ro.by else None} for ro in oc.ruled_out],
            "notes": _rule_notes(kb, chosen),
            "design": (urls.html_link(src, DESIGN_SRC) + "?" + query) if query else None,
            "full": query is not None,
        })
    cat = kb.categories.get(tree.category) if tree.category else None
    return Page(src, "tree.md.j2", tree.name, tree.summary, {
        "tree": tree, "questions": questions, "outcomes": outcomes, "into": into, "sources": kb.sources,
        "cat": cat, "cat_src": urls.category(kb.layer_of(cat.id).id, cat.id) if cat else None,
        "data_src": urls.asset_link(src, asset_path(tree.id)), "data_path": asset_path(tree.id), "root": urls.asset_link(src, ""),
        "start_label": labels[tree.start], "index_src": INDEX_SRC,
    }, edit_path=kb.origin("tree", tree.id).path)


def _display_order(tree: m.Tree) -> dict[str, int]:
    """Nodes in the order a reader meets them (breadth first from the start), so the outline
    reads top-down; questions and outcomes are numbered separately."""
    nodes = _nodes(tree)
    edges = _edges(tree, nodes)
    seen: list[str] = []
    todo = [tree.start]
    while todo:
        node = todo.pop(0)
        if node in seen:
            continue
        seen.append(node)
        todo.extend(edges.get(node, []))
    questions = [n for n in seen if nodes[n][0] == "questions"]
    outcomes = [n for n in seen if nodes[n][0] == "outcomes"]
    return {**{n: i for i, n in enumerate(questions)}, **{n: i for i, n in enumerate(outcomes)}}


def index_page(kb: KnowledgeBase) -> Page:
    trees = []
    for tree in _ordered(kb):
        start = next(q for q in tree.questions if q.id == tree.start)
        crosses = len({kb.options[o].category for oc in tree.outcomes for o in oc.recommend})
        trees.append({"tree": tree, "src": tree_src(tree.id), "start": start, "questions": len(tree.questions), "outcomes": len(tree.outcomes),
                      "cat": kb.categories.get(tree.category) if tree.category else None, "crosses": crosses})
    return Page(INDEX_SRC, "decide-index.md.j2", "Decide",
                "Decision trees for AKS networking: answer a few questions and get the options that fit, with the reasons and the alternatives ruled out.",
                {"trees": trees})


def _ordered(kb: KnowledgeBase) -> list[m.Tree]:
    """End-to-end trees first (their outcomes are whole designs), then the others in the order
    of the categories they decide."""
    cats = list(kb.categories)

    def key(t: m.Tree) -> tuple[int, int, str]:
        covered = {kb.options[o].category for oc in t.outcomes for o in oc.recommend}
        first = min((cats.index(c) for c in covered if c in cats), default=len(cats))
        return (0 if len(covered) == len(cats) else 1, first, t.id)

    return sorted(kb.trees.values(), key=key)


def pages(kb: KnowledgeBase, settings: Settings) -> list[Page]:
    if not kb.trees:
        return []
    return [index_page(kb)] + [tree_page(kb, t) for t in _ordered(kb)]


def nav(kb: KnowledgeBase) -> list[Any]:
    if not kb.trees:
        return []
    # Material renders navigation titles as HTML: names from the data are escaped.
    return [{"Decide": [INDEX_SRC] + [{html.escape(t.name): tree_src(t.id)} for t in _ordered(kb)]}]


# --- the wizard's data and the flowchart --------------------------------------------------------


def _mermaid_text(value: str) -> str:
    """Label text for Mermaid: HTML entities for everything markup-like, and no ``#``, which
    Mermaid would read as the start of its own entity codes."""
    return html.escape(" ".join(value.split()), quote=True).replace("#", "&num;")


def mermaid(kb: KnowledgeBase, tree: m.Tree, direction: str = "TD") -> tuple[str, dict[str, str]]:
    """A Mermaid flowchart of the tree and the map from its node names (n0, n1...) to node ids.
    Questions link to their outline anchors; an outcome links to its option's page when it
    recommends one option, else to its outline anchor, which lists every option it names."""
    src = tree_src(tree.id)
    order = _display_order(tree)
    names: dict[str, str] = {}
    lines = [f"flowchart {direction}"]
    for q in sorted(tree.questions, key=lambda q: order[q.id]):
        names[q.id] = f"n{len(names)}"
        lines.append(f'  {names[q.id]}["{_mermaid_text(q.question)}"]')
    for oc in sorted(tree.outcomes, key=lambda x: order[x.id]):
        names[oc.id] = f"n{len(names)}"
        # A category tree names its option under the title; a full combination is too long
        # for a box, and the outline lists it.
        opts = "" if tree.category is None else "<br/><small>" + _mermaid_text(" or ".join(kb.options[x].name for x in oc.recommend)) + "</small>"
        lines.append(f'  {names[oc.id]}(["{_mermaid_text(oc.title)}{opts}"])')
    for q in sorted(tree.questions, key=lambda q: order[q.id]):
        for a in q.answers:
            lines.append(f'  {names[q.id]} -->|"{_mermaid_text(a.label)}"| {names[a.next]}')
    for q in tree.questions:
        lines.append(f'  click {names[q.id]} href "#{q.id}"')
    for oc in tree.outcomes:
        target = urls.html_link(src, urls.option(oc.recommend[0])) if len(oc.recommend) == 1 else f"#{oc.id}"
        lines.append(f'  click {names[oc.id]} href "{target}"')
    lines.append("  classDef outcome stroke-width:2px")
    lines.append(f"  class {','.join(names[oc.id] for oc in tree.outcomes)} outcome")
    return "\n".join(lines) + "\n", {v: k for k, v in names.items()}


def tree_data(kb: KnowledgeBase, tree: m.Tree) -> dict[str, Any]:
    """What the wizard and the flowchart need. Prose (why, reasons) stays in the page."""
    src = tree_src(tree.id)
    chart, names = mermaid(kb, tree)
    return {
        "format": 1,
        "id": tree.id,
        "name": tree.name,
        "start": tree.start,
        "questions": {q.id: {"question": q.question, "answers": [{"id": a.id, "label": a.label, "next": a.next} for a in q.answers]} for q in tree.questions},
        "outcomes": {oc.id: {"title": oc.title, "recommend": [
            {"id": x, "name": kb.options[x].name, "category": kb.options[x].category, "status": status_badge(kb.options[x]),
             "url": urls.served(urls.option(x))} for x in oc.recommend],
            "ruled_out": [{"id": ro.option, "by": ro.by} for ro in oc.ruled_out],
            "design": ("design/?" + q) if (q := _design_query(kb, list(oc.recommend))) else None} for oc in tree.outcomes},
        "page": urls.served(src),
        "mermaid": chart,
        "mermaid_nodes": names,
    }


def assets(kb: KnowledgeBase) -> dict[str, str]:
    return {asset_path(t.id): json.dumps(tree_data(kb, t), sort_keys=True, ensure_ascii=False, indent=1) + "\n" for t in kb.trees.values()}
