"""`.ci/run` stops at the first command that fails, whatever the command: it is run here with
stand-ins for Python, MkDocs and apt-get that log their arguments and fail when told."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

STAND_IN = """#!/bin/sh
echo "$(basename "$0") $*" >> "$CI_LOG"
case "$*" in *"$CI_FAIL"*) exit 1 ;; esac
case "$0 $*" in
    *"pip install"*) echo "  in ${VIRTUAL_ENV:-no virtual environment}" >> "$CI_LOG" ;;
    *"-m pytest"*) echo "  CI=${CI:-}" >> "$CI_LOG" ;;
esac
if [ "$1 $2" = "-m venv" ]; then
    mkdir -p "$3/bin" && ln -sf "$(command -v "$(basename "$0")")" "$3/bin/python"
    echo "export VIRTUAL_ENV=$3" > "$3/bin/activate"
fi
exit 0
"""


def run_ci(tmp_path: Path, fail: str) -> tuple[int, list[str]]:
    """Run a copy of `.ci/run` whose command matching ``fail`` fails; its exit status and the
    commands it ran."""
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("python", "python3", "mkdocs", "apt-get", "sudo"):
        (bin_dir / name).write_text(STAND_IN, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "ci.log"
    log.touch()
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "CI_LOG": str(log),
        "CI_FAIL": fail,
        "TMPDIR": str(tmp_path),
    }
    env.pop("VIRTUAL_ENV", None)
    env.pop("CI", None)
    done = subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run")], env=env, capture_output=True, timeout=60
    )
    return done.returncode, log.read_text(encoding="utf-8").splitlines()


def test_ci_runs_every_step_when_all_pass(tmp_path):
    status, ran = run_ci(tmp_path, fail="no command has this in its arguments")
    assert status == 0
    assert "mkdocs build -f example-site/mkdocs.yml" in ran
    assert sum(" -m pytest" in command for command in ran) == 2  # MkDocs, then ProperDocs


def test_ci_installs_in_virtual_environments_and_runs_the_browser_tests(tmp_path):
    """A fresh Debian or Ubuntu has no `python` and refuses `pip install` outside a virtual
    environment; and the browser tests skip where `CI` is not set."""
    status, ran = run_ci(tmp_path, fail="no command has this in its arguments")
    assert status == 0
    assert ran[0].startswith("python3 ")  # Debian's name for Python, before any `python`
    where = [ran[i + 1] for i, command in enumerate(ran) if "pip install" in command]
    assert len(where) == 4 and "no virtual environment" not in str(where)
    assert [ran[i + 1] for i, c in enumerate(ran) if " -m pytest" in c] == ["  CI=true"] * 2


@pytest.mark.parametrize(
    ("fail", "not_run"),
    [
        (".[example]", "mkdocs build"),
        ("example-site/mkdocs.yml", "pytest"),
        (".[test]", "pytest"),
        ("zensical", "pytest"),
        ("-m pytest", "properdocs"),
    ],
)
def test_ci_stops_at_the_first_command_that_fails(tmp_path, fail, not_run):
    status, ran = run_ci(tmp_path, fail)
    assert status != 0
    failed = next(i for i, command in enumerate(ran) if fail in command)
    assert not [command for command in ran[failed + 1 :] if not_run in command]
