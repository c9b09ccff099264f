"""The one-pass Markdown scanner: sections, fences, checklists, comments, placeholders, meta lines.

Everything here is plain text in, :class:`~mkdocs_specs.outline.Outline` out; no MkDocs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_specs.model import Progress, Section
from mkdocs_specs.parse.fences import Code, Fences
from mkdocs_specs.parse.headings import normalize_heading
from mkdocs_specs.parse.outline import Outline, scan
from mkdocs_specs.parse.text import body_start

from .fuzzing import MARKDOWN_LINES, fuzz, markdown
from .outline_reference import scan_line_by_line

SEEDS = Path(__file__).resolve().parent.parent / "mkdocs_specs" / "seeds"


def outline(text: str) -> Outline:
    """Scan a document written inline (dedented, leading newline removed)."""
    return scan(textwrap.dedent(text).lstrip("\n"))


def titles(found: Outline) -> list[str]:
    return [section.title for section in found.sections]


def section(found: Outline, title: str) -> Section:
    matches = [s for s in found.sections if s.title == title]
    assert len(matches) == 1, f"{title!r} in {titles(found)}"
    return matches[0]


# --- Fenced code -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("```", "```"),
        ("~~~", "~~~"),
        ("```python", "```"),
        ("~~~ markdown", "~~~"),
        ("  ```", "  ```"),
        ("    ```", "    ```"),
        ("\t~~~", "\t~~~"),
        ("```", "`````"),
        ("~~~~", "~~~~~~~~"),
    ],
    ids=[
        "backticks",
        "tildes",
        "info-string",
        "tildes-info-string",
        "indented-2",
        "indented-4",
        "indented-tab",
        "longer-closing-backticks",
        "longer-closing-tildes",
    ],
)
def test_fenced_code_hides_headings_tasks_and_placeholders(opening: str, closing: str) -> None:
    found = scan(
        "## Before\n\ntext\n\n"
        f"{opening}\n# Not a title\n## Not a section\n- [ ] not a task\n[Not a placeholder]\n"
        f"<!-- not a comment -->\n{closing}\n\n"
        "## After\n"
    )

    assert titles(found) == ["Before", "After"]
    assert found.progress == Progress(0, 0)
    assert found.placeholders == []
    assert found.comments == []
    assert found.h1 is None
    assert section(found, "After").line == 13


@pytest.mark.parametrize(
    "not_a_closing",
    ["``", "~~~", "``` python", "````x"],
    ids=["shorter-run", "other-character", "info-string", "trailing-text"],
)
def test_fence_is_closed_only_by_a_bare_run_of_its_character_at_least_as_long(
    not_a_closing: str,
) -> None:
    found = scan(f"```\n{not_a_closing}\n## Still code\n```\n## After\n")

    assert titles(found) == ["After"]


def test_fence_inside_a_list_item_hides_its_headings() -> None:
    found = outline(
        """
        - Example:

          ```markdown
          ## Inside
          - [x] inside
          ```

        ## After
        - [ ] outside
        """
    )

    assert titles(found) == ["After"]
    assert found.progress == Progress(0, 1)


def test_fences_tell_each_line_of_a_block_with_its_info_string_and_indent() -> None:
    fences = Fences()
    lines = ["text <!-- note -->", "  ~~~~ specs ", "body", "~~~", "```", "``` not a closing"]

    read = [fences.read(number, line) for number, line in enumerate(lines, 1)]
    opened = (fences.info, fences.indent)

    assert read == ["text ", Code.OPEN, Code.BODY, Code.BODY, Code.BODY, Code.BODY]
    assert opened == ("specs", 2)
    assert fences.fence == "~~~~"
    assert fences.comments == [(1, "note")]


def test_fences_do_not_open_inside_a_comment() -> None:
    fences = Fences()

    read = [fences.read(n, line) for n, line in enumerate(["<!--", "```specs", "-->", "x"], 1)]

    assert read == ["", "", "", "x"]
    assert fences.comments == [(1, "```specs")]


def test_seed_template_code_blocks_are_not_sections() -> None:
    found = scan((SEEDS / "feature-spec.md").read_text(encoding="utf-8"))

    assert "Define fields" not in " ".join(titles(found))
    assert section(found, "Data Model").content_lines == 5  # the fenced block, fences included
    assert section(found, "Selectors (Read Operations)").level == 4


# --- Checklists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "done"),
    [
        ("- [ ] open", 0),
        ("- [x] done", 1),
        ("* [X] done", 1),
        ("+ [ ] open", 0),
        ("* [ ] open", 0),
        ("1. [x] done", 1),
        ("2) [ ] open", 0),
        ("10. [X] done", 1),
        ("- [x]", 1),
        ("> - [x] quoted", 1),
        ("   - [ ] indented three", 0),
        ("\t- [x] indented tab", 1),
    ],
)
def test_task_item_is_counted(item: str, done: int) -> None:
    found = scan(f"## Tasks\n\n{item}\n")

    assert section(found, "Tasks").progress == Progress(done, 1)


def test_nested_and_numbered_items_all_count() -> None:
    found = outline(
        """
        ## Tasks

        - [x] parent
          - [ ] child
            - [x] grandchild
          * [X] child with another marker
        1. [x] first
        2) [ ] second
           1. [ ] numbered child
        """
    )

    assert section(found, "Tasks").progress == Progress(4, 7)


@pytest.mark.parametrize(
    "line",
    [
        "[x] no list marker",
        "[ ] no list marker",
        "-[x] no space after the marker",
        "- [x]no space after the box",
        "- [y] not a checkbox",
        "- [xx] not a checkbox",
        "- [] empty box",
        "- text [x] later in the line",
        "`- [x]` in inline code",
        "1.[x] no space",
    ],
)
def test_not_a_task_item(line: str) -> None:
    found = scan(f"## Tasks\n\n{line}\n")

    assert found.progress == Progress(0, 0)


def test_items_are_counted_per_section_not_in_parent() -> None:
    found = outline(
        """
        - [x] before any heading

        # Title

        ## Acceptance Criteria

        - [x] one
        - [ ] two

        ### Edge cases

        - [ ] three
        - [ ] four
        - [x] five

        ## Notes

        No tasks here.
        """
    )

    assert found.preamble == Progress(1, 1)
    assert section(found, "Title").progress == Progress(0, 0)
    assert section(found, "Acceptance Criteria").progress == Progress(1, 2)
    assert section(found, "Edge cases").progress == Progress(1, 3)
    assert section(found, "Notes").progress == Progress(0, 0)
    assert found.progress == Progress(3, 6)


@pytest.mark.parametrize(
    "hidden",
    [
        "```\n- [x] in backticks\n- [ ] in backticks\n```",
        "~~~\n- [x] in tildes\n~~~",
        "  ```md\n  - [x] in an indented fence\n  ```",
        "<!-- - [x] in a one-line comment -->",
        "<!--\n- [x] in a multi-line comment\n- [ ] still in it\n-->",
        "<!-- starts here\n- [x] inside\nends here -->",
    ],
    ids=["backticks", "tildes", "indented-fence", "comment", "multiline-comment", "comment-text"],
)
def test_task_items_in_code_or_comments_are_not_counted(hidden: str) -> None:
    found = scan(f"## Tasks\n\n- [ ] counted\n{hidden}\n- [x] counted too\n")

    assert section(found, "Tasks").progress == Progress(1, 2)


def test_task_item_with_a_trailing_comment_counts() -> None:
    found = scan("## Tasks\n\n- [x] done <!-- checked by bob -->\n- [ ] open\n")

    assert found.progress == Progress(1, 2)
    assert found.comments == [(3, "checked by bob")]


def test_seed_checklists_are_counted() -> None:
    found = scan((SEEDS / "change-request.md").read_text(encoding="utf-8"))

    assert section(found, "Type of Change").progress == Progress(1, 2)
    # `Load testing (if applicable)` says it may not apply: it is no work left.
    assert section(found, "Testing Strategy").progress == Progress(0, 4)
    assert section(found, "Checklist").progress == Progress(0, 8)
    assert found.progress == Progress(1, 21)


# --- Setext headings -------------------------------------------------------------------------


def test_setext_headings_open_sections() -> None:
    found = outline(
        """
        Payments Overview
        =================

        Intro text.

        Refunds
        -------

        - [x] refund task
        """
    )

    assert [(s.title, s.level, s.line, s.end_line) for s in found.sections] == [
        ("Payments Overview", 1, 1, 2),
        ("Refunds", 2, 6, 7),
    ]
    assert (found.h1, found.h1_line) == ("Payments Overview", 1)
    assert section(found, "Refunds").progress == Progress(1, 1)
    assert section(found, "Payments Overview").content_lines == 1


@pytest.mark.parametrize(
    "text",
    [
        "Paragraph.\n\n---\n\nMore.\n",
        "Paragraph.\n\n===\n",
        "- list item\n---\n",
        "> quote\n---\n",
        "```\ncode\n```\n---\n",
    ],
    ids=["after-blank-line", "equals-after-blank", "after-list", "after-quote", "after-fence"],
)
def test_underline_that_does_not_follow_a_paragraph_is_not_a_heading(text: str) -> None:
    assert scan(text).sections == []


def test_seed_footer_rule_is_not_a_heading() -> None:
    found = scan((SEEDS / "feature-spec.md").read_text(encoding="utf-8"))

    assert found.sections[-1].title == "Version X.Y.Z"
    assert "Status" not in titles(found)


# --- ATX headings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("## Overview", "Overview"),
        ("## Overview ##", "Overview"),
        ("   ### Indented three", "Indented three"),
        ("##\tTabbed", "Tabbed"),
        ("## Title <!-- hidden -->", "Title"),
        # As Python-Markdown, MkDocs' renderer, reads them:
        ("##Tasks", "Tasks"),
        ("#hashtag", "hashtag"),
        ("## Overview {#overview}", "Overview"),
        ("## Overview {: .wide }", "Overview"),
    ],
)
def test_atx_heading_text(line: str, title: str) -> None:
    assert titles(scan(line + "\n")) == [title]


@pytest.mark.parametrize("line", ["####### seven", "    ## four spaces"])
def test_not_an_atx_heading(line: str) -> None:
    assert scan(line + "\n").sections == []


# --- normalize_heading -----------------------------------------------------------------------

COMPLETED_FORMS = [
    ":white_check_mark: Completed",
    "✅ Completed",
    "Completed",
    "completed",
    "COMPLETED",
    "\u201a\u00fa\u00d6 Completed",  # `✅ Completed` as in the seed: UTF-8 read as Mac Roman
    "\u201a\u00fa\u00d6Completed",
    "3. Completed",
    "3) Completed",
    "1.2 Completed",
    "**Completed**:",
    "Completed:",
    "  Completed  ",
    "✅  **Completed**",
]


@pytest.mark.parametrize("heading", COMPLETED_FORMS)
def test_normalize_heading_ignores_case_emoji_numbering_and_emphasis(heading: str) -> None:
    assert normalize_heading(heading) == "completed"


@pytest.mark.parametrize(
    "heading",
    [
        "📝 Planned",
        "\uf8ff\u00fc\u00ec\u00f9 Planned",  # mangled, as in the seed
        "üìù Planned",  # mangled, with the invisible first character lost in copying
        "Planned",
        "## 4. Planned",
    ],
)
def test_normalize_heading_repairs_mangled_emoji(heading: str) -> None:
    assert normalize_heading(heading.lstrip("# ")) == "planned"


def test_normalize_heading_for_the_seed_implementation_status_headings() -> None:
    found = scan((SEEDS / "feature-spec.md").read_text(encoding="utf-8"))
    keys = [s.key for s in found.sections]

    assert keys[keys.index("implementation status") + 1 :][:3] == [
        "completed",
        "in progress",
        "planned",
    ]
    assert normalize_heading("⏳ In Progress") == "in progress"


def test_normalize_heading_keeps_inner_spacing_single_and_words_intact() -> None:
    assert normalize_heading("Risks  &   Mitigations") == "risks & mitigations"
    assert normalize_heading("Screenshots / Demo") == "screenshots / demo"


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("需求概述", "需求概述"),
        ("用户故事", "用户故事"),
        ("✅ 已完成", "已完成"),
        ("3. 测试策略", "测试策略"),
        ("Café Menu", "café menu"),
        ("Überblick", "überblick"),
    ],
)
def test_normalize_heading_keeps_non_ascii_words(heading: str, key: str) -> None:
    assert normalize_heading(heading) == key


@pytest.mark.parametrize(
    ("heading", "key"),
    [("后端 API", "后端 api"), ("前端 API", "前端 api"), ("Обзор API", "обзор api")],
)
def test_normalize_heading_keeps_a_non_latin_first_word_before_a_latin_one(
    heading: str, key: str
) -> None:
    # Only a *mangled emoji* before the text is dropped; a real word is part of the heading,
    # or `后端 API` and `前端 API` would be the same section.
    assert normalize_heading(heading) == key


# --- Meta lines ------------------------------------------------------------------------------


def meta(found: Outline) -> list[tuple[int, str, str]]:
    return [(m.line, m.key, m.value) for m in found.meta_lines]


def test_meta_lines_in_the_first_section() -> None:
    found = outline(
        """
        # Feature Specification: Refunds

        ## Overview

        **Feature ID**: 003-refund-api
        **Status**: In Progress
        **Owner**: carol
        """
    )

    assert meta(found) == [
        (5, "Feature ID", "003-refund-api"),
        (6, "Status", "In Progress"),
        (7, "Owner", "carol"),
    ]


def test_meta_lines_in_the_preamble() -> None:
    found = outline(
        """
        **Status**: Draft
        **Owner**: alice

        ## Overview

        **Priority**: high
        """
    )

    assert meta(found) == [(1, "Status", "Draft"), (2, "Owner", "alice")]


def test_meta_lines_not_read_from_later_sections_or_the_footer() -> None:
    found = outline(
        """
        # Title

        ## Overview

        **Status**: Draft

        ## Architecture

        **Framework**: Django

        ---

        **Review Cadence**: monthly
        """
    )

    assert meta(found) == [(5, "Status", "Draft")]


def test_meta_lines_of_the_seed_are_only_those_under_overview() -> None:
    found = scan((SEEDS / "feature-spec.md").read_text(encoding="utf-8"))

    assert [m.key for m in found.meta_lines] == [
        "Feature ID",
        "Status",
        "Owner",
        "Created",
        "Last Updated",
    ]
    assert found.meta_lines[1].value == "[Draft | In Progress | Complete]"


def test_several_meta_pairs_on_one_line() -> None:
    found = scan(
        "# Spec\n\n**Feature Branch**: 001-x | **Created**: 2025-01-01 | **Status**: Draft\n"
    )

    assert meta(found) == [
        (3, "Feature Branch", "001-x"),
        (3, "Created", "2025-01-01"),
        (3, "Status", "Draft"),
    ]


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("**Status**: Draft", "Status", "Draft"),
        ("**Status:** Draft", "Status", "Draft"),
        ("**Status** : Draft", "Status", "Draft"),
        ("**Last Updated**: 2025-06-01  ", "Last Updated", "2025-06-01"),
        ("**Owner**: alice\\", "Owner", "alice"),
        ("- **Owner**: alice", "Owner", "alice"),
    ],
)
def test_meta_line_forms(line: str, key: str, value: str) -> None:
    assert meta(scan(line + "\n")) == [(1, key, value)]


def test_meta_line_inside_a_comment_or_fence_is_not_read() -> None:
    found = outline(
        """
        <!-- **Status**: Draft -->
        ```
        **Owner**: alice
        ```
        **Created**: 2025-01-01
        """
    )

    assert meta(found) == [(5, "Created", "2025-01-01")]


def test_meta_line_numbers_count_the_front_matter() -> None:
    found = outline(
        """
        ---
        title: Refunds
        tags: [payments]
        ---

        ## Overview

        **Status**: Draft
        """
    )

    assert meta(found) == [(8, "Status", "Draft")]


# --- Placeholders ----------------------------------------------------------------------------


def test_placeholders_found_with_their_lines() -> None:
    found = outline(
        """
        # Feature Specification: [Feature Name]

        [Describe the problem this feature solves]

        - [ ] [Criterion 1]
        1. [Pain point 1] and [Pain point 2]
        **Impact**: [High | Medium | Low]
        """
    )

    assert found.placeholders == [
        (1, "[Feature Name]"),
        (3, "[Describe the problem this feature solves]"),
        (5, "[Criterion 1]"),
        (6, "[Pain point 1]"),
        (6, "[Pain point 2]"),
        (7, "[High | Medium | Low]"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a [link](https://example.com)",
        "a [reference link][ref]",
        "a [collapsed reference][]",
        "[ref]: https://example.com",
        "a footnote[^1]",
        "[^1]: the footnote",
        "an ![image](diagram.png)",
        "an ![image][ref]",
        "escaped \\[not a placeholder]",
        "inline `[code]` span",
        "inline ``[double `code`]`` span",
        "<!-- [in a comment] -->",
        "- [x] done",
        "- [ ] open",
    ],
)
def test_not_a_placeholder(text: str) -> None:
    assert scan(text + "\n").placeholders == []


def test_placeholders_inside_fences_are_ignored() -> None:
    found = outline(
        """
        ```python
        items = [Name]
        ```
        ~~~
        [Also code]
        ~~~
        [Real]
        """
    )

    assert found.placeholders == [(7, "[Real]")]


def test_placeholder_next_to_inline_code() -> None:
    found = scan("Call `/api/[resource]` with [Parameters].\n")

    assert found.placeholders == [(1, "[Parameters]")]


# --- Empty items -----------------------------------------------------------------------------


@pytest.mark.parametrize("item", ["1. ", "2.", "- ", "* ", "+\t", "  1. ", "-"])
def test_empty_list_item(item: str) -> None:
    found = scan(f"## Test Cases\n\n{item}\n")

    assert found.empty_items == [3]


# `3)` is no list marker to Python-Markdown, which renders the pages: a line of it is text.
@pytest.mark.parametrize("item", ["1. Text", "- text", "1.5 percent", "---", "Text", "3) "])
def test_not_an_empty_item(item: str) -> None:
    assert scan(f"## Test Cases\n\n{item}\n").empty_items == []


def test_empty_items_of_the_seed() -> None:
    found = scan((SEEDS / "change-request.md").read_text(encoding="utf-8"))

    assert found.empty_items == [40, 41, 42]


# --- Comments --------------------------------------------------------------------------------


def test_comments_collected_with_their_first_line_and_normalized_text() -> None:
    found = outline(
        """
        # Title
        <!-- Provide a clear description -->
        Text <!-- inline --> more text.
        <!--
          A multi-line
          guidance   comment
        -->
        <!---->
        """
    )

    assert found.comments == [
        (2, "Provide a clear description"),
        (3, "inline"),
        (4, "A multi-line guidance comment"),
        (8, ""),
    ]


def test_headings_in_a_comment_are_not_sections() -> None:
    found = outline(
        """
        <!--
        ## Commented out
        -->
        ## Real
        """
    )

    assert titles(found) == ["Real"]


def test_unclosed_comment_runs_to_the_end() -> None:
    found = scan("## A\n<!-- never closed\n## B\n- [x] hidden\n")

    assert titles(found) == ["A"]
    assert found.progress == Progress(0, 0)
    assert found.comments == [(2, "never closed ## B - [x] hidden")]


def test_comment_opener_in_inline_code_does_not_start_a_comment() -> None:
    found = outline(
        """
        ## Syntax

        Write `<!--` to start an HTML comment.

        ## Tasks

        - [ ] one
        """
    )

    assert titles(found) == ["Syntax", "Tasks"]
    assert found.progress == Progress(0, 1)
    assert found.comments == []


def test_comment_text_in_a_fence_is_not_a_comment() -> None:
    found = scan("```html\n<!-- example -->\n```\n")

    assert found.comments == []


# --- Line endings and front matter -----------------------------------------------------------

LINES = [
    "---",
    "title: Refunds",
    "---",
    "# Refunds",
    "",
    "## Overview",
    "**Status**: Draft",
    "<!-- guidance -->",
    "- [x] [Criterion 1]",
    "1. ",
    "Title",
    "-----",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_endings_give_the_same_lines(newline: str) -> None:
    found = scan(newline.join(LINES) + newline)

    assert found.front_matter == "title: Refunds\n"
    assert found.front_matter_line == 2
    assert [(s.title, s.line, s.end_line) for s in found.sections] == [
        ("Refunds", 4, 4),
        ("Overview", 6, 6),
        ("Title", 11, 12),
    ]
    assert meta(found) == [(7, "Status", "Draft")]
    assert found.comments == [(8, "guidance")]
    assert found.placeholders == [(9, "[Criterion 1]")]
    assert found.empty_items == [10]
    assert found.progress == Progress(1, 1)


def test_front_matter_is_split_off_and_its_lines_counted() -> None:
    found = outline(
        """
        ---
        status: Draft
        owners: [alice]
        ---
        # Title

        ## Section
        """
    )

    assert found.front_matter == "status: Draft\nowners: [alice]\n"
    assert found.front_matter_line == 2
    assert (found.h1, found.h1_line) == ("Title", 5)
    assert section(found, "Section").line == 7


def test_front_matter_may_close_with_dots() -> None:
    found = scan("---\nstatus: Draft\n...\n# Title\n")

    assert found.front_matter == "status: Draft\n"
    assert found.h1_line == 4


@pytest.mark.parametrize(
    "text",
    ["# Title\n---\nstatus: x\n---\n", "---\nnever closed\n", "\n---\nstatus: x\n---\n"],
    ids=["not-first-line", "unclosed", "blank-first-line"],
)
def test_no_front_matter(text: str) -> None:
    assert scan(text).front_matter is None


@pytest.mark.parametrize(
    ("text", "first"),
    [("---\na: 1\n---\nbody", 3), ("---\n...\nbody", 2), ("body\n---\n", 0), ("---\nopen", 0)],
    ids=["dashes", "dots", "none", "unclosed"],
)
def test_body_start_is_the_line_after_the_front_matter(text: str, first: int) -> None:
    assert body_start(text.split("\n")) == first


def test_empty_front_matter() -> None:
    found = scan("---\n---\n# Title\n")

    assert found.front_matter == "\n"
    assert found.h1_line == 3


def test_empty_document() -> None:
    found = scan("")

    assert found.sections == []
    assert found.front_matter is None
    assert found.progress == Progress(0, 0)


@pytest.mark.parametrize(
    "line",
    [
        "`<!--` " * 3000,  # many code spans, each hiding a comment opener
        "# a" + " " * 40_000 + "x",  # a heading with a long run of spaces
        "x " + "`" * 5000 + "a" * 100_000,  # a backtick run that never closes
        "[" * 100_000,
        "**" + "a" * 200_000,
        "<!--" + "a" * 200_000,
    ],
    ids=["code-spans", "spaces", "backticks", "brackets", "bold", "comment"],
)
def test_pathological_long_lines_are_scanned_without_crashing(line: str) -> None:
    outline = scan(line + "\n## Tasks\n- [ ] one\n")
    assert outline.sections or outline.comments


# --- Runs of plain text ----------------------------------------------------------------------

# Lines that change what the lines after them are: paragraphs before setext underlines, fences
# inside lists, comments over several lines, white space Python strips but Markdown keeps.
TRICKY_LINES = [
    *MARKDOWN_LINES,
    *["text", "Title", "===", "  --  ", "   #x", "    # no", "##", "- item", "> quote", ">- [ ] q"],
    *["1) x", "1.", " <div>", "| t |", "``` `x`", "   ~~~~", "````", "~~~ ", "\x0b", "\xa0"],
    *["a <!-- b", "c --> d", "-->```", "<!-- x --># H", "<!-- a --> b <!-- c", "- **Owner**: a"],
    *["x ** y", "![i]", "- [-] s", "- [ ]* o", "- [ ] 2.3* o", "text [x] y", "\\[esc]", "\u2028"],
    *["---", "...", "  ```  ", "```\x1c", "\x85```", "~~~\x0c", "\t```", "- ```", "٣.", "* a *"],
    "  - [ ] a\n    ```\n    - [ ] b\n    ```",
]


@st.composite
def tricky_documents(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(st.sampled_from(TRICKY_LINES) | st.text("#-=*`~[]<!> \tx|1.", max_size=8))
    )
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = "---\nstatus: Draft\n---\n" + text
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


@fuzz(500)
@given(text=tricky_documents() | markdown())
def test_runs_of_plain_text_are_read_as_each_line_alone_would_be(text: str) -> None:
    assert scan(text) == scan_line_by_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "Title\n=====\n",  # a setext heading whose paragraph is the first line
        "para\n\nmore para\n---\n",  # the underline takes the last line of a run only
        "- item\n---\n",  # a list item is no paragraph
        "```\nbody\n\n```\nafter\n===\n",  # a closed fence: the text after it is a paragraph
        "````\n```\n````\n",  # a shorter run of backticks does not close
        "```\nnever closed\n\n",  # an open fence counts every line to the end, blank ones too
        "<!-- a\n\n[Placeholder]\n-->\ntext\n",  # a comment over lines hides its placeholder
        "- [ ] a\n  ```\n  - [x] b\n  ```\n- [x] c\n",  # a fence inside a list
        "# H\r\n\r\ntext\r\n---\r\n",  # CRLF
        "# H\rtext\r===\r",  # CR
        "---\ntitle: x\n---\nText\n---\n",  # front matter, then a setext heading
    ],
)
def test_plain_runs_around_what_changes_the_reading(text: str) -> None:
    assert scan(text) == scan_line_by_line(text)
