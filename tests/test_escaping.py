"""Hostile values in every field the plugin shows, read back from every page it generates.

Each payload goes into the title, ID, status, owners, type, dates, a custom field's value and
name, relation targets (IDs and Markdown links) and query parameters of a document or a query
block. The site is built with real MkDocs (the `mkdocs` theme and Material), and `mkdocs-specs
index` writes the Markdown pages, which Python-Markdown renders. On every page no payload is
markup, no Jinja expression ran, every URL is http(s) or relative, the Mermaid source is only
nodes, links and edges, and specs.json keeps each value exactly.
"""

from __future__ import annotations

import json
import re

import markdown
import pytest
import yaml
from pymdownx.superfences import fence_code_format

from mkdocs_specs.settings.aliases import normalize_key

from .docs import design
from .html import Node, parse

PAYLOADS = [
    "<script>pwn()</script>",
    '"><img src=x onerror=pwn()>',
    "'><svg onload=pwn()>",
    "</code></td></tr></table><b pwn=1>",
    "javascript:pwn()",
    " JaVaScRiPt:pwn()",
    "java\tscript:pwn()",
    "data:text/html,<script>pwn()</script>",
    "vbscript:pwn()",
    "[click](javascript:pwn())",
    "a | b | c",
    "](javascript:pwn())",
    "[x]: javascript:pwn()",
    "{{ 97531*3 }}",
    "{% for x in range(3) %}pwn{% endfor %}",
    "<!-- pwn",
    "--><b pwn=1>",
    '"]\n  click n0 href "javascript:pwn()"\n  x["',
    'x"]:::done\n  n0 --> n1\n  click n1 call pwn()\n  y["',
    "{: onclick=pwn() }",
    "&lt;script&gt;pwn()&lt;/script&gt;",
    "<iframe src=javascript:pwn()></iframe>",
    "<a href='javascript:pwn()' pwn>x</a>",
    "*[x]: pwn <b pwn=1>",
]
JINJA_RESULTS = ("292593", "pwnpwnpwn")
"""What the Jinja payloads would print if a template ran them."""
FILE_NAME_PAYLOAD = '"><svg onload=pwn()> & <b pwn=1>'
"""A file name: every character but ``/`` is allowed on Linux."""

FIELDS = [
    "title",
    "id",
    "status",
    "owners",
    "type",
    "created",
    "updated",
    "custom field value",
    "custom field name",
    "relation target (ID)",
    "relation target (Markdown link text and URL)",
    "related",
    "query where value",
    "query where field",
    "query sort",
    "query columns",
    "query show",
]
"""Where each payload goes; the README's figures count ``len(PAYLOADS) * len(FIELDS)``."""

URL_ATTRIBUTES = ("href", "src", "xlink:href", "action", "formaction", "data", "poster")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20]+")


def hostile_document(index: int, payload: str) -> str:
    fields = {
        "title": payload,
        "id": payload,
        "status": payload,
        "owners": [payload, "alice"],
        "type": payload,
        "created": payload,
        "updated": payload,
        "priority": payload,
        f"{payload} key": f"value {index}",
        "depends_on": [payload, f"[{payload}]({payload})", "BASE-1"],
        "related": payload,
    }
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n# Hostile {index}\n\n## Overview\n\n- [ ] open\n- [x] done\n"


def query_page() -> str:
    keys = [normalize_key(f"{p} key", {}) for p in PAYLOADS]
    every = ["title", "id", "status", "owners", "type", "created", "updated", "path"]
    blocks = [
        {"columns": [*every, "priority", "depends_on", "related", *keys]},
        {"show": "list"},
        {"show": "chart"},
    ]
    for payload in PAYLOADS:
        blocks += [
            {"where": {"status": payload}, "show": "table"},
            {"where": {"priority": payload}, "show": "list", "columns": ["title", "priority"]},
            {"where": {payload: "x"}},
            {"sort": payload},
            {"columns": [f"{payload}!"]},
            {"show": payload},
        ]
    body = "".join(f"```specs\n{yaml.safe_dump(b, allow_unicode=True)}```\n\n" for b in blocks)
    return "# Queries\n\n" + body


@pytest.fixture
def hostile_site(site):
    site.doc("index.md", "# Home\n")
    site.doc("design/base.md", design("BASE-1"))
    for index, payload in enumerate(PAYLOADS):
        site.doc(f"design/h{index}.md", hostile_document(index, payload))
    site.doc(f"design/{FILE_NAME_PAYLOAD}.md", design("NAMED-1"))
    site.doc("queries.md", query_page())
    site.plugin(export="specs.json", show_findings="always", mermaid="always")
    return site


def urls_in(node: Node) -> list[str]:
    return [
        value
        for element in node.iter()
        for name, value in element.attrs.items()
        if name in URL_ATTRIBUTES
    ]


def assert_safe_url(url: str, where: str) -> None:
    """As a browser reads it: spaces and control characters inside a scheme are dropped."""
    scheme = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    assert scheme is None or scheme.group(1) in ("http", "https"), f"{where}: URL {url!r}"


def assert_no_markup(html: str, where: str) -> None:
    """No payload became an element, an attribute, an event handler or a URL."""
    page = parse(html)
    for element in page.iter():
        assert "pwn" not in element.tag, f"{where}: <{element.tag}> from a payload"
        for name, value in element.attrs.items():
            assert "pwn" not in name and not name.startswith("on"), f"{where}: {name}={value!r}"
        if element.tag in ("script", "style", "iframe", "object", "embed"):
            assert "pwn" not in element.raw_text + str(element.attrs), f"{where}: {element}"
    for url in urls_in(page):
        assert_safe_url(url, where)
    for result in JINJA_RESULTS:
        assert result not in html, f"{where}: a Jinja payload ran"


MERMAID_LINE = re.compile(
    r'flowchart LR|n\d+\["[^"\n]*"\]:::\w+|click n\d+ href "([^"\n]*)"'
    r'|n\d+ -->\|"[^"\n]*"\| n\d+|classDef \w+ [\w:#,]+'
)


MERMAID = {"name": "mermaid", "class": "mermaid", "format": fence_code_format}


def assert_mermaid_is_only_a_graph(page: Node, where: str) -> int:
    """Every line of the Mermaid source is a node, a link to a page, an edge or a style."""
    graphs = page.find_all("pre", class_="mermaid")
    for graph in graphs:
        lines = [line.strip() for line in graph.raw_text.splitlines() if line.strip()]
        nodes = 0
        for line in lines:
            match = MERMAID_LINE.fullmatch(line)
            assert match, f"{where}: Mermaid line {line!r}"
            if match.group(1) is not None:
                assert_safe_url(match.group(1), where)
                assert ":" not in match.group(1), f"{where}: {line!r}"
            nodes += line.endswith(("]:::done", "]:::active", "]:::draft", "]:::stopped"))
            nodes += line.endswith("]:::neutral")
        return nodes
    return 0


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_no_payload_survives_as_markup_on_any_page(hostile_site, cli, logs, theme):
    hostile_site.config(theme={"name": theme})
    built = hostile_site.build()
    logs.expect_findings()
    pages = built.pages()
    assert len(pages) > 3 * len(PAYLOADS)  # documents, groups, the queries, the home
    for path in pages:
        assert_no_markup(path.read_text(encoding="utf-8"), str(path.relative_to(built.site_dir)))

    # Every payload reached the pages as text: in the cards, the group pages, the queries.
    home = built.content("specs-index/index.html").text
    queries = built.page("queries/index.html").text
    for payload in PAYLOADS:
        shown = " ".join(payload.split())
        assert shown in home or shown[:20] in home, payload
        assert shown[:20] in queries, payload

    relations = built.page("specs-index/relations/index.html")
    assert assert_mermaid_is_only_a_graph(relations, "relations") >= len(PAYLOADS)

    data_text = built.html("specs.json")
    assert "<" not in data_text
    exported = {d["path"]: d for d in json.loads(data_text)["documents"]}
    for index, payload in enumerate(PAYLOADS):
        record = exported[f"design/h{index}.md"]
        assert record["fields"]["priority"] == payload
        assert record["title"] == payload.strip() and record["owners"] == [payload.strip(), "alice"]
    assert exported[f"design/{FILE_NAME_PAYLOAD}.md"]["id"] == "NAMED-1"

    # The same pages as plain Markdown, rendered by another engine.
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    markdown_pages = sorted((hostile_site.root / "md").rglob("*.md"))
    assert len(markdown_pages) > 2 * len(PAYLOADS)
    for path in markdown_pages:
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]*)", text):
            assert_safe_url(target, f"{path.name} link")
        html = rendered(text)
        assert_no_markup(html, str(path))
        assert_tables_are_whole(parse(html), str(path))
    # Its graph: a Mermaid fence, each line a node, an edge or a style, as the plugin's.
    graph = markdown.markdown(
        (hostile_site.root / "md" / "relations.md").read_text(encoding="utf-8"),
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [MERMAID]}},
    )
    assert assert_mermaid_is_only_a_graph(parse(graph), "relations.md") >= len(PAYLOADS)
    code = parse(graph).find("pre", class_="mermaid").raw_text
    assert not [line for line in code.splitlines() if line.strip().startswith("click")]


def rendered(text: str) -> str:
    """Markdown as Python-Markdown with the extensions sites use renders it."""
    return markdown.markdown(
        text,
        extensions=[
            "tables",
            "attr_list",
            "md_in_html",
            "abbr",
            "footnotes",
            "pymdownx.tilde",
            "pymdownx.caret",
            "pymdownx.mark",
        ],
    )


def assert_tables_are_whole(page: Node, where: str) -> None:
    """No value split a table's row into more cells (a `|` read as a cell's end)."""
    for table in page.find_all("table"):
        widths = {
            len([c for c in row.children if isinstance(c, Node)]) for row in table.find_all("tr")
        }
        assert len(widths) == 1, f"{where}: rows of {widths} cells"
        for cell in table.find_all("td"):
            assert "pwn" not in str(cell.attrs)


def test_the_hostile_file_name_is_a_page_of_its_own(hostile_site, logs):
    built = hostile_site.build()
    logs.expect_findings()
    page = built.site_dir / "design" / FILE_NAME_PAYLOAD / "index.html"
    assert page.is_file() and page.resolve().is_relative_to(built.site_dir.resolve())
    assert built.content(f"design/{FILE_NAME_PAYLOAD}/index.html").find("code").text == "NAMED-1"


def preset_site(site):
    """The payloads where the format presets find values: a KEP's sidecar and folder (its
    owning group), a spec-kit folder and member file's name, a status's qualifier (the
    `status_note` field), an RFC's front matter and a Kiro spec's folder (its title)."""
    site.doc("index.md", "# Home\n")
    body = "\n\n## Summary\n\nx\n\n## Motivation\n\nx\n\n## Proposal\n\nx\n"
    for index, payload in enumerate(PAYLOADS):
        name = payload.replace("/", "_")  # a path's one forbidden character
        kep = {
            "title": payload,
            "kep-number": 100 + index,
            "authors": [payload],
            "owning-sig": payload,
            "status": f"implementable ({payload})",
            "milestone": {"alpha": payload},
        }
        site.doc(f"keps/{name}/{100 + index}-x/kep.yaml", yaml.safe_dump(kep))
        site.doc(f"keps/{name}/{100 + index}-x/README.md", f"# KEP-{100 + index}: Plain{body}")
        feature = f"specs/{200 + index}-{name}"
        site.doc(
            f"{feature}/spec.md",
            "# Feature Specification: Plain\n\n## User Scenarios & Testing\n\n- [ ] a\n\n"
            "## Requirements\n\n- [x] b\n",
        )
        site.doc(f"{feature}/checklists/{name}.md", "# Member\n\n- [ ] c\n")
        front = yaml.safe_dump({"status": f"Accepted; {payload}", "title": payload})
        site.doc(f"rfcs/{300 + index}-{name}.md", f"---\n{front}---\n# Plain{body}")
        site.doc(
            f".kiro/specs/{name}/requirements.md", "# R\n\n## Introduction\n\n## Requirements\n"
        )
    columns = ["title", "status", "status_note", "owning_group", "milestones", "owners", "path"]
    site.doc("queries.md", f"# Queries\n\n```specs\ncolumns: {columns}\n```\n")
    # MkDocs' own titles of folders in the nav are not the plugin's to escape.
    site.config(nav=["index.md", "queries.md"])
    site.plugin(
        presets=["kep", "spec-kit", "rfc", "kiro"],
        show_findings="always",
        mermaid="always",
        export="specs.json",
    )
    return site


def test_no_payload_from_a_preset_field_or_file_name_survives_as_markup(site, cli, logs):
    built = preset_site(site).build()
    logs.expect_findings()
    for path in built.pages():
        assert_no_markup(path.read_text(encoding="utf-8"), str(path.relative_to(built.site_dir)))

    # The payloads reached the pages as text.
    home = built.content("specs-index/index.html").text
    queries = built.page("queries/index.html").find(class_="specs-query").text
    for index, payload in enumerate(PAYLOADS):
        shown = " ".join(payload.split())[:20]
        assert shown in home and shown in queries, payload
        name = payload.replace("/", "_")
        card = built.content(f"specs/{200 + index}-{name}/spec/index.html")
        assert f"{' '.join(name.split())}.md" in card.find(class_="specs-files").text
    groups = built.site_dir / "specs-index" / "owning_group"
    assert len(list(groups.iterdir())) == len(PAYLOADS)

    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    for path in sorted((site.root / "md").rglob("*.md")):
        html = rendered(path.read_text(encoding="utf-8"))
        assert_no_markup(html, str(path))
        assert_tables_are_whole(parse(html), str(path))
