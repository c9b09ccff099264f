"""Checks across documents: IDs shared by two documents, and statuses that say the work is done
while items are open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..findings import on_field
from ..model import Document, Finding, squash
from ..settings.settings import Settings

Found = dict[str, list[Finding]]
"""Document path → the findings a check across documents gives it."""


def check_duplicate_ids(
    documents: Sequence[Document],
    settings: Settings,
    translations: Mapping[str, str] | None = None,
) -> Found:
    """``duplicate-id`` on each of the documents of a type that share an ID; the translated
    copies of a document (``translations``: a copy's path → the document's) share its ID."""
    found: Found = {}
    translations = translations or {}
    by_id: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for document in documents:
        if document.id:
            by_id[document.type, document.id].append(document)
    for (_, doc_id), sharing in by_id.items():
        if len({translations.get(d.path, d.path) for d in sharing}) < 2:
            continue
        for document in sharing:
            itself = translations.get(document.path, document.path)
            others = ", ".join(
                d.path for d in sharing if translations.get(d.path, d.path) != itself
            )
            found[document.path] = on_field(
                document,
                "id",
                "duplicate-id",
                f"ID {doc_id!r} is also used by {others}; expected each document of a type to "
                "have its own ID",
                settings.severities,
            )
    return found


FINISHED = frozenset(
    ("complete", "completed", "done", "implemented", "merged", "finished", "released", "shipped")
)
"""Statuses that say the work is finished (`status-progress`); *approved* or *accepted* only
say that it may start, and *closed* may mean dropped."""


def check_status_progress(documents: Sequence[Document], settings: Settings) -> Found:
    """``status-progress`` on each document whose status says the work is finished while
    checklist items are open."""
    found: Found = {}
    for document in documents:
        if squash(document.status or "") not in FINISHED or not document.progress.open:
            continue
        statuses = settings.compiled[document.type].statuses
        if statuses and squash(document.status or "") not in statuses:
            continue  # a status outside the list is reported as such already
        open_items = document.progress.open
        found[document.path] = on_field(
            document,
            "status",
            "status-progress",
            f"status is {document.status!r} but {open_items} of {document.progress.total} "
            f"checklist items {'are' if open_items > 1 else 'is'} still open; expected every "
            "item checked, or a status that does not say the work is finished",
            settings.severities,
        )
    return found
