"""A MkDocs site's files into the core's catalogue, and the findings of a build: the one way the
plugin and the command line pick the documents among MkDocs' files, read them, and find what
is wrong in the site."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.theme import Theme
from mkdocs.utils.meta import get_data

from ..catalogue.catalogue import Catalogue
from ..findings import on_field
from ..model import Finding, may_hold_queries
from ..parse.text import split_lines
from ..pipeline import ReadMany, collect, read_here
from ..query.blocks import Block
from ..query.language import QueryBlock, read_page, read_query
from ..read.cache import ReadCache
from ..read.discovery import PEEK_BYTES, advice
from ..read.external import ExternalReader
from ..read.files import DocsFolder, read_at_most
from ..read.history import History
from ..read.status_history import StatusHistory
from ..settings.settings import Settings


def collect_files(
    files: Files,
    docs_dir: str,
    settings: Settings,
    inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    cache: ReadCache | None = None,
    translations: Mapping[str, str] | None = None,
    read_many: ReadMany = read_here,
    external: ExternalReader | None = None,
    statuses: StatusHistory | None = None,
    history: History | None = None,
) -> Catalogue:
    """The catalogue of the documents among the Markdown pages of ``files`` that ``inclusion``
    keeps (``is_included`` as in ``mkdocs build``, ``is_in_serve`` for drafts in ``serve``),
    reading again only what changed since ``cache`` was filled, when one is given;
    ``translations`` are the translated copies among them (see
    :func:`~mkdocs_specs.mkdocs.languages.language`). ``read_many`` reads the documents (see
    :func:`~mkdocs_specs.pipeline.collect`). ``external`` reads the other sites'
    ``specs.json`` (the ``external`` option); ``statuses`` and ``history`` are what git says
    (see :func:`~mkdocs_specs.mkdocs.config.git_history`).

    Raises ``SettingsError`` when a setting turns out to be invalid while reading.
    """
    candidates = {f.src_uri: f for f in files.documentation_pages(inclusion=inclusion)}
    return collect(
        candidates,
        settings,
        read=lambda path: read_document(candidates[path], settings.max_file_size),
        read_head=lambda path: _head(candidates[path]),
        read_sidecar=DocsFolder(docs_dir, settings.max_file_size).read_if_exists,
        cache=cache,
        files=frozenset(file.src_uri for file in files),
        translations=translations,
        read_many=read_many,
        history=history,
        external=external.read() if external is not None else None,
        statuses=statuses,
    )


def site_advice(files: Files, catalogue: Catalogue, settings: Settings) -> list[str]:
    """What the site's types miss of its tree (see :func:`~mkdocs_specs.read.discovery.advice`):
    a type that found nothing, formats no type reads, files of a type that MkDocs leaves out."""
    left_out = {f.src_uri for f in files if f.inclusion is InclusionLevel.EXCLUDED}
    # A file that is one of a document's own (an OpenSpec change's `design.md`) is read as
    # such: no sign of a format that no type reads.
    parts = {member.path for d in catalogue.local for member in d.members}
    kept = [f.src_uri for f in files if f.src_uri not in left_out and f.src_uri not in parts]
    found = Counter(document.type for document in catalogue.local)
    by_uri = {f.src_uri: f for f in files}
    said = advice(kept, left_out, settings, found, lambda path: _head(by_uri[path]))
    if catalogue.history_note:
        said.append(f"review_every: {catalogue.history_note}")
    if catalogue.status_history_note:
        said.append(f"history: {catalogue.status_history_note}")
    return said


def site_findings(
    catalogue: Catalogue,
    settings: Settings,
    missing: set[str],
    queries: Mapping[str, list[QueryBlock]],
) -> list[Finding]:
    """Every finding of a build, each once: the documents' and their files' (the catalogue's),
    the templates the theme does not have (``missing``, see :func:`missing_templates`), and
    the query blocks of every page (``queries``, see :func:`read_queries`). What the plugin
    logs, ``check`` prints and ``specs.json`` counts."""
    found = [
        *catalogue.findings,
        *template_findings(catalogue, missing, settings),
        *(finding for read in queries.values() for query in read for finding in query.findings),
    ]
    return list(dict.fromkeys(found))


def read_queries(
    files: Files,
    catalogue: Catalogue,
    settings: Settings,
    inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    unread: Mapping[str, str] | None = None,
) -> dict[str, list[QueryBlock]]:
    """Page path → its query blocks, read, for every Markdown page of ``files`` that has
    some; ``unread`` are the containers the site's Markdown does not read
    (:func:`unread_containers`; ``None``: every container is read)."""
    unread = unread or {}
    found: dict[str, list[QueryBlock]] = {}
    for file, data in query_pages(files, catalogue, inclusion):
        text = data.decode("utf-8-sig", "replace")
        # The front matter MkDocs takes off, by its own rule, as the build renders the page.
        markdown, _ = get_data(text)
        lines = split_lines(markdown)
        skipped = len(split_lines(text)) - len(lines)
        read = read_page(file.src_uri, lines, skipped + 1, catalogue, settings, unread)
        if read:
            found[file.src_uri] = read
    return found


def page_queries(
    file: File,
    lines: list[str],
    blocks: list[Block],
    skipped: int | None,
    known: Mapping[str, list[QueryBlock]],
    catalogue: Catalogue,
    settings: Settings,
) -> tuple[list[QueryBlock], list[Finding]]:
    """The query blocks of a page whose Markdown is ``lines`` (``skipped`` lines of the file
    before them, or ``None`` when unknown), which hold ``blocks`` (:func:`find_blocks`), as
    :func:`read_queries` read them (``known``); read anew, with their findings, when another
    plugin changed the page's Markdown since."""
    read = known.get(file.src_uri, [])
    if [query.block for query in read] == blocks:
        return read, []
    if skipped is None:  # the front matter MkDocs took off a page that is no document
        skipped = max(len(split_lines(file.content_string)) - len(lines), 0)
    first = max(skipped, 0) + 1
    read = [read_query(file.src_uri, block, first, catalogue, settings) for block in blocks]
    return read, [finding for query in read for finding in query.findings]


def query_pages(
    files: Files,
    catalogue: Catalogue,
    inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
) -> Iterator[tuple[File, bytes]]:
    """The Markdown pages of ``files`` that may hold a query block, with their bytes. A
    document's reading already told whether it may (``names_queries``); the other pages are
    read, and those that cannot be read are left to their own reading to report."""
    documents = {document.path: document for document in catalogue.pages}
    for file in files.documentation_pages(inclusion=inclusion):
        document = documents.get(file.src_uri)
        if document is not None and not document.names_queries:
            continue  # read already, and no query block can be there
        try:
            data = file.content_bytes
        except OSError:
            continue
        if may_hold_queries(data):  # most pages cost one search
            yield file, data


def missing_templates(catalogue: Catalogue, theme: Theme) -> set[str]:
    """The names that documents give in ``template`` and that are no template of the theme:
    MkDocs would stop the whole build on the first of them."""
    env = theme.get_env()
    missing = set()
    # A name of another kind is reported by the schema (`invalid-field`).
    names = {
        d.fields["template"] for d in catalogue.pages if isinstance(d.fields.get("template"), str)
    }
    for name in names:
        try:
            env.get_template(name)
        except jinja2.TemplateNotFound:
            missing.add(name)
        except jinja2.TemplateError:
            pass  # it exists: MkDocs reports what is wrong in it
    return missing


def template_findings(catalogue: Catalogue, missing: set[str], settings: Settings) -> list[Finding]:
    """An ``invalid-field`` finding for each document whose ``template`` is in ``missing``."""
    found: list[Finding] = []
    for document in catalogue.pages:
        name = document.fields.get("template")
        if not isinstance(name, str) or name not in missing:
            continue
        found += on_field(
            document,
            "template",
            "invalid-field",
            f"field 'template' names {name!r}, which is not a template of the theme; expected "
            "the name of one of its templates (main.html, ...), or no 'template' field: MkDocs "
            "picks the page's template by it (the page is built with the theme's own)",
            settings.severities,
        )
    return found


def read_document(file: File, limit: int) -> bytes:
    """A document's bytes; a file on disk larger than ``limit`` is not read (``TooLarge``)."""
    if file.abs_src_path is None:
        return file.content_bytes  # generated by a plugin: already in memory
    return read_at_most(file.abs_src_path, limit)


def _head(file: File) -> bytes:
    if file.abs_src_path is None:
        return file.content_bytes[:PEEK_BYTES]
    with open(file.abs_src_path, "rb") as handle:
        return handle.read(PEEK_BYTES)
