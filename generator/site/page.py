"""What every page is before rendering: where it goes, which template draws it, with what."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, which template draws it, with what, from which file."""

    src: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    edit_path: str | None = None
