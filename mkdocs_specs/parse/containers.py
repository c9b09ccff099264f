"""The blocks Markdown nests others in by indenting them: list items, and the admonitions
(``!!! note``), collapsible details (``??? info``), content tabs (``=== "Tab"``), definitions
(``:   ``) and footnotes (``[^1]:``) of Python Markdown and PyMdown Extensions, whose content
is indented four spaces from their opening line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

TAB = 4
"""Python Markdown's ``tab_length``: the indentation of a container's content."""

_OPENER = re.compile(
    r"^(?:(?P<list>(?:[*+-]|\d{1,9}\.)(?:[ \t]|$))"
    r"|(?P<admonition>!!![ \t]*[\w-])"
    r"|(?P<details>\?\?\?\+?[ \t]*[\w-])"
    r'|(?P<tab>===[!+]{0,2}[ \t]+")'
    r"|(?P<definition>:[ \t])"
    r"|(?P<footnote>\[\^[^\]\s]+\]:))"
)
"""The start of a line, without its indentation, that opens a container: the group that
matches names its kind."""


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

    def __init__(self, unread: Mapping[str, str] | None = None) -> None:
        self.unread = unread or {}
        """Kind of container (``admonition``, ``details``, ``tab``, ``definition``,
        ``footnote``) → what would read it, for those the page's Markdown does not read: the
        lines it holds are then an indented code block."""
        self._columns: list[int] = []
        """The column of the content of each open container, outermost first."""
        self._kinds: list[str] = []

    @property
    def column(self) -> int:
        """The column the content of the innermost open container starts at (0 outside)."""
        return self._columns[-1] if self._columns else 0

    @property
    def needs(self) -> str:
        """What would read an open container that the page's Markdown does not read, or
        ``""``."""
        return next((self.unread[k] for k in self._kinds if k in self.unread), "")

    def read(self, line: str) -> None:
        """Take in a line outside code: it may close containers and open one."""
        if not line.strip():
            return
        indent = indent_of(line)
        while self._columns and indent < self._columns[-1]:
            self._columns.pop()
            self._kinds.pop()
        opener = _OPENER.match(line.lstrip(" \t")) if self.holds(indent) else None
        if opener is not None:
            self._columns.append(indent + TAB)
            self._kinds.append(opener.lastgroup or "")

    def holds(self, indent: int) -> bool:
        """Whether a block indented ``indent`` columns starts in the innermost container (at
        most three columns into it), not as an indented code block."""
        return 0 <= indent - self.column <= 3


CONTAINER_EXTENSIONS = {
    "admonition": ("admonition",),
    "details": ("pymdownx.details",),
    "tab": ("pymdownx.tabbed",),
    "definition": ("def_list", "extra"),
    "footnote": ("footnotes", "extra"),
}
"""Kind of container → the Markdown extensions that read it, the one to name first."""


def unread_containers(extensions: Sequence[str] | None) -> dict[str, str]:
    """Kind of container → the extension that would read it, for the containers that none of
    ``extensions`` (a site's ``markdown_extensions``) reads; none when they are not known."""
    if extensions is None:
        return {}
    names = {name.removeprefix("markdown.extensions.") for name in extensions}
    return {
        kind: readers[0]
        for kind, readers in CONTAINER_EXTENSIONS.items()
        if names.isdisjoint(readers)
    }
