"""Run Graphviz's ``dot`` (Debian package ``graphviz``; ``make graphviz`` installs it).

``dot`` is deterministic for the same input and version, so the site stays byte-identical
between builds, and a layout can be kept: each SVG is stored on disk under the SHA-256 of the
``dot`` version and the DOT text (in ``cache.folder("graphviz")``), and in memory for the
process (``mkdocs serve`` rebuilds). A build after the first runs ``dot`` only for pictures
whose graph changed; graphs missing from the cache are laid out side by side, one ``dot``
process per core.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import cache


class GraphvizError(RuntimeError):
    """``dot`` is missing or rejected a graph (a bug in the generator, not in the data)."""


def dot_string(text: str) -> str:
    """A DOT double-quoted string; newlines become centred line breaks."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def layout_svgs(dots: Sequence[str]) -> list[str]:
    """The SVGs ``dot`` draws for ``dots``, in order; those not drawn before are drawn in parallel."""
    missing = [d for d in dict.fromkeys(dots) if d not in _drawn]
    if missing:
        with ThreadPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1)) as pool:
            for dot, svg in zip(missing, pool.map(_cached_or_drawn, missing), strict=True):
                _drawn[dot] = svg
    return [_drawn[d] for d in dots]


# Why a plain dict: a build holds a few hundred small SVGs, and `mkdocs serve` keeps them all.
_drawn: dict[str, str] = {}


def forget() -> None:
    """Drop the layouts kept in memory (the disk cache stays)."""
    _drawn.clear()


def _cached_or_drawn(dot: str) -> str:
    folder = cache.folder("graphviz")
    if folder is None:
        return _run_dot(dot)
    path = folder / (hashlib.sha256(f"{_version()}\n{dot}".encode()).hexdigest() + ".svg")
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    svg = _run_dot(dot)
    _write_atomically(path, svg)
    return svg


def _write_atomically(path: Path, text: str) -> None:
    # Why: two builds may share the cache (tests run side by side); a reader never sees half a file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp") as f:
            f.write(text)
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only or full disk costs speed, not correctness


def _exe() -> str:
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizError("Graphviz's 'dot' is not installed: run 'make graphviz' (Debian package graphviz)")
    return exe


@functools.cache
def _version() -> str:
    """``dot -V`` (printed on stderr): a new Graphviz draws differently, so it is part of the key."""
    done = subprocess.run([_exe(), "-V"], capture_output=True, check=False)
    return (done.stderr or done.stdout).decode(errors="replace").strip()


def _run_dot(dot: str) -> str:
    done = subprocess.run([_exe(), "-Tsvg"], input=dot.encode(), capture_output=True, check=False)
    if done.returncode != 0:
        raise GraphvizError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode()
