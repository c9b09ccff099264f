"""The MkDocs adapter: hands files to the core and puts its results where MkDocs wants them."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Literal

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .catalogue import Catalogue
from .config import SpecsConfig
from .discovery import PEEK_BYTES
from .doctypes import SettingsError, build_settings
from .model import Document, Severity
from .outline import heading_text
from .pages import Link, PageSpec, Renderer, plan_pages
from .project import DocsFolder, collect

log = get_plugin_logger(__name__)

STYLESHEET = "assets/mkdocs-specs/specs.css"
_CSS_SOURCE = Path(__file__).parent / "assets" / "specs.css"
_MARKER = "<!-- mkdocs-specs:section:{} -->"
_MARKER_RE = re.compile(r"<!-- mkdocs-specs:section:(\d+) -->")
_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>", re.DOTALL)
_LOG_LEVELS = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


class SpecsPlugin(BasePlugin[SpecsConfig]):  # type: ignore[no-untyped-call]
    """Discovers, validates and indexes specification documents."""

    def __init__(self) -> None:
        self.is_serve = False
        self._reset()

    def _reset(self) -> None:
        self.catalogue: Catalogue | None = None
        self.renderer: Renderer | None = None
        self.documents: dict[str, Document] = {}
        self.pages: dict[str, PageSpec] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        index_dir = posixpath.normpath(self.config.index_dir.replace("\\", "/")).strip("/")
        if index_dir in (".", "") or index_dir.startswith("..") or ":" in index_dir:
            raise PluginError(
                f"specs: index_dir: '{self.config.index_dir}' must be a folder "
                "inside the site, such as 'specs-index'"
            )
        self.index_dir = index_dir
        try:
            self.settings = build_settings(
                presets=self.config.presets,
                types={
                    name: {k: v for k, v in options.items() if v is not None}
                    for name, options in self.config.types.items()
                },
                aliases=self.config.aliases,
                sidecars=tuple(self.config.sidecars),
                severities=dict(self.config.severity),
                max_file_size=self.config.max_file_size,
                base_dir=str(Path(config.config_file_path or ".").parent),
            )
        except SettingsError as error:
            raise PluginError(f"specs: {error}") from None
        if self.config.stylesheet and STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    @event_priority(-50)  # After plugins that add or generate documents of their own.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        inclusion = InclusionLevel.is_in_serve if self.is_serve else InclusionLevel.is_included
        candidates = {f.src_uri: f for f in files.documentation_pages(inclusion=inclusion)}
        folder = DocsFolder(config.docs_dir)
        self.catalogue = catalogue = collect(
            candidates,
            self.settings,
            read=lambda path: candidates[path].content_bytes,
            read_head=lambda path: _head(candidates[path]),
            read_sidecar=folder.read_if_exists,
        )
        self.documents = {d.path: d for d in catalogue.documents}
        for finding in catalogue.findings:
            _LOG_LEVELS[finding.severity](str(finding))
        self.renderer = Renderer(catalogue, self.index_dir, self.config.title, config.theme.dirs)
        for spec in plan_pages(catalogue, self.index_dir, self.config.title):
            self._add_page(files, spec, config)
        if self.config.stylesheet:
            existing = files.get_file_from_path(STYLESHEET)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, STYLESHEET, content=_CSS_SOURCE.read_bytes()))
        return files

    def _add_page(self, files: Files, spec: PageSpec, config: MkDocsConfig) -> None:
        if files.get_file_from_path(spec.path) is not None:
            log.warning(
                f"{spec.path}: a file of the docs already has the path of the generated "
                f"{spec.kind} page, which is not generated; set 'index_dir' to a free folder"
            )
            return
        in_nav = config.nav is None and spec.kind in self.config.nav
        # The title is HTML to MkDocs and themes print it unescaped, so it is escaped here.
        front_matter = yaml.safe_dump({"title": str(escape(spec.title))}, allow_unicode=True)
        files.append(
            File.generated(
                config,
                spec.path,
                content=f"---\n{front_matter}---\n",
                inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
            )
        )
        self.pages[spec.path] = spec

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        document = self.documents.get(page.file.src_uri)
        if document is None or document.readable:
            return None
        # MkDocs would stop the whole build on a file it cannot decode: show what can be shown.
        return page.file.content_bytes.decode("utf-8", "replace").replace("\x00", "\ufffd")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        document = self.documents.get(page.file.src_uri)
        if document is None:
            return markdown
        if "title" in page.meta:
            # Themes print a page title as HTML; one from front matter is text, so escape it.
            page.meta["title"] = str(escape(page.meta["title"]))
        material_status = config.extra.get("status")
        if "status" in page.meta and not (
            isinstance(material_status, dict) and page.meta["status"] in material_status
        ):
            # Material shows a nav icon for any `status` it finds, and prints it unescaped: leave
            # it only the statuses a site has given an icon in `extra.status`.
            del page.meta["status"]
        if not self.config.section_progress:
            return markdown
        return _mark_sections(markdown, document)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.renderer is None:
            return html
        src = page.file.src_uri
        spec = self.pages.get(src)
        if spec is not None and page.file.generated_by is not None:
            return self.renderer.page(spec, self._linker(page, files))
        document = self.documents.get(src)
        if document is None:
            return html
        link = self._linker(page, files)
        if self.config.section_progress:
            renderer = self.renderer
            sections = document.sections
            html = _MARKER_RE.sub(
                lambda m: renderer.section_progress(sections[int(m.group(1))], link), html
            )
        if not self.config.card:
            return html
        show = self.config.show_findings == "always" or (
            self.config.show_findings == "serve" and self.is_serve
        )
        card = self.renderer.card(document, link, document.findings if show else [])
        heading = _LEADING_H1.match(html)
        at = heading.end() if heading else 0
        return f"{html[:at]}\n{card}\n{html[at:]}"

    @staticmethod
    def _linker(page: Page, files: Files) -> Link:
        def link(src: str) -> str:
            target = files.get_file_from_path(src)
            return get_relative_url(target.url, page.file.url) if target is not None else "#"

        return link


def _head(file: File) -> bytes:
    if file.abs_src_path is None:
        return file.content_bytes[:PEEK_BYTES]
    with open(file.abs_src_path, "rb") as handle:
        return handle.read(PEEK_BYTES)


def _mark_sections(markdown: str, document: Document) -> str:
    """Put a marker after each heading whose section holds a checklist; ``on_page_content``
    replaces it with the section's progress bar. Headings are found by their text, in order,
    so front matter that MkDocs removed does not shift anything."""
    lines = markdown.split("\n")
    position = 0
    inserts: list[tuple[int, int]] = []
    for index, section in enumerate(document.sections):
        if not section.progress:
            continue
        found = _find_heading(lines, position, section.title, section.end_line - section.line)
        if found is None:
            continue
        inserts.append((found, index))
        position = found
    for at, index in reversed(inserts):
        lines[at:at] = ["", _MARKER.format(index), ""]
    return "\n".join(lines)


def _find_heading(lines: list[str], start: int, title: str, extra: int) -> int | None:
    """Index of the line after the heading titled ``title`` (and its setext underline)."""
    for number in range(start, len(lines)):
        if extra:
            if lines[number].strip() == title:
                return number + 1 + extra
        elif heading_text(lines[number]) == title:
            return number + 1
    return None
