"""Step 1a: read one local checkout of a Learn docs repository (its publishing set-up only).

A Learn page's address is not written in its file: the repository's
``.openpublishing.publish.config.json`` lists its docsets (each built from a folder), each
docset's ``docfx.json`` says which folder is published under which path, and the
``.openpublishing.redirection*.json`` files say where moved pages went. This module reads those
files once, so that ``sources`` can turn a URL into a file without guessing.

The site base path (``/azure`` for both MicrosoftDocs/azure-aks-docs and azure-docs) is set in the
publishing service, not in the repository. It is taken, in this order, from a docset's
``base_path`` (if a repository ever writes it), from the first segment of docfx's
``breadcrumb_path`` (``/azure/breadcrumb/azure-aks/toc.json``: both real repositories set it), or
from the docset's ``build_output_subfolder`` (``azure`` in azure-docs).
"""

from __future__ import annotations

import fnmatch
import json
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UnusableInput

PUBLISH_CONFIG = ".openpublishing.publish.config.json"
REDIRECTION_GLOB = ".openpublishing.redirection*.json"
PAGE_SUFFIXES = (".md", ".yml")


@dataclass(frozen=True)
class Content:
    """One docfx ``content`` entry: files under ``src`` (repository path) are served at ``url``."""

    src: str
    url: str
    exclude: tuple[str, ...] = ()

    def excluded(self, rel: str) -> bool:
        return any(fnmatch.fnmatch(rel, pattern) for pattern in self.exclude)


@dataclass(frozen=True)
class Redirect:
    """A moved page: ``target`` is the ``redirect_url`` as written; ``where`` is ``file:line``."""

    target: str
    where: str


@dataclass
class Checkout:
    """A docs repository on disk: where its pages are published and where its moved pages went."""

    root: Path
    contents: list[Content]
    #: Learn URL path (lowercase, no suffix) -> where a page that used to live there went.
    redirects: dict[str, Redirect] = field(default_factory=dict)
    _listings: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def url_of(self, repo_path: str) -> str | None:
        """The URL path a repository file is published at (the longest matching ``src`` wins)."""
        for content in sorted(self.contents, key=lambda c: len(c.src), reverse=True):
            prefix = "" if content.src == "." else content.src + "/"
            if repo_path.startswith(prefix):
                rel = repo_path[len(prefix) :]
                stem, suffix = posixpath.splitext(rel)
                if suffix in PAGE_SUFFIXES and not content.excluded(rel):
                    stem = "" if stem == "index" else stem.removesuffix("/index")
                    return normalize_path(posixpath.join(content.url, stem))
        return None

    def candidates(self, url_path: str) -> list[str]:
        """The repository files that would be published at ``url_path``, in docfx's order."""
        found = []
        for content in self.contents:
            if url_path != content.url and not url_path.startswith(content.url.rstrip("/") + "/"):
                continue
            rel = url_path[len(content.url) :].strip("/")
            names = [f"{rel}{s}" for s in PAGE_SUFFIXES] + [posixpath.join(rel, f"index{s}") for s in PAGE_SUFFIXES]
            for name in names if rel else [f"index{s}" for s in PAGE_SUFFIXES]:
                if not content.excluded(name):
                    found.append(posixpath.normpath(posixpath.join(content.src, name)))
        return found

    def find(self, url_path: str) -> str | None:
        """The file published at ``url_path``, found case-insensitively as Learn URLs are."""
        return next((hit for c in self.candidates(url_path) if (hit := self._exists(c))), None)

    def _exists(self, rel: str) -> str | None:
        """``rel`` with the case it has on disk, or None; one directory listing per folder."""
        current = ""
        for part in rel.split("/"):
            listing = self._listings.get(current)
            if listing is None:
                folder = self.root / current
                listing = {p.name.lower(): p.name for p in folder.iterdir()} if folder.is_dir() else {}
                self._listings[current] = listing
            name = listing.get(part.lower())
            if name is None:
                return None
            current = posixpath.join(current, name) if current else name
        return current if (self.root / current).is_file() else None


def normalize_path(path: str) -> str:
    """A Learn URL path as a lookup key: lowercase, one leading slash, no trailing slash, no
    locale (``/en-us/azure/aks/x/`` and ``/azure/aks/X`` are the same page)."""
    path = "/" + posixpath.normpath("/" + path.strip()).strip("/").lower()
    return re.sub(r"^/[a-z]{2}-[a-z]{2}(?=/|$)", "", path) or "/"


def read_checkout(root: Path) -> Checkout:
    """Read a docs checkout's publishing set-up; ``UnusableInput`` if it is not one."""
    if not root.is_dir():
        raise UnusableInput(f"docs folder '{root}' does not exist")
    _require_git(root)
    config = _read_json(root / PUBLISH_CONFIG, f"'{root}' has no {PUBLISH_CONFIG}: is it a Learn docs repository?")
    docsets = config.get("docsets_to_publish") if isinstance(config, dict) else None
    if not isinstance(docsets, list) or not docsets:
        raise UnusableInput(f"{root / PUBLISH_CONFIG}: no docsets_to_publish")
    checkout = Checkout(root=root, contents=[c for d in docsets for c in _docset_contents(root, d)])
    for path in sorted(root.glob(REDIRECTION_GLOB)):
        checkout.redirects.update(_redirects(checkout, path))
    return checkout


def _require_git(root: Path) -> None:
    """Drift dates pages by their last commit, so a plain copy of the files will not do."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True
        )
    except FileNotFoundError:
        raise UnusableInput("git is not installed: drift reads the last commit of each page") from None
    if run.returncode != 0 or run.stdout.strip() != "true":
        raise UnusableInput(f"'{root}' is not a git checkout (drift reads the last commit of each page)")


def _read_json(path: Path, missing: str) -> Any:
    if not path.is_file():
        raise UnusableInput(missing)
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnusableInput(f"{path}: cannot read it: {exc}") from None


def _docset_contents(root: Path, docset: dict[str, Any]) -> list[Content]:
    """The docfx content entries of one docset, with repository paths and full URL paths."""
    folder = posixpath.normpath(str(docset.get("build_source_folder") or "."))
    docfx = _read_json(
        root / folder / "docfx.json", f"{root / folder}: docset '{docset.get('docset_name')}' has no docfx.json"
    )
    build = docfx.get("build", {}) if isinstance(docfx, dict) else {}
    base = _base_path(docset, build)
    contents = []
    for entry in build.get("content") or []:
        if not isinstance(entry, dict) or not any(str(f).endswith(".md") for f in entry.get("files") or []):
            continue
        src = posixpath.normpath(posixpath.join(folder, str(entry.get("src") or ".")))
        url = normalize_path(posixpath.join(base, str(entry.get("dest") or ".")))
        contents.append(Content(src=src, url=url, exclude=tuple(str(x) for x in entry.get("exclude") or [])))
    return contents


def _base_path(docset: dict[str, Any], build: dict[str, Any]) -> str:
    """The site path a docset is published under (see the module docstring for the order)."""
    if docset.get("base_path"):
        return normalize_path(str(docset["base_path"]))
    crumb = str((build.get("globalMetadata") or {}).get("breadcrumb_path") or "")
    if crumb.startswith("/") and crumb.count("/") > 1:
        return normalize_path(crumb.split("/")[1])
    return normalize_path(str(docset.get("build_output_subfolder") or docset.get("docset_name") or ""))


def _redirects(checkout: Checkout, path: Path) -> dict[str, Redirect]:
    """``source_path`` (or ``source_path_from_root``) -> ``redirect_url`` of one redirection file,
    keyed by the URL path the moved file used to be published at."""
    data = _read_json(path, f"{path} disappeared")
    lines = {
        m.group(1): n
        for n, text in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1)
        for m in [re.search(r'"source_path(?:_from_root)?"\s*:\s*"([^"]+)"', text)]
        if m
    }
    items = data.get("redirections") if isinstance(data, dict) else None
    found = {}
    for item in [i for i in items or [] if isinstance(i, dict)]:
        source = item.get("source_path") or item.get("source_path_from_root")
        url = checkout.url_of(str(source).lstrip("/")) if source else None
        if url and item.get("redirect_url"):
            found[url] = Redirect(str(item["redirect_url"]), f"{path}:{lines.get(source, 1)}")
    return found
