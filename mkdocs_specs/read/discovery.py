"""Which files are documents, and of which type.

A file is a document when its path matches a type's patterns (the first type in order wins),
or when its front matter names a configured type in a ``type:`` line. Files that match no
pattern are looked at only for that one line, in their first few kilobytes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..parse.text import body_start, split_lines
from ..settings.aliases import normalize_key
from ..settings.settings import Settings
from ..settings.types import CompiledType

PEEK_BYTES = 4096
"""How much of a file that matches no pattern is read to look for a ``type:`` line."""


def peek_type(head: bytes, settings: Settings) -> CompiledType | None:
    """The configured type named by a top-level ``type:`` line (or an alias of it, in any
    case) in the front matter at the start of ``head``, or ``None``.

    Only the front matter's lines are looked at, each split on its first colon: no YAML is
    parsed for the many pages that are no documents.
    """
    lines = split_lines(head.decode("utf-8", "replace").removeprefix("\ufeff"))
    end = body_start(lines)
    for line in lines[1 : end - 1] if end else ():
        key, colon, value = line.partition(":")
        if not colon or not key[:1].isascii() or not key[:1].isalpha():
            continue
        if normalize_key(key, settings.aliases) != "type":
            continue
        value = value.strip()
        if value[:1] in ("'", '"'):
            value = value[1 : value.find(value[0], 1)] if value.count(value[0]) > 1 else ""
        else:
            value = value.split(" #", 1)[0].strip()
        return settings.type_named(value)
    return None


def discover(
    paths: Iterable[str],
    settings: Settings,
    read_head: Callable[[str], bytes] | None = None,
) -> Iterator[tuple[str, CompiledType]]:
    """Yield ``(path, type)`` for every document among ``paths``: the type its path matched,
    or the one its ``type:`` line names. Reading the document settles its type (a ``type``
    in its metadata overrides the path). ``read_head`` reads the first :data:`PEEK_BYTES` of a
    file; without it, only patterns count.
    """
    for path in paths:
        compiled = settings.type_for_path(path)
        if compiled is not None:
            yield path, compiled
        elif read_head is not None:
            try:
                head = read_head(path)
            except OSError:
                continue
            named = peek_type(head, settings)
            if named is not None:
                yield path, named


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
