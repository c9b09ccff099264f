"""Which files are documents, and of which type.

A file is a document when its path matches a type's patterns (the first type in order wins),
or when its front matter names a configured type in a ``type:`` line. Files that match no
pattern are looked at only for that one line, in their first few kilobytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from .doctypes import CompiledType, Settings

PEEK_BYTES = 4096
"""How much of a file that matches no pattern is read to look for a ``type:`` line."""

_FRONT_MATTER = re.compile(
    rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE
)
_TYPE_LINE = re.compile(
    rb"^type[ \t]*:[ \t]*(['\"]?)([^'\"\r\n#]+?)\1[ \t]*(?:#.*)?\r?$", re.MULTILINE
)


def peek_type(head: bytes, settings: Settings) -> CompiledType | None:
    """The configured type named by a ``type:`` line in the front matter at the start of
    ``head``, or ``None``."""
    front = _FRONT_MATTER.match(head)
    if front is None:
        return None
    line = _TYPE_LINE.search(front.group(1))
    if line is None:
        return None
    return settings.type_named(line.group(2).decode("utf-8", "replace").strip())


def discover(
    paths: Iterable[str],
    settings: Settings,
    read_head: Callable[[str], bytes] | None = None,
) -> Iterator[tuple[str, CompiledType | None]]:
    """Yield ``(path, type matched by the path)`` for every document among ``paths``.

    The type is ``None`` for a document found through its ``type:`` line; reading it settles
    its type. ``read_head`` reads the first :data:`PEEK_BYTES` of a file; without it, only
    patterns count.
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
            if peek_type(head, settings) is not None:
                yield path, None
