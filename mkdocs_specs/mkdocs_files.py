"""A MkDocs site's files into the core's catalogue: the one way the plugin and the command line
pick the documents among MkDocs' files and read them."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from .catalogue import Catalogue
from .discovery import PEEK_BYTES
from .doctypes import Settings
from .model import Finding
from .outline import split_lines
from .project import DocsFolder, collect
from .query import check_page


def collect_files(
    files: Files,
    docs_dir: str,
    settings: Settings,
    inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
) -> Catalogue:
    """The catalogue of the documents among the Markdown pages of ``files`` that ``inclusion``
    keeps (``is_included`` as in ``mkdocs build``, ``is_in_serve`` for drafts in ``serve``).

    Raises ``SettingsError`` when a setting turns out to be invalid while reading.
    """
    candidates = {f.src_uri: f for f in files.documentation_pages(inclusion=inclusion)}
    return collect(
        candidates,
        settings,
        read=lambda path: candidates[path].content_bytes,
        read_head=lambda path: _head(candidates[path]),
        read_sidecar=DocsFolder(docs_dir).read_if_exists,
    )


def query_findings(
    files: Files,
    catalogue: Catalogue,
    settings: Settings,
    inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
) -> list[Finding]:
    """The findings of the query blocks of every Markdown page of ``files``, as a build logs
    them while it renders the pages."""
    found: list[Finding] = []
    for file in files.documentation_pages(inclusion=inclusion):
        try:
            data = file.content_bytes
        except OSError:
            continue  # the page's own reading reports it
        if b"specs" not in data:
            continue  # no query block can be there: most pages cost one search
        text = data.decode("utf-8-sig", "replace")
        # The front matter MkDocs takes off, by its own rule, as the build renders the page.
        markdown, _ = get_data(text)
        skipped = len(split_lines(text)) - len(split_lines(markdown))
        found.extend(check_page(file.src_uri, markdown, skipped + 1, catalogue, settings))
    return found


def _head(file: File) -> bytes:
    if file.abs_src_path is None:
        return file.content_bytes[:PEEK_BYTES]
    with open(file.abs_src_path, "rb") as handle:
        return handle.read(PEEK_BYTES)
