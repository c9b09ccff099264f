"""Fenced code blocks and HTML comments, read line by line: the one reading of both that the
scanner and the query blocks share.
"""

from __future__ import annotations

import enum
import functools
import re

from .inline import code_spans
from .text import LONG_LINE, squeeze_spaces

_FENCE = re.compile(r"^[ \t]*((?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)")
"""An opening fence, at any indentation, or right after a list item's marker (``- ```json``):
its closing fence then closes it, and opens no block of its own."""


def _comment_start(line: str, pos: int) -> int:
    """Where the next ``<!--`` outside inline code starts, or -1."""
    start = line.find("<!--", pos)
    if start < 0 or "`" not in line or len(line) > LONG_LINE:
        return start
    for span_start, span_end in code_spans(line, pos):
        if span_end <= start:
            continue
        if span_start > start:
            return start
        start = line.find("<!--", span_end)
        if start < 0:
            return -1
    return start


@functools.lru_cache(maxsize=64)
def _closing_fence(char: str, length: int) -> re.Pattern[str]:
    """A line of at least ``length`` ``char`` and white space only: what closes a code block
    (:meth:`Fences.read` tells it line by line)."""
    return re.compile(rf"\n[^\S\n]*{re.escape(char)}{{{length},}}[^\S\n]*$", re.MULTILINE)


class Code(enum.Enum):
    """A line of a fenced code block, as :meth:`Fences.read` tells it."""

    OPEN = "open"
    """The opening fence."""
    BODY = "body"
    CLOSE = "close"
    """The closing fence."""


class Fences:
    """Fenced code blocks and HTML comments, read line by line: the one reading of both that
    the scanner and the query blocks (:mod:`mkdocs_specs.query`) share.

    A fence opens on a run of three or more backticks or tildes at any indentation (lists hold
    fences too) and closes on a bare run of its character at least as long. Comments are
    recorded in :attr:`comments` as they close.
    """

    def __init__(self) -> None:
        self.fence: str | None = None
        """The run of backticks or tildes that opened the current block, while in one."""
        self.info = ""
        """The info string of the current block's opening fence (``python``, ``specs``, ...)."""
        self.indent = 0
        """Columns before the current block's opening fence (a tab counts four)."""
        self.in_item = False
        """The current block's fence came right after a list item's marker."""
        self.comments: list[tuple[int, str]] = []
        """HTML comments outside code: (line, whitespace-normalized text)."""
        self.in_comment = False
        self._comment_line = 0
        self._comment_parts: list[str] = []

    def read(self, number: int, raw: str) -> str | Code:
        """The text of line ``number`` outside HTML comments, or what part of a fenced code
        block it is."""
        if self.fence is not None:
            stripped = raw.strip()
            if stripped.startswith(self.fence) and not stripped.strip(self.fence[0]):
                self.fence = None
                return Code.CLOSE
            return Code.BODY
        text = self._strip_comments(raw, number) if self.in_comment or "<!--" in raw else raw
        if "`" in text or "~" in text:
            fence = _FENCE.match(text)
            if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
                self.fence = fence.group(2)
                self.info = fence.group(3).strip()
                self.indent = len(text[: fence.start(2)].expandtabs(4))
                self.in_item = fence.group(1) is not None
                return Code.OPEN
        return text

    def closing(self, text: str, pos: int) -> int:
        """Where the line end before the line that closes the current block is in ``text``
        (LF line ends), searching from ``pos``, a line end; -1 when the block runs to the end."""
        assert self.fence is not None
        found = _closing_fence(self.fence[0], len(self.fence)).search(text, pos)
        return -1 if found is None else found.start()

    def finish(self) -> None:
        """Record a comment left open at the end of the text: it runs to the end."""
        if self.in_comment:
            self.in_comment = False
            self._close_comment()

    def _strip_comments(self, line: str, number: int) -> str:
        """Return ``line`` without its HTML comments, recording each comment once it closes."""
        visible: list[str] = []
        pos = 0
        while True:
            if self.in_comment:
                end = line.find("-->", pos)
                if end < 0:
                    self._comment_parts.append(line[pos:])
                    return "".join(visible)
                self._comment_parts.append(line[pos:end])
                pos = end + 3
                self.in_comment = False
                self._close_comment()
            start = _comment_start(line, pos)
            if start < 0:
                visible.append(line[pos:])
                return "".join(visible)
            visible.append(line[pos:start])
            pos = start + 4
            self.in_comment = True
            self._comment_line = number

    def _close_comment(self) -> None:
        text = squeeze_spaces(" ".join(self._comment_parts))
        self.comments.append((self._comment_line, text))
        self._comment_parts = []
