"""Whether an existing cluster can switch to or away from an option, read from the options'
``migrations:`` blocks: the "change after creation" column of every category table, pair page
and tree outcome. A way back counts as reversible only when the data holds the reverse
migration; where there is none the column says that none is documented rather than guessing."""

from __future__ import annotations

from typing import Any

from .read import KnowledgeBase
from .vocab import MIGRATION_HOW_SHORT


def _words(how: str, one_way: bool | None, reversible: bool) -> str:
    return ", ".join([MIGRATION_HOW_SHORT[how]] + (["one-way"] if one_way else ["reversible"] if reversible else []))


def transitions(kb: KnowledgeBase, oid: str) -> dict[str, list[dict[str, Any]]]:
    """``{"into": [...], "out": [...]}``: the documented migrations into and out of ``oid``, each
    with the option at the other end, a few words (how, one-way or reversible) and the option
    page section that holds its steps and sources (``option`` + ``anchor``)."""
    back = {g.to for g in kb.options[oid].migrations}
    into = [
        {"option": o.id, "name": o.name, "words": _words(g.how, g.one_way, o.id in back), "page": o.id,
         "anchor": f"migrate-to-{oid}"}
        for o in kb.options_in(kb.options[oid].category)
        for g in o.migrations
        if g.to == oid
    ]
    out = [
        {"option": g.to, "name": kb.options[g.to].name, "page": oid, "anchor": f"migrate-to-{g.to}",
         "words": _words(g.how, g.one_way, any(b.to == oid for b in kb.options[g.to].migrations))}
        for g in kb.options[oid].migrations
    ]
    return {"into": into, "out": out}


def summary(kb: KnowledgeBase, oid: str) -> str:
    """The same as one line of text (the compare-any table): "Into it: kubenet (in place,
    one-way). Out of it: none documented." """
    t = transitions(kb, oid)

    def part(items: list[dict[str, Any]]) -> str:
        return "; ".join(f"{i['name']} ({i['words']})" for i in items) or "none documented"

    return f"Into it: {part(t['into'])}. Out of it: {part(t['out'])}."
