"""The documents a run read, written to a file as JSON and read back exactly in a later run.

The file may come from anywhere a build runs (a CI cache restored from another branch, a folder
others can write), so reading it runs no code and trusts nothing: it is taken whole only when
every value has the type and shape :func:`dump` writes, and refused whole otherwise
(:class:`Refused`). Its first line says what wrote it, so that a file written for other settings
or by another version is turned down before the rest is parsed.

Each document is a JSON array in the order of :data:`DOCUMENT_FIELDS`, a section or a finding an
array too: parsing them is about twice as fast as objects with their names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NoReturn

from ..findings import RULES
from ..model import Document, Finding, Progress, RunOnLines, Section, Severity
from ..parse.bounded_yaml import MAX_YAML_DEPTH

FORMAT = "mkdocs-specs read cache"
VERSION = 2

DOCUMENT_FIELDS = (
    "path",
    "type",
    "title",
    "id",
    "status",
    "owners",
    "created",
    "updated",
    "fields",
    "field_lines",
    "sections",
    "progress",
    "findings",
    "readable",
    "body_line",
    "line_count",
    "front_matter_read",
    "unsafe_front_matter",
    "sidecars",
    "unsafe_html",
    "run_ons",
    "names_queries",
)
"""What is kept of a document, in the order it is written: every field but the ones the
catalogue sets (``members``, ``part_of``)."""

Sidecars = tuple[tuple[str, str | None], ...]
"""The sidecar files a document looked for: name → digest of its bytes, ``None`` when absent."""
Entry = tuple[str, bool, str, Sidecars, Document]
"""The type a document was read as, whether it was read as a member file, the digest of its
bytes, its sidecars and the document (whose path is the rest of its key)."""

_SEVERITIES = {severity.value: severity for severity in Severity}


class Refused(ValueError):
    """The file is not one :func:`dump` wrote for this fingerprint."""


def dump(fingerprint: str, entries: Iterable[Entry]) -> bytes:
    """The file's bytes: a line that says what wrote it, then an entry a line (so that neither
    writing nor reading holds the JSON values of every document at once). Raises
    ``ValueError`` for a value JSON cannot hold, which a document read never has."""
    head = {"format": FORMAT, "version": VERSION, "fingerprint": fingerprint}
    lines = [_json(head)]
    for path_type, member, digest, sidecars, document in entries:
        entry = [path_type, member, digest, [list(s) for s in sidecars], _document(document)]
        lines.append(_json(entry))
    lines.append(b"")
    return b"\n".join(lines)


def load(data: bytes, fingerprint: str) -> list[Entry]:
    """The entries :func:`dump` wrote into ``data`` for ``fingerprint``; raises
    :class:`Refused` for anything else, whatever ``data`` holds."""
    head, line_end, body = data.partition(b"\n")
    try:
        expected = {"format": FORMAT, "version": VERSION, "fingerprint": fingerprint}
        if _parse(head) != expected:
            raise Refused("written by another version or for other settings")
        lines = body.split(b"\n")
        if not line_end or lines.pop() != b"":  # a file cut short
            _refuse()
        return [_entry(_parse(line)) for line in lines]
    except Refused:
        raise
    except (ValueError, TypeError, RecursionError, MemoryError) as error:
        raise Refused(f"damaged: {type(error).__name__}") from None


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), allow_nan=False).encode("ascii")


def _no_constant(name: str) -> NoReturn:
    raise Refused(f"{name} is not a value a document holds")


def _parse(data: bytes) -> Any:
    """JSON, without ``NaN`` and ``Infinity``, which :func:`json.dumps` never wrote."""
    return json.loads(data, parse_constant=_no_constant)


def _refuse() -> NoReturn:
    raise Refused("not the shape of a kept document")


def _document(document: Document) -> list[Any]:
    return [
        document.path,
        document.type,
        document.title,
        document.id,
        document.status,
        list(document.owners),
        document.created,
        document.updated,
        document.fields,
        {
            key: line if file == document.path else [file, line]
            for key, (file, line) in document.field_lines.items()
        },
        [
            [
                s.title,
                s.level,
                s.line,
                s.end_line,
                s.key,
                [s.progress.done, s.progress.total, s.progress.started],
                s.content_lines,
                s.has_children,
            ]
            for s in document.sections
        ],
        [document.progress.done, document.progress.total, document.progress.started],
        [[f.path, f.line, f.rule, f.message, f.severity.value] for f in document.findings],
        document.readable,
        document.body_line,
        document.line_count,
        document.front_matter_read,
        document.unsafe_front_matter,
        list(document.sidecars),
        list(document.unsafe_html),
        None
        if document.run_ons is None
        else [
            list(document.run_ons.lists),
            list(document.run_ons.key_lines),
            document.run_ons.digest,
        ],
        document.names_queries,
    ]


def _entry(entry: Any) -> Entry:
    if type(entry) is not list or len(entry) != 5:
        _refuse()
    path_type, member, digest, sidecars, document = entry
    if type(path_type) is not str or type(member) is not bool or type(digest) is not str:
        _refuse()
    if type(sidecars) is not list:
        _refuse()
    kept: list[tuple[str, str | None]] = []
    for sidecar in sidecars:
        if type(sidecar) is not list or len(sidecar) != 2:
            _refuse()
        name, sidecar_digest = sidecar
        if type(name) is not str or not (sidecar_digest is None or type(sidecar_digest) is str):
            _refuse()
        kept.append((name, sidecar_digest))
    return path_type, member, digest, tuple(kept), _read_document(document)


def _read_document(value: Any) -> Document:
    if type(value) is not list or len(value) != len(DOCUMENT_FIELDS):
        _refuse()
    (
        path,
        doc_type,
        title,
        doc_id,
        status,
        owners,
        created,
        updated,
        fields,
        field_lines,
        sections,
        progress,
        findings,
        readable,
        body_line,
        line_count,
        front_matter_read,
        unsafe_front_matter,
        sidecars,
        unsafe_html,
        run_ons,
        names_queries,
    ) = value
    _texts(path, doc_type, title)
    _optional_texts(doc_id, status, created, updated)
    _flags(readable, front_matter_read, unsafe_front_matter, names_queries)
    _counts(body_line, line_count)
    if type(fields) is not dict or not _values(fields, MAX_YAML_DEPTH + 1):
        _refuse()
    return Document(
        path=path,
        type=doc_type,
        title=title,
        id=doc_id,
        status=status,
        owners=tuple(_text_list(owners)),
        created=created,
        updated=updated,
        fields=fields,
        field_lines=_field_lines(field_lines, path),
        sections=[_section(section) for section in _list(sections)],
        progress=_progress(progress),
        findings=[_finding(finding) for finding in _list(findings)],
        readable=readable,
        body_line=body_line,
        line_count=line_count,
        front_matter_read=front_matter_read,
        unsafe_front_matter=unsafe_front_matter,
        sidecars=tuple(_text_list(sidecars)),
        unsafe_html=tuple(_count_list(unsafe_html)),
        run_ons=None if run_ons is None else _run_ons(run_ons),
        names_queries=names_queries,
    )


def _run_ons(value: Any) -> RunOnLines:
    if type(value) is not list or len(value) != 3:
        _refuse()
    lists, key_lines, digest = value
    _texts(digest)
    return RunOnLines(tuple(_count_list(lists)), tuple(_count_list(key_lines)), digest)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        _refuse()
    return value


def _texts(*values: Any) -> None:
    for value in values:
        if type(value) is not str:
            _refuse()


def _optional_texts(*values: Any) -> None:
    for value in values:
        if value is not None and type(value) is not str:
            _refuse()


def _flags(*values: Any) -> None:
    for value in values:
        if type(value) is not bool:
            _refuse()


def _counts(*values: Any) -> None:
    """Line numbers and counts: whole numbers, not negative (``True`` is not one)."""
    for value in values:
        if type(value) is not int or value < 0:
            _refuse()


def _text_list(value: Any) -> list[str]:
    _texts(*_list(value))
    return value  # type: ignore[no-any-return]


def _count_list(value: Any) -> list[int]:
    _counts(*_list(value))
    return value  # type: ignore[no-any-return]


def _values(value: Any, depth: int) -> bool:
    """True when ``value`` holds only what a document's fields hold (JSON's values, with text
    keys), no deeper than ``depth`` lists and mappings: the front matter's mapping, and as many
    levels in it as it may nest."""
    if type(value) is dict:
        return depth > 0 and all(_values(item, depth - 1) for item in value.values())
    if type(value) is list:
        return depth > 0 and all(_values(item, depth - 1) for item in value)
    return value is None or type(value) in (str, int, float, bool)


def _field_lines(value: Any, path: str) -> dict[str, tuple[str, int | None]]:
    """Field → its line, in the document's own file (most are), or ``[file, line]``."""
    if type(value) is not dict:
        _refuse()
    lines: dict[str, tuple[str, int | None]] = {}
    for key, where in value.items():
        if where is None or (type(where) is int and where >= 0):
            lines[key] = (path, where)
            continue
        if type(where) is not list or len(where) != 2:
            _refuse()
        file, line = where
        _texts(file)
        if line is not None:
            _counts(line)
        lines[key] = (file, line)
    return lines


def _progress(value: Any) -> Progress:
    if type(value) is not list or len(value) != 3:
        _refuse()
    _counts(*value)
    done, total, started = value
    return Progress(done, total, started)


def _section(value: Any) -> Section:
    if type(value) is not list or len(value) != 8:
        _refuse()
    title, level, line, end_line, key, progress, content_lines, has_children = value
    _texts(title, key)
    _counts(level, line, end_line, content_lines)
    _flags(has_children)
    return Section(
        title, level, line, end_line, key, _progress(progress), content_lines, has_children
    )


def _finding(value: Any) -> Finding:
    if type(value) is not list or len(value) != 5:
        _refuse()
    path, line, rule, message, severity = value
    _texts(path, rule, message)
    if line is not None:
        _counts(line)
    if rule not in RULES or severity not in _SEVERITIES:
        _refuse()
    return Finding(path, line, rule, message, _SEVERITIES[severity])
