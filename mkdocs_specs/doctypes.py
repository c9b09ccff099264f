"""Document types and settings: what the user configures, checked and compiled once per build.

A :class:`DocType` is plain configuration. :class:`Settings` compiles every type once (path
patterns, JSON Schema validator, the template's placeholders and comments, regular
expressions) and raises :class:`SettingsError`, naming the option, when something is wrong.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pathspec
from jsonschema.protocols import Validator

from .metadata import DEFAULT_ALIASES, normalize_key
from .model import SettingsError, squash
from .outline import normalize_heading, scan
from .presets import FORMAT_OPTIONS, PRESET_OPTIONS, SEED_OPTIONS, SEED_PRESETS
from .relations import DEFAULT_RELATIONS, Relation
from .rules import RULES, SEVERITY_CHOICES
from .validate import build_schema, compile_schema


@dataclass(frozen=True)
class DocType:
    """A kind of document, as configured."""

    name: str
    label: str = ""
    """Shown in the pages; defaults to the name, capitalized."""
    paths: tuple[str, ...] = ()
    """Patterns relative to the docs folder, as in ``.gitignore`` and MkDocs' ``exclude_docs``."""
    exclude: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    """Allowed statuses, in the order the pages list them; empty allows any."""
    required_fields: tuple[str, ...] = ()
    required_sections: tuple[str, ...] | None = None
    """Headings a document must have; ``None`` takes the template's level-2 headings."""
    template: str | None = None
    """The Markdown template documents are written from: its placeholders and comments are
    residue, and it gives the required sections when none are listed."""
    schema: Mapping[str, Any] | None = None
    """More JSON Schema for the fields, checked together with the built-in one."""
    id_pattern: str | None = None
    title_pattern: str | None = None
    """Regular expression applied to the H1, with named groups ``title`` and/or ``id``."""
    extract: Mapping[str, str] = field(default_factory=dict)
    """Field → regular expression searched in the text; group 1 (or the match) is the value."""
    choice_sections: tuple[str, ...] = ()
    """Headings whose checkboxes pick among options (a change request's "Type of Change")
    instead of listing work: their items are not counted as progress."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Field-name aliases for this type's documents only (``decision-makers: owners``)."""
    sidecars: tuple[str, ...] = ()
    """Sidecar files of this type (``kep.yaml``), read before the site's ``sidecars``."""
    plain_fields: bool = False
    """Read plain ``Key: value`` lines (bare or as list items) in the document's opening."""
    status_section: str | None = None
    """A heading whose text is the status (``Status``, as Nygard's decision records have)."""
    path_pattern: str | None = None
    """Regular expression searched in the path, with named groups (``id``, ``title``, ...)
    that fill fields no other source gives."""
    members: tuple[str, ...] = ()
    """Patterns, relative to a document's folder, of the files that are part of it (a
    spec-kit feature's ``plan.md`` and ``tasks.md``): one entry in the indexes, their
    progress rolled up into the document's."""
    status_from_tasks: bool = False
    """A document without a status takes one from its checklists (see the README)."""
    group_by: tuple[str, ...] = ()
    """More fields whose values get generated pages, as statuses and owners do
    (``owning_group``)."""

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
    extract: tuple[tuple[str, re.Pattern[str]], ...]
    statuses: Mapping[str, str]
    """Squashed status (no case, spaces, hyphens or underscores) → the configured spelling."""
    choice_sections: frozenset[str]
    """Normalized titles of the sections whose checkboxes are not progress."""
    aliases: Mapping[str, str]
    """The site's aliases with the type's own."""
    path_re: re.Pattern[str] | None
    members: pathspec.GitIgnoreSpec | None
    """The type's ``members`` patterns, when it has any."""

    def matches(self, path: str) -> bool:
        """True when ``path`` (relative to the docs folder) is one of this type's documents."""
        return self.include.match_file(path) and not self.exclude.match_file(path)

    def canonical_status(self, status: str) -> str:
        """``in-progress`` → ``In Progress`` when that is a configured status."""
        return self.statuses.get(squash(status), status)


@dataclass(frozen=True)
class Settings:
    """Everything the core needs, independent of any host."""

    types: tuple[DocType, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    sidecars: tuple[str, ...] = ("{stem}.meta.yaml", "metadata.yaml")
    """Sidecar file names looked up beside each document; ``{stem}`` is the file name without
    its extension."""
    severities: Mapping[str, str] = field(default_factory=dict)
    max_file_size: int = 2 * 1024 * 1024
    base_dir: str = "."
    """Folder that relative template paths are resolved from (the folder of ``mkdocs.yml``)."""
    relations: tuple[Relation, ...] = DEFAULT_RELATIONS
    """The fields that link documents to each other."""
    compiled: Mapping[str, CompiledType] = field(init=False, repr=False, compare=False)
    link_fields: frozenset[str] = field(init=False, repr=False, compare=False)
    """The fields that hold relations: each relation's own field and its inverse."""
    member_types: Mapping[str, CompiledType] = field(init=False, repr=False, compare=False)
    """Type name → how the member files of its documents are read (see :func:`member_type`)."""

    def __post_init__(self) -> None:
        for rule, level in self.severities.items():
            if rule not in RULES:
                raise SettingsError(
                    f"severity: unknown rule '{rule}'; expected one of: " + ", ".join(RULES)
                )
            if level not in SEVERITY_CHOICES:
                raise SettingsError(
                    f"severity.{rule}: '{level}' is not one of: " + ", ".join(SEVERITY_CHOICES)
                )
        if isinstance(self.max_file_size, bool) or self.max_file_size <= 0:
            raise SettingsError("max_file_size: expected a positive number of bytes")
        _check_sidecars(self.sidecars, "sidecars")
        for doctype in self.types:
            _check_sidecars(doctype.sidecars, f"types.{doctype.name}.sidecars")
        _check_relations(self.relations)
        links = {name for r in self.relations for name in (r.name, r.inverse) if name is not None}
        object.__setattr__(self, "link_fields", frozenset(links))
        compiled = {t.name: _compile(t, Path(self.base_dir), self.aliases) for t in self.types}
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(
            self,
            "member_types",
            {
                name: _compile(member_type(c.type), Path(self.base_dir), self.aliases)
                for name, c in compiled.items()
                if c.members is not None
            },
        )

    def type_named(self, name: object) -> CompiledType | None:
        """The type whose name or label is ``name`` (ignoring case, spaces and hyphens)."""
        if not isinstance(name, str):
            return None
        key = squash(name)
        for compiled in self.compiled.values():
            if key in (squash(compiled.type.name), squash(compiled.type.display)):
                return compiled
        return None

    def type_for_path(self, path: str) -> CompiledType | None:
        """The first type, in order, whose patterns match ``path``."""
        for compiled in self.compiled.values():
            if compiled.matches(path):
                return compiled
        return None


def _check_sidecars(names: Sequence[str], where: str) -> None:
    for name in names:
        try:
            example = name.format(stem="spec")
        except (KeyError, IndexError, ValueError, AttributeError):
            raise SettingsError(
                f"{where}: '{name}' may name only {{stem}}, the document's file name "
                "without its extension"
            ) from None
        if example.startswith("/") or ".." in example.split("/"):
            raise SettingsError(f"{where}: '{name}' must name a file beside the document")


_NOT_LINKS = frozenset({"id", "title", "status", "owners", "type", "created", "updated"})
"""Fields with a meaning of their own, which cannot hold relations."""


def _check_relations(relations: Sequence[Relation]) -> None:
    fields: dict[str, str] = {}
    for relation in relations:
        for name in (relation.name, relation.inverse):
            if name is None:
                continue
            if name in _NOT_LINKS:
                raise SettingsError(
                    f"relations.{relation.name}: field '{name}' has a meaning of its own; "
                    "expected a field that holds the IDs of other documents"
                )
            if not re.fullmatch(r"[a-z0-9_]+", name):
                raise SettingsError(
                    f"relations.{relation.name}: field '{name}' must be a normalized field name "
                    "(lower case, digits and '_', as aliases give them)"
                )
            if name in fields:
                other = fields[name]
                raise SettingsError(
                    f"relations.{relation.name}: field '{name}' is "
                    + (
                        "both the relation's field and its inverse"
                        if other == relation.name
                        else f"already used by the relation '{other}'"
                    )
                )
            fields[name] = relation.name


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
        required_sections=(),
    )


def _compile(doctype: DocType, base_dir: Path, aliases: Mapping[str, str]) -> CompiledType:
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
        extract=tuple(
            (name, _regex(pattern, f"{where}.extract.{name}"))  # type: ignore[misc]
            for name, pattern in doctype.extract.items()
        ),
        statuses={squash(status): status for status in doctype.statuses},
        choice_sections=frozenset(normalize_heading(title) for title in doctype.choice_sections),
        aliases={
            **aliases,
            **{normalize_key(k, {}): normalize_key(v, {}) for k, v in doctype.aliases.items()},
        },
        path_re=_regex(doctype.path_pattern, f"{where}.path_pattern"),
        members=_patterns(doctype.members, f"{where}.members") if doctype.members else None,
    )


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


PRESETS: dict[str, DocType] = {
    name: DocType(name=name, **options) for name, options in PRESET_OPTIONS.items()
}
"""The built-in types, by name."""

_TUPLE_FIELDS = {
    "paths",
    "exclude",
    "statuses",
    "required_fields",
    "required_sections",
    "choice_sections",
    "sidecars",
    "members",
    "group_by",
}
_TYPE_FIELDS = {f.name for f in dataclasses.fields(DocType)} - {"name"}


def build_settings(
    presets: Sequence[str] = SEED_PRESETS,
    types: Mapping[str, Mapping[str, Any]] | None = None,
    aliases: Mapping[str, str] | None = None,
    relations: Mapping[str, Mapping[str, Any]] | None = None,
    **options: Any,
) -> Settings:
    """Settings from the enabled presets and the user's types (overrides of a preset of the
    same name, or new types). The user's types come first, in their order, then the remaining
    presets in built-in order, except that no seed preset comes before a format preset: the
    first type whose patterns match a path takes it."""
    types = types or {}
    unknown = [name for name in presets if name not in PRESETS]
    if unknown:
        raise SettingsError(
            f"presets: unknown preset '{unknown[0]}'; expected one of: " + ", ".join(PRESETS)
        )
    resolved: list[DocType] = []
    for name, overrides in types.items():
        base = PRESETS.get(name, DocType(name=name))
        unknown = sorted(set(overrides) - _TYPE_FIELDS)
        if unknown:
            raise SettingsError(f"types.{name}: unknown option '{unknown[0]}'")
        changes: dict[str, Any] = {
            key: (tuple(value) if key in _TUPLE_FIELDS and value is not None else value)
            for key, value in overrides.items()
            if value is not None
        }
        if changes.get("template") and "required_sections" not in changes:
            changes["required_sections"] = None  # taken from the new template
        resolved.append(dataclasses.replace(base, **changes))
    resolved.extend(PRESETS[name] for name in PRESETS if name in presets and name not in types)
    if any(t.name in FORMAT_OPTIONS for t in resolved):
        # A seed preset changed under `types` still matches after the format presets: its
        # patterns (`specs/**/*.md`) are wider than theirs (`specs/[0-9]*/spec.md`).
        resolved.sort(key=lambda t: t.name in SEED_OPTIONS)
    merged = dict(DEFAULT_ALIASES)
    for key, target in (aliases or {}).items():
        merged[normalize_key(key, {})] = normalize_key(target, {})
    return Settings(
        types=tuple(resolved),
        aliases=merged,
        relations=_merge_relations(relations or {}, merged),
        **options,
    )


def _merge_relations(
    changes: Mapping[str, Mapping[str, Any]], aliases: Mapping[str, str]
) -> tuple[Relation, ...]:
    """The default relations with the user's changes, then the user's new relations."""
    known = {relation.name: relation for relation in DEFAULT_RELATIONS}
    for name, options in changes.items():
        options = options or {}
        field_name = normalize_key(name, aliases)
        unknown = sorted(set(options) - _RELATION_FIELDS)
        if unknown:
            raise SettingsError(f"relations.{name}: unknown option '{unknown[0]}'")
        given = {k: v for k, v in options.items() if v is not None}
        if isinstance(given.get("inverse"), str):
            given["inverse"] = normalize_key(given["inverse"], aliases)
        base = known.get(field_name, Relation(field_name))
        known[field_name] = dataclasses.replace(base, **given)
    return tuple(known.values())


_RELATION_FIELDS = {f.name for f in dataclasses.fields(Relation)} - {"name"}
