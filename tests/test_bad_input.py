"""Every case of the bad-input corpus: exact messages from `aks-atlas validate` (exit 1),
a failed `mkdocs build`, and an existing built site left exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from generator.adapters.cli import main as cli_main

from .conftest import FIXTURES, build_site, write_config
from .corpus import CASES, Case


def apply(case: Case, root: Path) -> None:
    """Copy kb-mini to root and apply the case's edits."""
    shutil.copytree(FIXTURES / "kb-mini", root)
    for key, edit in case.edits.items():
        if key.startswith("!copy "):
            _, src, dst = key.split()
            (root / dst).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / src, root / dst)
            key = dst
        path = root / key
        if edit is None:
            path.unlink()
        elif isinstance(edit, bytes):
            path.write_bytes(edit)
        elif isinstance(edit, str):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit, encoding="utf-8")
        elif callable(edit):
            new = edit(path.read_text(encoding="utf-8"))
            if new is None:
                continue
            # A case that introduces non-ASCII text tests the encoding check: write Latin-1.
            data = new.encode("latin-1") if case.name == "latin-1" else new.encode("utf-8")
            path.write_bytes(data)
        else:
            text = path.read_text(encoding="utf-8")
            for old, new in edit:
                assert old in text, f"case {case.name}: '{old}' not found in {key}"
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")


def test_corpus_is_large_and_unique():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


def test_the_base_fixture_is_clean(tmp_path, capsys):
    shutil.copytree(FIXTURES / "kb-mini", tmp_path / "kb")
    assert cli_main(["--data", str(tmp_path / "kb"), "validate"]) == 0


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_the_defect(case: Case, tmp_path, capsys, monkeypatch):
    apply(case, tmp_path / "kb")
    monkeypatch.chdir(tmp_path)
    code = cli_main(["--data", "kb", "validate"])
    err = capsys.readouterr().err.splitlines()
    lines = [line for line in err if not line.endswith("error(s)") and ": warning: " not in line]
    assert code == 1
    assert lines == case.expect


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """A site built from the clean fixture, copied per case to prove a failed build keeps it."""
    root = tmp_path_factory.mktemp("good")
    shutil.copytree(FIXTURES / "kb-mini", root / "kb")
    return build_site(write_config(root, root / "kb"), root / "site")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_fails_and_keeps_the_good_site(case: Case, tmp_path, good_site, caplog):
    apply(case, tmp_path / "kb")
    site = tmp_path / "site"
    shutil.copytree(good_site, site)
    before = _digest(site)
    with pytest.raises((PluginError, Abort)):
        build_site(write_config(tmp_path, tmp_path / "kb"), site)
    # MkDocs logs the plugin's error (every line of it) and aborts.
    for line in case.expect:
        assert line in caplog.text
    assert _digest(site) == before


def test_one_run_reports_parse_and_cross_file_errors_together(tmp_path, capsys, monkeypatch):
    """A broken option file does not hide the other files' problems, nor drown them in
    follow-on errors about the broken option."""
    combined = Case(
        "combined",
        "three defects in three files",
        {
            "options/alpha/fast-one.yaml": [("summary: The fast option.", "sumary: The fast option.")],
            "options/alpha/slow-one.yaml": [("      date: 2028-03-31", "      date: 2018-03-31")],
            "rules/main.yaml": [("b: private-one", "b: privat-one")],
        },
    )
    apply(combined, tmp_path / "kb")
    monkeypatch.chdir(tmp_path)
    assert cli_main(["--data", "kb", "validate"]) == 1
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("kb/") and ": warning: " not in x]
    assert lines == [
        "kb/options/alpha/fast-one.yaml:1:1: missing required field 'summary'",
        "kb/options/alpha/fast-one.yaml:4:1: unknown key 'sumary'; did you mean 'summary'?",
        "kb/options/alpha/slow-one.yaml:16:13: 'end-of-support' on 2018-03-31 comes before the option became "
        "available (2019-01-31)",
        "kb/rules/main.yaml:5:8: unknown option 'privat-one'; did you mean 'private-one'?",
    ]
