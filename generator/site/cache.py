"""Where the build keeps work between runs: ``.cache/aks-atlas/`` in the working folder, or
``$ATLAS_CACHE_DIR``. Only outputs that are a pure function of their key are kept (Graphviz
layouts under the hash of the graph and the ``dot`` version; compiled templates under their
source's checksum), so a cached build equals a fresh one byte for byte. Delete the folder at
any time; set ``ATLAS_CACHE_DIR`` empty to keep nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable naming the cache folder; set it empty to keep no cache on disk.
CACHE_ENV = "ATLAS_CACHE_DIR"
DEFAULT = Path(".cache") / "aks-atlas"


def folder(kind: str) -> Path | None:
    """The folder for one kind of kept work (None when ``$ATLAS_CACHE_DIR`` is set empty)."""
    base = os.environ.get(CACHE_ENV)
    if base == "":
        return None
    return Path(base or DEFAULT) / kind
