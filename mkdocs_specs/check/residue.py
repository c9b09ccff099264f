"""What is left of the template: placeholders, guidance comments, empty sections and items, and
text the HTML parser MkDocs runs would refuse.
"""

from __future__ import annotations

from ..findings import Reporter
from ..parse.inline import is_link
from ..parse.outline import Outline


def check_residue(
    outline: Outline,
    placeholders: frozenset[str],
    comments: frozenset[str],
    already: set[tuple[int, str]],
    report: Reporter,
) -> None:
    """Report what is left of the template: its placeholders and guidance comments, empty
    sections and empty list items. ``already`` holds (line, placeholder) pairs reported as
    unfilled fields, which are not reported twice."""
    for line, text in outline.placeholders:
        if text in placeholders and (line, text) not in already:
            if is_link(text, outline.link_labels):
                continue
            report(
                "placeholder", line, f"unfilled template placeholder {text}; expected your own text"
            )
    for line, text in outline.comments:
        if text in comments:
            short = text if len(text) <= 60 else text[:57] + "..."
            report(
                "guidance-comment",
                line,
                f"template guidance comment left in place: <!-- {short} -->; expected it "
                "replaced by your own text",
            )
    for section in outline.sections:
        if section.content_lines <= 0 and not section.has_children:
            report(
                "empty-section",
                section.line,
                f"section '{section.title}' is empty; expected text under it",
            )
    for line in outline.empty_items:
        report("empty-item", line, "empty list item; expected text after the list marker")
    for line in outline.unsafe_html:
        report(
            "unsafe-html",
            line,
            "the line holds '<![' that opens no CDATA or marked section, which the HTML parser "
            "MkDocs runs over every page refuses (it stops the build); the page shows it as "
            "'&lt;![', also in inline code; expected '&lt;![', or the text in a fenced code block",
        )
