"""A document's lists render as lists, and its ``**Key**: value`` lines one per line, where the
file writes them right under a paragraph line as the seed templates do: Python-Markdown would
run them into one paragraph under a bar that counts them. The file itself is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_specs.parse.outline import scan
from mkdocs_specs.parse.paragraphs import (
    known_run_ons,
    run_on_lines,
    run_ons,
    with_lists_apart,
)
from mkdocs_specs.parse.tasks import opens_list
from mkdocs_specs.parse.text import body_start, split_lines
from mkdocs_specs.render import page_text
from mkdocs_specs.render.markers import edited

from .conftest import EXAMPLE, SEEDS, Built, Site, example_copy
from .fuzzing import fuzz, markdown
from .html import Node

TASKLIST = ["pymdownx.tasklist"]


def from_seed() -> str:
    """The feature-spec seed as a writer fills it in, keeping its layout line for line."""
    text = (SEEDS / "feature-spec.md").read_text(encoding="utf-8")
    for placeholder, value in {
        "[Feature Name]": "Offline notes",
        "[XXX-feature-name]": "009-offline-notes",
        "[Draft | In Progress | Complete]": "In Progress",
        "[Team/Person]": "alice",
        "- [ ] [Criterion 1]": "- [x] Notes can be created offline",
        "- [ ] [Criterion 2]": "- [x] Edits are queued until the device is online",
        "- [ ] [Criterion 3]": "- [ ] Conflicts are shown side by side",
        "[Pain point 1]": "Notes are lost on the train",
        "[Technology stack]": "Django",
        "[Database choice]": "PostgreSQL",
    }.items():
        assert placeholder in text
        text = text.replace(placeholder, value, 1)
    assert "**Acceptance Criteria:**\n- [x] Notes can be created offline\n" in text
    assert "**User Pain Points:**\n1. Notes are lost on the train\n" in text
    return text


def content(site: Site, path: str = "specs/009-offline-notes/index.html") -> Node:
    """The page's article: what MkDocs made of the document's Markdown."""
    page = site.build().page(path)
    found = page.find_all("div", role="main") or page.find_all("article")
    assert found, "the page has no content"
    return found[0]


def after(page: Node, text: str) -> Node:
    """The element that follows the paragraph whose text is ``text``."""
    for parent in page.iter():
        elements = [c for c in parent.children if isinstance(c, Node)]
        for index, child in enumerate(elements[:-1]):
            if child.tag == "p" and child.text == text:
                return elements[index + 1]
    raise AssertionError(f"no paragraph {text!r} with an element after it")


@pytest.fixture
def seeded(site: Site, logs) -> Site:
    site.doc("index.md", "# Home\n")
    site.doc("specs/009-offline-notes.md", from_seed())
    yield site
    logs.expect_findings()  # what the seed leaves to fill in


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_acceptance_criteria_under_a_bold_line_are_a_task_list(seeded, theme):
    seeded.config(theme={"name": theme}, markdown_extensions=TASKLIST)
    source = seeded.docs / "specs/009-offline-notes.md"
    before = source.read_bytes()
    page = content(seeded)
    criteria = after(page, "Acceptance Criteria:")
    assert criteria.tag == "ul"
    items = criteria.find_all("li", class_="task-list-item")
    assert [li.text for li in items] == [
        "Notes can be created offline",
        "Edits are queued until the device is online",
        "Conflicts are shown side by side",
    ]
    boxes = [li.find("input", type="checkbox") for li in items]
    assert ["checked" in box.attrs for box in boxes] == [True, True, False]
    # The bar above them counts what is shown.
    bar = page.find(class_="specs-section-progress").find(role="progressbar")
    assert bar.attrs["aria-valuetext"].startswith("2 of 3 items done")
    assert source.read_bytes() == before


def test_without_tasklist_the_items_are_still_list_items(seeded):
    page = content(seeded)
    criteria = after(page, "Acceptance Criteria:")
    assert criteria.tag == "ul"
    assert criteria.find("li").text == "[x] Notes can be created offline"
    pains = after(page, "User Pain Points:")
    assert pains.tag == "ol"
    assert len(pains.find_all("li")) == 3
    assert "- [x]" not in page.text and "1. Notes" not in page.text


def test_key_lines_render_one_per_line(seeded):
    page = content(seeded)
    overview = next(
        p for p in page.find_all("p") if p.text.startswith("Feature ID: 009-offline-notes")
    )
    lines = "".join(
        "\n" if isinstance(c, Node) and c.tag == "br" else c if isinstance(c, str) else c.raw_text
        for c in overview.children
    )
    assert [line.strip() for line in lines.split("\n") if line.strip()] == [
        "Feature ID: 009-offline-notes",
        "Status: In Progress",
        "Owner: alice",
        "Created: [Date]",
        "Last Updated: [Date]",
    ]
    architecture = next(p for p in page.find_all("p") if p.text.startswith("Framework: Django"))
    assert len(architecture.find_all("br")) == 2


def test_code_and_plain_pages_are_left_as_written(site, logs):
    site.config(markdown_extensions=[*TASKLIST, "pymdownx.superfences"])
    site.doc("index.md", "# Home\n\n**Notes:**\n- [ ] a note\n")
    site.doc(
        "specs/009-offline-notes.md",
        """\
        # Offline notes

        **Status**: Draft
        **Owner**: alice

        ## Acceptance

        ```markdown
        **Acceptance Criteria:**
        - [ ] In a fence
        **Key**: one
        **Key**: two
        ```

            **Indented:**
            - [ ] code

        | Criterion | Done |
        |---|---|
        - [ ] | a row

        **Criteria:**
        - [ ] Outside
        """,
    )
    built = site.build()
    logs.expect_findings()
    page = built.page("specs/009-offline-notes/index.html")
    codes = [code.raw_text for code in page.find_all("code")]
    assert "**Acceptance Criteria:**\n- [ ] In a fence\n**Key**: one\n**Key**: two\n" in codes, (
        codes
    )
    assert "**Indented:**\n- [ ] code\n" in codes
    assert [td.text for td in page.find("table").find_all("td")] == ["- [ ]", "a row"]
    assert [li.text for li in page.find_all("li", class_="task-list-item")] == ["Outside"]
    # Plain pages are not the plugin's to read: it counts no checklist there.
    home = built.page("index.html")
    assert not home.find_all("li", class_="task-list-item")


def test_section_bars_and_query_results_stay_in_place(site, logs):
    site.config(markdown_extensions=TASKLIST)
    site.doc(
        "specs/009-offline-notes.md",
        """\
        # Offline notes

        **Status**: Draft
        **Owner**: alice

        ## Acceptance

        **Acceptance Criteria:**
        - [x] One
        - [ ] Two

        ## Follow-up

        **Later:**
        - [x] Three

        ```specs
        show: count
        ```
        """,
    )
    built = site.build()
    logs.expect_findings()
    page = built.page("specs/009-offline-notes/index.html")
    main = page.find("div", role="main")
    marks = ("specs-section-progress", "specs-query")
    order = [
        next((c for c in node.classes if c in marks), node.tag)
        for node in main.iter()
        if node.tag in ("h2", "ul") or any(c in marks for c in node.classes)
    ]
    assert order == [
        "h2",
        "specs-section-progress",
        "ul",
        "h2",
        "specs-section-progress",
        "ul",
        "specs-query",
    ], order
    bars = [
        bar.find(role="progressbar").attrs["aria-valuetext"]
        for bar in main.find_all(class_="specs-section-progress")
    ]
    assert [text.split(" (")[0] for text in bars] == ["1 of 2 items done", "1 of 1 item done"]


def test_the_example_site_keeps_the_template_layout_and_shows_lists(tmp_path, logs):
    source = (EXAMPLE / "docs/specs/002-merchant-api-keys.md").read_text(encoding="utf-8")
    assert "**Acceptance Criteria:**\n- [x] An administrator" in source
    assert "**User Pain Points:**\n1. Merchants" in source
    config = load_config(str(example_copy(tmp_path, {"name": "material", "font": False})))
    build(config)
    logs.expect_findings()
    page = Built(Path(config.site_dir)).page("specs/002-merchant-api-keys/index.html")
    criteria = after(page, "Acceptance Criteria:")
    assert criteria.tag == "ul"
    assert len(criteria.find_all("input", type="checkbox")) == 4
    assert after(page, "User Pain Points:").tag == "ol"


# --- The lines, in the core -----------------------------------------------------------------


def apart(text: str) -> str:
    """``text`` as the plugin hands it to MkDocs."""
    lines = split_lines(text)
    return edited(lines, page_text.apart(lines))


@pytest.mark.parametrize(
    ("written", "rendered"),
    [
        ("Intro:\n- a\n- b", "Intro:\n\n- a\n- b"),
        ("Intro:\n* [ ] a", "Intro:\n\n* [ ] a"),
        ("Steps:\n1. a\n2. b", "Steps:\n\n1. a\n2. b"),
        ("Two lines\nof text:\n  - a", "Two lines\nof text:\n\n  - a"),
        # Text wrapped onto a line that starts like an item stays text, as in CommonMark.
        ("It shipped in\n2019. Then", "It shipped in\n2019. Then"),
        ("An empty\n-\n", "An empty\n-\n"),
        ("A rule\n* * *\n- a", "A rule\n* * *\n- a"),
        # What is not a paragraph opens no list under it.
        ("- a\n  b:\n  - c", "- a\n  b:\n  - c"),
        ("- a\nlazy\n- b", "- a\nlazy\n- b"),
        ("  Indented:\n  - a", "  Indented:\n  - a"),
        ("> Quoted:\n> - a", "> Quoted:\n> - a"),
        ("<div>\nIn HTML:\n- a\n\nStill:\n- b\n</div>\nOut:\n- c", None),
        (
            "<details><summary>S</summary>\nIn:\n- a\n</details>\n\nOut:\n- b",
            "<details><summary>S</summary>\nIn:\n- a\n</details>\n\nOut:\n\n- b",
        ),
        ("a | b\n--|--\n- x | y", "a | b\n--|--\n- x | y"),
        ("Text <!-- note -->\n- a", "Text <!-- note -->\n- a"),
        ("<!-- note -->\n- a", "<!-- note -->\n- a"),
        ("Title\n-----\n- a", "Title\n-----\n- a"),
        ("# Title\n- a", "# Title\n- a"),
        ("# Title\nNow:\n- a", "# Title\nNow:\n\n- a"),
        ("```\nIn code:\n- a\n```\nOut:\n- b", "```\nIn code:\n- a\n```\nOut:\n\n- b"),
        ("Text\n```\n- a\n```", "Text\n```\n- a\n```"),
        # `**Key**: value` lines, one per line.
        ("**A**: 1\n**B**: 2\n**C**: 3", "**A**: 1  \n**B**: 2  \n**C**: 3"),
        ("**A**: wraps\nonto two\n**B**: 2", "**A**: wraps\nonto two  \n**B**: 2"),
        ("**A**: 1  \n**B**: 2<br>\n**C**: 3", "**A**: 1  \n**B**: 2<br>\n**C**: 3"),
        ("**A**: 1\\\n**B**: 2", "**A**: 1  \n**B**: 2"),
        ("**A**: 1\\\\\n**B**: 2", "**A**: 1\\\\  \n**B**: 2"),
        ("Text\n**A**: 1", "Text\n**A**: 1"),
        ("**A**: 1\ntext", "**A**: 1\ntext"),
        ("- **A**: 1\n- **B**: 2", "- **A**: 1\n- **B**: 2"),
        ("**Criteria:**\n- [ ] a\n**B**: 2", "**Criteria:**\n\n- [ ] a\n**B**: 2"),
    ],
)
def test_run_on_lines(written, rendered):
    assert apart(written) == (written if rendered is None else rendered)


def test_front_matter_is_left_alone():
    lines = ["---", "tags:", "- a", "---", "Intro:", "- b"]
    assert run_ons(lines, 4).lists == [5]
    assert with_lists_apart(lines, 4) == ["---", "tags:", "- a", "---", "Intro:", "", "- b"]


@fuzz(300)
@given(
    text=markdown(),
    front_matter=st.sampled_from(["", "---\ntitle: x\n---\n", "---\na: 1\n---\n\n\n"]),
)
def test_what_reading_found_is_what_the_build_would_find(text, front_matter):
    """The run-on lines reading keeps with a document are those of its page's Markdown, as
    MkDocs gives it without its front matter and the blank lines after it; a page that
    another plugin changed is read again."""
    lines = split_lines(front_matter + text)
    known = run_on_lines(lines, body_start(lines))
    page = split_lines((front_matter + text)[len(front_matter) :].lstrip("\n"))
    assert known_run_ons(known, page, 0) == run_ons(page)
    changed = ["Intro:", "- a", *page]
    assert known_run_ons(known, changed, 0) == run_ons(changed)


@fuzz(300)
@given(text=markdown())
def test_what_is_set_apart_reads_as_it_did_and_needs_no_more(text):
    found = run_ons(split_lines(text))
    assert all(opens_list(split_lines(text)[index]) for index in found.lists)
    rendered = apart(text)
    assert run_ons(split_lines(rendered)) == ([], [])
    old, new = scan(text), scan(rendered)
    assert new.progress == old.progress
    assert [s.title for s in new.sections] == [s.title for s in old.sections]
    assert [(m.key, m.value) for m in new.meta_lines] == [(m.key, m.value) for m in old.meta_lines]
