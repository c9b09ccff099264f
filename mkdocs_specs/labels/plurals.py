"""Plural categories, as the Unicode CLDR defines them for the languages the labels ship in:
which form of a label a count takes (``one``, ``many`` or ``other``)."""

from __future__ import annotations

from collections.abc import Callable


def _one(n: int) -> str:
    return "one" if n == 1 else "other"


def _zero_or_one(n: int) -> str:
    # CLDR gives French and (Brazilian) Portuguese `one` for 0 and 1 ("0 document"), and
    # `many` for a non-zero multiple of a million ("1000000 de documents").
    if n in (0, 1):
        return "one"
    return "many" if n % 1_000_000 == 0 else "other"


def _one_or_many(n: int) -> str:
    if n == 1:
        return "one"
    return "many" if n != 0 and n % 1_000_000 == 0 else "other"


def _other(n: int) -> str:
    return "other"


PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "en": _one,
    "de": _one,
    "es": _one_or_many,
    "fr": _zero_or_one,
    "pt": _zero_or_one,
    "ja": _other,
    "zh": _other,
}
"""Language → the plural category of a whole, non-negative count."""


CATEGORIES = {
    "en": ("one", "other"),
    "de": ("one", "other"),
    "es": ("one", "many", "other"),
    "fr": ("one", "many", "other"),
    "pt": ("one", "many", "other"),
    "ja": ("other",),
    "zh": ("other",),
}
"""Language → every category its rule gives, which each of its plural labels has a form for."""


def plural(language: str, count: int) -> str:
    """The plural category of ``count`` in ``language`` (a shipped language's code)."""
    return PLURAL_RULES[language](abs(count))
