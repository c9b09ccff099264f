"""`mkdocs-specs index`: the generated pages as plain Markdown, linked, escaped, and never
written over a file the command did not write."""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import pytest
import yaml

from mkdocs_specs.read.statuses import read_status
from mkdocs_specs.render.markdown import GENERATED_MARK, markdown_text

from .conftest import ROOT
from .docs import design, spec
from .html import parse

LINK = re.compile(r"\]\(([^)]*)\)")
HOSTILE = (
    'a|b [x](http://evil) `code` <script>alert("x")</script> & *em* _u_ ~~del~~ ==m== '
    "^^ins^^ $x$ # {: onclick=alert(1) } \\*"
)


def written_pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


def rendered(text: str) -> str:
    """The page as Python-Markdown with common extensions renders it."""
    return markdown.markdown(
        text,
        extensions=["tables", "attr_list", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"],
    )


@pytest.fixture
def portfolio(site):
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout"))
    site.doc("specs/002-refunds.md", spec("002-refunds", "Refunds", "In Progress", "bob"))
    site.doc("design/pay-12.md", design("PAY-12", owners="[bob, carol]"))
    return site


def test_index_writes_the_pages_the_plugin_plans(portfolio, cli):
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    pages = written_pages(portfolio.root / "md")
    assert sorted(pages) == [
        "index.md",
        "owner/alice.md",
        "owner/bob.md",
        "owner/carol.md",
        "relations.md",
        "status/draft.md",
        "status/in-progress.md",
        "type/feature-design.md",
        "type/feature-specification.md",
    ]
    assert sorted(result.stdout.splitlines()) == [f"md/{page}" for page in sorted(pages)]
    assert all(text.startswith(GENERATED_MARK + "\n") for text in pages.values())
    home = pages["index.md"]
    assert "# Specifications\n" in home
    assert "**3** documents. Progress: █████░░░░░ 2/4 (50%)." in home
    assert (
        "| [Refunds](../docs/specs/002-refunds.md) | 002-refunds | "
        "[Feature specification](type/feature-specification.md) | "
        "[In Progress](status/in-progress.md) | [bob](owner/bob.md) | 2025-02-01 | "
        "█████░░░░░ 1/2 (50%) |"
    ) in home
    assert "| [bob](owner/bob.md) | 2 | █████░░░░░ 1/2 (50%) |" in home
    bob = pages["owner/bob.md"]
    assert "# Owner: bob\n" in bob
    assert "[All documents](../index.md)" in bob
    assert "\n## Documents\n" in bob
    assert "| **bob** | 2 | █████░░░░░ 1/2 (50%) |" in bob
    assert "[PAY-12 - Feature Design](../../docs/design/pay-12.md)" in bob
    assert (
        "No document links to another yet. Relation fields: related, depends&#95;on, "
        "supersedes (or superseded&#95;by), implements."
    ) in pages["relations.md"]


def test_index_writes_the_relations_page(portfolio, cli):
    portfolio.doc(
        "specs/003-wallets.md",
        spec("003-wallets", "Wallets").replace(
            "**Owner**", "**Depends On**: 002-refunds\n**Owner**"
        ),
    )
    assert cli("index", "--out", "md").exit_code == 0
    relations = (portfolio.root / "md" / "relations.md").read_text(encoding="utf-8")
    assert "**1** link between **2** of 4 documents." in relations
    assert (
        "| [003-wallets Wallets](../docs/specs/003-wallets.md) | Depends on | "
        "[002-refunds Refunds](../docs/specs/002-refunds.md) | "
        "[In Progress](status/in-progress.md) |"
    ) in relations


def test_every_link_of_the_written_pages_leads_to_a_file(portfolio, cli):
    portfolio.doc("specs/sub folder/003-spaced (v2).md", spec("003-spaced"))
    cli("index", "--out", "out/specs index")
    out = portfolio.root / "out" / "specs index"
    links = 0
    for path in out.rglob("*.md"):
        for target in LINK.findall(path.read_text(encoding="utf-8")):
            assert " " not in target and "(" not in target, target
            assert (path.parent / unquote(target)).resolve().is_file(), (path, target)
            links += 1
    assert links > 50


def test_title_and_index_dir_come_from_the_plugin_options(portfolio, cli):
    portfolio.plugin(title="Design portal", index_dir="portal")
    cli("index", "--out", "md")
    home = (portfolio.root / "md/index.md").read_text(encoding="utf-8")
    assert "# Design portal\n" in home
    assert "[Refunds](../docs/specs/002-refunds.md)" in home


def test_every_value_from_a_document_is_escaped(site, cli):
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-x.md", spec("001-x", title=HOSTILE, status=HOSTILE, owner=HOSTILE))
    site.doc(
        "design/pay-1.md",
        f"---\ntitle: {json.dumps(HOSTILE + chr(10) + 'second line')}\nrelated: 001-x\n---\n"
        "# PAY-1 - Feature Design\n",
    )
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    pages = written_pages(site.root / "md")
    # home; relations; a hostile status and "No status"; the same for owners; 2 types
    assert len(pages) == 8
    relations = parse(rendered(pages["relations.md"]))
    assert [a.text for a in relations.find_all("a")][1:] == [
        f"PAY-1 {HOSTILE} second line",
        f"001-x {HOSTILE}",
        read_status(HOSTILE, {}).status,
    ]
    for name, text in pages.items():
        assert "<script" not in text and "`code`" not in text, name
        html = parse(rendered(text))
        assert "<script" not in rendered(text)
        for tag in ("script", "del", "ins", "mark", "code", "em"):
            assert not html.find_all(tag), (name, tag)
        assert not re.search(r"<[^>]*\sonclick", rendered(text)), name
        for table in html.find_all("table"):
            width = len(table.find("thead").find_all("th"))
            for row in table.find("tbody").find_all("tr"):
                assert len(row.find_all("td")) == width, name
    home = parse(rendered(pages["index.md"]))
    texts = {td.text for td in home.find_all("td")}
    # The status as read (its Markdown marks and link targets are no part of it), as text.
    assert read_status(HOSTILE, {}).status in texts
    links = {a.text for a in home.find_all("a")}
    assert HOSTILE in links  # the spec's title
    assert f"{HOSTILE} second line" in links  # a newline becomes a space


def test_markdown_text_escapes_syntax_and_keeps_markup():
    assert markdown_text("a|b") == "a&#124;b"
    assert (
        markdown_text("[x](y) `c` *e* _u_") == "&#91;x&#93;(y) &#96;c&#96; &#42;e&#42; &#95;u&#95;"
    )
    assert markdown_text("<b> & \"'") == "&#60;b&#62; &#38; &#34;&#39;"
    assert markdown_text("line\none\r\n\ttwo ") == "line one two"
    assert markdown_text("\x1b[31m") == "&#92;x1b&#91;31m"
    assert markdown_text(42) == "42"
    assert markdown_text(markdown_text("*")) == "&#42;"


def test_index_refuses_an_out_inside_docs_dir_unless_allowed(portfolio, cli):
    result = cli("index", "--out", "docs/specs-index")
    assert result.exit_code == 2
    assert "--out docs/specs-index is inside docs_dir (docs)" in result.stderr
    assert "--allow-docs-dir" in result.stderr
    assert not (portfolio.docs / "specs-index").exists()
    result = cli("index", "--out", "docs/overview", "--allow-docs-dir")
    assert result.exit_code == 0, result.output
    home = (portfolio.docs / "overview/index.md").read_text(encoding="utf-8")
    assert "[Refunds](../specs/002-refunds.md)" in home


def test_a_second_run_replaces_its_pages_and_removes_those_of_groups_gone(portfolio, cli):
    cli("index", "--out", "md")
    (portfolio.docs / "design/pay-12.md").unlink()  # carol's only document
    (portfolio.root / "md/notes.md").write_text("mine\n", encoding="utf-8")
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    pages = written_pages(portfolio.root / "md")
    assert "owner/carol.md" not in pages and "type/feature-design.md" not in pages
    assert pages["notes.md"] == "mine\n"
    assert "PAY-12" not in pages["index.md"]
    assert "mkdocs-specs: removed md/owner/carol.md" in result.stderr


def test_index_never_overwrites_a_file_it_did_not_write(portfolio, cli):
    mine = portfolio.root / "md" / "status" / "draft.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own page\n", encoding="utf-8")
    result = cli("index", "--out", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        "mkdocs-specs: error: md/status/draft.md exists and was not written by mkdocs-specs "
        "index; not overwriting it (choose another --out)\n"
    )
    assert mine.read_text(encoding="utf-8") == "my own page\n"
    assert not (portfolio.root / "md" / "index.md").exists()


def test_index_templates_can_be_overridden_in_the_theme(portfolio, cli):
    overrides = portfolio.root / "overrides" / "specs" / "markdown"
    overrides.mkdir(parents=True)
    (overrides / "home.md").write_text(
        "{{ generated_mark }}\n# {{ page.title }}: {{ catalogue.documents | length }}\n",
        encoding="utf-8",
    )
    portfolio.config(theme={"name": "mkdocs", "custom_dir": "overrides"})
    cli("index", "--out", "md")
    home = (portfolio.root / "md/index.md").read_text(encoding="utf-8")
    assert home == f"{GENERATED_MARK}\n# Specifications: 3"


@pytest.mark.parametrize(
    ("args", "expected"),
    [([], "Missing option '--out'"), (["--out", "mkdocs.yml"], "is a file")],
)
def test_index_usage_errors_exit_2(portfolio, cli, args, expected):
    result = cli("index", *args)
    assert result.exit_code == 2
    assert expected in result.stderr


MERMAID_FENCE = {
    "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid"}]}
}


def row_of(page: str, title: str) -> str:
    """The line of a written page's table that links to the document titled ``title``."""
    [line] = [line for line in page.splitlines() if line.startswith(f"| [{title}](")]
    return line


def test_progress_is_a_bar_of_ten_cells_beside_its_figures(site, cli):
    for number, done in enumerate(range(4), start=1):
        items = "".join(f"- [{'x' if i < done else ' '}] Item {i}\n" for i in range(3))
        site.doc(f"specs/00{number}-x.md", spec(f"00{number}-x", f"Done {done}", criteria=items))
    assert cli("index", "--out", "md").exit_code == 0
    home = (site.root / "md/index.md").read_text(encoding="utf-8")
    # A cell per whole ten percent, rounded down as the percent is: full only when all is done.
    assert row_of(home, "Done 0").endswith(" | ░░░░░░░░░░ 0/3 (0%) |")
    assert row_of(home, "Done 1").endswith(" | ███░░░░░░░ 1/3 (33%) |")
    assert row_of(home, "Done 2").endswith(" | ██████░░░░ 2/3 (66%) |")
    assert row_of(home, "Done 3").endswith(" | ██████████ 3/3 (100%) |")
    assert "**4** documents. Progress: █████░░░░░ 6/12 (50%)." in home
    assert "| [Draft](status/draft.md) | 4 | █████░░░░░ 6/12 (50%) |" in home


def test_a_site_without_checklists_shows_no_progress_anywhere(site, cli):
    site.doc("design/pay-1.md", design("PAY-1"))
    site.doc("design/pay-2.md", design("PAY-2", status="Approved"))
    assert cli("index", "--out", "md").exit_code == 0
    pages = written_pages(site.root / "md")
    for name, text in pages.items():
        assert "Progress" not in text and "no checklist" not in text, name
        for table in parse(rendered(text)).find_all("table"):
            width = len(table.find("thead").find_all("th"))
            assert all(len(tr.find_all("td")) == width for tr in table.find("tbody").find_all("tr"))
    assert "**2** documents. [Relations](relations.md)" in pages["index.md"]
    assert "| [bob](owner/bob.md) | 2 |\n" in pages["index.md"]
    assert "| Status | Documents |\n| --- | --: |\n" in pages["index.md"]


def test_a_documents_flag_counts_its_findings_as_check_does(portfolio, cli):
    portfolio.doc("specs/003-bad.md", spec("003-bad", "Bad", status="Finished", extra="## Notes\n"))
    bad = [f for f in cli.json()["findings"] if f["path"].endswith("003-bad.md")]
    errors = sum(1 for f in bad if f["severity"] == "error")
    others = len(bad) - errors
    assert errors == 1 and others >= 1, bad
    assert cli("index", "--out", "md").exit_code == 0
    home = (portfolio.root / "md/index.md").read_text(encoding="utf-8")
    finding_s = "finding" if others == 1 else "findings"
    assert row_of(home, "Bad").startswith(
        f"| [Bad](../docs/specs/003-bad.md) **invalid** (1 error, {others} other {finding_s}) |"
    )


def fence(text: str, name: str = "mermaid") -> list[str]:
    """The lines of the page's one fence named ``name``."""
    assert text.count(f"```{name}\n") == 1, text
    return text.split(f"```{name}\n", 1)[1].split("\n```\n", 1)[0].splitlines()


@pytest.fixture
def linked_site(portfolio):
    portfolio.doc(
        "specs/003-wallets.md",
        spec("003-wallets", "Wallets").replace(
            "**Owner**", "**Depends On**: 002-refunds, 001-checkout\n**Owner**"
        ),
    )
    return portfolio


def test_the_relations_graph_is_the_plugins_where_the_site_draws_mermaid(linked_site, cli, logs):
    linked_site.config(markdown_extensions=[MERMAID_FENCE])
    assert cli("index", "--out", "md").exit_code == 0
    relations = (linked_site.root / "md/relations.md").read_text(encoding="utf-8")
    graph = fence(relations)
    built = linked_site.build()
    plugin = built.content("specs-index/relations/index.html").find("pre", class_="mermaid")
    # The plugin's graph but for its links: a link in a fence is no page's URL to the
    # engine, and GitHub ignores them; the table links every document.
    assert graph == [line for line in plugin.raw_text.splitlines() if "click" not in line]
    assert graph[:2] == ["flowchart LR", '  n0["003-wallets Wallets"]:::draft']
    assert '  n0 -->|"Depends on"| n1' in graph
    assert (
        relations.index("## Graph\n") < relations.index("```mermaid") < relations.index("## Links")
    )


def test_without_mermaid_the_relations_page_is_its_table(linked_site, cli):
    assert cli("index", "--out", "md").exit_code == 0
    relations = (linked_site.root / "md/relations.md").read_text(encoding="utf-8")
    assert "```" not in relations and "## Graph" not in relations
    assert "**2** links between **3** of 4 documents." in relations
    linked_site.plugin(mermaid="always")
    assert cli("index", "--out", "md").exit_code == 0
    relations = (linked_site.root / "md/relations.md").read_text(encoding="utf-8")
    assert len(fence(relations)) == 1 + 3 + 2 + 5  # the kind of chart, boxes, arrows, styles


def test_hostile_titles_stay_text_in_the_graphs_fence(site, cli):
    site.plugin(mermaid="always")
    hostile = f'{HOSTILE} ```\n``` " ]"]; click n0 href "javascript:x" %%{{init}}%%'
    site.doc("specs/001-x.md", spec("001-x", title="Target"))
    site.doc(
        "design/pay-1.md",
        f"---\ntitle: {json.dumps(hostile)}\nrelated: 001-x\n---\n# PAY-1 - Feature Design\n",
    )
    assert cli("index", "--out", "md").exit_code == 0
    relations = (site.root / "md/relations.md").read_text(encoding="utf-8")
    graph = fence(relations)
    assert relations.count("```") == 2
    node = re.compile(r'  n\d+\["[\w .,:/()+\-]+"\]:::\w+')
    assert [line for line in graph if node.fullmatch(line)] == graph[1:3], graph
    assert not any("click" in line or "javascript" in line for line in graph)


def test_the_written_pages_build_with_mkdocs_alone(linked_site, cli, logs):
    """The Zensical recipe with MkDocs standing in for it: the pages written into docs_dir,
    then a strict build that runs no specs plugin: the tables, bars, graph and every link."""
    linked_site.doc("specs/004-hostile.md", spec("004-hostile", title=HOSTILE, owner=HOSTILE))
    linked_site.config(markdown_extensions=["tables", MERMAID_FENCE])
    linked_site.plugin(group_pages={"owner": "one"})
    result = cli("index", "--out", "docs/portal", "--allow-docs-dir")
    assert result.exit_code == 0, result.output
    linked_site.config(plugins=["search"])
    built = linked_site.build(strict=True)

    home = built.page("portal/index.html").find(role="main")
    tables = home.find_all("table")
    assert len(tables) == 3 + 1  # status, owner, type; every document
    rows = tables[-1].find("tbody").find_all("tr")
    assert len(rows) == 5
    assert all(len(row.find_all("td")) == 7 for row in rows)
    progress = sorted(row.find_all("td")[-1].text for row in rows)
    assert progress == [
        "no checklist",  # the design
        "█████░░░░░ 1/2 (50%)",
        "█████░░░░░ 1/2 (50%)",
        "█████░░░░░ 1/2 (50%)",
        "█████░░░░░ 1/2 (50%)",
    ]
    assert HOSTILE in {a.text for a in home.find_all("a")}
    assert not home.find_all("script")
    relations = built.page("portal/relations/index.html")
    assert relations.find("pre", class_="mermaid").raw_text.startswith("flowchart LR\n")
    # The owners' page: a section per owner, a list item per document.
    owners = built.page("portal/owner/index.html").find(role="main")
    items = [len(ul.find_all("li")) for ul in owners.find_all("ul")]
    assert sorted(items) == [1, 1, 2, 2], items  # carol, the hostile owner; alice, bob
    # Every link leads to a page of the built site.
    links = 0
    for page in ("portal/index.html", "portal/relations/index.html", "portal/owner/index.html"):
        for a in built.page(page).find(role="main").find_all("a"):
            href = a.attrs.get("href", "")
            if not href or href.startswith(("#", "http")) or "/portal/" not in "/" + page:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            target = target.split("#")[0]
            assert (built.site_dir / target / "index.html").is_file() or (
                built.site_dir / target
            ).is_file(), (page, href)
            links += 1
    assert links > 40


RECIPE = (ROOT / "docs" / "recipes" / "without-plugins.md").read_text(encoding="utf-8")


def recipe_block(first_line: str) -> Any:
    """The YAML of the recipe's block that starts with ``first_line``."""
    return yaml.safe_load(RECIPE.split(f"{first_line}\n", 1)[1].split("```", 1)[0])


def test_the_recipes_hook_and_ci_step_write_the_pages_before_the_engine_builds(
    portfolio, cli, logs
):
    [hook] = recipe_block("# .pre-commit-config.yaml")["repos"][0]["hooks"]
    steps = [
        s["run"]
        for s in recipe_block("# .github/workflows/docs.yml")["jobs"]["docs"]["steps"]
        if "run" in s
    ]
    build = next(step for step in steps if step.startswith("zensical build"))
    assert steps.index("mkdocs-specs assets") < steps.index(hook["entry"]) < steps.index(build)
    # The page's first block: the same commands, in the same order.
    assert f"mkdocs-specs assets\n{hook['entry']}\nzensical build --clean\n" in RECIPE
    assert hook["pass_filenames"] is False
    for changed in ("docs/specs/001-checkout.md", "mkdocs.yml", "docs/notes.markdown"):
        assert re.search(hook["files"], changed), changed
    program, *args = shlex.split(hook["entry"])
    assert program == "mkdocs-specs"
    for _ in range(2):  # a commit, and the next: the hook rewrites its own pages
        result = cli(*args)
        assert result.exit_code == 0, result.output
    assert (portfolio.docs / "specs-index" / "owner" / "carol.md").is_file()
    # What the engine then builds, with MkDocs and no plugin standing in for it.
    portfolio.config(plugins=["search"])
    built = portfolio.build(strict=True)
    home = built.page("specs-index/index.html").find(role="main")
    assert "[Refunds]" not in home.text
    assert home.find("a", href="../specs/002-refunds/").text == "Refunds"
    owner = built.page("specs-index/owner/bob/index.html").find(role="main")
    assert owner.find("h1").text.startswith("Owner: bob")
