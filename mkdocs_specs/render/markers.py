"""Where the plugin's HTML goes in a page: comments it leaves in the Markdown and in the page's
content, which ``on_post_page`` replaces with what the renderer makes.

The plugin's HTML is navigation, not text: put in after the search plugin has read the page
(between ``on_page_content`` and ``on_post_page``), it is not indexed for every page it is on.
Each marker carries a secret of the build, so that no document can forge one.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence

from ..model import Document
from ..parse.headings import ends_heading
from ..query.language import QueryBlock
from .headings import Heading

Edit = tuple[int, int, list[str]]
"""Lines ``start`` to ``stop`` of a page's Markdown, and what replaces them."""

_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>", re.DOTALL)


class Markers:
    """The markers of one build."""

    def __init__(self) -> None:
        self.secret = f"mkdocs-specs:{secrets.token_hex(8)}"
        self._pattern = re.compile(rf"<!-- {self.secret}:(section|query|card|page):(\d+) -->")

    def marker(self, kind: str, index: int) -> str:
        """The marker of the ``index``-th thing of a ``kind`` on a page."""
        return f"<!-- {self.secret}:{kind}:{index} -->"

    def lines(self, kind: str, index: int, indent: int = 0) -> list[str]:
        """Lines that hold a marker, indented as the block they replace so that the list,
        admonition or tab it is in goes on."""
        return ["", f"{' ' * indent}{self.marker(kind, index)}", ""]

    def page(self, parts: Sequence[str | Heading]) -> str:
        """A generated page's Markdown: its headings, and a marker for each piece of HTML
        between them, numbered in their order (:func:`~mkdocs_specs.render.headings.pieces`)."""
        lines: list[str] = []
        pieces = 0
        for part in parts:
            if isinstance(part, Heading):
                lines += ["", part.markdown, ""]
            else:
                lines += self.lines("page", pieces)
                pieces += 1
        return "\n".join(lines)

    def card(self, html: str) -> str:
        """``html`` with the card's marker after its leading H1, or at its top."""
        heading = _LEADING_H1.match(html)
        at = heading.end() if heading else 0
        return f"{html[:at]}\n{self.marker('card', 0)}\n{html[at:]}"

    def sections(self, lines: Sequence[str], skipped: int, document: Document) -> list[Edit]:
        """A marker after each heading whose section holds a checklist, at the line the scan
        found it on (``skipped`` lines of the file come before ``lines``), for its bar."""
        edits = []
        for index, section in enumerate(document.sections):
            at = section.end_line - skipped  # the line after the heading, 0-based
            # Another plugin may have changed the Markdown: the line must still end a heading.
            if section.progress and 0 < at <= len(lines) and ends_heading(lines[at - 1]):
                edits.append((at, at, self.lines("section", index)))
        return edits

    def queries(self, queries: Sequence[QueryBlock]) -> list[Edit]:
        """A marker in place of each query block, for what the query shows."""
        return [
            (q.block.start, q.block.end + 1, self.lines("query", index, _indent(q)))
            for index, q in enumerate(queries)
            if not q.block.stray  # left to Markdown: the fence of .fence shows its error box
        ]

    def replace(self, output: str, fill: Callable[[str, int], str]) -> str:
        """``output`` with each marker replaced by ``fill(kind, index)``."""
        return self._pattern.sub(lambda m: fill(m.group(1), int(m.group(2))), output)


def _indent(query: QueryBlock) -> int:
    """The indentation of a query's marker: its block's, unless the block is in a container
    Markdown does not read, where it would be code (its error box then follows the text)."""
    return 0 if query.block.needs else query.block.indent


def edited(lines: list[str], edits: Sequence[Edit]) -> str:
    """The Markdown of ``lines`` with ``edits`` made, from the bottom up so that each leaves the
    lines above it where they were."""
    for start, stop, replacement in sorted(edits, reverse=True):
        lines[start:stop] = replacement
    return "\n".join(lines)
