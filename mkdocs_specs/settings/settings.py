"""The settings every stage reads: the types in matching order, aliases, sidecars, severities
and relations, built from the presets and the user's options.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import RULES, SEVERITY_CHOICES
from ..labels.labels import ENGLISH_LABELS, Labels
from ..model import SettingsError, squash
from .aliases import DEFAULT_ALIASES, normalize_key
from .coverage import CoverageRule, compile_coverage
from .presets import DEFAULT_PRESETS, FORMAT_OPTIONS, PRESETS, SEED_OPTIONS
from .relations import DEFAULT_RELATIONS, RELATION_OPTIONS, Relation
from .types import TUPLE_OPTIONS, TYPE_OPTIONS, CompiledType, DocType, compile_type, member_type


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
    test_results: tuple[str, ...] = ()
    """Patterns of JUnit XML reports, relative to :attr:`base_dir` (see
    :mod:`~mkdocs_specs.read.junit`)."""
    labels: Labels = field(default=ENGLISH_LABELS, compare=False)
    """The words the pages show, in the site's language."""
    compiled: Mapping[str, CompiledType] = field(init=False, repr=False, compare=False)
    link_fields: frozenset[str] = field(init=False, repr=False, compare=False)
    """The fields that hold relations: each relation's own field and its inverse."""
    member_types: Mapping[str, CompiledType] = field(init=False, repr=False, compare=False)
    """Type name → how the member files of its documents are read (see :func:`member_type`)."""
    coverage: Mapping[str, tuple[CoverageRule, ...]] = field(init=False, repr=False, compare=False)
    """Type name → its ``coverage`` rules, checked; only the types that have some."""

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
        compiled = {t.name: compile_type(t, Path(self.base_dir), self.aliases) for t in self.types}
        object.__setattr__(self, "compiled", compiled)
        names = {t.name: t.display for t in self.types}
        rules = {
            t.name: compile_coverage(t.name, t.coverage, t.statuses, names, self.relations)
            for t in self.types
            if t.coverage
        }
        object.__setattr__(self, "coverage", rules)
        object.__setattr__(
            self,
            "member_types",
            {
                name: compile_type(member_type(c.type), Path(self.base_dir), self.aliases)
                for name, c in compiled.items()
                if c.members is not None
            },
        )

    def __reduce__(self) -> tuple[type[Settings], tuple[Any, ...]]:
        """Pickled (for a worker process) by the options alone: what they compile to holds
        functions that do not pickle (a schema's format checks), and is compiled again."""
        return type(self), tuple(getattr(self, f.name) for f in dataclasses.fields(self) if f.init)

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


def build_settings(
    presets: Sequence[str] = DEFAULT_PRESETS,
    types: Mapping[str, Mapping[str, Any]] | None = None,
    aliases: Mapping[str, str] | None = None,
    relations: Mapping[str, Mapping[str, Any]] | None = None,
    labels: Labels = ENGLISH_LABELS,
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
        unknown = sorted(set(overrides) - set(TYPE_OPTIONS))
        if unknown:
            raise SettingsError(f"types.{name}: unknown option '{unknown[0]}'")
        changes: dict[str, Any] = {
            key: (tuple(value) if key in TUPLE_OPTIONS and value is not None else value)
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
        relations=_merge_relations(relations or {}, merged, labels),
        labels=labels,
        **options,
    )


def _merge_relations(
    changes: Mapping[str, Mapping[str, Any]], aliases: Mapping[str, str], labels: Labels
) -> tuple[Relation, ...]:
    """The default relations (their labels in the language of ``labels``) with the user's
    changes, then the user's new relations; a relation without an inverse label reads
    ``Blocks (from)`` from the other side, in that language too."""
    known = {
        r.name: dataclasses.replace(
            r,
            label=labels.text(f"relation.{r.name}"),
            inverse_label=labels.text(f"relation.{r.name}.inverse"),
        )
        for r in DEFAULT_RELATIONS
    }
    for name, options in changes.items():
        options = options or {}
        field_name = normalize_key(name, aliases)
        unknown = sorted(set(options) - set(RELATION_OPTIONS))
        if unknown:
            raise SettingsError(f"relations.{name}: unknown option '{unknown[0]}'")
        given = {k: v for k, v in options.items() if v is not None}
        if isinstance(given.get("inverse"), str):
            given["inverse"] = normalize_key(given["inverse"], aliases)
        base = known.get(field_name, Relation(field_name))
        known[field_name] = dataclasses.replace(base, **given)
    return tuple(
        r
        if r.inverse_label
        else dataclasses.replace(r, inverse_label=labels.text("relation.from", relation=r.display))
        for r in known.values()
    )
