"""``api/migrate.json``: what ``migrate.js`` needs to run the audit in the browser, computed from
the same data as the CLI: detection tests with the select values filled in, facts, options with
their lifecycle state and its coming changes, migrations, and the designer's rule data."""

from __future__ import annotations

from typing import Any

from ...core import lifecycle, vocab
from ...core import model as m
from ...core.read import KnowledgeBase
from ...site import urls
from ...site.assets import compact_json
from ...site.views import state_label
from .detect import entry_tests
from .report import UNREAD


def _test(t) -> dict[str, Any]:
    return {k: v for k, v in t.model_dump().items() if v not in (None, [])}


def _option(kb: KnowledgeBase, oid: str) -> dict[str, Any]:
    opt = kb.options[oid]
    st = kb.state(opt)
    return {
        "id": oid,
        "name": opt.name,
        "category": opt.category,
        "level": st.level.value,
        "date": st.date,
        "scoped": [[s, lv.value, d] for s, lv, d in st.scoped],
        "later": [[d.isoformat(), s.level.value, state_label(s), [[x, lv.value, dd] for x, lv, dd in s.scoped], s.date]
                  for d, s in lifecycle.changes_after(opt.lifecycle, kb.on)],
        "superseded_by": opt.lifecycle.superseded_by,
        "tags": list(opt.tags),
        "note": opt.lifecycle.note or "",
        "page": urls.option(oid),
        "migrations": [_migration(kb, g) for g in opt.migrations],
    }


def _migration(kb: KnowledgeBase, g) -> dict[str, Any]:
    d = g.model_dump(mode="json")
    d["sources"] = [{"id": s, "url": kb.sources[s].url, "title": kb.sources[s].title} for s in g.sources]
    return d


def migrate_data(kb: KnowledgeBase) -> dict[str, Any]:
    det = kb.detect or m.DetectFile(categories=[], sources=[], verified_on=kb.on)  # a KB may have no detect.yaml
    return {
        "on": kb.on.isoformat(),
        "order": kb.command_order or [c for c in kb.categories],
        "categories": {c.id: c.name for c in kb.categories.values()},
        "unread": UNREAD,  # what a category without detection data says
        "detect": [
            {
                "category": c.category,
                "multiple": c.multiple,
                "otherwise": c.otherwise,
                "entries": [
                    {"option": e.option, "note": e.note or "", "tests": [_test(t) for t in entry_tests(kb, e)]}
                    for e in c.entries
                ],
            }
            for c in det.categories
        ],
        "facts": [{"id": f.id, "name": f.name, "tests": [_test(t) for t in f.match]} for f in det.facts],
        "options": {oid: _option(kb, oid) for oid in sorted(kb.options)},
        "rules": [{"id": r.id, "kind": r.kind.value, "a": r.a, "b": r.b} for r in kb.rules],
        "vocab": vocab.as_json(),
        "how": vocab.MIGRATION_HOW_SHORT,
    }


def migrate_json(kb: KnowledgeBase) -> str:
    return compact_json(migrate_data(kb))
