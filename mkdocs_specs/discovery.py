"""Which files are documents, and of which type.

A file is a document when its path matches a type's patterns (the first type in order wins),
or when its front matter names a configured type in a ``type:`` line. Files that match no
pattern are looked at only for that one line, in their first few kilobytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from .doctypes import CompiledType, Settings
from .metadata import normalize_key

PEEK_BYTES = 4096
"""How much of a file that matches no pattern is read to look for a ``type:`` line."""

_FRONT_MATTER = re.compile(
    rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE
)
_KEY_LINE = re.compile(
    rb"^([A-Za-z][\w \-]*?)[ \t]*:[ \t]*(['\"]?)([^'\"\r\n#]+?)\2[ \t]*(?:#.*)?\r?$",
    re.MULTILINE,
)


def peek_type(head: bytes, settings: Settings) -> CompiledType | None:
    """The configured type named by a ``type:`` line (or an alias of it, in any case) in the
    front matter at the start of ``head``, or ``None``."""
    front = _FRONT_MATTER.match(head)
    if front is None:
        return None
    for line in _KEY_LINE.finditer(front.group(1)):
        key = line.group(1).decode("ascii")
        if normalize_key(key, settings.aliases) == "type":
            return settings.type_named(line.group(3).decode("utf-8", "replace").strip())
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
