"""The sources of a document's metadata, in one ordered list (:data:`SOURCES`): the first source
that gives a field wins, and a lower one that disagrees is a ``metadata-conflict``.

1. YAML front matter;
2. sidecar YAML files beside the document (the type's ``sidecars``, then the site's);
3. ``**Key**: value`` lines in the document's opening (see :mod:`mkdocs_specs.parse.outline`);
4. what the type derives from the text, once the first three have settled the type (a
   ``type`` field names it): its ``title_pattern`` on the H1, its ``extract`` patterns, its
   ``counts`` of headings, plain ``Key: value`` lines in the opening (``plain_fields``: MADR
   2's ``* Status:`` bullets, an RFC's leading ``- Feature Name:`` block), the body of its
   ``status_section`` (Nygard's ``## Status``), and last its ``path_pattern`` and
   ``status_from_path``, which only fill fields that nothing else gave (as ``counts`` does).

Then the status is read as people write it (:mod:`.statuses`). Everything here works on the
outline the one scan of the document gave. A new source is a function here and its row in
:data:`SOURCES`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..findings import Reporter
from ..model import TooLarge, squash
from ..parse.bounded_yaml import Entry, load_yaml
from ..parse.headings import normalize_heading
from ..parse.inline import line_value
from ..parse.outline import Outline
from ..parse.text import line_of, too_large
from ..settings.aliases import normalize_key
from ..settings.settings import Settings
from ..settings.types import CompiledType
from .metadata import Metadata, Value, no_value
from .statuses import nearest, read_status, relation_in

_PLAIN = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<key>[A-Za-z][A-Za-z0-9 ()/_'-]{0,40}?)[ \t]*:"
    r"[ \t]+(?P<value>\S.*)$"
)


_PLURAL = re.compile(r"\(s\)$", re.IGNORECASE)


_MAX_KEY_WORDS = 4


@dataclass
class Reading:
    """One document's metadata as its sources are read."""

    path: str
    outline: Outline
    settings: Settings
    compiled: CompiledType
    """The type it is read as: the one its path gave, until the metadata names another."""
    report: Reporter
    sidecar: Callable[[str], bytes | OSError | None]
    """A sidecar file's bytes by its path, ``None`` when there is none, or why it cannot be
    read."""
    meta: Metadata = field(default_factory=Metadata)
    consulted: list[str] = field(default_factory=list)
    """The sidecar files looked for, there or not."""


@dataclass(frozen=True)
class Source:
    """A place a document keeps metadata in."""

    name: str
    read: Callable[[Reading], None]
    typed: bool = False
    """It reads with the document's own type, so the type is settled before it."""


def _front_matter(reading: Reading) -> None:
    outline, meta = reading.outline, reading.meta
    if outline.front_matter is None:
        return
    loaded = load_yaml(
        outline.front_matter,
        outline.front_matter_line,
        "the front matter",
        "front-matter",
        reading.report,
    )
    meta.unsafe = loaded.unsafe
    meta.front_matter_read = loaded.fields is not None
    _add_yaml(reading, loaded.fields, "the front matter", None)


def _sidecars(reading: Reading) -> None:
    folder, filename = posixpath.split(reading.path)
    stem = posixpath.splitext(filename)[0]
    for name in reading.compiled.type.sidecars + reading.settings.sidecars:
        sidecar = posixpath.join(folder, name.format(stem=stem))
        reading.consulted.append(sidecar)
        raw = reading.sidecar(sidecar)
        if raw is None:
            continue
        if isinstance(raw, OSError):
            why = (
                too_large(raw.size, reading.settings.max_file_size)
                if isinstance(raw, TooLarge)
                else f"the sidecar file cannot be read: {raw.strerror or raw}"
            )
            reading.report("sidecar", None, why, path=sidecar)
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            reading.report(
                "sidecar",
                line_of(raw, error.start),
                "the sidecar file is not valid UTF-8; expected UTF-8 YAML",
                path=sidecar,
            )
            continue
        loaded = load_yaml(text, 1, "the sidecar file", "sidecar", reading.report, path=sidecar)
        _add_yaml(reading, loaded.fields, sidecar, sidecar)


def _add_yaml(
    reading: Reading, fields: dict[str, Entry] | None, source: str, path: str | None
) -> None:
    for key, entry in (fields or {}).items():
        name = normalize_key(key, reading.compiled.aliases)
        # IDs keep how they were written (`0042`, not 34), also where a relation names one.
        keep = name == "id" or name in reading.settings.link_fields
        value = entry.written if keep and entry.written else entry.value
        reading.meta.add(name, value, entry.line, source, reading.report, path=path)


def _key_lines(reading: Reading) -> None:
    section = reading.compiled.metadata_section
    for item in reading.outline.meta_lines:
        if item.section is not None and item.section != section:
            continue  # a `**Note:**` of a checklist, a `**Type**` of a data model
        name = normalize_key(item.key, reading.compiled.aliases)
        reading.meta.add(name, item.value, item.line, "the text", reading.report)


def _title_pattern(reading: Reading) -> None:
    compiled, outline = reading.compiled, reading.outline
    if compiled.title_re is None or outline.h1 is None:
        return
    match = compiled.title_re.match(outline.h1)
    if match:
        for group in ("id", "title"):
            if group in compiled.title_re.groupindex and match.group(group):
                value = match.group(group).strip()
                reading.meta.add(group, value, outline.h1_line, "the title", reading.report)


def _extract(reading: Reading) -> None:
    for name, pattern in reading.compiled.extract:
        for line, text in reading.outline.prose:
            found = pattern.search(text)
            if found:
                captured = found.group(1) if pattern.groups else None
                value = found.group(0) if captured is None else captured
                reading.meta.add(name, value.strip(), line, "the text", reading.report)
                break


def _counts(reading: Reading) -> None:
    sections = reading.outline.sections
    for name, pattern in reading.compiled.counts:
        if name not in reading.meta.values:  # a field written in the document is its own
            count = sum(1 for section in sections if pattern.search(section.title))
            reading.meta.add(name, count, None, "the headings", reading.report)


def _plain_fields(reading: Reading) -> None:
    if reading.compiled.type.plain_fields:
        for line, key, value in plain_fields(reading.outline):
            name = normalize_key(key, reading.compiled.aliases)
            reading.meta.add(name, value, line, "the text", reading.report)


def _status_section(reading: Reading) -> None:
    title = reading.compiled.type.status_section
    if not title:
        return
    meta, report = reading.meta, reading.report
    status_found = False
    for line, text in section_lines(reading.outline, title):
        text = text.lstrip("-*+ \t")
        relation = relation_in(text)
        if relation is not None:
            field_name, rest, implied, _ = relation
            meta.add(field_name, rest, line, "the text", report)
            if implied is not None and not status_found:
                meta.add("status", implied, line, "the text", report)
                status_found = True
        elif not status_found and text:
            meta.add("status", text, line, "the text", report)
            status_found = True


def _path_pattern(reading: Reading) -> None:
    compiled, meta = reading.compiled, reading.meta
    match = compiled.path_re.search(reading.path) if compiled.path_re is not None else None
    if match is None:
        return
    for name, value in match.groupdict().items():
        if value and name not in meta.values:
            if name == "title":
                if compiled.type.plain_fields and opens_with_h1(reading.outline):
                    continue  # the H1 above the header block is the title
                value = value.replace("-", " ").replace("_", " ")
                value = value[:1].upper() + value[1:]
            meta.add(name, value, None, "the path", reading.report)


def _status_from_path(reading: Reading) -> None:
    if "status" in reading.meta.values:
        return
    for spec, status in reading.compiled.path_statuses:
        if spec.match_file(reading.path):
            reading.meta.add("status", status, None, "the path", reading.report)
            return


SOURCES = (
    Source("front matter", _front_matter),
    Source("sidecar files", _sidecars),
    Source("**Key**: value lines", _key_lines),
    Source("title_pattern", _title_pattern, typed=True),
    Source("extract", _extract, typed=True),
    Source("counts", _counts, typed=True),
    Source("plain_fields", _plain_fields, typed=True),
    Source("status_section", _status_section, typed=True),
    Source("path_pattern", _path_pattern, typed=True),
    Source("status_from_path", _status_from_path, typed=True),
)
"""The sources of metadata, from the highest precedence to the lowest."""


def read_metadata(reading: Reading) -> None:
    """Read every source in order, settle the type before the first one that reads with it,
    then read the status."""
    settled = False
    for source in SOURCES:
        if source.typed and not settled:
            reading.compiled = _settle_type(reading)
            settled = True
        source.read(reading)
    _read_status(reading.meta, reading.compiled, reading.report)


def _settle_type(reading: Reading) -> CompiledType:
    """The type the metadata names (``type``), or the one the path gave."""
    named = reading.meta.get("type")
    if named is None:
        return reading.compiled
    compiled = reading.settings.type_named(named)
    if compiled is not None:
        return compiled
    # Many formats have a `type` of their own (`Standards Track`, `React Component`): a value
    # that names no configured type is that field. One close to a type's name is a typo.
    names = {squash(n): t.name for t in reading.settings.types for n in (t.name, t.display)}
    close = nearest(named, names) if isinstance(named, str) else None
    if close is not None:
        reading.report(
            "unknown-type",
            reading.meta.line("type"),
            f"field 'type' is {named!r}, which is not a configured type; expected "
            f"{close!r}, or a value that names no type (read as the format's own field)",
        )
    return reading.compiled


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
        value = line_value(match.group("value"))
        if not no_value(value):  # `Feature Name: N/A`: the field is not given
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
