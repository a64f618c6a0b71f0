"""Step 3: release-note entries that name a feature of the knowledge base after it was verified.

The AKS ``CHANGELOG.md`` (Azure/AKS) is a list of releases, each under a heading with its date
(``## Release 2025-08-29``, ``## Release Notes 2026-02-08``, ``## Release Notes - 2026-07-17``),
with sections (``### Features``, ``#### Preview features``) of bullet items. An entry is one
top-level bullet with its nested bullets, or one paragraph.

An entry names an option when it contains the option's name, one of its ``keywords`` or one of
its ``az aks create`` flags, as whole words, in any case. A flag shared by several options
(``--network-plugin``) followed by a value one of them sets (``--network-plugin kubenet``) names
only the options with that value; without a value it names all of them. Link targets are left
out of the text: a URL's path words are not the entry's words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ...core.model import Option
from ...core.read import KnowledgeBase
from .errors import UnusableInput
from .facts import Fact

RELEASE = re.compile(r"^#{2,3}\s+Release\b.*?(\d{4})-(\d{1,2})-(\d{1,2})")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
ITEM = re.compile(r"^[*+-]\s+")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
VALUE_AFTER = re.compile(r"^[`'\"]?(?:=|\s+)[`'\"]?([\w.:/<>-]+?)[`'\"]?(?=[\s,.;:)]|$)")


@dataclass
class Entry:
    release: dt.date
    line: int
    section: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass(frozen=True)
class Term:
    """One way the notes may name an option: its name, a keyword, or a flag (with its value)."""

    option: str
    kind: str  # name, keyword, flag
    text: str
    value: str = ""


@dataclass
class Match:
    option: str
    terms: list[Term]


def read_notes(path: Path) -> list[Entry]:
    """The entries of a release-notes file; ``UnusableInput`` if it cannot be read or has no
    dated release heading (it would silently match nothing)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"cannot read the release notes '{path}': {exc}") from None
    if not any(_release_date(line) for line in text.splitlines()):
        raise UnusableInput(f"{path}: no '## Release YYYY-MM-DD' heading: is it the AKS CHANGELOG.md?")
    return parse_notes(text)


def parse_notes(text: str) -> list[Entry]:
    """Split the notes into entries, each with its release date, section and first line.

    After a blank line only indented lines continue an entry (a bullet's nested list); before
    it, any line but a new top-level bullet does (Markdown's lazy continuation)."""
    entries: list[Entry] = []
    release, section, current, blank = None, "", None, False
    for number, line in enumerate(text.splitlines(), 1):
        if (date := _release_date(line)) is not None:
            release, section, current = date, "", None
        elif heading := HEADING.match(line):
            section, current = heading.group(1), None
        elif release is None or not line.strip():
            blank = True
            continue
        elif current is not None and (line[0].isspace() or not (blank or ITEM.match(line))):
            current.lines.append(line)
        else:
            current = Entry(release, number, section, [line])
            entries.append(current)
        blank = False
    return entries


def _release_date(line: str) -> dt.date | None:
    if m := RELEASE.match(line):
        try:
            return dt.date(*(int(g) for g in m.groups()))
        except ValueError:
            return None
    return None


def terms_of(kb: KnowledgeBase) -> list[Term]:
    """Every name, keyword and flag of every option; a keyword that repeats the name is one term."""
    terms = []
    for option in kb.options.values():
        words = {option.name.lower(): Term(option.id, "name", option.name)}
        for keyword in option.keywords:
            words.setdefault(keyword.lower(), Term(option.id, "keyword", keyword))
        terms.extend(words.values())
        terms.extend(_flag_terms(option))
    return terms


def _flag_terms(option: Option) -> list[Term]:
    flags = option.select.az_aks_create + [f for v in option.variants if v.select for f in v.select.az_aks_create]
    return [Term(option.id, "flag", f.flag, str(f.value) if isinstance(f.value, (str, int)) else "") for f in flags]


def match_entry(entry: Entry, terms: list[Term]) -> list[Match]:
    """The options ``entry`` names, each with the terms that named it (a flag term keeps its
    value only when the entry wrote that value after it)."""
    text = LINK_TARGET.sub("]", entry.text)
    found: dict[str, list[Term]] = {}
    flag_values = _values_after_flags(text, {t.text for t in terms if t.kind == "flag"})
    for term in terms:
        if term.kind == "flag":
            said = flag_values.get(term.text)
            if said is None or (said and term.value.lower() not in said and _any_value_known(term, terms, said)):
                continue
            term = replace(term, value=term.value if term.value.lower() in said else "")
        elif not _words(term.text).search(text):
            continue
        found.setdefault(term.option, []).append(term)
    return [Match(option, hits) for option, hits in sorted(found.items())]


@lru_cache(maxsize=None)
def _words(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def _values_after_flags(text: str, flags: set[str]) -> dict[str, set[str]]:
    """flag -> the values written right after it (empty set: named without a value)."""
    said: dict[str, set[str]] = {}
    for flag in flags:
        for m in re.finditer(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", text, re.IGNORECASE):
            values = said.setdefault(flag, set())
            if v := VALUE_AFTER.match(text[m.end() :]):
                values.add(v.group(1).lower())
    return said


def _any_value_known(term: Term, terms: list[Term], said: set[str]) -> bool:
    """Whether a value written after the flag is one some option sets (then it picks options);
    an unknown value (``--network-plugin-mode`` text, a placeholder) does not narrow anything."""
    known = {t.value.lower() for t in terms if t.kind == "flag" and t.text == term.text and t.value}
    return bool(known & said)


@dataclass
class NoteFinding:
    """An entry after some facts were verified, with the options it names that are older."""

    entry: Entry
    options: list[tuple[Match, Fact]]


def find_in_notes(
    entries: list[Entry], kb: KnowledgeBase, facts: list[Fact]
) -> tuple[dt.date | None, list[NoteFinding]]:
    """Entries released after the oldest option's ``verified_on`` that name an option verified
    before that release; returns that oldest date too (the notes before it were not read)."""
    verified = {f.id: f for f in facts if f.kind == "option" and not f.part}
    since = min((f.verified_on for f in verified.values()), default=None)
    terms = terms_of(kb)
    found = []
    for entry in entries:
        if since is None or entry.release <= since:
            continue
        older = [
            (m, verified[m.option]) for m in match_entry(entry, terms) if verified[m.option].verified_on < entry.release
        ]
        if older:
            found.append(NoteFinding(entry, older))
    return since, sorted(found, key=lambda f: (-f.entry.release.toordinal(), f.entry.line))
