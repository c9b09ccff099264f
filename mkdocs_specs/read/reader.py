"""From a file's bytes to a :class:`~mkdocs_specs.model.Document` with its findings.

This is the one place where a document is read: decoded, scanned once, its metadata merged,
its type settled and its fields, sections and residue validated. Nothing here raises on bad
input: every problem becomes a finding and the document is still returned.
"""

from __future__ import annotations

import dataclasses
import math
import posixpath
import sys
from collections.abc import Callable
from typing import Any

from ..check.fields import MAX_OWNERS, check_fields, date_of
from ..check.residue import check_residue, placeholder_value
from ..check.sections import check_sections
from ..findings import Reporter, in_order
from ..model import DATE_FIELDS, Document, Progress, may_hold_queries, squash
from ..parse.outline import Outline, scan
from ..parse.paragraphs import run_on_lines
from ..parse.text import decode, split_lines, too_large
from ..settings.settings import Settings
from ..settings.types import CompiledType, DocType
from .metadata import Metadata
from .sources import Reading, read_metadata
from .statuses import status_tone

SidecarReader = Callable[[str], "bytes | None"]
"""Reads a file by its path relative to the docs folder; ``None`` when there is none."""
Sidecars = tuple[tuple[str, "bytes | OSError | None"], ...]
"""Sidecar files by their path, with what each held (:meth:`DocumentReader.sidecar`)."""


def title_from_path(path: str, member: bool = False) -> str:
    """``changes/add-rate-limit.md`` → ``Add rate limit``: the title of last resort. A
    document named for its folder (``design/frd-3/design.md``) takes the folder's name. A
    member file is in its entry's folder, whose name is the entry's: an OpenSpec change's
    ``design.md`` is ``Design``; but a spec delta's folder names its capability
    (``specs/payouts/spec.md`` is ``Payouts``)."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    named = ("spec",) if member else ("index", "readme", "design", "spec")
    if stem.lower() in named:
        stem = posixpath.basename(posixpath.dirname(path)) or stem
    words = stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else path


def is_draft(status: str | None, doctype: DocType) -> bool:
    """True while a document's template residue is information: without a status, or before
    the type's ``residue_from``, or by default while its status is a draft's (``Draft``,
    ``Proposed``, ``Provisional``, ...)."""
    if not status:
        return True
    order = [squash(s) for s in doctype.statuses]
    start = squash(doctype.residue_from or "")
    if start in order and squash(status) in order:
        return order.index(squash(status)) < order.index(start)
    return status_tone(status) == "draft"


class DocumentReader:
    """Reads documents with one set of settings; caches sidecar files shared by a folder."""

    def __init__(self, settings: Settings, read_sidecar: SidecarReader) -> None:
        self.settings = settings
        self.read_sidecar = read_sidecar
        self._sidecars: dict[str, bytes | OSError | None] = {}
        self.consulted: list[str] = []
        """The sidecar files the last :meth:`read` looked for, there or not."""
        self.member = False
        """Whether the file being read is one of another document's (see :meth:`read`)."""

    def sidecar(self, path: str) -> bytes | OSError | None:
        """The sidecar's bytes, ``None`` when there is none, or why it could not be read."""
        if path not in self._sidecars:
            try:
                self._sidecars[path] = self.read_sidecar(path)
            except OSError as error:
                self._sidecars[path] = error
        return self._sidecars[path]

    def looked_at(self) -> Sidecars:
        """The sidecar files the last :meth:`read` looked for, with what each held."""
        return tuple((name, self.sidecar(name)) for name in self.consulted)

    def read(
        self, path: str, data: bytes, path_type: CompiledType, member: bool = False
    ) -> Document:
        """Read the document at ``path`` (relative to the docs folder) from ``data``.

        ``path_type`` is the type discovery gave it; a ``type`` in its metadata overrides it.
        ``member``: the file is one of another document's (its title is never its folder's).
        """
        settings = self.settings
        self.consulted = []
        self.member = member
        report = Reporter(path, settings.severities)
        text = decode(path, data, settings.max_file_size, report)
        if text is None:
            # The build shows what it can of it, query blocks too.
            return self._unreadable(path, path_type, report, may_hold_queries(data))
        outline = scan(text)
        reading = Reading(path, outline, settings, path_type, report, self.sidecar)
        read_metadata(reading)
        self.consulted = reading.consulted
        compiled = reading.compiled
        for section in outline.sections:
            if section.key in compiled.choice_sections:
                section.progress = Progress()
        return dataclasses.replace(
            self._validate(path, outline, reading.meta, compiled, report),
            run_ons=run_on_lines(split_lines(text), outline.body_line - 1),
            names_queries=may_hold_queries(data),
            sidecars=tuple(name for name in self.consulted if self.sidecar(name) is not None),
        )

    def unreadable(self, path: str, path_type: CompiledType, why: str) -> Document:
        """The document for a file that could not be read at all."""
        report = Reporter(path, self.settings.severities)
        report("unreadable", None, f"{why}; expected a readable file")
        return self._unreadable(path, path_type, report)

    def oversized(self, path: str, path_type: CompiledType, size: int) -> Document:
        """The document for a file larger than ``max_file_size``, which was not read."""
        report = Reporter(path, self.settings.severities)
        report("unreadable", None, too_large(size, self.settings.max_file_size))
        return self._unreadable(path, path_type, report)

    @staticmethod
    def _unreadable(
        path: str, compiled: CompiledType, report: Reporter, names_queries: bool = False
    ) -> Document:
        return Document(
            path=path,
            type=compiled.type.name,
            title=title_from_path(path),
            findings=in_order(report.findings, path),
            readable=False,
            names_queries=names_queries,
        )

    def _validate(
        self, path: str, outline: Outline, meta: Metadata, compiled: CompiledType, report: Reporter
    ) -> Document:
        fields: dict[str, Any] = {key: jsonable(value.value) for key, value in meta.values.items()}
        status = fields.get("status")
        if isinstance(status, str):
            fields["status"] = status = compiled.canonical_status(status.strip())
        written = status if isinstance(status, str) else None
        if written and placeholder_value(written, compiled.placeholders, outline.link_labels):
            written = None  # `[Draft | In Progress | Complete]`: a document not yet begun
        draft = is_draft(written, compiled.type)
        placeholder_fields: set[str] = set()
        reported: set[tuple[int, str]] = set()
        for key, value in list(fields.items()):
            # A list read from one string (owners split on commas) is judged as written.
            listed = isinstance(value, list) and all(isinstance(item, str) for item in value)
            text = ", ".join(value) if listed else value
            if isinstance(text, str) and placeholder_value(
                text, compiled.placeholders, outline.link_labels
            ):
                placeholder_fields.add(key)
                del fields[key]
                found = meta.values[key]
                reported.add((found.line or 0, text))
                report(
                    "placeholder",
                    found.line,
                    f"field '{key}' still holds the template "
                    f"placeholder {text}; expected a real value",
                    path=found.path,
                    draft=draft,
                )
        for name in DATE_FIELDS:  # as people write them: a timestamp, `17 November 2015`
            if isinstance(fields.get(name), str):
                fields[name] = date_of(fields[name]) or fields[name]
        status = fields.get("status")  # not a placeholder's
        if outline.h1 and "title" not in placeholder_fields:
            fields.setdefault("title", outline.h1)  # the H1 is where a title is written
        check_fields(
            fields,
            meta,
            compiled.validator,
            placeholder_fields,
            report,
            where=f"types.{compiled.type.name}.schema",
        )
        check_sections(outline, compiled.required_sections, report)
        check_residue(
            outline,
            compiled.placeholders,
            compiled.comments,
            reported,
            report,
            draft=draft,
            optional=compiled.optional_sections,
        )
        fields.setdefault("title", outline.h1 or title_from_path(path, self.member))
        owners = fields.get("owners")
        return Document(
            path=path,
            type=compiled.type.name,
            title=_text(fields["title"]) or title_from_path(path, self.member),
            id=_text(fields.get("id")),
            status=_text(status),
            owners=tuple(str(o) for o in owners[:MAX_OWNERS]) if isinstance(owners, list) else (),
            created=_text(fields.get("created")),
            updated=_text(fields.get("updated")),
            fields=fields,
            field_lines={
                key: (value.path or path, value.line) for key, value in meta.values.items()
            },
            sections=[section for section in outline.sections if section.progress],
            progress=outline.progress,
            findings=in_order(report.findings, path),
            body_line=outline.body_line,
            line_count=outline.line_count,
            front_matter_read=meta.front_matter_read,
            unsafe_html=tuple(outline.unsafe_html),
            unsafe_front_matter=meta.unsafe,
        )


def jsonable(value: Any) -> Any:
    """The value as JSON has it: mapping keys as text, sets and tuples as lists, a whole number
    too long to write in decimal as hexadecimal text, anything else YAML can build (bytes, ...)
    as text. Loaded YAML is bounded, so this ends."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # `.nan` and `.inf` have no JSON form
    if isinstance(value, int) and value.bit_length() > 3 * (sys.get_int_max_str_digits() or 2**60):
        return hex(value)  # `0xfff...`: too long for Python to write out in decimal
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(item) for item in value]
    return str(value)


def _text(value: Any) -> str | None:
    """A field shown as text: strings as they are, other scalars as written, nothing else."""
    if value is None or isinstance(value, (list, dict)):
        return None
    return str(value).strip() or None
