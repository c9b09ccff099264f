"""Where the query blocks of a page are: fenced code blocks whose info string is ``specs``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import QUERY_INFO
from ..parse.fences import Code, Fences

INFO = QUERY_INFO
"""The info string that makes a fenced code block a query block."""


@dataclass(frozen=True)
class Block:
    """A query block found in a list of lines."""

    start: int
    """Index of the opening fence in the lines."""
    end: int
    """Index of the closing fence, or of the last line when the block is never closed."""
    fence: str
    """The run of backticks or tildes that opened it."""
    body: str
    closed: bool = True
    indent: int = 0
    """Spaces before the opening fence (inside a list item, say)."""
    number: int = field(default=0, compare=False)
    """How many query blocks come before it on the page."""


def find_blocks(lines: Sequence[str]) -> list[Block]:
    """The query blocks among ``lines`` (front matter already left out), in order."""
    fences = Fences()
    blocks: list[Block] = []
    start: int | None = None
    for index, raw in enumerate(lines):
        kind = fences.read(index + 1, raw)
        if kind is Code.OPEN and fences.info == INFO and fences.indent <= 3 and not fences.in_item:
            start, fence, indent = index, fences.fence or "", fences.indent
        elif kind is Code.CLOSE and start is not None:
            body = _body(lines[start + 1 : index], indent)
            blocks.append(Block(start, index, fence, body, indent=indent, number=len(blocks)))
            start = None
    if start is not None:
        # Never closed: only its opening line is taken, the rest of the page stays the page's.
        blocks.append(
            Block(start, start, fence, "", closed=False, indent=indent, number=len(blocks))
        )
    return blocks


def _body(lines: Sequence[str], indent: int) -> str:
    """The block's text, less the indentation of its opening fence, as CommonMark reads it."""
    return "\n".join(line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in lines)
