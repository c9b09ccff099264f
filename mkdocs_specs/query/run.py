"""Running a query over the catalogue: the documents that match, sorted, counted by status."""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..catalogue.catalogue import Catalogue, Group
from ..catalogue.relations import reference_names
from ..model import Document, squash
from .fields import LOOSE_FIELDS, comparable_items, field_value
from .language import Comparison, Condition, Query

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


@dataclass(frozen=True)
class StatusCount:
    """One bar of a status chart."""

    group: Group
    count: int


def _number(value: str | int | float | bool) -> float | None:
    """The value as a number, or ``None``: also for integers too large for a float, which
    then compare as text."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            return float(value)
        text = value.strip()
        return float(text) if _NUMBER.fullmatch(text) else None
    except OverflowError:
        return None


def _text(value: str | int | float | bool, loose: bool) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value).strip()
    return squash(text) if loose else text.casefold()


def _compare(item: str | int | float | bool, comparison: Comparison, op: str, loose: bool) -> bool:
    """Numbers compare as numbers; anything else as text, and only equality across kinds."""
    left, right = _number(item), _number(comparison.value)
    if left is not None and right is not None:
        return _COMPARE[op](left, right)
    if op != "=" and (left is None) != (right is None):
        return False
    return _COMPARE[op](_text(item, loose), _text(comparison.value, loose))


def holds(items: list[str | int | float | bool], comparison: Comparison, loose: bool) -> bool:
    """A list holds a comparison when one of its items does; ``!=`` when none of them is equal."""
    if comparison.operator == "!=":
        return not any(_compare(item, comparison, "=", loose) for item in items)
    return any(_compare(item, comparison, comparison.operator, loose) for item in items)


def matches(condition: Condition, document: Document) -> bool:
    """True when the document has the condition's field and one of its comparisons holds."""
    value = field_value(document, condition.field)
    items = comparable_items(reference_names(value) or [] if condition.references else value)
    if not items:
        return False
    loose = condition.field in LOOSE_FIELDS
    return any(holds(items, comparison, loose) for comparison in condition.comparisons)


def run_query(query: Query, catalogue: Catalogue) -> list[Document]:
    """The documents of the catalogue that match, sorted, at most ``limit`` of them.

    Without ``sort`` they keep the catalogue's order (by path). Documents lacking a sort field
    come after the others, whichever the direction.
    """
    documents = [d for d in catalogue.documents if all(matches(c, d) for c in query.where)]
    # One stable sort per key, the last key first, so that earlier keys decide.
    for order in reversed(query.sort):
        key = _sort_key(order.field, catalogue)
        keyed = [(key(document), document) for document in documents]
        having = [(k, d) for k, d in keyed if k is not None]
        having.sort(key=lambda pair: pair[0], reverse=order.descending)
        documents = [d for _, d in having] + [d for k, d in keyed if k is None]
    return documents[: query.limit]


SortKey = tuple[tuple[int, float, str], ...]


def _sort_key(field: str, catalogue: Catalogue) -> Callable[[Document], SortKey | None]:
    """Statuses and types sort in the order of their groups (a status's tone, then the order
    the types list them); other values as numbers, then as text ignoring case."""
    if field in ("status", "type"):
        rank = {group.key: i for i, group in enumerate(catalogue.groups[field])}

        def group_key(document: Document) -> SortKey | None:
            value = field_value(document, field)
            return None if value is None else ((0, rank[value], ""),)

        return group_key

    def key(document: Document) -> SortKey | None:
        items = comparable_items(field_value(document, field))
        return tuple(_scalar_key(item) for item in items) or None

    return key


def _scalar_key(value: str | int | float | bool) -> tuple[int, float, str]:
    number = _number(value)
    return (0, number, "") if number is not None else (1, 0.0, _text(value, False))


def status_counts(documents: Sequence[Document], catalogue: Catalogue) -> list[StatusCount]:
    """How many of the documents have each status, in the catalogue's order of statuses."""
    counts = Counter(document.status for document in documents)
    return [
        StatusCount(group, counts[group.key])
        for group in catalogue.groups["status"]
        if counts[group.key]
    ]
