"""Test results from JUnit XML reports: the files the ``test_results`` patterns name, read once
per build into plain data (each test case's name, outcome and the document IDs it names).

The reports are what pytest (``--junitxml``), Maven Surefire, Gradle, Jest (``jest-junit``)
and most other runners write: a ``<testsuites>`` or ``<testsuite>`` root, ``<testcase>``
elements whose ``<failure>`` or ``<error>`` child makes them failed and whose ``<skipped>``
child makes them skipped. A test case names documents in a ``<property>`` of its own
``<properties>`` (:data:`ID_PROPERTIES`, as pytest's ``record_property`` writes them), and in
brackets in its name (:data:`NAME_MARKER`), which the catalogue matches against the IDs it has.

Every report is bounded: a file larger than the site's ``max_file_size`` is not read, a build
reads at most :data:`MAX_REPORTS` reports and :data:`MAX_CASES` test cases. A report is read
with expat, which gives the line of what is wrong; a document type declaration (and with it
every entity) is refused, since no test report needs one and entities are how XML is made to
blow up. What is wrong with a report is a ``test-results`` finding on its file and line,
never an exception.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ..findings import Reporter
from ..model import Finding, visible

ID_PROPERTIES = frozenset({"spec", "specs", "requirement", "requirements"})
"""The names of a test case's properties whose values are document IDs, separated by commas
or spaces: ``<property name="spec" value="FS-001, FS-002"/>``."""

NAME_MARKER = re.compile(r"\[([^\[\]\n]{1,200})\]")
"""An ID in a test case's name: in square brackets, alone or with others separated by commas
or spaces (``test_login[FS-001]``, ``[FS-001, FS-002] logs in``). A word in brackets that is
no document's ID (a parameter of pytest, ``test_x[chrome]``) names nothing."""

_SEPARATORS = re.compile(r"[,\s]+")

MAX_REPORTS = 1_000
"""Reports read in a build, at most: the files past it are said once, not read."""
MAX_CASES = 100_000
"""Test cases read in a build, at most, over every report."""
MAX_NAME = 500
"""Characters of a test case's name that are kept."""

FAILED, PASSED, SKIPPED = "failed", "passed", "skipped"
OUTCOMES = (PASSED, FAILED, SKIPPED)


@dataclass(frozen=True, slots=True)
class JUnitCase:
    """One ``<testcase>`` of a report."""

    name: str
    """Its ``classname`` and ``name``, joined by a dot (the ``name`` alone without a class)."""
    outcome: str
    """``passed``, ``failed`` (a ``<failure>`` or an ``<error>``) or ``skipped``."""
    ids: tuple[str, ...]
    """The IDs its properties name (:data:`ID_PROPERTIES`)."""
    marked: tuple[str, ...]
    """The words in brackets in its name (:data:`NAME_MARKER`): IDs when a document has them."""
    report: str
    """The report's path, relative to the folder of ``mkdocs.yml``."""
    line: int
    """The line of the ``<testcase>`` in the report."""


@dataclass(frozen=True)
class TestReports:
    """What a build read of its test reports."""

    __test__ = False  # not a test class, whatever its name

    cases: tuple[JUnitCase, ...] = ()
    findings: tuple[Finding, ...] = ()
    """What is wrong with the reports or the options (rule ``test-results``)."""
    read: tuple[str, ...] = field(default=())
    """The reports read, relative to the folder of ``mkdocs.yml``."""


class _Refused(Exception):
    """A report is refused at a line (a document type declaration, too many test cases)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def report_files(base_dir: str, patterns: Sequence[str]) -> tuple[list[tuple[str, str]], str]:
    """The files ``patterns`` name (relative to ``base_dir``, ``**`` for any folders), each as
    (its path, its path relative to ``base_dir``), in order and once; and what went wrong
    with the patterns, or ``""``."""
    base = Path(base_dir).resolve()
    found: dict[str, str] = {}
    wrong = ""
    for pattern in patterns:
        if _outside(pattern):
            wrong = f"test_results: '{pattern}' must be a pattern relative to mkdocs.yml's folder"
            continue
        for name in sorted(glob.glob(pattern, root_dir=base, recursive=True)):
            path = (base / name).resolve()
            if path.is_file() and path.is_relative_to(base):
                found.setdefault(str(path), path.relative_to(base).as_posix())
    return list(found.items()), wrong


def _outside(pattern: str) -> bool:
    """Whether a pattern may name files outside the folder of ``mkdocs.yml``."""
    return os.path.isabs(pattern) or ".." in Path(pattern).parts


_GLOB = re.compile(r"[*?\[]")


def watched_paths(base_dir: str, patterns: Sequence[str]) -> list[str]:
    """What ``mkdocs serve`` watches to build again when a report changes: for each pattern,
    its folder before the first wildcard (``test-results`` of ``test-results/*.xml``), which
    catches new reports too; for a pattern with no such folder, the files it matches now, as
    watching the whole project would catch the cache and every other file."""
    base = Path(base_dir).resolve()
    found: dict[str, None] = {}
    for pattern in patterns:
        if _outside(pattern):
            continue
        parts = Path(pattern).parts
        wild = next((i for i, part in enumerate(parts) if _GLOB.search(part)), len(parts))
        folder = base.joinpath(*parts[:wild])
        if folder != base and folder.exists():
            found[str(folder)] = None
        else:
            for path, _ in report_files(base_dir, [pattern])[0]:
                found[path] = None
    return list(found)


def read_reports(
    base_dir: str, patterns: Sequence[str], limit: int, severities: Mapping[str, str]
) -> TestReports:
    """The test cases of the reports ``patterns`` name, relative to ``base_dir`` (the folder
    of ``mkdocs.yml``); no file is read larger than ``limit`` bytes."""
    report = Reporter("mkdocs.yml", severities)

    def finding(path: str, line: int | None, message: str) -> None:
        report("test-results", line, message, path=path)

    files, wrong = report_files(base_dir, patterns)
    if wrong:
        finding("mkdocs.yml", None, wrong)
    if not files and patterns and not wrong:
        finding(
            "mkdocs.yml",
            None,
            "test_results: no file matches "
            + ", ".join(f"'{p}'" for p in patterns)
            + "; expected JUnit XML reports, relative to mkdocs.yml's folder",
        )
    if len(files) > MAX_REPORTS:
        finding(
            files[MAX_REPORTS][1],
            None,
            f"test_results name {len(files):,} files; only the first {MAX_REPORTS:,} are read",
        )
        files = files[:MAX_REPORTS]
    cases: list[JUnitCase] = []
    for path, shown in files:
        try:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > limit:
                    finding(
                        shown,
                        None,
                        f"the report has {size:,} bytes, more than max_file_size "
                        f"({limit:,}); it is not read",
                    )
                    continue
                data = handle.read()
        except OSError as error:
            finding(shown, None, f"the report cannot be read: {error.strerror or error}")
            continue
        read: list[JUnitCase] = []
        try:
            _parse(data, shown, read, MAX_CASES - len(cases))
        except _Refused as refused:  # none of its cases: a report cut short misleads
            finding(shown, refused.line, refused.message)
        else:
            cases += read
    return TestReports(tuple(cases), tuple(report.findings), tuple(shown for _, shown in files))


_WORDS = "expected a JUnit XML report (<testsuites> or <testsuite>, with <testcase> elements)"


def _parse(data: bytes, report: str, cases: list[JUnitCase], room: int) -> None:
    """Add the test cases of one report to ``cases``, at most ``room`` of them; raises
    :class:`_Refused`."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    # The state of the test case being read: its attributes, line, outcome and IDs.
    current: dict[str, Any] = {}
    depth = 0
    root = True
    skip_from = 0  # the depth of a <testcase> nested in another, whose elements are left alone

    def refuse(message: str) -> None:
        raise _Refused(parser.CurrentLineNumber, message)

    def doctype(*_: object) -> None:
        refuse(
            "the report declares a document type (<!DOCTYPE ...>), which test reports do not "
            "need and which can declare entities: it is not read; " + _WORDS
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, root, skip_from
        depth += 1
        if root:
            root = False
            if name not in ("testsuites", "testsuite"):
                refuse(f"the root element is <{visible(name[:50])}>; {_WORDS}")
            return
        if skip_from:
            return
        if name == "testcase":
            if current:
                skip_from = depth
                return
            if len(cases) >= room:
                refuse(f"more than {MAX_CASES:,} test cases in the reports; this one is not read")
            current.update(
                name=_case_name(attributes),
                line=parser.CurrentLineNumber,
                outcome=PASSED,
                ids=[],
                depth=depth,
            )
        elif current and name in ("failure", "error"):
            current["outcome"] = FAILED
        elif current and name == "skipped" and current["outcome"] != FAILED:
            current["outcome"] = SKIPPED
        elif (
            current
            and name == "property"
            and attributes.get("name", "").strip().casefold() in ID_PROPERTIES
        ):
            value = attributes.get("value", "")
            current["ids"] += [i for i in _SEPARATORS.split(value[:10_000]) if i]

    def end(name: str) -> None:
        nonlocal depth, skip_from
        if skip_from == depth:
            skip_from = 0
        elif current and name == "testcase" and current["depth"] == depth:
            case_name: str = current["name"]
            cases.append(
                JUnitCase(
                    case_name,
                    current["outcome"],
                    tuple(dict.fromkeys(current["ids"][:100])),
                    tuple(dict.fromkeys(name_marks(case_name))),
                    report,
                    current["line"],
                )
            )
            current.clear()
        depth -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _Refused(
            error.lineno, f"not well-formed XML: {expat.errors.messages[error.code]}; {_WORDS}"
        ) from None


def _case_name(attributes: Mapping[str, str]) -> str:
    name = attributes.get("name", "").strip()
    classname = attributes.get("classname", "").strip()
    whole = f"{classname}.{name}" if classname and name else name or classname or "?"
    return whole[:MAX_NAME]


def name_marks(name: str) -> list[str]:
    """The words in brackets in a test case's name (:data:`NAME_MARKER`)."""
    return [
        word
        for match in NAME_MARKER.finditer(name)
        for word in _SEPARATORS.split(match.group(1))
        if word
    ]
