"""The Python-Markdown extension: each document's card, its sections' progress bars and the
query blocks of any page, on engines that run Python-Markdown extensions but no MkDocs plugins
(Zensical), or in plain Python-Markdown.

Named in ``markdown_extensions:`` as ``mkdocs_specs.markdown``, it reads the specs plugin's
options from ``mkdocs.yml`` (its own options win over them) and the documents of the docs
folder, once for all the pages an engine converts (:mod:`.site`), and renders what the plugin
renders, with the same templates and escaping. Where the plugin runs too (MkDocs, ProperDocs),
the plugin takes the extension out of the build, so that nothing is rendered twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..mkdocs.config import SpecsConfig
from ..model import Document, SettingsError
from ..parse.text import split_lines
from ..query.blocks import INFO, find_blocks
from ..query.language import QueryBlock, read_query
from ..render.markers import Edit, edited
from ..render.page_text import apart, document_lines
from .site import Site, built_as, find_site, give_title, page_url, site_of, zensical_context

__all__ = ["NAME", "SpecsExtension", "makeExtension"]

NAME = "mkdocs_specs.markdown"
"""The extension's name in ``markdown_extensions:``."""

log = logging.getLogger(NAME)

_NOT_GIVEN = ...
"""An option the extension was not given: the plugin's in ``mkdocs.yml``, or its default."""

OPTIONS = tuple(name for name, _ in SpecsConfig._schema)
"""The specs plugin's options, which the extension takes too."""


_FAILED: set[str] = set()
"""The errors of the sites' settings said so far: an engine converts each page with a new
extension, and each would say it again."""


@dataclass
class _Page:
    """What the preprocessor leaves for the postprocessor of the same page."""

    site: Site
    document: Document | None
    queries: list[QueryBlock]
    dest: str


class SpecsExtension(Extension):
    """Cards, section bars and query blocks, from the documents of the site's docs folder."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "config_file": ["", "The site's mkdocs.yml (default: the project's, or ./mkdocs.yml)."],
            "docs_dir": ["", "The docs folder (default: mkdocs.yml's docs_dir, or docs)."],
            "page": ["", "The converted page's path in the docs folder, for plain Markdown."],
            **{name: [_NOT_GIVEN, f"The specs plugin's option {name}."] for name in OPTIONS},
        }
        super().__init__(**kwargs)
        self.md_page: _Page | None = None

    def given(self) -> dict[str, Any]:
        """The extension's options, with the plugin's options it was given apart."""
        values = self.getConfigs()
        options = {name: values.pop(name) for name in OPTIONS if values[name] is not _NOT_GIVEN}
        for name in OPTIONS:
            values.pop(name, None)
        return {**values, "options": options}

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before the fences and the HTML blocks are taken out of the text (SuperFences' 31.05,
        # Python-Markdown's 25 and 20): the markers are HTML blocks of their own.
        md.preprocessors.register(_Before(md, self), "specs", 32)
        # After the HTML blocks are back in (30), before anything rewrites the whole page.
        md.postprocessors.register(_After(md, self), "specs", 25)

    def reset(self) -> None:
        self.md_page = None


class _Before(Preprocessor):
    """Finds the page's site and document; leaves a marker where a bar or a query's result
    goes, and the document's Markdown as the plugin gives it to MkDocs."""

    def __init__(self, md: Markdown, extension: SpecsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.md_page = None
        context = zensical_context(self.md.preprocessors)
        given = self.extension.given()
        src = (context.page if context else None) or given.get("page") or None
        try:
            where = find_site(context, given)
            site = site_of(where, src)
        except SettingsError as error:
            said = str(error)
            if said not in _FAILED:  # once, not on every page
                _FAILED.add(said)
                log.error("%s: %s", NAME, said)
            return lines
        document = site.documents.get(src) if src else None
        url = (context.url if context else None) or page_url(src or "", where.use_directory_urls)
        if document is None and not any(INFO in line for line in lines):
            return lines
        if document is not None:
            give_title(context, document.title)
        lines = list(lines)
        edits: list[Edit] = []
        skipped = -1
        if document is not None:
            if site.options.card:  # moved under the page's first heading once it is HTML
                edits.append((0, 0, site.markers.lines("card", 0)))
            skipped = document_lines(document, lines)
            edits += apart(lines, document.run_ons)
            if site.options.section_progress and skipped >= 0:
                edits += site.markers.sections(lines, skipped, document)
        queries = []
        if any(INFO in line for line in lines):
            first = max(skipped, 0) + 1
            blocks = find_blocks(lines, site.unread)
            path = src or "<page>"
            queries = [read_query(path, b, first, site.catalogue, site.settings) for b in blocks]
            for query in queries:
                for finding in query.findings:
                    site.log(finding)
            edits += site.markers.queries(queries)
        self.extension.md_page = _Page(site, document, queries, built_as(url))
        return split_lines(edited(lines, edits))


class _After(Postprocessor):
    """Replaces each marker with what it stands for, and puts the card under the page's
    first heading."""

    def __init__(self, md: Markdown, extension: SpecsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        page = self.extension.md_page
        if page is None:
            return text
        site, document, queries = page.site, page.document, page.queries
        renderer, markers = site.renderer, site.markers
        card = markers.marker("card", 0)
        if card in text:  # the whole page, not a heading's text that the table of contents runs
            text = markers.card(text.replace(card, "", 1))
        show = site.options.show_findings == "always"

        def fill(kind: str, index: int) -> str:
            if kind == "query":
                return renderer.query(queries[index], page.dest) if index < len(queries) else ""
            if document is None:
                return ""
            if kind == "section":
                return renderer.section_progress(document.sections[index], page.dest)
            if kind == "card":
                return renderer.card(document, page.dest, document.findings if show else [])
            return ""

        return markers.replace(text, fill)


def makeExtension(**kwargs: Any) -> SpecsExtension:
    return SpecsExtension(**kwargs)
