"""`mkdocs-specs index`: the generated pages as plain Markdown, linked, escaped, and never
written over a file the command did not write."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest

from mkdocs_specs.read.statuses import read_status
from mkdocs_specs.render.markdown import GENERATED_MARK, markdown_text

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
