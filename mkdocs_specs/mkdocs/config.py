"""The plugin's options in ``mkdocs.yml``, validated by MkDocs, which names a wrong option."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme

from ..catalogue.freshness import reviewed
from ..findings import SEVERITY_CHOICES
from ..labels.labels import choose_language, load_labels
from ..model import SettingsError
from ..read.external import ExternalReader, external_sources
from ..read.history import History, read_history
from ..read.status_history import StatusHistory, read_status_history
from ..render.pages import GROUP_PAGE_CHOICES, NAV_CHOICES
from ..settings.presets import DEFAULT_PRESETS, PRESETS
from ..settings.relations import RELATION_OPTIONS
from ..settings.settings import Settings, build_settings
from ..settings.types import TYPE_OPTIONS

_DEFAULTS = Settings()
CACHE_DIR = ".cache/plugin/specs"
"""Where the plugin keeps what it read, by default: beside the caches of Material's plugins."""
LLMS_TXT = "llms.txt"
"""Where ``llms_txt: true`` writes the file: at the top of the site, as the proposal has it."""
_LOCALE = re.compile(r"[A-Za-z0-9_-]{1,35}")


_OPTION_KINDS: dict[str, Callable[[], BaseConfigOption[Any]]] = {
    "str": lambda: c.Type(str),
    "str | None": lambda: c.Type(str),
    "bool": lambda: c.Type(bool),
    "tuple[str, ...]": lambda: c.ListOfItems(c.Type(str)),
    "tuple[str, ...] | None": lambda: c.ListOfItems(c.Type(str)),
    "Mapping[str, str]": lambda: c.DictOfItems(c.Type(str)),
    "Mapping[str, Any] | None": lambda: c.Type(dict),
    "tuple[Mapping[str, Any], ...]": lambda: c.ListOfItems(c.Type(dict)),
}
"""The MkDocs option that reads a value of each kind (a dataclass field's annotation)."""


def _options(name: str, doc: str, fields: Mapping[str, str]) -> type[Config]:
    """A ``Config`` with an optional option for each field (name → annotation): the options
    are declared once, on the dataclass of the settings, and MkDocs checks them from this."""
    options = {field: c.Optional(_OPTION_KINDS[kind]()) for field, kind in fields.items()}
    return type(name, (Config,), {"__doc__": doc, "__module__": __name__, **options})


TypeOptions = _options(
    "TypeOptions",
    "One document type, or changes to the built-in type of the same name (see ``DocType``).",
    TYPE_OPTIONS,
)
RelationOptions = _options(
    "RelationOptions",
    "A field that links documents, or changes to a built-in relation (see ``Relation``).",
    RELATION_OPTIONS,
)


class AutoSwitch(c.Choice[str]):
    """`auto`, `true` or `false`, as text or as the booleans YAML reads `true` and `false` as
    (`history: true` in `mkdocs.yml` is a boolean): the value is always the text."""

    def __init__(self, default: str) -> None:
        super().__init__(("auto", "true", "false"), default=default)

    def run_validation(self, value: object) -> str:
        if isinstance(value, bool):
            value = "true" if value else "false"
        return super().run_validation(value)


class SpecsConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the `specs` plugin."""

    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it."""
    presets = c.ListOfItems(c.Choice(tuple(PRESETS)), default=list(DEFAULT_PRESETS))
    """Built-in types to use: by default OpenSpec's three and the three seed-template presets; a
    list replaces them (`[feature-spec, spec-kit, madr]`)."""
    types = c.DictOfItems(c.SubConfig(TypeOptions), default={})
    """Your own types, or changes to a preset of the same name."""
    relations = c.DictOfItems(c.SubConfig(RelationOptions), default={})
    """More fields that link documents, or changes to the built-in ones."""
    aliases = c.DictOfItems(c.Type(str), default={})
    """More field-name aliases: `{Deciders: owners}`."""
    sidecars = c.ListOfItems(c.Type(str), default=list(_DEFAULTS.sidecars))
    """Sidecar metadata files looked up beside each document; `{stem}` is its file name."""
    severity = c.DictOfItems(c.Choice(SEVERITY_CHOICES), default={})
    """Rule → `error`, `warning`, `info` or `ignore`."""
    max_file_size = c.Type(int, default=_DEFAULTS.max_file_size)
    """Larger documents are reported `unreadable` instead of being parsed."""
    test_results = c.ListOfItems(c.Type(str), default=[])
    """JUnit XML reports whose test cases name documents by ID: patterns relative to the
    folder of `mkdocs.yml` (`test-results/*.xml`, `**` for any folders)."""
    index_dir = c.Type(str, default="specs-index")
    """Folder, inside the site, of the generated pages."""
    title = c.Optional(c.Type(str))
    """Title of the generated home page; by default `Specifications` in the site's language
    (the label `home_title`)."""
    labels = c.Type(dict, default={})
    """Label → your text, over the labels of the theme's language (`theme.language`, or
    `theme.locale`): `{no_value.owner: Nobody, documents: {one: "{count} spec", other:
    "{count} specs"}}`."""
    nav = c.ListOfItems(c.Choice(NAV_CHOICES), default=["home", "relations"])
    """Generated pages that join the automatic navigation: `status`, `owner`, `type` and
    `fields` (the pages of the types' `group_by` fields) add one entry per group, which every
    page of the site repeats in its nav."""
    group_pages = c.DictOfItems(c.Choice(GROUP_PAGE_CHOICES), default={})
    """Way of grouping (`status`, `owner`, `type`, a `group_by` field) → `each` (a page per
    group), `one` (one page of the kind, a section per group) or `auto` (the default: a page
    each up to 30 groups, one page above)."""
    search = c.Type(bool, default=False)
    """Let the generated pages join the search index (Material's search honours it); by
    default the documents are the search results."""
    documents_in_nav = c.Type(bool, default=True)
    """Let the documents themselves join the automatic navigation. Turn off for large trees:
    MkDocs then writes a nav of every page into every page, which grows with the square of
    the number of pages; the generated indexes are the way in."""
    card = c.Type(bool, default=True)
    """Put a status/owner/progress card at the top of every document."""
    section_progress = c.Type(bool, default=True)
    """Put a progress bar under every heading whose section holds a checklist."""
    show_findings = c.Choice(("serve", "always", "never"), default="serve")
    """When a document shows its own problems in a box: only in `mkdocs serve`, or always."""
    stylesheet = c.Type(bool, default=True)
    """Add the plugin's stylesheet; turn off to style everything yourself."""
    script = c.Type(bool, default=True)
    """Add the plugin's script, which lets readers sort and filter the tables of documents;
    without it they are plain tables."""
    export = c.Type(str, default="specs.json")
    """Path, inside the site, of the JSON export of every document; empty for none."""
    llms_txt = c.Type((bool, str), default=False)
    """Write `llms.txt` (llmstxt.org) at the top of the site, and each document's Markdown
    beside its page: `true`, or the path of the file inside the site; `false` for none."""
    cache = c.Type(bool, default=True)
    """Keep what the build read in `cache_dir`, so that the next build (`mkdocs serve` started
    again, a CI build with the folder restored) reads again only the documents that changed."""
    cache_dir = c.Type(str, default=CACHE_DIR)
    """Folder of that cache, relative to the folder of `mkdocs.yml` (as Material's plugins
    have theirs); safe to delete."""
    external = c.ListOfItems(c.Type((str, dict)), default=[])
    """Other sites' `specs.json`, whose documents join this site's indexes, queries and
    relations, linking to their pages there: each a path (relative to the folder of
    `mkdocs.yml`) or an http(s) URL, or `{source: ..., name: payments, url: https://...,
    timeout: 10}`."""
    history = AutoSwitch(default="false")
    """Show when each document entered each status and who changed it, from git (one `git
    log` a build, cached in `cache_dir` per commit): `auto` where git is present and the
    clone is not shallow (else one info message), `true` the same, `false` (the default,
    for its first-build cost on large trees) never."""
    mermaid = c.Choice(("auto", "always", "never"), default="auto")
    """Draw the relations page's graph with Mermaid: `auto` when the site has a `mermaid`
    custom fence in `pymdownx.superfences` (as Material documents it)."""


def theme_language(theme: Theme) -> str:
    """The language of a theme's own words: Material's ``language``, else MkDocs' ``locale``
    (``pt_BR``), which the built-in themes use."""
    return str(theme.get("language") or theme.locale)


def build_core_settings(
    options: SpecsConfig, config_file_path: str | None, language: str | None = None
) -> Settings:
    """The core's settings from the plugin's options, with the labels of ``language`` (English
    when the labels do not ship in it); raises ``SettingsError``.

    One function for every host that reads ``mkdocs.yml`` (the plugin and the command line),
    so that they check documents the same way.
    """
    overrides = dict(options.labels)
    if options.title is not None:
        overrides["home_title"] = options.title
    return build_settings(
        presets=options.presets,
        types={
            name: {k: v for k, v in type_options.items() if v is not None}
            for name, type_options in options.types.items()
        },
        aliases=options.aliases,
        relations={
            name: {k: v for k, v in relation.items() if v is not None}
            for name, relation in options.relations.items()
        },
        sidecars=tuple(options.sidecars),
        severities=dict(options.severity),
        max_file_size=options.max_file_size,
        test_results=tuple(options.test_results),
        base_dir=str(Path(config_file_path or ".").parent),
        labels=load_labels(choose_language(language) or "en", overrides),
    )


def checked_index_dir(index_dir: str) -> str:
    """The ``index_dir`` option as a relative POSIX path inside the site; raises
    ``SettingsError`` when it is absolute or climbs out with ``..``."""
    return _inside_site(index_dir, "index_dir", "a folder inside the site, such as 'specs-index'")


def checked_export(export: str) -> str:
    """The ``export`` option as a relative POSIX path inside the site, or ``""`` for none."""
    expected = "a .json file inside the site, such as 'specs.json'"
    if export and not export.endswith(".json"):
        raise SettingsError(f"export: '{export}' must be {expected}")
    return export and _inside_site(export, "export", expected)


def checked_llms_txt(llms_txt: object) -> str:
    """The ``llms_txt`` option as a relative POSIX path inside the site, or ``""`` for none:
    ``true`` is ``llms.txt`` at the top of the site."""
    expected = "true, false, or a .txt file inside the site, such as 'llms.txt'"
    if llms_txt is True:
        return LLMS_TXT
    if not llms_txt:
        return ""
    if not isinstance(llms_txt, str) or not llms_txt.endswith(".txt"):
        raise SettingsError(f"llms_txt: '{llms_txt}' must be {expected}")
    return _inside_site(llms_txt, "llms_txt", expected)


def _inside_site(value: str, option: str, expected: str) -> str:
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or not path.parts or ".." in path.parts:
        raise SettingsError(f"{option}: '{value}' must be {expected}")
    return path.as_posix()


def renders_mermaid(options: SpecsConfig, config: MkDocsConfig) -> bool:
    """Whether the relations page draws its graph with Mermaid: ``always``, or ``auto`` when the
    site turns ```` ```mermaid ```` fences into diagrams, as Material does with a ``mermaid``
    custom fence of ``pymdownx.superfences``."""
    if options.mermaid != "auto":
        return bool(options.mermaid == "always")
    if "pymdownx.superfences" not in config.markdown_extensions:
        return False
    fences = (config.mdx_configs.get("pymdownx.superfences") or {}).get("custom_fences") or []
    return any(isinstance(f, dict) and f.get("name") == "mermaid" for f in fences)


def read_cache_file(options: SpecsConfig, config_file_path: str | None, locale: str | None) -> str:
    """The file that keeps what a build read: in ``cache_dir`` (relative to the folder of
    ``mkdocs.yml``), one for each language the site is built in, as each language's build
    reads its own copies (``documents.fr.json``)."""
    folder = os.path.join(os.path.dirname(config_file_path or ""), options.cache_dir)
    if locale is None:
        return os.path.join(folder, "documents.json")
    if not _LOCALE.fullmatch(locale):
        locale = hashlib.blake2b(locale.encode(), digest_size=8).hexdigest()
    return os.path.join(folder, f"documents.{locale}.json")


def git_history(
    options: SpecsConfig,
    config_file_path: str | None,
    docs_dir: str,
    settings: Settings,
    cache: bool = True,
) -> tuple[StatusHistory | None, History | None]:
    """What git says of the files under ``docs_dir``, as much as the site asks for: the
    history of statuses when the ``history`` option is on (through the file ``history.json``
    in ``cache_dir``, relative to the folder of ``mkdocs.yml``, when the ``cache`` option and
    ``cache`` are on), and when some type has ``review_every`` the day each file last changed,
    from the history's pass when it ran, else from freshness's own. What the plugin, the
    command line and the Markdown extension read alike: one cache, one history."""
    dated = reviewed(settings)
    statuses = None
    if str(options.history) != "false":
        folder = os.path.join(os.path.dirname(config_file_path or ""), options.cache_dir)
        kept = os.path.join(folder, "history.json") if options.cache and cache else None
        statuses = read_status_history(docs_dir, kept, dated)
    history = None
    if dated:
        history = read_history(docs_dir, read=statuses.changed if statuses is not None else None)
    return statuses, history


def external_reader(
    options: SpecsConfig,
    config_file_path: str | None,
    settings: Settings,
    reader: ExternalReader | None = None,
) -> ExternalReader | None:
    """What reads the ``external`` option's sources, or ``None`` without any; ``reader``, the
    one of the last build, is kept when it reads the same sources (``mkdocs serve`` fetches
    each URL once). Raises ``SettingsError``."""
    base_dir = os.path.dirname(config_file_path or "") or "."
    sources = external_sources(options.external, base_dir)
    if not sources:
        return None
    cache_dir = os.path.join(base_dir, options.cache_dir) if options.cache else None
    if reader is not None and reader.sources == sources and reader.cache_dir == cache_dir:
        reader.severities = settings.severities
        return reader
    return ExternalReader(sources, cache_dir, settings.severities)
