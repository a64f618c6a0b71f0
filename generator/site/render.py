"""Templates to Markdown: the Jinja environment, its filters, and ``render_site``.

Templates are Markdown with a little HTML where Markdown cannot say it (tables with row ids,
badges). Every string from the data that lands in HTML goes through ``html`` (escaping);
every plain-text string that lands in Markdown goes through ``text`` (escaping HTML and the
Markdown punctuation that would change its meaning). Prose fields (descriptions, summaries,
pros, reasons) are Markdown by design and were checked for raw HTML in ``check``; they go
through ``inline`` or are placed as blocks.
"""

from __future__ import annotations

import functools
import html as _html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, TemplateError

from ..core import vocab
from ..core.errors import DataError, KnowledgeBaseError, Position
from . import cache, snippets, urls
from .page import Page
from .views import fmt_number

#: Where the templates live, for messages and for ``mkdocs serve`` to watch.
TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def text(value: Any) -> str:
    """Plain text safe to drop into Markdown: HTML-escaped, Markdown punctuation escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _html.escape(str(value), quote=False))


def html(value: Any) -> str:
    return _html.escape(str(value), quote=True)


def cell_text(value: Any) -> str:
    """Text inside a Markdown table cell: also keep pipes and newlines from breaking the row."""
    return text(value).replace("\n", " ")


def one_line(value: str) -> str:
    """Prose squeezed onto one line (inside list items and table cells)."""
    return " ".join(value.split())


def inline(value: str) -> str:
    """One-line Markdown (summaries, pros, reasons): kept as Markdown, safe inside table rows."""
    return one_line(value).replace("|", "\\|")


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    # One environment per process: `mkdocs serve` rebuilds reuse compiled templates, and
    # Jinja's auto_reload recompiles a template whose file changed.
    compiled = cache.folder("jinja")
    try:
        if compiled is not None:
            compiled.mkdir(parents=True, exist_ok=True)
    except OSError:
        compiled = None  # a read-only folder costs speed, not correctness
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        # Compiled templates kept on disk: a fresh process skips half a second of compiling.
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        undefined=StrictUndefined,
        autoescape=False,  # Markdown output: escaping is explicit through the filters below
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        lower_first=lambda s: s[:1].lower() + s[1:] if s[:2] != s[:2].upper() else s,
        text=text,
        html=html,
        cell=cell_text,
        one_line=one_line,
        inline=inline,
        num=fmt_number,
        tojson_attr=lambda v: html(json.dumps(v, sort_keys=True)),
    )
    env.globals.update(
        urls=urls,
        vocab=vocab,
        md_link=urls.md_link,
        html_link=urls.html_link,
        asset_link=urls.asset_link,
        az_command=snippets.az_command,
        bicep=snippets.bicep,
        terraform=snippets.terraform,
    )
    return env


@dataclass
class Site:
    """Everything the core produces: pages, data assets, edit paths and the navigation."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)
    edit_paths: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    abbreviations: str = ""

    def nav_sources(self) -> set[str]:
        """Every page the navigation lists."""
        found: set[str] = set()

        def walk(item: Any) -> None:
            if isinstance(item, str):
                found.add(item)
            elif isinstance(item, dict):
                for v in item.values():
                    walk(v)
            elif isinstance(item, list):
                for v in item:
                    walk(v)

        walk(self.nav)
        return found


def _front_matter(page: Page) -> str:
    # Material writes page.meta.title into <title> and the navigation without escaping, so
    # front matter carries HTML-safe text. Descriptions are prose: squeeze and strip Markdown.
    description = re.sub(r"[`*_]", "", " ".join(page.description.split()))
    meta = {"title": html(page.title), "description": html(description)}
    meta.update(page.context.get("meta", {}))  # e.g. Material's `hide`
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()] + ["---", ""]
    return "\n".join(lines)


def render_pages(pages: list[Page]) -> dict[str, str]:
    env = _env()
    out: dict[str, str] = {}
    errors = []
    for page in pages:
        try:
            body = env.get_template(page.template).render(page=page, **page.context)
        except TemplateError as exc:
            lineno = getattr(exc, "lineno", None) or 0
            name = getattr(exc, "filename", None) or f"generator/site/templates/{page.template}"
            errors.append(
                DataError(
                    Position(name, lineno, 1 if lineno else 0), f"template error while rendering {page.src}: {exc}"
                )
            )
            continue
        out[page.src] = _front_matter(page) + body
    if errors:
        raise KnowledgeBaseError(errors)
    return out
