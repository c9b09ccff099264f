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

import posixpath
from collections.abc import Iterable, Mapping, Sequence

from .doctypes import CompiledType, Settings
from .model import Document, Progress, squash

Discovered = tuple[str, CompiledType]


def split_members(
    discovered: Sequence[Discovered], paths: Iterable[str], settings: Settings
) -> tuple[list[Discovered], dict[str, tuple[str, CompiledType]]]:
    """The entries among ``discovered``, and member path → (entry path, how to read it).

    A file is a member of the nearest entry above it whose patterns match its path relative to
    the entry's folder, whether or not a type's patterns matched it: a member is never also a
    document of its own. Linear in the number of paths times their depth.
    """
    folders: dict[str, Discovered] = {}
    for path, compiled in discovered:
        if compiled.members is not None:
            folders.setdefault(posixpath.dirname(path), (path, compiled))
    if not folders:
        return list(discovered), {}
    members: dict[str, tuple[str, CompiledType]] = {}
    for path in paths:
        folder = posixpath.dirname(path)
        while True:
            owner = folders.get(folder)
            if owner is not None and owner[0] != path and owner[1].members is not None:
                relative = path[len(folder) + 1 :] if folder else path
                if owner[1].members.match_file(relative):
                    members[path] = (owner[0], settings.member_types[owner[1].type.name])
                    break
            if not folder:
                break
            folder = posixpath.dirname(folder)
    return [(p, c) for p, c in discovered if p not in members], members


def attach_members(
    documents: Sequence[Document], members: Iterable[tuple[Document, str]]
) -> list[Document]:
    """Give each entry its members (and their progress); return the members, in path order."""
    by_path = {document.path: document for document in documents}
    attached: list[Document] = []
    for member, entry_path in sorted(members, key=lambda pair: pair[0].path):
        entry = by_path.get(entry_path)
        if entry is None:
            continue
        member.part_of = entry
        entry.members.append(member)
        entry.progress = entry.progress + member.progress
        attached.append(member)
    return attached


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


def derive_statuses(documents: Iterable[Document], types: Mapping[str, CompiledType]) -> None:
    """Give each document of a ``status_from_tasks`` type without a status its derived one."""
    for document in documents:
        compiled = types.get(document.type)
        if document.status or compiled is None or not compiled.type.status_from_tasks:
            continue
        document.status = status_from_tasks(document.progress, compiled.type.statuses)
        document.fields["status"] = document.status
