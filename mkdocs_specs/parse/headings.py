"""Headings as MkDocs reads them (``#`` and setext), and the key under which one is matched
against a type's required sections.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from .text import squeeze_spaces

SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)])\s+", re.IGNORECASE)


_ATTR_LIST = re.compile(r"^\{[ \t]*(?::[ \t]*)?[#.\w][^{}]*\}[ \t]*$")
"""attr_list's braces at the end of a heading, matched on the text from its last ``{``."""


_SHORTCODES = re.compile(r"^(?::[\w+-]+:\s*)+")


_ASIDE = re.compile(r"(?<=\S)\s*\([^()]*\)\s*$")
"""A trailing remark in parentheses: spec-kit's `## Requirements *(mandatory)*`."""


@functools.lru_cache(maxsize=4096)  # documents of one template repeat the same headings
def atx_heading(line: str) -> tuple[int, str] | None:
    """``(level, text)`` of a ``#`` heading line, or ``None``.

    As Python-Markdown reads them (MkDocs' renderer): no space is needed after the hashes, and
    closing hashes are dropped.
    """
    text = line.lstrip(" ")
    if not text.startswith("#") or len(line) - len(text) > 3:
        return None
    body = text.lstrip("#")
    level = len(text) - len(body)
    if level > 6:
        return None
    return level, body.strip(" \t").rstrip("#").rstrip(" \t")


def ends_heading(line: str) -> bool:
    """True for the last line of a heading: a ``#`` heading, or a setext underline."""
    return atx_heading(line) is not None or SETEXT.match(line) is not None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Mac Roman or Windows-1252, giving back the emoji."""
    if text.isascii():
        return text
    for codec in ("mac_roman", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _mangled(char: str) -> bool:
    """True for what UTF-8 read as Mac Roman or Windows-1252 turns an emoji into: accented
    Latin-1 letters, typographic punctuation, private-use characters and symbols."""
    code = ord(char)
    return (
        0x80 <= code < 0x250
        or 0x2000 <= code < 0x2200
        or 0xE000 <= code < 0xF900
        or not char.isalnum()
    )


@functools.lru_cache(maxsize=4096)  # documents of one template repeat the same headings
def normalize_heading(text: str) -> str:
    """The key under which a heading is matched against required sections.

    Case is ignored, and so are leading emoji, symbols and numbering (``### ✅ Completed``,
    ``### Completed``, the mangled form of the same heading and ``## 3. completed`` all give
    ``completed``), Markdown emphasis, a trailing remark in parentheses
    (``## Requirements *(mandatory)*``), trailing colons and repeated white space.
    """
    text = _SHORTCODES.sub("", unicodedata.normalize("NFKC", repair_mojibake(text)))
    text = text.replace("*", "").replace("_", " ").replace("`", "")
    head, _, rest = text.strip().partition(" ")
    if head and all(_mangled(c) for c in head) and any(c.isascii() and c.isalpha() for c in rest):
        # A mangled emoji whose invisible first character was lost in copying: `üìù Planned`.
        text = rest
    start = 0
    while start < len(text) and not text[start].isalnum():
        start += 1
    text = _NUMBERING.sub("", _ASIDE.sub("", text[start:]))
    return squeeze_spaces(text).rstrip(":.").strip().casefold()


@functools.lru_cache(maxsize=4096)
def section_title(title: str) -> tuple[str, str]:
    """A heading's title and its key: ``## Overview {#overview}`` is ``Overview`` (the braces
    are attr_list's, not text). Documents of one template repeat their headings: one string
    for each."""
    brace = title.rfind("{")
    if brace >= 0 and _ATTR_LIST.match(title[brace:]):
        title = title[:brace].rstrip(" \t")
    return sys.intern(title), normalize_heading(title)
