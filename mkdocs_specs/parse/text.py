"""From bytes to lines: decoding, line ends, and where the front matter ends.

Line numbers are counted as editors count them (LF, CRLF and CR each end a line); front matter
opens with ``---`` on the first line and closes with ``---`` or ``...``: the one place that
says so.
"""

from __future__ import annotations

import re

from ..findings import Reporter

_BOM = b"\xef\xbb\xbf"

_SPACES = re.compile(r"\s+")


def squeeze_spaces(text: str) -> str:
    """``text`` with every run of white space (line ends too) one space, and none at its ends."""
    return _SPACES.sub(" ", text).strip()


LONG_LINE = 20_000
"""Lines longer than this are not searched for inline code, placeholders or metadata: a bound
on the work one pathological line can cause."""


def line_of(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset``, with LF, CRLF and CR all ending a line."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def too_large(size: int, max_size: int) -> str:
    """What an ``unreadable`` finding says of a file larger than ``max_file_size``."""
    return f"the file is {size:,} bytes; expected at most {max_size:,} (the max_file_size setting)"


def decode(path: str, data: bytes, max_size: int, report: Reporter) -> str | None:
    """The file's text, or ``None`` after an ``unreadable`` finding."""
    if len(data) > max_size:
        report("unreadable", None, too_large(len(data), max_size))
        return None
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        report(
            "unreadable",
            line_of(data, nul),
            "the file holds NUL bytes, so it is binary; expected Markdown text",
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = line_of(data, error.start)
        report(
            "unreadable",
            line,
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} "
            f"at offset {error.start}); expected UTF-8 text",
        )
        return None


def with_lf(text: str) -> str:
    """``text`` with every CRLF and CR line end made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and CR only, as editors count lines."""
    return with_lf(text).split("\n")


def body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter: 0 when there is none.

    Front matter opens with ``---`` on the first line and closes with ``---`` or ``...``.
    """
    if lines and lines[0].rstrip(" \t") == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip(" \t") in ("---", "..."):
                return index + 1
    return 0
