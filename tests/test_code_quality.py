"""The code stays lint-clean and type-checks under mypy --strict."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "mkdocs_specs",
            "tests",
            "benchmarks",
        ],
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "mkdocs_specs",
            "tests",
            "benchmarks",
        ],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff", "ruff-format", "mypy"],
)
def test_tool_passes(command):
    # Run as a module of this Python, so that it need not be on PATH.
    if command[2] == "ruff" and importlib.util.find_spec("ruff") is None:
        pytest.fail("ruff is not installed: install the test extra")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
