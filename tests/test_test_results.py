"""Test results from JUnit XML reports: the reports ``test_results`` names are read in the
build, their test cases name documents by a property or by an ID in brackets in their name,
each document's card and ``specs.json`` show the passed, failed and skipped tests, a type's
``tests_from`` asks for passing tests, and a bad report is one finding on its file and line."""

from __future__ import annotations

import json

import pytest

from mkdocs_specs.model import SettingsError
from mkdocs_specs.settings.settings import build_settings

from .conftest import Site
from .test_live_preview import Server
from .test_schemas import assert_matches


def note(id_: str, status: str = "Draft") -> str:
    return f"---\nid: {id_}\nstatus: {status}\nowners: [ann]\n---\n# Note {id_}\n\nText.\n"


def suite(*cases: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
        '<testsuite name="pytest" tests="1">\n'
        + "\n".join(cases)
        + "\n</testsuite>\n</testsuites>\n"
    )


def case(name: str, body: str = "", classname: str = "tests.test_notes") -> str:
    return f'<testcase classname="{classname}" name="{name}" time="0.01">{body}</testcase>'


def spec(*ids: str, name: str = "spec") -> str:
    values = ", ".join(ids)
    return f'<properties><property name="{name}" value="{values}"/></properties>'


FAILURE = '<failure message="assert 1 == 2">assert 1 == 2</failure>'
ERROR = '<error message="fixture broke">Traceback</error>'
SKIPPED = '<skipped type="pytest.skip" message="not yet">not yet</skipped>'


NOTES = {"paths": ["notes/*.md"], "statuses": ["Draft", "Approved", "Done", "Rejected"]}
"""The notes' type, without its rules."""


@pytest.fixture
def tested(site: Site) -> Site:
    """A site of three notes (N-1 Draft, N-2 Approved, N-3 Approved), Approved and later
    asking for passing tests, and one report in ``reports/``."""
    site.plugin(
        presets=[],
        types={"note": {**NOTES, "tests_from": "Approved"}},
        test_results=["reports/*.xml"],
    )
    site.doc("notes/one.md", note("N-1"))
    site.doc("notes/two.md", note("N-2", "Approved"))
    site.doc("notes/three.md", note("N-3", "Approved"))
    return site


def report(site: Site, text: str | bytes, name: str = "junit.xml") -> None:
    path = site.root / "reports" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)


def test_properties_and_name_markers_name_documents_and_outcomes_are_counted(tested, logs):
    report(
        tested,
        suite(
            case("test_login", spec("N-1")),
            case("test_logout", spec("N-1, N-2", name="requirements")),
            case("test_fails", FAILURE + spec("N-1")),
            case("test_errs", ERROR + spec("N-1")),
            case("test_later", SKIPPED + spec("N-1")),
            case("test_param[N-2]"),
            case("test_param[N-3, N-2]"),
            case("test_param[N-3-chrome]"),  # pytest's joined parameters: no ID
            case("test_browser[chrome]"),  # a parameter that is no ID: nothing, no finding
        ),
    )
    built = tested.build()
    found = logs.expect_findings()
    assert [f for f in found if "[tests]" in f] == []
    one = built.content("notes/one/index.html")
    tests = one.find_all(class_="specs-card__tests")[0]
    assert "2 passed" in tests.text and "2 failed" in tests.text and "1 skipped" in tests.text
    names = [li.find_all("code")[0].text for li in tests.find_all("li")]
    assert names[:2] == ["tests.test_notes.test_fails", "tests.test_notes.test_errs"]
    assert set(names) == {
        f"tests.test_notes.{n}"
        for n in ("test_login", "test_logout", "test_fails", "test_errs", "test_later")
    }
    two = built.content("notes/two/index.html").find_all(class_="specs-card__tests")[0]
    assert "3 passed" in two.text and "failed" not in two.text.replace("Test cases", "")
    three = built.content("notes/three/index.html").find_all(class_="specs-card__tests")[0]
    assert "1 passed" in three.text

    data = json.loads(built.html("specs.json"))
    assert_matches("specs.schema.json", data)
    records = {d["id"]: d["tests"] for d in data["documents"]}
    assert {k: (v["passed"], v["failed"], v["skipped"]) for k, v in records.items()} == {
        "N-1": (2, 2, 1),
        "N-2": (3, 0, 0),
        "N-3": (1, 0, 0),
    }
    assert records["N-1"]["cases"][0] == {
        "name": "tests.test_notes.test_fails",
        "outcome": "failed",
    }


def test_a_document_no_test_names_has_no_tests_line_and_null_in_the_export(tested, logs):
    report(tested, suite(case("test_x", spec("N-2")), case("test_y", spec("N-3"))))
    built = tested.build()
    logs.expect_findings()
    assert not built.content("notes/one/index.html").find_all(class_="specs-card__tests")
    data = json.loads(built.html("specs.json"))
    assert {d["id"]: d["tests"] for d in data["documents"]}["N-1"] is None


def test_test_names_from_the_report_are_escaped_on_the_card(tested, logs):
    evil = "test_x[N-2] &lt;script&gt;alert(1)&lt;/script&gt;"
    report(tested, suite(case(evil), case("test_y", spec("N-3"))))
    built = tested.build()
    html = built.html("notes/two/index.html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    card = built.content("notes/two/index.html")
    assert "<script>alert(1)</script>" in card.find_all(class_="specs-card__tests")[0].text


def test_the_rule_asks_for_passing_tests_from_the_status_on(tested, logs):
    report(
        tested,
        suite(case("test_ok", spec("N-2")), case("test_bad", FAILURE + spec("N-3"))),
    )
    tested.doc("notes/four.md", note("N-4", "Done"))
    tested.doc("notes/five.md", note("N-5", "Rejected"))  # stopped: asks for none
    tested.build()
    failing = logs.expect("notes/three.md:3", "[tests]")
    assert "a 'Approved' document has 1 failing test (tests.test_notes.test_bad)" in failing[0]
    assert "from status 'Approved' on" in failing[0]
    missing = logs.expect("notes/four.md:3", "[tests]")
    assert "has no passing test: no test case of the reports names 'N-4'" in missing[0]
    rules = [f for f in logs.expect_findings() if "[tests]" in f]
    assert len(rules) == 2  # N-1 is a Draft, N-2 passes, N-5 is Rejected


def test_skipped_tests_alone_do_not_satisfy_the_rule(tested, logs):
    report(
        tested,
        suite(
            case("test_a", SKIPPED + spec("N-2")),
            case("test_b", spec("N-3")),
        ),
    )
    tested.build()
    found = logs.expect("notes/two.md:3", "[tests]")
    assert "the 1 test cases that name 'N-2' are skipped" in found[0]
    assert len([f for f in logs.expect_findings() if "[tests]" in f]) == 1


def test_a_satisfied_site_builds_strict_without_findings(tested, logs):
    report(tested, suite(case("test_a[N-2]"), case("test_b", spec("N-3"))))
    tested.build(strict=True)
    assert logs.unexpected() == []
    assert [f for f in logs.expect_findings() if "test" in f] == []


def test_an_unsatisfied_rule_fails_the_strict_build(tested, logs):
    report(tested, suite(case("test_a[N-2]")))
    done = tested.run("build", "--strict")
    assert done.returncode != 0
    assert "notes/three.md:3" in done.stderr and "[tests]" in done.stderr


def test_an_id_no_document_has_in_a_property_is_a_finding_on_the_report_line(tested, logs):
    report(tested, suite(case("test_a", spec("N-2")), case("test_b", spec("N-3, N-99"))))
    tested.build()
    found = logs.expect("reports/junit.xml:5", "[test-results]")
    assert "'tests.test_notes.test_b' names 'N-99', which is no document's ID" in found[0]


def test_malformed_xml_is_one_finding_with_file_and_line(tested, logs):
    report(tested, suite(case("test_a", spec("N-2"))) + "<oops>\n")
    built = tested.build()
    found = logs.expect("reports/junit.xml:", "[test-results]")
    assert len(found) == 1
    assert "reports/junit.xml:7" in found[0] and "junk after document element" in found[0]
    # None of a report cut short is taken: its counts would mislead.
    assert not built.content("notes/two/index.html").find_all(class_="specs-card__tests")
    report(tested, "<testsuite>\n<testcase name='a'>\n</testsuite>\n")
    tested.build()
    assert "mismatched tag" in logs.expect("reports/junit.xml:3", "[test-results]")[0]
    logs.expect_findings()  # and the Approved notes' [tests]


def test_a_report_that_is_no_junit_report_is_a_finding(tested, logs):
    report(tested, "<html>\n<body/></html>\n")
    tested.build()
    found = logs.expect("reports/junit.xml:1", "[test-results]")
    assert "the root element is <html>" in found[0]
    logs.expect_findings()  # and the Approved notes' [tests]


@pytest.mark.parametrize(
    "head",
    [
        '<!DOCTYPE testsuites [<!ENTITY lol "lol">]>',
        '<!DOCTYPE testsuites SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE lolz [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
)
def test_a_report_with_a_document_type_or_entities_is_refused(tested, logs, head):
    text = suite(case("test_a&lol;" if "lol" in head else "test_a", spec("N-2")))
    report(tested, text.replace("<testsuites>", head + "\n<testsuites>"))
    built = tested.build()
    found = logs.expect("reports/junit.xml:2", "[test-results]")
    assert "declares a document type" in found[0]
    assert not built.content("notes/two/index.html").find_all(class_="specs-card__tests")
    logs.expect_findings()  # and the Approved notes' [tests]


def test_an_oversize_report_is_not_read(tested, logs):
    tested.plugin(
        presets=[],
        types={"note": {"paths": ["notes/*.md"]}},
        test_results=["reports/*.xml"],
        max_file_size=2_000,
    )
    report(tested, suite(*(case(f"test_{i}", spec("N-2")) for i in range(100))))
    built = tested.build()
    found = logs.expect("reports/junit.xml", "[test-results]")
    assert "more than max_file_size (2,000); it is not read" in found[0]
    assert not built.content("notes/two/index.html").find_all(class_="specs-card__tests")


def test_a_pattern_that_matches_nothing_is_said(site, logs):
    site.plugin(test_results=["reports/*.xml"])
    site.doc("index.md", "# Home\n")
    site.build()
    found = logs.expect("[test-results]")
    assert "no file matches 'reports/*.xml'" in found[0]


def test_reports_are_found_with_double_stars_and_read_once_each(tested, logs):
    tested.plugin(
        presets=[],
        types={"note": {"paths": ["notes/*.md"]}},
        test_results=["reports/**/*.xml", "reports/junit.xml"],
    )
    report(tested, suite(case("test_a", spec("N-2"))))
    report(tested, suite(case("test_b", spec("N-2"))), name="deep/more.xml")
    built = tested.build()
    two = built.content("notes/two/index.html").find_all(class_="specs-card__tests")[0]
    assert "2 passed" in two.text


def test_queries_filter_on_test_counts(tested, logs):
    report(
        tested,
        suite(case("test_a", FAILURE + spec("N-2")), case("test_b", spec("N-3"))),
    )
    tested.doc(
        "index.md",
        """
        # Home

        ```specs
        where:
          tests_failed: "> 0"
        show: list
        ```
        """,
    )
    built = tested.build()
    logs.expect_findings()
    items = built.page("index.html").find_all(class_="specs-doc-link")
    assert [a.text for a in items] == ["Note N-2"]


def test_tests_from_must_be_one_of_the_types_statuses():
    with pytest.raises(SettingsError, match=r"types.note.tests_from: 'Shipped' is not a status"):
        build_settings(
            presets=[],
            types={"note": {"paths": ["*.md"], "statuses": ["Draft"], "tests_from": "Shipped"}},
        )
    with pytest.raises(SettingsError, match="the type lists no statuses"):
        build_settings(presets=[], types={"note": {"paths": ["*.md"], "tests_from": "Done"}})


@pytest.mark.slow
def test_serve_builds_again_when_a_report_changes(tested):
    report(tested, suite(case("test_a[N-2]"), case("test_b", spec("N-3"))))
    tested.write_config()
    running = Server(tested.root)
    try:
        card = running.wait_for(
            "notes/two/", lambda p: bool(p.find_all(class_="specs-card__tests"))
        )
        assert "1 passed" in card.find_all(class_="specs-card__tests")[0].text
        report(tested, suite(case("test_a[N-2]", FAILURE), case("test_b", spec("N-3"))))
        card = running.wait_for(
            "notes/two/", lambda p: bool(p.find_all(class_="specs-tests--failed"))
        )
        assert "1 failed" in card.find_all(class_="specs-card__tests")[0].text
    finally:
        out = running.stop()
    assert "Traceback" not in out
    assert "notes/two.md:3" in out and "1 failing test" in out


def test_the_matrix_shows_each_documents_tests_beside_its_coverage(tested, logs, cli):
    tested.plugin(
        presets=[],
        types={"note": {**NOTES, "coverage": [{"relation": "related", "type": "note"}]}},
        test_results=["reports/*.xml"],
    )
    report(
        tested,
        suite(
            case("test_a", spec("N-1")),
            case("test_b", FAILURE + spec("N-1")),
            case("test_c[N-2]"),
            case("test_&lt;script&gt;[N-2]", SKIPPED),
        ),
    )
    built = tested.build()
    logs.expect_findings()
    page = built.content("specs-index/matrix/index.html")
    [table] = page.find_all("table")
    assert "Tests" in [th.text for th in table.find_all("th")]
    cells = {
        row.find_all("td")[0].text.strip(): row.find_all(class_="specs-matrix__tests")[0].text
        for row in table.find_all("tbody")[0].find_all("tr")
    }
    assert cells == {
        "Note N-1": "1 passed · 1 failed",
        "Note N-2": "1 passed · 1 skipped",
        "Note N-3": "",
    }
    assert "test_<script>" not in built.html("notes/two/index.html")

    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    text = (tested.root / "md" / "matrix.md").read_text(encoding="utf-8")
    assert "| Tests | Covered |" in text
    assert "| 1 passed · 1 failed |" in text
