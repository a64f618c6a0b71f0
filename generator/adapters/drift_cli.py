"""``aks-atlas drift``: which facts to re-check because their sources changed (``features.drift``).

Exit codes: 0 when nothing needs review, 1 when something does (an unmappable source, a page
newer than a fact citing it, a release-note entry naming an option verified before it), 2 when
an input is unusable (a missing folder, not a git checkout, unreadable release notes).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from ..core.read import KnowledgeBase
from ..features import drift
from ..features.drift import report


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "drift",
        help="list the facts whose Learn pages or AKS release notes changed after they were verified",
        description="Map every registered learn.microsoft.com source to its file in local checkouts of the Learn "
        "docs repositories (MicrosoftDocs/azure-aks-docs, MicrosoftDocs/azure-docs), and list the facts whose "
        "pages changed after their verified_on (the page's ms.date or its last commit), and the AKS release-note "
        "entries that name an option after it was verified.",
    )
    p.add_argument(
        "--docs",
        action="append",
        type=Path,
        required=True,
        metavar="DIR",
        help="a git checkout of a Learn docs repository (its root, with .openpublishing.publish.config.json); "
        "repeat for several",
    )
    p.add_argument("--release-notes", type=Path, metavar="FILE", help="the AKS release notes (Azure/AKS CHANGELOG.md)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")


def run(args: argparse.Namespace, kb: KnowledgeBase) -> int:
    """Findings on stdout, the time taken on stderr (it must not spoil the JSON)."""
    started = time.monotonic()
    try:
        found = drift.detect(kb, args.docs, args.release_notes)
    except drift.UnusableInput as exc:
        print(f"aks-atlas: error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(report.as_json(found) if args.json else report.as_text(found))
    print(f"drift: done in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 1 if found.needs_review else 0
