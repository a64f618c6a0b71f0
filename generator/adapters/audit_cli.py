"""``aks-atlas audit CLUSTER.json``: the options an existing cluster runs, what is retiring or
incompatible, and a migration plan; the same audit as the /migrate/ page.

Exit codes: 0 when nothing needs action, 1 when an option is retiring or past its end of support
or a rule is broken, 2 for unusable input (not JSON, not a cluster, a wrong --target).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.errors import did_you_mean
from ..core.read import KnowledgeBase
from ..features.migrate import report
from ..features.migrate.audit import audit, exit_code
from ..features.migrate.cluster import InputError, parse


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "audit",
        help="read an existing cluster's JSON: its options, what is retiring, a migration plan",
        description="Read the JSON of az aks show -g RG -n NAME -o json (or the ARM resource) and print the "
        "option found in every category, the options retiring or past their end of support, the rules the "
        "cluster breaks, and the ordered migration steps to the target design. Nothing is sent anywhere.",
    )
    p.add_argument("cluster", type=Path, help="the cluster's JSON file ('-' for standard input)")
    p.add_argument("--target", action="append", default=[], metavar="CATEGORY=OPTION",
                   help="the option to move to in one category (repeatable); default: the replacement "
                   "of each retiring option")
    p.add_argument("--cluster-name", metavar="NAME", help="with az aks list output: the cluster to audit")
    p.add_argument("--json", action="store_true", help="print options, findings and plan as JSON")


def _targets(kb: KnowledgeBase, given: list[str]) -> dict[str, str]:
    out = {}
    for text in given:
        cat, _, opt = text.partition("=")
        if cat not in kb.categories:
            raise InputError(f"--target {text}: unknown category '{cat}'{did_you_mean(cat, set(kb.categories))}")
        ids = {o.id for o in kb.options_in(cat)}
        if opt not in ids:
            raise InputError(f"--target {text}: '{opt}' is not an option of {cat}{did_you_mean(opt, ids)}")
        out[cat] = opt
    return out


def _pick(clusters, name: str | None):
    if len(clusters) == 1 and not name:
        return clusters[0]
    names = [c.name for c in clusters]
    if name in names:
        return clusters[names.index(name)]
    raise InputError(f"{len(clusters)} clusters in the input; choose one with --cluster-name: {', '.join(names)}")


def run(args: argparse.Namespace, kb: KnowledgeBase) -> int:
    try:
        text = sys.stdin.read() if str(args.cluster) == "-" else args.cluster.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"aks-atlas: error: cannot read {args.cluster}: {exc}", file=sys.stderr)
        return 2
    try:
        cluster = _pick(parse(text), args.cluster_name)
        result = audit(kb, cluster, _targets(kb, args.target))
    except InputError as exc:
        print(f"aks-atlas: error: {args.cluster}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        public = {k: result[k] for k in ("cluster", "options", "facts", "unknown", "findings", "target", "plan")}
        print(json.dumps(public, indent=2, sort_keys=True))
    else:
        print(report.markdown(kb, result))
    return exit_code(result)
