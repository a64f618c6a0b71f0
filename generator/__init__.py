"""AKS Networking Atlas generator: YAML knowledge base in, Markdown pages out.

The public surface is small: ``load_kb`` reads and checks a data directory, ``build_site`` turns
a checked knowledge base into pages, navigation and data assets; the MkDocs plugin and the CLI
(``generator.adapters``) are thin layers over those two. The layers, from the bottom:
``core`` (data) <- ``site`` (machinery) <- ``features`` <- ``app`` (composition root) <- ``adapters``.
"""

from .app import build_site, load_kb
from .core.errors import DataError, KnowledgeBaseError

__all__ = ["DataError", "KnowledgeBaseError", "build_site", "load_kb"]
