"""Settings shared by the checks and the views (kept apart to avoid import cycles)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_REVIEW_DAYS = 180


@dataclass(frozen=True)
class Settings:
    today: dt.date
    review_days: int = DEFAULT_REVIEW_DAYS
