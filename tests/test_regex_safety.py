"""No regular expression of the package can backtrack catastrophically.

Every pattern the package compiles, searches with or hands to JSON Schema (the presets' patterns
too, which run on every document of their types) goes through recheck, a ReDoS analyser that
finds both exponential and polynomial backtracking: a pattern that takes the square of its
input's length on some text is refused as surely as one that takes 2ⁿ.

The verdict depends on the patterns only, never on the machine's speed (see ``PARAMETERS``), and
the analyser is first shown patterns known to be vulnerable, so that a change of parameters that
blinds it fails rather than passes.

``RECHECK`` names the analyser's command (``.ci/run`` installs it from npm: the native
``recheck-linux-x64``, or ``recheck-jar`` run by Java); without it, the tests are skipped, except
in CI, where they fail.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import pkgutil
import re
import shlex
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mkdocs_specs
from mkdocs_specs.settings.presets import PRESET_OPTIONS

PACKAGE = Path(mkdocs_specs.__file__).parent
_REGEX_CALLS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall"}
_REGEX_CALLS |= {"finditer"}
_PRESET_PATTERNS = ("id_pattern", "title_pattern", "path_pattern")
_FLAGS = re.MULTILINE | re.DOTALL | re.IGNORECASE
"""The flags that change what a pattern matches (a str pattern's ``re.UNICODE`` does not)."""

PARAMETERS: dict[str, Any] = {
    "timeout": None,
    "incubationTimeout": None,
    "attackTimeout": None,
    "seedingTimeout": None,
    "recallTimeout": -1,
    "randomSeed": 0,
}
"""recheck's parameters: every limit counts the steps of its own matching engine, none counts time.

recheck answers with its automaton checker when it can (no lookaround, no backreference, few
repeats), which reads the pattern and runs nothing; otherwise with its fuzzer, which runs
generated strings and deems a pattern vulnerable when a string of up to 2,400 characters takes
more than ``incubationLimit`` steps and a longer one built from it (up to 300,000) more than
``attackLimit``. By default each run also stops at a time limit (``incubationTimeout`` 250 ms,
``attackTimeout`` 1 s, ``seedingTimeout`` 100 ms for the seeds), and a run stopped by time counts
as a run stopped by steps: on a busy machine a linear pattern fed 300,000 characters misses its
second and is reported as ``2nd degree polynomial (fuzz)`` (this happened at random to about ten
patterns, all linear in Python: ten times the text, ten times the time). ``None`` (JSON's null)
removes these time limits, leaving the step limits, recheck's defaults, alone to decide.

``timeout`` (the whole check of one pattern) is removed for the same reason: past it the verdict
is ``unknown``, which the busiest pattern reached on a loaded machine. ``recallTimeout`` below
zero skips the recall validation, which times the attack string on Node.js's own engine: a timing
again, and of JavaScript's engine rather than Python's. ``randomSeed`` fixes the fuzzer's
choices, so each run tries the same strings (0 is the default, written down so it stays so).
``_DEADLINE`` is then the one clock left, a guard against a hung analyser that is never a verdict.
"""

_DEADLINE = 600
"""Seconds the analyser has to answer every pattern (it needs well under two minutes on a busy
machine): past them it is stopped and the test fails, saying so."""

KNOWN_BAD = (
    ("(a+)+$", "automaton", "exponential"),
    (r"(\s*,\s*)*x", "automaton", "exponential"),
    (r"\s*\s*x", "automaton", "polynomial"),
    (r"(?<=a)(b+)+$", "fuzz", "exponential"),
    (r"(?<!\s)(\s*,\s*)*x", "fuzz", "exponential"),
    (r"(?<=\S)\s*\s*\)$", "fuzz", "polynomial"),
)
"""Patterns that backtrack catastrophically in Python (on a few thousand spaces the polynomial
ones take tens of milliseconds to tens of seconds, four to eight times more for twice the text),
with the checker recheck reads each with and the complexity it must find: the lookbehinds send the
last three to the fuzzer, the checker the time limits made unreliable."""


def _module_patterns() -> Iterator[tuple[str, int, str]]:
    """Every compiled pattern a module of the package keeps, in containers too."""

    def walk(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, int, str]]:
        if isinstance(value, re.Pattern):
            pattern = value.pattern
            text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
            yield text, int(value.flags) & _FLAGS, where
        elif depth < 3 and isinstance(value, (tuple, list, frozenset, set)):
            for item in value:
                yield from walk(item, where, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for item in value.values():
                yield from walk(item, where, depth + 1)

    for module in pkgutil.walk_packages(mkdocs_specs.__path__, "mkdocs_specs."):
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            yield from walk(value, f"{module.name}.{name}")


def _literal_patterns() -> Iterator[tuple[str, int, str]]:
    """Patterns written as literals in a call to ``re`` anywhere in the code (inside functions
    too), and in the ``pattern`` keywords of JSON Schemas."""
    for source in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        where = source.relative_to(PACKAGE.parent).as_posix()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _REGEX_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield node.args[0].value, 0, f"{where}:{node.lineno}"
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "pattern"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        yield value.value, 0, f"{where}:{node.lineno}"


def _preset_patterns() -> Iterator[tuple[str, int, str]]:
    for name, options in PRESET_OPTIONS.items():
        for option in _PRESET_PATTERNS:
            if options.get(option):
                yield options[option], 0, f"presets.{name}.{option}"
        for field, pattern in options.get("extract", {}).items():
            yield pattern, 0, f"presets.{name}.extract.{field}"


def patterns() -> dict[tuple[str, int], str]:
    """Every pattern of the package (text, flags) → where it is."""
    found: dict[tuple[str, int], str] = {}
    for text, flags, where in [*_module_patterns(), *_literal_patterns(), *_preset_patterns()]:
        found.setdefault((text, flags), where)
    return found


def javascript(pattern: str, flags: int) -> tuple[str, str]:
    """The pattern in the syntax recheck reads (JavaScript's), and its flags. Python's
    ``\\A`` and ``\\Z`` have no JavaScript spelling: they become the lookarounds they mean."""
    source = pattern.replace("(?P<", "(?<")
    source = re.sub(r"\(\?P=(\w+)\)", r"\\k<\1>", source)
    source = source.replace(r"\A", r"(?<![\s\S])").replace(r"\Z", r"(?![\s\S])")
    letters = "".join(
        letter
        for flag, letter in ((re.MULTILINE, "m"), (re.DOTALL, "s"), (re.IGNORECASE, "i"))
        if flags & flag
    )
    return source, letters


def recheck_command() -> list[str] | None:
    command = os.environ.get("RECHECK")
    if command:
        return shlex.split(command)
    found = shutil.which("recheck")
    return [found] if found else None


@pytest.fixture
def recheck() -> list[str]:
    """The analyser's command; the test is skipped without it, except in CI."""
    command = recheck_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("recheck is not installed (RECHECK names its command); .ci/run installs it")
        pytest.skip("recheck is not installed: set RECHECK to its command")
    return command


def analyse(command: list[str], sources: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """recheck's verdict on each (source, flags) with ``PARAMETERS``, through its agent: one
    process for all."""
    agent = subprocess.Popen(
        [*command, "agent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert agent.stdin is not None and agent.stdout is not None
    watchdog = threading.Timer(_DEADLINE, agent.kill)
    watchdog.start()
    results: dict[int, dict[str, Any]] = {}
    try:
        for number, (source, flags) in enumerate(sources):
            request = {
                "jsonrpc": "2.0+push",
                "id": number,
                "method": "check",
                "params": {"source": source, "flags": flags, "params": PARAMETERS},
            }
            agent.stdin.write(json.dumps(request) + "\n")
        agent.stdin.flush()
        while len(results) < len(sources):
            line = agent.stdout.readline()
            assert line, (
                f"recheck's agent stopped before it answered every pattern "
                f"({len(results)} of {len(sources)}; it is stopped after {_DEADLINE} s)"
            )
            answer = json.loads(line)
            if "result" in answer and answer.get("id") is not None:
                results[answer["id"]] = answer["result"]
    finally:
        watchdog.cancel()
        agent.stdin.close()
        agent.wait(timeout=60)
    return [results[number] for number in range(len(sources))]


def test_the_package_has_patterns_to_analyse() -> None:
    found = patterns()
    assert len(found) > 50
    assert any(where.startswith("presets.") for where in found.values())
    assert any(".py:" in where for where in found.values())


def test_recheck_finds_the_known_bad_patterns(recheck: list[str]) -> None:
    """With time out of its verdicts, recheck still finds what backtracks, by either checker."""
    verdicts = analyse(recheck, [(pattern, "") for pattern, _, _ in KNOWN_BAD])
    found = [
        (
            pattern,
            verdict["status"],
            verdict.get("checker"),
            verdict.get("complexity", {}).get("type"),
        )
        for (pattern, _, _), verdict in zip(KNOWN_BAD, verdicts, strict=True)
    ]
    expected = [
        (pattern, "vulnerable", checker, complexity) for pattern, checker, complexity in KNOWN_BAD
    ]
    assert found == expected


def test_no_pattern_can_backtrack_catastrophically(recheck: list[str]) -> None:
    found = patterns()
    verdicts = analyse(recheck, [javascript(text, flags) for text, flags in found])
    problems = [
        f"{where}: {text!r}: {verdict['status']}"
        + (f", {verdict['complexity']['summary']}" if verdict.get("complexity") else "")
        + (f", e.g. {verdict['attack']['pattern']}" if verdict.get("attack") else "")
        + (f" ({verdict['error']})" if verdict.get("error") else "")
        for ((text, _), where), verdict in zip(found.items(), verdicts, strict=True)
        if verdict["status"] != "safe"
    ]
    assert not problems, "\n".join(problems)
