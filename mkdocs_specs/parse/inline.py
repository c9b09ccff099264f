"""Inline Markdown the reading needs to tell apart: code spans, links, marked sections and a
value wholly in backticks. Every function here takes time linear in its text.
"""

from __future__ import annotations

import re
from collections.abc import Container

_BACKTICKS = re.compile(r"`+")


def code_spans(line: str, pos: int = 0) -> list[tuple[int, int]]:
    """Where the inline code spans of ``line`` (from ``pos``) start and end, as CommonMark
    reads them: a run of backticks opens one, and the next run of exactly as many closes it; a
    run that nothing closes is text. Linear in the length of the line, whatever it holds."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line, pos)]
    if len(runs) < 2:
        return []
    # The next run of the same length after each run, found from the end in one pass.
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
        else:
            spans.append((runs[index][0], runs[closing][1]))
            index = closing + 1
    return spans


def without_code(line: str) -> str:
    """``line`` without its inline code spans."""
    pieces, pos = [], 0
    for start, end in code_spans(line):
        pieces.append(line[pos:start])
        pos = end
    pieces.append(line[pos:])
    return "".join(pieces)


_MARKED_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")


MARKED_SECTIONS = frozenset(("temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"))
"""The names after ``<![`` that Python's HTML parser reads (``<![CDATA[``, ``<![if ...]>``)."""


def refused_marked_section(text: str) -> bool:
    """True when ``text`` holds ``<![`` followed by no name of :data:`MARKED_SECTIONS`:
    Python's HTML parser (before Python 3.13), which MkDocs runs over the text of every page,
    raises on it and stops the whole build."""
    start = text.find("<![")
    while start >= 0:
        name = _MARKED_SECTION_NAME.match(text, start + 3)
        if name is None or name.group().lower() not in MARKED_SECTIONS:
            return True
        start = text.find("<![", start + 3)
    return False


def defuse_marked_sections(text: str) -> str:
    """``text`` with each ``<![`` that :func:`refused_marked_section` finds written
    ``&lt;![``, which shows the same outside code and which the parser reads as text."""
    pieces, pos = [], 0
    start = text.find("<![")
    while start >= 0:
        name = _MARKED_SECTION_NAME.match(text, start + 3)
        if name is None or name.group().lower() not in MARKED_SECTIONS:
            pieces.append(text[pos:start] + "&lt;")
            pos = start + 1
        start = text.find("<![", start + 3)
    pieces.append(text[pos:])
    return "".join(pieces)


_REFERENCE_LINK = re.compile(r"^\[[^\[\]\n]+\]\[[^\[\]\n]*\]$")


def is_link(text: str, labels: Container[str]) -> bool:
    """True for text that is a link, though in brackets: a reference link (``[RFC-0155][]``,
    ``[unwind][project-group]``), or a bracket whose text is the label of one of the file's
    link definitions (``labels``, case folded), which Markdown reads as a link."""
    if _REFERENCE_LINK.match(text):
        return True
    return text[:1] == "[" and text[-1:] == "]" and text[1:-1].strip().casefold() in labels


def unwrap_code(value: str) -> str:
    """A metadata value wholly in backticks (``**Feature Branch**: `001-x` ``) without them."""
    if len(value) > 2 and value[0] == value[-1] == "`" and "`" not in value[1:-1]:
        return value[1:-1].strip()
    return value


_BR = ("<br>", "<br/>", "<br />")


_HARD_BREAKS = ("\\", *_BR)


def breaks_line(line: str) -> bool:
    """True when Python-Markdown breaks ``line`` where it ends: two spaces or a ``<br>`` (it
    shows CommonMark's backslash as written)."""
    return line.endswith("  ") or line.rstrip().lower().endswith(_BR)


def line_value(text: str) -> str:
    """The value of a ``Key: value`` line as written: without the hard line break that ends it
    (``Last updated: January 26, 2017<br>``, ``**Status**: Draft\\``), and without backticks
    around it all."""
    value = text.strip()
    for mark in _HARD_BREAKS:
        if value.lower().endswith(mark):
            value = value[: -len(mark)]
            break
    return unwrap_code(value.strip())


LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\((?P<target>[^()\s]*)(?:[ \t][^()\n]*)?\)")
"""A Markdown link, ``[text](target "title")``: owners and statuses read it as its text
(`[Jane Doe](https://github.com/jdoe)` → `Jane Doe`), relations follow its target. Neither
part holds brackets or parentheses of its own, which keeps the pattern from backtracking."""


_MARKS = re.compile(r"[*_`~]+")


def without_markup(text: str) -> str:
    """``text`` as it reads: without emphasis, code or strike-through marks, and with its links
    read as their text (``**[Accepted](x.md)**`` → ``Accepted``)."""
    return _MARKS.sub("", LINK.sub(r"\1", text))
