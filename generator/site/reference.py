"""The reference pages: home, one per layer, category and option, the glossary, tags, and the
redirects that keep old option ids working; plus the navigation of those pages.
"""

from __future__ import annotations

import html
from typing import Any

from ..core import model as m
from ..core import transitions
from ..core.read import KnowledgeBase
from ..core.settings import Settings
from ..core.vocab import MIGRATION_HOW, STATUSES
from . import urls
from .diagram.views import option_diagram_view
from .page import Page
from .search import option_search_meta, search_meta, search_vocabulary
from .timeline import window
from .views import Notes, cell_view, is_stale, lifecycle_box, lifecycle_events, option_sources, rules_for, status_badge

#: The order of a category table's rows: recommended and generally available first, then by status
#: (an option whose status changes later, such as a GA option with a retirement ahead, comes after
#: the GA options that have none). Stated above each table.
ROW_ORDER = ("ga", "preview", "legacy", "retiring", "retired")


def row_rank(kb: KnowledgeBase, opt: m.Option) -> tuple[int, int, str]:
    badge = status_badge(kb, opt)
    level = ROW_ORDER.index(badge["level"]) if badge["level"] in ROW_ORDER else len(ROW_ORDER)
    recommended = level == 0 and "recommended" in opt.tags and not badge["later"]
    return (level, 0 if recommended else 1 + bool(badge["later"]), opt.name.lower())


def row_order_text() -> str:
    """The order above each table, in the status labels the badges use."""
    labels = [STATUSES[m.Status(s)].label for s in ROW_ORDER if s != "retired"]
    labels = [w if w.isupper() else w.lower() for w in labels]
    return f"recommended {labels[0]} first, then {', '.join(labels)}"


def _category_table(kb: KnowledgeBase, cat: m.Category, notes: Notes) -> dict[str, Any]:
    rows = []
    for opt in sorted(kb.options_in(cat.id), key=lambda o: row_rank(kb, o)):
        rows.append(
            {
                "id": opt.id,
                "name": opt.name,
                "src": urls.option(opt.id),
                "status": status_badge(kb, opt),
                "summary": opt.summary,
                "cells": [cell_view(opt.cells[d.id], d, notes) for d in cat.dimensions],
                "after_creation": transitions.transitions(kb, opt.id),
            }
        )
    return {"dimensions": cat.dimensions, "rows": rows, "order": row_order_text()}


#: How far the home page looks back and ahead for lifecycle ends.
HOME_WINDOW_DAYS = 90
_ENDS = ("retirement-announced", "end-of-patches", "end-of-support", "creation-blocked", "removed")


def _ends_window(kb: KnowledgeBase) -> dict[str, Any]:
    ahead, behind = window(kb, HOME_WINDOW_DAYS, HOME_WINDOW_DAYS)
    pick = lambda rows: [{"e": e, "src": urls.option(e.option.id)} for e in rows if e.kind in _ENDS]  # noqa: E731
    return {"days": HOME_WINDOW_DAYS, "ahead": pick(ahead), "behind": pick(behind), "src": urls.changes()}


def home_page(kb: KnowledgeBase) -> Page:
    layers = []
    for layer in kb.layers:
        cats = []
        for cat in layer.categories:
            cats.append(
                {
                    "cat": cat,
                    "src": urls.category(layer.id, cat.id),
                    "options": [
                        {"opt": o, "src": urls.option(o.id), "status": status_badge(kb, o)}
                        for o in kb.options_in(cat.id)
                    ],
                }
            )
        layers.append({"layer": layer, "src": urls.layer(layer.id), "categories": cats})
    tools = {
        "decide": urls.decide_index(),
        "compare": urls.compare_index(),
        "matrix": urls.compatibility(),
        "design": urls.design(),
        "planner": urls.ip_planner(),
    }
    return Page(
        urls.home(),
        "home.md.j2",
        "AKS Networking Atlas",
        "Choose how an Azure Kubernetes Service cluster is networked, layer by layer: compare options, check "
        "compatibility, and link the answer.",
        {
            "layers": layers,
            "option_count": len(kb.options),
            "tools": tools,
            "tree_count": len(kb.trees),
            "rule_count": len(kb.rules),
            "preset_count": len(kb.presets),
            "ends": _ends_window(kb),
            "meta": {"hide": ["navigation"]},
        },
        edit_path=kb.first_path("layer"),
    )


def layer_page(kb: KnowledgeBase, layer: m.Layer) -> Page:
    cats = [
        {
            "cat": c,
            "src": urls.category(layer.id, c.id),
            "options": [
                {"opt": o, "src": urls.option(o.id), "status": status_badge(kb, o)} for o in kb.options_in(c.id)
            ],
        }
        for c in layer.categories
    ]
    return Page(
        urls.layer(layer.id),
        "layer.md.j2",
        layer.name,
        layer.summary,
        {"layer": layer, "categories": cats, "meta": search_meta("layer")},
        edit_path=kb.origin("layer", layer.id).path,
    )


def category_page(kb: KnowledgeBase, layer: m.Layer, cat: m.Category) -> Page:
    notes = Notes()
    table = _category_table(kb, cat, notes)
    return Page(
        urls.category(layer.id, cat.id),
        "category.md.j2",
        cat.name,
        f"{cat.question} {cat.summary}",
        {
            "layer": layer,
            "cat": cat,
            "table": table,
            "notes": notes.items,
            "sources": kb.sources,
            "meta": {"hide": ["navigation", "toc"], **search_meta("category", names=[cat.name])},
        },
        edit_path=kb.origin("category", cat.id).path,
    )


def egress_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The outbound rules a firewall must allow (data/egress.yaml), with the options that drop one."""
    return [
        {"rule": r, "not_with": [kb.options[o].name for o in r.not_needed_with if o in kb.options]} for r in kb.egress
    ]


def option_page(kb: KnowledgeBase, opt: m.Option, settings: Settings, vocabulary: frozenset[str]) -> Page:
    """An option's page; ``vocabulary`` is the site's (``search_vocabulary``), read once per build."""
    cat = kb.categories[opt.category]
    layer = kb.layer_of(cat.id)
    notes = Notes()
    facts = [{"dim": d, "cell": cell_view(opt.cells[d.id], d, notes)} for d in cat.dimensions]
    in_category = kb.options_in(cat.id)
    siblings = [
        {
            "opt": o,
            "src": urls.option(o.id),
            "status": status_badge(kb, o),
            "pair_src": urls.side_by_side(opt.id, o.id, len(in_category)),
        }
        for o in in_category
        if o.id != opt.id
    ]
    # a structured step's `when` names options or detect.yaml facts; the page shows their names
    named = {o.id: o.name for o in kb.options.values()} | {f.id: f.name for f in (kb.detect.facts if kb.detect else [])}
    migrations = [
        {"mig": mig, "how": MIGRATION_HOW[mig.how], "target": kb.options[mig.to], "target_src": urls.option(mig.to),
         "when": [" or ".join(named.get(w, w) for w in ([] if isinstance(s, str) else s.when)) for s in mig.steps]}
        for mig in opt.migrations
    ]
    stale = is_stale(opt.verified_on, settings.today, settings.review_days)
    successor = opt.lifecycle.superseded_by
    variants = [
        {"v": v, "status": status_badge(kb, v), "events": lifecycle_events(kb, v.lifecycle)} for v in opt.variants
    ]
    return Page(
        urls.option(opt.id),
        "option.md.j2",
        opt.name,
        opt.summary,
        {
            "opt": opt,
            "cat": cat,
            "layer": layer,
            "cat_src": urls.category(layer.id, cat.id),
            "status": status_badge(kb, opt),
            "facts": facts,
            "notes": notes.items,
            "siblings": siblings,
            "migrations": migrations,
            "rules": rules_for(kb, opt.id),
            "sources": kb.sources,
            "cited": option_sources(opt),
            "stale": stale,
            "review_days": settings.review_days,
            "lifecycle": lifecycle_box(kb, opt),
            "events": lifecycle_events(kb, opt.lifecycle),
            "variants": variants,
            "successor": {"opt": kb.options[successor], "src": urls.option(successor)} if successor else None,
            "egress": egress_rows(kb) if opt.id in kb.egress_shown_on else [],
            "design_src": urls.design(),
            "diagram": option_diagram_view(kb, opt.id, urls.option(opt.id)),
            "meta": option_search_meta(opt, kb.terms, vocabulary),
        },
        edit_path=kb.origin("option", opt.id).path,
    )


def glossary_page(kb: KnowledgeBase) -> Page:
    terms = sorted(kb.terms, key=lambda t: t.term.lower())
    return Page(
        urls.glossary(),
        "glossary.md.j2",
        "Glossary",
        "The networking terms and abbreviations used across the atlas, explained.",
        {
            "terms": [
                {"term": t, "see": [{"opt": kb.options[s], "src": urls.option(s)} for s in t.see]} for t in terms
            ],
            "sources": kb.sources,
            "meta": search_meta("glossary"),
        },
        edit_path=kb.first_path("term"),
    )


def tags_page(kb: KnowledgeBase) -> Page:
    by_tag: dict[str, list[dict[str, Any]]] = {}
    for opt in sorted(kb.options.values(), key=lambda o: o.name.lower()):
        # Lifecycle tags (preview, retiring...) are the computed state on the build date.
        state = kb.state(opt).level
        for tag in opt.tags + ([state.value] if state is not m.Status.ga else []):
            by_tag.setdefault(tag, []).append({"opt": opt, "src": urls.option(opt.id), "status": status_badge(kb, opt)})
    return Page(
        urls.tags(),
        "tags.md.j2",
        "Tags",
        "Options grouped by tag: recommended, preview, retiring and more.",
        {"tags": sorted(by_tag.items())},
    )


def redirect_page(src: str, dest: str, opt: m.Option) -> Page:
    """A page at the old address ``src`` that sends readers and crawlers on to ``dest``."""
    return Page(
        src,
        "redirect.md.j2",
        opt.name,
        f"{opt.name} moved to a new address.",
        {
            "opt": opt,
            "meta": {"template": "redirect.html", "redirect": urls.served_link(src, dest), **search_meta("redirect")},
        },
    )


def alias_pages(kb: KnowledgeBase) -> list[Page]:
    """Old ids keep working: ``/options/<alias>/`` redirects to the option's current page."""
    return [
        redirect_page(urls.option(alias), urls.option(opt.id), opt)
        for opt in sorted(kb.options.values(), key=lambda o: o.id)
        for alias in opt.aliases
    ]


def abbreviations(kb: KnowledgeBase) -> str:
    """Markdown abbreviation definitions appended to every page (tooltips site-wide)."""
    lines = [
        f"*[{t.term}]: {t.expansion}" for t in sorted(kb.terms, key=lambda t: t.term) if t.abbreviation and t.expansion
    ]
    return "\n".join(lines)


def all_pages(kb: KnowledgeBase, settings: Settings) -> list[Page]:
    pages = [home_page(kb)]
    for layer in kb.layers:
        pages.append(layer_page(kb, layer))
        pages.extend(category_page(kb, layer, cat) for cat in layer.categories)
    vocabulary = search_vocabulary(kb)
    pages.extend(option_page(kb, opt, settings, vocabulary) for opt in sorted(kb.options.values(), key=lambda o: o.id))
    pages.append(glossary_page(kb))
    pages.append(tags_page(kb))
    pages.extend(alias_pages(kb))
    return pages


def layers_nav(kb: KnowledgeBase) -> list[Any]:
    """The start of the navigation: home, then one tab per layer with its categories and options.

    Material renders navigation titles as HTML, so names from the data are escaped here."""
    esc = html.escape
    items: list[Any] = [{"Home": urls.home()}]
    for layer in kb.layers:
        entries: list[Any] = [urls.layer(layer.id)]
        for cat in layer.categories:
            entries.append(
                {
                    esc(cat.name): [urls.category(layer.id, cat.id)]
                    + [{esc(o.name): urls.option(o.id)} for o in kb.options_in(cat.id)]
                }
            )
        items.append({esc(layer.name): entries})
    return items[:1] + _grouped(items[1:])


#: The most layers one level of the navigation lists. Material renders, on every page, the open
#: path of the navigation with the siblings at each level, so a flat list of layers makes every
#: page grow with their number. The atlas has four; a knowledge base with more gets sections of
#: at most this many layers (and sections of sections), named by their first and last layer.
NAV_FANOUT = 8


def _grouped(layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    spans = [(next(iter(item)), next(iter(item)), item) for item in layers]
    while len(spans) > NAV_FANOUT:
        chunks = [spans[i : i + NAV_FANOUT] for i in range(0, len(spans), NAV_FANOUT)]
        spans = [(c[0][0], c[-1][1], {f"{c[0][0]} – {c[-1][1]}": [item for _, _, item in c]}) for c in chunks]
    return [item for _, _, item in spans]


def reference_nav() -> list[Any]:
    """The end of the navigation: the glossary, tags and the hand-written page about the data."""
    return [{"Reference": [{"Glossary": urls.glossary()}, {"Tags": urls.tags()}, {"About the data": urls.about()}]}]
