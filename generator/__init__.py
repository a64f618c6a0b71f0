"""AKS Networking Atlas generator: YAML knowledge base in, Markdown pages out.

The public surface is small: ``load_kb`` reads and checks a data directory, ``render_site``
turns a checked knowledge base into ``{path: content}``; the MkDocs plugin and the CLI are thin
adapters over those two.
"""

from .errors import DataError, KnowledgeBaseError
from .pipeline import load_kb

__all__ = ["DataError", "KnowledgeBaseError", "load_kb"]
