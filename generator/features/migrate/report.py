"""The audit as a Markdown runbook: what the CLI prints, and what the page exports
(``cores/migrate.js:runbook`` writes the same text)."""

from __future__ import annotations

import json
from typing import Any

from ...core.read import KnowledgeBase
from ...core.vocab import MIGRATION_HOW_SHORT

HOW = MIGRATION_HOW_SHORT


def _name(kb: KnowledgeBase, oid: str) -> str:
    return kb.options[oid].name


def _shown(found: list[Any]) -> str:
    """The first value as JSON writes it (``true``, ``30``), a string as itself."""
    if not found or found[0] is None:
        return "not set"
    return found[0] if isinstance(found[0], str) else json.dumps(found[0], separators=(",", ":"))


def _finding(kb: KnowledgeBase, f: dict[str, Any]) -> str:
    if "rule" in f:
        return f"- {f['severity']}: {f['text']} (rule `{f['rule']}`)"
    scope = f" on {f['scope']} pools ({', '.join(f['pools'])})" if f["scope"] else ""
    return f"- {f['name']}{scope}: {f['level']}" + (f", end of support {f['date']}" if f["date"] else "")


def _move(kb: KnowledgeBase, i: int, mv: dict[str, Any]) -> list[str]:
    flags = [HOW[mv["how"]]]
    flags += ["one-way"] if mv["one_way"] else []
    flags += ["reimages every node pool"] if any(s["reimages"] for s in mv["steps"]) else []
    flags += ["downtime"] if any(s["downtime"] for s in mv["steps"]) else []
    out = [f"### {i}. {_name(kb, mv['from'])} → {_name(kb, mv['to'])} ({'; '.join(flags)})", ""]
    if mv["requires"]:
        out += [f"Needs the Azure CLI extension `{mv['requires']}`.", ""]
    for n, s in enumerate(mv["steps"], 1):
        kind = f"**{s['kind']}**: " if s["kind"] not in ("step", "change") else ""
        out.append(f"{n}. {kind}{s['do']}")
        if s["command"] and f"`{s['command']}`" not in s["do"]:
            out += ["", "   ```sh", f"   {s['command']}", "   ```"]
    out += ["", "Sources: " + ", ".join(f"[{s['title']}]({s['url']})" for s in mv["sources"]), ""]
    return out


#: What a category without detection data says: its choice lives outside the managed cluster
#: resource (the VNet's DNS servers) or depends on more than the resource shows (LocalDNS's default).
UNREAD = "the cluster's JSON does not settle it (check it yourself)"


def markdown(kb: KnowledgeBase, r: dict[str, Any]) -> str:
    c = r["cluster"]
    lines = [f"# Migration runbook: {c['name'] or 'cluster'} ({c['resource_group'] or 'resource group unknown'})", ""]
    lines += ["## Options found", ""]
    for cat, hits in r["detected"].items():
        for h in hits:
            where = ", ".join(f"`{x['path']}` = {_shown(x['values'])}" for x in h["fields"])
            lines.append(f"- {kb.categories[cat].name}: {_name(kb, h['option'])} ({where})")
    if not any(r["detected"].values()):
        lines.append("- none")
    lines += [f"- {c.name}: {UNREAD}" for c in kb.categories.values() if c.id not in r["detected"]]
    lines += ["", "## Findings", ""] + ([_finding(kb, f) for f in r["findings"]] or ["- nothing needs action"])
    lines += [f"- not understood: {u}" for u in r["unknown"]]
    lines += ["", "## Plan", ""]
    moves = r["plan"]["moves"]
    if not moves and not r["plan"]["unreachable"]:
        lines += ["No change: the target is the cluster as it is.", ""]
    for i, mv in enumerate(moves, 1):
        lines += _move(kb, i, mv)
    if r["plan"]["design"]:
        lines += ["### Settings of the new cluster", ""]
        lines += [f"- {kb.categories[x['category']].name}: {_name(kb, x['to'])} (was {_name(kb, x['from'])})"
                  for x in r["plan"]["at_creation"]]
        lines += [f"- Design it in the atlas's designer with `?{r['plan']['design']}`.", ""]
    for u in r["plan"]["unreachable"]:
        lines += [f"- No documented path from {_name(kb, u['from'])} to {_name(kb, u['to'])}.", ""]
    return "\n".join(lines).rstrip() + "\n"
