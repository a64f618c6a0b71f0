"""Step 4: the findings as text for a maintainer or JSON for a workflow.

Both say the same things: every position is a clickable ``path:line`` (the fact's
``verified_on``, the page's ``ms.date``, the redirection entry, the release-note entry) so the
maintainer can open the source page, re-check the fact and re-date it.
"""

from __future__ import annotations

import json
from typing import Any

from . import Drift
from .changes import ChangedPage
from .facts import Fact
from .notes import NoteFinding
from .sources import Hop, Mapped

EXCERPT = 200  # characters of a release-note entry shown in the text output


def as_json(drift: Drift) -> str:
    """Every finding and every mapping (a workflow files an issue from it; the mapping shows
    that the map is complete)."""
    data = {
        "needs_review": drift.needs_review,
        "counts": counts(drift),
        "docs": [{"dir": str(c.root), "redirects": len(c.redirects)} for c in drift.checkouts],
        "unmappable": [
            {"source": u.source, "url": u.url, "where": str(u.where), "reason": u.reason, "redirects": _hops(u.hops)}
            for u in drift.sources.unmappable
        ],
        "skipped": drift.sources.skipped,
        "mapped": [_mapped(m) for m in drift.sources.mapped.values()],
        "changed_pages": [_page(p) for p in drift.pages],
        "release_notes": _notes(drift),
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def counts(drift: Drift) -> dict[str, int]:
    """The numbers the summary line, the verdict and the JSON ``counts`` share."""
    mapped = drift.sources.mapped.values()
    return {
        "sources": len(drift.sources.mapped) + len(drift.sources.unmappable) + len(drift.sources.skipped),
        "mapped": len(drift.sources.mapped),
        "redirected": sum(1 for m in mapped if m.hops),
        "unmappable": len(drift.sources.unmappable),
        "skipped": len(drift.sources.skipped),
        "facts": len(drift.facts),
        "changed_pages": len(drift.pages),
        "release_note_entries": len(drift.notes),
        "facts_to_recheck": len(_to_recheck(drift)),
    }


def _to_recheck(drift: Drift) -> set[tuple[str, str, str]]:
    stale = {(s.fact.kind, s.fact.id, s.fact.part) for p in drift.pages for s in p.stale}
    return stale | {(f.kind, f.id, f.part) for n in drift.notes for _, f in n.options}


def _hops(hops: tuple[Hop, ...]) -> list[dict[str, str]]:
    return [{"from": h.frm, "to": h.to, "where": h.where} for h in hops]


def _mapped(m: Mapped) -> dict[str, Any]:
    return {"source": m.source, "url": m.url, "dir": str(m.checkout.root), "file": m.file, "redirects": _hops(m.hops)}


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "id": fact.id,
        "part": fact.part,
        "verified_on": fact.verified_on.isoformat(),
        "where": str(fact.where),
    }


def _page(page: ChangedPage) -> dict[str, Any]:
    state, commit = page.state, page.state.commit
    return {
        "dir": str(page.checkout.root),
        "file": page.file,
        "ms_date": state.ms_date.isoformat() if state.ms_date else None,
        "ms_date_text": state.ms_date_text,
        "ms_date_where": f"{page.checkout.root / page.file}:{state.ms_date_line}" if state.ms_date_line else None,
        "commit": {"sha": commit.sha, "date": commit.date.isoformat(), "subject": commit.subject} if commit else None,
        "sources": [{"source": m.source, "url": m.url, "redirects": _hops(m.hops)} for m in page.sources],
        "facts": [
            {**_fact(s.fact), "source": s.source, "cited_in": s.fact.cites[s.source], "because": list(s.because)}
            for s in page.stale
        ],
    }


def _notes(drift: Drift) -> dict[str, Any] | None:
    if drift.notes_path is None:
        return None
    return {
        "file": str(drift.notes_path),
        "since": drift.notes_since.isoformat() if drift.notes_since else None,
        "entries_read": drift.notes_read,
        "entries": [_note(drift, n) for n in drift.notes],
    }


def _note(drift: Drift, note: NoteFinding) -> dict[str, Any]:
    entry = note.entry
    return {
        "release": entry.release.isoformat(),
        "where": f"{drift.notes_path}:{entry.line}",
        "section": entry.section,
        "text": entry.text,
        "options": [
            {**_fact(fact), "matched": [{"by": t.kind, "term": t.text, "value": t.value} for t in match.terms]}
            for match, fact in note.options
        ],
    }


def as_text(drift: Drift) -> str:
    """A summary line, then each kind of finding under its heading, then the verdict."""
    lines = [_summary_line(drift)]
    lines += _unmappable_text(drift)
    lines += _pages_text(drift)
    lines += _notes_text(drift)
    lines += ["", _verdict(drift)]
    return "\n".join(lines) + "\n"


def _summary_line(drift: Drift) -> str:
    c = counts(drift)
    learn = c["mapped"] + c["unmappable"]
    return (
        f"drift: {len(drift.checkouts)} docs checkout(s); {learn} learn.microsoft.com source(s): {c['mapped']} mapped "
        f"({c['redirected']} through redirects), {c['unmappable']} unmappable; {c['skipped']} on other hosts or "
        "generated reference pages skipped; "
        f"{c['facts']} facts"
    )


def _unmappable_text(drift: Drift) -> list[str]:
    if not drift.sources.unmappable:
        return []
    lines = ["", f"Unmappable sources ({len(drift.sources.unmappable)}): map each to a page of a --docs checkout"]
    for u in drift.sources.unmappable:
        lines.append(f"  {u.where}: {u.source}: {u.url}")
        lines.extend(f"    redirected {h.frm} -> {h.to} ({h.where})" for h in u.hops)
        lines.append(f"    {u.reason}")
    return lines


def _pages_text(drift: Drift) -> list[str]:
    if not drift.pages:
        return []
    facts = {(s.fact.kind, s.fact.id, s.fact.part) for p in drift.pages for s in p.stale}
    lines = ["", f"Changed pages ({len(drift.pages)}), newer than {len(facts)} fact(s) citing them:"]
    for page in drift.pages:
        lines.extend(_page_text(page))
    return lines


def _page_text(page: ChangedPage) -> list[str]:
    path, state, commit = page.checkout.root / page.file, page.state, page.state.commit
    ms = f"ms.date {state.ms_date.isoformat()} ({path}:{state.ms_date_line})" if state.ms_date else "no ms.date"
    if state.ms_date is None and state.ms_date_text:
        ms = f"ms.date '{state.ms_date_text}' is not MM/DD/YYYY ({path}:{state.ms_date_line})"
    last = f'last commit {commit.date.isoformat()} {commit.sha[:10]} "{commit.subject}"' if commit else "no commit"
    lines = [f"  {path}", f"    {ms}; {last}"]
    for m in page.sources:
        via = "".join(f"; redirected {h.frm} -> {h.to} ({h.where})" for h in m.hops)
        lines.append(f"    source {m.source}: {m.url}{via}")
    for s in sorted(page.stale, key=lambda s: (s.fact.kind, s.fact.id, s.fact.part, s.source)):
        lines.append(
            f"    - {s.fact.label}: verified_on {s.fact.verified_on.isoformat()} at {s.fact.where} "
            f"(older than the {' and the '.join(s.because)}; cites {s.source} in {', '.join(s.fact.cites[s.source])})"
        )
    return lines


def _notes_text(drift: Drift) -> list[str]:
    if drift.notes_path is None:
        return []
    since = drift.notes_since.isoformat() if drift.notes_since else "never"
    head = (
        f"Release notes {drift.notes_path}: {len(drift.notes)} of {drift.notes_read} entries are after {since} "
        "and name options verified before them"
    )
    lines = ["", head + (":" if drift.notes else ".")]
    for note in drift.notes:
        entry = note.entry
        section = f" ({entry.section})" if entry.section else ""
        text = " ".join(entry.text.split())
        lines.append(f"  Release {entry.release.isoformat()}{section} at {drift.notes_path}:{entry.line}")
        lines.append(f"    {text[:EXCERPT]}{'…' if len(text) > EXCERPT else ''}")
        for match, fact in note.options:
            named = ", ".join(f'{t.kind} "{t.text}{" " + t.value if t.value else ""}"' for t in match.terms)
            lines.append(
                f"    - {fact.label}: verified_on {fact.verified_on.isoformat()} at {fact.where}; named by {named}"
            )
    return lines


def _verdict(drift: Drift) -> str:
    if not drift.needs_review:
        return "Nothing to review: every source maps to a page, and no page or release note is newer than its facts."
    c = counts(drift)
    parts = [
        f"{c['unmappable']} unmappable source(s)",
        f"{c['changed_pages']} changed page(s)",
        f"{c['release_note_entries']} release-note entr{'y' if c['release_note_entries'] == 1 else 'ies'}",
    ]
    return f"Needs review: {', '.join(parts)}; {c['facts_to_recheck']} fact(s) to re-check."
