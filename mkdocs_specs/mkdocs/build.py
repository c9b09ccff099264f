"""One build of the site, from ``on_files`` to ``on_post_build``: the catalogue and every finding,
the generated pages, and what each page gets (its card, section bars and query results)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..catalogue.catalogue import Catalogue
from ..model import Finding
from ..parse.containers import unread_containers
from ..parse.text import split_lines
from ..query.blocks import INFO, OtherFence, scan_fences, with_strays
from ..query.language import QueryBlock
from ..read.cache import ReadCache
from ..read.external import ExternalReader
from ..render.export import write
from ..render.headings import pieces, split_headings
from ..render.html import Renderer
from ..render.markers import Edit, Markers, edited
from ..render.page_text import apart, document_lines
from ..render.pages import PageSpec, layout, plan_pages
from ..settings.settings import Settings
from .config import SpecsConfig, git_history, renders_mermaid
from .dirty import DirtyBuilds
from .fence import FencedPage, SpecsFence
from .files import (
    collect_files,
    missing_templates,
    page_queries,
    read_queries,
    site_advice,
    site_findings,
)
from .generated import (
    SCRIPT,
    STYLESHEET,
    Places,
    add_pages,
    asset_file,
    generated_file,
    out_of_nav,
    page_files,
)
from .languages import language
from .llms import LlmsTxt
from .source import share_meta

Log = Callable[[Finding], None]


@dataclass
class Build:
    """What a build knows once its files are read."""

    options: SpecsConfig
    settings: Settings
    catalogue: Catalogue
    renderer: Renderer
    findings: list[Finding]
    """Every finding of the build (:func:`~mkdocs_specs.mkdocs.files.site_findings`)."""
    advice: list[str]
    """What the types miss of the tree (:func:`~mkdocs_specs.mkdocs.files.site_advice`)."""
    queries: dict[str, list[QueryBlock]]
    """Page → its query blocks, read."""
    missing_templates: set[str]
    fence: SpecsFence
    unread: dict[str, str] = field(default_factory=dict)
    """The containers the site's Markdown does not read
    (:func:`~mkdocs_specs.parse.containers.unread_containers`)."""
    pages: dict[str, PageSpec] = field(default_factory=dict)
    """Generated page → what it shows."""
    rendered: dict[str, str] = field(default_factory=dict)
    """Generated page → its body, when it was rendered already."""
    bodies: dict[str, bytes] = field(default_factory=dict)
    """Generated page → its body, compressed, from its Markdown to its HTML: MkDocs reads
    every page's Markdown before it writes the first page, and the bodies of a site's index
    pages, kept as they are, weighed a tenth of the whole build's memory."""
    export: tuple[str, dict[str, str], str | None] | None = None
    """Where ``specs.json`` goes, the URL of each page, and the site's ``site_url``."""
    llms: LlmsTxt | None = None
    """Where ``llms.txt`` and the copies of the documents go (``llms_txt``)."""
    markers: Markers = field(default_factory=Markers)

    def __post_init__(self) -> None:
        self.documents = {d.path: d for d in self.catalogue.pages}
        self.reported = set(self.findings)
        """The findings of the build's reading, logged on ``on_files``."""

    def markdown(self, page: Page, markdown: str, config: MkDocsConfig, log: Log) -> str:
        """A page's Markdown with a marker wherever a section bar or query result goes; a
        document's front matter made safe for MkDocs and the theme, and its lists and
        ``**Key**: value`` lines apart from the paragraph above them; a generated page's
        headings, with a marker for the HTML between them."""
        src = page.file.src_uri
        # Until the page's fences are known: SuperFences may come across one all the same.
        self.fence.page = FencedPage(
            src, self.queries.setdefault(src, []), [], self.markers, self.catalogue, self.settings
        )
        if src in self.pages and page.file.generated_by is not None:
            spec, dest = self.pages[src], page.file.dest_uri
            body = self.rendered.pop(src, None) or self.renderer.page(spec, dest)
            self.bodies[src] = zlib.compress(body.encode("utf-8"), 1)
            return self.markers.page(split_headings(body))
        document = self.documents.get(src)
        if document is None and INFO not in markdown:
            return markdown  # the cheap test that leaves most pages alone
        lines = split_lines(markdown)
        edits: list[Edit] = []
        skipped = None
        if document is not None:
            status = config.extra.get("status")
            share_meta(page.meta, document, lines, status, self.missing_templates)
            skipped = document_lines(document, lines)
            edits += apart(lines, document.run_ons)
            if self.options.section_progress and skipped >= 0:
                edits += self.markers.sections(lines, skipped, document)
        if INFO in markdown:
            blocks, others = scan_fences(lines, self.unread)
            read, new = page_queries(
                page.file,
                lines,
                with_strays(blocks, others),
                skipped,
                self.queries,
                self.catalogue,
                self.settings,
            )
            self.queries[page.file.src_uri] = read
            for finding in new:  # another plugin changed the page since on_files read it
                log(finding)
            edits += self.markers.queries(read)
            self._expect_fences(page, others, read)
        return edited(lines, edits)

    def _expect_fences(self, page: Page, others: list[OtherFence], read: list[QueryBlock]) -> None:
        """Tell the ``specs`` fence which page SuperFences is about to read: which of the
        page's stray blocks each fence named ``specs`` it will find there is (``others``)."""
        strays = {query.block.start: i for i, query in enumerate(read) if query.block.stray}
        expected = [strays.get(other.start) if other.shown else None for other in others]
        self.fence.page = FencedPage(
            page.file.src_uri, read, expected, self.markers, self.catalogue, self.settings
        )

    def content(self, page: Page, html: str) -> str:
        """A page's content with a marker where the card goes."""
        if page.file.src_uri in self.documents and self.options.card:
            return self.markers.card(html)
        return html

    def html(self, page: Page, output: str, show_findings: bool, log: Log) -> str:
        """The page's HTML with each marker replaced by what it stands for; the findings of
        the fences SuperFences found that the plugin did not expect (:mod:`.fence`), logged."""
        src, dest, renderer = page.file.src_uri, page.file.dest_uri, self.renderer
        spec = self.pages.get(src) if page.file.generated_by is not None else None
        document = self.documents.get(src)
        queries = self.queries.get(src, [])
        if spec is None and document is None and not queries:
            return output
        body = self.bodies.pop(src, None) if spec is not None else None
        between = pieces(zlib.decompress(body).decode("utf-8")) if body else []

        def fill(kind: str, index: int) -> str:
            if kind == "page":
                return between[index] if index < len(between) else ""
            if kind == "query" and index < len(queries):
                for finding in queries[index].findings:
                    if finding not in self.reported:  # a fence SuperFences alone came across
                        log(finding)
                return renderer.query(queries[index], dest)
            if document is None:
                return ""
            if kind == "section":
                return renderer.section_progress(document.sections[index], dest)
            return renderer.card(document, dest, document.findings if show_findings else [])

        return self.markers.replace(output, fill)

    def write_export(self) -> None:
        """Write ``specs.json``, a document at a time."""
        if self.export is not None:
            path, urls, site_url = self.export
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as stream:
                write(self.catalogue, urls.get, stream, self.findings, site_url)

    def write_llms(self, config: MkDocsConfig) -> None:
        """Write ``llms.txt`` and copy each document's Markdown beside its page."""
        if self.llms is not None:
            self.llms.write(self.catalogue, config)


def start(
    files: Files,
    config: MkDocsConfig,
    options: SpecsConfig,
    settings: Settings,
    where: tuple[str, str, str],
    inclusion: Callable[[InclusionLevel], bool],
    read_cache: ReadCache | None,
    builds: DirtyBuilds | None,
    fence: SpecsFence,
    external: ExternalReader | None = None,
) -> Build:
    """Read the site's documents, find what is wrong, and add the generated files to ``files``
    (under ``--dirty``, ``builds``, only what must be built again); ``where`` is the checked
    ``index_dir``, ``export`` and ``llms_txt``; ``external`` reads the other sites'
    ``specs.json``. Raises ``SettingsError``."""
    built_for = language(files, config)
    statuses, history = git_history(options, config.config_file_path, config.docs_dir, settings)
    catalogue = collect_files(
        files,
        config.docs_dir,
        settings,
        inclusion,
        read_cache,
        built_for.translations,
        external=external,
        statuses=statuses,
        history=history,
    )
    documents = {d.path: d for d in catalogue.pages}
    if not options.documents_in_nav:
        out_of_nav(files, documents)
    missing = missing_templates(catalogue, config.theme)
    unread = unread_containers(config.markdown_extensions)
    queries = read_queries(files, catalogue, settings, inclusion, unread)
    if builds is not None:
        builds.make_stale(files, catalogue, documents, config.docs_dir, settings, queries)
    places = Places(files)
    index_dir, export, llms = where
    title = settings.labels.text("home_title")
    pages_layout = layout(catalogue, index_dir, options.group_pages)
    specs = plan_pages(catalogue, pages_layout, title)
    planned = page_files(specs, places, config, options.nav, built_for, options.search)
    urls = {file.src_uri: file.url for file in [*files, *(file for _, file in planned)]}
    mermaid = renders_mermaid(options, config)
    renderer = Renderer(catalogue, pages_layout, title, urls.get, config.theme.dirs, mermaid)
    build = Build(
        options,
        settings,
        catalogue,
        renderer,
        site_findings(catalogue, settings, missing, queries),
        site_advice(files, catalogue, settings),
        queries,
        missing,
        fence,
        unread,
    )
    build.pages, build.rendered = add_pages(files, planned, renderer, builds)
    exported = None
    if export:
        file = generated_file(config, export, built_for, b"")
        if places.claim(file, f"export '{export}'", "export"):
            build.export, exported = (file.abs_dest_path, urls, config.site_url), file
    if llms:
        file = generated_file(config, llms, built_for, b"")
        if places.claim(file, f"file '{llms}'", "llms_txt"):
            build.llms = LlmsTxt.of(file, files, catalogue.pages, exported, builds is not None)
    for wanted, asset in ((options.stylesheet, STYLESHEET), (options.script, SCRIPT)):
        if wanted:
            files.append(asset_file(files, config, asset))
    return build
