"""The site a command works on: ``mkdocs.yml`` read with MkDocs' own loader, the specs plugin's
options, the site's files and their catalogue; and how a command speaks (errors on one line,
remarks on stderr, paths as the user opens them).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click
import platformdirs
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import Files, get_files

from ..catalogue.catalogue import Catalogue
from ..markdown.site import CONFIG_FILES, read_config_file
from ..mkdocs.config import (
    SpecsConfig,
    build_core_settings,
    checked_export,
    checked_index_dir,
    checked_llms_txt,
    external_reader,
    git_history,
    theme_language,
)
from ..mkdocs.files import collect_files
from ..mkdocs.languages import copies_by_name
from ..model import SettingsError, visible
from ..pipeline import ReadMany, read_here
from ..read.cache import ReadCache
from ..settings.settings import Settings


class CommandError(click.ClickException):
    """A problem the user can fix, reported on one line without a traceback (exit status 1)."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"mkdocs-specs: error: {one_line(self.message)}", err=True)


class ConfigError(CommandError):
    """A usage or configuration problem: exit status 2, as click gives a wrong option."""

    exit_code = 2


def one_line(text: str) -> str:
    """``text`` on one line, with no control character left raw."""
    return visible(" ".join(text.split()))


def note(message: str) -> None:
    """A remark on stderr, out of the way of the output on stdout."""
    click.echo(f"mkdocs-specs: {one_line(message)}", err=True)


@dataclass
class Site:
    """A site as ``mkdocs.yml`` describes it, with the plugin's options and the catalogue."""

    config: MkDocsConfig
    options: SpecsConfig
    settings: Settings
    index_dir: str
    catalogue: Catalogue
    files: Files

    def shown_path(self, path: str) -> str:
        """A path of the docs folder as the user can open it: relative to the current
        directory, with forward slashes."""
        return shown(os.path.join(self.config.docs_dir, path))


def shown(path: str) -> str:
    """``path`` relative to the current directory, with forward slashes."""
    return _relative(path, os.getcwd())


@functools.lru_cache(maxsize=65536)  # a file with findings is named on each of their lines
def _relative(path: str, start: str) -> str:
    with contextlib.suppress(ValueError):  # on another drive (Windows): kept absolute
        path = os.path.relpath(path, start)
    return path.replace(os.sep, "/")


class _EchoMkDocsLog(logging.Handler):
    """Shows MkDocs' warnings on stderr and keeps its errors for the one-line message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        else:
            note(f"warning: {message}")


@contextlib.contextmanager
def _mkdocs_log() -> Iterator[_EchoMkDocsLog]:
    handler = _EchoMkDocsLog()
    # "mkdocs", or "properdocs" when ProperDocs runs in MkDocs' place (its `mkdocs.*` modules
    # are its own and log under its name).
    logger = logging.getLogger(load_config.__module__.partition(".")[0])
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def cache_file(config_file: str) -> Path:
    """Where ``check`` keeps what it read of the site whose ``mkdocs.yml`` is ``config_file``:
    in the user's cache folder (``MKDOCS_SPECS_CACHE_DIR`` when set), never in the project."""
    folder = os.environ.get("MKDOCS_SPECS_CACHE_DIR") or platformdirs.user_cache_dir(
        "mkdocs-specs", appauthor=False
    )
    name = hashlib.blake2b(os.path.abspath(config_file).encode(), digest_size=16).hexdigest()
    return Path(folder) / f"check-{name}.json"


def load_site(
    config_file: str | None,
    strict: bool = False,
    cache: bool = False,
    language: str | None = None,
    read_many: ReadMany = read_here,
) -> Site:
    """Read ``mkdocs.yml`` and the documents of its docs folder; raises :class:`ConfigError`.

    The labels are in ``language``, by default the theme's, as the plugin has them. With
    ``cache``, documents whose files are as they were at the last such call are taken
    from what it kept instead of being read again (see :func:`cache_file`), and the history of
    statuses (the ``history`` option) is kept in ``cache_dir`` as the plugin keeps it.
    ``read_many`` reads the others (see :func:`~mkdocs_specs.pipeline.collect`)."""
    where = config_file or "mkdocs.yml"
    with _mkdocs_log() as log:
        config = _load_config(config_file, strict, log)
        options = _plugin_options(config)
        try:
            index_dir = checked_index_dir(options.index_dir)
            checked_export(options.export)
            checked_llms_txt(options.llms_txt)
            language = language or theme_language(config.theme)
            settings = build_core_settings(options, config.config_file_path, language)
            files = get_files(config)
            kept = cache_file(config.config_file_path) if cache else None
            read_cache = ReadCache.load(kept, settings) if kept else None
            copies = copies_by_name(config, files)
            statuses, history = git_history(
                options, config.config_file_path, config.docs_dir, settings, cache
            )
            catalogue = collect_files(
                files,
                config.docs_dir,
                settings,
                cache=read_cache,
                translations=copies,
                read_many=read_many,
                external=external_reader(options, config.config_file_path, settings),
                statuses=statuses,
                history=history,
            )
        except SettingsError as error:
            raise ConfigError(f"{where}: specs: {error}") from None
    if kept and read_cache and read_cache.changed:
        with contextlib.suppress(OSError):  # a read-only home: the next run reads all again
            read_cache.save(kept)
    return Site(config, options, settings, index_dir, catalogue, files)


def load_config_only(config_file: str | None) -> MkDocsConfig:
    """``mkdocs.yml`` read by MkDocs, for a command that reads no document; raises
    :class:`ConfigError`."""
    with _mkdocs_log() as log:
        return _load_config(config_file, False, log)


def _load_config(config_file: str | None, strict: bool, log: _EchoMkDocsLog) -> MkDocsConfig:
    """``mkdocs.yml`` read by MkDocs (``strict`` as ``mkdocs build --strict``: configuration
    warnings fail too). A theme that is not installed (Material's, on a machine that builds
    with Zensical) is replaced by MkDocs' own, in the theme's language, and said on stderr:
    the commands need only its language and template folder."""
    where = config_file or "mkdocs.yml"
    overrides: dict[str, Any] = {}
    for _ in range(2):
        try:
            return load_config(config_file, strict=strict or None, **overrides)
        except (ConfigurationError, Abort) as error:
            errors = log.errors[:]
            log.errors.clear()
            theme = _uninstalled_theme(config_file, errors)
            if theme is None or overrides:
                message = f"{where}: {'; '.join(errors) or error.format_message()}"
                raise ConfigError(message) from None
            name, overrides = theme
            note(f"the theme '{name}' is not installed; reading {where} with MkDocs' own theme")
        except OSError as error:
            raise ConfigError(f"{where}: {error.strerror or error}") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _uninstalled_theme(
    config_file: str | None, errors: list[str]
) -> tuple[str, dict[str, Any]] | None:
    """The name of the theme MkDocs did not find, and the ``theme`` to read the site with
    instead, when that is why it refused ``mkdocs.yml``."""
    if not any("Unrecognised theme name" in error for error in errors):
        return None
    try:
        raw = read_config_file(config_file or _default_config_file())
    except SettingsError:
        return None
    theme = raw.get("theme")
    theme = theme if isinstance(theme, dict) else {"name": theme}
    instead: dict[str, Any] = {"name": "mkdocs"}
    language = theme.get("language") or theme.get("locale")
    if isinstance(language, str):
        instead["language"] = language
    if isinstance(theme.get("custom_dir"), str):
        instead["custom_dir"] = theme["custom_dir"]
    return str(theme.get("name")), {"theme": instead}


def _default_config_file() -> str:
    """The file MkDocs reads without ``-f``: ``mkdocs.yml``, else ``mkdocs.yaml``."""
    return next((n for n in CONFIG_FILES if os.path.isfile(n)), CONFIG_FILES[0])


def _plugin_options(config: MkDocsConfig) -> SpecsConfig:
    """The options of the specs plugin, whatever name ``mkdocs.yml`` gives it."""
    for plugin in config.plugins.values():
        # Known by its options, so that the command line needs none of the plugin's code.
        options = getattr(plugin, "config", None)
        if isinstance(options, SpecsConfig):
            if not options.enabled:
                note("the specs plugin is disabled in mkdocs.yml; using its options all the same")
            return options
    note("mkdocs.yml does not use the specs plugin; using the plugin's default options")
    options = SpecsConfig()
    options.load_dict({})
    options.validate()
    return options


config_file_option = click.option(
    "-f",
    "--config-file",
    metavar="FILE",
    type=click.Path(),
    default=None,
    help="The MkDocs configuration file (default: ./mkdocs.yml, as mkdocs has it).",
)
