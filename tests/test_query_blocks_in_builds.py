"""Real builds: ```specs query blocks in any page, and the status chart."""

from __future__ import annotations

import re
import textwrap

import pytest

from .conftest import Built, Site
from .docs import design, spec
from .html import Node

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def design_doc(key: str, status: str, owners: str, **fields: str) -> str:
    """A complete feature design whose front matter also holds ``fields``."""
    extra = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return design(key, status, owners).replace(
        "created: 2025-03-01\n", f"created: 2025-03-01\n{extra}"
    )


@pytest.fixture
def portfolio(site: Site) -> Site:
    site.doc("index.md", "# Home\n")
    site.doc(
        "design/pay-1.md",
        design_doc("PAY-1", "Draft", "[alice]", title="Vault", updated="2025-03-05", priority="2"),
    )
    site.doc(
        "design/pay-2.md",
        design_doc(
            "PAY-2",
            "In Review",
            "[alice, bob]",
            title="Wallets",
            updated="2025-02-10",
            priority="10",
        ),
    )
    site.doc(
        "design/pay-3.md",
        design_doc("PAY-3", "Approved", "[carol]", title="Payouts", updated="2025-03-20"),
    )
    site.doc(
        "design/pay-4.md", design_doc("PAY-4", "Draft", "[bob]", title="Refunds", priority="1")
    )
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "In Progress", "alice"))
    return site


def query_page(site: Site, body: str, path: str = "report.md", show_in: str = "") -> None:
    """Write a page holding one query block, after ``show_in`` text."""
    site.doc(
        path, f"# Report\n\n{show_in}```specs\n{textwrap.dedent(body).strip()}\n```\n\nAfter.\n"
    )


def queries(built: Built, path: str) -> list[Node]:
    """What the query blocks of a page show, in order."""
    return built.page(path).find_all(class_="specs-query")


def table(node: Node) -> list[dict[str, str]]:
    """The rows of a query table, as column heading → cell text."""
    names = [th.text for th in node.find("thead").find_all("th")]
    return [
        dict(zip(names, [td.text for td in tr.find_all("td")], strict=True))
        for tr in node.find("tbody").find_all("tr")
    ]


def run(site: Site, body: str) -> list[str]:
    """The titles a table query lists, in order, from a strict build."""
    query_page(site, body)
    built = site.build(strict=True)
    (shown,) = queries(built, "report/index.html")
    return [row["Document"] for row in table(shown)]


# --- Filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("status: draft", ["Vault", "Refunds"]),
        ("status: [Draft, in-review]", ["Vault", "Wallets", "Refunds"]),
        ("owner: Bob", ["Wallets", "Refunds"]),
        ("owners: [carol, bob]", ["Wallets", "Payouts", "Refunds"]),
        ("type: Feature specification", ["Checkout"]),
        ("id: pay-3", ["Payouts"]),
        ("updated: '>= 2025-03-01'", ["Vault", "Payouts"]),
        ("updated: '< 2025-03-01'", ["Wallets", "Checkout"]),
        ("updated: 2025-02-10", ["Wallets"]),
        ("updated: '!= 2025-03-05'", ["Wallets", "Payouts", "Checkout"]),
        ("priority: '> 5'", ["Wallets"]),
        ("priority: '<= 2'", ["Vault", "Refunds"]),
        ("progress: '>= 50'", ["Checkout"]),
        ("status: '!= Draft'\nowner: alice", ["Wallets", "Checkout"]),
    ],
    ids=[
        "equality-ignores-case",
        "membership",
        "owner-contains",
        "owners-any-of",
        "type-by-label",
        "id",
        "date-after",
        "date-before",
        "date-equal",
        "date-not-equal-skips-missing",
        "numbers-compare-as-numbers",
        "number-at-most",
        "progress",
        "two-conditions",
    ],
)
def test_where_filters_documents(portfolio, where, expected):
    body = "where:\n" + textwrap.indent(where, "  ") + "\nsort: path"
    assert run(portfolio, body) == expected


def test_documents_lacking_a_field_never_match_a_comparison(portfolio):
    # Refunds has no `updated`, Payouts no `priority`, the spec neither `priority`.
    assert run(portfolio, "where: {updated: '> 2000-01-01'}\nsort: path") == [
        "Vault",
        "Wallets",
        "Payouts",
        "Checkout",
    ]
    assert run(portfolio, "where: {priority: '!= 3'}\nsort: path") == [
        "Vault",
        "Wallets",
        "Refunds",
    ]


def test_an_empty_query_lists_every_document_by_path(portfolio):
    query_page(portfolio, "")
    built = portfolio.build(strict=True)
    (shown,) = queries(built, "report/index.html")
    rows = table(shown)
    assert [row["Document"] for row in rows] == [
        "Vault",
        "Wallets",
        "Payouts",
        "Refunds",
        "Checkout",
    ]
    assert list(rows[0]) == ["Document", "ID", "Status", "Owners", "Updated", "Progress"]


def test_no_match_says_so(portfolio):
    query_page(portfolio, "where: {owner: nobody}")
    built = portfolio.build(strict=True)
    (shown,) = queries(built, "report/index.html")
    assert shown.text == "No documents match this query."


# --- Order and limit --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("updated", ["Checkout", "Wallets", "Vault", "Payouts", "Refunds"]),
        ("-updated", ["Payouts", "Vault", "Wallets", "Checkout", "Refunds"]),
        ("[status, -priority]", ["Vault", "Refunds", "Wallets", "Checkout", "Payouts"]),
        ("[-status, title]", ["Payouts", "Checkout", "Wallets", "Refunds", "Vault"]),
        ("-priority", ["Wallets", "Vault", "Refunds", "Payouts", "Checkout"]),
        ("title", ["Checkout", "Payouts", "Refunds", "Vault", "Wallets"]),
    ],
    ids=["ascending", "descending", "multi", "multi-descending-first", "numbers", "text"],
)
def test_sort(portfolio, sort, expected):
    assert run(portfolio, f"sort: {sort}") == expected


def test_limit_keeps_the_first_documents_after_sorting(portfolio):
    assert run(portfolio, "sort: -updated\nlimit: 2") == ["Payouts", "Vault"]


# --- What a query shows -----------------------------------------------------------------------


def test_chosen_columns_in_their_order(portfolio):
    query_page(portfolio, "where: {owner: alice}\ncolumns: [id, owner, priority, type, progress]")
    built = portfolio.build(strict=True)
    (shown,) = queries(built, "report/index.html")
    assert table(shown) == [
        {
            "ID": "PAY-1",
            "Owners": "alice",
            "Priority": "2",
            "Type": "Feature design",
            "Progress": "no checklist",
        },
        {
            "ID": "PAY-2",
            "Owners": "alice, bob",
            "Priority": "10",
            "Type": "Feature design",
            "Progress": "no checklist",
        },
        {
            "ID": "001-checkout",
            "Owners": "alice",
            "Priority": "",
            "Type": "Feature specification",
            "Progress": "1/2",
        },
    ]
    assert shown.find(role="progressbar").attrs["aria-valuetext"] == "1 of 2 items done (50%)"


def test_table_cells_link_to_documents_and_groups_relative_to_the_page(portfolio):
    query_page(portfolio, "where: {id: PAY-2}", path="reports/q1/summary.md")
    built = portfolio.build(strict=True)
    (shown,) = queries(built, "reports/q1/summary/index.html")
    assert shown.links() == {
        "Wallets": "../../../design/pay-2/",
        "In Review": "../../../specs-index/status/in-review/",
        "alice": "../../../specs-index/owner/alice/",
        "bob": "../../../specs-index/owner/bob/",
    }


def test_list(portfolio):
    query_page(portfolio, "where: {status: Draft}\nshow: list")
    built = portfolio.build(strict=True)
    (shown,) = queries(built, "report/index.html")
    assert shown.tag == "ul" and "specs-query--list" in shown.classes
    assert [li.text for li in shown.find_all("li")] == ["Vault Draft", "Refunds Draft"]
    assert shown.find("a", class_="specs-doc-link").attrs["href"] == "../design/pay-1/"


def test_list_with_columns(portfolio):
    query_page(portfolio, "where: {status: Draft}\nshow: list\ncolumns: [id, title, updated]")
    built = portfolio.build(strict=True)
    (shown,) = queries(built, "report/index.html")
    assert [li.text for li in shown.find_all("li")] == ["PAY-1 Vault 2025-03-05", "PAY-4 Refunds"]


def test_count(portfolio):
    portfolio.doc(
        "report.md",
        "# Report\n\nDrafts: \n\n```specs\nwhere: {status: Draft}\nshow: count\n```\n\n"
        "All:\n\n~~~~specs\nshow: count\n~~~~\n",
    )
    built = portfolio.build(strict=True)
    counts = [node.text for node in queries(built, "report/index.html")]
    assert counts == ["2 documents", "5 documents"]


def test_status_chart_has_a_bar_per_status_with_its_count_and_link(portfolio):
    query_page(portfolio, "show: chart")
    built = portfolio.build(strict=True)
    (figure,) = queries(built, "report/index.html")
    svg = figure.find("svg")
    summary = "Documents by status: Draft 2, In Review 1, In Progress 1, Approved 1"
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-label"] == summary
    assert svg.children[0 if isinstance(svg.children[0], Node) else 1].tag == "title"
    assert svg.find("title").text == summary
    bars = svg.find_all("a", class_="specs-chart__link")
    assert [
        (a.find("text", class_="specs-chart__label").text, a.find(class_="specs-chart__count").text)
        for a in bars
    ] == [
        ("Draft", "2"),
        ("In Review", "1"),
        ("In Progress", "1"),
        ("Approved", "1"),
    ]
    assert [a.href for a in bars] == [
        "../specs-index/status/draft/",
        "../specs-index/status/in-review/",
        "../specs-index/status/in-progress/",
        "../specs-index/status/approved/",
    ]
    rects = [a.find("rect") for a in bars]
    assert [r.attrs["width"] for r in rects] == ["300.0", "150.0", "150.0", "150.0"]
    tones = [next(c for c in r.classes if c.startswith("specs-chart__bar--")) for r in rects]
    assert tones == [
        "specs-chart__bar--draft",
        "specs-chart__bar--active",
        "specs-chart__bar--active",
        "specs-chart__bar--done",
    ]
    assert bars[0].find("title").text == "Draft: 2 documents"
    chart = built.html("report/index.html").split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "<script" not in chart and not re.search(r"\son\w+=", chart)


def test_status_chart_of_a_filtered_query(portfolio):
    query_page(portfolio, "where: {owner: bob}\nshow: chart")
    built = portfolio.build(strict=True)
    (figure,) = queries(built, "report/index.html")
    assert figure.find("svg").attrs["aria-label"] == "Documents by status: Draft 1, In Review 1"


def test_chart_colours_are_in_the_stylesheet_for_light_and_dark(portfolio):
    built = portfolio.build(strict=True)
    css = built.html("assets/mkdocs-specs/specs.css")
    for tone in ("done", "active", "draft", "stopped", "neutral"):
        assert f".specs-chart__bar--{tone}" in css
    dark = css.split('[data-md-color-scheme="slate"]', 1)[1].split("}", 1)[0]
    assert "--specs-chart-done" in dark


# --- Where blocks run -------------------------------------------------------------------------


def test_a_query_in_a_spec_document_keeps_its_card_and_section_bars(portfolio):
    portfolio.doc(
        "specs/002-related.md",
        spec(
            "002-related",
            "Related",
            extra="\n## Related work\n\n```specs\nwhere: {owner: carol}\nshow: list\n```\n",
        ),
    )
    built = portfolio.build(strict=True)
    page = built.page("specs/002-related/index.html")
    assert page.find_all(class_="specs-card")
    assert len(page.find_all(class_="specs-section-progress")) == 1
    (shown,) = queries(built, "specs/002-related/index.html")
    assert shown.links() == {
        "Payouts": "../../design/pay-3/",
        "Approved": "../../specs-index/status/approved/",
    }


def test_a_query_in_a_page_with_front_matter(portfolio):
    portfolio.doc(
        "report.md", "---\ntitle: Report\n---\n\n# Report\n\n```specs\nshow: count\n```\n"
    )
    built = portfolio.build(strict=True)
    assert [n.text for n in queries(built, "report/index.html")] == ["5 documents"]


@pytest.mark.parametrize(
    "wrapped",
    [
        "````markdown\n```specs\nshow: count\n```\n````",
        "~~~\n```specs\nshow: count\n```\n~~~",
        "<!--\n```specs\nshow: count\n```\n-->",
        "    ```specs\n    show: count\n    ```",
        "```yaml\nshow: count\n```",
    ],
    ids=["in-a-backtick-fence", "in-a-tilde-fence", "in-a-comment", "indented-4", "other-language"],
)
def test_a_block_that_is_not_a_query_does_not_run(portfolio, wrapped):
    portfolio.doc("report.md", f"# Report\n\n{wrapped}\n")
    built = portfolio.build(strict=True)
    assert queries(built, "report/index.html") == []
    html = built.html("report/index.html")
    if "<!--" not in wrapped:
        assert "show: count" in html  # shown as code, as written


def test_blocks_with_other_fences(portfolio):
    portfolio.doc(
        "report.md",
        "# Report\n\n   ~~~ specs \n   show: count\n   ~~~\n\n"
        "````specs\nwhere: {status: Draft}\nshow: count\n````\n\n"
        "```python\nx = 1\n```\n",
    )
    built = portfolio.build(strict=True)
    assert [n.text for n in queries(built, "report/index.html")] == ["5 documents", "2 documents"]
    assert "x = 1" in built.html("report/index.html")


def test_query_markers_cannot_be_forged(portfolio):
    portfolio.doc("report.md", "# Report\n\n<!-- mkdocs-specs:0000:query:0 -->\n")
    built = portfolio.build(strict=True)
    assert queries(built, "report/index.html") == []


# --- Bad queries ------------------------------------------------------------------------------

# The page: front matter on lines 1-3, the block's fence on line 6, its body from line 7.
BAD = "---\ntitle: Report\n---\n# Report\n\n```specs\n{body}\n```\n\nAfter the block.\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("where: [Draft", 7, "the query is not valid YAML"),
        ("where:\n  status: 'Draft\n", 8, "the query is not valid YAML"),
        ("- status\n- Draft", 7, "the query is a YAML list"),
        ("where: {status: Draft}\ncolour: red", 8, "unknown option 'colour'"),
        ("show: graph", 7, "option 'show' is 'graph'; expected one of: table, list, count, chart"),
        ("columns:\n  - title\n  - colour", 9, "unknown column 'colour'"),
        ("where:\n  status: Draft\n  updated: '=> 2025-01-01'", 9, "no known operator"),
        ("where:\n  status: '!Draft'", 8, "no known operator"),
        ("where: {status: }", 7, "'where.status' is empty; expected a value or a list of values"),
        ("limit: -3", 7, "option 'limit' is the number -3; expected at least 1"),
        ("limit: five", 7, "option 'limit' is 'five'; expected a whole number"),
        ("sort: [title, -updatd]", 7, "unknown sort field 'updatd' (did you mean 'updated'?)"),
        ("sort:\n  - title\n  - '--x'", 9, "sort field '--x' is not a field name"),
        ("where:\n  colour: red", 8, "unknown field 'colour'"),
        ("show: count\nwhere: !!python/object:os.system {}", 8, "safe loading refuses"),
    ],
    ids=[
        "bad-yaml",
        "unclosed-quote",
        "not-a-mapping",
        "unknown-option",
        "bad-show",
        "unknown-column",
        "bad-operator",
        "bang-without-equals",
        "empty-value",
        "negative-limit",
        "limit-not-a-number",
        "unknown-sort-field",
        "bad-sort-field",
        "unknown-field",
        "python-tag",
    ],
)
def test_a_bad_query_is_a_finding_on_its_file_line_and_an_error_box(
    portfolio, logs, body, line, message
):
    portfolio.doc("report.md", BAD.format(body=body))
    built = portfolio.build()
    (logged,) = logs.expect(f"report.md:{line}: ", message, "[bad-query]")
    assert logged.startswith("mkdocs_specs: ")
    assert logs.expect_findings() == [logged]
    page = built.page("report/index.html")
    box = page.find(class_="specs-query-error")
    assert "This query cannot run" in box.text
    assert f"report.md:{line}" in box.text and message in box.text
    assert "After the block." in page.text
    assert "specs-query" not in box.find("ul").attrs.get("class", "")
    assert not page.find_all(class_="specs-table-wrapper")
    assert (built.site_dir / "specs-index/index.html").is_file()


def test_a_block_never_closed_is_a_finding(portfolio, logs):
    portfolio.doc("report.md", "# Report\n\nText.\n\n```specs\nshow: count\n")
    built = portfolio.build()
    logs.expect("report.md:5: the query block is never closed", "[bad-query]")
    page = built.page("report/index.html")
    assert page.find_all(class_="specs-query-error") and "Text." in page.text


def test_a_bad_query_in_a_spec_document_counts_its_front_matter(portfolio, logs):
    portfolio.doc(
        "design/pay-9.md",
        design_doc("PAY-9", "Draft", "[bob]") + "\n## More\n\n```specs\nshow: pie\n```\n",
    )
    built = portfolio.build()
    logs.expect("design/pay-9.md:31: option 'show' is 'pie'", "[bad-query]")
    assert built.page("design/pay-9/index.html").find_all(class_="specs-query-error")
    # The query is the page's problem, not the document's: it stays valid.
    home = built.content("specs-index/index.html")
    assert "invalid" not in home.find("a", class_="specs-doc-link").text


def test_each_bad_query_is_logged_once(portfolio, logs):
    portfolio.doc(
        "report.md",
        "# Report\n\n```specs\nshow: pie\n```\n\n```specs\nlimit: 0\n```\n",
    )
    portfolio.build()
    assert len(logs.expect("report.md:4: option 'show'")) == 1
    assert len(logs.expect("report.md:8: option 'limit' is the number 0")) == 1
    assert len(logs.expect_findings()) == 2


def test_strict_build_fails_on_a_bad_query(portfolio):
    portfolio.doc("report.md", BAD.format(body="show: graph"))
    result = portfolio.run("build", "--strict")
    assert result.returncode == 1
    assert (
        "report.md:7: option 'show' is 'graph'; expected one of: table, list, count, chart "
        "[bad-query]" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_severity_of_bad_query_can_be_lowered(portfolio, logs):
    portfolio.plugin(severity={"bad-query": "info"})
    portfolio.doc("report.md", BAD.format(body="show: graph"))
    built = portfolio.build(strict=True)
    assert any("[bad-query]" in m for m in logs.messages(0))
    box = built.page("report/index.html").find(class_="specs-query-error")
    assert "specs-finding--info" in box.find("li").classes


# --- Escaping ---------------------------------------------------------------------------------


def test_values_from_documents_and_queries_are_escaped(site, logs):
    site.doc(
        "design/pay-1.md",
        f"---\ntitle: '{HOSTILE}'\nstatus: '{HOSTILE}'\nowners: ['{HOSTILE}']\n"
        f"note: '{HOSTILE}'\n---\n# PAY-1 - Feature Design\n",
    )
    site.doc(
        "report.md",
        "# Report\n\n```specs\ncolumns: [title, status, owners, note, id]\n```\n\n"
        "```specs\nshow: list\ncolumns: [title, note]\n```\n\n"
        "```specs\nshow: chart\n```\n\n"
        f"```specs\nwhere: {{'{HOSTILE}': 1}}\n```\n",
    )
    built = site.build()
    logs.expect_findings()
    html = built.html("report/index.html")
    assert "<script>alert" not in html and "<img src=x" not in html
    shown = queries(built, "report/index.html")
    assert [n.tag for n in shown] == ["div", "ul", "div"]
    (row,) = table(shown[0])
    assert row["Document"] == row["Status"] == row["Owners"] == row["Note"] == HOSTILE
    assert shown[1].find("li").text == f"{HOSTILE} {HOSTILE}"
    assert HOSTILE in shown[2].find("svg").attrs["aria-label"]
    box = built.page("report/index.html").find(class_="specs-query-error")
    assert HOSTILE in box.text
    hrefs = [a.href for n in shown for a in n.find_all("a")]
    assert hrefs and all(re.fullmatch(r"(\.\./)+[a-z0-9/-]+/", h) for h in hrefs), hrefs


# --- Found by a second reading ----------------------------------------------------------------


def test_a_query_nested_thousands_deep_is_a_finding_not_a_crash(portfolio, logs):
    query_page(portfolio, "where:\n  status:\n    - " + "- " * 30_000 + "x")
    portfolio.build()
    (found,) = logs.expect_findings()
    assert "report.md:4: the query nests deeper than 100 levels" in found


def test_a_whole_number_written_with_a_point_is_a_limit(portfolio):
    assert len(run(portfolio, "limit: 2.0")) == 2


def test_a_number_too_large_for_a_float_compares_as_text(portfolio):
    query_page(portfolio, f"where: {{priority: {'9' * 400}}}\nsort: priority\nshow: count")
    (shown,) = queries(portfolio.build(strict=True), "report/index.html")
    assert shown.text.startswith("0 documents")


def test_zeros_of_a_number_in_a_query_are_kept(site):
    site.plugin(types={"note": {"paths": ["notes/*.md"]}})
    for number in ("0042", "0034"):
        site.doc(f"notes/n{number}.md", f"---\nid: {number}\n---\n# Note {number}\n\nText.\n")
    query_page(site, "where: {id: 0042}")
    (shown,) = queries(site.build(strict=True), "report/index.html")
    assert [row["Document"] for row in table(shown)] == ["Note 0042"]


def test_relation_fields_match_the_documents_they_name(portfolio):
    portfolio.doc(
        "design/pay-5.md",
        design_doc(
            "PAY-5", "Draft", "[bob]", title="Links", depends_on="'[PAY-1](pay-1.md), PAY-2'"
        ),
    )
    assert run(portfolio, "where: {depends_on: PAY-2}") == ["Links"]
    assert run(portfolio, "where: {depends_on: PAY-1}") == ["Links"]
    # An inverse field is a field a query may name, even when no document has it yet.
    query_page(portfolio, "where: {superseded_by: PAY-1}\nshow: count")
    (shown,) = queries(portfolio.build(strict=True), "report/index.html")
    assert shown.text.startswith("0 documents")


def test_a_date_field_is_compared_with_real_dates_only(portfolio, logs):
    query_page(portfolio, "where: {updated: '>= 2025-3-1', created: '< 2025-02-30'}")
    portfolio.build()
    found = logs.expect_findings()
    assert [m.split("[")[0].split(": ", 2)[2] for m in found] == [
        "'updated' is compared with '2025-3-1', which is not a date; expected a real date "
        "written YYYY-MM-DD (or YYYY-MM, or YYYY) ",
        "'created' is compared with '2025-02-30', which is not a date; expected a real date "
        "written YYYY-MM-DD (or YYYY-MM, or YYYY) ",
    ]
    assert run(portfolio, "where: {updated: '>= 2025-03'}\nsort: updated") == ["Vault", "Payouts"]


def test_an_unclosed_block_leaves_the_rest_of_the_page(portfolio, logs):
    portfolio.doc("report.md", "# Report\n\n```specs\nshow: count\n\n## Later\n\nStill here.\n")
    built = portfolio.build()
    logs.expect_findings()
    page = built.page("report/index.html")
    assert page.find_all(class_="specs-query-error")
    assert "Still here." in page.text
