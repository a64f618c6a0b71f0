"""Step 4: the ordered steps from the cluster as found to a target design, from the options'
``migrations:`` blocks.

Per category the plan follows the shortest documented path (fewest migrations, data order on a
tie) that the cluster's facts do not block. The order across categories follows the data:
a migration's ``needs`` are reached first (no network policy engine before Overlay), a
migration's ``also`` moves other categories with it (the Cilium dataplane brings Cilium policy),
and among the moves that are ready, the first in ``command_order`` that adds no rule conflict
goes first (kubenet to Overlay before the Cilium dataplane). ``cores/migrate.js`` mirrors it.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from ...core import model as m
from ...core.design_rules import evaluate
from ...core.read import KnowledgeBase
from ...site import urls
from .fill import fill, unfilled

MAX_MOVES = 30


def migration(kb: KnowledgeBase, a: str, b: str) -> m.Migration | None:
    return next((g for g in kb.options[a].migrations if g.to == b), None)


def path(kb: KnowledgeBase, a: str, b: str, facts: set[str]) -> list[str] | None:
    """The options from ``a`` to ``b`` (both included) over documented migrations, or None."""
    back: dict[str, str | None] = {a: None}
    queue = deque([a])
    while queue:
        here = queue.popleft()
        if here == b:
            out = [b]
            while back[out[-1]] is not None:
                out.append(back[out[-1]])  # type: ignore[arg-type]
            return out[::-1]
        for g in kb.options[here].migrations:
            if g.to not in back and not (set(g.blocked_by) & facts):
                back[g.to] = here
                queue.append(g.to)
    return None


def replacement(kb: KnowledgeBase, oid: str, facts: set[str]) -> str | None:
    """The default target for a retiring option: what supersedes it, else the best-ranked
    migration target (recommended and GA first) that is not itself on its way out."""
    opt = kb.options[oid]
    if opt.lifecycle.superseded_by:
        return opt.lifecycle.superseded_by
    ok = [
        g.to
        for g in opt.migrations
        if not (set(g.blocked_by) & facts) and kb.state(kb.options[g.to]).level in (m.Status.ga, m.Status.preview)
    ]
    rank = {  # recommended GA, GA, preview
        g: (kb.state(kb.options[g]).level is not m.Status.ga, "recommended" not in kb.options[g].tags) for g in ok
    }
    return min(ok, key=lambda g: rank[g]) if ok else None


def _errors(kb: KnowledgeBase, state: dict[str, str]) -> set[str]:
    return {f["rule"] for f in evaluate(kb, state) if f["severity"] == "error"}


def _step_needed(step: m.Step, held: set[str]) -> bool:
    return not step.when or bool(set(step.when) & held)


def _steps(kb: KnowledgeBase, g: m.Migration, held: set[str], given: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for s in g.steps:
        if isinstance(s, str):
            spans = re.findall(r"`(az [^`]+)`", s)
            item = {"do": fill(s, given), "kind": "step", "command": fill(spans[0], given) if spans else None}
            item |= {"reimages": False, "downtime": False}
        elif _step_needed(s, held):
            item = {"do": fill(s.do, given), "kind": s.kind, "command": fill(s.command, given) if s.command else None}
            item |= {"reimages": s.reimages, "downtime": s.downtime}
        else:
            continue
        item["supply"] = sorted(set(unfilled(item["command"] or "")))
        out.append(item)
    return out


def _move(kb, state, facts, a, b, given) -> dict[str, Any]:
    g = migration(kb, a, b)
    assert g is not None
    held = set(state.values()) | facts
    return {
        "category": kb.options[a].category,
        "from": a,
        "to": b,
        "how": g.how,
        "one_way": g.one_way,
        "also": list(g.also),
        "requires": g.requires,
        "summary": g.summary.strip(),
        "steps": _steps(kb, g, held, given),
        "sources": [{"id": s, "url": kb.sources[s].url, "title": kb.sources[s].title} for s in g.sources],
        "page": urls.option(a) + f"#migrate-to-{b}",
    }


def plan(
    kb: KnowledgeBase, current: dict[str, str], target: dict[str, str], facts: set[str], given: dict[str, str]
) -> dict[str, Any]:
    """``{"moves": [...], "unreachable": [...], "at_creation": [...]}``: each move one documented
    migration with its steps (filtered by the cluster's options and facts, commands filled);
    ``unreachable`` the categories whose target no documented path reaches. A move that needs a
    new cluster goes first, and every other change becomes a setting of that new cluster
    (``at_creation``, with the designer's query for the whole target design)."""
    state = dict(current)
    # Only categories the cluster's JSON told us about: nothing is planned from a guess.
    order = [c for c in (kb.command_order or list(target)) if c in target and c in state]
    moves: list[dict[str, Any]] = []
    unreachable: list[dict[str, str]] = []
    at_creation: list[dict[str, str]] = []

    def apply(a: str, b: str) -> None:
        moves.append(_move(kb, state, facts, a, b, given))
        g = migration(kb, a, b)
        state[kb.options[a].category] = b
        for other in g.also if g else []:
            state[kb.options[other].category] = other

    def hop(cat: str, goal: str) -> tuple[str, str] | None:
        p = path(kb, state[cat], goal, facts)
        return (p[0], p[1]) if p and len(p) > 1 else None

    while len(moves) < MAX_MOVES:
        pending = [c for c in order if state.get(c) != target[c] and c not in {u["category"] for u in unreachable}]
        if not pending:
            break
        ready = []
        for cat in pending:
            first = hop(cat, target[cat])
            if first is None:
                unreachable.append({"category": cat, "from": state[cat], "to": target[cat]})
                continue
            g = migration(kb, *first)
            need = next((n for n in (g.needs if g else []) if state.get(kb.options[n].category) != n), None)
            if need is not None:
                ncat = kb.options[need].category
                first = hop(ncat, need)
                if first is None:
                    unreachable.append({"category": cat, "from": state[cat], "to": target[cat], "needs": need})
                    continue
            ready.append(first)
        if not ready:
            break
        rebuild = next((r for r in ready if migration(kb, *r).how == "rebuild"), None)  # type: ignore[union-attr]
        if rebuild is not None:
            apply(*rebuild)
            at_creation = [{"category": c, "from": state[c], "to": target[c]} for c in order if state[c] != target[c]]
            state.update({c: target[c] for c in order})
            unreachable = []
            break
        before = _errors(kb, state)
        calm = [r for r in ready if not (_errors(kb, {**state, kb.options[r[0]].category: r[1]}) - before)]
        apply(*(calm or ready)[0])
    design = urls.design_query((c, target[c]) for c in order) if at_creation or any(
        mv["how"] == "rebuild" for mv in moves) else ""
    return {"moves": moves, "unreachable": unreachable, "at_creation": at_creation, "design": design, "final": state}
