"""The catalogue of labels: every language has every label with the placeholders of its English
text, a form for each plural category its rules give, and the rules are CLDR's."""

from __future__ import annotations

import re

import pytest

from mkdocs_specs.labels.labels import (
    ENGLISH,
    LANGUAGES,
    choose_language,
    load_labels,
    placeholders,
    shipped,
)
from mkdocs_specs.labels.plurals import CATEGORIES, plural
from mkdocs_specs.model import SettingsError

from .conftest import ROOT

ENGLISH_LABELS = shipped(ENGLISH)


@pytest.mark.parametrize(
    ("language", "categories"),
    [
        # count:       0        1      2        5        1_000_000 2_000_000 21
        ("en", ("other", "one", "other", "other", "other", "other", "other")),
        ("de", ("other", "one", "other", "other", "other", "other", "other")),
        ("es", ("other", "one", "other", "other", "many", "many", "other")),
        ("fr", ("one", "one", "other", "other", "many", "many", "other")),
        ("pt", ("one", "one", "other", "other", "many", "many", "other")),
        ("ja", ("other",) * 7),
        ("zh", ("other",) * 7),
    ],
)
def test_plural_categories_follow_cldr(language, categories):
    counts = (0, 1, 2, 5, 1_000_000, 2_000_000, 21)
    assert tuple(plural(language, n) for n in counts) == categories


def test_every_shipped_language_has_a_file_and_plural_rules():
    assert set(LANGUAGES) == set(CATEGORIES) == {"en", "de", "es", "fr", "pt", "ja", "zh"}
    for language in LANGUAGES:
        assert shipped(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_language_has_every_label_of_english_with_its_placeholders(language):
    labels = shipped(language)
    assert list(labels) == list(ENGLISH_LABELS)
    for key, english in ENGLISH_LABELS.items():
        text = labels[key]
        assert placeholders(text) == placeholders(english), (language, key)
        if isinstance(english, str):
            assert isinstance(text, str) and text, (language, key)
        else:
            assert isinstance(text, dict), (language, key)
            assert tuple(text) == CATEGORIES[language], (language, key)
            for form in text.values():
                assert placeholders(form) == placeholders(english), (language, key, form)


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("pt-BR", "pt"),
        ("pt_BR", "pt"),
        ("DE", "de"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_Hans_CN", "zh"),
        ("zh-Hant", None),
        ("zh-TW", None),
        ("zh_HK", None),
        ("ko", None),
        ("eo", None),
    ],
)
def test_a_theme_language_maps_to_a_shipped_one(tag, language):
    assert choose_language(tag) == language


def test_plural_forms_and_placeholders_are_filled():
    fr = load_labels("fr")
    assert fr.text("documents", 0) == "0 document"
    assert fr.text("documents", 1) == "1 document"
    assert fr.text("documents", 2) == "2 documents"
    assert fr.text("documents", 1_000_000) == "1000000 de documents"
    assert load_labels("ja").text("documents", 1) == "1 件のドキュメント"
    assert load_labels().text("progress_of", name="Checkout") == "Progress of Checkout"
    assert load_labels().text("residue.placeholder", 60, count="50+") == "50+ placeholders"


def test_overrides_replace_a_text_or_some_plural_forms():
    labels = load_labels(
        "fr",
        {
            "no_value.owner": "Personne",
            "documents": {"one": "{count} spec"},
            "summary": "{documents}",
        },
    )
    assert labels.text("no_value.owner") == "Personne"
    assert labels.text("documents", 1) == "1 spec"
    assert labels.text("documents", 3) == "3 documents"  # the other forms are kept
    assert labels.text("summary", documents="x") == "x"  # a placeholder may be left out
    assert load_labels("ja", {"documents": "{count} 本"}).text("documents", 2) == "2 本"


@pytest.mark.parametrize(
    ("language", "overrides", "message"),
    [
        (
            "en",
            {"unowned": "Nobody"},
            "labels: unknown label 'unowned'; expected one of: home_title, ",
        ),
        ("en", {"documents": 3}, "labels.documents: expected text, or a text per plural form"),
        ("en", {"yes": {"one": "y"}}, "labels.yes: expected text"),
        (
            "en",
            {"documents": {"few": "{count}"}},
            "'few' is not a plural form in 'en'; expected one of: one, other",
        ),
        (
            "ja",
            {"documents": {"one": "{count}"}},
            "'one' is not a plural form in 'ja'; expected one of: other",
        ),
        ("en", {"documents": {"one": None}}, "labels.documents.one: expected text"),
        (
            "en",
            {"documents": "{n} docs"},
            "labels.documents: unknown placeholder {n}; this label may use {count}",
        ),
        (
            "en",
            {"yes": "{count}"},
            "labels.yes: unknown placeholder {count}; this label takes none",
        ),
    ],
)
def test_a_bad_override_is_a_settings_error_naming_the_label(language, overrides, message):
    with pytest.raises(SettingsError) as error:
        load_labels(language, overrides)
    assert message in str(error.value)
    if "unknown label" in message:
        assert all(key in str(error.value) for key in ENGLISH_LABELS)


def test_the_configuration_page_lists_every_label_with_its_english_text():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = text.split("\n## Labels and languages\n", 1)[1]
    rows = re.findall(r"^\| `([^`]+)` \| (.*?) \|", section, re.M)
    assert [key for key, _ in rows] == list(ENGLISH_LABELS)
    for key, english in rows:
        forms = ENGLISH_LABELS[key]
        for form in [forms] if isinstance(forms, str) else list(forms.values()):
            assert f"`{form}`" in english, key
