"""``aks-atlas``: the core on the command line (validate, render, export, schema, ipplan).

Exit codes: 0 clean, 1 data errors, 2 usage errors (argparse's own convention).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .check import DEFAULT_REVIEW_DAYS
from .errors import KnowledgeBaseError
from .pipeline import load_kb


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="aks-atlas", description="Validate and render the AKS Networking Atlas knowledge base.")
    p.add_argument("--data", type=Path, default=Path("data"), help="the knowledge base folder (default: data)")
    p.add_argument("--review-days", type=int, default=DEFAULT_REVIEW_DAYS, help="age after which a verified fact is stale")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the knowledge base; print every error as path:line:col: message")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.data.is_dir():
        print(f"aks-atlas: error: data folder '{args.data}' does not exist", file=sys.stderr)
        return 2
    try:
        kb, warnings = load_kb(args.data, review_days=args.review_days)
    except KnowledgeBaseError as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    for w in warnings:
        print(w, file=sys.stderr)
    if args.command == "validate":
        print(f"ok: {len(kb.options)} options in {len(kb.categories)} categories, {len(kb.rules)} rules, {len(kb.terms)} terms")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
