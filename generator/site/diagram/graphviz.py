"""Run Graphviz's ``dot`` (Debian package ``graphviz``; ``make graphviz`` installs it).

``dot`` is deterministic for the same input and version, so the site stays byte-identical
between builds. Each distinct DOT text is laid out once per process (``mkdocs serve`` rebuilds
reuse the result).
"""

from __future__ import annotations

import functools
import shutil
import subprocess


class GraphvizError(RuntimeError):
    """``dot`` is missing or rejected a graph (a bug in the generator, not in the data)."""


def dot_string(text: str) -> str:
    """A DOT double-quoted string; newlines become centred line breaks."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@functools.lru_cache(maxsize=512)
def layout_svg(dot: str) -> str:
    """The SVG ``dot`` draws for ``dot``."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizError("Graphviz's 'dot' is not installed: run 'make graphviz' (Debian package graphviz)")
    done = subprocess.run([exe, "-Tsvg"], input=dot.encode(), capture_output=True, check=False)
    if done.returncode != 0:
        raise GraphvizError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode()
