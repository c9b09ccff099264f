"""Bad input and odd settings give findings or clean configuration errors, never a traceback,
and never a page that shows what it should not."""

from __future__ import annotations

import json
import os
import time

import pytest

from mkdocs_specs.check.fields import MAX_OWNERS
from mkdocs_specs.model import Finding, SettingsError
from mkdocs_specs.settings.settings import build_settings

from .docs import design, spec


def merge_bomb(levels: int) -> str:
    lines = ["l0: &l0 {a: 1}"]
    lines += [f"l{n}: &l{n} {{<<: [*l{n - 1}, *l{n - 1}]}}" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_status_of_the_wrong_kind_with_material_status_icons(site, logs):
    site.config(extra={"status": {"Draft": "Still a draft"}})
    site.doc("design/pay-1.md", design("PAY-1", status="[1, 2]"))
    site.doc("design/pay-2.md", design("PAY-2", status="Draft"))
    built = site.build()
    logs.expect("design/pay-1.md:2", "[invalid-field]")
    assert (built.site_dir / "design/pay-1/index.html").is_file()


def test_a_document_cannot_forge_the_section_marker(site, logs):
    site.doc("specs/001-a.md", spec("001-a", extra="\n<!-- mkdocs-specs:section:99 -->\n"))
    built = site.build(strict=True)
    html = built.html("specs/001-a/index.html")
    assert "<!-- mkdocs-specs:section:99 -->" in html  # left as the author wrote it
    assert html.count('class="specs-section-progress"') == 1


def test_section_bars_go_under_the_heading_the_scan_found(site):
    site.doc(
        "notes/a.md",
        """\
        ---
        type: feature-spec
        ---
        # Feature Specification: A

        ```markdown
        ## Tasks
        - [ ] in a code sample
        ```

        <!--
        ## Tasks
        - [ ] hidden example
        -->

        ## Notes

        ### Tasks

        Nothing yet.

        ## Later

        ### Tasks

        - [x] real one
        - [ ] real two
        """,
    )
    site.plugin(severity={"missing-field": "ignore", "missing-section": "ignore"})
    built = site.build(strict=True)
    html = built.html("notes/a/index.html")
    assert "mkdocs-specs:" not in html
    assert "hidden example" not in html.replace("&lt;", "<").split("<!--", 1)[0]
    later = html.index('id="later"')
    bar = html.index('class="specs-section-progress"')
    assert bar > later and html.count('class="specs-section-progress"') == 1
    assert "- [ ] in a code sample" in html or "[ ] in a code sample" in html


def test_front_matter_mkdocs_cannot_read_is_not_shown_as_text(site, logs):
    site.doc(
        "design/a.md",
        "---\nstatus: Draft\nowners: [bob]\ncreated: 2023-14-05\n---\n"
        "# A1 - Feature Design\n\n## Overview\n\nText.\n",
    )
    site.plugin(severity={"missing-section": "ignore"})
    built = site.build()
    logs.expect("design/a.md:4", "'created' is '2023-14-05'")
    page = built.content("design/a/index.html")
    html = built.html("design/a/index.html")
    assert "owners: [bob]" not in html and "created: 2023-14-05" not in html
    assert page.find(class_="specs-badge").text == "Draft"


@pytest.mark.parametrize("where", ["front matter", "sidecar"])
@pytest.mark.parametrize("bomb", ["merge", "nesting"])
def test_yaml_bombs_are_refused_before_they_are_built(site, logs, where, bomb):
    text = merge_bomb(40) if bomb == "merge" else "x: " + "[" * 60_000 + "]" * 60_000 + "\n"
    if where == "front matter":
        site.doc("design/a.md", f"---\n{text}---\n# A1 - Feature Design\n")
    else:
        site.doc("design/a.md", "# A1 - Feature Design\n")
        site.doc("design/metadata.yaml", text)
    built = site.build()
    found = logs.expect("[front-matter]" if where == "front matter" else "[sidecar]")
    assert any("10,000 values" in f or "deeper than 100" in f for f in found)
    logs.expect_findings()
    assert (built.site_dir / "design/a/index.html").is_file()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sidecars": ["{foo}.yaml"]}, "sidecars: '{foo}.yaml' may name only {stem}"),
        ({"sidecars": ["../{stem}.yaml"]}, "sidecars: '../{stem}.yaml' must name a file"),
        ({"types": {"adr": {"paths": ["adr/[z-a].md"]}}}, "types.adr.paths: invalid pattern"),
        ({"types": {"adr": {"exclude": ["adr/[z-a].md"]}}}, "types.adr.exclude: invalid pattern"),
        ({"types": {"adr": {"id_pattern": "(x"}}}, "types.adr.id_pattern: invalid regular"),
        ({"max_file_size": True}, "max_file_size"),
    ],
)
def test_settings_that_cannot_work_are_refused_by_name(options, message):
    with pytest.raises(SettingsError, match=message.replace("{", r"\{").replace("[", r"\[")):
        build_settings(**options)


def adr_type(site, **options):
    """Only one type: decision records under `adr/`, with ``options``."""
    site.plugin(presets=[], types={"adr": {"paths": ["adr/*.md"], **options}})


def test_a_schema_with_local_references_works_and_a_remote_one_is_a_clean_error(site, logs):
    site.doc("adr/a.md", "---\nconsulted: [ann]\n---\n# A\n\nText.\n")
    names = {"type": "array", "items": {"type": "string"}}
    adr_type(
        site,
        schema={"$defs": {"names": names}, "properties": {"consulted": {"$ref": "#/$defs/names"}}},
    )
    site.build(strict=True)
    remote = "https://example.invalid/names.json"
    adr_type(site, schema={"properties": {"consulted": {"$ref": remote}}})
    result = site.run("build")
    assert result.returncode != 0
    assert "types.adr.schema: cannot resolve the reference" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_extract_pattern_whose_group_did_not_take_part(site):
    site.doc("adr/a.md", "# A\n\nSee y here.\n")
    adr_type(site, extract={"foo": "(x)|y"})
    site.build(strict=True)


def test_owners_are_counted_once_per_document(site):
    site.doc("design/a.md", design("A-1", owners="[alice, '@alice', alice, bob]"))
    built = site.build(strict=True)
    card = built.content("design/a/index.html")
    assert [a.text for a in card.find_all("a", class_="specs-owner")] == ["alice", "bob"]
    home = built.content("specs-index/index.html")
    assert "1" in [
        li.find(class_="specs-count").text
        for li in home.find_all("li")
        if li.find("a").text == "alice"
    ]


@pytest.mark.parametrize("owners", ['"@"', '[""]', '", "', "[null]"])
def test_owners_that_name_nobody_are_missing(site, logs, owners):
    site.doc("design/a.md", design("A-1", owners=owners))
    site.build()
    logs.expect("design/a.md", "missing required field 'owners'")


def test_a_docs_page_built_where_a_generated_page_belongs_is_kept(site, logs):
    site.doc("specs-index.md", "# My portal\n")
    site.doc("design/a.md", design("A-1"))
    built = site.build()
    logs.expect("specs-index.md: this file is built to specs-index/index.html")
    assert "My portal" in built.html("specs-index/index.html")
    assert (built.site_dir / "specs-index/owner/bob/index.html").is_file()


@pytest.mark.parametrize("title", ["null", "2024", "[a, b]"])
def test_odd_front_matter_titles(site, logs, title):
    site.doc("design/a.md", design("A-1").replace("---\nstatus", f"---\ntitle: {title}\nstatus"))
    built = site.build()
    logs.expect_findings()
    page_title = built.page("design/a/index.html").find("title").text
    assert not page_title.startswith("None")


def test_an_index_dir_with_dots_in_a_name_is_fine(site):
    site.doc("design/a.md", design("A-1"))
    site.plugin(index_dir="v1..2/specs")
    built = site.build(strict=True)
    assert (built.site_dir / "v1..2/specs/index.html").is_file()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_document_that_is_a_broken_link(site, logs):
    site.doc("design/ok.md", design("A-1"))
    (site.docs / "design").mkdir(exist_ok=True)
    os.symlink(site.docs / "nowhere.md", site.docs / "design" / "gone.md")
    try:
        built = site.build()
    except Exception as error:  # MkDocs itself may refuse a file it cannot read
        pytest.fail(f"the build stopped: {error!r}")
    logs.expect("design/gone.md", "[unreadable]")
    logs.expect_findings()
    assert (built.site_dir / "design/ok/index.html").is_file()


def test_a_type_line_is_found_in_any_case_and_through_aliases(site):
    site.doc(
        "notes/a.md", design("A-1").replace("---\nstatus", "---\nType: feature-design\nstatus")
    )
    site.doc(
        "notes/b.md", design("B-1").replace("---\nstatus", "---\nDoc Type: Feature design\nstatus")
    )
    built = site.build(strict=True)
    assert "specs-card" in built.html("notes/a/index.html")
    assert "specs-card" in built.html("notes/b/index.html")


def test_control_characters_never_reach_the_log_as_such():
    finding = Finding("a.md", 3, "duplicate-id", "ID '\x1b[31mred\n::error::x' is taken")
    assert str(finding) == "a.md:3: ID '\\x1b[31mred\\x0a::error::x' is taken [duplicate-id]"


def test_line_separators_and_direction_overrides_are_written_out():
    """U+2028 and U+2029 end a line for readers that split the Unicode way, and the bidi
    overrides (U+202E, ...) make a terminal show text in another order than it is."""
    finding = Finding(
        "a.md", 3, "duplicate-id", "ID 'x\u2028a.md:1: y\u2029z\u202e\u2066' is taken"
    )
    assert str(finding) == (
        "a.md:3: ID 'x\\u2028a.md:1: y\\u2029z\\u202e\\u2066' is taken [duplicate-id]"
    )


def test_a_file_over_max_file_size_is_not_read_nor_rendered(site, logs):
    site.doc("design/ok.md", design("A-1"))
    site.doc("design/huge.md", b"# Huge\n\n" + b"- [ ] item with some words\n" * 400_000)
    site.plugin(export="specs.json")
    built = site.build()
    found = logs.expect("design/huge.md: the file is 10,800,008 bytes; expected at most 2,097,152")
    assert "[unreadable]" in found[0]
    logs.expect_findings()
    page = built.page("design/huge/index.html")
    assert "10,800,008 bytes, more than the 2,097,152 of the max_file_size setting" in page.text
    assert "item with some words" not in built.html("design/huge/index.html")
    record = json.loads(built.html("specs.json"))["documents"][0]
    assert record["path"] == "design/huge.md" and not record["readable"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_the_page_of_a_file_that_cannot_be_read_escapes_its_name(site, logs):
    name = "<img src=x onerror=alert(1)>"
    os.makedirs(site.docs / "design")
    os.symlink(site.docs / "nowhere.md", site.docs / "design" / f"{name}.md")
    built = site.build()
    logs.expect_findings()
    page = built.page(f"design/{name}/index.html")
    assert not page.find_all("img") and name in page.find("h1").text


def test_a_document_names_at_most_max_owners(site, logs):
    names = [f"o{i}" for i in range(2000)]
    site.doc("design/a.md", design("A-1", owners=json.dumps(names)))
    built = site.build()
    logs.expect("design/a.md:3: field 'owners' names 2000; expected at most 20 [invalid-field]")
    owner_pages = sorted(p.name for p in built.site_dir.glob("specs-index/owner/*/"))
    assert owner_pages == sorted(names[:MAX_OWNERS])


def test_a_sidecar_over_max_file_size_is_not_read(site, logs):
    site.doc("design/a.md", design("A-1"))
    site.doc("design/metadata.yaml", b"priority: high\nnote: '" + b"x" * 3_000_000 + b"'\n")
    site.plugin(export="specs.json")
    built = site.build()
    found = logs.expect(
        "design/metadata.yaml: the file is 3,000,024 bytes; expected at most 2,097,152"
    )
    assert "[sidecar]" in found[0]
    record = json.loads(built.html("specs.json"))["documents"][0]
    assert record["status"] == "Draft" and "priority" not in record["fields"]


# Long runs of white space where a pattern that starts with `\s*` or ends with `.*?\s*` would be
# tried at every position of the run: time that grows with the square of the run.
RUN = " " * 300_000


def test_long_white_space_in_owners_and_query_values_costs_no_more_than_its_size(site, logs):
    site.doc("design/a.md", design("A-1", owners=json.dumps(f"alice{RUN}bob <b@x.org>{RUN}!")))
    site.doc("design/b.md", design("B-1").replace("---\n", f"---\nrelated: 'A-1{RUN}x'\n", 1))
    site.doc("report.md", f"# Report\n\n```specs\nwhere:\n  title: '>= a{RUN}b'\n```\n")
    started = time.monotonic()
    built = site.build()
    assert time.monotonic() - started < 20
    logs.expect_findings()
    assert "specs-query" in built.html("report/index.html")


@pytest.mark.parametrize(
    "status", [f"Draft{RUN}x", "[x](" * 75_000, "Draft " + "a " * 150_000, f"Draft{RUN}."]
)
def test_a_long_status_costs_no_more_than_its_size(site, logs, status):
    site.doc("design/a.md", design("A-1", status=json.dumps(status)))
    started = time.monotonic()
    site.build()
    assert time.monotonic() - started < 20
    logs.expect("design/a.md:2: field 'status' is ")


def with_front_matter(text: str, lines: str) -> str:
    """A design document with more front matter lines."""
    return text.replace("---\n", f"---\n{lines}\n", 1)


@pytest.mark.parametrize("value", ["[a]", "{a: 1}", "5", "true"])
def test_a_template_mkdocs_cannot_use_is_a_finding_and_the_site_builds(site, cli, logs, value):
    """MkDocs picks a page's template by the name in `template`: anything but text stopped
    the whole build (`unhashable type`), with no specs.json and nothing from check."""
    site.doc("design/a.md", with_front_matter(design("A-1"), f"template: {value}"))
    site.doc("design/b.md", design("B-1"))
    built = site.build()
    [message] = logs.expect("design/a.md:2", "field 'template'", "[invalid-field]")
    assert "expected text" in message
    assert "specs-card" in built.html("design/a/index.html")
    assert len(json.loads(built.html("specs.json"))["documents"]) == 2
    result = cli("check")
    assert "docs/design/a.md:2: error: field 'template'" in result.stdout


def test_a_template_the_theme_does_not_have_is_a_finding_and_the_site_builds(site, cli, logs):
    site.doc("design/a.md", with_front_matter(design("A-1"), "template: rfc"))
    site.doc("design/b.md", with_front_matter(design("B-1"), "template: main.html"))
    built = site.build()
    [message] = logs.expect("design/a.md:2", "'rfc'", "[invalid-field]")
    assert "not a template of the theme" in message
    assert "specs-card" in built.html("design/a/index.html")
    assert "specs-card" in built.html("design/b/index.html")
    result = cli("check")
    assert "docs/design/a.md:2: error: field 'template' names 'rfc'" in result.stdout
    assert "design/b.md" not in result.stdout


@pytest.mark.parametrize(("field", "value"), [("hide", "5"), ("search", "5"), ("hide", "[[a]]")])
def test_a_material_field_material_cannot_use_is_a_finding(site, cli, logs, field, value):
    site.config(theme={"name": "material"})
    site.doc("design/a.md", with_front_matter(design("A-1"), f"{field}: {value}"))
    built = site.build()
    logs.expect("design/a.md:2", f"field '{field}", "[invalid-field]")
    assert "specs-card" in built.html("design/a/index.html")


@pytest.mark.parametrize(
    "body",
    [
        "Before <![-- x --> after.",
        "`<![-- x -->` in code",
        "    <![-- x -->",
        "- item <![foo",
    ],
    ids=["paragraph", "inline-code", "indented-code", "list-item"],
)
def test_a_marked_section_the_html_parser_refuses_does_not_stop_the_build(site, cli, logs, body):
    """Python's HTML parser, which MkDocs runs over every page, raises on `<![` that opens no
    CDATA section (before Python 3.13): one document stopped the whole site."""
    site.doc("design/a.md", design("A-1").replace("How the feature is built.", body))
    site.doc("design/b.md", design("B-1"))
    built = site.build()
    logs.expect("design/a.md:10", "[unsafe-html]")
    assert "specs-card" in built.html("design/a/index.html")
    html = built.html("design/a/index.html")
    # Outside code it reads as written; in code the reference shows (the finding says so).
    assert ("&amp;lt;![" if "code" in body or body.startswith("    ") else "&lt;![") in html
    result = cli("check")
    assert "docs/design/a.md:10: warning:" in result.stdout and "[unsafe-html]" in result.stdout


def test_cdata_and_marked_sections_in_code_blocks_are_fine(site, logs):
    body = "<![CDATA[ x ]]>\n\n```html\n<![-- x -->\n```"
    site.doc("design/a.md", design("A-1").replace("How the feature is built.", body))
    site.build(strict=True)


def test_an_empty_template_is_no_value_and_the_site_builds(site, logs):
    site.doc("design/a.md", with_front_matter(design("A-1"), "template:"))
    built = site.build(strict=True)
    assert "specs-card" in built.html("design/a/index.html")
