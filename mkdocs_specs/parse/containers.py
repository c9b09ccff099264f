"""The blocks Markdown nests others in by indenting them: list items, and the admonitions
(``!!! note``), collapsible details (``??? info``), content tabs (``=== "Tab"``), definitions
(``:   ``) and footnotes (``[^1]:``) of Python Markdown and PyMdown Extensions, whose content
is indented four spaces from their opening line.
"""

from __future__ import annotations

import re

TAB = 4
"""Python Markdown's ``tab_length``: the indentation of a container's content."""

_OPENER = re.compile(
    r"^(?:(?:[*+-]|\d{1,9}\.)(?:[ \t]|$)"  # a list item
    r"|!!![ \t]*[\w-]"  # an admonition
    r"|\?\?\?\+?[ \t]*[\w-]"  # collapsible details
    r'|===[!+]{0,2}[ \t]+"'  # a content tab
    r"|:[ \t]"  # a definition
    r"|\[\^[^\]\s]+\]:)"  # a footnote
)
"""The start of a line, without its indentation, that opens a container."""


def indent_of(line: str) -> int:
    """Columns before the first character of ``line`` that is not white space (a tab counts
    four); the length of a line of white space only."""
    text = line[: len(line) - len(line.lstrip(" \t"))]
    return len(text.expandtabs(TAB))


class Containers:
    """The containers open at each line of a page, read line by line outside code and
    comments (:class:`~mkdocs_specs.parse.fences.Fences` tells them): what column a block
    starts at in the innermost one.

    A container opens on a line that starts a list item, an admonition, a details block or a
    content tab at most three columns into the container around it, and stays open while the
    lines that are not blank are indented at least four columns more than that line.
    """

    def __init__(self) -> None:
        self._columns: list[int] = []
        """The column of the content of each open container, outermost first."""

    @property
    def column(self) -> int:
        """The column the content of the innermost open container starts at (0 outside)."""
        return self._columns[-1] if self._columns else 0

    def read(self, line: str) -> None:
        """Take in a line outside code: it may close containers and open one."""
        if not line.strip():
            return
        indent = indent_of(line)
        while self._columns and indent < self._columns[-1]:
            self._columns.pop()
        if self.holds(indent) and _OPENER.match(line.lstrip(" \t")):
            self._columns.append(indent + TAB)

    def holds(self, indent: int) -> bool:
        """Whether a block indented ``indent`` columns starts in the innermost container (at
        most three columns into it), not as an indented code block."""
        return 0 <= indent - self.column <= 3
