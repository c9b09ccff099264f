"""Real builds: query blocks nested in admonitions, details, content tabs and list items run,
in Material with SuperFences and in a site without it; a ``specs`` fence that cannot run is a
finding (and, with SuperFences, an error box in its place), never a silent code block; ``check``
reports what the build does."""

from __future__ import annotations

import pytest

from .conftest import Site
from .docs import spec
from .html import Node
from .test_command_line import check_findings, logged_findings

EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.tabbed"]

SITES = {
    "material-superfences": {
        "theme": {"name": "material"},
        "markdown_extensions": [
            *EXTENSIONS[:2],
            "pymdownx.superfences",
            {"pymdownx.tabbed": {"alternate_style": True}},
        ],
    },
    "mkdocs-superfences": {
        "theme": {"name": "mkdocs"},
        "markdown_extensions": [*EXTENSIONS, "pymdownx.superfences"],
    },
    "no-superfences": {"theme": {"name": "mkdocs"}, "markdown_extensions": EXTENSIONS},
}

QUERY = "    ```specs\n    where: {status: Draft}\n    columns: [title, status]\n    ```\n"

# Each container, the element it becomes, and the page's Markdown around a query block.
CONTAINERS = {
    "admonition": ("div", "admonition", f'!!! note "Drafts"\n\n{QUERY}'),
    "admonition-after-text": ("div", "admonition", f"!!! note\n\n    Text first.\n\n{QUERY}"),
    "details": ("details", None, f'??? info "Drafts"\n\n{QUERY}'),
    "open-details": ("details", None, f'???+ info "Drafts"\n\n{QUERY}'),
    "content-tab": ("div", "tabbed-set", f'=== "One"\n\n    Text.\n\n=== "Drafts"\n\n{QUERY}'),
    "list-item": ("li", None, f"- An item\n\n{QUERY}"),
    "ordered-list-item": ("li", None, f"1. An item\n\n{QUERY}"),
    "nested-list-item": (
        "li",
        None,
        "- Outer\n\n    - Inner\n\n" + "".join(f"    {line}\n" for line in QUERY.splitlines()),
    ),
    "admonition-in-a-tab": (
        "div",
        "admonition",
        '=== "Tab"\n\n    !!! note\n\n' + "".join(f"    {line}\n" for line in QUERY.splitlines()),
    ),
}


def nested_site(site: Site, kind: str) -> None:
    site.config(**SITES[kind])
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "Draft"))
    site.doc("specs/002-refunds.md", spec("002-refunds", "Refunds", "In Progress"))


def titles(node: Node) -> list[str]:
    """The titles a query table lists."""
    return [tr.find_all("td")[0].text for tr in node.find("tbody").find_all("tr")]


@pytest.mark.parametrize("kind", SITES)
@pytest.mark.parametrize("container", CONTAINERS)
def test_a_nested_query_renders_as_a_table_in_its_container(site, kind, container):
    tag, class_, markdown = CONTAINERS[container]
    nested_site(site, kind)
    site.doc("report.md", f"# Report\n\n{markdown}\nAfter.\n")
    page = site.build(strict=True).page("report/index.html")
    (shown,) = page.find_all(class_="specs-query")
    assert titles(shown) == ["Checkout"]
    assert any(shown in holder.find_all() for holder in page.find_all(tag, class_))
    assert "```" not in page.text and "where:" not in page.text
    assert "After." in page.text


def test_every_nested_query_of_a_page_runs_in_order(site):
    nested_site(site, "material-superfences")
    site.doc(
        "report.md",
        "# Report\n\n```specs\nshow: count\n```\n\n"
        + "\n".join(markdown for _, _, markdown in CONTAINERS.values()),
    )
    page = site.build(strict=True).page("report/index.html")
    shown = page.find_all(class_="specs-query")
    assert shown[0].text == "2 documents"
    assert [titles(node) for node in shown[1:]] == [["Checkout"]] * len(CONTAINERS)


# The page: front matter on lines 1-3, the query's bad line on line 9.
BAD = (
    "---\ntitle: Report\n---\n# Report\n\n!!! warning\n\n    ```specs\n"
    "    show: graph\n    ```\n\nAfter.\n"
)


@pytest.mark.parametrize("kind", SITES)
def test_a_bad_query_in_an_admonition_is_a_finding_on_its_line_and_an_error_box(site, logs, kind):
    nested_site(site, kind)
    site.doc("report.md", BAD)
    page = site.build().page("report/index.html")
    (logged,) = logs.expect("report.md:9: option 'show' is 'graph'", "[bad-query]")
    assert logs.expect_findings() == [logged]
    box = page.find("div", "admonition").find(class_="specs-query-error")
    assert "report.md:9" in box.text
    assert "After." in page.text


@pytest.mark.parametrize("kind", SITES)
def test_check_reports_the_nested_blocks_a_build_reports(site, cli, logs, kind):
    nested_site(site, kind)
    site.doc("report.md", BAD)
    site.doc(
        "more.md",
        "# More\n\n- Item\n\n    ```specs\n    limit: 0\n    ```\n\n"
        "> ```specs\n> show: count\n> ```\n\n"
        '=== "Tab"\n\n    ```specs\n    columns: [colour]\n    ```\n',
    )
    checked = check_findings(cli.json())
    site.build()
    assert checked == logged_findings(logs)
    assert {finding.split(": ", 1)[0] for _, finding in checked} == {
        "report.md:9",
        "more.md:6",
        "more.md:9",
        "more.md:16",
    }


STRAYS = {
    "in-a-block-quote": ("> Quoted:\n>\n> ```specs\n> show: count\n> ```\n", 5),
    "with-options": ('```specs title="Drafts"\nshow: count\n```\n', 3),
    "with-attributes": ("```specs {.wide}\nshow: count\n```\n", 3),
}


@pytest.mark.parametrize("stray", STRAYS)
@pytest.mark.parametrize("kind", SITES)
def test_a_specs_fence_that_cannot_run_is_a_finding(site, cli, logs, kind, stray):
    markdown, line = STRAYS[stray]
    nested_site(site, kind)
    site.doc("report.md", f"# Report\n\n{markdown}\nAfter.\n")
    page = site.build().page("report/index.html")
    (logged,) = logs.expect(f"report.md:{line}: this 'specs' fence is no query block")
    assert logs.expect_findings() == [logged]
    assert check_findings(cli.json()) == {("error", logged.removeprefix("mkdocs_specs: "))}
    if kind != "no-superfences":  # the fence puts the error box where the block was
        box = page.find(class_="specs-query-error")
        assert f"report.md:{line}" in box.text
        assert "show: count" not in page.text
    assert "After." in page.text


@pytest.mark.parametrize("kind", SITES)
def test_a_specs_fence_shown_as_code_or_hidden_in_a_comment_says_nothing(site, kind):
    nested_site(site, kind)
    site.doc(
        "report.md",
        "# Report\n\n"
        "    ```specs\n    show: count\n    ```\n\n"  # an indented code block
        "!!! note\n\n        ```specs\n        show: list\n        ```\n\n"  # one in a note
        "<!--\n```specs\nshow: chart\n```\n-->\n\n"
        "> <!-- ```specs -->\n\n"
        "````markdown\n> ```specs\n> show: table\n> ```\n````\n",
    )
    page = site.build(strict=True).page("report/index.html")
    assert not page.find_all(class_="specs-query")
    assert not page.find_all(class_="specs-query-error")
    assert "show: count" in page.text and "show: list" in page.text
    assert "show: table" in page.text


MERMAID = """\
site_name: Test
theme: {name: material}
plugins: [specs]
markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def own_fences(site: Site, name: str) -> str:
    """Write ``own.yml``, a Material site whose SuperFences has a ``name`` fence of its own;
    return the option that builds with it."""
    text = MERMAID.replace("mermaid", name)
    (site.root / "own.yml").write_text(text, encoding="utf-8")
    return "--config-file=own.yml"


def test_the_sites_own_custom_fences_keep_working(site):
    nested_site(site, "material-superfences")
    site.doc(
        "report.md",
        "# Report\n\n```mermaid\ngraph LR\n  A --> B\n```\n\n!!! note\n\n"
        "    ```specs\n    show: count\n    ```\n\n> ```specs\n> show: count\n> ```\n",
    )
    result = site.run("build", own_fences(site, "mermaid"))
    assert "report.md:14: this 'specs' fence is no query block" in result.stderr
    html = (site.root / "site" / "report" / "index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid"><code>graph LR' in html
    assert "specs-query--count" in html and "specs-query-error" in html


def test_a_sites_own_specs_fence_is_left_alone(site):
    nested_site(site, "material-superfences")
    site.doc("report.md", "# Report\n\n!!! note\n\n    ```specs\n    show: count\n    ```\n")
    result = site.run("build", "--strict", own_fences(site, "specs"))
    assert result.returncode == 0, result.stderr
    html = (site.root / "site" / "report" / "index.html").read_text(encoding="utf-8")
    assert "specs-query--count" in html  # the query block is read before Markdown


def test_a_query_a_snippet_brings_in_runs(site, logs):
    """SuperFences meets a block the plugin did not see in the page's Markdown (a snippet
    brings it in): the fence runs its query; a bad one is a finding without a line."""
    nested_site(site, "material-superfences")
    snippets = {"pymdownx.snippets": {"base_path": [str(site.root)], "check_paths": True}}
    site.config(markdown_extensions=["admonition", snippets, "pymdownx.superfences"])
    (site.root / "parts").mkdir()
    (site.root / "parts" / "count.md").write_text("```specs\nshow: count\n```\n", "utf-8")
    (site.root / "parts" / "bad.md").write_text("```specs\nshow: pie\n```\n", "utf-8")
    site.doc("report.md", '# Report\n\n--8<-- "parts/count.md"\n\n--8<-- "parts/bad.md"\n')
    page = site.build().page("report/index.html")
    (logged,) = logs.expect("report.md: option 'show' is 'pie'", "[bad-query]")
    assert logs.expect_findings() == [logged]
    assert page.find(class_="specs-query").text == "2 documents"
    assert "option 'show' is 'pie'" in page.find(class_="specs-query-error").text


@pytest.mark.parametrize(
    ("markdown", "extension"),
    [
        (CONTAINERS["admonition"][2], "admonition"),
        (CONTAINERS["details"][2], "pymdownx.details"),
        (CONTAINERS["content-tab"][2], "pymdownx.tabbed"),
    ],
    ids=["admonition", "details", "content-tab"],
)
def test_a_query_in_a_container_the_site_does_not_read_is_a_finding(
    site, cli, logs, markdown, extension
):
    """Without the container's extension Markdown reads the block as indented code: the
    block cannot run, and says which extension it needs, in build and check alike."""
    nested_site(site, "material-superfences")
    extensions = site.options["markdown_extensions"]
    site.config(markdown_extensions=[e for e in extensions if extension not in str(e)])
    site.doc("report.md", f"# Report\n\n{markdown}\nAfter.\n")
    page = site.build().page("report/index.html")
    (logged,) = logs.expect(
        "report.md:", "does not read, so it would show as code", f"expected '{extension}'"
    )
    assert logs.expect_findings() == [logged]
    assert check_findings(cli.json()) == {("error", logged.removeprefix("mkdocs_specs: "))}
    assert page.find(class_="specs-query-error")
    assert "mkdocs-specs:" not in page.text and "where:" not in page.text
