"""Prose in the data is Markdown in the project's own words: no raw HTML (the generator decides
the markup) and no link targets other than https:// pages and the site's own paths."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .errors import DataError
from .read import KnowledgeBase, Origin
from .settings import Settings

# Raw HTML is rejected in prose: the generator decides the markup. Code spans are
# stripped first so that `--pod-cidr <cidr>` in backticks stays legal.
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
# Keys whose strings are code or plain text, not Markdown: the templates escape them, so markup
# in them shows literally instead of being rejected (``render.text``/``render.html``).
_NOT_PROSE_KEYS = {
    "flag",
    "value",
    "property",
    "url",
    "enable_on_existing",
    "name",
    "title",
    "term",
    "expansion",
    "unit",
    "label",
    "keywords",
    "question",
    "because",
}


def _walk_strings(data: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in _NOT_PROSE_KEYS:
                yield from _walk_strings(v, loc + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk_strings(v, loc + (i,))
    elif isinstance(data, str):
        yield loc, data


def check_prose(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    """No raw HTML and no non-https link targets in the Markdown prose of the data files."""
    seen_files: set[int] = set()
    for origin in kb.origins.values():
        if id(origin.raw) in seen_files:
            continue
        seen_files.add(id(origin.raw))
        whole = Origin(origin.path, origin.raw)
        for loc, text in _walk_strings(origin.raw):
            plain = _CODE_SPAN.sub("", text)
            tag = _HTML.search(plain)
            if tag:
                yield DataError(
                    whole.at(*loc),
                    f"raw HTML '{tag.group(0)[:40]}' is not allowed in text: write Markdown (code in backticks)",
                )
            for target in _MD_LINK.findall(plain):
                if not (
                    target.startswith("https://")
                    or target.startswith("#")
                    or target.startswith("../")
                    or re.match(r"^[a-z0-9-]+/?(#.*)?$", target)
                ):
                    yield DataError(
                        whole.at(*loc),
                        f"link target '{target[:60]}' is not allowed: use https:// links or site-relative paths",
                    )
