"""`llms_txt`: the site's `llms.txt` lists every document by type and status, linked to a copy
of its Markdown beside its page; read back from real builds."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import quote, unquote

import markdown
import pytest

from .docs import design, spec
from .html import parse
from .test_escaping import FILE_NAME_PAYLOAD, PAYLOADS, assert_no_markup, hostile_document
from .test_format_presets import with_fixtures

ENTRY = re.compile(r"- \[(?P<title>[^\]\n]+)\]\((?P<url>[^)\s]+)\)(?:: (?P<notes>[^\n]*))?")
"""A line of a list, as the parsers of llms.txt read it: the link text ends at the first `]`,
the URL at the first `)`."""


def sections(text: str) -> dict[str, list[dict[str, str]]]:
    """H2 → its entries; every line after the first H2 is a heading, an entry or blank."""
    _, *rest = re.split(r"^## ", text, flags=re.M)
    found: dict[str, list[dict[str, str]]] = {}
    for part in rest:
        heading, _, body = part.partition("\n")
        assert heading not in found, heading
        lines = [line for line in body.splitlines() if line]
        matches = [ENTRY.fullmatch(line) for line in lines]
        assert all(matches), [line for line, m in zip(lines, matches, strict=True) if not m]
        found[heading] = [m.groupdict() for m in matches if m]
    return found


def target(site_dir: Path, url: str) -> Path:
    """The file of the site a relative URL of llms.txt names."""
    assert not url.startswith(("/", "http:", "https:")) and ".." not in url.split("/"), url
    return site_dir / unquote(url)


def test_nothing_is_written_by_default(site):
    site.doc("design/a.md", design("A-1"))
    built = site.build(strict=True)
    assert not (built.site_dir / "llms.txt").exists()
    assert not list(built.site_dir.rglob("*.md"))


def test_lists_every_document_by_type_then_status_linked_to_its_markdown(site, logs):
    site.config(site_name="Acme", site_description="Specs of Acme.")
    site.doc("index.md", "# Home\n")
    site.doc("design/b.md", design("B-2", status="Approved", owners="[carol, dan]"))
    site.doc("design/a.md", design("A-1"))
    site.doc("design/c.md", design("C-3", status="Approved"))
    site.doc("specs/checkout.md", spec("CHK-1", status="In Progress"))
    broken = design("X-9", status="Nonsense").replace("## Overview", "## Elsewhere")
    site.doc("design/x.md", broken)
    site.plugin(llms_txt=True, export="specs.json")
    built = site.build()
    logs.expect_findings()
    text = built.html("llms.txt")
    head = text.split("\n## ", 1)[0]
    assert head.startswith("# Acme\n\n> Specs of Acme.\n\n5 documents, 1 invalid. ")
    assert "[specs.json](specs.json)" in head and (built.site_dir / "specs.json").is_file()
    found = sections(text)
    # Types in the order of the presets, statuses in the order of the types' statuses.
    assert list(found) == [
        "Feature design: Draft",
        "Feature design: Approved",
        "Feature design: Nonsense",
        "Feature specification: In Progress",
    ]
    titles = {heading: [e["title"] for e in entries] for heading, entries in found.items()}
    assert titles["Feature design: Approved"] == [
        "B-2 - Feature Design",
        "C-3 - Feature Design",
    ]
    b2 = found["Feature design: Approved"][0]
    assert b2["notes"] == "ID: B-2; Status: Approved; Owners: carol, dan"
    invalid = found["Feature design: Nonsense"][0]
    assert invalid["notes"] == "ID: X-9; Status: Nonsense; Owners: bob; invalid (2 errors)"
    checkout = found["Feature specification: In Progress"][0]
    assert checkout["notes"] == "ID: CHK-1; Status: In Progress; Owners: alice"
    # Each link is the document's Markdown as written, front matter included, beside its page.
    for path, url in [
        ("design/b.md", b2["url"]),
        ("design/x.md", invalid["url"]),
        ("specs/checkout.md", checkout["url"]),
    ]:
        assert url == path[:-3] + "/index.md"
        assert target(built.site_dir, url).read_bytes() == (site.docs / path).read_bytes()
        assert (target(built.site_dir, url).parent / "index.html").is_file()
    assert not (built.site_dir / "index.md").exists()  # the home is no document
    assert len(list(built.site_dir.rglob("*.md"))) == 5


def test_files_that_are_part_of_a_document_are_optional(site):
    with_fixtures(site, "spec-kit").plugin(presets=["spec-kit"], llms_txt=True)
    built = site.build(strict=True)
    found = sections(built.html("llms.txt"))
    assert list(found)[-1] == "Optional"
    documents = [e for heading, entries in found.items() if heading != "Optional" for e in entries]
    assert len(documents) == 3
    parts = found["Optional"]
    urls = [e["url"] for e in parts]
    assert "specs/001-photo-albums/plan/index.md" in urls
    for entry in parts:
        assert entry["notes"].startswith("Part of: ")
        copy = target(built.site_dir, entry["url"])
        source = site.docs / copy.relative_to(built.site_dir).parent.with_suffix(".md")
        assert copy.read_bytes() == source.read_bytes()


def test_hostile_values_stay_one_entry_each_and_are_text(site, logs):
    tricky = [
        "a ] b",
        "x](https://evil.example/)",
        "[link](https://evil.example/) and more",
        "two\nlines\r\nand\u2028more",
        "`code ]` \\ back\\slash",
        "<b>bold</b> & &amp; *em* _u_ # not heading",
        "   ",
    ]
    values = [*PAYLOADS, *tricky]
    site.config(site_name="Site ] [x](y)\nname", site_description="Two\n# lines [x](y)")
    site.doc("design/base.md", design("BASE-1"))
    for index, value in enumerate(values):
        site.doc(f"design/h{index}.md", hostile_document(index, value))
    site.doc(f"design/{FILE_NAME_PAYLOAD}.md", design("NAMED-1"))
    site.plugin(llms_txt=True)
    built = site.build()
    logs.expect_findings()
    text = built.html("llms.txt")
    assert text.startswith("# Site &#93; &#91;x&#93;(y) name\n\n> Two # lines &#91;x&#93;(y)\n")
    found = sections(text)
    entries = [entry for listed in found.values() for entry in listed]
    assert len(entries) == len(values) + 2  # nothing lost, nothing split
    rendered_html = markdown.markdown(text)
    assert_no_markup(rendered_html, "llms.txt")
    rendered = parse(rendered_html)
    items = rendered.find_all("li")
    assert len(items) == len(entries)
    shown = set()
    for item in items:
        links = item.find_all("a")
        assert len(links) == 1, item
        url = links[0].attrs["href"]
        assert not url.startswith("http"), url
        copy = target(built.site_dir, url)
        assert copy.is_file() and copy.parent.joinpath("index.html").is_file()
        shown.add(links[0].text)
    for index, value in enumerate(values):
        flat = " ".join(value.split()) or f"H{index}"  # a blank title: the file's name
        assert flat in shown, value
    named = f"design/{FILE_NAME_PAYLOAD}/index.md"
    assert quote(named) in {entry["url"] for entry in entries}
    assert (built.site_dir / named).read_bytes() == (
        site.docs / f"design/{FILE_NAME_PAYLOAD}.md"
    ).read_bytes()


def test_site_url_makes_the_links_absolute_and_flat_urls_copy_beside_the_html(site):
    site.config(site_url="https://example.org/docs/", use_directory_urls=False)
    site.doc("design/a b.md", design("A-1"))
    site.plugin(llms_txt="agents/specs.txt")
    built = site.build(strict=True)
    assert not (built.site_dir / "llms.txt").exists()
    (entry,) = sections(built.html("agents/specs.txt"))["Feature design: Draft"]
    assert entry["url"] == "https://example.org/docs/design/a%20b.md"
    assert (built.site_dir / "design" / "a b.md").read_bytes() == (
        site.docs / "design" / "a b.md"
    ).read_bytes()
    assert (built.site_dir / "design" / "a b.html").is_file()


def test_relative_links_start_from_the_folder_of_the_file(site):
    site.doc("design/a.md", design("A-1"))
    site.plugin(llms_txt="agents/llms.txt")
    built = site.build(strict=True)
    (entry,) = sections(built.html("agents/llms.txt"))["Feature design: Draft"]
    assert entry["url"] == "../design/a/index.md"
    assert (built.site_dir / "agents" / unquote(entry["url"])).resolve().is_file()


def test_a_file_of_the_docs_in_its_place_is_kept(site, logs):
    site.doc("design/a.md", design("A-1"))
    site.doc("llms.txt", "# Mine\n")
    site.plugin(llms_txt=True)
    built = site.build()
    logs.expect("llms.txt", "'llms_txt'", "kept")
    assert built.html("llms.txt") == "# Mine\n"
    assert not list(built.site_dir.rglob("*.md"))  # nothing links to copies


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("../llms.txt", "llms_txt: '../llms.txt' must be true, false, or a .txt file"),
        ("llms.md", "llms_txt: 'llms.md' must be true, false, or a .txt file"),
        ("/llms.txt", "llms_txt: '/llms.txt' must be true, false, or a .txt file"),
    ],
)
def test_a_path_outside_the_site_or_of_another_kind_stops_the_build(site, value, said):
    site.doc("design/a.md", design("A-1"))
    site.plugin(llms_txt=value)
    result = site.run("build")
    assert result.returncode != 0
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_dirty_build_copies_again_only_what_changed(site):
    site.doc("design/a.md", design("A-1"))
    site.doc("design/b.md", design("B-2"))
    site.plugin(llms_txt=True)
    assert site.run("build").returncode == 0
    copies = site.root / "site" / "design"
    kept = (copies / "b" / "index.md").stat().st_mtime_ns
    time.sleep(0.05)
    edited = design("A-1", status="Approved")
    site.doc("design/a.md", edited)
    future = time.time() + 5
    os.utime(site.docs / "design" / "a.md", (future, future))
    result = site.run("build", "--dirty")
    assert result.returncode == 0, result.stderr
    assert (copies / "a" / "index.md").read_text(encoding="utf-8") == edited
    assert (copies / "b" / "index.md").stat().st_mtime_ns == kept
    found = sections((site.root / "site" / "llms.txt").read_text(encoding="utf-8"))
    assert [e["title"] for e in found["Feature design: Approved"]] == ["A-1 - Feature Design"]


def test_a_document_another_plugin_generates_is_copied_from_its_content(site):
    """A page a plugin (here a hook) adds in memory, with no file in the docs folder."""
    generated = design("G-7", status="Approved")
    (site.root / "hooks.py").write_text(
        "from mkdocs.structure.files import File\n\n\n"
        "def on_files(files, config):\n"
        f"    files.append(File.generated(config, 'design/g.md', content={generated!r}))\n",
        encoding="utf-8",
    )
    site.config(hooks=["hooks.py"])
    site.plugin(llms_txt=True)
    built = site.build(strict=True)
    (entry,) = sections(built.html("llms.txt"))["Feature design: Approved"]
    assert entry["url"] == "design/g/index.md"
    assert built.html("design/g/index.md") == generated


def test_a_copy_that_cannot_be_written_is_said_and_the_page_linked_instead(site, logs):
    site.doc("design/a.md", design("A-1"))
    site.doc("design/a/index.md/note.txt", "a folder where the copy would go\n")
    site.plugin(llms_txt=True)
    built = site.build()
    logs.expect("design/a.md", "cannot be copied for llms.txt", "links to its page instead")
    (entry,) = sections(built.html("llms.txt"))["Feature design: Draft"]
    assert entry["url"] == "design/a/"
    assert (built.site_dir / "design" / "a" / "index.html").is_file()


def test_check_refuses_an_llms_txt_the_build_refuses(site, cli):
    site.doc("design/a.md", design("A-1"))
    site.plugin(llms_txt="../llms.txt")
    result = cli("check")
    assert result.exit_code == 2
    assert "llms_txt: '../llms.txt' must be true, false, or a .txt file" in result.stderr
