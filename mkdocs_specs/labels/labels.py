"""The labels of one language: the shipped catalogue (``<language>.json``) with the user's
``labels`` over it, each label a text or, for a label with a count, a text per plural form.

A label's placeholders (``{count}``, ``{name}``) are filled by :func:`fill`; a text may use
only the placeholders of its English text, so that every page can fill every label.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..model import SettingsError
from .plurals import CATEGORIES, PLURAL_RULES, plural

Text = str | Mapping[str, str]
"""A label: its text, or its text for each plural category (``one``, ``other``)."""

LANGUAGES = tuple(PLURAL_RULES)
"""The languages the labels ship in, each a ``<code>.json`` file beside this module."""

ENGLISH = "en"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

_TRADITIONAL = frozenset(("hant", "tw", "hk", "mo"))
"""Subtags of Chinese written in traditional characters, which the labels do not ship."""


@cache
def shipped(language: str) -> Mapping[str, Text]:
    """The shipped labels of ``language``, read once per process."""
    text = files(__package__).joinpath(f"{language}.json").read_text(encoding="utf-8")
    labels: dict[str, Text] = json.loads(text)
    return labels


def placeholders(text: Text) -> set[str]:
    """The names of the placeholders of a label, in all of its forms."""
    forms = [text] if isinstance(text, str) else list(text.values())
    return {name for form in forms for name in _PLACEHOLDER.findall(form)}


def fill(
    text: str,
    values: Mapping[str, object],
    literal: Callable[[str], str] = str,
    value: Callable[[object], str] = str,
) -> str:
    """``text`` with each placeholder replaced by its value; ``literal`` and ``value`` escape
    the label's own text and the values for where it is shown (HTML, Markdown)."""
    parts = _PLACEHOLDER.split(text)
    return "".join(value(values[part]) if i % 2 else literal(part) for i, part in enumerate(parts))


def choose_language(tag: str | None) -> str | None:
    """The shipped language for a theme's language tag (``fr``, ``pt-BR``, ``zh_CN``), or
    ``None`` when the labels do not ship in it; English when there is no tag."""
    if not tag:
        return ENGLISH
    subtags = tag.strip().lower().replace("_", "-").split("-")
    if subtags[0] == "zh" and _TRADITIONAL.intersection(subtags[1:]):
        return None
    return subtags[0] if subtags[0] in LANGUAGES else None


@dataclass(frozen=True)
class Labels:
    """Every label the pages show, in one language."""

    language: str
    """The shipped language whose plural rules the labels follow."""
    texts: Mapping[str, Text]
    """Key → label, for every key of the English catalogue."""

    def __contains__(self, key: object) -> bool:
        return key in self.texts

    def form(self, key: str, number: int | None = None) -> str:
        """The text of a label; of its plural form for ``number`` when it has forms."""
        text = self.texts[key]
        if isinstance(text, str):
            return text
        return text.get(plural(self.language, number or 0)) or text["other"]

    def text(self, key: str, number: int | None = None, **values: object) -> str:
        """A label as plain text: its form for ``number``, which fills ``{count}`` unless
        ``values`` give it otherwise (``50+``), filled with ``values``."""
        return fill(self.form(key, number), {"count": number, **values})


def load_labels(language: str = ENGLISH, overrides: Mapping[str, object] | None = None) -> Labels:
    """The labels of a shipped ``language``, with the user's ``overrides`` (key → text, or
    plural form → text); raises ``SettingsError`` for an unknown key, a value that is not
    text, or a placeholder the label cannot fill."""
    english = shipped(ENGLISH)
    texts = {**english, **shipped(language)} if language != ENGLISH else dict(english)
    for key, given in (overrides or {}).items():
        if key not in english:
            raise SettingsError(
                f"labels: unknown label '{key}'; expected one of: " + ", ".join(english)
            )
        texts[key] = _override(key, given, texts[key], language)
        unknown = sorted(placeholders(texts[key]) - placeholders(english[key]))
        if unknown:
            allowed = ", ".join(f"{{{name}}}" for name in sorted(placeholders(english[key])))
            raise SettingsError(
                f"labels.{key}: unknown placeholder {{{unknown[0]}}}; "
                + (f"this label may use {allowed}" if allowed else "this label takes none")
            )
    return Labels(language, texts)


def _override(key: str, given: object, current: Text, language: str) -> Text:
    """The label ``key`` as the user gives it: a text for every form, or some forms."""
    if isinstance(given, str):
        return given
    if isinstance(given, Mapping) and not isinstance(current, str):
        forms = CATEGORIES[language]
        for form, text in given.items():
            if form not in forms:
                raise SettingsError(
                    f"labels.{key}: '{form}' is not a plural form in '{language}'; "
                    "expected one of: " + ", ".join(forms)
                )
            if not isinstance(text, str):
                raise SettingsError(f"labels.{key}.{form}: expected text")
        return {**current, **given}
    either = "" if isinstance(current, str) else ", or a text per plural form"
    raise SettingsError(f"labels.{key}: expected text{either}")


ENGLISH_LABELS = load_labels()
"""The English labels, the default of every stage."""


def language_note(tag: str) -> str:
    """What a host says when the labels do not ship in the language ``tag``."""
    return (
        f"no labels in the language '{tag}': the pages are in English (labels ship in "
        + ", ".join(LANGUAGES)
        + "; the labels option changes any of them)"
    )
