"""Where the query blocks of a page are: fenced code blocks whose info string is ``specs``, at
the top level of the page or in the containers Markdown nests blocks in (list items,
admonitions, details, content tabs: :mod:`~mkdocs_specs.parse.containers`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..model import QUERY_INFO
from ..parse.containers import Containers, indent_of
from ..parse.fences import Code, Fences

INFO = QUERY_INFO
"""The info string that makes a fenced code block a query block."""

_ANY_FENCE = re.compile(rf"^[ \t>]*(?:`{{3,}}|~{{3,}})[ \t]*\.?{INFO}(?![\w#.+-])")
"""A line that opens a fence named ``specs``, in a block quote too, whatever follows the name:
what SuperFences renders as a fence of that name (its ``RE_NESTED_FENCE_START``, after the
white space and ``>`` it takes as the fence's indentation)."""


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
    """Spaces before the opening fence (inside a list item or an admonition, say)."""
    number: int = field(default=0, compare=False)
    """How many query blocks come before it on the page."""
    stray: bool = False
    """A fence named ``specs`` that Markdown shows but that is no query block (in a block
    quote, or with more than ``specs`` on its opening line): it never runs."""
    needs: str = ""
    """What would read the container the block is in, when the page's Markdown does not: it
    cannot run there (:attr:`~mkdocs_specs.parse.containers.Containers.unread`)."""


@dataclass(frozen=True)
class OtherFence:
    """A line that opens a fence named ``specs`` and no query block, which SuperFences may
    still render as a fence of that name."""

    start: int
    """Its index in the lines."""
    shown: bool
    """Markdown shows it as a fence where it is: neither in an HTML comment nor in an
    indented code block."""


def find_blocks(lines: Sequence[str], unread: Mapping[str, str] | None = None) -> list[Block]:
    """The query blocks among ``lines`` (front matter already left out), in order, then a
    :attr:`~Block.stray` block for each other fence named ``specs`` that Markdown shows;
    ``unread`` are the containers the page's Markdown does not read (see
    :class:`~mkdocs_specs.parse.containers.Containers`)."""
    return with_strays(*scan_fences(lines, unread))


def with_strays(blocks: list[Block], others: list[OtherFence]) -> list[Block]:
    """``blocks``, then a stray block for each of ``others`` that Markdown shows (what
    :func:`scan_fences` found): :func:`find_blocks`."""
    strays = [other.start for other in others if other.shown]
    return [
        *blocks,
        *(
            Block(start, start, "", "", stray=True, number=len(blocks) + index)
            for index, start in enumerate(strays)
        ),
    ]


def scan_fences(
    lines: Sequence[str], unread: Mapping[str, str] | None = None
) -> tuple[list[Block], list[OtherFence]]:
    """The query blocks among ``lines``, and the other lines that open a fence named
    ``specs``, each in order (``unread`` as for :func:`find_blocks`)."""
    fences = Fences()
    containers = Containers(unread)
    blocks: list[Block] = []
    others: list[OtherFence] = []
    start: int | None = None
    for index, raw in enumerate(lines):
        kind = fences.read(index + 1, raw)
        if isinstance(kind, str):
            containers.read(kind)
            if INFO in raw and _ANY_FENCE.match(raw):
                # In a block quote, or in a comment (where the text outside it is no fence).
                shown = bool(_ANY_FENCE.match(kind)) and containers.holds(indent_of(kind))
                others.append(OtherFence(index, shown))
        elif kind is Code.OPEN:
            containers.read(raw)
            fits = containers.holds(fences.indent) and not fences.in_item
            if fences.info == INFO and fits:
                start, fence, indent = index, fences.fence or "", fences.indent
                needs = containers.needs
            elif INFO in raw and _ANY_FENCE.match(raw):
                others.append(OtherFence(index, fits))
        elif kind is Code.CLOSE and start is not None:
            body = _body(lines[start + 1 : index], indent)
            blocks.append(
                Block(start, index, fence, body, indent=indent, number=len(blocks), needs=needs)
            )
            start = None
    if start is not None:
        # Never closed: only its opening line is taken, the rest of the page stays the page's.
        blocks.append(
            Block(
                start,
                start,
                fence,
                "",
                closed=False,
                indent=indent,
                number=len(blocks),
                needs=needs,
            )
        )
    return blocks, others


def _body(lines: Sequence[str], indent: int) -> str:
    """The block's text, less the indentation of its opening fence, as CommonMark reads it
    (a tab in the indentation counts four columns, as in Python Markdown)."""
    return "\n".join(_dedent(line, indent) for line in lines)


def _dedent(line: str, indent: int) -> str:
    return " " * max(indent_of(line) - indent, 0) + line.lstrip(" \t")
