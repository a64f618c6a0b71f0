"""How much each kind of page weighs in the header search: the one table of Material's `search`
front matter (`boost` multiplies a page's score; `exclude` leaves it out of the index).

Options come first because a reader's query names or describes one; a category page answers a
query for its own name (its name is its only tag, so it outranks the options that merely share a
word of it); the glossary explains a term and links the options, so it
comes after them. Pairwise comparisons repeat what both option pages say (about a third of the
index text): they are left out and stay reachable from each option page and from compare-any.
Redirects from old addresses have nothing to find: they are left out too.
"""

from __future__ import annotations

import re
from typing import Any

SEARCH: dict[str, dict[str, Any]] = {
    "option": {"boost": 10},
    "category": {"boost": 12},
    "layer": {"boost": 2},
    "glossary": {"boost": 0.5},
    "pair": {"exclude": True},
    "redirect": {"exclude": True},
}


def search_meta(kind: str, keywords: list[str] | None = None) -> dict[str, Any]:
    """The front matter that gives a page of this kind its weight in search, and its keywords."""
    meta: dict[str, Any] = {"search": dict(SEARCH[kind])}
    if keywords:
        meta["tags"] = search_tags(keywords)
    return meta


def search_tags(keywords: list[str]) -> list[str]:
    """Keywords as index tags. The index splits tags into words, counts repeats, and matches each
    query word as a prefix, so: each word once; no word that merely extends another of the same
    option ("apiserver" beside "api": a query for "api" would count twice); and a keyword of two
    short words also joined up, as it is often typed ("jump box", "jumpbox")."""
    words: dict[str, None] = {}
    joined: dict[str, None] = {}
    for k in keywords:
        parts = [w for w in re.split(r"[\s\-]+", k.lower()) if w]
        words.update(dict.fromkeys(parts))
        if len(parts) == 2 and all(len(w) <= 4 for w in parts):
            joined.setdefault("".join(parts))
    kept = [w for w in words if not any(w != v and w.startswith(v) for v in words)]
    return kept + [j for j in joined if j not in kept]
