"""Coverage rules: a type's ``coverage`` asks for links to documents of other types from a
status on; a document that lacks them gets a ``coverage`` finding, a flag and a row of the
traceability matrix, and a query can list it."""

from __future__ import annotations

import json

import pytest

from mkdocs_specs.model import SettingsError
from mkdocs_specs.settings.settings import build_settings

from .conftest import Site, strict_fails_until_lowered
from .test_live_preview import Server

TYPES = {
    "spec": {"paths": ["specs/*.md"], "statuses": ["Draft", "Approved", "Done"]},
    "design": {"paths": ["design/*.md"], "statuses": ["Draft", "Approved"]},
    "change": {"paths": ["changes/*.md"]},
}
RULE = {"relation": "implements", "type": "design", "from": "Approved"}


def document(id: str, status: str, title: str, **fields: str) -> str:
    more = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return f"---\nid: {id}\nstatus: {status}\nowners: [ann]\n{more}---\n# {title}\n\nText.\n"


@pytest.fixture
def covered(site: Site) -> Site:
    """Specs S-1 (Approved, implemented by D-1), S-2 (Done, implemented by nothing) and S-3
    (Draft, which the rule does not reach); D-1 has a change request."""
    site.plugin(presets=[], types={**TYPES, "spec": {**TYPES["spec"], "coverage": [RULE]}})
    site.doc("specs/one.md", document("S-1", "Approved", "Checkout <script>alert(1)</script>"))
    site.doc("specs/two.md", document("S-2", "Done", "Refunds"))
    site.doc("specs/three.md", document("S-3", "Draft", "Payouts"))
    site.doc("design/d1.md", document("D-1", "Approved", "Checkout design", implements="S-1"))
    site.doc("changes/c1.md", document("C-1", "Open", "Checkout change", implements="D-1"))
    return site


def test_a_document_without_the_links_its_rule_asks_for_is_reported(covered, logs):
    built = covered.build()
    found = logs.expect("[coverage]")
    assert len(found) == 1
    assert "specs/two.md:3:" in found[0]  # the status line
    assert "expected at least 1 design linked to it by 'implements'" in found[0]
    assert "from status Approved on" in found[0]
    assert "none found" in found[0]
    flags = built.content("specs/two/index.html").find_all(class_="specs-flag--uncovered")
    assert [flag.text for flag in flags] == ["not covered"]
    for path in ("specs/one", "specs/three", "design/d1"):
        assert not built.content(f"{path}/index.html").find_all(class_="specs-flag--uncovered")
    export = json.loads(built.html("specs.json"))
    by_id = {d["id"]: d for d in export["documents"]}
    assert by_id["S-1"]["covered"] is True
    assert by_id["S-2"]["covered"] is False
    assert by_id["S-3"]["covered"] is None  # a draft: no rule applies
    assert by_id["D-1"]["covered"] is None  # its type has no rule


def test_a_satisfied_rule_gives_no_finding(covered, logs):
    covered.doc("design/d2.md", document("D-2", "Draft", "Refunds design", implements="S-2"))
    built = covered.build()
    assert not [m for m in logs.messages() if "[coverage]" in m]
    export = json.loads(built.html("specs.json"))
    assert all(d["covered"] is not False for d in export["documents"])


def test_a_link_stated_from_either_side_covers_and_in_lists_the_statuses(site, logs):
    rule = {"relation": "implements", "type": ["design", "change"], "in": ["Done"]}
    site.plugin(presets=[], types={**TYPES, "spec": {**TYPES["spec"], "coverage": [rule]}})
    site.doc("specs/two.md", document("S-2", "Done", "Refunds", implements="C-9"))
    site.doc("specs/one.md", document("S-1", "Approved", "Checkout"))
    site.doc("changes/c9.md", document("C-9", "Open", "A change"))
    built = site.build()
    export = {d["id"]: d for d in json.loads(built.html("specs.json"))["documents"]}
    assert export["S-2"]["covered"] is True
    assert export["S-1"]["covered"] is None


def test_at_least_counts_the_linked_documents(covered, logs):
    rule = {**RULE, "at_least": 2}
    covered.plugin(presets=[], types={**TYPES, "spec": {**TYPES["spec"], "coverage": [rule]}})
    covered.build()
    found = logs.expect("[coverage]", "specs/one.md")
    assert "expected at least 2 design" in found[0]
    assert "found 1: D-1" in found[0]
    logs.expect("[coverage]", "specs/two.md")


def test_strict_fails_on_an_uncovered_document_unless_its_severity_is_lowered(covered):
    strict_fails_until_lowered(covered, "specs/two.md", "coverage")


def test_the_matrix_shows_each_type_against_its_related_documents(covered, logs):
    built = covered.build()
    logs.expect("[coverage]")
    page = built.content("specs-index/matrix/index.html")
    html = built.html("specs-index/matrix/index.html")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tables = page.find_all("table")
    headings = [h.text.strip("¶ ") for h in page.find_all("h2")]
    assert headings == ["Spec", "Design", "Change"]  # each type with links or rules
    assert len(tables) == 3
    spec_heads = [th.text for th in tables[0].find_all("th")]
    assert spec_heads == ["Document", "Status", "Implemented by · Design", "Covered"]
    rows = {
        tr.find_all("td")[0].text.strip(): [td.text.strip() for td in tr.find_all("td")]
        for tr in tables[0].find_all("tr")[1:]
    }
    checkout = next(k for k in rows if k.startswith("S-1"))
    assert rows[checkout][2].startswith("D-1")
    assert "Approved" in rows[checkout][2]  # the linked document's status badge
    assert rows[checkout][3] == "yes"
    refunds = next(k for k in rows if k.startswith("S-2"))
    assert rows[refunds][2] == ""
    assert rows[refunds][3] == "not covered"
    rates = page.find_all(class_="specs-matrix__rates")[0].text
    assert "50% covered (1 of 2)" in rates
    assert "Approved 100% covered (1 of 1)" in rates
    assert "Done 0% covered (0 of 1)" in rates
    design_heads = [th.text for th in tables[1].find_all("th")]
    assert design_heads == ["Document", "Status", "Implements · Spec", "Implemented by · Change"]
    assert [th.text for th in tables[2].find_all("th")] == [
        "Document",
        "Status",
        "Implements · Design",
    ]  # no rule: no Covered column, and no percentages
    assert len(page.find_all(class_="specs-matrix__rates")) == 1
    home = built.content("specs-index/index.html")
    [line] = home.find_all(class_="specs-matrix-link")
    assert line.text == "Traceability matrix: 1 not covered."


def test_a_query_lists_the_uncovered_documents(covered, logs):
    covered.doc(
        "report.md",
        """
        # Report

        ```specs
        where: {uncovered: true}
        show: list
        ```
        """,
    )
    built = covered.build()
    logs.expect("[coverage]")
    items = built.page("report/index.html").find_all(class_="specs-doc-link")
    assert [a.text for a in items] == ["Refunds"]


def test_a_site_without_coverage_rules_has_no_matrix(site, logs):
    site.plugin(presets=[], types=TYPES)
    site.doc("specs/one.md", document("S-1", "Approved", "Checkout"))
    built = site.build()
    assert not (built.site_dir / "specs-index/matrix").exists()
    assert not built.content("specs-index/index.html").find_all(class_="specs-matrix-link")


def test_index_writes_the_matrix_in_markdown(covered, cli):
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    page = (covered.root / "md" / "matrix.md").read_text(encoding="utf-8")
    assert "# Traceability matrix" in page
    assert "| Document | Status | Implemented by · Design | Covered |" in page
    assert "*not covered*" in page
    assert "**50% covered (1 of 2)**" in page
    assert "<script>" not in page
    home = (covered.root / "md" / "index.md").read_text(encoding="utf-8")
    assert "[Traceability matrix](matrix.md): 1 not covered." in home


def test_the_home_page_says_plainly_when_every_document_is_covered(covered, cli, logs):
    covered.doc("design/d2.md", document("D-2", "Draft", "Refunds design", implements="S-2"))
    built = covered.build(strict=True)
    assert not logs.expect_findings()
    [line] = built.content("specs-index/index.html").find_all(class_="specs-matrix-link")
    assert line.text == "Traceability matrix: all covered."
    assert cli("index", "--out", "md").exit_code == 0
    home = (covered.root / "md" / "index.md").read_text(encoding="utf-8")
    assert "[Traceability matrix](matrix.md): all covered.\n\n## " in home  # a paragraph


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({**RULE, "type": "desing"}, r"types.spec.coverage\[0\].type: 'desing' is not a type"),
        ({**RULE, "relation": "builds"}, r"coverage\[0\].relation: 'builds' is not a relation"),
        ({**RULE, "from": "Shipped"}, r"coverage\[0\].from: 'Shipped' is not a status"),
        ({**RULE, "in": ["Done"]}, r"coverage\[0\]: 'from' and 'in' both given"),
        ({**RULE, "at_least": 0}, r"coverage\[0\].at_least: expected a whole number"),
        ({**RULE, "by": "x"}, r"coverage\[0\]: unknown key 'by'"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_by_name(rule, message):
    with pytest.raises(SettingsError, match=message):
        build_settings(presets=[], types={**TYPES, "spec": {**TYPES["spec"], "coverage": [rule]}})


def test_from_needs_the_types_order_of_statuses():
    rule = {"relation": "implements", "type": "spec", "from": "Open"}
    with pytest.raises(SettingsError, match=r"types.change.coverage\[0\].from: the type lists no"):
        build_settings(
            presets=[], types={**TYPES, "change": {**TYPES["change"], "coverage": [rule]}}
        )


def test_a_bad_rule_stops_the_build_naming_the_option(covered):
    covered.plugin(
        presets=[], types={**TYPES, "spec": {**TYPES["spec"], "coverage": [{"relation": "x"}]}}
    )
    result = covered.run("build")
    assert result.returncode != 0
    assert "types.spec.coverage[0].relation" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("options", [(), ("--dirty",)])
def test_serve_follows_a_design_added_for_an_uncovered_spec(covered, options):
    covered.write_config()
    running = Server(covered.root, *options)
    try:
        assert running.wait_for(
            "specs/two/", lambda p: bool(p.find_all(class_="specs-flag--uncovered"))
        )
        covered.doc("design/d2.md", document("D-2", "Draft", "Refunds design", implements="S-2"))
        running.wait_for("specs/two/", lambda p: not p.find_all(class_="specs-flag--uncovered"))
        page = running.wait_for(
            "specs-index/matrix/",
            lambda p: "100% covered (2 of 2)" in p.find(class_="specs-matrix__rates").text,
        )
        assert not page.find_all(class_="specs-flag--uncovered")
    finally:
        out = running.stop()
    assert "Traceback" not in out
    assert out.count("[coverage]") == 1  # the first build's, not the rebuild's


def test_check_reports_uncovered_documents(covered, cli):
    report = cli.json()
    found = [f for f in report["findings"] if f["rule"] == "coverage"]
    assert [(f["path"], f["line"], f["severity"]) for f in found] == [
        ("docs/specs/two.md", 3, "warning")
    ]
