"""How a type's documents are titled (its ``title_format``): formats such as
``{id} · {implements.title}``, read once, filled per document by the catalogue."""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass

from ..model import SettingsError

_RELATED = ("title", "id")
"""What a format may take of the document a relation links to: ``implements.title``."""


@dataclass(frozen=True)
class TitleFormat:
    """One format: its literal text and the field each gap names, in order."""

    text: str
    parts: tuple[tuple[str, str | None], ...]
    """(literal text, field name or ``None`` at the end)."""

    def fill(self, value_of: Callable[[str], str | None]) -> str | None:
        """The title, or ``None`` when a field it names has no value."""
        out = []
        for literal, name in self.parts:
            out.append(literal)
            if name is not None:
                value = value_of(name)
                if not value:
                    return None
                out.append(value)
        return "".join(out).strip() or None


def compile_titles(formats: tuple[str, ...], where: str) -> tuple[TitleFormat, ...]:
    """The formats of a type's ``title_format``, checked: plain field names in braces, or a
    relation's ``.title`` or ``.id``; no conversion, no format spec, no index."""
    compiled = []
    for number, text in enumerate(formats):
        at = f"{where}[{number}]"
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as error:
            raise SettingsError(f"{at}: '{text}' is not a title format: {error}") from None
        parts: list[tuple[str, str | None]] = []
        for literal, name, spec, conversion in parsed:
            if name is not None:
                head, _, tail = name.partition(".")
                if spec or conversion or not head or "[" in name or (tail and tail not in _RELATED):
                    raise SettingsError(
                        f"{at}: '{{{name}{'!' + conversion if conversion else ''}"
                        f"{':' + spec if spec else ''}}}' in '{text}'; expected a field name in "
                        "braces, such as {id}, {title} or {implements.title}"
                    )
            parts.append((literal, name))
        compiled.append(TitleFormat(text, tuple(parts)))
    return tuple(compiled)
