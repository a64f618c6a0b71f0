"""``aks-atlas drift`` against a fixture: two docs checkouts made into git repositories here, with
commits on chosen dates, kb-mini citing their pages, and a release-notes file.

``tests/fixtures/drift/README.md`` lists what is planted. Each test asserts that drift finds
exactly that: no planted change missed, nothing else reported.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.adapters.cli import main as cli_main
from generator.features.drift.checkout import normalize_path
from generator.features.drift.history import parse_ms_date
from generator.features.drift.notes import Entry, Term, match_entry, parse_notes

from .conftest import EPOCH, FIXTURES

DRIFT = FIXTURES / "drift"
BASE_DAY = "2025-12-15"  # every fixture file is first committed on this day, before every fact


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        return json.loads(self.out)


def git(repo: Path, *args: str, day: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Fixture",
        "GIT_AUTHOR_EMAIL": "fixture@example.com",
        "GIT_COMMITTER_NAME": "Fixture",
        "GIT_COMMITTER_EMAIL": "fixture@example.com",
    }
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit_all(repo: Path, message: str, day: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)


def docs_repo(name: str, root: Path) -> Path:
    """A copy of a fixture docs tree as a git repository, every file committed on BASE_DAY."""
    repo = root / name
    shutil.copytree(DRIFT / name, repo)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, f"Add the {name} pages", BASE_DAY)
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: expected '{old}' once (has the fixture changed?)"
    path.write_text(text.replace(old, new), encoding="utf-8")


def knowledge_base(root: Path, planted: bool) -> Path:
    """kb-mini with the drift fixture's sources; ``planted`` makes its facts cite the changed pages
    (fast-one on 2026-03-01 cites page-reviewed, and its speed cell, re-checked on 2026-05-01,
    too; slow-one on 2026-01-01 cites page-edited; private-one on 2026-08-01 cites page-moved and
    vnet-hub; the rule on 2026-03-01 cites page-edited and vnet-concepts). Unplanted, the facts
    keep kb-mini's dates except slow-one, moved past every release note (2026-10-01)."""
    kb = root / ("kb" if planted else "kb-clean")
    shutil.copytree(FIXTURES / "kb-mini", kb)
    sources = (DRIFT / "sources.yaml").read_text(encoding="utf-8")
    (kb / "sources" / "main.yaml").write_text(sources if planted else sources.split("  - id: doc-b-again")[0])
    options = kb / "options"
    if not planted:
        edit(options / "alpha" / "slow-one.yaml", "\nverified_on: 2026-01-01", "\nverified_on: 2026-10-01")
        return kb
    edit(options / "alpha" / "fast-one.yaml", "\nsources: [doc-a]", "\nsources: [doc-a, page-reviewed]")
    edit(options / "alpha" / "fast-one.yaml", "\nverified_on: 2026-11-01", "\nverified_on: 2026-03-01")
    edit(
        options / "alpha" / "fast-one.yaml",
        "  speed:\n    value: 100\n    sources: [doc-a]",
        "  speed:\n    value: 100\n    sources: [doc-a, page-reviewed]\n    verified_on: 2026-05-01",
    )
    edit(options / "alpha" / "slow-one.yaml", "\nsources: [doc-b]", "\nsources: [doc-b, page-edited]")
    edit(options / "beta" / "private-one.yaml", "\nsources: [doc-a]", "\nsources: [doc-a, page-moved, vnet-hub]")
    edit(options / "beta" / "private-one.yaml", "\nverified_on: 2026-11-01", "\nverified_on: 2026-08-01")
    rules = kb / "rules" / "main.yaml"
    edit(rules, "    sources: [doc-a]", "    sources: [doc-a, page-edited, vnet-concepts]")
    edit(rules, "    verified_on: 2026-11-01", "    verified_on: 2026-03-01")
    return kb


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> dict[str, Path]:
    """The two checkouts with the planted commits, both knowledge bases and the notes."""
    root = tmp_path_factory.mktemp("drift")
    aks, azure = docs_repo("aks-docs", root), docs_repo("azure-docs", root)
    pages = aks / "articles" / "aks"
    edit(pages / "edited.md", "without a new ms.date.", "without a new ms.date.\n\nA paragraph added later.")
    commit_all(aks, "Edit the edited page", "2026-02-15")
    edit(pages / "new-name.md", "ms.date: 12/01/2025", "ms.date: 09/01/2026")
    commit_all(aks, "Rewrite the moved page", "2026-09-01")
    return {
        "root": root,
        "aks": aks,
        "azure": azure,
        "kb": knowledge_base(root, planted=True),
        "clean": knowledge_base(root, planted=False),
        "notes": DRIFT / "CHANGELOG.md",
    }


def drift(kb: Path, *args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        try:
            code = cli_main(["--data", str(kb), "drift", *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def sources(world) -> list[str]:
    """The fixture's two docs checkouts and its release notes, as drift arguments."""
    return ["--docs", str(world["aks"]), "--docs", str(world["azure"]), "--release-notes", str(world["notes"])]


@pytest.fixture(scope="module")
def planted(world) -> Run:
    return drift(world["kb"], *sources(world), "--json")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# --- step 1: every source maps, through docfx and redirects --------------------------------------


def test_every_learn_source_maps_through_docfx_and_redirects(planted, world):
    data = planted.json
    mapped = {m["source"]: (Path(m["dir"]).name, m["file"], [h["to"] for h in m["redirects"]]) for m in data["mapped"]}
    assert mapped == {
        "doc-a": ("aks-docs", "articles/aks/doc-a.md", []),
        "doc-b": ("aks-docs", "articles/aks/doc-b.md", []),
        "doc-b-again": ("aks-docs", "articles/aks/doc-b.md", []),  # /en-us/, upper case, slash, query
        "page-reviewed": ("aks-docs", "articles/aks/reviewed.md", []),
        "page-edited": ("aks-docs", "articles/aks/edited.md", []),
        "page-moved": ("aks-docs", "articles/aks/new-name.md", ["/azure/aks/new-name"]),
        "vnet-concepts": (
            "azure-docs",
            "articles/virtual-network/vnet-overview.md",
            ["/azure/virtual-network/vnet-overview"],
        ),
        "vnet-hub": ("azure-docs", "articles/virtual-network/index.yml", []),
    }
    hop = next(m for m in data["mapped"] if m["source"] == "page-moved")["redirects"][0]
    redirection = world["aks"] / ".openpublishing.redirection.json"
    assert hop == {
        "from": "/azure/aks/old-name",
        "to": "/azure/aks/new-name",
        "where": f"{redirection}:{line_of(redirection, 'old-name.md')}",
    }
    assert data["skipped"] == ["gh-issue", "sdk-reference"]


def test_an_unmappable_learn_source_is_a_finding_with_its_position_and_reason(planted, world):
    sources = world["kb"] / "sources" / "main.yaml"
    found = {u["source"]: u for u in planted.json["unmappable"]}
    assert set(found) == {"page-missing"}  # the SDK reference page is generated from code: skipped
    assert found["page-missing"]["where"] == f"kb/sources/main.yaml:{line_of(sources, '/never-written')}:10"
    assert found["page-missing"]["reason"] == (
        f"no page at /azure/aks/never-written: articles/aks/never-written.md is not in {world['aks']}; "
        f"articles/aks/never-written.md is not in {world['azure']}"
    )


# --- step 2: pages newer than the facts citing them ---------------------------------------------------


def test_finds_exactly_the_planted_page_changes(planted):
    found = {
        (p["file"], f["source"], f["kind"], f["id"], f["part"], tuple(f["because"]))
        for p in planted.json["changed_pages"]
        for f in p["facts"]
    }
    assert found == {
        # ms.date bumped, no commit since: fast-one (2026-03-01) is older; its speed cell (2026-05-01) is not
        ("articles/aks/reviewed.md", "page-reviewed", "option", "fast-one", "", ("ms.date",)),
        # a commit on 2026-02-15: slow-one (2026-01-01) is older, the rule (2026-03-01) is not
        ("articles/aks/edited.md", "page-edited", "option", "slow-one", "", ("commit",)),
        # reached through a redirect; ms.date and commit on 2026-09-01, after private-one (2026-08-01)
        ("articles/aks/new-name.md", "page-moved", "option", "private-one", "", ("ms.date", "commit")),
    }


def test_a_changed_page_says_its_dates_commit_and_where_each_fact_is_verified(planted, world):
    page = next(p for p in planted.json["changed_pages"] if p["file"] == "articles/aks/new-name.md")
    path = world["aks"] / "articles/aks/new-name.md"
    assert (page["ms_date"], page["ms_date_text"]) == ("2026-09-01", "09/01/2026")
    assert page["ms_date_where"] == f"{path}:{line_of(path, 'ms.date')}"
    assert (page["commit"]["date"], page["commit"]["subject"]) == ("2026-09-01", "Rewrite the moved page")
    assert page["sources"][0]["redirects"][0]["from"] == "/azure/aks/old-name"
    (fact,) = page["facts"]
    option = world["kb"] / "options/beta/private-one.yaml"
    assert fact["where"] == f"kb/options/beta/private-one.yaml:{line_of(option, 'verified_on')}:14"
    assert (fact["verified_on"], fact["cited_in"]) == ("2026-08-01", ["sources"])


def test_a_cell_verified_on_its_own_is_compared_with_its_own_date(planted):
    edited = next(p for p in planted.json["changed_pages"] if p["file"] == "articles/aks/reviewed.md")
    (fact,) = edited["facts"]
    assert fact["cited_in"] == ["sources"]  # not cells.speed.sources: the cell was re-checked after


# --- step 3: release notes -------------------------------------------------------------------------


def test_release_notes_name_options_by_name_keyword_and_flag_and_nothing_else(planted, world):
    notes = planted.json["release_notes"]
    found = {
        (e["release"], o["id"], tuple((m["by"], m["term"], m["value"]) for m in o["matched"]))
        for e in notes["entries"]
        for o in e["options"]
    }
    assert found == {
        ("2026-09-10", "fast-one", (("name", "Fast One", ""),)),
        ("2026-09-10", "private-one", (("flag", "--enable-private-cluster", ""),)),
        ("2026-09-10", "slow-one", (("flag", "--network-plugin", "kubenet"),)),  # not fast-one's "azure"
        ("2026-06-01", "fast-one", (("keyword", "turbo", ""),)),
    }
    assert notes["since"] == "2026-01-01"
    first = notes["entries"][0]
    assert first["where"] == f"{world['notes']}:{line_of(world['notes'], '**Fast One**')}"
    assert first["section"] == "Features"
    nested = next(e for e in notes["entries"] if "kubenet" in e["text"])
    assert "A nested bullet of the same entry." in nested["text"]


def test_release_note_headings_in_every_format_the_changelog_has_used():
    text = "\n".join(
        [
            "# Changelog",
            "* before any release: ignored",
            "## Release Notes - 2026-07-17",
            "* a",
            "## Release Notes 2026-02-08",
            "### Features",
            "* b",
            "continued lazily",
            "",
            "* c",
            "## Release 2021-12-9",
            "paragraph one",
            "",
            "paragraph two",
            "## Release 2019-04-04 - Hotfix (CVE mitigation)",
            "- d",
            "  - nested",
            "",
            "  still d",
        ]
    )
    entries = [(str(e.release), e.section, e.text) for e in parse_notes(text)]
    assert entries == [
        ("2026-07-17", "", "* a"),
        ("2026-02-08", "Features", "* b\ncontinued lazily"),
        ("2026-02-08", "Features", "* c"),
        ("2021-12-09", "", "paragraph one"),
        ("2021-12-09", "", "paragraph two"),
        ("2019-04-04", "", "- d\n  - nested\n  still d"),
    ]


@pytest.mark.parametrize(
    "text, named",
    [
        ("Use `--network-dataplane cilium` now", {"cilium"}),
        ("Use --network-dataplane=azure", {"azure"}),
        ("The `--network-dataplane` flag is renamed", {"azure", "cilium"}),
        ("The --network-dataplane-mode flag", set()),
        ("--network-dataplane foo is new", {"azure", "cilium"}),  # an unknown value narrows nothing
        ("Ciliumized things and [a link](https://example.com/cilium)", set()),
    ],
)
def test_flags_match_whole_with_the_value_that_picks_the_option(text, named):
    terms = [
        Term("azure", "flag", "--network-dataplane", "azure"),
        Term("cilium", "flag", "--network-dataplane", "cilium"),
        Term("cilium", "keyword", "cilium"),
    ]
    entry = Entry(release=None, line=1, section="", lines=[text])  # type: ignore[arg-type]
    assert {m.option for m in match_entry(entry, terms)} == named


# --- step 4: output and exit codes -------------------------------------------------------------------


def test_json_shape(planted):
    data = planted.json
    assert planted.code == 1 and data["needs_review"] is True
    assert set(data) == {
        "needs_review",
        "counts",
        "docs",
        "unmappable",
        "skipped",
        "mapped",
        "changed_pages",
        "release_notes",
    }
    assert data["counts"] == {
        "sources": 11,
        "mapped": 8,
        "redirected": 2,
        "unmappable": 1,
        "skipped": 2,
        "facts": 5,
        "changed_pages": 3,
        "release_note_entries": 4,
        "facts_to_recheck": 3,
    }
    assert set(data["changed_pages"][0]) == {
        "dir",
        "file",
        "ms_date",
        "ms_date_text",
        "ms_date_where",
        "commit",
        "sources",
        "facts",
    }
    assert set(data["changed_pages"][0]["facts"][0]) == {
        "kind",
        "id",
        "part",
        "verified_on",
        "where",
        "source",
        "cited_in",
        "because",
    }
    assert set(data["release_notes"]) == {"file", "since", "entries_read", "entries"}
    assert set(data["release_notes"]["entries"][0]) == {"release", "where", "section", "text", "options"}


def test_text_output_is_grouped_with_counts_and_positions(world):
    run = drift(
        world["kb"], "--docs", str(world["aks"]), "--docs", str(world["azure"]), "--release-notes", str(world["notes"])
    )
    assert run.code == 1
    out = run.out
    assert out.startswith(
        "drift: 2 docs checkout(s); 9 learn.microsoft.com source(s): 8 mapped (2 through "
        "redirects), 1 unmappable; 2 on other hosts or generated reference pages skipped; 5 facts\n"
    )
    assert "\nUnmappable sources (1): " in out and "\nChanged pages (3), newer than 3 fact(s) citing them:\n" in out
    option = world["kb"] / "options/alpha/slow-one.yaml"
    assert (
        f"    - option slow-one: verified_on 2026-01-01 at kb/options/alpha/slow-one.yaml:"
        f"{line_of(option, 'verified_on')}:14 (older than the commit; cites page-edited in sources)"
    ) in out
    assert "last commit 2026-02-15 " in out and '"Edit the edited page"' in out
    assert re.search(r"Release notes .*CHANGELOG\.md: 4 of \d+ entries are after 2026-01-01", out)
    assert out.endswith(
        "Needs review: 1 unmappable source(s), 3 changed page(s), 4 release-note entries; 3 fact(s) to re-check.\n"
    )


def test_exit_0_when_nothing_needs_review(world):
    run = drift(world["clean"], *sources(world))
    assert run.code == 0, run.out
    assert "drift: 2 docs checkout(s); 2 learn.microsoft.com source(s): 2 mapped" in run.out
    assert run.out.endswith(
        "Nothing to review: every source maps to a page, and no page or release note is newer than its facts.\n"
    )
    assert drift(world["clean"], "--docs", str(world["aks"]), "--json").json["needs_review"] is False


def unusable_inputs(world: dict[str, Path]) -> dict[str, tuple[list[str], str]]:
    plain = world["root"] / "plain-copy"
    if not plain.exists():
        shutil.copytree(DRIFT / "aks-docs", plain)
    bare_repo = world["root"] / "not-docs"
    if not bare_repo.exists():
        bare_repo.mkdir()
        git(bare_repo, "init", "-q")
    no_heading = world["root"] / "NOTES.md"
    no_heading.write_text("# Notes\n\n* nothing dated\n")
    aks = ["--docs", str(world["aks"])]
    return {
        "missing folder": (["--docs", str(world["root"] / "nowhere")], "does not exist"),
        "not a git checkout": (["--docs", str(plain)], "is not a git checkout"),
        "not a docs repository": (["--docs", str(bare_repo)], "has no .openpublishing.publish.config.json"),
        "missing notes": ([*aks, "--release-notes", str(world["root"] / "nope.md")], "cannot read the release notes"),
        "notes without releases": ([*aks, "--release-notes", str(no_heading)], "no '## Release YYYY-MM-DD' heading"),
        "no --docs": ([], "the following arguments are required: --docs"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing folder",
        "not a git checkout",
        "not a docs repository",
        "missing notes",
        "notes without releases",
        "no --docs",
    ],
)
def test_unusable_input_exits_2_with_a_message(world, case):
    args, message = unusable_inputs(world)[case]
    run = drift(world["kb"], *args)
    assert run.code == 2 and run.out == ""
    assert "aks-atlas: error: " in run.err and message in run.err


# --- the small pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, key",
    [
        ("/azure/aks/Doc-A/", "/azure/aks/doc-a"),
        ("/en-us/azure/aks/doc-a", "/azure/aks/doc-a"),
        ("/azure/./aks//doc-a", "/azure/aks/doc-a"),
        ("/", "/"),
    ],
)
def test_learn_paths_normalize_to_one_key(path, key):
    assert normalize_path(path) == key


@pytest.mark.parametrize(
    "text, iso",
    [
        ("08/03/2026", "2026-08-03"),
        ("8/3/2026", "2026-08-03"),
        ("2026-08-03", "2026-08-03"),
        ("13/01/2026", None),
        ("soon", None),
    ],
)
def test_ms_date_is_month_first(text, iso):
    parsed = parse_ms_date(text)
    assert (parsed.isoformat() if parsed else None) == iso


def test_generated_reference_pages_are_counted_not_reported(kb):
    from generator.features.drift.sources import map_sources

    result = map_sources(kb, [])
    assert "arm-network-policy-values" in result.skipped
    assert "arm-network-policy-values" not in {u.source for u in result.unmappable}
