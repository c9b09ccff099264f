"""From a list of files to a catalogue: the pipeline every host runs.

Hosts (the MkDocs plugin, the command line) give the paths of the candidate Markdown files and
how to read them; this module runs discovery, reading and the checks across documents.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

from .catalogue.catalogue import Catalogue, build_catalogue
from .memory import fewer_collections
from .model import Document, TooLarge
from .read.cache import ReadCache
from .read.discovery import discover, split_members
from .read.reader import DocumentReader, SidecarReader
from .settings.settings import Settings
from .settings.types import CompiledType


def collect(
    paths: Iterable[str],
    settings: Settings,
    read: Callable[[str], bytes],
    read_head: Callable[[str], bytes] | None = None,
    read_sidecar: SidecarReader | None = None,
    cache: ReadCache | None = None,
    files: Collection[str] | None = None,
    translations: Mapping[str, str] | None = None,
) -> Catalogue:
    """Discover the documents among ``paths``, read each once, and build the catalogue.

    ``files`` are every file of the site (by default ``paths``), which a relation may name
    besides documents. ``translations`` maps the path of a translated copy (``x.fr.md``, in a
    site built once per language) to the path of the document it is a version of: the copy is
    found and named by that path, and shares its ID.

    ``read`` may raise :class:`TooLarge` rather than read a file larger than documents may be.
    With a ``cache`` (made for these settings), documents that have not changed since it was
    filled are not read again.
    """
    paths = list(paths)
    reader = DocumentReader(settings, read_sidecar or (lambda _: None))
    if cache is not None:
        cache.start()

    def read_one(path: str, path_type: CompiledType, member: bool = False) -> Document:
        try:
            data = read(path)
        except TooLarge as error:
            return reader.oversized(path, path_type, error.size)
        except OSError as error:
            why = f"the file cannot be read: {error.strerror or error}"
            return reader.unreadable(path, path_type, why)
        if cache is not None:
            return cache.read(reader, path, data, path_type, member)
        return reader.read(path, data, path_type)

    with fewer_collections():
        entries, members = split_members(
            list(discover(paths, settings, read_head, translations)), paths, settings
        )
        return build_catalogue(
            [read_one(path, path_type) for path, path_type in entries],
            settings,
            [
                (read_one(path, member_type, member=True), entry)
                for path, (entry, member_type) in members.items()
            ],
            frozenset(paths) if files is None else files,
            translations,
        )
