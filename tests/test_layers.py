"""The generator's layers point one way and hold no cycle; the vocabulary covers every kind.

``lint-imports`` reads the contracts in pyproject.toml (layers, independent features, acyclic
siblings) and sees every import statement, function-local ones included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.core import model as m
from generator.core import vocab

from .conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_imports_follow_the_layers_and_make_no_cycle():
    run = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


def test_an_upward_function_local_import_breaks_the_contract(tmp_path):
    """The contracts can fail: a copy of the package with one late upward import is rejected."""
    copy = tmp_path / "generator"
    subprocess.run(["cp", "-r", str(ROOT / "generator"), str(copy)], check=True)
    views = copy / "site" / "views.py"
    views.write_text(views.read_text() + "\n\ndef _late():\n    from ..features.compare import pages  # noqa: F401\n")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode != 0
    assert "generator.site.views -> generator.features.compare.pages" in run.stdout


def test_every_rule_kind_status_and_support_level_has_its_words():
    assert set(vocab.RULE_KINDS) == set(m.RuleKind)
    assert set(vocab.STATUSES) == set(m.Status)
    assert set(vocab.SUPPORT) == set(m.Support)
    shipped = vocab.as_json()
    assert set(shipped["rule_kinds"]) == {k.value for k in m.RuleKind}
    assert shipped["rule_kinds"]["requires"]["only_a"] == {"severity": "error", "change": ("b", "a")}
