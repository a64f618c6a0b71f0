"""What checks and pages need to know about the build: its date, and when a verified fact is stale.

Kept in a module of its own because every layer reads it: the checks, the pages and the adapters.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

DEFAULT_REVIEW_DAYS = 180


@dataclass(frozen=True)
class Settings:
    """What checks and pages need to know about the build: its date and when a fact is stale."""

    today: dt.date
    review_days: int = DEFAULT_REVIEW_DAYS
    #: The published address (mkdocs.yml ``site_url``), for the absolute links feeds need; "" if unknown.
    site_url: str = ""


def build_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
