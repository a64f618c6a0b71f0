"""The whole audit of one cluster: options found, findings, the plan to a target. The CLI
(``aks-atlas audit``) prints it; ``cores/migrate.js`` computes the same in the browser."""

from __future__ import annotations

from typing import Any

from ...core.read import KnowledgeBase
from . import detect as d
from . import findings as f
from .cluster import Cluster
from .fill import known
from .plan import migration, plan, replacement


def targets(
    kb: KnowledgeBase, current: dict[str, str], found: list[dict[str, Any]], facts: set[str], asked: dict[str, str]
) -> dict[str, str]:
    """The target design: the cluster as found, each retiring option replaced by its default
    replacement, then the user's own choices (``asked``) on top."""
    out = dict(current)
    for item in found:
        oid = item["option"]
        cat = kb.options[oid].category
        if current.get(cat) == oid and (new := replacement(kb, oid, facts)):
            out[cat] = new
            g = migration(kb, oid, new)
            out |= {kb.options[o].category: o for o in (g.also if g else [])}
    return {**out, **asked}


def _extra_moves(kb, options, found, facts, given) -> list[dict[str, Any]]:
    """Moves for the second and later options of a category that holds several (a retiring
    ingress add-on next to another one): each is planned on its own."""
    out = []
    for cat, ids in options.items():
        for oid in ids[1:]:
            if any(x["option"] == oid for x in found) and (new := replacement(kb, oid, facts)):
                out += plan(kb, {cat: oid}, {cat: new}, facts, given)["moves"]
    return out


def audit(kb: KnowledgeBase, cluster: Cluster, asked: dict[str, str] | None = None) -> dict[str, Any]:
    props = cluster.properties
    detected = d.detect(kb, props)
    options = {cat: [h["option"] for h in hits] for cat, hits in detected.items()}
    current = {cat: ids[0] for cat, ids in options.items() if ids}
    facts = set(d.facts(kb, props))
    chosen = [oid for ids in options.values() for oid in ids]
    lifecycle = f.lifecycle_findings(kb, chosen, props)
    rules = f.rule_findings(kb, options)
    target = targets(kb, current, lifecycle, facts, asked or {})
    steps = plan(kb, current, target, facts, known(cluster))
    steps["moves"] += _extra_moves(kb, options, lifecycle, facts, known(cluster))
    return {
        "cluster": {
            "name": cluster.name,
            "resource_group": cluster.resource_group,
            "id": cluster.id,
            "shape": cluster.shape,
            "pools": f.pools_of(props),
        },
        "options": {cat: ids[0] if len(ids) == 1 else ids for cat, ids in options.items()},
        "detected": detected,
        "facts": sorted(facts),
        "unknown": d.unknown_values(kb, props, detected),
        "findings": lifecycle
        + [{"rule": r["rule"], "severity": r["severity"], "text": r["text"], "a": r["a"], "b": r["b"]} for r in rules],
        "target": target,
        "plan": steps,
    }


def exit_code(result: dict[str, Any]) -> int:
    """0 when nothing needs action, 1 when an option is retiring or ended or a rule is broken."""
    return 1 if any(x.get("level") or x.get("severity") == "error" for x in result["findings"]) else 0
