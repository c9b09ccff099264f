"""The MkDocs plugin: each event hands its work to the build (:mod:`.build`) and puts the result
where MkDocs wants it."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..findings import summary
from ..labels.labels import choose_language, language_note
from ..markdown import NAME as EXTENSION
from ..memory import LongLived
from ..model import Finding, SettingsError, Severity
from ..read.cache import ReadCache
from ..read.external import ExternalReader
from ..read.junit import watched_paths
from . import build
from .config import (
    SpecsConfig,
    build_core_settings,
    checked_export,
    checked_index_dir,
    checked_llms_txt,
    external_reader,
    read_cache_file,
    theme_language,
)
from .dirty import DirtyBuilds
from .fence import SpecsFence
from .generated import SCRIPT, STYLESHEET
from .languages import another_language, locale_of
from .nav import name_folder_documents
from .source import unreadable_source

log = get_plugin_logger(__name__)
_LOG = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
tally = get_plugin_logger("specs")
"""The build's summary, under the plugin's name in ``mkdocs.yml``: ``specs: ...``."""


def _without_extension(config: MkDocsConfig) -> None:
    """Take the Python-Markdown extension out of a build the plugin runs: the plugin renders
    what it would, so that a site can name both and build with MkDocs and with Zensical."""
    if EXTENSION in config.markdown_extensions:
        config.markdown_extensions.remove(EXTENSION)
        config.mdx_configs.pop(EXTENSION, None)
        log.debug(f"{EXTENSION} is left out: the plugin renders what it would")


class SpecsPlugin(BasePlugin[SpecsConfig]):  # type: ignore[no-untyped-call]
    """Discovers, validates and indexes specification documents."""

    def __init__(self) -> None:
        self.is_serve = self.dirty = False
        self.builds = DirtyBuilds()
        """What a build leaves for the next, under ``--dirty``."""
        self.fence = SpecsFence()
        """The ``specs`` fence of SuperFences, the same across the builds of ``serve``."""
        self.read_caches: dict[str | None, ReadCache] = {}
        """The documents ``mkdocs serve`` read in each language, kept for its next build."""
        self.read_cache: tuple[ReadCache, str | None] | None = None
        """The documents this build read or took from the cache, and the file that keeps
        them between runs (see :meth:`_read_cache`)."""
        self.long_lived: LongLived | None = None
        self.advised: set[tuple[str | None, str]] = set()
        """What was said once to each site (by its `mkdocs.yml`): MkDocs keeps one instance of
        the plugin for the builds of a process, those of `mkdocs serve` and any others."""
        self.shown_findings: set[Finding] = set()
        """The findings the last build of ``mkdocs serve`` logged, in every language it was
        built in: the next logs only new ones."""
        self.this_build: set[Finding] = set()
        """The findings this build of ``mkdocs serve`` logged, so far."""
        self.logged: set[Finding] = set()
        """The findings this build logged, and the other languages' builds before it."""
        self.external: ExternalReader | None = None
        """Reads the other sites' ``specs.json``: in ``mkdocs serve`` the same for the whole
        session, which fetches each URL once."""
        self._reset()

    def _reset(self) -> None:
        """Forget everything of the previous build: ``mkdocs serve`` keeps the plugin."""
        if self.long_lived is not None:
            self.long_lived.release()
            self.long_lived = None
        self.build: build.Build | None = None
        self.read_cache = None
        self.fence.page = None

    def _log(self, finding: Finding) -> None:
        """Log a finding once per build, through MkDocs, so that ``--strict`` counts it."""
        if finding not in self.logged:
            self.logged.add(finding)
            _LOG[finding.severity](str(finding))

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty

    # After plugins that set the theme's language for each build: mkdocs-static-i18n (-100)
    # builds the site once per language, and the labels are the build's language's.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not another_language(config):
            self.logged = set()
            self.shown_findings, self.this_build = self.this_build, set()
        if not self.config.enabled:
            return config
        try:
            self.where = (
                checked_index_dir(self.config.index_dir),
                checked_export(self.config.export),
                checked_llms_txt(self.config.llms_txt),
            )
            language = theme_language(config.theme)
            self.settings = build_core_settings(self.config, config.config_file_path, language)
            self.external = external_reader(
                self.config,
                config.config_file_path,
                self.settings,
                self.external if self.is_serve else None,
            )
        except SettingsError as error:
            raise PluginError(f"specs: {error}") from None
        said = language_note(language) if choose_language(language) is None else None
        if said and self._first_time(config.config_file_path, said):
            tally.info(said)
        if self.config.stylesheet and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if self.config.script and SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(SCRIPT)
        self.fence.register(config)
        _without_extension(config)
        return config

    # After plugins that add or generate documents of their own, and after mkdocs-static-i18n
    # (-100), which gives each language's build the copy of each page in that language.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        inclusion = InclusionLevel.is_in_serve if self.is_serve else InclusionLevel.is_included
        read_cache = self._read_cache(config)
        try:
            self.build = build.start(
                files,
                config,
                self.config,
                self.settings,
                self.where,
                inclusion,
                read_cache,
                self.builds if self.dirty else None,
                self.fence,
                self.external,
            )
        except SettingsError as error:
            raise PluginError(f"specs: {error}") from None
        catalogue = self.build.catalogue
        reads, hits = len(catalogue.local) + len(catalogue.members), 0
        if read_cache is not None:
            reads, hits = read_cache.reads, read_cache.hits
        tally.debug(f"{reads} documents read, {hits} from the cache")
        findings = self.build.findings
        for finding in findings:
            if finding not in self.shown_findings:
                self._log(finding)
        unchanged = len(self.shown_findings.intersection(findings))
        if unchanged:
            tally.info(f"{unchanged} findings of the last build are unchanged, not listed again")
        if self.is_serve:
            self.this_build.update(findings)
        for said in self.build.advice:  # once: `mkdocs serve` builds again and again
            if self._first_time(config.config_file_path, said):
                tally.info(said)
        self.long_lived = LongLived()
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.build is not None:
            name_folder_documents(nav, self.build.documents)
        return nav

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer | None:
        """Build again when a test report (``test_results``) or another site's ``specs.json``
        that is a file (``external``) changes. A URL is fetched once per session (see
        :class:`~mkdocs_specs.read.external.ExternalReader`)."""
        if self.config.enabled:
            base_dir = os.path.dirname(config.config_file_path or "")
            for path in watched_paths(base_dir, self.config.test_results):
                server.watch(path)
            if self.external is not None:
                for source in self.external.sources:
                    if not source.remote and os.path.exists(source.location):
                        server.watch(source.location)
        return server

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        document = self.build.documents.get(page.file.src_uri) if self.build else None
        if document is None:
            return None
        return unreadable_source(document, page.file, self.settings.max_file_size)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.build is None:
            return markdown
        return self.build.markdown(page, markdown, config, self._log)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Leave a marker where the plugin's HTML goes, which ``on_post_page`` replaces: the
        cards, bars and indexes are navigation, not text, so the search index (built from the
        content between these two events) does not list every index page for every title."""
        return html if self.build is None else self.build.content(page, html)

    @event_priority(100)  # Before plugins that rewrite the whole page (minifiers drop comments).
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.build is None:
            return output
        show = self.config.show_findings == "always" or (
            self.config.show_findings == "serve" and self.is_serve
        )
        return self.build.html(page, output, show, self._log)

    @event_priority(100)  # Before search writes its index: the memory is free again by then.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write ``specs.json`` and ``llms.txt``, say what the build found, then let the
        build's state go."""
        if self.build is not None:
            self.build.write_export()
            self.build.write_llms(config)
            found = summary(len(self.build.catalogue.local), self.build.findings, infos=True)
            tally.info(f"{found}{' (listed above)' if self.build.findings else ''}")
        self._save_read_cache()
        self._reset()

    def _read_cache(self, config: MkDocsConfig) -> ReadCache | None:
        """The cache this build reads through: ``mkdocs serve``'s of the last build in this
        language, while the settings are the same; else the one ``cache_dir`` kept (with
        ``cache``), or a new one for ``serve`` to keep. Each language has its own, as each
        language's build reads its own copies of the documents."""
        locale = locale_of(config)
        path = None
        if self.config.cache:
            path = read_cache_file(self.config, config.config_file_path, locale)
        cache = self.read_caches.get(locale) if self.is_serve else None
        if cache is None or not cache.fits(self.settings):
            if path is None and not self.is_serve:
                return None
            cache = ReadCache(self.settings)
            if path is not None:
                cache = ReadCache.load(path, self.settings)
                tally.debug(f"cache {path}: {cache.loaded}")
        if self.is_serve:
            self.read_caches[locale] = cache
        self.read_cache = cache, path
        return cache

    def _save_read_cache(self) -> None:
        """Keep what this build read for the next run, when it read something again or no
        longer has a document. A cache that cannot be saved is said once, and the build goes
        on: the next one reads everything again."""
        if self.read_cache is None:
            return
        cache, path = self.read_cache
        if path is None or not cache.changed:
            return
        try:
            cache.save(path)
        except OSError as error:
            said = f"the cache cannot be saved in {path}: {error.strerror or error}"
            if self._first_time(None, said):  # the path names the site
                tally.info(f"{said}; the next build reads every document again")

    def _first_time(self, site: str | None, said: str) -> bool:
        """Whether ``said`` is new to the site of the config file ``site``; from now on it is
        not."""
        key = (site, said)
        if key in self.advised:
            return False
        self.advised.add(key)
        return True

    def on_build_error(self, *, error: Exception) -> None:
        self._reset()

    def on_shutdown(self) -> None:
        self._reset()
