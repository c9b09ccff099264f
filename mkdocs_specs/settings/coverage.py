"""Coverage rules: a type's ``coverage`` option, read and checked against the other types and
the relations once per build.

A rule says which of a type's documents must be linked, by a relation, to at least so many
documents of other types: ``{relation: implements, type: feature-design, from: Approved}``,
every feature specification from status Approved on is implemented by a feature design. A link
counts in either direction (the spec may name the design, or the design the spec).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import SettingsError, squash
from .relations import Relation

RULE_KEYS = ("relation", "type", "from", "in", "at_least")
"""What a rule may say; ``relation`` and ``type`` are required."""

MOST_RULES = 20
"""The most rules one type may have: each one is a pass over the type's documents' links."""


@dataclass(frozen=True)
class CoverageRule:
    """One rule of a type's ``coverage``, checked."""

    relation: Relation
    types: tuple[str, ...]
    """The types of the documents that cover one (names)."""
    statuses: frozenset[str] | None
    """Squashed statuses of the documents it applies to; ``None``: every document."""
    shown_statuses: tuple[str, ...]
    """The same statuses as configured, for messages; empty for every document."""
    start: str | None
    """The status of ``from``, when the rule was written so."""
    at_least: int = 1

    def applies(self, status: str | None) -> bool:
        """Whether a document in ``status`` must be covered by this rule."""
        return self.statuses is None or (status is not None and squash(status) in self.statuses)


def compile_coverage(
    name: str,
    rules: Sequence[Any],
    statuses: Sequence[str],
    types: Mapping[str, str],
    relations: Sequence[Relation],
) -> tuple[CoverageRule, ...]:
    """The rules of type ``name`` (whose statuses, in order, are ``statuses``), checked:
    ``types`` are every type's name → its label, ``relations`` the site's. Raises
    :class:`SettingsError` naming the option and what was expected."""
    where = f"types.{name}.coverage"
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Sequence):
        raise SettingsError(
            f"{where}: expected a list of rules, such as [{{relation: ..., type: ...}}]"
        )
    if len(rules) > MOST_RULES:
        raise SettingsError(f"{where}: at most {MOST_RULES} rules, got {len(rules)}")
    return tuple(
        _rule(rule, f"{where}[{index}]", statuses, types, relations)
        for index, rule in enumerate(rules)
    )


def _rule(
    rule: Any,
    where: str,
    statuses: Sequence[str],
    types: Mapping[str, str],
    relations: Sequence[Relation],
) -> CoverageRule:
    if not isinstance(rule, Mapping):
        raise SettingsError(
            f"{where}: expected a mapping such as {{relation: implements, type: feature-design}}"
        )
    unknown = sorted(str(key) for key in rule if key not in RULE_KEYS)
    if unknown:
        raise SettingsError(
            f"{where}: unknown key '{unknown[0]}'; expected some of: " + ", ".join(RULE_KEYS)
        )
    by_field = {
        field: relation
        for relation in relations
        for field in (relation.name, relation.inverse)
        if field is not None
    }
    relation_name = rule.get("relation")
    if not isinstance(relation_name, str) or relation_name.strip() not in by_field:
        raise SettingsError(
            f"{where}.relation: {relation_name!r} is not a relation; expected one of: "
            + ", ".join(by_field)
        )
    kinds = rule.get("type")
    named = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(named, list) or not named:
        raise SettingsError(f"{where}.type: expected a type's name or a list of them")
    for kind in named:
        if not isinstance(kind, str) or kind not in types:
            raise SettingsError(
                f"{where}.type: {kind!r} is not a type of this site; expected one of: "
                + ", ".join(types)
            )
    at_least = rule.get("at_least", 1)
    if isinstance(at_least, bool) or not isinstance(at_least, int) or not 1 <= at_least <= 1000:
        raise SettingsError(f"{where}.at_least: expected a whole number from 1 to 1000")
    start = rule.get("from")
    listed = rule.get("in")
    if start is not None and listed is not None:
        raise SettingsError(f"{where}: 'from' and 'in' both given; expected one of them")
    chosen: tuple[str, ...] = ()
    known = {squash(status): status for status in statuses}
    if start is not None:
        if not statuses:
            raise SettingsError(
                f"{where}.from: the type lists no statuses, so they have no order; list the "
                "statuses the rule applies to with 'in' instead"
            )
        if not isinstance(start, str) or squash(start) not in known:
            raise SettingsError(
                f"{where}.from: {start!r} is not a status of the type; expected one of: "
                + ", ".join(statuses)
            )
        first = [squash(s) for s in statuses].index(squash(start))
        chosen = tuple(statuses[first:])
    elif listed is not None:
        items = [listed] if isinstance(listed, str) else listed
        if not isinstance(items, list) or not items or not all(isinstance(s, str) for s in items):
            raise SettingsError(f"{where}.in: expected a status or a list of statuses")
        for status in items:
            if known and squash(status) not in known:
                raise SettingsError(
                    f"{where}.in: '{status}' is not a status of the type; expected some of: "
                    + ", ".join(statuses)
                )
        chosen = tuple(str(known.get(squash(s), s)) for s in items)
    return CoverageRule(
        relation=by_field[relation_name.strip()],
        types=tuple(dict.fromkeys(str(kind) for kind in named)),
        statuses=frozenset(squash(s) for s in chosen) if chosen else None,
        shown_statuses=chosen,
        start=known.get(squash(start)) if isinstance(start, str) else None,
        at_least=at_least,
    )
