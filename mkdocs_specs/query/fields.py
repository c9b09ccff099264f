"""The fields a query can name: those every document has, and its own metadata fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..model import Document

FIELD_GETTERS: dict[str, Callable[[Document], Any]] = {
    "title": lambda d: d.title,
    "id": lambda d: d.id,
    "type": lambda d: d.type,
    "status": lambda d: d.status,
    "owners": lambda d: list(d.owners),
    "created": lambda d: d.created,
    "updated": lambda d: d.updated,
    "path": lambda d: d.path,
    "progress": lambda d: d.progress.percent if d.progress else None,
    "done": lambda d: d.progress.done,
    "total": lambda d: d.progress.total,
    "open": lambda d: d.progress.open,
    "valid": lambda d: d.valid,
    "changed": lambda d: d.changed,
    "stale": lambda d: d.stale,
    "uncovered": lambda d: d.covered is False,
    "tests_passed": lambda d: d.tests.passed if d.tests else 0,
    "tests_failed": lambda d: d.tests.failed if d.tests else 0,
    "tests_skipped": lambda d: d.tests.skipped if d.tests else 0,
    "since": lambda d: d.history[-1].date if d.history else None,
}


FIELDS = tuple(FIELD_GETTERS)
"""Fields every document has, besides its own metadata fields: ``progress`` is the whole percent
of its checklist (none without a checklist), ``done``, ``total`` and ``open`` count its items,
``valid`` is true when it has no error, ``changed`` is the day it last changed and ``stale``
true when that is too long ago (see :mod:`~mkdocs_specs.catalogue.freshness`), ``uncovered``
true when it fails a rule of its type's ``coverage`` (see
:mod:`~mkdocs_specs.catalogue.coverage`);
``tests_passed``, ``tests_failed`` and ``tests_skipped`` count the test cases of the test
reports that name it (see :mod:`~mkdocs_specs.catalogue.results`); ``since`` is the day it
entered its status, by the history of statuses (the ``history`` option)."""


LOOSE_FIELDS = ("type", "status", "owners")
"""Fields whose text is compared ignoring case, spaces, hyphens and underscores."""


def field_value(document: Document, name: str) -> Any:
    """The value of a field of a document (one of :data:`FIELDS` or a metadata field), or
    ``None``."""
    getter = FIELD_GETTERS.get(name)
    return getter(document) if getter is not None else document.fields.get(name)


def field_text(document: Document, name: str) -> str:
    """A field as plain text for a page: lists joined by commas, true and false as yes and no."""
    return _shown(field_value(document, name))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def comparable_items(value: Any) -> list[str | int | float | bool]:
    """The comparable values of a field: a list's items, or the value; none when it lacks."""
    listed = value if isinstance(value, list) else [value]
    return [item for item in listed if isinstance(item, (str, int, float)) and item != ""]
