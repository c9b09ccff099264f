"""One pass over a Markdown document: front matter, headings, sections, checklists and residue.

The scanner knows just enough Markdown to be right where documents disagree with a naive
reading: fenced code blocks (```` ``` ```` and ``~~~``, at any indentation) and HTML comments
hide headings, task items and placeholders; ATX and setext headings both open sections; inline
code spans hide placeholders. Everything the later stages need is collected in this one pass,
so no document is scanned twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Progress, Section
from .fences import Code, Fences
from .headings import SETEXT, atx_heading, section_title
from .inline import line_value, refused_marked_section, without_code
from .tasks import is_empty_item, match_task
from .text import LONG_LINE, body_start, with_lf

_LIST_OR_QUOTE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]|$)")


# Where a line may be more than plain text: by how it starts (found by the line end before it),
# a `#` heading, a setext underline, a fence or an empty list item; or by what it holds, a task
# item or a placeholder (`[`) or a comment. The lines found are read one by one, so finding
# more than needed costs only time; each pattern starts with one character, which the search
# skips to quickly.
_NOTABLE = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        r"\n[ \t>]*(?:[#=~`]|[-*+][- \t]*$|\d+[.)][ \t]*$|(?:[-*+]|\d+[.)])[ \t]+(?:`{3}|~{3}))",
        r"\[",
        "<!--",
    )
)


_BOLD = re.compile(r"\*\*")
"""Bold text, which may be a ``**Key**: value`` line while the opening may still hold them."""


# `[Text]` that is not a link (`[a](b)`, `[a][b]`, `[a]:`), an image, a footnote or escaped.
_BRACKETS = re.compile(r"(?<![\]!\\])\[([^\[\]\n^][^\[\]\n]*)\](?![(\[:])")


_LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:")
"""A link reference definition: ``[label]: destination``."""


_META = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\*\*([^*\n]+?)(?::\*\*|\*\*[ \t]*:)[ \t]*(.*)")


# A match may start in a run of white space only at its start (`(?<![ \t])`): tried at every
# position of a long run, `[ \t]+` would cost the square of its length.
_META_SPLIT = re.compile(r"(?<![ \t])([ \t]+[|\u00b7\u2022][ \t]+)(?=\*\*)")


_NO_TASKS = Progress()
"""A new section's progress (the value is frozen, so one is enough)."""


@dataclass(frozen=True)
class MetaLine:
    """A ``**Key**: value`` pair from the document's opening."""

    line: int
    key: str
    value: str
    section: str | None = None
    """``None`` in the opening (before the first heading below the title); else the key of
    the first section, which holds them when the opening holds none."""


@dataclass
class Outline:
    """What one pass over a document found. Line numbers are 1-based, counted in the whole file."""

    front_matter: str | None = None
    """The YAML between the ``---`` fences, or ``None`` when the file has no front matter."""
    front_matter_line: int = 0
    """Line of the first YAML line (the one after the opening ``---``)."""
    body_line: int = 1
    """First line after the front matter."""
    line_count: int = 0
    h1: str | None = None
    h1_line: int | None = None
    sections: list[Section] = field(default_factory=list)
    preamble: Progress = field(default_factory=Progress)
    """Task items before the first heading."""
    comments: list[tuple[int, str]] = field(default_factory=list)
    """HTML comments outside code: (line, whitespace-normalized text)."""
    placeholders: list[tuple[int, str]] = field(default_factory=list)
    """``[Bracketed]`` text outside code and comments: (line, text with brackets)."""
    link_labels: set[str] = field(default_factory=set)
    """The labels of the link reference definitions (``[Jane Doe]: https://...``), case
    folded: a bracket with such a label is a link, not a placeholder."""
    empty_items: list[int] = field(default_factory=list)
    unsafe_html: list[int] = field(default_factory=list)
    """Lines holding ``<![`` that opens no marked section (see :func:`refused_marked_section`)."""
    meta_lines: list[MetaLine] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)
    """Lines outside code fences, with comments removed: (line, text)."""

    @property
    def progress(self) -> Progress:
        """Every task item of the document."""
        parts = [
            self.preamble,
            *(section.progress for section in self.sections if section.progress),
        ]
        if len(parts) == 1:
            return self.preamble
        return Progress(
            sum(p.done for p in parts), sum(p.total for p in parts), sum(p.started for p in parts)
        )


def in_paragraph(text: str) -> bool:
    """True when a line of text (not blank, no task item) continues or starts a paragraph, whose
    last line a setext underline would make a heading."""
    return not _LIST_OR_QUOTE.match(text) and text.lstrip()[0] not in "<|"


class _Scanner:
    """The state of one pass; :func:`scan` is the public entry point.

    Most lines of a document are plain text, which can only be prose, count as a section's
    content and end or continue a paragraph (for a setext underline). Only the lines that
    :data:`_NOTABLE` finds are read one by one; the runs of plain text between them are taken
    whole, and so is the body of a code block.
    """

    def __init__(self) -> None:
        self.out = Outline()
        self.section: Section | None = None
        self.parents: list[Section] = []
        self.fences = Fences()
        self.out.comments = self.fences.comments
        self.prev_paragraph: tuple[int, str] | None = None
        self.meta_state = "preamble"  # then "first-section", then "done"
        self.done = self.total = self.started = 0
        """Task items counted under the current heading (or before the first one)."""

    def run(self, text: str, lines: list[str], first: int, pos: int) -> Outline:
        """Read ``lines`` from the index ``first``. ``text`` is a line end followed by the
        lines joined with LF; ``pos`` is where the line end before line ``first`` is in it."""
        self._walk(text, lines, first, pos)
        self.fences.finish()
        self._close_checklist()
        return self.out

    def _walk(self, text: str, lines: list[str], index: int, pos: int) -> None:
        """Read ``lines`` from ``index`` on; ``pos`` is the line end before it in ``text``."""
        fences, count, last, never = self.fences, text.count, len(lines), len(text)
        # Every place _NOTABLE finds, in order, and every bold text, each list closed by a place
        # past the text: the next place at or after `pos` is the next line to read alone (when
        # not in code or a comment).
        marks = sorted(
            [found.start() for pattern in _NOTABLE for found in pattern.finditer(text, pos)]
        )
        marks.append(never)
        bold = [found.start() for found in _BOLD.finditer(text, pos)]
        bold.append(never)
        while index < last:
            # `start`: the line end before a line to read alone, or a place in that line.
            if fences.fence is not None:
                start = fences.closing(text, pos)
                end = last if start < 0 else index + count("\n", pos + 1, start + 1)
                self._count_content(end - index)  # the block's body
            elif fences.in_comment:
                start, end = pos, index
            else:
                start = marks[bisect_left(marks, pos)]
                if self.meta_state != "done":
                    start = min(start, bold[bisect_left(bold, pos)])
                end = last if start == never else index + count("\n", pos + 1, start + 1)
                if end > index:
                    self._plain(lines, index, end)
            if end == last:
                return
            self.line(end + 1, lines[end])
            pos = text.find("\n", start + 1)
            index = end + 1

    def _plain(self, lines: list[str], start: int, end: int) -> None:
        """Lines ``start`` to ``end`` (0-based, ``end`` excluded, at least one): plain text or
        blank."""
        last = lines[end - 1]
        if end - start == 1 and not last.strip():
            self.prev_paragraph = None  # the usual single blank line
            return
        prose = [(i, t) for i, t in enumerate(lines[start:end], start + 1) if t.strip()]
        self.out.prose += prose
        self._count_content(len(prose))
        self.prev_paragraph = (end, last) if last.strip() and in_paragraph(last) else None

    def line(self, number: int, raw: str) -> None:
        """Read one line that is not a blank line outside code and comments."""
        text = self.fences.read(number, raw)
        if isinstance(text, Code):
            self.prev_paragraph = None
            self._count_content(1)
            return
        if not text.strip():
            self.prev_paragraph = None
            return
        if "<![" in text and refused_marked_section(text):
            self.out.unsafe_html.append(number)
        heading = atx_heading(text) if "#" in text[:4] else None
        if heading:
            self._open_section(heading[0], heading[1], number, number)
            return
        if self.prev_paragraph is not None and SETEXT.match(text):
            line, title = self.prev_paragraph
            if self.section is not None:
                self.section.content_lines -= 1
            self._open_section(1 if text.strip()[0] == "=" else 2, title.strip(), line, number)
            return
        self.out.prose.append((number, text))
        if self.section is not None:
            self.section.content_lines += 1
        task = match_task(text) if "[" in text else None
        if task is not None:
            if not task.optional:
                self.done += task.checked
                self.total += 1
                self.started += task.started
            scan_from = task.text_start
        else:
            scan_from = 0
            # An empty item cannot interrupt a paragraph: `1681.` wrapped onto a line of its
            # own is text.
            if is_empty_item(text) and self.prev_paragraph is None:
                self.out.empty_items.append(number)
        if len(text) <= LONG_LINE:
            if self.meta_state != "done" and "**" in text:
                self._meta(number, text)
            if text.find("[", scan_from) >= 0:
                self._placeholders(number, text[scan_from:])
                if "]:" in text:
                    self._definition(text)
        self.prev_paragraph = (number, text) if task is None and in_paragraph(text) else None

    def _count_content(self, lines: int) -> None:
        if self.section is not None:
            self.section.content_lines += lines

    def _close_checklist(self) -> None:
        """Give the task items counted so far to the current section (or the preamble)."""
        if self.total:
            done = Progress(self.done, self.total, self.started)
            if self.section is None:
                self.out.preamble = done
            else:
                self.section.progress = done
            self.done = self.total = self.started = 0

    def _open_section(self, level: int, title: str, line: int, end_line: int) -> None:
        self._close_checklist()
        self.prev_paragraph = None
        title, key = section_title(title)
        section = Section(title, level, line, end_line, key, _NO_TASKS)
        if "[" in title:
            self._placeholders(line, title)
        while self.parents and self.parents[-1].level >= level:
            self.parents.pop()
        if self.parents:
            self.parents[-1].has_children = True
        self.parents.append(section)
        self.out.sections.append(section)
        self.section = section
        if level == 1 and self.out.h1 is None:
            self.out.h1, self.out.h1_line = title, line
        if self.meta_state == "preamble" and level >= 2:
            self.meta_state = "done" if self.out.meta_lines else "first-section"
        elif self.meta_state == "first-section":
            self.meta_state = "done"

    def _meta(self, number: int, text: str) -> None:
        for match in _meta_pairs(text.strip()):
            if match:
                value = line_value(match.group(2))
                first = self.meta_state == "first-section"
                section = self.section.key if first and self.section is not None else None
                key = match.group(1).strip()
                self.out.meta_lines.append(MetaLine(number, key, value, section))

    def _definition(self, text: str) -> None:
        definition = _LINK_DEFINITION.match(text)
        if definition:
            self.out.link_labels.add(definition.group(1).strip().casefold())

    def _placeholders(self, number: int, text: str) -> None:
        if "`" in text:
            text = without_code(text)
        for match in _BRACKETS.finditer(text):
            inner = match.group(1).strip()
            if inner and inner.lower() != "x":
                self.out.placeholders.append((number, match.group(0)))


def _meta_pairs(text: str) -> list[re.Match[str] | None]:
    """The ``**Key**: value`` pairs of a line split on `` | ``: a match for each pair, ``None``
    for each separator and for text that is no pair."""
    parts = _META_SPLIT.split(text)
    return [_META.match(part) if i % 2 == 0 else None for i, part in enumerate(parts)]


def is_key_line(text: str) -> bool:
    """True for a line that opens with a ``**Key**: value`` pair, as :func:`scan` reads them."""
    return text.startswith("**") and len(text) <= LONG_LINE and _meta_pairs(text)[0] is not None


def fill_meta_line(line: str, value_for: Callable[[str], str | None]) -> str:
    """``line`` with the value of each ``**Key**: value`` pair replaced by ``value_for(key)``
    (a pair for which it returns ``None`` is kept), read as :func:`scan` reads such lines."""
    parts = _META_SPLIT.split(line)
    for index, match in enumerate(_meta_pairs(line)):
        if match is None:
            continue
        new = value_for(match.group(1).strip())
        if new is None:
            continue
        old = match.group(2)
        body = old.rstrip()
        tail = old[len(body) :]
        if body.endswith("\\"):  # a hard line break stays one
            tail = "\\" + tail
        parts[index] = parts[index][: match.start(2)] + new + tail
    return "".join(parts)


def scan(text: str, scanner: type[_Scanner] = _Scanner) -> Outline:
    """Scan a decoded Markdown document (BOM already removed) in one pass.

    ``scanner`` is for the tests, which compare the scanner with a plainer one.
    """
    text = "\n" + with_lf(text)
    lines = text[1:].split("\n")
    first = body_start(lines)
    outline = scanner().run(text, lines, first, sum(map(len, lines[:first])) + first)
    outline.body_line = first + 1
    outline.line_count = len(lines)
    if first:
        outline.front_matter = "\n".join(lines[1 : first - 1]) + "\n"
        outline.front_matter_line = 2
    return outline
