"""``llms_txt``: the site's ``llms.txt`` (:mod:`~mkdocs_specs.render.llms`) and, beside each
document's page, a copy of its Markdown as written, which the file links to.

A copy goes where mkdocs-llmstxt puts the Markdown of a page: the page's file with ``.md`` for
``.html`` (``specs/foo/index.md`` beside ``specs/foo/index.html``, ``specs/foo.md`` with
``use_directory_urls: false``). Both are written after the build, as ``specs.json`` is: a copy
is a page's source, and a ``.md`` file among MkDocs' files would be built as a page.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..catalogue.catalogue import Catalogue
from ..model import Document
from ..render.llms import llms_txt

log = get_plugin_logger(__name__)


@dataclass
class LlmsTxt:
    """Where ``llms.txt`` and the copies go in one build."""

    file: File
    """``llms.txt`` (generated, empty: :meth:`write` writes it)."""
    copies: dict[str, File]
    """Document path → its file, whose copy goes beside its page."""
    export: File | None
    """``specs.json``, when the build writes it: the file links to it."""
    dirty: bool = False
    """A ``--dirty`` build: a copy newer than its source is left as it is."""

    @classmethod
    def of(
        cls, file: File, files: Files, pages: Iterable[Document], export: File | None, dirty: bool
    ) -> LlmsTxt:
        """The file and copies of the documents and member files ``pages`` among ``files``."""
        copies = {}
        for document in pages:
            page = files.get_file_from_path(document.path)
            if page is not None:
                copies[document.path] = page
        return cls(file, copies, export, dirty)

    def write(self, catalogue: Catalogue, config: MkDocsConfig) -> None:
        """Copy each document's Markdown beside its page, then write ``llms.txt``, linked to
        the copies by absolute URLs under ``site_url``, or relative ones without it."""
        folder = posixpath.dirname(self.file.dest_uri)

        def url(site_path: str) -> str:
            if config.site_url:
                return urljoin(config.site_url, quote(site_path))
            relative = posixpath.relpath(site_path, folder or ".")
            return quote(relative + "/" if site_path.endswith("/") else relative)

        links = {}
        for path, page in self.copies.items():
            dest_uri = markdown_copy(page)
            copied = self._copy(page, os.path.join(config.site_dir, dest_uri))
            links[path] = url(dest_uri if copied else unquote(page.url))
        text = llms_txt(
            catalogue,
            config.site_name,
            links.get,
            config.site_description,
            url(self.export.dest_uri) if self.export is not None else None,
        )
        os.makedirs(os.path.dirname(self.file.abs_dest_path), exist_ok=True)
        with open(self.file.abs_dest_path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)

    def _copy(self, page: File, dest: str) -> bool:
        """Write the page's Markdown, as in the docs, to ``dest``; whether it is there."""
        source = page.abs_src_path
        if self.dirty and source is not None and _newer(dest, source):
            return True
        try:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            if source is not None:
                shutil.copyfile(source, dest)
            else:
                with open(dest, "wb") as stream:
                    stream.write(page.content_bytes)
        except OSError as error:
            log.warning(
                f"{page.src_uri}: its Markdown cannot be copied for llms.txt: "
                f"{error.strerror or error}; llms.txt links to its page instead"
            )
            return False
        return True


def markdown_copy(page: File) -> str:
    """Where the copy of a page's Markdown goes in the site: beside its HTML, ``.md`` for
    ``.html``."""
    stem, _ = posixpath.splitext(page.dest_uri)
    return stem + ".md"


def _newer(built: str, source: str) -> bool:
    """Whether ``built`` is there and was written after ``source`` last changed."""
    with contextlib.suppress(OSError):
        return os.path.getmtime(built) >= os.path.getmtime(source)
    return False
