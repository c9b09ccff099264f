"""Sites built once per language, as mkdocs-static-i18n builds them: which language a build is
for, and which of its files are translated copies of a document.

The i18n plugin's ``on_files`` gives each language's build one file per page: the copy in that
language where there is one (``x.fr.md``, or ``fr/x.md``), the default language's otherwise,
each marked with the path it stands for (``norm_src_uri``). The plugin reads that choice: its
own ``on_files`` runs after the i18n plugin's, and its pages go into the language's folder.
Nothing here imports the i18n plugin; a site without it is one language, in the site's root.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

I18N = "i18n"
"""The i18n plugin's name in ``mkdocs.yml``."""


@dataclass(frozen=True)
class Language:
    """One language's build."""

    folder: str = ""
    """Where the build's pages go in the site: ``""`` for the default language, ``"fr/"`` for
    another."""
    translations: dict[str, str] = field(default_factory=dict)
    """Path of a translated copy → path of the document it is a version of."""
    locale: str | None = None
    """The language's code, in a site the i18n plugin builds."""
    folders: dict[str, str] = field(default_factory=dict)
    """Each language the site is built in → its :attr:`folder`."""


def language(files: Files, config: MkDocsConfig) -> Language:
    """The language this build is for, by the i18n plugin in ``config`` (when it is there), and
    the translated copies among ``files``, as the i18n plugin marked them."""
    plugin = config.plugins.get(I18N)
    current = locale_of(config)
    default = getattr(plugin, "default_language", None)
    translations = {}
    for file in files.documentation_pages():
        stands_for = getattr(file, "norm_src_uri", None)
        if isinstance(stands_for, str) and stands_for != file.src_uri:
            translations[file.src_uri] = stands_for
    if current is None:
        return Language(translations=translations)
    built = [*getattr(plugin, "build_languages", ()), current]
    folders = {locale: "" if locale == default else f"{locale}/" for locale in built}
    return Language(folders[current], translations, current, folders)


def locale_of(config: MkDocsConfig) -> str | None:
    """The language this build is for, when the i18n plugin builds the site once per language."""
    current = getattr(config.plugins.get(I18N), "current_language", None)
    return current if isinstance(current, str) else None


def mark(file: File, language: Language, others: Callable[[str], File]) -> None:
    """Mark a file the plugin generates as the i18n plugin marks the files it gives a build
    (its templates, such as its ``sitemap.xml``, read them on every page): the file is in the
    build's language and stands for itself; the same page in each other language is
    ``others(folder)``, which Material's language selector then links to."""
    if language.locale is None:
        return
    file.locale = file.locale_alternate_of = language.locale  # type: ignore[attr-defined]
    file.localization = None  # type: ignore[attr-defined]
    file.norm_src_uri = file.src_uri  # type: ignore[attr-defined]
    file.alternates = {  # type: ignore[attr-defined]
        locale: file if locale == language.locale else others(folder)
        for locale, folder in language.folders.items()
    }


def another_language(config: MkDocsConfig) -> bool:
    """True while the i18n plugin builds the site again in one more of its languages, after
    the first (in its ``on_post_build``): the pages its build falls back on are the same files,
    whose findings were said already."""
    return getattr(config.plugins.get(I18N), "building", False) is True


def copies_by_name(config: MkDocsConfig, files: Files) -> dict[str, str]:
    """The translated copies among the pages of ``files`` by their names, as the i18n plugin in
    ``config`` names them, for a command that reads every language's files at once: ``x.fr.md``
    (its ``suffix`` structure) or ``fr/x.md`` (its ``folder`` structure) → ``x.md``, for each of
    its languages."""
    options = getattr(config.plugins.get(I18N), "config", None)
    if options is None:
        return {}
    locales = {getattr(language, "locale", None) for language in options.get("languages", ())}
    folders = options.get("docs_structure") == "folder"
    copies = {}
    for file in files.documentation_pages():
        path = file.src_uri
        if folders:
            locale, _, rest = path.partition("/")
            original = rest
        else:
            stem, extension = posixpath.splitext(path)
            original, _, locale = stem.rpartition(".")
            original += extension
        if locale in locales and original:
            copies[path] = original
    return copies
