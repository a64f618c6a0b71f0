"""The bad-input corpus: broken variants of the ``kb-mini`` fixture, one defect each.

Each case edits the fixture (replace text, write a file, delete a file) and names the exact
lines ``aks-atlas validate`` must print. Tests run every case through the CLI and through
``mkdocs build`` (which must fail and leave an existing site untouched).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

Edit = Union[str, bytes, None, list[tuple[str, str]], Callable[[str], str]]

FAST = "options/alpha/fast-one.yaml"
SLOW = "options/alpha/slow-one.yaml"
PRIV = "options/beta/private-one.yaml"
RULES = "rules/main.yaml"
CATS = "categories.yaml"
SOURCES = "sources/main.yaml"
GLOSSARY = "glossary.yaml"


@dataclass
class Case:
    name: str
    defect: str
    edits: dict[str, Edit]
    expect: list[str] = field(default_factory=list)


def _deep(levels: int) -> str:
    return "id: fast-one\nx: " + "[" * levels + "]" * levels + "\n"


def _bomb() -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    return "\n".join(lines) + "\n"


K = "kb/"  # display prefix: the fixture is copied to tmp_path/kb

CASES: list[Case] = [
    # --- YAML syntax and encoding -------------------------------------------------------
    Case(
        "syntax-error",
        "an unclosed flow sequence",
        {FAST: [("keywords: [speedy, turbo]", "keywords: [speedy, turbo")]},
        ["kb/options/alpha/fast-one.yaml:49:5: YAML syntax error: did not find expected ',' or ']'"],
    ),
    Case(
        "tab-indent",
        "a tab used for indentation",
        {FAST: [("      date: 2025-01-15\n", "\t    date: 2025-01-15\n")]},
        [
            "kb/options/alpha/fast-one.yaml:12:1: YAML syntax error: found a tab character that violates indentation "
            "(YAML does not allow tabs for indentation)"
        ],
    ),
    Case(
        "bad-indent",
        "a key indented under a scalar",
        {FAST: [("summary: The fast option.\n", "summary: The fast option.\n  extra: 1\n")]},
        ["kb/options/alpha/fast-one.yaml:5:8: YAML syntax error: mapping values are not allowed in this context"],
    ),
    Case(
        "latin-1",
        "a file that is not UTF-8",
        {FAST: lambda t: t.replace("Fast and", "Caf\u00e9 and")},
        [f"{K}{FAST}:5:17: file is not valid UTF-8"],
    ),
    Case("empty-file", "an empty option file", {FAST: ""}, [f"{K}{FAST}:1:1: file is empty"]),
    Case(
        "two-documents",
        "two YAML documents in one file",
        {PRIV: lambda t: t + "---\nid: other\n"},
        [f"{K}{PRIV}:1:1: file holds more than one YAML document"],
    ),
    Case(
        "top-level-list",
        "a list where a mapping is expected",
        {PRIV: "- id: private-one\n"},
        [f"{K}{PRIV}:1:1: the top level must be a mapping of keys"],
    ),
    Case(
        "duplicate-key",
        "the same key twice in one mapping",
        {FAST: [("tags: [recommended]", "tags: [recommended]\nsummary: Again.")]},
        ["kb/options/alpha/fast-one.yaml:50:1: duplicate key 'summary' (first defined at line 4)"],
    ),
    Case(
        "alias",
        "a YAML alias",
        {FAST: [("pros: [Fast.]", "pros: &p [Fast.]\ncons_copy: *p")]},
        ["kb/options/alpha/fast-one.yaml:17:12: YAML aliases (*name) are not allowed: write the value out"],
    ),
    Case(
        "alias-bomb",
        "aliases that expand exponentially (billion laughs)",
        {PRIV: _bomb()},
        [f"{K}{PRIV}:2:8: YAML aliases (*name) are not allowed: write the value out"],
    ),
    Case(
        "merge-key",
        "a YAML merge key",
        {PRIV: [("cells:\n  private:\n    level: yes", "cells:\n  private:\n    <<: {level: yes}")]},
        ["kb/options/beta/private-one.yaml:21:5: YAML merge keys (<<) are not allowed: write the keys out"],
    ),
    Case(
        "deep-nesting",
        "structure nested 40 levels deep",
        {PRIV: _deep(40)},
        ["kb/options/beta/private-one.yaml:2:36: nesting deeper than 32 levels"],
    ),
    Case(
        "huge-file",
        "a file over the size limit",
        {PRIV: lambda t: t + "#" + "x" * 4_500_000 + "\n"},
        ["kb/options/beta/private-one.yaml:1:1: file is 4500434 bytes; the limit is 4194304"],
    ),
    Case(
        "unknown-key",
        "a misspelt key",
        {FAST: [("summary: The fast option.", "sumary: The fast option.")]},
        [
            f"{K}{FAST}:1:1: missing required field 'summary'",
            f"{K}{FAST}:4:1: unknown key 'sumary'; did you mean 'summary'?",
        ],
    ),
    Case(
        "unknown-nested-key",
        "a misspelt key inside a cell",
        {FAST: [("    note: Only Windows Server 2022.", "    notes: Only Windows Server 2022.")]},
        ["kb/options/alpha/fast-one.yaml:40:5: unknown key 'notes'; did you mean 'note'?"],
    ),
    Case(
        "missing-field",
        "a required field left out",
        {PRIV: [("summary: The private option.\n", "")]},
        [f"{K}{PRIV}:1:1: missing required field 'summary'"],
    ),
    Case(
        "wrong-type-list",
        "text where a list is expected",
        {PRIV: [("pros: [Private.]", "pros: Private.")]},
        [f"{K}{PRIV}:13:7: input should be a valid list (got str)"],
    ),
    Case(
        "wrong-type-mapping-in-text",
        "an unquoted ': ' turning text into a mapping",
        {PRIV: [("pros: [Private.]", "pros:\n  - Private: yes")]},
        [f"{K}{PRIV}:14:5: expected text but found a key: value pair; put the text in quotes when it contains ': '"],
    ),
    Case(
        "bad-date",
        "an impossible date",
        {PRIV: [("verified_on: 2026-11-01", "verified_on: 2026-13-01")]},
        ["kb/options/beta/private-one.yaml:23:14: '2026-13-01' is not a date (write YYYY-MM-DD)"],
    ),
    Case(
        "bad-enum",
        "a lifecycle event kind that does not exist",
        {PRIV: [("    - kind: preview", "    - kind: beta")]},
        [
            f"{K}{PRIV}:8:13: 'beta' is not allowed; expected 'preview', 'ga', 'retirement-announced', "
            "'end-of-patches', 'end-of-support', 'creation-blocked' or 'removed'"
        ],
    ),
    Case(
        "bad-support-level",
        "a support level that does not exist",
        {PRIV: [("    level: yes", "    level: maybe")]},
        [
            "kb/options/beta/private-one.yaml:21:12: 'maybe' is not allowed; expected 'yes', 'partial', 'no', "
            "'preview', 'retiring' or 'n/a'"
        ],
    ),
    Case(
        "uppercase-id",
        "an id with capitals",
        {PRIV: [("id: private-one", "id: Private-One")]},
        [f"{K}{PRIV}:1:5: 'Private-One' is not a valid id: use lowercase letters, digits and single hyphens"],
    ),
    Case(
        "path-traversal-id",
        "an id that tries to escape the output folder",
        {PRIV: [("id: private-one", "id: ../../etc/passwd")]},
        [f"{K}{PRIV}:1:5: '../../etc/passwd' is not a valid id: use lowercase letters, digits and single hyphens"],
    ),
    Case(
        "bad-flag",
        "a CLI flag without its dashes",
        {FAST: [("    - flag: --network-plugin", "    - flag: network-plugin")]},
        ["kb/options/alpha/fast-one.yaml:20:13: 'network-plugin' is not a valid flag: write it as --name in lowercase"],
    ),
    Case(
        "non-https-source",
        "a source URL over plain http",
        {SOURCES: [("https://learn.microsoft.com/azure/aks/doc-b", "http://learn.microsoft.com/azure/aks/doc-b")]},
        [f"{K}{SOURCES}:6:10: 'http://learn.microsoft.com/azure/aks/doc-b' is not an https:// URL"],
    ),
    Case(
        "javascript-source",
        "a javascript: source URL",
        {SOURCES: [("https://learn.microsoft.com/azure/aks/doc-b", "javascript:alert(1)")]},
        [f"{K}{SOURCES}:6:10: 'javascript:alert(1)' is not an https:// URL"],
    ),
    # --- files and ids ------------------------------------------------------------------
    Case(
        "id-file-mismatch",
        "an id that differs from the file name",
        {PRIV: [("id: private-one", "id: private-two")]},
        [f"{K}{PRIV}:1:5: id 'private-two' does not match the file name 'private-one.yaml'"],
    ),
    Case(
        "category-folder-mismatch",
        "an option in the wrong category folder",
        {PRIV: [("category: beta", "category: alpha")]},
        [f"{K}{PRIV}:3:11: category 'alpha' does not match the folder 'options/beta/'"],
    ),
    Case(
        "duplicate-option-id",
        "the same option id in two folders",
        {"!copy options/alpha/fast-one.yaml options/beta/fast-one.yaml": [("category: alpha", "category: beta")]},
        ["kb/options/beta/fast-one.yaml:1:5: duplicate option id 'fast-one' (also in kb/options/alpha/fast-one.yaml)"],
    ),
    Case(
        "stray-file",
        "a YAML file outside options/<category>/",
        {"options/stray.yaml": "id: stray\n"},
        [f"{K}options/stray.yaml:1:1: unexpected file: options live at options/<category>/<id>.yaml"],
    ),
    Case(
        "missing-categories",
        "categories.yaml deleted",
        {CATS: None},
        [f"{K}{CATS}:1:1: missing file: categories.yaml is required"],
    ),
    Case(
        "duplicate-source-id",
        "the same source id twice",
        {"sources/extra.yaml": "sources:\n  - id: doc-a\n    url: https://learn.microsoft.com/x\n    title: X\n"},
        ["kb/sources/main.yaml:2:9: duplicate source id 'doc-a' (also in kb/sources/extra.yaml)"],
    ),
    Case(
        "unknown-category",
        "an option whose category does not exist",
        {
            "!copy options/beta/private-one.yaml options/gamma/private-one.yaml": [
                ("category: beta", "category: gamma")
            ],
            PRIV: None,
        },
        [
            "kb/categories.yaml:26:13: category 'beta' has no options",
            "kb/options/gamma/private-one.yaml:3:11: unknown category 'gamma'",
        ],
    ),
    Case(
        "dangling-source",
        "a cell citing a source that is not registered",
        {FAST: [("    value: 100\n    sources: [doc-a]", "    value: 100\n    sources: [doc-c]")]},
        ["kb/options/alpha/fast-one.yaml:37:15: unknown source 'doc-c'; did you mean 'doc-b'?"],
    ),
    Case(
        "dangling-rule-option",
        "a rule naming an option that does not exist",
        {RULES: [("b: private-one", "b: privat-one")]},
        [f"{K}{RULES}:5:8: unknown option 'privat-one'; did you mean 'private-one'?"],
    ),
    Case(
        "missing-cell",
        "an option without a cell for one dimension",
        {PRIV: [("cells:\n  private:\n    level: yes\n", "cells: {}\n")]},
        [
            "kb/options/beta/private-one.yaml:19:8: no cell for dimension 'private' (use level: n/a with a note where "
            "it does not apply)"
        ],
    ),
    Case(
        "unknown-dimension",
        "a cell for a dimension the category does not have",
        {
            PRIV: [
                (
                    "cells:\n  private:\n    level: yes\n",
                    "cells:\n  private:\n    level: yes\n  privacy:\n    level: yes\n",
                )
            ]
        },
        [
            "kb/options/beta/private-one.yaml:22:3: unknown dimension 'privacy' for category 'beta'; did you mean "
            "'private'?"
        ],
    ),
    Case(
        "partial-without-note",
        "a partial cell with no footnote",
        {FAST: [("    note: Only Windows Server 2022.\n", "")]},
        ["kb/options/alpha/fast-one.yaml:39:12: a partial cell needs a note saying what is missing"],
    ),
    Case(
        "na-without-note",
        "an n/a cell with no reason",
        {SLOW: [("    note: Does not apply.\n", "")]},
        [f"{K}{SLOW}:34:12: a n/a cell needs a note saying why"],
    ),
    Case(
        "text-in-number",
        "text in a number dimension",
        {SLOW: [("    value: 1\n", "    value: one\n")]},
        [f"{K}{SLOW}:29:12: dimension 'speed' needs a number value (Gbps)"],
    ),
    Case(
        "future-verified",
        "a verified_on date in the future",
        {PRIV: [("verified_on: 2026-11-01", "verified_on: 2027-01-01")]},
        ["kb/options/beta/private-one.yaml:23:14: verified_on 2027-01-01 is in the future (today is 2026-11-29)"],
    ),
    Case(
        "lifecycle-without-start",
        "a lifecycle that never says when the option became available",
        {SLOW: [("    - kind: ga\n      date: 2019-01-31\n      by: true\n      sources: [doc-b]\n", "")]},
        [f"{K}{SLOW}:8:5: the lifecycle needs a preview or ga event: when did it become available?"],
    ),
    Case(
        "lifecycle-end-before-start",
        "an end of support before the option became available",
        {SLOW: [("      date: 2028-03-31", "      date: 2018-03-31")]},
        [f"{K}{SLOW}:16:13: 'end-of-support' on 2018-03-31 comes before the option became available (2019-01-31)"],
    ),
    Case(
        "lifecycle-bad-month",
        "a month-precision date that is not a month",
        {PRIV: [("      date: 2026-03-01", "      date: 2026-13")]},
        [f"{K}{PRIV}:9:13: '2026-13' is not a date (write YYYY-MM-DD or YYYY-MM for a month)"],
    ),
    Case(
        "pins-the-present",
        "prose that pins the present",
        {SLOW: [("description: Slow but steady.", "description: Today is the last week of support; 3 days left.")]},
        [f"{K}{SLOW}:5:14: 'Today' pins the present: state the date (the generator computes states from dated events)"],
    ),
    Case(
        "lifecycle-tag",
        "a tag that states a lifecycle by hand",
        {FAST: [("tags: [", "tags: [retiring, ")]},
        [f"{K}{FAST}:49:8: 'retiring' is computed from the lifecycle events; remove the tag"],
    ),
    Case(
        "migration-unknown",
        "a migration to an option that does not exist",
        {FAST: [("  - to: slow-one", "  - to: slower-one")]},
        ["kb/options/alpha/fast-one.yaml:30:9: unknown option 'slower-one'; did you mean 'slow-one'?"],
    ),
    Case(
        "alias-is-id",
        "an alias that is another option's id",
        {PRIV: [("category: beta", "category: beta\naliases: [fast-one]")]},
        [f"{K}{PRIV}:4:11: alias 'fast-one' is the id of another option"],
    ),
    # --- rules --------------------------------------------------------------------------
    Case(
        "contradictory-rule",
        "a pair that both requires and conflicts",
        {
            RULES: lambda t: (
                t
                + "  - id: slow-requires-private\n    kind: requires\n    a: slow-one\n    b: private-one\n"
                + "    reason: Needs it.\n    sources: [doc-a]\n    verified_on: 2026-11-01\n"
            )
        },
        [
            f"{K}{RULES}:3:11: contradiction: 'slow-one' both requires and conflicts with 'private-one' (see rule "
            "'slow-requires-private')"
        ],
    ),
    Case(
        "conflict-stated-twice",
        "a symmetric conflict written in both directions",
        {
            RULES: lambda t: (
                t
                + "  - id: private-conflicts-slow\n    kind: conflicts\n    a: private-one\n    b: slow-one\n"
                + "    reason: Same.\n    sources: [doc-a]\n    verified_on: 2026-11-01\n"
            )
        },
        [
            f"{K}{RULES}:9:9: rule repeats 'slow-conflicts-private' (conflicts between 'private-one' and 'slow-one'); "
            "state it once"
        ],
    ),
    Case(
        "self-rule",
        "a rule from an option to itself",
        {RULES: [("b: private-one", "b: slow-one")]},
        [f"{K}{RULES}:5:8: a rule relates two different options"],
    ),
    Case(
        "same-category-requires",
        "a requires rule inside one category",
        {RULES: [("kind: conflicts", "kind: requires"), ("b: private-one", "b: fast-one")]},
        [
            f"{K}{RULES}:5:8: 'slow-one' and 'fast-one' are in the same category: only one can be chosen, so only "
            "'conflicts' makes sense"
        ],
    ),
    Case(
        "rule-without-learn-source",
        "a rule citing only a non-Microsoft page",
        {
            SOURCES: lambda t: t + "  - id: gh\n    url: https://github.com/Azure/AKS/releases\n    title: Releases\n",
            RULES: [("sources: [doc-a]", "sources: [gh]")],
        },
        [f"{K}{RULES}:7:14: a rule needs at least one learn.microsoft.com source"],
    ),
    Case(
        "disallowed-host",
        "a source on a host outside the allowed list",
        {SOURCES: [("https://learn.microsoft.com/azure/aks/doc-b", "https://example.com/doc-b")]},
        [
            "kb/options/alpha/slow-one.yaml:36:10: an option needs at least one learn.microsoft.com source",
            "kb/sources/main.yaml:6:10: host 'example.com' is not an allowed source host (learn.microsoft.com, "
            "github.com, blog.aks.azure.com, azure.microsoft.com)",
        ],
    ),
    Case(
        "script-in-prose",
        "a <script> tag in a description",
        {FAST: [("description: Fast and **bold**.", "description: Fast <script>alert(1)</script>")]},
        [f"{K}{FAST}:5:14: raw HTML '<script>' is not allowed in text: write Markdown (code in backticks)"],
    ),
    Case(
        "html-in-pros",
        "an <img onerror> in a list item",
        {FAST: [("pros: [Fast.]", "pros: ['<img src=x onerror=alert(1)>']")]},
        [
            f"{K}{FAST}:16:8: raw HTML '<img src=x onerror=alert(1)>' is not allowed in text: write Markdown (code in "
            "backticks)"
        ],
    ),
    Case(
        "javascript-link",
        "a javascript: link in Markdown prose",
        {FAST: [("description: Fast and **bold**.", "description: '[click](javascript:alert(1))'")]},
        [f"{K}{FAST}:5:14: link target 'javascript:alert(1' is not allowed: use https:// links or site-relative paths"],
    ),
    Case(
        "http-link",
        "a plain-http link in Markdown prose",
        {PRIV: [("description: Private.", "description: 'See [this](http://example.com).'")]},
        [f"{K}{PRIV}:5:14: link target 'http://example.com' is not allowed: use https:// links or site-relative paths"],
    ),
    # --- glossary -----------------------------------------------------------------------
    Case(
        "glossary-unknown-see",
        "a glossary entry linking to a missing option",
        {GLOSSARY: [("see: [fast-one]", "see: [fast-two]")]},
        ["kb/glossary.yaml:7:11: unknown option 'fast-two'; did you mean 'fast-one'?"],
    ),
    Case(
        "abbreviation-without-expansion",
        "an abbreviation with nothing to show in its tooltip",
        {GLOSSARY: [("    expansion: Source network address translation\n", "")]},
        ["kb/glossary.yaml:5:19: an abbreviation needs an expansion for its tooltip"],
    ),
    # --- limits and command order -----------------------------------------------------
    Case(
        "limit-value-and-ranges",
        "a limit that gives a number and ranges at once",
        {
            FAST: [
                (
                    "select:\n",
                    "limits:\n  - id: size\n    name: Size\n    value: 3\n    unit: IPs\n"
                    "    ranges: [10.0.0.0/8]\n    sources: [doc-a]\nselect:\n",
                )
            ]
        },
        [f"{K}{FAST}:19:5: a limit has either a value with a unit, or ranges"],
    ),
    Case(
        "limit-bad-range",
        "a limit range that is not CIDR notation",
        {
            FAST: [
                (
                    "select:\n",
                    "limits:\n  - id: reserved\n    name: Reserved\n    ranges: [10.0.0.0]\n"
                    "    sources: [doc-a]\nselect:\n",
                )
            ]
        },
        [f"{K}{FAST}:21:14: '10.0.0.0' is not an IPv4 range in CIDR notation, such as 10.0.0.0/16"],
    ),
    Case(
        "egress-rule-unknown-option",
        "an outbound firewall rule that names an option that does not exist",
        {
            "egress.yaml": "shown_on: [fast-one]\nrules:\n  - id: mcr\n    kind: application\n"
            "    destinations: [mcr.microsoft.com]\n    protocol: HTTPS\n    port: 443\n    why: Images.\n"
            "    not_needed_with: [fast-onne]\n    sources: [doc-a]\n    verified_on: 2025-01-15\n"
        },
        [f"{K}egress.yaml:9:23: unknown option 'fast-onne'; did you mean 'fast-one'?"],
    ),
    Case(
        "command-order-unknown-category",
        "a command order naming a category that does not exist and leaving one out",
        {CATS: [("layers:\n", "command_order: [alpha, betta]\nlayers:\n")]},
        [
            f"{K}{CATS}:1:16: command_order does not list category 'beta'",
            f"{K}{CATS}:1:24: unknown category 'betta'; did you mean 'beta'?",
        ],
    ),
]
