"""Metadata that a type reads from the shape of its format, at the lowest precedence.

The seed templates keep metadata in ``**Key**: value`` lines; other formats keep it elsewhere:

- plain ``Key: value`` lines in the opening, bare or as list items: MADR 2's ``* Status:``
  bullets, an RFC's leading ``- Feature Name:`` block, email-style ``Status:`` headers
  (the type's ``plain_fields``);
- the body of a section, as Nygard's ``## Status`` holds the status (``status_section``);
- the document's path, as an ADR's number is in its file name (``path_pattern``).

Then the status is read as people write it (:mod:`mkdocs_specs.statuses`). Everything here
works on the outline the one scan of the document gave.
"""

from __future__ import annotations

import re

from ..findings import Reporter
from ..parse.headings import normalize_heading
from ..parse.inline import unwrap_code
from ..parse.outline import Outline
from ..settings.aliases import normalize_key
from ..settings.types import CompiledType
from .metadata import Metadata, Value
from .statuses import read_status, relation_in

_PLAIN = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<key>[A-Za-z][A-Za-z0-9 ()/_'-]{0,40}?)[ \t]*:"
    r"[ \t]+(?P<value>\S.*)$"
)


_PLURAL = re.compile(r"\(s\)$", re.IGNORECASE)


_NO_VALUE = re.compile(r"^(?:n/?a|none|-+|\u2014)$", re.IGNORECASE)
"""`Feature Name: N/A`, as many RFCs say they have none: the field is not given."""


_MAX_KEY_WORDS = 4


def read_format(
    meta: Metadata, outline: Outline, path: str, compiled: CompiledType, report: Reporter
) -> None:
    """Add the fields the type's format keeps outside front matter and ``**Key**`` lines,
    then read its status."""
    doctype = compiled.type
    if doctype.plain_fields:
        for line, key, value in plain_fields(outline):
            meta.add(normalize_key(key, compiled.aliases), value, line, "the text", report)
    if doctype.status_section:
        _status_section(meta, outline, doctype.status_section, report)
    if compiled.path_re is not None:
        match = compiled.path_re.search(path)
        if match:
            for name, value in match.groupdict().items():
                if value and name not in meta.values:
                    if name == "title":
                        if doctype.plain_fields and opens_with_h1(outline):
                            continue  # the H1 above the header block is the title
                        value = value.replace("-", " ").replace("_", " ")
                        value = value[:1].upper() + value[1:]
                    meta.add(name, value, None, "the path", report)
    _read_status(meta, compiled, report)


def opens_with_h1(outline: Outline) -> bool:
    """True when an H1 comes before any text, as a title above a header block does (an RFC's
    ``# Summary`` below its bullet block is a section)."""
    if not outline.sections or outline.sections[0].level != 1:
        return False
    return not any(line < outline.sections[0].line for line, _ in outline.prose)


def opening_lines(outline: Outline) -> list[tuple[int, str]]:
    """The text before the first heading; when the document opens with an H1, also the text
    between it and the next heading."""
    headings = [s.line for s in outline.sections]
    end = headings[0] if headings else None
    if outline.sections and outline.sections[0].level == 1:
        end = headings[1] if len(headings) > 1 else None
    return [(line, text) for line, text in outline.prose if end is None or line < end]


def plain_fields(outline: Outline) -> list[tuple[int, str, str]]:
    """``(line, key, value)`` of the plain ``Key: value`` lines of the opening."""
    found = []
    for line, text in opening_lines(outline):
        # A `**Key**: value` line never matches (a key starts with a letter), while a bold
        # value, as in Swift Evolution's `* Status: **Implemented (Swift 5.9)**`, is read.
        match = _PLAIN.match(text)
        if match is None:
            continue
        key = _PLURAL.sub("s", match.group("key").strip())
        if len(key.split()) > _MAX_KEY_WORDS:
            continue
        value = unwrap_code(match.group("value").strip().rstrip("\\").strip())
        if not _NO_VALUE.match(value):
            found.append((line, key, value))
    return found


def section_lines(outline: Outline, title: str) -> list[tuple[int, str]]:
    """The lines of text directly under the first heading called ``title``."""
    key = normalize_heading(title)
    for index, section in enumerate(outline.sections):
        if section.key == key:
            end = outline.sections[index + 1].line if index + 1 < len(outline.sections) else None
            return [
                (line, text.strip())
                for line, text in outline.prose
                if line > section.end_line and (end is None or line < end)
            ]
    return []


def _status_section(meta: Metadata, outline: Outline, title: str, report: Reporter) -> None:
    status_found = False
    for line, text in section_lines(outline, title):
        text = text.lstrip("-*+ \t")
        relation = relation_in(text)
        if relation is not None:
            field, rest, implied, _ = relation
            meta.add(field, rest, line, "the text", report)
            if implied is not None and not status_found:
                meta.add("status", implied, line, "the text", report)
                status_found = True
        elif not status_found and text:
            meta.add("status", text, line, "the text", report)
            status_found = True


def _read_status(meta: Metadata, compiled: CompiledType, report: Reporter) -> None:
    found = meta.values.get("status")
    if found is None or not isinstance(found.value, str):
        return
    reading = read_status(found.value, compiled.statuses)
    if reading.relation is not None:
        field, text = reading.relation
        meta.add(field, text, found.line, found.source, report, path=found.path)
    if reading.status is None:
        del meta.values["status"]
        return
    if reading.note is not None:
        report(
            "normalized-status",
            found.line,
            f"status {found.value.strip()!r} is read as {reading.status!r}: {reading.note}; "
            f"expected one of: {', '.join(compiled.type.statuses)}",
            path=found.path,
        )
    meta.values["status"] = Value(reading.status, found.line, found.source, found.path)
    if reading.qualifier:
        meta.add("status_note", reading.qualifier, found.line, found.source, report)
