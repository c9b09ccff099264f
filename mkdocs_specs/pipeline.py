"""From a list of files to a catalogue: the pipeline every host runs.

Hosts (the MkDocs plugin, the command line) give the paths of the candidate Markdown files and
how to read them; this module runs discovery, reading and the checks across documents.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import cast

from .catalogue.catalogue import Catalogue, build_catalogue
from .memory import fewer_collections
from .model import Document, TooLarge
from .read.cache import ReadCache
from .read.discovery import discover, split_members
from .read.external import ExternalSites
from .read.history import History
from .read.junit import read_reports
from .read.reader import DocumentReader, SidecarReader, Sidecars
from .read.status_history import StatusHistory
from .settings.settings import Settings
from .settings.types import CompiledType

Unread = tuple[str, bytes, CompiledType, bool]
"""A document to read: its path, its bytes, the type it is read as, and whether it is a member
file (read as its entry's :attr:`~mkdocs_specs.settings.settings.Settings.member_types`)."""
ReadMany = Callable[[DocumentReader, Iterable[Unread]], Iterable[tuple[Document, Sidecars]]]
"""Reads documents, as :func:`read_here` does: one result for each, in their order. Another
may read them elsewhere (in other processes) with a reader made of the same settings and
sidecar reader."""


def read_here(
    reader: DocumentReader, unread: Iterable[Unread]
) -> Iterator[tuple[Document, Sidecars]]:
    """Each document read with ``reader``, in this process, with the sidecar files it looked for."""
    for path, data, path_type, member in unread:
        yield reader.read(path, data, path_type, member), reader.looked_at()


def collect(
    paths: Iterable[str],
    settings: Settings,
    read: Callable[[str], bytes],
    read_head: Callable[[str], bytes] | None = None,
    read_sidecar: SidecarReader | None = None,
    cache: ReadCache | None = None,
    files: Collection[str] | None = None,
    translations: Mapping[str, str] | None = None,
    read_many: ReadMany = read_here,
    history: History | None = None,
    external: ExternalSites | None = None,
    statuses: StatusHistory | None = None,
) -> Catalogue:
    """Discover the documents among ``paths``, read each once, and build the catalogue.

    ``files`` are every file of the site (by default ``paths``), which a relation may name
    besides documents. ``translations`` maps the path of a translated copy (``x.fr.md``, in a
    site built once per language) to the path of the document it is a version of: the copy is
    found and named by that path, and shares its ID.

    ``read`` may raise :class:`TooLarge` rather than read a file larger than documents may be.
    With a ``cache`` (made for these settings), documents that have not changed since it was
    filled are not read again. The others are read by ``read_many``, as they come: the bytes of
    only those it holds at a time are in memory. ``history`` (when the files last changed)
    is for the types with ``review_every``. The test reports that ``test_results`` names are
    read here, once (see :mod:`~mkdocs_specs.read.junit`); ``external`` are the documents of
    other sites (see :mod:`~mkdocs_specs.read.external`); ``statuses`` (when each file's
    status changed) gives each document its history.
    """
    paths = list(paths)
    reader = DocumentReader(settings, read_sidecar or (lambda _: None))
    if cache is not None:
        cache.start()
    documents: list[Document | None] = []
    waiting: deque[tuple[int, Unread]] = deque()

    def known(path: str, path_type: CompiledType, member: bool) -> Document | None:
        """The document, unless it is to be read: then ``None``, and it waits in ``waiting``."""
        try:
            data = read(path)
        except TooLarge as error:
            return reader.oversized(path, path_type, error.size)
        except OSError as error:
            why = f"the file cannot be read: {error.strerror or error}"
            return reader.unreadable(path, path_type, why)
        if cache is not None:
            document = cache.lookup(reader, path, data, path_type, member)
            if document is not None:
                return document
        waiting.append((len(documents), (path, data, path_type, member)))
        return None

    def unread(wanted: Iterable[tuple[str, CompiledType, bool]]) -> Iterator[Unread]:
        for path, path_type, member in wanted:
            document = known(path, path_type, member)
            documents.append(document)
            if document is None:
                yield waiting[-1][1]

    with fewer_collections():
        entries, members = split_members(
            list(discover(paths, settings, read_head, translations)), paths, settings
        )
        wanted = [(path, path_type, False) for path, path_type in entries]
        wanted += [(path, member_type, True) for path, (_, member_type) in members.items()]
        for document, sidecars in read_many(reader, unread(wanted)):
            place, (path, data, path_type, member) = waiting.popleft()
            if cache is not None:
                cache.store(path, data, path_type, member, document, sidecars)
            documents[place] = document
        read_all = cast(list[Document], documents)
        entry_paths = (entry for entry, _ in members.values())
        return build_catalogue(
            read_all[: len(entries)],
            settings,
            list(zip(read_all[len(entries) :], entry_paths, strict=True)),
            frozenset(paths) if files is None else files,
            translations,
            history,
            read_reports(
                settings.base_dir,
                settings.test_results,
                settings.max_file_size,
                settings.severities,
            )
            if settings.test_results
            else None,
            external,
            statuses,
        )
