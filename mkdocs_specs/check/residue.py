"""What is left of the template: placeholders, guidance comments, empty sections and items, and
text the HTML parser MkDocs runs would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..findings import Reporter
from ..parse.inline import is_link
from ..parse.outline import Outline

_PLACEHOLDER_WORDS = re.compile(
    r"\b(?:date|name|author|owner|team|person|title|description|summary|tbd|todo|x{3,}|yyyy"
    r"|feature|number|link|url|e-?mail|version|status|id)\b",
    re.IGNORECASE,
)
"""Words of template text: ``[Date]``, ``[Author Name]``, ``[Team/Person]``, ``[XXX-name]``."""


_OPTIONAL = re.compile(r"\(\s*[*_]*optional\b", re.IGNORECASE)
"""A heading that says its section is optional: ``(Optional)``, ``*(optional)*``."""


def placeholder_value(text: str, placeholders: Collection[str], labels: Collection[str]) -> bool:
    """True when a field's whole value is template text in square brackets: one of the
    template's ``placeholders``, or a bracket that reads as one (a choice ``[Draft | Final]``,
    words such as date, name or owner). A name in brackets (``[Adrien Delorme]``) and links
    (``[RFC-1][]``, several brackets, a label of ``labels``) are values."""
    if len(text) < 2 or text[0] != "[" or text[-1] != "]" or is_link(text, labels):
        return False
    inner = text[1:-1]
    if "[" in inner or "]" in inner:
        return False
    return text in placeholders or "|" in inner or _PLACEHOLDER_WORDS.search(inner) is not None


def check_residue(
    outline: Outline,
    placeholders: frozenset[str],
    comments: frozenset[str],
    already: set[tuple[int, str]],
    report: Reporter,
    draft: bool = False,
    optional: frozenset[str] = frozenset(),
) -> None:
    """Report what is left of the template: its placeholders and guidance comments, empty
    sections and empty list items; on a ``draft``, as information. ``already`` holds (line,
    placeholder) pairs reported as unfilled fields, which are not reported twice; ``optional``
    the normalized titles of sections that may stay empty."""
    for line, text in outline.placeholders:
        if text in placeholders and (line, text) not in already:
            if is_link(text, outline.link_labels):
                continue
            report(
                "placeholder",
                line,
                f"unfilled template placeholder {text}; expected your own text",
                draft=draft,
            )
    for line, text in outline.comments:
        if text in comments:
            short = text if len(text) <= 60 else text[:57] + "..."
            report(
                "guidance-comment",
                line,
                f"template guidance comment left in place: <!-- {short} -->; expected it "
                "replaced by your own text",
                draft=draft,
            )
    for section in outline.sections:
        if section.content_lines <= 0 and not section.has_children:
            if _OPTIONAL.search(section.title) or section.key in optional:
                continue  # `## Infrastructure Needed (Optional)` may well stay empty
            report(
                "empty-section",
                section.line,
                f"section '{section.title}' is empty; expected text under it",
                draft=draft,
            )
    for line in outline.empty_items:
        report(
            "empty-item", line, "empty list item; expected text after the list marker", draft=draft
        )
    for line in outline.unsafe_html:
        report(
            "unsafe-html",
            line,
            "the line holds '<![' that opens no CDATA or marked section, which the HTML parser "
            "MkDocs runs over every page refuses (it stops the build); the page shows it as "
            "'&lt;![', also in inline code; expected '&lt;![', or the text in a fenced code block",
        )
