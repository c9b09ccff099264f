"""A generated page's body as its host's Markdown wants it: the headings as Markdown headings, so
that the host's own table of contents, permalinks and title logic see them (one ``<h1>``, a table
of contents), and the HTML between them as pieces the host puts back after rendering, so that
neither Markdown nor the search index reads the tables.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_HEADING = re.compile(r"<h([1-6])(?:\s[^<>]*)?>([^<>]*)</h\1>")
"""A heading of plain text (its text escaped, as the templates write it): one with markup inside
stays HTML, since Markdown could not say it the same."""

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")

MAX_HEADING = 200
"""The longest heading text given to Markdown, which reads each character reference of a
heading in time that grows with the square of their number: a group's name that is longer (a
status of a whole paragraph) is cut there, with an ellipsis; the page's title keeps it whole."""


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    """Plain text, unescaped."""

    @property
    def markdown(self) -> str:
        """The heading in Markdown, every punctuation mark a character reference so that no
        Markdown extension reads its text as syntax (``*``, ``@name``, ``{#id}``, ``==``)."""
        text = " ".join(self.text.split())
        if len(text) > MAX_HEADING:
            text = text[: MAX_HEADING - 1] + "…"
        escaped = _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)
        return f"{'#' * self.level} {escaped}"


def split_headings(body: str) -> list[str | Heading]:
    """``body`` cut at its headings: the HTML before, between and after them (each a string,
    none empty), and each heading."""
    parts: list[str | Heading] = []
    at = 0
    for match in _HEADING.finditer(body):
        if match.start() > at and body[at : match.start()].strip():
            parts.append(body[at : match.start()])
        parts.append(Heading(int(match.group(1)), html.unescape(match.group(2))))
        at = match.end()
    if body[at:].strip():
        parts.append(body[at:])
    return parts


def pieces(body: str) -> list[str]:
    """The HTML between ``body``'s headings, in order: what the markers of its Markdown
    stand for."""
    return [part for part in split_headings(body) if isinstance(part, str)]
