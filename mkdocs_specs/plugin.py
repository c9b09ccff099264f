"""The MkDocs adapter: hands files to the core and puts its results where MkDocs wants them."""

from __future__ import annotations

import re
import secrets
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, Literal

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .catalogue import Catalogue
from .config import SpecsConfig, build_core_settings, checked_index_dir
from .mkdocs_files import collect_files
from .model import Document, SettingsError, Severity
from .outline import split_lines
from .pages import Link, PageSpec, Renderer, plan_pages

log = get_plugin_logger(__name__)

STYLESHEET = "assets/mkdocs-specs/specs.css"
_CSS_SOURCE = Path(__file__).parent / "assets" / "specs.css"
_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>", re.DOTALL)
_LOG_LEVELS = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


class SpecsPlugin(BasePlugin[SpecsConfig]):  # type: ignore[no-untyped-call]
    """Discovers, validates and indexes specification documents."""

    def __init__(self) -> None:
        self.is_serve = False
        self._reset()

    def _reset(self) -> None:
        """Forget everything of the previous build: `mkdocs serve` keeps the plugin."""
        self.catalogue: Catalogue | None = None
        self.renderer: Renderer | None = None
        self.documents: dict[str, Document] = {}
        self.pages: dict[str, PageSpec] = {}
        # Section markers carry a per-build secret so that a document cannot forge one.
        self.marker = f"mkdocs-specs:{secrets.token_hex(8)}:section"
        self.marker_re = re.compile(rf"<!-- {self.marker}:(\d+) -->")

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        try:
            self.index_dir = checked_index_dir(self.config.index_dir)
            self.settings = build_core_settings(self.config, config.config_file_path)
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
        try:
            self.catalogue = catalogue = collect_files(
                files, config.docs_dir, self.settings, inclusion
            )
        except SettingsError as error:
            raise PluginError(f"specs: {error}") from None
        self.documents = {d.path: d for d in catalogue.documents}
        for finding in catalogue.findings:
            _LOG_LEVELS[finding.severity](str(finding))
        self.renderer = Renderer(catalogue, self.index_dir, self.config.title, config.theme.dirs)
        taken = {file.dest_uri: file for file in files}
        for spec in plan_pages(catalogue, self.index_dir, self.config.title):
            self._add_page(files, taken, spec, config)
        if self.config.stylesheet:
            existing = files.get_file_from_path(STYLESHEET)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, STYLESHEET, content=_CSS_SOURCE.read_bytes()))
        return files

    def _add_page(
        self, files: Files, taken: dict[str, File], spec: PageSpec, config: MkDocsConfig
    ) -> None:
        in_nav = config.nav is None and spec.kind in self.config.nav
        # The title is HTML to MkDocs and themes print it unescaped, so it is escaped here.
        front_matter = yaml.safe_dump({"title": str(escape(spec.title))}, allow_unicode=True)
        file = File.generated(
            config,
            spec.path,
            content=f"---\n{front_matter}---\n",
            inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
        )
        owner = taken.get(file.dest_uri)
        if owner is not None:
            log.warning(
                f"{owner.src_uri}: this page of the docs is built to {file.dest_uri}, where the "
                f"generated {spec.kind} page '{spec.title}' belongs; the docs page is kept and the "
                "generated one left out. Set the plugin's 'index_dir' to a free folder"
            )
            return
        files.append(file)
        taken[file.dest_uri] = file
        self.pages[spec.path] = spec

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        document = self.documents.get(page.file.src_uri)
        if document is None or (document.readable and not document.unsafe_front_matter):
            return None
        try:
            text = page.file.content_bytes.decode("utf-8", "replace").replace("\x00", "\ufffd")
        except OSError as error:
            return f"# {document.title}\n\nThis file cannot be read: {error.strerror or error}.\n"
        if document.unsafe_front_matter:
            # The plugin refused this front matter for its size or depth; MkDocs would parse it.
            return "\n".join(split_lines(text)[document.body_line - 1 :])
        # MkDocs would stop the whole build on a file it cannot decode: show what can be shown.
        return text

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        document = self.documents.get(page.file.src_uri)
        if document is None:
            return markdown
        _share_meta(page.meta, config.extra.get("status"))
        lines = markdown.split("\n")
        # MkDocs removed the front matter (and the blank lines after it) that it could parse;
        # `skipped` is how many lines of the file come before the first one of `markdown`.
        skipped = document.line_count - len(lines)
        if document.front_matter_read and 0 <= skipped < document.body_line - 1:
            # Front matter the plugin read but MkDocs could not (an impossible date, say):
            # it is metadata, not text, so it is not shown as text either.
            del lines[: document.body_line - 1 - skipped]
            skipped = document.body_line - 1
        if self.config.section_progress and skipped >= 0:
            self._mark_sections(lines, skipped, document)
        return "\n".join(lines)

    def _mark_sections(self, lines: list[str], skipped: int, document: Document) -> None:
        """Put a marker after each heading whose section holds a checklist, at the line the
        scan found it on; ``on_page_content`` replaces it with the section's progress bar."""
        for index in range(len(document.sections) - 1, -1, -1):
            section = document.sections[index]
            at = section.end_line - skipped  # the line after the heading, 0-based
            if section.progress and 0 < at <= len(lines) and _ends_heading(lines[at - 1]):
                lines[at:at] = ["", f"<!-- {self.marker}:{index} -->", ""]

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.renderer is None:
            return html
        src = page.file.src_uri
        spec = self.pages.get(src)
        if spec is not None and page.file.generated_by is not None:
            return self.renderer.page(spec, _linker(page, files))
        document = self.documents.get(src)
        if document is None:
            return html
        link = _linker(page, files)
        if self.config.section_progress:
            renderer = self.renderer
            sections = document.sections
            html = self.marker_re.sub(
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


def _share_meta(meta: MutableMapping[str, Any], material_status: object) -> None:
    """Make a document's front matter safe for the theme, which prints it unescaped."""
    if "title" in meta:
        title = meta["title"]
        if title is None or isinstance(title, (list, dict)):
            del meta["title"]
        else:
            meta["title"] = str(escape(title))
    status = meta.get("status")
    if status is not None and not (
        isinstance(status, str) and isinstance(material_status, dict) and status in material_status
    ):
        # Material shows a nav icon for any `status` and prints it unescaped: leave it only the
        # statuses a site has given an icon in `extra.status`.
        del meta["status"]


def _ends_heading(line: str) -> bool:
    """A check that the line found by number is a heading's last line: another plugin may
    have changed the Markdown before this one saw it."""
    text = line.strip()
    return text.startswith("#") or (bool(text) and (set(text) <= {"="} or set(text) <= {"-"}))


def _linker(page: Page, files: Files) -> Link:
    def link(src: str) -> str:
        target = files.get_file_from_path(src)
        return get_relative_url(target.url, page.file.url) if target is not None else "#"

    return link
