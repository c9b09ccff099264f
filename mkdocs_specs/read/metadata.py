"""Fields from every source merged into one set: names normalized through aliases, owners
split, the first source that gives a field winning, and a finding when a lower one disagrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..findings import Reporter
from ..model import squash
from ..parse.inline import LINK, without_markup

# A match may start in a run of white space only at its start (`(?<!\s)`): tried at every
# position of a long run, `\s*` would cost the square of its length.
_OWNER_SPLIT = re.compile(r"(?<!\s)\s*[,;]\s*|(?<!\s)\s+and\s+")


_HANDLE = re.compile(r"\S\s*\(\s*@([\w.-]+)\s*\)")
"""`Jane Doe (@jdoe)`: the handle names the owner."""


_EMAIL = re.compile(r"(?<!\s)\s*<[^<>\s@]+@[^<>\s]+>")
"""`Jane Doe <jane@example.com>`: the address is dropped."""


def split_owners(value: Any) -> Any:
    """``"@alice, bob"`` → ``["alice", "bob"]``, ``Jane Doe (@jdoe)`` → ``jdoe``, ``Jane Doe
    <jane@example.com>`` → ``Jane Doe``; in one string, a link is its text (``[Jane
    Doe](https://github.com/jdoe)``); lists keep their order; other kinds are kept as they are
    so that the schema can report them."""
    if isinstance(value, str):
        items: Iterable[Any] = _OWNER_SPLIT.split(LINK.sub(r"\1", value))
    elif isinstance(value, list):
        items = value
    else:
        return value
    owners: list[Any] = []
    for item in items:
        if isinstance(item, str):
            handle = _HANDLE.search(item)
            item = handle.group(1) if handle else _EMAIL.sub("", item)
            item = item.strip().lstrip("@").strip()
        if item not in (None, "") and item not in owners:
            owners.append(item)
    return owners


_NO_VALUE = re.compile(r"^(?:n/?a|none|tb[dac]|todo|-+|\u2013|\u2014)$", re.IGNORECASE)
"""What documents write for a field that has no value: ``N/A``, ``none``, ``TBD``, ``TODO``,
``-``. For every field and every source, in a list too (``replaces: [n/a]``)."""

_OWN_WORDS = frozenset(("status", "type"))
"""Fields whose words are their own: a status of ``TODO`` is one."""

_ONE_VALUE = frozenset(("id", "title", "status", "type", "created", "updated"))
"""Fields that hold one value: written twice in one place, they conflict."""


def no_value(text: str) -> bool:
    """True for text that says a field has no value (see :data:`_NO_VALUE`)."""
    return _NO_VALUE.match(text.strip()) is not None


def without_no_value(value: Any) -> Any:
    """The value with what says "no value" left out: ``None`` for such text, a list without
    such items (empty when it held nothing else)."""
    if isinstance(value, str):
        return None if no_value(value) else value
    if isinstance(value, list):
        return [item for item in value if not (isinstance(item, str) and no_value(item))]
    return value


@dataclass(frozen=True)
class Value:
    """A field's value and where it came from."""

    value: Any
    line: int | None
    source: str
    """``front matter``, ``the text``, a sidecar's path, ..."""
    path: str | None = None
    """The file it came from when that is not the document itself (sidecars)."""


@dataclass
class Metadata:
    """The merged fields of one document, in precedence order."""

    values: dict[str, Value] = field(default_factory=dict)
    first_line: int | None = None
    """Where the document keeps its metadata: where a missing field is reported."""
    unsafe: bool = False
    """The front matter was refused for its size or depth."""
    front_matter_read: bool = False

    def add(
        self,
        key: str,
        value: Any,
        line: int | None,
        source: str,
        report: Reporter,
        path: str | None = None,
    ) -> None:
        """Add a value unless a higher source already gave the field; report a disagreement."""
        if key == "owners":
            value = split_owners(value)
        if key not in _OWN_WORDS:
            value = without_no_value(value)
        if value is None or value == "" or value == []:
            return
        if self.first_line is None and path is None:
            self.first_line = line
        known = self.values.get(key)
        if known is None:
            self.values[key] = Value(value, line, source, path)
        elif known.source == source and known.path == path and key not in _ONE_VALUE:
            # A key written twice in one place lists two values (`- Rust Issue:` lines).
            values = known.value if isinstance(known.value, list) else [known.value]
            more = value if isinstance(value, list) else [value]
            self.values[key] = Value([*values, *more], known.line, source, path)
        elif _comparable(known.value) != _comparable(value):
            report(
                "metadata-conflict",
                line,
                f"field '{key}' is {_show(value)} in {source} but {_show(known.value)} in "
                f"{known.source}; using {known.source}",
                path=path,
            )

    def get(self, key: str) -> Any:
        """The field's value, or ``None``."""
        found = self.values.get(key)
        return None if found is None else found.value

    def place(self, key: str) -> tuple[str | None, int | None]:
        """The sidecar the field was read from (``None`` for the document itself) and its line
        there; for a field not read, ``None`` and :attr:`first_line`."""
        found = self.values.get(key)
        if found is None:
            return None, self.first_line
        return found.path, found.line

    def line(self, key: str) -> int | None:
        """The line the field was read from, when it was read from the document itself."""
        found = self.values.get(key)
        return found.line if found is not None and found.path is None else self.first_line


def _comparable(value: Any) -> Any:
    """The value as two sources are compared: text without Markdown marks or link targets,
    ignoring case, spaces, hyphens and underscores (``Standard `numaNode` attribute`` is
    ``standard-numanode-attribute``)."""
    if isinstance(value, list):
        return tuple(_comparable(item) for item in value)
    return squash(without_markup(str(value)))


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "empty"
    return repr(value) if isinstance(value, str) else str(value)
