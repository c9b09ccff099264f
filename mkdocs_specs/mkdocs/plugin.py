"""The MkDocs adapter: hands files to the core and puts its results where MkDocs wants them."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any, Literal

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..catalogue.catalogue import Catalogue
from ..memory import LongLived
from ..model import Document, Finding, SettingsError, Severity, TooLarge
from ..parse.inline import defuse_marked_sections
from ..parse.text import split_lines
from ..query.blocks import INFO, find_blocks
from ..query.language import QueryBlock, read_query
from ..read.cache import ReadCache
from ..render.export import write
from ..render.html import Renderer
from ..render.markdown import markdown_text
from ..render.pages import PageSpec, plan_pages
from .config import SpecsConfig, build_core_settings, checked_export, checked_index_dir
from .files import collect_files, missing_templates, query_pages, read_document, template_findings

log = get_plugin_logger(__name__)


STYLESHEET = "assets/mkdocs-specs/specs.css"


_CSS_SOURCE = Path(__file__).resolve().parent.parent / "assets" / "specs.css"


_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>.*?</h1>", re.DOTALL)


_IN_NAV = (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED)


_LOG_LEVELS = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


class SpecsPlugin(BasePlugin[SpecsConfig]):  # type: ignore[no-untyped-call]
    """Discovers, validates and indexes specification documents."""

    def __init__(self) -> None:
        self.is_serve = self.dirty = False
        # Kept from one build of `mkdocs serve --dirty` to the next: see `_rebuild_stale`.
        self.shown_on: dict[str, set[str]] = {}
        self.shown: dict[str, Document] = {}
        """Path → the document (or member file) as the last build showed it."""
        self.query_pages: set[str] = set()
        self.built = False
        """Whether this process has built the site before (`mkdocs serve` builds again)."""
        self.bodies: dict[str, int] = {}
        """Generated page → the hash of the body the last build gave it."""
        self.read_cache: ReadCache | None = None
        """The documents `mkdocs serve` read, kept for its next build."""
        self.long_lived: LongLived | None = None
        """The objects alive at the end of ``on_files``, out of the garbage collector's reach
        until the build ends."""
        self._reset()

    def _reset(self) -> None:
        """Forget everything of the previous build: `mkdocs serve` keeps the plugin."""
        if self.long_lived is not None:
            self.long_lived.release()
            self.long_lived = None
        self.catalogue: Catalogue | None = None
        self.renderer: Renderer | None = None
        self.documents: dict[str, Document] = {}
        self.catalogue_field_kinds: Mapping[str, object] = {}
        self.pages: dict[str, PageSpec] = {}
        self.export_path: str | None = None
        self.missing_templates: set[str] = set()
        """Names documents give in ``template`` that the theme has no template of."""
        self.urls: dict[str, str] = {}
        self.rendered: dict[str, str] = {}
        """Generated page → its body, when ``on_files`` has already rendered it."""
        self.queries: dict[str, list[QueryBlock]] = {}
        """Page source path → its query blocks, in the order of their markers."""
        self.logged: set[Finding] = set()
        # Markers carry a per-build secret so that a page cannot forge one.
        self.marker = f"mkdocs-specs:{secrets.token_hex(8)}"
        self.marker_re = re.compile(rf"<!-- {self.marker}:(section|query|card|page):(\d+) -->")

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        try:
            self.index_dir = checked_index_dir(self.config.index_dir)
            self.export = checked_export(self.config.export)
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
        if self.is_serve and not (self.read_cache and self.read_cache.fits(self.settings)):
            self.read_cache = ReadCache(self.settings)
        try:
            self.catalogue = catalogue = collect_files(
                files, config.docs_dir, self.settings, inclusion, self.read_cache
            )
        except SettingsError as error:
            raise PluginError(f"specs: {error}") from None
        self.documents = {d.path: d for d in catalogue.pages}
        if not self.config.documents_in_nav:
            for path in self.documents:
                file = files.get_file_from_path(path)
                if file is not None and file.inclusion in _IN_NAV:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        self.missing_templates = missing_templates(catalogue, config.theme)
        for finding in catalogue.findings:
            self._log(finding)
        for finding in template_findings(catalogue, self.missing_templates, self.settings):
            self._log(finding)
        if self.dirty:
            self._rebuild_stale(files, catalogue, config.docs_dir)
        self.catalogue_field_kinds = catalogue.field_kinds
        taken = {file.dest_uri: file for file in files}
        planned = [
            (spec, file)
            for spec in plan_pages(catalogue, self.index_dir, self.config.title)
            if (file := self._page_file(taken, spec, config)) is not None
        ]
        urls = {file.src_uri: file.url for file in [*files, *(file for _, file in planned)]}
        self.renderer = Renderer(
            catalogue,
            self.index_dir,
            self.config.title,
            urls.get,
            config.theme.dirs,
            mermaid=self.config.mermaid == "always"
            or (self.config.mermaid == "auto" and _renders_mermaid(config)),
        )
        for spec, file in planned:
            if not (self.dirty and self._unchanged(spec, file)):
                files.append(file)
                self.pages[spec.path] = spec
        if self.export:
            file = File.generated(config, self.export, content=b"")
            if self._claim(taken, file, f"export '{self.export}'", "export"):
                self.export_path = file.abs_dest_path  # written by on_post_build
                self.urls = urls
        if self.config.stylesheet:
            existing = files.get_file_from_path(STYLESHEET)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, STYLESHEET, content=_CSS_SOURCE.read_bytes()))
        self.long_lived = LongLived()
        return files

    def _rebuild_stale(self, files: Files, catalogue: Catalogue, docs_dir: str) -> None:
        """``--dirty`` builds only the files changed since the last build (and the generated
        pages, which are always new). A document also changes when a file it was read from
        changes (a sidecar, a member file) or when it is read otherwise (a template changed);
        a changed document also shows on the cards of the files linked to it, and in every
        query. Their pages are made stale by removing what the last build wrote for them."""
        shown_on = catalogue.shown_on()
        if not self.built:
            # A first build in this process (`mkdocs build --dirty`) has not seen which pages
            # hold a query: any page that names the block's info string may.
            self.query_pages = {file.src_uri for file, _ in query_pages(files, catalogue)}
        changed = set(self.shown_on) - set(self.documents)  # deleted since the last build
        templates = {
            name: os.path.join(self.settings.base_dir, compiled.type.template)
            for name, compiled in self.settings.compiled.items()
            if compiled.type.template
        }
        for path, document in self.documents.items():
            file = files.get_file_from_path(path)
            if file is None:
                continue
            if (
                file.is_modified()
                or self.shown.get(path, document) != document  # read otherwise than last time
                or _newer(
                    [os.path.join(docs_dir, sidecar) for sidecar in document.sidecars]
                    + ([templates[document.type]] if document.type in templates else []),
                    file.abs_dest_path,
                )
            ):
                changed.add(path)
        stale = set(self.query_pages) | changed
        for path in changed:
            stale |= shown_on.get(path, set()) | self.shown_on.get(path, set())
        for path in stale:
            file = files.get_file_from_path(path)
            if file is not None and file.abs_src_path is not None and not file.is_modified():
                with contextlib.suppress(OSError):
                    os.remove(file.abs_dest_path)
        self.shown_on = shown_on
        self.shown = dict(self.documents)

    def _unchanged(self, spec: PageSpec, file: File) -> bool:
        """True for a group page out of the nav that the last ``--dirty`` build wrote and that
        would come out the same: it is left as it is, not built again. The pages that show an
        edited document are built; the others (most owners' pages, say) cost nothing."""
        assert self.renderer is not None
        if spec.group is None or file.inclusion is not InclusionLevel.NOT_IN_NAV:
            return False
        body = self.renderer.page(spec, file.dest_uri)
        digest = hash(body)
        previous, self.bodies[spec.path] = self.bodies.get(spec.path), digest
        if previous == digest and os.path.isfile(file.abs_dest_path):
            return True
        self.rendered[spec.path] = body  # for on_post_page, which would render it again
        return False

    def _page_file(
        self, taken: dict[str, File], spec: PageSpec, config: MkDocsConfig
    ) -> File | None:
        kind = "fields" if spec.kind in self.catalogue_field_kinds else spec.kind
        in_nav = config.nav is None and kind in self.config.nav
        # The title is HTML to MkDocs and themes print it unescaped, so it is escaped here.
        front_matter = yaml.safe_dump({"title": str(escape(spec.title))}, allow_unicode=True)
        file = File.generated(
            config,
            spec.path,
            content=f"---\n{front_matter}---\n",
            inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
        )
        if self._claim(taken, file, f"{spec.kind} page '{spec.title}'", "index_dir"):
            return file
        return None

    @staticmethod
    def _claim(taken: dict[str, File], file: File, what: str, option: str) -> bool:
        """Take the file's place in the site, unless a file of the docs is built there."""
        owner = taken.get(file.dest_uri)
        if owner is not None:
            log.warning(
                f"{owner.src_uri}: this file is built to {file.dest_uri}, where the generated "
                f"{what} belongs; '{owner.src_uri}' is kept and the generated one left out. Set "
                f"the plugin's '{option}' to a free path"
            )
            return False
        taken[file.dest_uri] = file
        return True

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        document = self.documents.get(page.file.src_uri)
        if document is None or (document.readable and not document.unsafe_front_matter):
            return None
        try:
            data = read_document(page.file, self.settings.max_file_size)
        except TooLarge as error:
            # MkDocs would take minutes over it: the page says why it shows nothing.
            return (
                f"# {markdown_text(document.title)}\n\nThis file is {error.size:,} bytes, more "
                f"than the {self.settings.max_file_size:,} of the `max_file_size` setting.\n"
            )
        except OSError as error:
            why = markdown_text(error.strerror or error)
            return f"# {markdown_text(document.title)}\n\nThis file cannot be read: {why}.\n"
        text = data.decode("utf-8", "replace").replace("\x00", "\ufffd")
        if document.unsafe_front_matter:
            # The plugin refused this front matter for its size or depth; MkDocs would parse it.
            return "\n".join(split_lines(text)[document.body_line - 1 :])
        # MkDocs would stop the whole build on a file it cannot decode: show what can be shown.
        return text

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.catalogue is None:
            return markdown
        document = self.documents.get(page.file.src_uri)
        if document is None and INFO not in markdown:
            return markdown  # the cheap test that leaves most pages alone
        lines = split_lines(markdown)
        edits: list[tuple[int, int, list[str]]] = []
        # MkDocs removed the front matter (and the blank lines after it) that it could parse;
        # `skipped` is how many lines of the file come before the first one of `markdown`.
        skipped: int | None = None
        if document is not None:
            if "title" not in page.meta and not _opens_with_h1(lines):
                # MkDocs takes the title from an H1 only when the page opens with it: a KEP's
                # template comment or an RFC's header block would leave it the file's name.
                page.meta["title"] = document.title
            _share_meta(page.meta, config.extra.get("status"), self.missing_templates)
            skipped = document.line_count - len(lines)
            if document.front_matter_read and 0 <= skipped < document.body_line - 1:
                # Front matter the plugin read but MkDocs could not (an impossible date, say):
                # it is metadata, not text, so it is not shown as text either.
                del lines[: document.body_line - 1 - skipped]
                skipped = document.body_line - 1
            if skipped >= 0:
                for line in document.unsafe_html:  # MkDocs' HTML parser would stop the build
                    if 0 <= line - 1 - skipped < len(lines):
                        lines[line - 1 - skipped] = defuse_marked_sections(
                            lines[line - 1 - skipped]
                        )
            if self.config.section_progress and skipped >= 0:
                edits += self._mark_sections(lines, skipped, document)
        if INFO in markdown:
            edits += self._mark_queries(page.file, lines, skipped, self.catalogue)
        # From the bottom up, so that each edit leaves the lines above it where they were.
        for start, stop, replacement in sorted(edits, reverse=True):
            lines[start:stop] = replacement
        return "\n".join(lines)

    def _marker(self, kind: str, index: int, indent: int = 0) -> list[str]:
        """Lines that hold a marker, which ``on_post_page`` replaces with HTML; indented as
        the block it replaces, so that a list it is in goes on."""
        return ["", f"{' ' * indent}<!-- {self.marker}:{kind}:{index} -->", ""]

    def _mark_sections(
        self, lines: list[str], skipped: int, document: Document
    ) -> list[tuple[int, int, list[str]]]:
        """A marker after each heading whose section holds a checklist, at the line the scan
        found it on; ``on_post_page`` replaces it with the section's progress bar."""
        edits = []
        for index, section in enumerate(document.sections):
            at = section.end_line - skipped  # the line after the heading, 0-based
            if section.progress and 0 < at <= len(lines) and _ends_heading(lines[at - 1]):
                edits.append((at, at, self._marker("section", index)))
        return edits

    def _mark_queries(
        self, file: File, lines: list[str], skipped: int | None, catalogue: Catalogue
    ) -> list[tuple[int, int, list[str]]]:
        """A marker in place of each query block, which ``on_post_page`` replaces with what
        the query shows; its findings are logged."""
        blocks = find_blocks(lines)
        if not blocks:
            return []
        if skipped is None:
            skipped = _skipped(file, len(lines))
        read = [
            read_query(file.src_uri, block, max(skipped, 0) + 1, catalogue, self.settings)
            for block in blocks
        ]
        self.queries[file.src_uri] = read
        self.query_pages.add(file.src_uri)
        for query in read:
            for finding in query.findings:
                self._log(finding)
        return [
            (
                query.block.start,
                query.block.end + 1,
                self._marker("query", index, query.block.indent),
            )
            for index, query in enumerate(read)
        ]

    def _log(self, finding: Finding) -> None:
        """Log a finding once per build, however often its page is rendered."""
        if finding not in self.logged:
            self.logged.add(finding)
            _LOG_LEVELS[finding.severity](str(finding))

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Leave a marker where the plugin's HTML goes, which ``on_post_page`` replaces: the
        cards, bars and indexes are navigation, not text, so the search index (built from
        the content between these two events) does not list every index page for every
        title, nor parse what it would not keep."""
        src = page.file.src_uri
        if src in self.pages and page.file.generated_by is not None:
            return "\n".join(self._marker("page", 0))
        document = self.documents.get(src)
        if document is None or not self.config.card:
            return html
        heading = _LEADING_H1.match(html)
        at = heading.end() if heading else 0
        return f"{html[:at]}\n<!-- {self.marker}:card:0 -->\n{html[at:]}"

    @event_priority(100)  # Before plugins that rewrite the whole page (minifiers drop comments).
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.renderer is None:
            return output
        src = page.file.src_uri
        spec = self.pages.get(src) if page.file.generated_by is not None else None
        document = self.documents.get(src)
        queries = self.queries.get(src, [])
        if spec is None and document is None and not queries:
            return output
        renderer, dest = self.renderer, page.file.dest_uri

        def replace(match: re.Match[str]) -> str:
            kind, index = match.group(1), int(match.group(2))
            if kind == "page" and spec is not None:
                return self.rendered.pop(src, None) or renderer.page(spec, dest)
            if kind == "query" and index < len(queries):
                return renderer.query(queries[index], dest)
            if document is None:
                return ""
            if kind == "section":
                return renderer.section_progress(document.sections[index], dest)
            show = self.config.show_findings == "always" or (
                self.config.show_findings == "serve" and self.is_serve
            )
            return renderer.card(document, dest, document.findings if show else [])

        return self.marker_re.sub(replace, output)

    @event_priority(100)  # Before search writes its index: the memory is free again by then.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write ``specs.json``, a document at a time, then let the build's state go."""
        if self.catalogue is not None and self.export_path is not None:
            os.makedirs(os.path.dirname(self.export_path), exist_ok=True)
            with open(self.export_path, "w", encoding="utf-8") as stream:
                write(self.catalogue, self.urls.get, stream)
        self._reset()
        self.built = True

    def on_build_error(self, *, error: Exception) -> None:
        self._reset()

    def on_shutdown(self) -> None:
        self._reset()


def _share_meta(
    meta: MutableMapping[str, Any], material_status: object, missing_templates: set[str]
) -> None:
    """Make a document's front matter safe for MkDocs and the theme: the theme prints it
    unescaped, and a value of the wrong kind in a field they read stops the whole build (the
    schema reports it, see ``validate.HOST_FIELDS``)."""
    template = meta.get("template", "")
    if not isinstance(template, str) or template in missing_templates:
        del meta["template"]
    hide = meta.get("hide", [])
    if not isinstance(hide, (str, list)):
        del meta["hide"]
    if not isinstance(meta.get("search", {}), dict):
        del meta["search"]
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


def _newer(sources: list[str], built: str) -> bool:
    """True when one of the files ``sources`` changed after the page ``built`` was written, or
    that page is not there."""
    try:
        written = os.path.getmtime(built)
    except OSError:
        return True
    for source in sources:
        with contextlib.suppress(OSError):
            if os.path.getmtime(source) > written:
                return True
    return False


def _renders_mermaid(config: MkDocsConfig) -> bool:
    """True when the site turns ```` ```mermaid ```` fences into diagrams, as Material does with
    a `mermaid` custom fence of `pymdownx.superfences`."""
    if "pymdownx.superfences" not in config.markdown_extensions:
        return False
    options = config.mdx_configs.get("pymdownx.superfences") or {}
    fences = options.get("custom_fences") or []
    return any(isinstance(f, dict) and f.get("name") == "mermaid" for f in fences)


def _opens_with_h1(lines: list[str]) -> bool:
    """True when the first line with text is an H1 (``# Title``, or ``Title`` over ``===``)."""
    for index, line in enumerate(lines):
        if line.strip():
            below = lines[index + 1].strip() if index + 1 < len(lines) else ""
            return bool(re.match(r" {0,3}#(?:[ \t]|$)", line)) or (
                bool(below) and set(below) == {"="}
            )
    return False


def _ends_heading(line: str) -> bool:
    """A check that the line found by number is a heading's last line: another plugin may
    have changed the Markdown before this one saw it."""
    text = line.strip()
    return text.startswith("#") or (bool(text) and (set(text) <= {"="} or set(text) <= {"-"}))


def _skipped(file: File, remaining: int) -> int:
    """How many lines MkDocs took off the top of a page that is not a document (its front
    matter), so that findings name lines of the file."""
    try:
        return max(len(split_lines(file.content_string)) - remaining, 0)
    except (OSError, UnicodeError):
        return 0
