"""Offline link checker over a built site: every internal link and anchor resolves, and every
external link is https to an allowed host (the same list that sources are checked against).

Run it as ``aks-atlas check-links SITE_DIR``; the tests run it over the real site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..core.provenance import ALLOWED_SOURCE_HOSTS

#: Hosts a page may link to. Sources come first; edit buttons point at the repository host.
ALLOWED_LINK_HOSTS = frozenset(ALLOWED_SOURCE_HOSTS)
_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"))


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    target: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.problem}"


def _ids(doc: LexborHTMLParser) -> set[str]:
    return {n.attributes["id"] for n in doc.css("[id]") if n.attributes.get("id")} | {
        n.attributes["name"] for n in doc.css("a[name]") if n.attributes.get("name")
    }


def check_links(site: Path, site_url: str = "") -> list[BrokenLink]:
    """Every broken link of the built ``site``; links under ``site_url`` (canonical links, when the
    site was built with its address) are checked as links inside the site."""
    pages: dict[str, LexborHTMLParser] = {}
    for html in sorted(site.rglob("*.html")):
        pages[html.relative_to(site).as_posix()] = LexborHTMLParser(html.read_text(encoding="utf-8"))
    ids = {path: _ids(doc) for path, doc in pages.items()}
    broken: list[BrokenLink] = []
    for path, doc in pages.items():
        if path == "404.html":
            continue  # served at any depth: its links are absolute to the site root
        here = posixpath.dirname(path)
        for tag, attr in _ATTRS:
            for node in doc.css(f"{tag}[{attr}]"):
                target = node.attributes.get(attr) or ""
                if site_url and target.startswith(site_url):
                    target = posixpath.relpath("/" + target[len(site_url) :], "/" + here)
                broken.extend(_check(site, path, here, target, ids))
    return sorted(set(broken))


def _check(site: Path, page: str, here: str, target: str, ids: dict[str, set[str]]) -> list[BrokenLink]:
    parts = urlsplit(target)
    if parts.scheme in ("http", "https"):
        if parts.scheme != "https":
            return [BrokenLink(page, target, "external links must use https")]
        if parts.hostname not in ALLOWED_LINK_HOSTS:
            return [BrokenLink(page, target, f"host {parts.hostname} is not in the allowed list")]
        return []
    if parts.scheme in ("data", "blob") or target.startswith("javascript:"):
        return (
            [BrokenLink(page, target, "javascript: links are not allowed")] if target.startswith("javascript:") else []
        )
    if parts.scheme or parts.netloc:
        return [BrokenLink(page, target, f"unexpected link scheme '{parts.scheme}'")]
    if parts.path.startswith("/"):
        return [BrokenLink(page, target, "absolute paths break when the site is not served at the root")]
    resolved = posixpath.normpath(posixpath.join(here, unquote(parts.path))) if parts.path else page
    if resolved.startswith(".."):
        return [BrokenLink(page, target, "points outside the site")]
    file = site / resolved
    if file.is_dir():
        resolved = posixpath.join(resolved, "index.html")
        file = site / resolved
    if not file.is_file():
        return [BrokenLink(page, target, "no such file")]
    fragment = unquote(parts.fragment)
    if fragment and resolved.endswith(".html") and fragment not in ids.get(resolved, set()):
        return [BrokenLink(page, target, f"no element with id '{fragment}'")]
    return []
