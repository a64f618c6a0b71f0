"""How much each kind of page weighs in the header search: the one table of the search front matter
(`boost` multiplies a page's score; `exclude` leaves it out of the index), and the words a page is
found by (`tags`).

Options come first because a reader's query names or describes one; a category page answers a
query for its own name; the tools answer a query for theirs; the glossary explains a term and
links the options, so it comes after them. Pairwise comparisons repeat what both option pages say
(about a third of the index text): they are left out and stay reachable from each option page and
from compare-any. Redirects from old addresses have nothing to find: they are left out too.

How the index scores (Material's lunr, `b(0)`: no length normalisation; tags weigh 10^6 times the
body text, titles 10^3): every query word is matched as a prefix, each matching index word adds
its inverse document frequency, a repeated word in one field counts up to about 1.4 times. So the
tags carry the ranking, and three things decide it: which words a page has, that no page gets a
match from a rare word that merely starts with a common query word ("azure/application" for
"azure"), and that a page's own name and abbreviations count more than its other synonyms, so
that the option called "User-defined routing" (UDR) wins "udr" over kubenet, which merely uses a
UDR.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from . import urls
from .assets import compact_json

SEARCH: dict[str, dict[str, Any]] = {
    "option": {"boost": 10},
    "category": {"boost": 12},
    "tool": {"boost": 8},
    "layer": {"boost": 2},
    "glossary": {"boost": 0.5},
    "pair": {"exclude": True},
    "redirect": {"exclude": True},
}

# Words that tell nothing about a page: they would match every page that has them.
_STOP = frozenset({"a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with", "your"})


def search_meta(
    kind: str, keywords: Iterable[str] | None = None, names: Iterable[str] | None = None, vocabulary: Iterable[str] = ()
) -> dict[str, Any]:
    """The front matter that gives a page of this kind its weight in search and its words: `names`
    (the page's own name, its abbreviations) count more than `keywords` (curated synonyms)."""
    meta: dict[str, Any] = {"search": dict(SEARCH[kind])}
    tags = search_tags(list(keywords or []), list(names or []), vocabulary)
    if tags:
        meta["tags"] = tags
    return meta


def words(text: str) -> list[str]:
    """The words of a name or keyword as a reader types them (see ``_words``)."""
    return list(_words(text))


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """The words of a name or keyword as a reader types them: an identifier split at its capitals
    ("CiliumNetworkPolicy"), lower case, split at spaces, hyphens, slashes and brackets, so that
    "azure/application" is "azure" and "application" and no rare word starts with a common one."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])", " ", text)
    parts = re.split(r"[\s\-/()\[\],;:]+", text.lower())
    return tuple(p.strip(".") for p in parts if p.strip(".") and p.strip(".") not in _STOP)


def initials(name: str) -> str:
    """What a name is abbreviated to: the first letters of its words before any bracket
    ("User-defined routing (firewall or NVA)" is "udr")."""
    return "".join(w[0] for w in words(name.split("(")[0]))


def search_tags(keywords: list[str], names: list[str] | None = None, vocabulary: Iterable[str] = ()) -> list[str]:
    """Keywords and names as index tags: each word once, and once more for each name that has it.
    A synonym's word that merely extends a shorter word of this page or of the site's `vocabulary`
    is left out ("pods" beside "pod", "clusterwide" beside "cluster": a query for the short word
    would match it too, and a rare word weighs more than a common one) unless a keyword is that
    word alone, as curated compounds and abbreviations are ("jumpbox", "natgw", "IPv6"), or a word
    of the first name, the page's own."""
    strong = [w for n in names or [] for w in dict.fromkeys(words(n))]
    weak = [w for k in keywords for w in words(k)]
    whole = {k.strip().lower() for k in keywords if k.strip().isalnum()}
    own = set(words(names[0])) if names else set()
    found = list(dict.fromkeys(strong + weak))
    shorter = {v for v in [*found, *vocabulary] if len(v) > 1}
    kept = [
        w
        for w in found
        if w in whole or w in own or not any(w[:i] in shorter for i in range(2, len(w)))
    ]
    return kept + [w for w in strong if w in kept]


def search_vocabulary(kb: Any) -> frozenset[str]:
    """Every word a reader finds a page by: option and category names, keywords, glossary terms."""
    texts = [o.name for o in kb.options.values()] + [k for o in kb.options.values() for k in o.keywords]
    texts += [c.name for c in kb.categories.values()] + [t.term for t in kb.terms]
    return frozenset(w for t in texts for w in words(t))


def option_search_meta(opt: Any, terms: Iterable[Any], vocabulary: Iterable[str] = ()) -> dict[str, Any]:
    """An option's search front matter. Its names: its name, the keywords that abbreviate it ("UDR"
    for "User-defined routing"), and the glossary terms that name it (the first option of `see` is
    the one that implements the term: Cilium is first the dataplane, then its policy engine). Its
    synonyms: the other keywords, and the glossary terms that point at it with their expansions."""
    linked = [t for t in terms if opt.id in t.see]
    short = initials(opt.name)
    names = [opt.name, *(k for k in opt.keywords if len(short) > 1 and k.lower() == short)]
    names += [t.term for t in linked if t.see[0] == opt.id]
    synonyms = [*opt.keywords, *(t.term for t in linked), *(t.expansion for t in linked if t.expansion)]
    return search_meta("option", synonyms, names, vocabulary)


def suggest_data(kb: Any) -> dict[str, Any]:
    """What "did you mean" offers when a search finds nothing (docs/assets/js/cores/suggest.js):
    each option and category with its name, address (from the site root) and the words it is also
    known by (keywords, and the glossary terms that point at an option)."""
    entries = []
    for layer in kb.layers:
        for cat in layer.categories:
            entries.append({"name": cat.name, "url": urls.served(urls.category(layer.id, cat.id)), "kind": "category"})
    for opt in sorted(kb.options.values(), key=lambda o: o.name.lower()):
        linked = [t.term for t in kb.terms if opt.id in t.see]
        entries.append(
            {
                "name": opt.name,
                "url": urls.served(urls.option(opt.id)),
                "kind": "option",
                "also": list(dict.fromkeys([*opt.keywords, *linked])),
            }
        )
    return {"entries": entries}


def suggest_json(kb: Any) -> str:
    return compact_json(suggest_data(kb))
