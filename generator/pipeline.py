"""The whole core in one call: read, check, and (in ``render``) turn the KB into pages.

Kept apart from the CLI and the MkDocs plugin so both adapters run exactly the same steps.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .check import check
from .errors import DataError, KnowledgeBaseError
from .features import FEATURES
from .read import KnowledgeBase, read
from .settings import DEFAULT_REVIEW_DAYS, Settings


def today() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _mentions(error: DataError, ids: set[str]) -> bool:
    return any(f"'{i}'" in error.message for i in ids) or (bool(ids) and "has no options" in error.message)


def load_kb(data_dir: Path, *, review_days: int = DEFAULT_REVIEW_DAYS, on: dt.date | None = None) -> tuple[KnowledgeBase, list[DataError]]:
    """Read and check ``data_dir``; raise ``KnowledgeBaseError`` with every error, else return
    the KB and its warnings (stale facts)."""
    kb, errors = read(data_dir)
    if kb.shared_ok:
        # Cross-file checks run even when some option or tree files could not be read, so one
        # run reports everything; messages about those unreadable entities are left out.
        settings = Settings(today=on or today(), review_days=review_days)
        found = check(kb, settings)
        for feature in FEATURES:
            found.extend(feature.checks(kb, settings))
        errors += [e for e in found if not _mentions(e, kb.unreadable)]
    hard = [e for e in errors if not e.warning]
    if hard:
        raise KnowledgeBaseError(hard)
    return kb, sorted(e for e in errors if e.warning)
