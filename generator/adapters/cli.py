"""``aks-atlas``: the core on the command line.

- ``validate``: check the knowledge base, print every error as ``path:line:col: message``.
- ``render --out DIR``: write a complete plain MkDocs project (docs + ``mkdocs.yml`` without
  this plugin) that any MkDocs-compatible engine builds into the same site.
- ``export``: the knowledge base as JSON on stdout (also published at ``/api/kb.json``).
- ``schema``: write the JSON Schemas of the data files (``data/schema/``).
- ``ipplan``: size and lay out a cluster's subnets and ranges (see ``ipplan_cli``).
- ``drift``: the facts whose sources changed after they were verified (see ``drift_cli``).

Exit codes: 0 clean, 1 data errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from mkdocs.config import load_config

from ..app import build_site, load_kb
from ..core.errors import KnowledgeBaseError
from ..core.export import export_kb
from ..core.schema import schemas
from ..core.settings import DEFAULT_REVIEW_DAYS, Settings
from ..site import urls
from . import drift_cli, ipplan_cli
from .linkcheck import check_links


class _Hooks:
    """The MkDocs hooks file written next to a rendered project's ``mkdocs.yml``."""

    name = "atlas_hooks.py"
    text = (
        '"""MkDocs hooks for the rendered atlas (Zensical ignores hooks and needs none)."""\n'
        "from generator.adapters.raw_links import on_page_content  # noqa: F401\n"
    )


HOOKS = _Hooks()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep it, say it plainly
        self.print_usage(sys.stderr)
        self.exit(2, f"aks-atlas: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="aks-atlas", description="Validate, render and export the AKS Networking Atlas knowledge base.")
    p.add_argument("--data", type=Path, default=Path("data"), help="the knowledge base folder (default: data)")
    p.add_argument(
        "--review-days",
        type=int,
        default=DEFAULT_REVIEW_DAYS,
        help="age in days after which a verified fact is stale (default: %(default)s)",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("validate", help="check the knowledge base")
    r = sub.add_parser("render", help="write a plain MkDocs project that builds the site without the plugin")
    r.add_argument("--out", type=Path, required=True, help="output folder (replaced)")
    r.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the project's mkdocs.yml to inherit theme and extensions from",
    )
    sub.add_parser("export", help="print the knowledge base as JSON")
    lc = sub.add_parser("check-links", help="check every link and anchor of a built site, offline")
    lc.add_argument("site", type=Path, help="the built site folder")
    s = sub.add_parser("schema", help="write the JSON Schemas of the data files")
    s.add_argument("--out", type=Path, default=None, help="folder (default: <data>/schema)")
    ipplan_cli.add_parser(sub)
    drift_cli.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        out = args.out or args.data / "schema"
        out.mkdir(parents=True, exist_ok=True)
        for name, text in schemas().items():
            (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {len(schemas())} schemas to {out}")
        return 0
    if args.command == "check-links":
        if not args.site.is_dir():
            print(f"aks-atlas: error: site folder '{args.site}' does not exist", file=sys.stderr)
            return 2
        broken = check_links(args.site)
        for b in broken:
            print(b, file=sys.stderr)
        print(f"{len(broken)} broken link(s)" if broken else "ok: every link resolves")
        return 1 if broken else 0
    if not args.data.is_dir():
        print(f"aks-atlas: error: data folder '{args.data}' does not exist", file=sys.stderr)
        return 2
    try:
        kb, warnings = load_kb(args.data, review_days=args.review_days)
        site = (
            build_site(kb, Settings(today=kb.on, review_days=args.review_days))
            if args.command == "render"
            else None
        )
    except KnowledgeBaseError as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    for w in warnings:
        print(w, file=sys.stderr)
    if args.command == "validate":
        print(
            f"ok: {len(kb.options)} options in {len(kb.categories)} categories, {len(kb.rules)} rules, "
            f"{len(kb.terms)} glossary terms"
        )
        return 0
    if args.command == "export":
        sys.stdout.write(export_kb(kb))
        return 0
    if args.command == "ipplan":
        return ipplan_cli.run(args, kb)
    if args.command == "drift":
        return drift_cli.run(args, kb)
    if args.command == "render":
        assert site is not None
        if not args.config.is_file():
            print(f"aks-atlas: error: config '{args.config}' does not exist", file=sys.stderr)
            return 2
        write_plain_project(site, args.out, args.config)
        print(f"wrote {len(site.pages)} pages to {args.out}; build with: mkdocs build -f {args.out / 'mkdocs.yml'}")
        return 0
    return 2


def write_plain_project(site, out: Path, config: Path) -> None:
    """``out/docs`` = hand-written docs + generated pages (abbreviations appended to each);
    ``out/mkdocs.yml`` inherits the project config, minus this plugin, plus the navigation."""
    config = config.resolve()
    loaded = load_config(config_file=str(config))
    docs_src = Path(loaded.docs_dir)
    overrides = Path(loaded.theme.custom_dir) if loaded.theme.custom_dir else config.parent / "overrides"
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    docs = tmp / "docs"
    shutil.copytree(docs_src, docs)
    for src, text in {**site.pages, **site.assets}.items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if site.abbreviations:
        for md in docs.rglob("*.md"):
            md.write_text(md.read_text(encoding="utf-8") + f"\n\n{site.abbreviations}\n", encoding="utf-8")
    rel = lambda p: os.path.relpath(p, out.resolve())  # noqa: E731
    lines = [
        "# Generated by `aks-atlas render`: the atlas as a plain MkDocs project (no aks-atlas plugin).",
        f"INHERIT: {json.dumps(rel(config))}",
        "docs_dir: docs",
        "site_dir: site",
        "theme:",
        "  name: material",
        f"  custom_dir: {json.dumps(rel(overrides))}",
        "plugins:",
        "  - search",
        "# MkDocs only: resolves links in raw HTML (generator/adapters/raw_links.py); Zensical does it itself.",
        "hooks:",
        f"  - {json.dumps(HOOKS.name)}",
        f"extra: {json.dumps({**loaded.extra, 'atlas_feeds': urls.FEEDS})}",
        f"nav: {json.dumps(site.nav)}",
        "not_in_nav: |",
        *[f"  /{src}" for src in sorted(set(site.pages) - site.nav_sources())],
        "",
    ]
    (tmp / "mkdocs.yml").write_text("\n".join(lines), encoding="utf-8")
    (tmp / HOOKS.name).write_text(HOOKS.text, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


if __name__ == "__main__":
    sys.exit(main())
