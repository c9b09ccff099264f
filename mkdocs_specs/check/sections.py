"""Required sections: the headings a type asks for, matched against the document's."""

from __future__ import annotations

import re

from ..findings import Reporter
from ..parse.outline import Outline

_JOINS = re.compile(r" ?(?:\band\b|&|/|,) ?")
"""Where a heading's key (its spaces squeezed) joins two names."""


def _named(key: str) -> set[str]:
    """The sections one heading's ``key`` names besides itself: each part of ``motivation and
    overview`` or ``background and motivation``, and the singular of ``motivations``."""
    parts = [part.strip() for part in _JOINS.split(key) if part.strip()]
    names = {*parts, *(part[:-1] for part in parts if part.endswith("s") and len(part) > 3)}
    names.discard(key)
    return names


def check_sections(
    outline: Outline, required: tuple[tuple[str, str], ...], report: Reporter
) -> None:
    """Report required sections (``(title, key)`` pairs) that no heading of the document matches.

    A heading that joins names (``Motivation and Summary``, ``Background and motivation``) or
    writes one in the plural (``Motivations``) holds each of those sections. A missing section
    is reported on the line of the last required section found before it, which is where it is
    expected to be.
    """
    lines: dict[str, int] = {}
    for section in outline.sections:
        lines.setdefault(section.key, section.line)
    for section in outline.sections:  # a heading's exact key first, then what it names
        for key in _named(section.key):
            lines.setdefault(key, section.line)
    anchor = outline.h1_line or 1
    for title, key in required:
        if key in lines:
            anchor = lines[key]
        else:
            report("missing-section", anchor, f"missing required section '{title}'")
