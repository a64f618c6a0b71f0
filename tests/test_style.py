"""The code stays in one style: pyflakes, import order and lines of at most 120 characters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

RUFF = Path(sys.executable).with_name("ruff")


def test_ruff_finds_nothing():
    run = subprocess.run([str(RUFF), "check", "--no-cache", "generator", "tests", "bench", "scripts"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
