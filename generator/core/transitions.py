"""Whether an existing cluster can switch to or away from an option, read from the options'
``migrations:`` blocks (the "change after creation" column of every category table). A way back
counts as reversible only when the data holds the reverse migration; with none, the column says
that none is documented rather than guessing."""

from __future__ import annotations

from typing import Any

from .read import KnowledgeBase
from .vocab import MIGRATION_HOW_SHORT

HOW = MIGRATION_HOW_SHORT


def transitions(kb: KnowledgeBase, oid: str) -> dict[str, list[dict[str, Any]]]:
    """``{"to": [...], "away": [...]}``: the documented migrations into and out of ``oid``."""
    into = [
        {"option": o.id, "name": o.name, "how": g.how, "one_way": bool(g.one_way)}
        for o in kb.options_in(kb.options[oid].category)
        for g in o.migrations
        if g.to == oid
    ]
    away = [
        {
            "option": g.to,
            "name": kb.options[g.to].name,
            "how": g.how,
            "one_way": bool(g.one_way),
            "reversible": any(b.to == oid for b in kb.options[g.to].migrations),
        }
        for g in kb.options[oid].migrations
    ]
    return {"to": into, "away": away}


def summary(kb: KnowledgeBase, oid: str) -> str:
    """One line: "From: kubenet (in place, one-way). To: none documented." """
    t = transitions(kb, oid)

    def part(items: list[dict[str, Any]], away: bool) -> str:
        if not items:
            return "none documented"
        words = []
        for i in items:
            tags = [HOW[i["how"]]]
            tags += ["one-way"] if i["one_way"] else (["reversible"] if away and i.get("reversible") else [])
            words.append(f"{i['name']} ({', '.join(tags)})")
        return "; ".join(words)

    return f"Switch from: {part(t['to'], False)}. Switch to: {part(t['away'], True)}."
