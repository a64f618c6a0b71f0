"""Incremental rebuilds under ``mkdocs serve --dirty``: only pages whose text changed are rendered.

A generated page normally reaches MkDocs as a ``File.generated`` with its text in memory, and
MkDocs treats such a file as modified on every build. While serving, the plugin instead writes
each generated file into a folder of its own, rewriting it only when its text differs from the
last build, and hands MkDocs ordinary files from there: a dirty build then compares their times
with the built pages' and renders just the pages an edit changed (an option edit changes its own
page, its category table, its pairs and a few lists; a template edit, the pages that use it).

When something every page shows changes (the navigation, a page title, the glossary
abbreviations), every built page is removed so that the next build renders them all again.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


class GeneratedFolder:
    """The generated pages and assets of the last build, as files on disk."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="aks-atlas-serve-"))
        self._texts: dict[str, str] = {}
        self._shared = ""

    def update(self, texts: dict[str, str]) -> list[str]:
        """Write what changed since the last call; return the sources written."""
        written = []
        for src, text in texts.items():
            if self._texts.get(src) != text:
                target = self.root / src
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                written.append(src)
        for gone in set(self._texts) - set(texts):
            (self.root / gone).unlink(missing_ok=True)
        self._texts = dict(texts)
        return written

    def file(self, src: str, config: MkDocsConfig, **kwargs) -> File:
        return File(src, str(self.root), config.site_dir, config.use_directory_urls, **kwargs)

    def shared_changed(self, *parts: object) -> bool:
        """True when what every page shows differs from the last build (and on the first)."""
        key = json.dumps(parts, sort_keys=True, default=str)
        changed, self._shared = key != self._shared, key
        return changed


def headings(texts: dict[str, str]) -> dict[str, str]:
    """Each Markdown page's first title line: page titles name pages in every page's navigation."""
    return {
        src: next((line for line in text.splitlines() if line.startswith(("# ", "title:"))), "")
        for src, text in texts.items()
        if src.endswith(".md")
    }


def forget_built_pages(files: Files) -> None:
    """Remove every built page, so that a dirty build renders them all."""
    for f in files.documentation_pages():
        if os.path.isfile(f.abs_dest_path):
            os.remove(f.abs_dest_path)


class CompiledTemplates(BytecodeCache):
    """The theme's compiled templates, kept in memory between rebuilds. MkDocs makes a new Jinja
    environment for every build, which compiles Material's templates again each time; Jinja
    checks each template's source checksum, so an edited override is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


#: Seconds between two looks at the knowledge base and the templates under `mkdocs serve`.
#: MkDocs polls what it watches every 0.5 s, half a second of an author's wait in the worst
#: case; a look at a few hundred files takes about 3 ms.
POLL_S = 0.1


def watch_often(server, folders: list[Path]) -> None:
    """Watch ``folders`` for the rebuild, looking every ``POLL_S`` seconds.

    MkDocs' server takes no polling interval from its command line or from plugins; its
    watchdog observer gives each folder scheduled on it the observer's interval of that moment,
    so the interval is lowered only while these folders are scheduled."""
    observer = server.observer
    usual = getattr(observer, "_timeout", None)
    if usual is not None:
        observer._timeout = POLL_S
    try:
        for folder in folders:
            server.watch(str(folder))
    finally:
        if usual is not None:
            observer._timeout = usual
