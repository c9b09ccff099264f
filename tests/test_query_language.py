"""The query core: finding blocks, reading them into queries, and running them. No MkDocs."""

from __future__ import annotations

import pytest

from mkdocs_specs.catalogue.catalogue import Catalogue, build_catalogue
from mkdocs_specs.model import Document, Finding, Progress, Severity
from mkdocs_specs.query.blocks import Block, find_blocks
from mkdocs_specs.query.fields import field_text
from mkdocs_specs.query.language import (
    DEFAULT_COLUMNS,
    MAX_NAMES,
    MAX_QUERY_BLOCKS,
    MAX_VALUES,
    Query,
    check_page,
    read_query,
)
from mkdocs_specs.query.run import run_query, status_counts
from mkdocs_specs.settings.settings import Settings, build_settings

SETTINGS = build_settings()


NO_CHECKLIST = Progress()


def doc(
    path: str, title: str, type: str = "feature-design", progress: Progress = NO_CHECKLIST, **fields
) -> Document:
    """A document at ``path`` whose metadata fields are ``fields``."""
    return Document(
        path=path,
        type=type,
        title=title,
        id=fields.get("id"),
        status=fields.get("status"),
        owners=tuple(fields.get("owners", ())),
        created=fields.get("created"),
        updated=fields.get("updated"),
        fields=fields,
        progress=progress,
    )


@pytest.fixture
def catalogue() -> Catalogue:
    return build_catalogue(
        [
            doc(
                "a.md",
                title="Alpha",
                status="Draft",
                owners=["alice"],
                updated="2025-03-05",
                priority=2,
                progress=Progress(1, 4),
            ),
            doc(
                "b.md",
                title="beta",
                status="In Review",
                owners=["alice", "bob"],
                updated="2025-02-10",
                priority="10",
                tags=["api", "web"],
            ),
            doc(
                "c.md",
                title="Gamma",
                status="Approved",
                owners=["carol"],
                updated="2025-03-20",
                priority="high",
                progress=Progress(2, 2),
            ),
            doc("d.md", title="Delta", status="Draft", owners=["Bob"], meta={"k": 1}),
            doc("e.md", type="feature-spec", title="Epsilon", status="In Progress"),
        ],
        SETTINGS,
    )


def block(body: str) -> Block:
    (found,) = find_blocks(["```specs", *body.split("\n"), "```"])
    return found


def query(body: str, catalogue: Catalogue, settings: Settings = SETTINGS) -> Query:
    read = read_query("page.md", block(body), 1, catalogue, settings)
    assert read.findings == (), read.findings
    assert read.query is not None
    return read.query


def titles(body: str, catalogue: Catalogue) -> list[str]:
    return [d.title for d in run_query(query(body, catalogue), catalogue)]


def problems(body: str, catalogue: Catalogue, settings: Settings = SETTINGS) -> list[str]:
    """``line: message`` of each finding, the block's body starting on line 2."""
    read = read_query("page.md", block(body), 1, catalogue, settings)
    assert read.query is None
    return [f"{f.line}: {f.message}" for f in read.findings]


# --- Finding blocks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "```specs\nshow: count\n```",
        "~~~specs\nshow: count\n~~~",
        "```` specs \nshow: count\n`````",
        "   ```specs\n   show: count\n   ```",
        "~~~~specs\nshow: count\n~~~\n~~~~",
    ],
    ids=["backticks", "tildes", "longer-fences", "indented-3", "inner-shorter-fence"],
)
def test_a_query_block(text: str) -> None:
    (found,) = find_blocks(text.split("\n"))
    assert found.start == 0 and found.end == len(text.split("\n")) - 1
    assert found.body.splitlines()[0] == "show: count"
    assert found.closed


@pytest.mark.parametrize(
    "text",
    [
        "    ```specs\n    show: count\n    ```",
        "````\n```specs\nshow: count\n```\n````",
        "~~~md\n```specs\n```\n~~~",
        "<!--\n```specs\nshow: count\n```\n-->",
        "<!-- ```specs -->\nshow: count\n```",
        "```yaml\nshow: count\n```",
        "```specs-old\nshow: count\n```",
        "```{.specs}\nshow: count\n```",
        "``specs\nshow: count\n``",
    ],
    ids=[
        "indented-4",
        "in-a-fence",
        "in-a-tilde-fence",
        "in-a-comment",
        "fence-in-a-comment",
        "yaml",
        "other-info",
        "attribute-info",
        "two-backticks",
    ],
)
def test_not_a_query_block(text: str) -> None:
    assert find_blocks(text.split("\n")) == []


def test_blocks_in_order_with_their_lines() -> None:
    lines = ["# T", "", "```specs", "a: 1", "```", "text", "~~~specs", "b: 2", "c: 3", "~~~"]
    assert find_blocks(lines) == [
        Block(2, 4, "```", "a: 1"),
        Block(6, 9, "~~~", "b: 2\nc: 3"),
    ]


def test_an_unclosed_block_is_only_its_opening_line() -> None:
    assert find_blocks(["x", "```specs", "show: count", ""]) == [
        Block(1, 1, "```", "", closed=False)
    ]


def test_the_body_loses_the_fence_indentation() -> None:
    (found,) = find_blocks(["  ```specs", "  where:", "    status: Draft", " limit: 1", "  ```"])
    assert found.body == "where:\n  status: Draft\nlimit: 1"


@pytest.mark.parametrize(
    ("text", "indent"),
    [
        ('!!! note "Title"\n\n    ```specs\n    show: count\n    ```', 4),
        ("??? info\n\n    ```specs\n    show: count\n    ```", 4),
        ("???+ info\n    Text.\n\n    ```specs\n    show: count\n    ```", 4),
        ('=== "Tab"\n\n    ```specs\n    show: count\n    ```', 4),
        ("- item\n\n    ```specs\n    show: count\n    ```", 4),
        ("1. item\n\n     ```specs\n     show: count\n     ```", 5),
        ("- a\n\n    - b\n\n        ```specs\n        show: count\n        ```", 8),
        ('=== "Tab"\n\n    !!! note\n\n        ```specs\n        show: count\n        ```', 8),
        ("Term\n\n:   Definition.\n\n    ```specs\n    show: count\n    ```", 4),
        ("[^1]: A note.\n\n    ```specs\n    show: count\n    ```", 4),
        ("!!! note\n\n\tText.\n\n\t```specs\n\tshow: count\n\t```", 4),
    ],
    ids=[
        "admonition",
        "details",
        "open-details",
        "content-tab",
        "list-item",
        "ordered-list-item",
        "nested-list",
        "admonition-in-a-tab",
        "definition",
        "footnote",
        "tabs",
    ],
)
def test_a_query_block_in_a_container(text: str, indent: int) -> None:
    (found,) = find_blocks(text.split("\n"))
    assert (found.indent, found.body, found.stray) == (indent, "show: count", False)


@pytest.mark.parametrize(
    "text",
    [
        "!!! note\n\n        ```specs\n        show: count\n        ```",
        "!!! note\n\n    Text.\n\nOut.\n\n    ```specs\n    show: count\n    ```",
        "Text.\n\n    - item\n\n        ```specs\n        show: count\n        ```",
        "```\n!!! note\n```\n\n    ```specs\n    show: count\n    ```",
        "<!--\n!!! note\n-->\n\n    ```specs\n    show: count\n    ```",
    ],
    ids=[
        "code-in-an-admonition",
        "after-the-admonition",
        "list-in-indented-code",
        "admonition-in-a-fence",
        "admonition-in-a-comment",
    ],
)
def test_indented_code_in_or_out_of_a_container_is_no_query_block(text: str) -> None:
    assert find_blocks(text.split("\n")) == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("> ```specs\n> show: count\n> ```", 0),
        ("Text.\n\n```specs title=x\nshow: count\n```", 2),
        ("!!! note\n\n    ```specs {.wide}\n    show: count\n    ```", 2),
    ],
    ids=["block-quote", "options", "attributes-in-an-admonition"],
)
def test_a_fence_named_specs_that_is_no_query_block_is_a_stray(text: str, start: int) -> None:
    (found,) = find_blocks(text.split("\n"))
    assert (found.start, found.stray) == (start, True)


# --- Reading a query --------------------------------------------------------------------------


def test_an_empty_block_is_a_table_of_everything(catalogue: Catalogue) -> None:
    assert query("", catalogue) == Query()
    assert Query().columns == DEFAULT_COLUMNS["table"]


def test_defaults_depend_on_what_is_shown(catalogue: Catalogue) -> None:
    assert query("show: list", catalogue).columns == ("title", "status")
    assert query("show: count", catalogue).columns == ()
    assert query("show: chart", catalogue).columns == ()


def test_names_go_through_the_aliases(catalogue: Catalogue) -> None:
    read = query(
        "where: {Owner: alice, Last Updated: '> 2025'}\nsort: [-Last Updated, Feature ID]\n"
        "columns: [Title, owner]",
        catalogue,
    )
    assert [c.field for c in read.where] == ["owners", "updated"]
    assert [(o.field, o.descending) for o in read.sort] == [("updated", True), ("id", False)]
    assert read.columns == ("title", "owners")


def test_user_aliases_apply(catalogue: Catalogue) -> None:
    settings = build_settings(aliases={"Deciders": "owners"})
    assert query("where: {deciders: bob}", catalogue, settings).where[0].field == "owners"


def test_a_single_sort_field_or_column_may_be_written_alone(catalogue: Catalogue) -> None:
    read = query("sort: title\ncolumns: id", catalogue)
    assert [o.field for o in read.sort] == ["title"] and read.columns == ("id",)


# --- Bad queries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("show: [table", ["2: the query is not valid YAML: did not find expected ',' or ']'"]),
        ("42", ["2: the query is a YAML single value; expected a mapping"]),
        (
            "where: x\nshow: count\nlimit: 0\nfoo: 1",
            [
                "2: option 'where' is 'x'; expected a mapping",
                "4: option 'limit' is the number 0; expected at least 1",
                "5: unknown option 'foo'; expected one of: where, sort, limit, show, columns",
            ],
        ),
        (
            "show: Table",
            ["2: option 'show' is 'Table'; expected one of: table, list, count, chart"],
        ),
        ("limit: 2.5", ["2: option 'limit' is the number 2.5; expected a whole number"]),
        ("limit: true", ["2: option 'limit' is the boolean true; expected a whole number"]),
        ("columns: []", ["2: option 'columns' is empty; expected a value"]),
        ("columns: [title, '']", ["2: option 'columns[1]' is empty; expected a value"]),
        (
            "sort: ['-']",
            [
                "2: sort field '-' is not a field name; expected a field, with '-' before it "
                "for descending order"
            ],
        ),
        (
            "where:\n  status: []",
            ["3: 'where.status' is a list; expected a value or a list of values"],
        ),
        (
            "where:\n  status: {a: 1}",
            ["3: 'where.status' is a mapping; expected a value or a list of values"],
        ),
        (
            "where:\n  status:\n    - Draft\n    - '>'",
            [
                # The line of the field: lines are known one level down.
                "3: 'where.status[1]' is '>', which starts with no known operator; expected "
                "a value, or one of >=, <=, >, <, !=, = followed by a value"
            ],
        ),
        (
            "where: {updated: '== 2025-01-01'}",
            ["2: 'where.updated' is '== 2025-01-01', which starts with no known operator"],
        ),
        (
            "where: {updated: '>=> 1'}",
            ["2: 'where.updated' is '>=> 1', which starts with no known operator"],
        ),
        (
            "where:\n  statos: Draft\n  owner: x",
            [
                "3: unknown field 'statos' (did you mean 'status'?); expected one of: title, id, "
                "type, status, owners, created, updated, path, progress, done, total, open, "
                "valid, changed, stale, uncovered, tests_passed, tests_failed, tests_skipped, "
                "since, or a metadata field that some document has"
            ],
        ),
        ("where: {priorty: 1}", ["2: unknown field 'priorty' (did you mean 'priority'?)"]),
        ("columns:\n  - title\n  - zzz", ["4: unknown column 'zzz'; expected one of"]),
        ("sort:\n  - title\n  - -zzz", ["4: unknown sort field 'zzz'; expected one of"]),
        ("sort: -zzz\ncolumns: [yyy]", ["2: unknown sort field 'zzz'", "3: unknown column 'yyy'"]),
    ],
    ids=[
        "yaml",
        "not-a-mapping",
        "several-on-their-lines",
        "show-is-exact",
        "limit-fraction",
        "limit-boolean",
        "no-columns",
        "empty-column",
        "sort-dash",
        "empty-list",
        "mapping-value",
        "list-item-operator",
        "double-equals",
        "operator-run",
        "unknown-field",
        "metadata-field-typo",
        "unknown-column",
        "unknown-sort-field",
        "both",
    ],
)
def test_bad_queries(catalogue: Catalogue, body: str, expected: list[str]) -> None:
    found = problems(body, catalogue)
    assert len(found) == len(expected), found
    for message, start in zip(found, expected, strict=True):
        assert message.startswith(start), message


def test_yaml_limits_apply_to_queries(catalogue: Catalogue) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcd", "bcde", strict=True)
    )
    assert problems(bomb, catalogue) == [
        "2: the query holds more than 10,000 values (counting every use of an alias); "
        "expected a small mapping of fields"
    ]
    assert problems("where: " + "[" * 200 + "]" * 200, catalogue)[0].startswith(
        "2: the query nests deeper than 100 levels"
    )


def test_severity_of_bad_query(catalogue: Catalogue) -> None:
    lowered = build_settings(severities={"bad-query": "warning"})
    read = read_query("page.md", block("show: pie"), 1, catalogue, lowered)
    assert read.query is None and [f.severity for f in read.findings] == [Severity.WARNING]
    ignored = build_settings(severities={"bad-query": "ignore"})
    read = read_query("page.md", block("show: pie"), 1, catalogue, ignored)
    assert read.query is None and read.findings == ()  # refused all the same, but quietly


def test_check_page_counts_lines_from_where_the_text_starts(catalogue: Catalogue) -> None:
    markdown = (
        "# Page\n\n"
        "```specs\nshow: pie\n```\n\n````md\n```specs\nshow: pie\n```\n````\n\n"
        "```specs\nwhere: {owner: alice}\n```\n\n~~~specs\nlimit: -1\n"
    )
    # As after seven lines of front matter, which the host took off.
    assert check_page("notes/page.md", markdown, 8, catalogue, SETTINGS) == [
        Finding(
            "notes/page.md",
            11,
            "bad-query",
            "option 'show' is 'pie'; expected one of: table, list, count, chart",
        ),
        Finding(
            "notes/page.md",
            24,
            "bad-query",
            "the query block is never closed; expected a line of ~~~ after it",
        ),
    ]


def test_check_page_of_a_page_without_queries(catalogue: Catalogue) -> None:
    assert check_page("p.md", "# Title\n\n```python\nx = 1\n```\n", 1, catalogue, SETTINGS) == []


# --- Running a query --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("status: DRAFT", ["Alpha", "Delta"]),
        ("status: in_review", ["beta"]),
        ("status: [draft, Approved]", ["Alpha", "Gamma", "Delta"]),
        ("owner: bob", ["beta", "Delta"]),
        ("owner: '!= bob'", ["Alpha", "Gamma"]),
        ("title: BETA", ["beta"]),
        ("title: '> c'", ["Gamma", "Delta", "Epsilon"]),
        ("type: feature-spec", ["Epsilon"]),
        ("type: Feature Specification", ["Epsilon"]),
        ("priority: 10", ["beta"]),
        ("priority: '10.0'", ["beta"]),
        ("priority: '>= 2'", ["Alpha", "beta"]),
        ("priority: '> 1000'", []),
        ("priority: high", ["Gamma"]),
        ("priority: '> a'", ["Gamma"]),
        ("priority: '!= 2'", ["beta", "Gamma"]),
        ("updated: '<= 2025-03-05'", ["Alpha", "beta"]),
        ("updated: ['< 2025-03-01', '> 2025-03-10']", ["beta", "Gamma"]),
        ("tags: web", ["beta"]),
        ("progress: 100", ["Gamma"]),
        ("progress: '< 50'", ["Alpha"]),
        ("open: '> 0'", ["Alpha"]),
        ("total: 0", ["beta", "Delta", "Epsilon"]),
        ("valid: true", ["Alpha", "beta", "Gamma", "Delta", "Epsilon"]),
        ("path: c.md", ["Gamma"]),
        ("meta: x", []),
        ("id: '!= x'", []),
    ],
    ids=[
        "status-ignores-case",
        "status-ignores-separators",
        "any-of",
        "owners-contain-ignoring-case",
        "owners-contain-none",
        "text-ignores-case",
        "text-order",
        "type-by-name",
        "type-by-label",
        "number-and-numeric-text",
        "numeric-text-both-sides",
        "number-order",
        "no-number",
        "text-value",
        "ordering-across-kinds-never-holds",
        "not-equal-across-kinds",
        "dates-as-iso-text",
        "alternatives",
        "list-field-contains",
        "progress-percent",
        "no-checklist-has-no-progress",
        "open-items",
        "total-items",
        "valid",
        "path",
        "mapping-fields-lack",
        "lacking-never-matches-not-equal",
    ],
)
def test_where(catalogue: Catalogue, where: str, expected: list[str]) -> None:
    assert titles(f"where: {{{where}}}", catalogue) == expected


def test_conditions_must_all_hold(catalogue: Catalogue) -> None:
    assert titles("where: {owner: alice, status: '!= Draft'}", catalogue) == ["beta"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Alpha", "beta", "Delta", "Epsilon", "Gamma"]),
        ("-title", ["Gamma", "Epsilon", "Delta", "beta", "Alpha"]),
        ("updated", ["beta", "Alpha", "Gamma", "Delta", "Epsilon"]),
        ("-updated", ["Gamma", "Alpha", "beta", "Delta", "Epsilon"]),
        ("priority", ["Alpha", "beta", "Gamma", "Delta", "Epsilon"]),
        ("-priority", ["Gamma", "beta", "Alpha", "Delta", "Epsilon"]),
        ("status", ["Alpha", "Delta", "beta", "Epsilon", "Gamma"]),
        ("[status, -title]", ["Delta", "Alpha", "beta", "Epsilon", "Gamma"]),
        ("[-status, updated]", ["Gamma", "Epsilon", "beta", "Alpha", "Delta"]),
        ("[type, -progress]", ["Gamma", "Alpha", "beta", "Delta", "Epsilon"]),
        ("owners", ["Alpha", "beta", "Delta", "Gamma", "Epsilon"]),
    ],
    ids=[
        "text-ignoring-case",
        "text-descending",
        "dates",
        "dates-descending-missing-last",
        "numbers-then-text-missing-last",
        "descending-missing-still-last",
        "status-in-group-order",
        "multi",
        "multi-descending-first",
        "type-then-progress",
        "lists-by-their-items",
    ],
)
def test_sort(catalogue: Catalogue, sort: str, expected: list[str]) -> None:
    assert titles(f"sort: {sort}", catalogue) == expected


def test_limit_after_sorting(catalogue: Catalogue) -> None:
    assert titles("sort: -updated\nlimit: 2", catalogue) == ["Gamma", "Alpha"]
    assert titles("limit: 100", catalogue) == ["Alpha", "beta", "Gamma", "Delta", "Epsilon"]


def test_status_counts_in_the_order_of_the_status_pages(catalogue: Catalogue) -> None:
    counts = status_counts(catalogue.documents, catalogue)
    assert [(c.group.label, c.count) for c in counts] == [
        ("Draft", 2),
        ("In Review", 1),
        ("In Progress", 1),
        ("Approved", 1),
    ]
    assert status_counts([], catalogue) == []


def test_field_text(catalogue: Catalogue) -> None:
    by_title = {d.title: d for d in catalogue.documents}
    assert field_text(by_title["beta"], "owners") == "alice, bob"
    assert field_text(by_title["beta"], "tags") == "api, web"
    assert field_text(by_title["Alpha"], "priority") == "2"
    assert field_text(by_title["Alpha"], "valid") == "yes"
    assert field_text(by_title["Delta"], "meta") == '{"k": 1}'
    assert field_text(by_title["Delta"], "updated") == ""
    assert field_text(by_title["Delta"], "progress") == ""


def test_a_page_runs_at_most_max_query_blocks(catalogue) -> None:
    page = "```specs\nshow: count\n```\n" * (MAX_QUERY_BLOCKS + 5)
    (finding,) = check_page("p.md", page, 1, catalogue, SETTINGS)
    assert finding.line == 3 * MAX_QUERY_BLOCKS + 1
    assert f"more than {MAX_QUERY_BLOCKS} query blocks" in finding.message
    blocks = find_blocks(page.split("\n"))
    read = [read_query("p.md", block, 1, catalogue, SETTINGS) for block in blocks]
    assert [r.query is not None for r in read] == [True] * MAX_QUERY_BLOCKS + [False] * 5


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"where:\n  status: {list(range(MAX_VALUES + 1))}", "'where.status' names 101"),
        (f"columns: {['title'] * (MAX_NAMES + 1)}", "'columns' names 31; expected at most 30"),
        (f"sort: {['title'] * (MAX_NAMES + 1)}", "'sort' names 31; expected at most 30"),
    ],
)
def test_a_query_lists_a_bounded_number_of_values(catalogue, body, message) -> None:
    read = read_query("page.md", block(body), 1, catalogue, SETTINGS)
    assert read.query is None
    assert message in read.findings[0].message
