"""Test results per document: the test cases of the JUnit reports
(:mod:`~mkdocs_specs.read.junit`) that name each document's ID, counted, and the documents
whose type's ``tests_from`` asks for passing tests they lack (rule ``tests``).

A test case names a document by a property (its IDs are taken as written, and an ID no
document has is a ``test-results`` finding on the report's line) or by a word in brackets in
its name (taken only when a document has that ID: ``test_x[chrome]`` names nothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..findings import Reporter, on_field
from ..model import MAX_LISTED_TESTS, Document, Finding, TestResults, squash
from ..read.junit import FAILED, PASSED, SKIPPED, JUnitCase, TestReports
from ..read.statuses import status_tone
from ..settings.settings import Settings


def results_by_document(
    documents: Iterable[Document], reports: TestReports, settings: Settings
) -> tuple[dict[str, TestResults], dict[str, list[Finding]], list[Finding]]:
    """Document path → its results (the documents that some test case names); document path →
    its ``tests`` findings; and the ``test-results`` findings of the reports (theirs, and the
    IDs their properties name that no document has)."""
    documents = list(documents)
    by_id: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        if document.id:
            by_id[document.id].append(document)
    named: dict[str, list[JUnitCase]] = defaultdict(list)
    report = Reporter("mkdocs.yml", settings.severities)
    unknown: set[tuple[str, str]] = set()
    for case in reports.cases:
        for id_ in dict.fromkeys((*case.ids, *(m for m in case.marked if m in by_id))):
            if id_ in by_id:
                for document in by_id[id_]:
                    if not named[document.path] or named[document.path][-1] is not case:
                        named[document.path].append(case)
            elif (case.report, id_) not in unknown:
                unknown.add((case.report, id_))
                report(
                    "test-results",
                    case.line,
                    f"test case '{case.name}' names '{id_}', which is no document's ID; "
                    "expected the ID of a document",
                    path=case.report,
                )
    results = {path: _counted(cases) for path, cases in named.items()}
    required: dict[str, list[Finding]] = {}
    for document in documents:
        found = _required(document, results.get(document.path), settings)
        if found:
            required[document.path] = found
    return results, required, [*reports.findings, *report.findings]


def _counted(cases: list[JUnitCase]) -> TestResults:
    order = {FAILED: 0, SKIPPED: 1, PASSED: 2}
    listed = sorted(cases, key=lambda case: order[case.outcome])[:MAX_LISTED_TESTS]
    return TestResults(
        sum(case.outcome == PASSED for case in cases),
        sum(case.outcome == FAILED for case in cases),
        sum(case.outcome == SKIPPED for case in cases),
        tuple((case.name, case.outcome) for case in listed),
    )


def _required(document: Document, results: TestResults | None, settings: Settings) -> list[Finding]:
    """The ``tests`` findings of a document whose status asks for passing tests
    (``tests_from``): none passing, or some failing. A status that stops a document
    (``Rejected``, ``Superseded``) asks for none."""
    compiled = settings.compiled.get(document.type)
    if compiled is None or not compiled.tests_statuses or not document.status:
        return []
    if squash(document.status) not in compiled.tests_statuses:
        return []
    if status_tone(document.status) == "stopped":
        return []
    start = compiled.type.tests_from
    if document.id is None:
        said = "has no ID, which the test reports could name"
    elif results is None or (results.passed == 0 and results.failed == 0):
        said = f"has no passing test: no test case of the reports names '{document.id}'"
        if results is not None:
            said = (
                f"has no passing test: the {results.skipped} test cases that name "
                f"'{document.id}' are skipped"
            )
    elif results.failed:
        failing = [name for name, outcome in results.cases if outcome == FAILED]
        said = f"has {results.failed} failing test{'s' if results.failed > 1 else ''}" + (
            f" ({', '.join(failing[:3])}{', ...' if results.failed > 3 else ''})"
        )
    else:
        return []
    return on_field(
        document,
        "status",
        "tests",
        f"a '{document.status}' document {said}; expected passing tests and no failing one "
        f"from status '{start}' on (the type's tests_from)",
        settings.severities,
    )
