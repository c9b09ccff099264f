"""The site a page belongs to, as the Python-Markdown extension finds it without a plugin host:
its ``mkdocs.yml`` (read as data, never run), the specs plugin's options there and the
extension's own, and the catalogue of its docs folder, read once and kept while its files are
as they were.

Zensical tells the extension which page it converts and where the project is, through the
rendering context it gives every Python-Markdown extension (see :func:`zensical_context`);
plain Python-Markdown is told by the extension's ``page`` option.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import posixpath
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from markupsafe import escape

from ..catalogue.catalogue import Catalogue
from ..mkdocs.config import (
    SpecsConfig,
    build_core_settings,
    external_reader,
    git_history,
    read_cache_file,
)
from ..model import Document, Finding, SettingsError
from ..parse.containers import unread_containers
from ..pipeline import collect
from ..read.cache import ReadCache
from ..read.files import DocsFolder, read_at_most
from ..render.html import Renderer
from ..render.markers import Markers
from ..render.pages import layout
from ..settings.settings import Settings

log = logging.getLogger("mkdocs_specs.markdown")

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
"""The files a site's configuration is looked for in, in a project's folder."""


@dataclass(frozen=True)
class Context:
    """What the engine says of the page being converted."""

    root: str | None = None
    """The project's folder (where ``mkdocs.yml`` is)."""
    config: Mapping[str, Any] = field(default_factory=dict)
    """The engine's own reading of the configuration."""
    page: str | None = None
    """The page's path in the docs folder."""
    url: str | None = None
    """The page's URL from the site's root."""
    titled: Any = None
    """The engine's page, when the extension may give it its title (see :func:`give_title`)."""


def zensical_context(preprocessors: Any) -> Context | None:
    """Zensical's rendering context, when Zensical converts the page: a preprocessor it adds
    to every Markdown instance, holding the page (``path``, ``url``) and the configuration
    (``root_dir``, ``docs_dir``, ...). Looked up by what it holds, not by its class, which
    Zensical does not publish."""
    for processor in preprocessors:
        page, config = getattr(processor, "page", None), getattr(processor, "config", None)
        path = getattr(page, "path", None)
        if isinstance(path, str) and isinstance(config, Mapping):
            root = config.get("root_dir")
            url = getattr(page, "url", None)
            # A title the navigation gave the page stays (Zensical keeps it as the override).
            titled = page if getattr(page, "title_override", "") is None else None
            return Context(
                root if isinstance(root, str) else None,
                config,
                path.replace(os.sep, "/"),
                url if isinstance(url, str) else None,
                titled,
            )
    return None


def give_title(context: Context | None, title: str) -> None:
    """Give the engine's page the document's title, as the plugin gives MkDocs' pages: the
    navigation and the browser's tab then show the title the cards and indexes show, not the
    first heading (which a KEP's template comment or an RFC's header block would even hide).

    Only a title of plain text: Zensical prints it unescaped in the navigation, and unescapes
    it into the tab's ``<title>``, so no escaping makes ``</title><img onerror=...>`` safe in
    both. A title with ``<``, ``>``, ``&`` or a quote leaves the engine's own."""
    if str(escape(title)) != title:
        return
    if context is not None and context.titled is not None:
        with contextlib.suppress(AttributeError, TypeError):  # a page without the setter
            context.titled.title = title


class _DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads ``mkdocs.yml`` as data: a tag MkDocs or an extension gives meaning to
    (``!ENV``, ``!!python/name:``, ``!relative``) is read as the plain value under it, and
    ``!ENV`` as the variable's value (or its default), as MkDocs reads it."""


def _tagged(loader: _DataLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _environment(loader: _DataLoader, node: yaml.Node) -> Any:
    value = _tagged(loader, "", node)
    names = value if isinstance(value, list) else [value]
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


_DataLoader.add_multi_constructor("!", _tagged)
_DataLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_DataLoader.add_constructor("!ENV", _environment)


def read_config_file(path: str) -> dict[str, Any]:
    """``mkdocs.yml`` as data; raises ``SettingsError`` when it cannot be read. Read again only
    when the file changed: an engine asks for it on every page."""
    try:
        state = os.stat(path)
    except OSError as error:
        raise SettingsError(f"{path}: {error.strerror or error}") from None
    return _read_config_file(os.path.abspath(path), _stamp(state))


@functools.lru_cache(maxsize=8)
def _read_config_file(path: str, stamp: tuple[int, int]) -> dict[str, Any]:
    try:
        with open(path, "rb") as stream:
            data = yaml.load(stream, Loader=_DataLoader)
    except OSError as error:
        raise SettingsError(f"{path}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise SettingsError(f"{path}: not valid YAML: {error}") from None
    return data if isinstance(data, dict) else {}


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The options of the ``specs`` plugin in a configuration's ``plugins`` (a list of names
    and one-key mappings, or a mapping), or none."""
    plugins = config.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        entries = [
            next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None)
            for p in plugins
        ]
    for name, options in entries:
        if name == "specs":
            return dict(options) if isinstance(options, dict) else {}
    return {}


def extension_names(config: Mapping[str, Any]) -> list[str]:
    """The names in a configuration's ``markdown_extensions``."""
    extensions = config.get("markdown_extensions") or []
    if isinstance(extensions, dict):
        return [str(name) for name in extensions]
    names = []
    for entry in extensions if isinstance(extensions, list) else []:
        if isinstance(entry, dict) and len(entry) == 1:
            entry = next(iter(entry))
        if isinstance(entry, str):
            names.append(entry)
    return names


@dataclass(frozen=True)
class Where:
    """A site, as the extension found it: what makes it the same site from page to page."""

    config_file: str | None
    docs_dir: str
    use_directory_urls: bool
    language: str
    extensions: tuple[str, ...]
    options: str
    """The plugin's options and the extension's, as JSON (the key of the site's state)."""


def find_site(context: Context | None, given: Mapping[str, Any]) -> Where:
    """The site of the page being converted: from the extension's options (``given``), the
    engine's context, and ``mkdocs.yml``; raises ``SettingsError``."""
    context = context or Context()
    config_file = given.get("config_file") or None
    if config_file is None:
        folder = context.root or os.getcwd()
        found = (os.path.join(folder, name) for name in CONFIG_FILES)
        config_file = next((path for path in found if os.path.isfile(path)), None)
    config = read_config_file(config_file) if config_file else {}
    folder = os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
    engine = context.config
    docs_dir = given.get("docs_dir") or config.get("docs_dir") or engine.get("docs_dir") or "docs"
    theme = _mapping(config.get("theme")) or _mapping(engine.get("theme"))
    options = {**plugin_options(config), **given.get("options", {})}
    directory_urls = config.get("use_directory_urls", engine.get("use_directory_urls", True))
    return Where(
        os.path.abspath(config_file) if config_file else None,
        os.path.normpath(os.path.join(folder, str(docs_dir))),
        directory_urls is not False,
        str(theme.get("language") or theme.get("locale") or "en"),
        tuple(extension_names(config) if config else extension_names(engine)),
        json.dumps(options, sort_keys=True, default=str),
    )


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def page_url(path: str, directory_urls: bool) -> str:
    """The URL, from the site's root, of the file at ``path`` in the docs folder, as MkDocs
    and Zensical give it: ``a/b.md`` is ``a/b/`` (``a/b.html`` without directory URLs), an
    ``index.md`` or ``README.md`` its folder's URL; any other file its own path."""
    stem, extension = posixpath.splitext(path)
    if extension.lower() not in (".md", ".markdown"):
        return path
    folder, name = posixpath.split(stem)
    if name.lower() in ("index", "readme"):
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def built_as(url: str) -> str:
    """The file a page of ``url`` is built to (what the renderer's links climb from)."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def _walk(docs_dir: str) -> Iterator[tuple[str, os.stat_result]]:
    """Every file of the docs folder with its state, but for those MkDocs leaves out by
    default: names that start with a dot, and the ``templates`` folder at the top."""
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(docs_dir, folder)))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = posixpath.join(folder, entry.name)
            with contextlib.suppress(OSError):
                if entry.is_dir():
                    if path != "templates":
                        folders.append(path)
                elif entry.is_file():
                    yield path, entry.stat()


def _stamp(state: os.stat_result) -> tuple[int, int]:
    return state.st_mtime_ns, state.st_size


class Site:
    """A site's settings, and its catalogue as its files were when it was last read."""

    def __init__(self, where: Where) -> None:
        self.where = where
        options = SpecsConfig()
        options.load_dict(json.loads(where.options))
        errors, _ = options.validate()
        if errors:
            said = "; ".join(f"{name}: {error}" for name, error in errors)
            raise SettingsError(f"specs: {said}")
        self.options = options
        self.settings: Settings = build_core_settings(options, where.config_file, where.language)
        self.unread = unread_containers(where.extensions)
        self.markers = Markers()
        self.stamps: dict[str, tuple[int, int]] = {}
        self.cache = ReadCache(self.settings)
        self.cache_file: str | None = None
        if options.cache and where.config_file:
            self.cache_file = read_cache_file(options, where.config_file, None)
            self.cache = ReadCache.load(self.cache_file, self.settings)
        self.logged: set[Finding] = set()
        self.said: set[str] = set()
        self.external = external_reader(options, where.config_file, self.settings)
        self.read()

    def read(self) -> None:
        """Read the docs folder's documents (those whose files changed since the last time)."""
        where = self.where
        files = dict(_walk(where.docs_dir))
        self.stamps = {path: _stamp(state) for path, state in files.items()}
        docs = DocsFolder(self.where.docs_dir, self.settings.max_file_size)
        limit = self.settings.max_file_size
        pages = [p for p in files if posixpath.splitext(p)[1].lower() in (".md", ".markdown")]
        statuses, history = git_history(
            self.options,
            where.config_file,
            where.docs_dir,
            self.settings,
            where.config_file is not None,
        )
        self.catalogue: Catalogue = collect(
            pages,
            self.settings,
            read=lambda path: read_at_most(os.path.join(self.where.docs_dir, path), limit),
            read_head=docs.read_head,
            read_sidecar=docs.read_if_exists,
            cache=self.cache,
            files=frozenset(files),
            history=history,
            external=self.external.read() if self.external is not None else None,
            statuses=statuses,
        )
        self.documents: dict[str, Document] = {d.path: d for d in self.catalogue.pages}
        urls = {path: page_url(path, self.where.use_directory_urls) for path in files}
        title = self.settings.labels.text("home_title")
        pages_layout = layout(self.catalogue, self.options.index_dir, self.options.group_pages)
        self.renderer = Renderer(self.catalogue, pages_layout, title, urls.get)
        if self.cache_file and self.cache.changed:
            try:
                self.cache.save(self.cache_file)
            except OSError as error:
                log.info("specs: the cache cannot be saved in %s: %s", self.cache_file, error)
        for finding in self.catalogue.findings:
            self.log(finding)
        said = self.catalogue.status_history_note
        if said and said not in self.said:
            self.said.add(said)
            log.info("specs: history: %s", said)

    def log(self, finding: Finding) -> None:
        """Log a finding, once while the process lasts."""
        if finding not in self.logged:
            self.logged.add(finding)
            log.warning("specs: %s", finding)

    def current(self, page: str | None) -> Site:
        """This site, its documents read again first when the page's file is not as it was
        when they were read (the engine converts a page again when its file changes)."""
        if page is None:
            return self
        try:
            state = _stamp(os.stat(os.path.join(self.where.docs_dir, page)))
        except OSError:
            return self
        if self.stamps.get(page) != state:
            self.read()
        return self


_SITES: dict[Where, Site] = {}
"""The sites this process converts pages of: an engine converts page after page, each with a
new Markdown instance, and the site's documents are read once for all of them."""


_LOCK = threading.Lock()
"""One reading at a time, should an engine convert pages in several threads."""


def site_of(where: Where, page: str | None) -> Site:
    """The site ``where`` describes, with its catalogue as the page's file is now."""
    with _LOCK:
        site = _SITES.get(where)
        if site is None:
            site = _SITES[where] = Site(where)
            return site
        return site.current(page)
