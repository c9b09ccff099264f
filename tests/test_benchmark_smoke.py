"""The benchmark runs, end to end, on a small site: a smoke test, which asserts no timing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent


def test_the_benchmark_runs_at_200_documents(tmp_path):
    out = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "200"]
    command += ["--repeats", "1", "--nav-size", "200", "--serve-size", "200", "--edits", "1"]
    result = subprocess.run(
        [*command, "--keep", str(tmp_path / "sites"), "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(out.read_text())
    (size,) = data["sizes"]
    assert size["documents"] == 200
    for pair in (size["build_out"], size["build_in"], size["check"], size["check_unchanged"]):
        assert len(pair["base"]) == len(pair["measured"]) == (1 if pair is size["build_in"] else 2)
        assert all(run["seconds"] > 0 and run["rss_mb"] > 0 for run in pair["base"])
    assert data["serve"]["correct"] and data["serve"]["correct-dirty"]
    assert "| 200 |" in result.stdout and "`mkdocs serve --dirty`" in result.stdout
    # check's cache went with the site, and the second measure of check took from it.
    assert list((tmp_path / "sites" / "n200" / "check-cache").glob("check-*.json"))
    # The site it measured: 200 documents and the plugin's pages, all built.
    site = tmp_path / "sites" / "n200" / "site-specs"
    exported = json.loads((site / "specs.json").read_text())
    assert len(exported["documents"]) == 200
    assert all(not d["findings"] for d in exported["documents"])
