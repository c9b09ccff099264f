"""Task-list items: what counts as a checklist item, and whether it is checked.

The outline scanner calls :func:`match_task` on every line outside code fences and HTML
comments, so this is the one place that defines the syntax.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A list marker (bullet or number, optionally inside block quotes), then a checkbox followed by
# white space or the end of the line: `- [ ] a`, `* [X] b`, `1. [x] c`, `> - [ ] d`. Kiro's task
# lists add `- [-]` (in progress) and a star for optional items, after the box (`- [ ]* a`) or
# after the task's number (`- [ ] 2.3* a`).
_TASK = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX-])\](\*?)(?=[ \t]|$)"
    r"((?=[ \t]+\d{1,9}(?:\.\d{1,9})*\*(?:[ \t]|$)))?"
)


# An item that says it may not apply: `- [ ] Load testing (if applicable)`.
_MAY_NOT_APPLY = re.compile(
    r"\((?:optional|(?:if|where|when)[ \t]+(?:applicable|needed|relevant|any|required))\)",
    re.IGNORECASE,
)


# `1)` is no list item to Python-Markdown, which MkDocs renders with: a line of it is text.
_EMPTY_ITEM = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:\d{1,9}\.|[-*+])[ \t]*$")


class Task(NamedTuple):
    """One task-list item."""

    checked: bool
    text_start: int
    """Offset in the line where the item's text begins, after the checkbox."""
    started: bool = False
    """``[-]``: begun, not done."""
    optional: bool = False
    """``[ ]*`` or ``[ ] 2.3*``, or an item that says it may not apply (``(if applicable)``,
    ``(optional)``): not needed for the work to be done, so not counted."""


def match_task(line: str) -> Task | None:
    """Return the task on ``line``, or ``None`` when the line is not a task-list item."""
    match = _TASK.match(line)
    if match is None:
        return None
    box = match.group(1)
    optional = (
        bool(match.group(2))
        or match.group(3) is not None
        or (")" in line and _MAY_NOT_APPLY.search(line, match.end()) is not None)
    )
    return Task(box in "xX", match.end(), box == "-", optional)


def is_empty_item(line: str) -> bool:
    """True for a list item with no text at all, such as a template's ``1. `` line."""
    return _EMPTY_ITEM.match(line) is not None


# A list item that may open a list right under a paragraph line, as CommonMark lets one: a
# bullet, or the number 1, with text after it; at most three spaces in, or it would go on the
# paragraph.
_OPENS_LIST = re.compile(r"^ {0,3}(?:[-*+]|1\.)[ \t]+\S")


def opens_list(line: str) -> bool:
    """True for a list item that opens a list even right under a paragraph line (``- [ ] a``,
    ``1. a``; not ``2019. It shipped``, text wrapped onto a line of its own)."""
    return _OPENS_LIST.match(line) is not None
