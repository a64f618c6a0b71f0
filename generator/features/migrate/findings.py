"""Step 3: what needs action in the cluster as found: options retiring or past their end of
support (with the pools a scoped date affects) and the compatibility rules it breaks.

Lifecycle states come from ``core.lifecycle`` for the build date; the browser refines them by the
reader's date from the same events (``later``). Rules are evaluated as the designer does
(``core.design_rules``)."""

from __future__ import annotations

from typing import Any

from ...core import lifecycle
from ...core import model as m
from ...core.design_rules import evaluate
from ...core.read import KnowledgeBase
from ...site.views import state_label
from .detect import values

ACTION = (m.Status.retiring, m.Status.retired)


def pools_of(props: dict[str, Any], os_type: str | None = None) -> list[str]:
    """The names of the cluster's node pools (of one OS type)."""
    pools = [p for p in values(props, "agentPoolProfiles[]") if isinstance(p, dict)]
    return [
        str(values(p, "name")[0]) if values(p, "name") else "?"
        for p in pools
        if os_type is None or any(str(v).lower() == os_type.lower() for v in values(p, "osType"))
    ]


def _later(opt: m.Option, today) -> list[list[str]]:
    return [[d.isoformat(), s.level.value, state_label(s)] for d, s in lifecycle.changes_after(opt.lifecycle, today)]


def lifecycle_findings(kb: KnowledgeBase, chosen: list[str], props: dict[str, Any]) -> list[dict[str, Any]]:
    """One finding per option (and per scope whose date differs) that is retiring or retired.

    A scope named like an OS type (``Windows``) applies only when the cluster has such pools."""
    out = []
    for oid in chosen:
        opt = kb.options[oid]
        st = kb.state(opt)
        base = {"option": oid, "name": opt.name, "later": _later(opt, kb.on), "note": opt.lifecycle.note or ""}
        if st.level in ACTION:
            out.append({**base, "level": st.level.value, "date": st.date, "scope": None, "pools": pools_of(props)})
        for scope, level, date in st.scoped:
            pools = pools_of(props, scope)
            if level in ACTION and pools:
                out.append({**base, "level": level.value, "date": date, "scope": scope, "pools": pools})
    return out


def rule_findings(kb: KnowledgeBase, found: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The conflicts and unmet requirements (errors) and caveats (warnings) of the design as
    found; with several options in one category (two ingress add-ons) each is evaluated."""
    first = {cat: ids[0] for cat, ids in found.items() if ids}
    seen: dict[str, dict[str, Any]] = {}
    designs = [first] + [{**first, cat: oid} for cat, ids in found.items() for oid in ids[1:]]
    for design in designs:
        for f in evaluate(kb, design):
            if f["severity"] in ("error", "warning"):
                seen.setdefault(f["rule"], f)
    return sorted(seen.values(), key=lambda f: (f["severity"] != "error", f["rule"]))
