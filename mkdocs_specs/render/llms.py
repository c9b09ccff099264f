"""``llms.txt``: the catalogue as an index that language models and agents read, in the shape
the llms.txt proposal (llmstxt.org) gives it.

The file is Markdown: the site's name as the H1, a summary in a block quote, a paragraph on
how to read the rest, then an H2 section per type and status, each a list of links to the
documents' Markdown, ``- [Title](url): notes``; the files that are part of a document come
last, under ``## Optional``, the section a reader may skip. Every value from a document or
the configuration is written as literal text on one line (:func:`_text`): a title with
brackets, a newline or a Markdown link in it stays one entry, whose link text has no ``]``
before its end, as the parsers that read these lists by pattern need.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from ..catalogue.catalogue import Catalogue
from ..labels.labels import Labels
from ..model import Document, Severity, visible

OPTIONAL = "Optional"
"""The H2 of the section a reader may skip, by the proposal's name for it."""

HOW_TO_READ = (
    "Each link is a document's Markdown source as written, front matter included; the notes "
    "after it give its ID, status and owners, and whether it has errors."
)
"""The paragraph on how to read the lists (in English: the file is for tools)."""


def llms_txt(
    catalogue: Catalogue,
    name: str,
    link: Callable[[str], str | None],
    description: str | None = None,
    export: str | None = None,
) -> str:
    """The text of ``llms.txt`` for the site ``name``: its ``description`` (by default the
    count of documents) as the summary, and every document of ``catalogue`` that has a
    ``link`` (its path → the URL of its Markdown, already encoded), valid or not; ``export``
    is the URL of ``specs.json``, if the site has it."""
    return "".join(_lines(catalogue, name, link, description, export))


def _lines(
    catalogue: Catalogue,
    name: str,
    link: Callable[[str], str | None],
    description: str | None,
    export: str | None,
) -> Iterator[str]:
    labels = catalogue.labels
    counted = labels.text("documents", len(catalogue.local))
    tally = _text(
        labels.text("summary.invalid", catalogue.invalid, documents=counted)
        if catalogue.invalid
        else labels.text("summary", documents=counted)
    )
    title = _heading(name) or _heading(labels.text("home_title"))
    summary = _text(description or "")
    yield f"# {title}\n\n> {summary or tally}\n\n"
    about = f"{tally} {HOW_TO_READ}" if summary else HOW_TO_READ
    if export:
        about += f" [specs.json]({export}) holds every field, relation and finding as JSON."
    yield f"{about}\n"
    by_type_status: dict[tuple[str | None, str | None], list[Document]] = defaultdict(list)
    for document in catalogue.local:
        by_type_status[document.type, document.status].append(document)
    for doctype in catalogue.groups["type"]:
        for status in catalogue.groups["status"]:
            listed = by_type_status.get((doctype.key, status.key), ())
            entries = [entry for d in listed if (entry := _entry(d, link, labels))]
            if entries:
                yield f"\n## {_heading(doctype.label)}: {_heading(status.label)}\n\n"
                yield from entries
    members = [entry for m in catalogue.members if (entry := _entry(m, link, labels))]
    if members:
        yield f"\n## {OPTIONAL}\n\n"
        yield from members


def _entry(document: Document, link: Callable[[str], str | None], labels: Labels) -> str:
    """A document's line of a list, ``- [Title](url): notes``; ``""`` when it has no link."""
    url = link(document.path)
    if url is None:
        return ""

    def say(key: str, number: int | None = None) -> str:
        return _text(labels.text(key, number))

    notes = []
    if document.part_of is not None:
        notes.append(f"{say('card.part_of')}: {_text(document.part_of.title)}")
    if document.id:
        notes.append(f"{say('column.id')}: {_text(document.id)}")
    if document.status:
        notes.append(f"{say('column.status')}: {_text(document.status)}")
    if document.owners:
        separator = _SYNTAX.sub(_reference, labels.text("list_separator"))
        notes.append(f"{say('column.owners')}: {separator.join(map(_text, document.owners))}")
    errors = sum(1 for f in document.findings if f.severity is Severity.ERROR)
    if errors:
        notes.append(f"{say('flag.invalid')} ({say('flag.errors', errors)})")
    title = _text(document.title) or _text(document.path)
    return f"- [{title}]({url}){': ' + '; '.join(notes) if notes else ''}\n"


_SYNTAX = re.compile(r"[\\`*_\[\]<&]")
"""What Markdown could read as syntax in a line of the file: the link text's brackets, what
hides one (a code span, a backslash, raw HTML, an entity) and emphasis (in a heading, ``#``
too: :func:`_heading`). The file's readers are language models: the rest (quotes, ``|``,
``$``) stays as it is, unlike in pages with the Markdown extensions of a site (see
:func:`~mkdocs_specs.render.markdown.markdown_text`)."""


_IN_HEADING = re.compile(r"[\\`*_\[\]<&#]")


def _text(value: object, syntax: re.Pattern[str] = _SYNTAX) -> str:
    """A value as literal Markdown text on one line: its white space (newlines too) as single
    spaces, its control characters written out, and each character of :data:`_SYNTAX` as a
    numeric character reference, which renderers show as the character and which a parser
    that reads the link text up to the first ``]`` does not stop at (a backslash escape
    would leave the ``]``)."""
    return syntax.sub(_reference, visible(" ".join(str(value).split())))


def _heading(value: object) -> str:
    """A value as literal text in a heading, where a ``#`` could end it."""
    return _text(value, _IN_HEADING)


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"
