"""Required sections: the headings a type asks for, matched against the document's."""

from __future__ import annotations

from ..findings import Reporter
from ..parse.outline import Outline


def check_sections(
    outline: Outline, required: tuple[tuple[str, str], ...], report: Reporter
) -> None:
    """Report required sections (``(title, key)`` pairs) that no heading of the document matches.

    A missing section is reported on the line of the last required section found before it,
    which is where it is expected to be.
    """
    lines: dict[str, int] = {}
    for section in outline.sections:
        lines.setdefault(section.key, section.line)
    anchor = outline.h1_line or 1
    for title, key in required:
        if key in lines:
            anchor = lines[key]
        else:
            report("missing-section", anchor, f"missing required section '{title}'")
