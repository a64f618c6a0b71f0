"""Data errors with a position, collected so that one run reports all of them at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Position:
    path: str
    line: int = 0  # 1-based; 0 means "the whole file"
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return f"{self.path}:1:1"


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in the knowledge base, printed as ``path:line:col: message``."""

    where: Position
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.where}: {prefix}{self.message}"


class KnowledgeBaseError(Exception):
    """Raised when the knowledge base has errors; carries every one of them, sorted."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


def relpath(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project so they are clickable in editors."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
