"""Freshness: when each document last changed, and which ones have gone unchanged for longer
than their type's ``review_every`` allows in their status (``stale``).

The last change is the document's ``updated`` field when it holds a date, else the latest day
the host's history (:class:`~mkdocs_specs.read.history.History`, git's) gives for its file or
any of its member files. Nothing is judged without a type's ``review_every``: a site that does
not ask for reviews gets no finding, and its build needs no history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..check.fields import is_date
from ..findings import on_field
from ..model import Document, Finding, squash
from ..read.history import History
from ..settings.settings import Settings


@dataclass(frozen=True)
class Freshness:
    """One document's last change and whether that is too long ago."""

    changed: str
    """The day, ``YYYY-MM-DD``."""
    stale: bool
    findings: list[Finding]


def reviewed(settings: Settings) -> bool:
    """Whether any type asks for reviews: only then does a build judge freshness."""
    return any(compiled.review_days for compiled in settings.compiled.values())


def freshness(
    documents: Iterable[Document],
    settings: Settings,
    history: History,
    files_of: Mapping[str, Sequence[Document]],
) -> dict[str, Freshness]:
    """Document path → its freshness, for the documents of the types with ``review_every``
    whose last change is known (``files_of``: a document's member files)."""
    found: dict[str, Freshness] = {}
    for document in documents:
        compiled = settings.compiled.get(document.type)
        if compiled is None or not compiled.review_days:
            continue
        from_field = _field_day(document.updated)
        days = [
            history.changed[path]
            for path in (document.path, *(m.path for m in files_of.get(document.path, ())))
            if path in history.changed
        ]
        changed = from_field or (max(days) if days else None)
        if changed is None:
            continue
        limit = compiled.review_days.get(squash(document.status or ""))
        age = (history.today - changed).days
        findings: list[Finding] = []
        stale = limit is not None and age > limit and settings.severities.get("stale") != "ignore"
        if stale:
            source = "its 'updated' field" if from_field else "git"
            findings = on_field(
                document,
                "updated",
                "stale",
                f"unchanged since {changed.isoformat()} ({age} days, by {source}); this "
                f"type's documents in '{document.status}' are to be reviewed every {limit} "
                "days: review it, then change it or its 'updated' date",
                settings.severities,
            )
        found[document.path] = Freshness(changed.isoformat(), stale, findings)
    return found


def _field_day(value: str | None) -> datetime.date | None:
    """The day a date field gives (a month or a year alone: its first day)."""
    if value is None or not is_date(value):
        return None
    return datetime.date.fromisoformat((value + "-01-01")[:10])
