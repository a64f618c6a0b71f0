"""Page contexts: pure functions from the checked knowledge base to what each template shows.

Templates only lay out; every decision about what a page says (which notes get which number,
which rules apply, whether a fact is stale) is made here, where it is easy to unit-test.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import Any

from . import model as m
from . import urls
from .read import KnowledgeBase

STATUS_LABELS = {
    m.Status.ga: "GA",
    m.Status.preview: "Preview",
    m.Status.legacy: "Legacy",
    m.Status.retiring: "Retiring",
    m.Status.retired: "Retired",
}
SUPPORT_LABELS = {
    m.Support.yes: "Yes",
    m.Support.partial: "Partial",
    m.Support.no: "No",
    m.Support.preview: "Preview",
    m.Support.retiring: "Retiring",
    m.Support.na: "n/a",
}
RULE_LABELS = {
    m.RuleKind.requires: ("requires", "is required by"),
    m.RuleKind.conflicts: ("does not work with", "does not work with"),
    m.RuleKind.recommended_with: ("is recommended with", "is recommended with"),
    m.RuleKind.degrades: ("works with caveats with", "works with caveats with"),
}


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, which template draws it, with what, from which file."""

    src: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    edit_path: str | None = None


def fmt_number(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


def status_badge(opt: m.Option) -> dict[str, str]:
    st = opt.status
    label = STATUS_LABELS[st.level]
    if st.retires_on:
        label = f"{label} {st.retires_on.isoformat()}"
    return {"level": st.level.value, "label": label}


_LIFECYCLE_TEXT = {
    m.Status.preview: "This option is in preview: no SLA, and it may change before general availability.",
    m.Status.legacy: "This option still works but is no longer the recommended choice.",
    m.Status.retiring: "This option is being retired.",
    m.Status.retired: "This option is retired.",
}


def lifecycle_box(opt: m.Option) -> dict[str, str] | None:
    """The admonition an option page opens with: lifecycle warnings, or a disputed GA status."""
    st = opt.status
    if st.level is m.Status.ga and not st.disputed:
        return None
    kind = "danger" if st.level in (m.Status.retiring, m.Status.retired) else "info" if st.level is m.Status.ga else "note"
    text = st.note or _LIFECYCLE_TEXT.get(st.level, "Official pages disagree on this option's status; we show it as generally available.")
    return {"kind": kind, "text": text}


def is_stale(date: dt.date, today: dt.date, review_days: int) -> bool:
    return (today - date).days > review_days


class Notes:
    """Numbered footnotes for one page, caniuse style: the same text gets the same number."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, tuple[str, ...]], int] = {}

    def add(self, text: str, sources: list[str], disputed: list[m.Dispute] | tuple = ()) -> int:
        key = (text, tuple(sources) + tuple(d.says for d in disputed))
        if key not in self._index:
            self.items.append({"n": len(self.items) + 1, "text": text, "sources": list(sources), "disputed": list(disputed)})
            self._index[key] = len(self.items)
        return self._index[key]


def cell_view(cell: m.Cell, dim: m.Dimension, notes: Notes) -> dict[str, Any]:
    """What one table cell shows: a level badge and/or a value, and its footnote numbers."""
    level = cell.level.value if cell.level else None
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        shown = fmt_number(cell.value)
        sort_key = f"{float(cell.value):020.3f}"  # zero-padded: tablesort compares strings
    else:
        shown = str(cell.value) if cell.value is not None else None
        sort_key = shown or ""
    label = SUPPORT_LABELS[cell.level] if cell.level else None
    refs = []
    if cell.note or cell.disputed:
        refs.append(notes.add(cell.note or "Official pages disagree on this value.", cell.sources, cell.disputed))
    if cell.level and not shown:
        sort_key = {"yes": "5", "partial": "4", "preview": "3", "retiring": "2", "no": "1", "n/a": "0"}[level]
    return {
        "level": level,
        "label": label,
        "value": shown,
        "sort": sort_key,
        "refs": refs,
        "disputed": bool(cell.disputed),
        "sources": cell.sources,
    }


def _category_table(kb: KnowledgeBase, cat: m.Category, notes: Notes) -> dict[str, Any]:
    rows = []
    for opt in kb.options_in(cat.id):
        rows.append({
            "id": opt.id,
            "name": opt.name,
            "src": urls.option(opt.id),
            "status": status_badge(opt),
            "summary": opt.summary,
            "cells": [cell_view(opt.cells[d.id], d, notes) for d in cat.dimensions],
        })
    return {"dimensions": cat.dimensions, "rows": rows}


def rules_for(kb: KnowledgeBase, option_id: str) -> list[dict[str, Any]]:
    """Every rule that mentions ``option_id``, phrased from its point of view."""
    out = []
    for rule in kb.rules:
        if option_id not in (rule.a, rule.b):
            continue
        forward = rule.a == option_id
        other = rule.b if forward else rule.a
        verb = RULE_LABELS[rule.kind][0 if forward else 1]
        out.append({"rule": rule, "kind": rule.kind.value, "verb": verb, "other": kb.options[other], "other_src": urls.option(other)})
    order = [k.value for k in (m.RuleKind.conflicts, m.RuleKind.requires, m.RuleKind.degrades, m.RuleKind.recommended_with)]
    return sorted(out, key=lambda r: (order.index(r["kind"]), r["other"].name.lower()))


def _option_sources(opt: m.Option) -> list[str]:
    """Every source the option cites anywhere, main sources first, each once."""
    seen: list[str] = []

    def add(refs: list[str]) -> None:
        for r in refs:
            if r not in seen:
                seen.append(r)

    add(opt.sources)
    add(opt.status.sources)
    for d in opt.status.disputed:
        add(d.sources)
    for cell in opt.cells.values():
        add(cell.sources)
        for d in cell.disputed:
            add(d.sources)
    for lim in opt.limits:
        add(lim.sources)
    for var in opt.variants:
        add(var.sources)
    for mig in opt.migrations:
        add(mig.sources)
    return seen


def home_page(kb: KnowledgeBase) -> Page:
    layers = []
    for layer in kb.layers:
        cats = []
        for cat in layer.categories:
            cats.append({"cat": cat, "src": urls.category(layer.id, cat.id), "options": [
                {"opt": o, "src": urls.option(o.id), "status": status_badge(o)} for o in kb.options_in(cat.id)
            ]})
        layers.append({"layer": layer, "src": urls.layer(layer.id), "categories": cats})
    tools = {"decide": urls.decide_index(), "compare": urls.compare_index(), "matrix": urls.compatibility(),
             "design": urls.design(), "planner": urls.ip_planner()}
    return Page(urls.home(), "home.md.j2", "AKS Networking Atlas",
                "Choose how an Azure Kubernetes Service cluster is networked, layer by layer: compare options, check compatibility, and link the answer.",
                {"layers": layers, "option_count": len(kb.options), "tools": tools, "tree_count": len(kb.trees),
                 "rule_count": len(kb.rules), "preset_count": len(kb.presets), "meta": {"hide": ["navigation"]}},
                edit_path="data/categories.yaml")


def layer_page(kb: KnowledgeBase, layer: m.Layer) -> Page:
    cats = [{"cat": c, "src": urls.category(layer.id, c.id), "options": [
        {"opt": o, "src": urls.option(o.id), "status": status_badge(o)} for o in kb.options_in(c.id)
    ]} for c in layer.categories]
    return Page(urls.layer(layer.id), "layer.md.j2", layer.name, layer.summary,
                {"layer": layer, "categories": cats}, edit_path=kb.origin("layer", layer.id).path)


def category_page(kb: KnowledgeBase, layer: m.Layer, cat: m.Category) -> Page:
    notes = Notes()
    table = _category_table(kb, cat, notes)
    return Page(urls.category(layer.id, cat.id), "category.md.j2", cat.name, f"{cat.question} {cat.summary}",
                {"layer": layer, "cat": cat, "table": table, "notes": notes.items, "sources": kb.sources,
                 "meta": {"hide": ["navigation", "toc"]}},
                edit_path=kb.origin("category", cat.id).path)


def option_page(kb: KnowledgeBase, opt: m.Option, today: dt.date, review_days: int) -> Page:
    cat = kb.categories[opt.category]
    layer = kb.layer_of(cat.id)
    notes = Notes()
    facts = [{"dim": d, "cell": cell_view(opt.cells[d.id], d, notes)} for d in cat.dimensions]
    siblings = [{"opt": o, "src": urls.option(o.id), "status": status_badge(o), "pair_src": urls.pair(opt.id, o.id)}
                for o in kb.options_in(cat.id) if o.id != opt.id]
    migrations = [{"mig": mig, "target": kb.options[mig.to], "target_src": urls.option(mig.to)} for mig in opt.migrations]
    stale = is_stale(opt.verified_on, today, review_days)
    return Page(
        urls.option(opt.id), "option.md.j2", opt.name, opt.summary,
        {
            "opt": opt, "cat": cat, "layer": layer, "cat_src": urls.category(layer.id, cat.id),
            "status": status_badge(opt), "facts": facts, "notes": notes.items, "siblings": siblings,
            "migrations": migrations, "rules": rules_for(kb, opt.id), "sources": kb.sources,
            "cited": _option_sources(opt), "stale": stale, "review_days": review_days, "lifecycle": lifecycle_box(opt),
        },
        edit_path=kb.origin("option", opt.id).path,
    )


def glossary_page(kb: KnowledgeBase) -> Page:
    terms = sorted(kb.terms, key=lambda t: t.term.lower())
    return Page(urls.glossary(), "glossary.md.j2", "Glossary", "The networking terms and abbreviations used across the atlas, explained.",
                {"terms": [{"term": t, "see": [{"opt": kb.options[s], "src": urls.option(s)} for s in t.see]} for t in terms],
                 "sources": kb.sources}, edit_path="data/glossary.yaml")


def tags_page(kb: KnowledgeBase) -> Page:
    by_tag: dict[str, list[dict[str, Any]]] = {}
    for opt in sorted(kb.options.values(), key=lambda o: o.name.lower()):
        for tag in opt.tags:
            by_tag.setdefault(tag, []).append({"opt": opt, "src": urls.option(opt.id), "status": status_badge(opt)})
    return Page(urls.tags(), "tags.md.j2", "Tags", "Options grouped by tag: recommended, preview, retiring and more.",
                {"tags": sorted(by_tag.items())})


def alias_pages(kb: KnowledgeBase) -> list[Page]:
    """Old ids keep working: ``/options/<alias>/`` redirects to the option's current page."""
    out = []
    for opt in sorted(kb.options.values(), key=lambda o: o.id):
        for alias in opt.aliases:
            src = urls.option(alias)
            target = urls.html_link(src, urls.option(opt.id))
            out.append(Page(src, "redirect.md.j2", opt.name, f"{opt.name} moved to a new address.",
                            {"target_src": urls.md_link(src, urls.option(opt.id)), "opt": opt,
                             "meta": {"template": "redirect.html", "redirect": target}}))
    return out


def abbreviations(kb: KnowledgeBase) -> str:
    """Markdown abbreviation definitions appended to every page (tooltips site-wide)."""
    lines = [f"*[{t.term}]: {t.expansion}" for t in sorted(kb.terms, key=lambda t: t.term) if t.abbreviation and t.expansion]
    return "\n".join(lines)


def all_pages(kb: KnowledgeBase, today: dt.date, review_days: int) -> list[Page]:
    pages = [home_page(kb)]
    for layer in kb.layers:
        pages.append(layer_page(kb, layer))
        pages.extend(category_page(kb, layer, cat) for cat in layer.categories)
    pages.extend(option_page(kb, opt, today, review_days) for opt in sorted(kb.options.values(), key=lambda o: o.id))
    pages.append(glossary_page(kb))
    pages.append(tags_page(kb))
    pages.extend(alias_pages(kb))
    return pages


def nav(kb: KnowledgeBase) -> list[Any]:
    """The site navigation: one tab per layer, then the reference pages.

    Material renders navigation titles as HTML, so names from the data are escaped here."""
    esc = html.escape
    items: list[Any] = [{"Home": urls.home()}]
    for layer in kb.layers:
        entries: list[Any] = [urls.layer(layer.id)]
        for cat in layer.categories:
            entries.append({esc(cat.name): [urls.category(layer.id, cat.id)] + [{esc(o.name): urls.option(o.id)} for o in kb.options_in(cat.id)]})
        items.append({esc(layer.name): entries})
    from .features import FEATURES  # late: feature modules import this module

    for feature in FEATURES:
        items.extend(feature.nav(kb))
    items.append({"Reference": [{"Glossary": urls.glossary()}, {"Tags": urls.tags()}, {"About the data": "about.md"}]})
    return items
