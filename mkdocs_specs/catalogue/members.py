"""Documents made of several files: a spec-kit feature folder, a Kiro spec.

A type with ``members`` patterns makes each of its documents the entry of its folder: the files
there that match (``plan.md``, ``tasks.md``, ``checklists/*.md``) are its members. A member is
read like any document, for its metadata, checklists and findings, but is not validated against
the type's required fields and sections and is not an entry of the indexes: its progress rolls
up into its document's, which links to it, and its own page's card points back.

A type with ``status_from_tasks`` gives a document that states no status one from its
checklists (its members' included), by :func:`status_from_tasks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Document, Progress, squash


def members_by_entry(
    documents: Sequence[Document], members: Iterable[tuple[Document, str]]
) -> dict[str, list[Document]]:
    """Entry path → its member files, in path order, from (member, entry path) pairs; a member
    whose entry is not among ``documents`` is left out."""
    entries = {document.path for document in documents}
    found: dict[str, list[Document]] = {}
    for member, entry_path in sorted(members, key=lambda pair: pair[0].path):
        if entry_path in entries:
            found.setdefault(entry_path, []).append(member)
    return found


_DERIVED = {
    "complete": ("Complete", "Completed", "Done", "Implemented"),
    "in-progress": ("In Progress", "Implementing", "Active"),
    "not-started": ("Not Started", "Planned", "Draft"),
    "no-tasks": ("Draft", "Planned", "Not Started"),
}


def status_from_tasks(progress: Progress, statuses: Sequence[str]) -> str:
    """The status a document's checklists say: ``Complete`` when every counted item is
    checked, ``In Progress`` when some are checked or marked begun (``- [-]``), ``Not Started``
    when none are, ``Draft`` when there are no items; each the first of its spellings in
    :data:`_DERIVED` that the type lists."""
    if not progress.total:
        state = "no-tasks"
    elif progress.done == progress.total:
        state = "complete"
    elif progress.done or progress.started:
        state = "in-progress"
    else:
        state = "not-started"
    configured = {squash(status): status for status in statuses}
    for spelling in _DERIVED[state]:
        if squash(spelling) in configured:
            return configured[squash(spelling)]
    return _DERIVED[state][0]
