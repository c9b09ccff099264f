"""Document types: the options of a type, declared once, and what is compiled from them.

A :class:`DocType` is plain configuration; :class:`CompiledType` is everything worked out once
per build (path patterns, the JSON Schema validator, the template's placeholders and comments,
regular expressions). Compiling raises :class:`~mkdocs_specs.model.SettingsError`, naming the
option, when something is wrong.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pathspec
from jsonschema.protocols import Validator

from ..check.fields import build_schema, compile_schema
from ..model import SettingsError, squash
from ..parse.headings import normalize_heading
from ..parse.outline import scan
from .aliases import normalize_key
from .titles import TitleFormat, compile_titles


@dataclass(frozen=True)
class DocType:
    """A kind of document, as configured."""

    name: str
    label: str = ""
    """Name shown in pages, e.g. ``Decision record``; by default the name, capitalized."""
    paths: tuple[str, ...] = ()
    """Patterns relative to the docs folder, as in ``.gitignore`` and MkDocs' ``exclude_docs``."""
    exclude: tuple[str, ...] = ()
    """Patterns of files that are not documents even though ``paths`` matches them."""
    statuses: tuple[str, ...] = ()
    """Allowed statuses, in the order the pages list them; empty allows any."""
    required_fields: tuple[str, ...] = ()
    """Fields every document of the type must have (after aliases)."""
    required_sections: tuple[str, ...] | None = None
    """Headings a document must have; ``None`` takes the template's level-2 headings."""
    template: str | None = None
    """The Markdown template documents are written from, relative to ``mkdocs.yml``: its
    placeholders and comments are residue, and it gives the required sections when none are
    listed."""
    schema: Mapping[str, Any] | None = None
    """More JSON Schema for the fields, checked together with the built-in one."""
    id_pattern: str | None = None
    """Regular expression an ID must match."""
    title_pattern: str | None = None
    """Regular expression applied to the H1, with named groups ``title`` and/or ``id``."""
    title_format: tuple[str, ...] = ()
    """How the type's documents are titled in every page and in the navigation: formats tried
    in order, the first whose fields all have a value wins (``{id} · {implements.title}``,
    then ``{title}``). A format names in braces ``id``, ``title``, ``status``, any metadata
    field, or ``<relation>.title`` and ``<relation>.id`` for the document a relation links to.
    Empty: the title as read."""
    extract: Mapping[str, str] = field(default_factory=dict)
    """Field → regular expression searched in the text; group 1 (or the match) is the value."""
    choice_sections: tuple[str, ...] = ()
    """Headings whose checkboxes pick among options (a change request's "Type of Change")
    instead of listing work: their items are not counted as progress."""
    optional_sections: tuple[str, ...] = ()
    """Headings whose sections may stay empty, as a heading marked ``(Optional)`` may (an
    OpenSpec proposal's ``Modified Capabilities``, left empty when a change modifies none)."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Field-name aliases for this type's documents only (``decision-makers: owners``)."""
    sidecars: tuple[str, ...] = ()
    """Sidecar files of this type (``kep.yaml``), read before the site's ``sidecars``."""
    plain_fields: bool = False
    """Read plain ``Key: value`` lines (bare or as list items) in the document's opening."""
    status_section: str | None = None
    """A heading whose text is the status (``Status``, as Nygard's decision records have)."""
    metadata_section: str | None = "Overview"
    """The heading of a first section that holds the ``**Key**: value`` lines when the
    opening holds none, as the feature-spec seed's ``## Overview`` does; such lines in any
    other section are text (a checklist's ``**Note:**``). Empty for the opening only."""
    path_pattern: str | None = None
    """Regular expression searched in the path, with named groups (``id``, ``title``, ...)
    that fill fields no other source gives."""
    members: tuple[str, ...] = ()
    """Patterns, relative to a document's folder, of the files that are part of it (a
    spec-kit feature's ``plan.md`` and ``tasks.md``): one entry in the indexes, their
    progress rolled up into the document's."""
    residue_from: str | None = None
    """The first of the type's statuses from which template residue (placeholders, guidance
    comments, empty sections and items) counts at its severity; before it, and without a
    status, it is information, as a draft is expected to hold it. By default, the first
    status that is no draft (``Draft``, ``Proposed``, ``Provisional`` ... are drafts)."""
    status_from_tasks: bool = False
    """A document without a status takes one from its checklists (its member files'
    included): Complete, In Progress, Not Started or Draft."""
    group_by: tuple[str, ...] = ()
    """More fields whose values get generated pages, as statuses and owners do
    (``owning_group``)."""
    review_every: Mapping[str, str] = field(default_factory=dict)
    """Status → how long a document in it may go unchanged (``30d``, ``12w``): one unchanged
    for longer, by its ``updated`` field or else by git, is stale. Empty: none is."""
    tests_from: str | None = None
    """The first of the type's statuses from which a document must have passing tests and no
    failing ones in the reports of ``test_results``: in it and every later status of
    ``statuses``, except those that stop a document (``Rejected``, ``Superseded``, ...)."""
    counts: Mapping[str, str] = field(default_factory=dict)
    """Field → regular expression searched in each heading's text; the field is the number of
    headings that match (an OpenSpec capability's ``### Requirement:`` headings)."""
    status_from_path: Mapping[str, str] = field(default_factory=dict)
    """Pattern, as in ``paths`` → the status of the documents it matches that state none (an
    OpenSpec change moved to ``changes/archive/`` is ``Archived``)."""
    coverage: tuple[Mapping[str, Any], ...] = ()
    """Rules each document of the type must meet, or be reported ``coverage``: linked by a
    ``relation`` (either way) to ``at_least`` (1) documents of ``type`` (a name or a list),
    from a status on in the type's order (``from: Approved``) or in the statuses listed
    (``in: [Approved, Implemented]``), or in any status. Empty: no rule, no Matrix page."""

    @property
    def display(self) -> str:
        """The label shown in pages."""
        return self.label or self.name.replace("-", " ").replace("_", " ").capitalize()


@dataclass(frozen=True)
class CompiledType:
    """Everything about a type that is worked out once per build."""

    type: DocType
    include: pathspec.GitIgnoreSpec
    exclude: pathspec.GitIgnoreSpec
    validator: Validator
    required_sections: tuple[tuple[str, str], ...]
    placeholders: frozenset[str]
    comments: frozenset[str]
    template_text: str | None
    title_re: re.Pattern[str] | None
    title_format: tuple[TitleFormat, ...]
    extract: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: Mapping[str, str]
    """Squashed status (no case, spaces, hyphens or underscores) → the configured spelling."""
    choice_sections: frozenset[str]
    """Normalized titles of the sections whose checkboxes are not progress."""
    optional_sections: frozenset[str]
    """Normalized titles of the sections that may stay empty."""
    metadata_section: str | None
    """The normalized title of the section that may hold ``**Key**: value`` lines."""
    aliases: Mapping[str, str]
    """The site's aliases with the type's own."""
    path_re: re.Pattern[str] | None
    members: pathspec.GitIgnoreSpec | None
    """The type's ``members`` patterns, when it has any."""
    review_days: Mapping[str, int] = field(default_factory=dict)
    """Squashed status → the days a document in it may go unchanged (``review_every``)."""
    counts: tuple[tuple[str, re.Pattern[str]], ...] = ()
    tests_statuses: frozenset[str] = frozenset()
    """Squashed statuses from ``tests_from`` on, in the type's order."""
    path_statuses: tuple[tuple[pathspec.GitIgnoreSpec, str], ...] = ()
    """The ``status_from_path`` patterns, in order, each with its status."""

    def matches(self, path: str) -> bool:
        """True when ``path`` (relative to the docs folder) is one of this type's documents."""
        return self.include.match_file(path) and not self.exclude.match_file(path)

    def canonical_status(self, status: str) -> str:
        """``in-progress`` → ``In Progress`` when that is a configured status."""
        return self.statuses.get(squash(status), status)


def member_type(doctype: DocType) -> DocType:
    """How the member files of a type's documents are read: for their metadata and checklists,
    with the type's readers, but with no required fields or sections and any status."""
    return DocType(
        name=doctype.name,
        label=doctype.label,
        id_pattern=doctype.id_pattern,
        choice_sections=doctype.choice_sections,
        aliases=doctype.aliases,
        plain_fields=doctype.plain_fields,
        status_section=doctype.status_section,
        metadata_section=doctype.metadata_section,
        required_sections=(),
    )


def compile_type(doctype: DocType, base_dir: Path, aliases: Mapping[str, str]) -> CompiledType:
    where = f"types.{doctype.name}"
    template_text = None
    placeholders: frozenset[str] = frozenset()
    comments: frozenset[str] = frozenset()
    required = doctype.required_sections or ()
    if doctype.template:
        template_path = base_dir / doctype.template
        try:
            template_text = template_path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as error:
            raise SettingsError(
                f"{where}.template: cannot read '{template_path}': {error}"
            ) from None
        outline = scan(template_text)
        placeholders = frozenset(text for _, text in outline.placeholders)
        comments = frozenset(text for _, text in outline.comments if text)
        if doctype.required_sections is None:
            required = tuple(s.title for s in outline.sections if s.level == 2)
    _regex(doctype.id_pattern, f"{where}.id_pattern")
    schema = build_schema(
        doctype.statuses, doctype.required_fields, doctype.id_pattern, doctype.schema
    )
    try:
        validator = compile_schema(schema)
    except jsonschema.SchemaError as error:
        raise SettingsError(f"{where}.schema: invalid JSON Schema: {error.message}") from None
    return CompiledType(
        type=doctype,
        include=_patterns(doctype.paths, f"{where}.paths"),
        exclude=_patterns(doctype.exclude, f"{where}.exclude"),
        validator=validator,
        required_sections=tuple((title, normalize_heading(title)) for title in required),
        placeholders=placeholders,
        comments=comments,
        template_text=template_text,
        title_re=_regex(doctype.title_pattern, f"{where}.title_pattern"),
        title_format=compile_titles(doctype.title_format, f"{where}.title_format"),
        extract=tuple(
            (name, _regex(pattern, f"{where}.extract.{name}"))  # type: ignore[misc]
            for name, pattern in doctype.extract.items()
        ),
        statuses={squash(status): status for status in doctype.statuses},
        choice_sections=frozenset(normalize_heading(title) for title in doctype.choice_sections),
        optional_sections=frozenset(
            normalize_heading(title) for title in doctype.optional_sections
        ),
        metadata_section=normalize_heading(doctype.metadata_section)
        if doctype.metadata_section
        else None,
        aliases={
            **aliases,
            **{normalize_key(k, {}): normalize_key(v, {}) for k, v in doctype.aliases.items()},
        },
        path_re=_regex(doctype.path_pattern, f"{where}.path_pattern"),
        members=_patterns(doctype.members, f"{where}.members") if doctype.members else None,
        review_days=_review_days(doctype, f"{where}.review_every"),
        counts=tuple(
            (name, _regex(pattern, f"{where}.counts.{name}"))  # type: ignore[misc]
            for name, pattern in doctype.counts.items()
        ),
        path_statuses=tuple(
            (_patterns((pattern,), f"{where}.status_from_path"), status)
            for pattern, status in doctype.status_from_path.items()
        ),
        tests_statuses=_tests_statuses(doctype, f"{where}.tests_from"),
    )


def _tests_statuses(doctype: DocType, where: str) -> frozenset[str]:
    """``tests_from`` checked: one of the type's statuses; the squashed statuses from it on
    in the type's order."""
    start = doctype.tests_from
    if start is None:
        return frozenset()
    if not isinstance(start, str) or not start.strip():
        raise SettingsError(f"{where}: expected one of the type's statuses")
    if not doctype.statuses:
        raise SettingsError(
            f"{where}: the type lists no statuses, so no status comes after '{start}'; "
            "expected the type's statuses, in order, in its 'statuses' option"
        )
    order = [squash(status) for status in doctype.statuses]
    if squash(start) not in order:
        raise SettingsError(
            f"{where}: '{start}' is not a status of the type; expected one of: "
            + ", ".join(doctype.statuses)
        )
    return frozenset(order[order.index(squash(start)) :])


_PERIOD = re.compile(r"([0-9]{1,5})[ \t]?([dw])", re.IGNORECASE)
"""A period of ``review_every``: a number of days (``30d``) or weeks (``12w``)."""


def _review_days(doctype: DocType, where: str) -> dict[str, int]:
    """``review_every`` checked: each key one of the type's statuses (any status when it lists
    none), each value a period; squashed status → days."""
    days: dict[str, int] = {}
    if not isinstance(doctype.review_every, Mapping):
        raise SettingsError(
            f"{where}: expected a mapping of status to period, such as {{Draft: 30d}}"
        )
    known = {squash(status) for status in doctype.statuses}
    for status, period in doctype.review_every.items():
        if not isinstance(status, str) or not status.strip():
            raise SettingsError(f"{where}: expected statuses as keys, got {status!r}")
        if known and squash(status) not in known:
            raise SettingsError(
                f"{where}: '{status}' is not a status of the type; expected one of: "
                + ", ".join(doctype.statuses)
            )
        match = _PERIOD.fullmatch(period.strip()) if isinstance(period, str) else None
        if match is None or int(match.group(1)) == 0:
            raise SettingsError(
                f"{where}.{status}: {period!r} is not a period; expected a number of days or "
                "weeks above zero, such as 30d or 12w"
            )
        count = int(match.group(1))
        days[squash(status)] = count * 7 if match.group(2).lower() == "w" else count
    return days


def _patterns(patterns: tuple[str, ...], where: str) -> pathspec.GitIgnoreSpec:
    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except (ValueError, TypeError, re.error) as error:
        raise SettingsError(f"{where}: invalid pattern: {error}") from None


def _regex(pattern: str | None, where: str) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern)
    except re.error as error:
        raise SettingsError(f"{where}: invalid regular expression: {error}") from None


TYPE_OPTIONS = {f.name: str(f.type) for f in dataclasses.fields(DocType) if f.name != "name"}
"""A type's options, as ``mkdocs.yml`` names them, and the kind of value each takes (its
annotation): the one declaration that the plugin's options and the settings read."""

TUPLE_OPTIONS = {name for name, kind in TYPE_OPTIONS.items() if kind.startswith("tuple[")}
"""The options that take a list, kept as tuples."""
