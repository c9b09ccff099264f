"""The outline scanner as it was before it took plain text in runs: every line read alone.

Kept only as the reference that ``tests/test_markdown_scan.py`` compares
:func:`mkdocs_specs.parse.outline.scan` with, on many random documents: reading runs of plain
text whole must change nothing.
"""

from __future__ import annotations

from mkdocs_specs.parse.outline import Outline, _Scanner, scan


class LineByLine(_Scanner):
    """The scanner with its walk replaced by the straightforward one: each line in turn."""

    def _walk(self, text: str, lines: list[str], index: int, pos: int) -> None:
        for number in range(index + 1, len(lines) + 1):
            raw = lines[number - 1]
            if not raw.strip() and self.fences.fence is None and not self.fences.in_comment:
                self.prev_paragraph = None  # a blank line outside code and comments
                continue
            self.line(number, raw)


def scan_line_by_line(text: str) -> Outline:
    """What :func:`mkdocs_specs.parse.outline.scan` gives, one line at a time."""
    return scan(text, LineByLine)
