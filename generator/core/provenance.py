"""Where facts come from: every cited source is registered, every option, rule and tree cites a
learn.microsoft.com page, sources live on allowed hosts, and ``verified_on`` dates are neither in
the future nor too old (stale facts are warnings: time passing must not break a deployment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from .errors import DataError, did_you_mean
from .read import KnowledgeBase, Origin
from .settings import Settings

#: Hosts that sources may point to. Every option and rule also needs one learn.microsoft.com page.
ALLOWED_SOURCE_HOSTS = ("learn.microsoft.com", "github.com", "blog.aks.azure.com", "azure.microsoft.com")
PRIMARY_HOST = "learn.microsoft.com"


def known_sources(refs: list[str], origin: Origin, loc: tuple[Any, ...], kb: KnowledgeBase) -> Iterator[DataError]:
    for i, ref in enumerate(refs):
        if ref not in kb.sources:
            yield DataError(origin.at(*loc, i), f"unknown source '{ref}'{did_you_mean(ref, kb.sources)}")


def needs_primary_source(
    refs: list[str], origin: Origin, loc: tuple[Any, ...], kb: KnowledgeBase, what: str
) -> Iterator[DataError]:
    hosts = {urlsplit(kb.sources[r].url).hostname for r in refs if r in kb.sources}
    if refs and all(r in kb.sources for r in refs) and PRIMARY_HOST not in hosts:
        yield DataError(origin.at(*loc), f"{what} needs at least one {PRIMARY_HOST} source")


def verified_on_ok(value: dt.date | None, origin: Origin, loc: tuple[Any, ...], s: Settings) -> Iterator[DataError]:
    if value is None:
        return
    if value > s.today:
        yield DataError(
            origin.at(*loc), f"verified_on {value.isoformat()} is in the future (today is {s.today.isoformat()})"
        )
    elif (s.today - value).days > s.review_days:
        yield DataError(
            origin.at(*loc),
            f"stale: verified_on {value.isoformat()} is more than {s.review_days} days old; re-check the sources",
            warning=True,
        )


def check_sources(kb: KnowledgeBase, s: Settings) -> Iterator[DataError]:
    for sid, src in kb.sources.items():
        host = urlsplit(src.url).hostname or ""
        if host not in ALLOWED_SOURCE_HOSTS:
            yield DataError(
                kb.origin("source", sid).at("url"),
                f"host '{host}' is not an allowed source host ({', '.join(ALLOWED_SOURCE_HOSTS)})",
            )
