"""The vocabulary: what each rule kind, severity, status and support level means, in one table.

Every page, check and script reads these tables instead of carrying its own copy: the option
pages' "works with" lists, the matrix symbols, the designer's errors and tips (in Python and,
through ``as_json`` shipped in the JSON the scripts read, in the browser), the verdicts' support
ranking and the lifecycle boxes. Adding a rule kind or a status is adding a row here (and an
enum member in ``model``); a test fails when a member has no row.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .model import EventKind, RuleKind, Status, Support


@dataclass(frozen=True)
class InDesign:
    """How a rule shows in a design: its severity, and the categories whose change settles it
    (``"a"``/``"b"``: the category of that end of the rule), first the one to try first."""

    severity: str
    change: tuple[str, ...]


@dataclass(frozen=True)
class RuleMeaning:
    verb: str  #: read from ``a``: "Kubenet *requires* ..."
    inverse: str  #: read from ``b``: "... *is required by* ..."
    symmetric: bool  #: stating it once covers both directions (so it may be stated only once)
    symbol: str  #: the matrix symbol in ``a``'s row
    inverse_symbol: str  #: the matrix symbol in ``b``'s row
    inverse_kind: str  #: the matrix class in ``b``'s row
    order: int  #: where it is listed on an option page: worst news first
    both: InDesign | None  #: in a design that has both ends
    only_a: InDesign | None  #: in a design that has ``a`` but not ``b``


# One row per kind, as a table (keep it one row a line).
# fmt: off
RULE_KINDS: dict[RuleKind, RuleMeaning] = {
    RuleKind.conflicts: RuleMeaning(verb="does not work with", inverse="does not work with", symmetric=True,
                                    symbol="✕", inverse_symbol="✕", inverse_kind="conflicts", order=0,
                                    both=InDesign("error", ("a", "b")), only_a=None),
    RuleKind.requires: RuleMeaning(verb="requires", inverse="is required by", symmetric=False,
                                   symbol="→", inverse_symbol="←", inverse_kind="required-by", order=1,
                                   both=InDesign("ok", ()), only_a=InDesign("error", ("b", "a"))),
    RuleKind.degrades: RuleMeaning(verb="works with caveats with", inverse="works with caveats with", symmetric=True,
                                   symbol="!", inverse_symbol="!", inverse_kind="degrades", order=2,
                                   both=InDesign("warning", ("a", "b")), only_a=None),
    RuleKind.recommended_with: RuleMeaning(verb="is recommended with", inverse="is recommended with", symmetric=False,
                                           symbol="✓", inverse_symbol="✓", inverse_kind="recommended-with", order=3,
                                           both=InDesign("ok", ()), only_a=InDesign("tip", ("b",))),
}
# fmt: on


@dataclass(frozen=True)
class SeverityMeaning:
    label: str
    rank: int  #: worst first


SEVERITIES: dict[str, SeverityMeaning] = {
    "error": SeverityMeaning("Error", 0),
    "warning": SeverityMeaning("Caveat", 1),
    "tip": SeverityMeaning("Tip", 2),
    "ok": SeverityMeaning("OK", 3),
}


@dataclass(frozen=True)
class StatusMeaning:
    label: str
    admonition: str | None  #: the box an option page opens with (Material admonition kind)
    text: str | None  #: what the box says when the option's lifecycle has no note of its own


STATUSES: dict[Status, StatusMeaning] = {
    Status.ga: StatusMeaning("GA", None, None),
    Status.preview: StatusMeaning(
        "Preview", "warning", "This option is in preview: no SLA, and it may change before general availability."
    ),
    Status.legacy: StatusMeaning("Legacy", "note", "This option still works but is no longer the recommended choice."),
    Status.retiring: StatusMeaning("Retiring", "danger", "This option is being retired."),
    Status.retired: StatusMeaning("Retired", "danger", "This option is retired."),
}
#: The box an option page opens with when official pages disagree on a GA status.
DISPUTED_GA = StatusMeaning(
    "GA", "info", "Official pages disagree on this option's status; we show it as generally available."
)


@dataclass(frozen=True)
class SupportMeaning:
    label: str
    rank: int | None  #: better is higher; ``None``: not comparable (n/a)


SUPPORT: dict[Support, SupportMeaning] = {
    Support.yes: SupportMeaning("Yes", 5),
    Support.partial: SupportMeaning("Partial", 4),
    Support.preview: SupportMeaning("Preview", 3),
    Support.retiring: SupportMeaning("Retiring", 2),
    Support.no: SupportMeaning("No", 1),
    Support.na: SupportMeaning("n/a", None),
}

#: A lifecycle event in words: (what happened, what is coming), for pages, feeds and calendars.
EVENTS: dict[EventKind, tuple[str, str]] = {
    EventKind.preview: ("Public preview began", "Public preview begins"),
    EventKind.ga: ("Generally available", "Becomes generally available"),
    EventKind.retirement_announced: ("Retirement announced", "Retirement to be announced"),
    EventKind.end_of_patches: ("No more fixes or patches", "Fixes and patches end"),
    EventKind.end_of_support: ("Support ended", "Support ends"),
    EventKind.creation_blocked: ("New clusters can no longer use it", "New clusters can no longer use it from"),
    EventKind.removed: ("Removed", "Removal"),
}

#: How a migration is carried out, as the option pages say it.
MIGRATION_HOW = {
    "in-place": "In place, on the existing cluster",
    "rebuild": "Rebuild: create a new cluster",
    "new-node-pool": "Through new node pools",
}
#: The same, as a few words inside a sentence (change-after-creation column, runbooks).
MIGRATION_HOW_SHORT = {"in-place": "in place", "rebuild": "new cluster", "new-node-pool": "new node pool"}


def as_json() -> dict[str, Any]:
    """The vocabulary for the browser (``vocab`` in the JSON the page scripts read)."""
    return {
        "rule_kinds": {k.value: asdict(v) for k, v in RULE_KINDS.items()},
        "severities": {k: asdict(v) for k, v in SEVERITIES.items()},
        "statuses": {k.value: asdict(v) for k, v in STATUSES.items()},
        "support": {k.value: asdict(v) for k, v in SUPPORT.items()},
        "events": {k.value: list(v) for k, v in EVENTS.items()},
    }
