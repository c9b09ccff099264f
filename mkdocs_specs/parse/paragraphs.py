"""Where Python-Markdown, which MkDocs renders with, runs lines into one paragraph that a reader
of the file sees apart: a list written right under a paragraph line (``**Acceptance
Criteria:**`` over ``- [ ] ...``, which GitHub shows as a list and the checklists count), and
``**Key**: value`` lines one under the other.

Lines are read in blocks, as Python-Markdown reads them (a blank line ends one); only a paragraph
that starts at the margin is looked into. Code (fenced and indented), HTML blocks, tables, block
quotes, lists and what continues them are left as they are.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..model import RunOnLines, text_digest
from .fences import Code, Fences
from .headings import SETEXT, atx_heading
from .inline import breaks_line
from .outline import in_paragraph, is_key_line
from .tasks import opens_list

_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
"""A horizontal rule (``---``, ``* * *``), which Python-Markdown finds anywhere in a block."""


_HTML_TAG = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
"""A line that opens with an HTML tag (not an autolink such as ``<https://...>``)."""


_VOID = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    )
)
"""Tags that close nothing: an HTML block they open ends with its line."""


_TABLE_RULE = re.compile(r"^[ \t|:-]*$")
"""The line under a table's header (``---|:--:``), with a ``|`` and a ``-`` in it."""


HARD_BREAK = "  "
"""What ends a line to break it where it ends, in Python-Markdown: two spaces."""


class _Block(enum.Enum):
    START = "start"
    """After a blank line (or a heading): the next line opens a block."""
    PARAGRAPH = "paragraph"
    """In a paragraph that opened at the margin."""
    OTHER = "other"
    """In any other block: a list, a table, a quote, code, or text that is indented."""


class RunOns(NamedTuple):
    """Lines (0-based indexes) that Python-Markdown would run into the paragraph above them."""

    lists: list[int]
    """Lines that open a list right under a paragraph line: a blank line goes before each."""
    key_lines: list[int]
    """Lines of a paragraph of ``**Key**: value`` lines that another such line follows: each
    ends in a hard line break (:data:`HARD_BREAK`)."""


def run_ons(lines: Sequence[str], first: int = 0) -> RunOns:
    """The run-on lines of ``lines`` from the index ``first`` (the line after any front
    matter), in order.

    A list opens under a paragraph line as CommonMark lets one, and GitHub shows it: on a
    bullet or the number 1, with text after it (``2019. It shipped`` wrapped onto a line of its
    own is text). A line of a paragraph gets a hard break when a ``**Key**: value`` line
    follows it and one is at or above it (a value wrapped onto the next line stays one).
    """
    found = RunOns([], [])
    fences = Fences()
    state = _Block.START
    keys = False  # the paragraph holds a `**Key**: value` line so far
    closing: str | None = None  # the end tag of the HTML block the lines are in
    for index in range(first, len(lines)):
        raw = lines[index]
        text = fences.read(index + 1, raw)
        if isinstance(text, Code):
            # Python-Markdown takes a fenced block out of the text: a paragraph may open after it.
            top = text is Code.CLOSE and fences.indent == 0 and not fences.in_item
            state = _Block.START if top else _Block.OTHER
            continue
        if closing is not None:
            if closing in text.lower():
                closing, state = None, _Block.OTHER
            continue
        if not text.strip():
            # A blank line, or a comment alone on its lines: Python-Markdown ends a block there.
            state = _Block.START
            continue
        if text != raw or _RULE.match(text) or atx_heading(text) is not None:
            # A line with a comment in it is left alone; a rule or a heading ends the block.
            state = _Block.OTHER if text != raw else _Block.START
            continue
        if state is _Block.PARAGRAPH and SETEXT.match(text):
            state = _Block.START  # the paragraph was a heading
            continue
        tag = _HTML_TAG.match(text)
        if tag is not None:
            name = tag.group(1).lower()
            if name not in _VOID and f"</{name}" not in text.lower():
                closing = f"</{name}"
            state = _Block.OTHER
            continue
        if state is _Block.START:
            if not text[0].isspace() and in_paragraph(text):
                state, keys = _Block.PARAGRAPH, is_key_line(text)
            else:
                state = _Block.OTHER
        elif state is _Block.PARAGRAPH:
            if text.lstrip()[0] in ">|" or (
                "|" in text and "-" in text and _TABLE_RULE.match(text) is not None
            ):
                state = _Block.OTHER  # a quote, or the table the line above is the header of
            elif opens_list(text):
                found.lists.append(index)
                state = _Block.OTHER
            elif is_key_line(text):
                if keys and not breaks_line(lines[index - 1]):
                    found.key_lines.append(index - 1)
                keys = True
    return found


def first_text(lines: Sequence[str], first: int) -> int:
    """The index of the first line from ``first`` that is not blank (``len(lines)`` if none):
    where a page's text starts, whether or not its host kept the blank lines above it."""
    while first < len(lines) and not lines[first].strip():
        first += 1
    return first


def run_on_lines(lines: Sequence[str], first: int) -> RunOnLines:
    """:func:`run_ons` from ``first`` (the line after the front matter), kept with the
    document it was read from: the blank lines above change nothing, so the lines are counted
    from the first line of text, where a build finds them again (:func:`known_run_ons`)."""
    start = first_text(lines, first)
    found = run_ons(lines, start)
    return RunOnLines(
        tuple(index - start for index in found.lists),
        tuple(index - start for index in found.key_lines),
        text_digest(lines[start:]),
    )


def known_run_ons(known: RunOnLines | None, lines: Sequence[str], first: int) -> RunOns:
    """:func:`run_ons` of ``lines`` from ``first``: taken from ``known`` when the text from
    its first line of text on is the text it was worked out from, else read."""
    start = first_text(lines, first)
    if known is not None and text_digest(lines[start:]) == known.digest:
        return RunOns(
            [start + index for index in known.lists],
            [start + index for index in known.key_lines],
        )
    return run_ons(lines, start)


def with_break(line: str) -> str:
    """``line`` ending in a hard line break, in place of CommonMark's backslash if it has one
    (which Python-Markdown would show)."""
    body = line.rstrip()
    if (len(body) - len(body.rstrip("\\"))) % 2:
        body = body[:-1]
    return body + HARD_BREAK


def with_lists_apart(lines: Sequence[str], first: int = 0) -> list[str]:
    """``lines`` with a blank line before each list that opens right under a paragraph line
    (see :func:`run_ons`)."""
    result = list(lines)
    for index in reversed(run_ons(lines, first).lists):
        result.insert(index, "")
    return result
