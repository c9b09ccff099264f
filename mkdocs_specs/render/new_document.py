"""A new document from its type's template: the next free ID, a file name, and the template's
metadata filled in so that the document has every required field from the start.

The fields go where the template keeps them (a placeholder in the H1, ``**Key**: value``
lines); what the template has no place for goes into YAML front matter. A list the template
writes right under a paragraph line gets the blank line that Python-Markdown needs to show it
as a list. The result is read back with the same reader as every document, so what it says is
what a check will find.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from ..catalogue.groups import slugify
from ..model import Document, Finding, Severity
from ..parse.outline import fill_meta_line, scan
from ..parse.paragraphs import with_lists_apart
from ..parse.text import split_lines
from ..read.reader import DocumentReader, SidecarReader
from ..settings.aliases import normalize_key
from ..settings.settings import Settings
from ..settings.types import CompiledType

_WILDCARD = re.compile(r"[*?\[]")


_NUMBERED = re.compile(r"^(\d+)(?:[-_.](.+))?$")
"""``007-payout-scheduling``, ``0042``: a number, then perhaps a name."""


_ZERO_PADDED = re.compile(r"^0\d+(?:[-_.]|$)")


_PREFIXED = re.compile(r"^([A-Za-z]+[-_]?)(\d+)$")
"""``PAY-12``, ``RFC0042``: a prefix of letters, then a number."""


_KNOWN_FIELDS = ("title", "id", "status", "owners", "created", "updated")


class ScaffoldError(ValueError):
    """The new document cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class NewDocument:
    """A document to write."""

    path: str
    """Relative to the docs folder, with forward slashes."""
    text: str
    findings: list[Finding]
    """What checking the new document finds (residue warnings are expected)."""

    @property
    def errors(self) -> list[Finding]:
        """The findings of error severity."""
        return [f for f in self.findings if f.severity is Severity.ERROR]


SLUG_CHARS = 40
"""How long the title's part of a new file name or ID may be."""


def title_slug(title: str) -> str:
    """The title as a file name and an ID's name part, in ASCII so that it matches ID patterns
    such as the presets' and every file system takes it: ``Straßenbahn v2!`` →
    ``strabenbahn-v2``; ``untitled`` when nothing is left."""
    ascii_only = slugify(title).encode("ascii", "ignore").decode()
    slug = "-".join(filter(None, ascii_only.split("-")))[:SLUG_CHARS].strip("-")
    return slug or "untitled"


def next_id(compiled: CompiledType, documents: Iterable[Document], slug: str) -> str | None:
    """The next free ID for a document of the type titled ``slug``, from the IDs and file
    names of the type's documents, or ``None`` when they show no numbering.

    The IDs give the form, the IDs and file names the highest number: ``001-card-checkout``
    … ``008-loyalty-points`` give ``009-<slug>``, with as many digits as the widest and a name
    when the IDs have one; else ``PAY-12`` gives ``PAY-13``. Without IDs, only zero-padded
    file names (``0001-use-postgres.md``, as adr-tools writes them) show a numbering, so that a
    title such as "2025 pricing" starts none. The ID must match the type's ``id_pattern``.
    Raises :class:`ScaffoldError` when prefixed IDs use several prefixes, naming the next ID of
    each, or when the next ID would not match the pattern.
    """
    ours = [d for d in documents if d.type == compiled.type.name]
    ids = [d.id for d in ours if d.id]
    names = list(_file_keys(compiled, ours))
    if not ids:
        names = [name for name in names if _ZERO_PADDED.match(name)]
    proposal = _proposal(ids or names, ids + names, slug, compiled.type.name)
    pattern = compiled.type.id_pattern
    if proposal is not None and pattern and not re.search(pattern, proposal):
        raise ScaffoldError(
            f"the next {compiled.type.name} ID would be '{proposal}', which does not match the "
            f"type's ID pattern {pattern}; choose the ID with --id"
        )
    return proposal


def _proposal(form: list[str], keys: list[str], slug: str, type_name: str) -> str | None:
    """The next ID in the form of ``form``, after the highest number among ``keys``."""
    numbered = [m for m in map(_NUMBERED.match, form) if m]
    if numbered:
        following = max(int(m.group(1)) for m in map(_NUMBERED.match, keys) if m) + 1
        padded = str(following).zfill(max(len(m.group(1)) for m in numbered))
        return f"{padded}-{slug}" if any(m.group(2) for m in numbered) else padded
    prefixes = {m.group(1).casefold() for m in map(_PREFIXED.match, form) if m}
    highest: dict[str, tuple[str, int, int]] = {}  # folded prefix → spelling, number, digits
    for match in filter(None, map(_PREFIXED.match, keys)):
        prefix, digits = match.group(1), match.group(2)
        if prefix.casefold() not in prefixes:
            continue
        spelling, number, width = highest.get(prefix.casefold(), (prefix, 0, 0))
        highest[prefix.casefold()] = (spelling, max(number, int(digits)), max(width, len(digits)))
    proposals = sorted(
        f"{spelling}{str(number + 1).zfill(width)}" for spelling, number, width in highest.values()
    )
    if len(proposals) > 1:
        raise ScaffoldError(
            f"the IDs of the {type_name} documents use several prefixes; choose the "
            f"new one with --id (the next free ones are {', '.join(proposals)})"
        )
    return proposals[0] if proposals else None


def _file_keys(compiled: CompiledType, documents: Iterable[Document]) -> Iterable[str]:
    """The documents' file names without extension (their folder's name for a fixed file
    name such as ``spec.md``): documents are often numbered by name."""
    names = (posixpath.basename(p) for p in compiled.type.paths)
    fixed = {name for name in names if not _WILDCARD.search(name)}
    for document in documents:
        folder, name = posixpath.split(document.path)
        yield posixpath.basename(folder) if name in fixed else posixpath.splitext(name)[0]


def document_path(compiled: CompiledType, doc_id: str | None, slug: str, where: str | None) -> str:
    """Where the new document goes, relative to the docs folder.

    The folder is the part of the type's first ``paths`` pattern before its first wildcard
    (``specs/**/*.md`` → ``specs``), or ``where`` when given; ``where`` ending in ``.md`` is
    the file itself. The file is named after the ID and the title (``009-checkout.md``,
    ``pay-13-checkout.md``), or after the title alone without an ID; a pattern that ends in a
    fixed name (``specs/*/spec.md``) gets a folder so named (``specs/009-checkout/spec.md``).
    """
    pattern = compiled.type.paths[0].strip("/") if compiled.type.paths else None
    fixed = None
    if pattern is not None and not _WILDCARD.search(posixpath.basename(pattern)):
        fixed = posixpath.basename(pattern)
    if where is not None and where.endswith(".md"):
        path = where
    else:
        if where is None:
            if pattern is None:
                raise ScaffoldError(
                    f"type '{compiled.type.name}' has no paths to take a folder from; "
                    "give one with --path"
                )
            where = _folder_of(pattern)
        stem = slugify(doc_id) if doc_id else ""
        stem = stem if stem and stem.endswith(slug) else "-".join(filter(None, [stem, slug]))
        path = posixpath.join(where, stem, fixed) if fixed else posixpath.join(where, f"{stem}.md")
    path = posixpath.normpath(path.replace("\\", "/"))
    if path.startswith(("/", "../")) or path == "..":
        raise ScaffoldError(f"'{where}' is outside the docs folder; expected a path inside it")
    return path


def _folder_of(pattern: str) -> str:
    """The folders of ``pattern`` before its first wildcard; a leading ``**/`` (any depth, the
    top included) is skipped: ``**/openspec/changes/*/proposal.md`` → ``openspec/changes``."""
    segments = pattern.split("/")[:-1]
    while segments[:1] == ["**"]:
        segments = segments[1:]
    folder: list[str] = []
    for segment in segments:
        if _WILDCARD.search(segment):
            break
        folder.append(segment)
    return "/".join(folder)


def new_document(
    settings: Settings,
    compiled: CompiledType,
    documents: Sequence[Document],
    title: str,
    *,
    today: str,
    doc_id: str | None = None,
    status: str | None = None,
    owners: Sequence[str] = (),
    where: str | None = None,
    read_sidecar: SidecarReader | None = None,
) -> NewDocument:
    """A new document of the type, from its template, with its fields filled in.

    ``doc_id`` defaults to :func:`next_id` (or ``001-<slug>`` when the type needs an ID and
    its documents show none), ``status`` to the type's first status, ``created`` (and
    ``updated`` when the template or the type asks for it) to ``today``. A required field
    with no value gets a ``[Placeholder]``, so the document is listed as unfinished, not
    invalid. Raises :class:`ScaffoldError` for an ID or status the type refuses.
    """
    doctype = compiled.type
    template = compiled.template_text or _bare_template(compiled)
    outline = scan(template)
    slots = {normalize_key(m.key, settings.aliases) for m in outline.meta_lines}
    h1_slots = [
        (text, normalize_key(text[1:-1], settings.aliases))
        for line, text in outline.placeholders
        if line == outline.h1_line
    ]
    slug = title_slug(title)
    # The ID goes into the document when it was asked for, when the type or its template has
    # a place for one, or when the type's documents have IDs; otherwise it only names the file.
    wants_id = (
        doc_id is not None
        or "id" in doctype.required_fields
        or "id" in slots
        or any(field == "id" for _, field in h1_slots)
        or any(d.id for d in documents if d.type == doctype.name)
    )
    if doc_id is None:
        doc_id = next_id(compiled, documents, slug)
        if doc_id is None and wants_id:
            doc_id = f"001-{slug}"
    else:
        _check_id(compiled, documents, doc_id)
    values: dict[str, Any] = {"title": title, "id": doc_id if wants_id else None}
    values["status"] = _status(compiled, status)
    values["owners"] = list(owners)
    values["created"] = today
    if "updated" in slots or "updated" in doctype.required_fields:
        values["updated"] = today
    for name in doctype.required_fields:
        if not values.get(name):
            values[name] = f"[{name.replace('_', ' ').capitalize()}]"
    values = {k: v for k, v in values.items() if v}

    lines = split_lines(template)
    if outline.h1_line is not None:
        lines[outline.h1_line - 1] = _fill_h1(lines[outline.h1_line - 1], h1_slots, values)
    for line in sorted({m.line for m in outline.meta_lines}):
        lines[line - 1] = fill_meta_line(
            lines[line - 1], lambda key: _shown(values, normalize_key(key, settings.aliases))
        )
    lines = with_lists_apart(lines, outline.body_line - 1)
    path = document_path(compiled, doc_id, slug, where)
    reader = DocumentReader(settings, read_sidecar or (lambda _: None))
    text = "\n".join(lines)
    written = reader.read(path, text.encode("utf-8"), compiled)
    has_h1 = outline.h1 is not None
    front = {k: v for k, v in values.items() if not _same(written, k, v, has_h1)}
    if settings.type_for_path(path) is not compiled:
        front["type"] = doctype.name
    if front:
        text = _with_front_matter(lines, outline.body_line, outline.front_matter, front, settings)
        written = reader.read(path, text.encode("utf-8"), compiled)
    return NewDocument(path, text, written.findings)


def _bare_template(compiled: CompiledType) -> str:
    """For a type without a template: an H1 and its required sections."""
    headings = [title for title, _ in compiled.required_sections]
    return "\n\n".join(["# [Title]", *(f"## {heading}" for heading in headings)]) + "\n"


def _check_id(compiled: CompiledType, documents: Sequence[Document], doc_id: str) -> None:
    pattern = compiled.type.id_pattern
    if pattern and not re.search(pattern, doc_id):
        raise ScaffoldError(
            f"ID '{doc_id}' does not match the {compiled.type.name} ID pattern {pattern}"
        )
    for document in documents:
        if document.type == compiled.type.name and document.id == doc_id:
            raise ScaffoldError(f"ID '{doc_id}' is already used by {document.path}")


def _status(compiled: CompiledType, status: str | None) -> str | None:
    statuses = compiled.type.statuses
    if status is None:
        return statuses[0] if statuses else None
    canonical = compiled.canonical_status(status.strip())
    if statuses and canonical not in statuses:
        raise ScaffoldError(
            f"'{status}' is not a status of {compiled.type.name}; expected one of: "
            + ", ".join(statuses)
        )
    return canonical


def _fill_h1(line: str, slots: list[tuple[str, str]], values: dict[str, Any]) -> str:
    """The template's H1 with its placeholders filled: one that names the ID gets the ID, the
    first other one the title."""
    title_used = False
    for placeholder, field in slots:
        if field == "id" and "id" in values:
            line = line.replace(placeholder, values["id"], 1)
        elif field != "id" and not title_used:
            line = line.replace(placeholder, values["title"], 1)
            title_used = True
    return line


def _shown(values: dict[str, Any], name: str) -> str | None:
    """The value of a field the command fills, as a ``**Key**: value`` line has it; ``None``
    keeps the template's own value."""
    value = values.get(name) if name in _KNOWN_FIELDS else None
    if value is None:
        return None
    return ", ".join(value) if isinstance(value, list) else str(value)


def _same(document: Document, name: str, value: Any, has_h1: bool) -> bool:
    """Whether reading the document gives ``value`` for the field ``name``: a field left as a
    placeholder by the template counts as present, to be filled in by the writer."""
    if name == "title":
        # A title taken from the file name would change with it: it must be written.
        written = has_h1 or "title" in document.field_lines
        return written and bool(document.title == value)
    if name not in _KNOWN_FIELDS and name in document.field_lines:
        # The template has a place for it: a placeholder (not among the fields) or a value.
        return name not in document.fields or document.fields[name] not in (None, "", [], {})
    return bool(document.fields.get(name) == value)


def _with_front_matter(
    lines: list[str],
    body_line: int,
    existing: str | None,
    front: dict[str, Any],
    settings: Settings,
) -> str:
    """The text with ``front`` in its front matter, added to the template's own if it has any."""
    fields: dict[str, Any] = {}
    if existing is not None:
        try:
            loaded = yaml.safe_load(existing)
        except yaml.YAMLError:
            loaded = None
        if not isinstance(loaded, dict):
            raise ScaffoldError(
                "the type's template has front matter that is not a YAML mapping; fix the template"
            )
        fields = {
            key: value
            for key, value in loaded.items()
            if normalize_key(key, settings.aliases) not in front
        }
    fields = {**front, **fields}
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return "\n".join(["---", *dumped.splitlines(), "---", *lines[body_line - 1 :]])
