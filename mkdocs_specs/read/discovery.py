"""Which files are documents, and of which type.

A file is a document when its path matches a type's patterns (the first type in order wins),
or when its front matter names a configured type in a ``type:`` line. Files that match no
pattern are looked at only for that one line, in their first few kilobytes.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import pathspec

from ..parse.text import body_start, split_lines
from ..settings.aliases import normalize_key
from ..settings.presets import OPENSPEC_PRESETS, PRESETS, SEED_PRESETS
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
    translations: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, CompiledType]]:
    """Yield ``(path, type)`` for every document among ``paths``: the type its path matched,
    or the one its ``type:`` line names. Reading the document settles its type (a ``type``
    in its metadata overrides the path). ``read_head`` reads the first :data:`PEEK_BYTES` of a
    file; without it, only patterns count. A translated copy matches by the path of the
    document it translates (``translations``).
    """
    translations = translations or {}
    for path in paths:
        compiled = settings.type_for_path(translations.get(path, path))
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


_SHAPES = {
    # Nygard's Status section first: a record with it is one of his, whatever else it has.
    "nygard-adr": re.compile(r"^##[ \t]+Status[ \t]*$", re.MULTILINE | re.IGNORECASE),
    "madr": re.compile(
        r"^(?:##[ \t]+(?:Context and Problem Statement|Decision Outcome)[ \t]*$"
        r"|[-*][ \t]+(?:Status|Deciders):)",
        re.MULTILINE | re.IGNORECASE,
    ),
    "spec-kit": re.compile(
        r"^(?:#[ \t]+Feature Specification:|##[ \t]+User Scenarios & Testing)",
        re.MULTILINE | re.IGNORECASE,
    ),
}
"""What a preset's documents say in their first kilobytes, for the presets whose paths are
common names (`adr/`, `decisions/`, `spec.md`): the advice to switch one on reads a few of the
files its paths match, not their paths alone. MADR 2 and Log4brains keep MADR's records in
`adr/`, Nygard's folder; an OpenSpec repository's work notes are `spec.md` files too."""
_DECISIONS = ("nygard-adr", "madr")
"""The two formats of decision records, which each other's folders may hold."""
_SAMPLE = 8
"""The files whose first kilobytes are read to tell which format they are in."""


def advice(
    paths: Iterable[str],
    left_out: Iterable[str],
    settings: Settings,
    found: Mapping[str, int],
    read_head: Callable[[str], bytes] | None = None,
) -> list[str]:
    """What to tell a user whose types found less than the tree holds: a type that found no
    document while files of its shape are elsewhere, built-in formats the tree has that no
    type reads, and files of a type's shape that the site leaves out (``left_out``, such as a
    dot-folder MkDocs excludes). ``found`` counts the documents of each type; ``read_head``
    gives a file's first bytes, to tell by what they say whether files a preset's common paths
    match are its documents (:data:`_SHAPES`)."""
    paths, left_out = list(paths), list(left_out)
    said: list[str] = []
    for name, compiled in settings.compiled.items():
        if found.get(name) or name in OPENSPEC_PRESETS:
            continue  # OpenSpec's, on by default, find nothing where there is no `openspec/`
        names = _file_names(compiled.type.paths)
        # A file the type leaves out on purpose (a template) is not elsewhere.
        elsewhere = [
            p
            for p in paths
            if posixpath.basename(p) in names and not compiled.exclude.match_file(p)
        ]
        if elsewhere:
            said.append(
                f"type '{name}' found no document, but {_count(elsewhere)} named "
                f"{' or '.join(sorted(names))} are elsewhere (such as {elsewhere[0]}): add "
                f"their folders to types.{name}.paths"
            )
    for name, doctype in PRESETS.items():
        if name in settings.compiled:
            continue
        spec = pathspec.GitIgnoreSpec.from_lines(doctype.paths)
        matching = [p for p in paths if spec.match_file(p)]
        if name in SEED_PRESETS or not matching:
            continue
        shape: str | None = name
        if read_head is not None and name in _SHAPES:
            shape = _shape(matching, read_head, _DECISIONS if name in _DECISIONS else (name,))
        if shape is None or shape in settings.compiled:
            continue  # written in no preset's shape, or in one the site reads
        if shape != name:
            folder = posixpath.dirname(matching[0])
            said.append(
                f"{_count(matching)} look like the '{shape}' preset's documents (such as "
                f"{matching[0]}), in a folder its paths do not name: add it to the plugin's "
                f"presets, with types: {{{shape}: {{paths: ['{folder}/[0-9]*.md']}}}}, to "
                "read them"
            )
            continue
        said.append(
            f"{_count(matching)} look like the '{name}' preset's documents (such as "
            f"{matching[0]}): add it to the plugin's presets to read them"
        )
    for name, compiled in settings.compiled.items():
        hidden = [p for p in left_out if compiled.matches(p)]
        if hidden:
            top = hidden[0].split("/", 1)[0]
            said.append(
                f"{_count(hidden)} of type '{name}' are left out of the site (such as "
                f"{hidden[0]}): MkDocs leaves out folders whose name starts with a dot; add "
                f"'!{top}/' to exclude_docs in mkdocs.yml to read them"
            )
    return said


def _shape(
    paths: Sequence[str], read_head: Callable[[str], bytes], names: Sequence[str]
) -> str | None:
    """Which of the presets ``names`` most of the first files of ``paths`` are written for,
    by their first kilobytes (:data:`_SHAPES`); ``None`` when none of them is."""
    shapes: Counter[str] = Counter()
    sample = paths[:_SAMPLE]
    for path in sample:
        try:
            head = read_head(path).decode("utf-8", "replace")
        except OSError:
            continue
        shape = next((n for n in names if _SHAPES[n].search(head)), None)
        shapes[shape or ""] += 1
    found = [(count, shape) for shape, count in shapes.items() if shape]
    if not found or 2 * max(found)[0] < len(sample):
        return None
    return max(found)[1]


def _file_names(patterns: Iterable[str]) -> set[str]:
    """The file names a type's patterns ask for, where the patterns name one (``spec.md``)."""
    names = set()
    for pattern in patterns:
        name = posixpath.basename(pattern)
        if pattern[:1] != "!" and name and not any(c in name for c in "*?["):
            names.add(name)
    return names - _EVERY_FOLDER


_EVERY_FOLDER = frozenset(("README.md", "index.md"))
"""File names too common to say a file has a format's shape."""


def _count(paths: Sequence[str]) -> str:
    return f"{len(paths)} file{'' if len(paths) == 1 else 's'}"
