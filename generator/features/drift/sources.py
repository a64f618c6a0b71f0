"""Step 1b: map every registered learn.microsoft.com source to the file it is published from.

A source maps when one of the checkouts has a file at its URL path, or when the URL path was
redirected (possibly more than once, possibly into another checkout) to a page that has one. A
Learn source that maps nowhere is a finding, not a skip: the mapping must stay complete, or a
changed page would go unnoticed. Sources on other hosts (GitHub issues, the AKS blog) have no
docs file and are only counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ...core.errors import Position
from ...core.read import KnowledgeBase
from .checkout import Checkout, normalize_path

LEARN_HOST = "learn.microsoft.com"
MAX_HOPS = 10
#: Learn reference pages generated from code (SDKs, REST, CLI), which no docs repository holds:
#: counted with the other hosts' sources instead of reported as unmappable every week.
GENERATED_REFERENCE = ("/javascript/api/", "/python/api/", "/dotnet/api/", "/java/api/", "/rest/api/", "/cli/azure/")


@dataclass(frozen=True)
class Hop:
    """One redirect followed: from a URL path to another, and the redirection entry that said so."""

    frm: str
    to: str
    where: str


@dataclass(frozen=True)
class Mapped:
    source: str
    url: str
    checkout: Checkout
    file: str
    hops: tuple[Hop, ...] = ()


@dataclass(frozen=True)
class Unmappable:
    source: str
    url: str
    where: Position
    reason: str
    hops: tuple[Hop, ...] = ()


@dataclass
class SourceMap:
    mapped: dict[str, Mapped] = field(default_factory=dict)
    unmappable: list[Unmappable] = field(default_factory=list)
    #: Sources on other hosts, and generated reference pages: no file to compare with.
    skipped: list[str] = field(default_factory=list)


def map_sources(kb: KnowledgeBase, checkouts: list[Checkout]) -> SourceMap:
    """Every registered source, mapped, unmappable (with the reason) or skipped."""
    result = SourceMap()
    for sid, source in sorted(kb.sources.items()):
        url = urlsplit(source.url)
        path = "/" + url.path.lstrip("/").removeprefix("en-us/")
        if url.hostname != LEARN_HOST or path.startswith(GENERATED_REFERENCE):
            result.skipped.append(sid)
            continue
        found = resolve(normalize_path(url.path), checkouts)
        if found.checkout is not None:
            result.mapped[sid] = Mapped(sid, source.url, found.checkout, found.file, found.hops)
        else:
            where = kb.origin("source", sid).at("url")
            result.unmappable.append(Unmappable(sid, source.url, where, found.reason, found.hops))
    return result


@dataclass(frozen=True)
class Resolution:
    """Where a URL path ends up: a checkout's file, or the reason it maps to none."""

    checkout: Checkout | None
    file: str = ""
    hops: tuple[Hop, ...] = ()
    reason: str = ""


def resolve(path: str, checkouts: list[Checkout]) -> Resolution:
    """Follow ``path`` through the checkouts' files and redirects to the file published there."""
    hops: list[Hop] = []
    while True:
        for checkout in checkouts:
            if file := checkout.find(path):
                return Resolution(checkout, file, tuple(hops))
        redirect = next((c.redirects[path] for c in checkouts if path in c.redirects), None)
        if redirect is None:
            return Resolution(None, hops=tuple(hops), reason=_why_missing(path, checkouts))
        target = urlsplit(urljoin(f"https://{LEARN_HOST}{path}", redirect.target))
        if target.hostname != LEARN_HOST:
            reason = f"{path} redirects off Learn, to {redirect.target} ({redirect.where})"
            return Resolution(None, hops=tuple(hops), reason=reason)
        nxt = normalize_path(target.path)
        hops.append(Hop(path, nxt, redirect.where))
        if nxt in {h.frm for h in hops} or len(hops) > MAX_HOPS:
            return Resolution(None, hops=tuple(hops), reason=f"redirect loop at {nxt} ({redirect.where})")
        path = nxt


def _why_missing(path: str, checkouts: list[Checkout]) -> str:
    """Say which file was looked for where, or that no checkout publishes that part of Learn."""
    tried = [(c, names) for c in checkouts if (names := c.candidates(path))]
    if not tried:
        return f"no --docs checkout publishes {path} (no docset serves that path)"
    return f"no page at {path}: " + "; ".join(f"{names[0]} is not in {c.root}" for c, names in tried)
