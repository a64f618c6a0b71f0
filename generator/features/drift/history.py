"""Step 2a: when each mapped page last changed, by its own account and by git's.

Two signals, because each misses changes the other sees: authors bump ``ms.date`` when they
review a page (even without a commit we would notice) and git records every edit (even the
ones whose author left ``ms.date`` alone).

Each file gets its own ``git log -1 -- FILE`` (once, however many sources map to it), run several
at a time. One ``git log`` over all files is not the same question: with many paths git keeps
side branches that the one-file walk prunes, and names a side-branch commit whose change main
already had (1 of the 59 AKS pages differed that way), so each file is asked on its own.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .checkout import Checkout

#: ``ms.date: 08/03/2026`` in Markdown front matter or under ``metadata:`` in a YAML page.
MS_DATE = re.compile(r"^\s*ms\.date\s*:\s*['\"]?([^'\"#\n]*?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
HEAD_BYTES = 8192  # the metadata is at the top; pages can be long
WORKERS = 8  # git processes at a time; each walks the history from HEAD until it meets the file
FIELD = "\x1f"


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.date
    subject: str


@dataclass(frozen=True)
class PageState:
    """A page's own date (``ms.date``, with its line) and the last commit that touched it."""

    ms_date: dt.date | None
    ms_date_text: str
    ms_date_line: int
    commit: Commit | None


def page_states(checkout: Checkout, files: set[str]) -> dict[str, PageState]:
    """The state of each of ``files`` (paths relative to the checkout root)."""
    commits = last_commits(checkout.root, files)
    return {f: _state(checkout.root / f, commits.get(f)) for f in sorted(files)}


def _state(path: Path, commit: Commit | None) -> PageState:
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES).decode("utf-8", errors="replace")
    match = MS_DATE.search(_front_matter(head))
    if match is None:
        return PageState(None, "", 0, commit)
    text = match.group(1).strip()
    return PageState(parse_ms_date(text), text, head.count("\n", 0, match.start(1)) + 1, commit)


def _front_matter(head: str) -> str:
    """The ``---`` block of a Markdown page, or the top of a YAML page (its ``metadata:``)."""
    if head.startswith("---"):
        end = head.find("\n---", 3)
        return head[: end if end > 0 else len(head)]
    return head


def parse_ms_date(text: str) -> dt.date | None:
    """``MM/DD/YYYY`` as Learn writes it (``8/3/2026`` too), or ISO; None if neither."""
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        month, day, year = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_commits(root: Path, files: set[str]) -> dict[str, Commit]:
    """The last commit of each file, as ``git log -1 -- FILE`` gives it, several at a time."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        found = dict(zip(sorted(files), pool.map(lambda name: _last_commit(root, name), sorted(files))))
    return {name: commit for name, commit in found.items() if commit is not None}


def _last_commit(root: Path, name: str) -> Commit | None:
    cmd = ["git", "-C", str(root), "log", "-1", f"--format=%H{FIELD}%cs{FIELD}%s", "--", name]
    out = subprocess.run(cmd, capture_output=True, text=True, errors="replace").stdout.strip()
    return _commit(out) if out else None


def _commit(text: str) -> Commit:
    sha, date, subject = (text.split(FIELD, 2) + ["", ""])[:3]
    return Commit(sha, dt.date.fromisoformat(date), subject)
