"""``/migrate/``: paste an existing cluster's JSON; the page (``migrate.js``) does the rest in the
browser. Without JavaScript the page still says what it does and how to run the same audit with
``aks-atlas audit``."""

from __future__ import annotations

from ...core.read import KnowledgeBase
from ...site import urls
from ...site.page import Page


def migrate_page(kb: KnowledgeBase) -> Page:
    paths = []
    for opt in sorted(kb.options.values(), key=lambda o: (o.category, o.name)):
        for g in opt.migrations:
            paths.append({"a": opt, "b": kb.options[g.to], "how": g.how, "one_way": g.one_way,
                          "src": urls.option(opt.id), "anchor": f"migrate-to-{g.to}"})
    return Page(
        src=urls.migrate(),
        template="migrate.md.j2",
        context={"data_src": urls.MIGRATE_JSON, "paths": paths, "categories": kb.categories},
        title="Your cluster: what is retiring, and a migration plan",
        description="Paste az aks show JSON: the options your AKS cluster runs, what retires when, "
        "and an ordered migration runbook. Nothing is uploaded.",
    )
