"""The guard in guard.py: a test that logs a warning it did not declare fails."""

from __future__ import annotations

import pytest

from .conftest import ROOT

pytest_plugins = ["pytester"]

GUARDED = """
import logging

from tests import HOST

def test_logs_an_undeclared_warning():
    logging.getLogger(HOST + ".plugins.x").warning("something odd")

def test_declares_the_warning_it_logs(logs):
    logging.getLogger(HOST + ".plugins.x").warning("something expected")
    logs.expect("something expected")

def test_logs_only_info():
    logging.getLogger(HOST + ".plugins.x").info("fine")
"""


def test_an_unexpected_warning_fails_the_test(pytester: pytest.Pytester, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest("from tests.guard import logs  # noqa: F401\n")
    pytester.makepyfile(test_guarded=GUARDED)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, errors=1)  # the failure is at teardown
    result.stdout.fnmatch_lines(["*unexpected warnings or errors were logged*", "*something odd*"])
