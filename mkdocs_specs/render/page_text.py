"""A document's Markdown as a host gives it to be rendered: the lines that hold front matter the
host could not read, HTML that would stop the host's parser, and lines that would run into one
paragraph where the file shows a list or lines apart. The MkDocs plugin and the Python-Markdown
extension both make these edits."""

from __future__ import annotations

from ..model import Document, RunOnLines
from ..parse.inline import defuse_marked_sections
from ..parse.paragraphs import known_run_ons, with_break
from ..parse.text import body_start
from .markers import Edit


def document_lines(document: Document, lines: list[str]) -> int:
    """Make the lines of a document's Markdown, as MkDocs gave it, safe to convert; how many
    lines of the file come before the first of them (-1 when another plugin changed them so
    that no line can be found by number)."""
    # MkDocs removed the front matter (and the blank lines after it) that it could parse.
    skipped = document.line_count - len(lines)
    if document.front_matter_read and 0 <= skipped < document.body_line - 1:
        # Front matter the plugin read but MkDocs could not (an impossible date, say): it is
        # metadata, not text, so it is not shown as text either.
        del lines[: document.body_line - 1 - skipped]
        skipped = document.body_line - 1
    if skipped < 0:
        return -1
    for line in document.unsafe_html:  # MkDocs' HTML parser would stop the build on them
        if 0 <= line - 1 - skipped < len(lines):
            lines[line - 1 - skipped] = defuse_marked_sections(lines[line - 1 - skipped])
    return skipped


def apart(lines: list[str], known: RunOnLines | None = None) -> list[Edit]:
    """The edits that make a document's Markdown render as it reads (and its checklists are
    counted): a blank line before a list written right under a paragraph line, a hard line
    break between ``**Key**: value`` lines (:func:`~mkdocs_specs.parse.paragraphs.run_ons`),
    as reading found them (``known``) when the text is the one it read. Each leaves the number
    of the lines above it as it was."""
    # after front matter MkDocs could not read, if any
    found = known_run_ons(known, lines, body_start(lines))
    return [(index, index, [""]) for index in found.lists] + [
        (index, index + 1, [with_break(lines[index])]) for index in found.key_lines
    ]
