"""The rules that apply to a design (one option per category), worst first.

Shared by the designer (``features/design``) and the audit of a running cluster
(``features/migrate``); ``cores/design.js`` mirrors it in the browser.
"""

from __future__ import annotations

from typing import Any

from .read import KnowledgeBase
from .vocab import RULE_KINDS, SEVERITIES


def evaluate(kb: KnowledgeBase, choices: dict[str, str]) -> list[dict[str, Any]]:
    """Every rule that applies to the design, worst first. What a rule means in a design (an
    error, a caveat, a tip or met) and which categories to change to settle it come from the
    vocabulary: conflicts and unmet requirements are errors, caveats warnings, missing
    recommendations tips, met ones ``ok``. A tip is left out when taking it would add an error or
    a caveat the design does not have (it would contradict another choice: a network-isolated
    design is not told to add firewall egress)."""
    found = _rules(kb, choices)
    return [f for f in found if f["severity"] != "tip" or _tip_holds(kb, choices, f, found)]


_BAD = ("error", "warning")


def _tip_holds(kb: KnowledgeBase, choices: dict[str, str], tip: dict[str, Any], found: list[dict[str, Any]]) -> bool:
    b = kb.options[tip["b"]]
    before = {f["rule"] for f in found if f["severity"] in _BAD}
    after = _rules(kb, {**choices, b.category: b.id})
    return not any(f["severity"] in _BAD and f["rule"] not in before for f in after)


def _rules(kb: KnowledgeBase, choices: dict[str, str]) -> list[dict[str, Any]]:
    chosen = set(choices.values())
    found = []
    for i, rule in enumerate(kb.rules):
        a, b = kb.options.get(rule.a), kb.options.get(rule.b)
        if a is None or b is None or rule.a not in chosen:
            continue
        meaning = RULE_KINDS[rule.kind]
        applies = meaning.both if rule.b in chosen else meaning.only_a
        if applies is None:
            continue
        ends = {"a": a.category, "b": b.category}
        found.append(
            {
                "rule": rule.id,
                "kind": rule.kind.value,
                "severity": applies.severity,
                "a": rule.a,
                "b": rule.b,
                "text": f"{a.name} {meaning.verb} {b.name}",
                "change": [ends[e] for e in applies.change],
                "order": i,
            }
        )
    found.sort(key=lambda f: (SEVERITIES[f["severity"]].rank, f["order"]))
    for f in found:
        del f["order"]
    return found
