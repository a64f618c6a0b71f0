"""Prose in the data is Markdown in the project's own words: no raw HTML (the generator decides
the markup), no link targets other than https:// pages and the site's own paths, and no words
that pin the present ("today", "currently" without a date, "N days left"): a page is read long
after it is built, so prose states dates and the generator computes states from them."""

from __future__ import annotations

import functools
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
    "destinations",  # egress.yaml: FQDNs, service tags and placeholders such as <location>
    "command",  # a migration step's az command, shown as code
    "flag",
    "value",
    "property",
    "pattern",  # an option input's regular expression (model.OptionInput)
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
    "scope",
}


#: Words that only make sense on the day they were written, each with the advice to give.
_PINS_PRESENT = [
    (re.compile(r"\b(as of )?today\b", re.I), "'{0}' pins the present: state the date"),
    (
        re.compile(r"\b\d+ (days?|weeks?|months?) (left|remain\w*|to go)\b", re.I),
        "'{0}' counts down from the present: state the end date",
    ),
    (
        re.compile(r"\b(right now|at the moment|at present|at this time|nowadays|as of now)\b", re.I),
        "'{0}' pins the present: state the date",
    ),
    (
        re.compile(r"\b(this|next|last) (week|month|year)\b(?! of)", re.I),
        "'{0}' is relative to the day it was written: state the date",
    ),
    (re.compile(r"\bdays, not months\b", re.I), "'{0}' counts down from the present: state the end date"),
]
_CURRENTLY = re.compile(r"\b(currently|presently)\b", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_SENTENCE = re.compile(r"[^.!?;]*[.!?;]?")
#: Keys whose text is code or a reference, where such words cannot occur as prose.
_CODE_KEYS = {"flag", "value", "property", "url", "enable_on_existing", "command"}


# Why cached: under `mkdocs serve` every rebuild checks every text again, and most are unchanged.
@functools.lru_cache(maxsize=65536)
def pins_present(text: str) -> str | None:
    """Why ``text`` pins the present, or None. "Currently" is fine in a sentence with a year."""
    plain = _CODE_SPAN.sub("", text)
    for pattern, advice in _PINS_PRESENT:
        found = pattern.search(plain)
        if found:
            return advice.format(found.group(0))
    for sentence in _SENTENCE.findall(plain):
        found = _CURRENTLY.search(sentence)
        if found and not _YEAR.search(sentence):
            return f"'{found.group(0)}' without a date pins the present: say as of when"
    return None


def _walk_strings(data: Any, skip: set[str], loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in skip:
                yield from _walk_strings(v, skip, loc + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk_strings(v, skip, loc + (i,))
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
        for loc, text in _walk_strings(origin.raw, _CODE_KEYS):
            pinned = pins_present(text)
            if pinned:
                yield DataError(whole.at(*loc), pinned + " (the generator computes states from dated events)")
        for loc, text in _walk_strings(origin.raw, _NOT_PROSE_KEYS):
            for problem in _markup_problems(text):
                yield DataError(whole.at(*loc), problem)


@functools.lru_cache(maxsize=65536)
def _markup_problems(text: str) -> tuple[str, ...]:
    """Raw HTML and link targets ``text`` may not have."""
    plain = _CODE_SPAN.sub("", text)
    out = []
    tag = _HTML.search(plain)
    if tag:
        out.append(f"raw HTML '{tag.group(0)[:40]}' is not allowed in text: write Markdown (code in backticks)")
    for target in _MD_LINK.findall(plain):
        if not (
            target.startswith("https://")
            or target.startswith("#")
            or target.startswith("../")
            or re.match(r"^[a-z0-9-]+/?(#.*)?$", target)
        ):
            out.append(f"link target '{target[:60]}' is not allowed: use https:// links or site-relative paths")
    return tuple(out)
