"""From a list of files to a catalogue: the pipeline every host runs.

Hosts (the MkDocs plugin, the command line) give the paths of the candidate Markdown files and
how to read them; this module runs discovery, reading and the checks across documents.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import importlib.metadata
import os
import pickle
import posixpath
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .bundles import split_members
from .catalogue import Catalogue, build_catalogue
from .discovery import PEEK_BYTES, discover
from .doctypes import CompiledType, Settings
from .document import DocumentReader, SidecarReader
from .model import Document, TooLarge


def read_at_most(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole file, or :class:`TooLarge` when it has more than ``limit`` bytes: a huge file
    costs a stat, not its size in memory."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise TooLarge(size)
        return handle.read()


class DocsFolder:
    """Reads files by their path relative to a docs folder, never outside it; ``read_if_exists``
    raises :class:`TooLarge` rather than read a file of more than ``limit`` bytes."""

    def __init__(self, root: str | os.PathLike[str], limit: int | None = None) -> None:
        self.root = Path(root).resolve()
        self.limit = limit
        self._listings: dict[str, frozenset[str]] = {}

    def _listing(self, folder: str) -> frozenset[str]:
        """The names in a folder, listed once: a thousand documents in one folder look for
        their sidecars with one listing, not a thousand ``stat`` calls."""
        names = self._listings.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(self.root / folder))
            except OSError:
                names = frozenset()
            self._listings[folder] = names
        return names

    def _path(self, relative: str) -> Path:
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root):
            raise FileNotFoundError(relative)
        return path

    def read(self, relative: str) -> bytes:
        """The whole file."""
        return self._path(relative).read_bytes()

    def read_head(self, relative: str) -> bytes:
        """The first bytes of the file, enough to find a ``type:`` line in its front matter."""
        with self._path(relative).open("rb") as handle:
            return handle.read(PEEK_BYTES)

    def read_if_exists(self, relative: str) -> bytes | None:
        """The whole file, or ``None`` when there is no such file."""
        folder, name = posixpath.split(relative)
        if name not in self._listing(folder):  # most sidecars do not exist
            return None
        try:
            path = self._path(relative)
        except FileNotFoundError:
            return None
        if not path.is_file():
            return None
        return path.read_bytes() if self.limit is None else read_at_most(path, self.limit)


class ReadCache:
    """The documents a previous build read, so that the next one (``mkdocs serve`` rebuilds on
    every save) reads again only what changed.

    A document is taken from the cache when its bytes, the type it was read as and every
    sidecar file it looked for are as they were; the cache belongs to one set of settings
    (:meth:`fits`). The catalogue adds findings, members and roll-ups to the documents it is
    given, so each build gets copies and the cache keeps what reading alone gave.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._templates = _templates(settings)
        self._entries: dict[tuple[str, str, bool], _Cached] = {}
        self._previous: dict[tuple[str, str, bool], _Cached] = {}
        self.reads = 0
        """Documents read since :meth:`start`, not taken from the cache."""

    def start(self) -> None:
        """Begin a build: what it does not read again (a deleted file) is then forgotten."""
        self._previous, self._entries = self._entries, {}
        self.reads = 0

    @property
    def changed(self) -> bool:
        """True when the last build read a document again, or no longer has one it had."""
        return self.reads > 0 or self._entries.keys() != self._previous.keys()

    @classmethod
    def load(cls, path: str | os.PathLike[str], settings: Settings) -> ReadCache:
        """A cache filled from the file :meth:`save` wrote, when it was written for the same
        settings, templates and code; an empty one otherwise, whatever the file holds."""
        cache = cls(settings)
        try:
            with open(path, "rb") as stream, _fewer_collections():
                fingerprint, entries = pickle.load(stream)
        except Exception:  # no file, or one that is damaged or from another version: read all
            return cache
        if fingerprint == _fingerprint(settings) and isinstance(entries, dict):
            cache._entries = entries
        return cache

    def save(self, path: str | os.PathLike[str]) -> None:
        """Keep what the last build read in a file, for :meth:`load` in a later process.

        The file is replaced whole, so that a run beside this one reads the old file or the
        new one; its folder is made readable by its owner only, for a pickle runs code when
        loaded. Raises ``OSError`` when it cannot be written.
        """
        data = pickle.dumps((_fingerprint(self.settings), self._entries), pickle.HIGHEST_PROTOCOL)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".saving-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            raise

    def fits(self, settings: Settings) -> bool:
        """True when ``settings`` read documents as the ones this cache was filled with."""
        return settings == self.settings and _templates(settings) == self._templates

    def read(
        self,
        reader: DocumentReader,
        path: str,
        data: bytes,
        path_type: CompiledType,
        member: bool,
    ) -> Document:
        """``reader.read(path, data, path_type)``, unless the cache has it."""
        key = (path, path_type.type.name, member)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        cached = self._previous.get(key)
        if (
            cached is not None
            and cached.digest == digest
            and all(reader.sidecar(name) == old for name, old in cached.sidecars)
        ):
            self._entries[key] = cached
            return _fresh(cached.document)
        document = reader.read(path, data, path_type)
        self.reads += 1
        sidecars = tuple((name, reader.sidecar(name)) for name in reader.consulted)
        if not any(isinstance(raw, OSError) for _, raw in sidecars):  # else tried again
            self._entries[key] = _Cached(digest, sidecars, _fresh(document))
        return document


@dataclasses.dataclass(frozen=True, slots=True)
class _Cached:
    digest: bytes
    sidecars: tuple[tuple[str, bytes | OSError | None], ...]
    document: Document


def _templates(settings: Settings) -> dict[str, str | None]:
    """The text of each type's template file, which the settings' equality does not cover."""
    return {name: compiled.template_text for name, compiled in settings.compiled.items()}


def _fingerprint(settings: Settings) -> bytes:
    """What the documents read with ``settings`` depend on besides their own files: the
    settings, the types' templates, this package's code and the Python that ran it."""
    digest = hashlib.blake2b(digest_size=16)
    versions = [importlib.metadata.version(name) for name in ("pyyaml", "jsonschema", "pathspec")]
    digest.update(repr((settings, _templates(settings), sys.version, versions)).encode())
    package = Path(__file__).parent
    for source in sorted(package.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()


def _fresh(document: Document) -> Document:
    """A copy of a document as reading gave it, for the catalogue to add to."""
    return dataclasses.replace(
        document,
        fields=dict(document.fields),
        findings=list(document.findings),
        members=[],
        part_of=None,
    )


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Reading makes many objects and keeps nearly all of them (the catalogue): Python's cyclic
    garbage collector, run after every 700 new ones, would search them again and again for
    garbage that is not there (an eighth of the time of reading). It runs less often while
    the documents are read, then as before; not at all when the host switched it off (0)."""
    threshold = gc.get_threshold()
    if threshold[0]:
        gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


class LongLived:
    """Keeps the objects alive now out of Python's cyclic garbage collector until
    :meth:`release`.

    A build keeps its catalogue, about 17 objects a document, from its first hook to its last,
    and none of them can become garbage before then; yet every full collection of the build
    would walk them all again (4% of a build of 5,000 documents). :func:`gc.freeze`, made for
    such data, moves them out of its reach, and :meth:`release` puts them back. Nothing is done
    when the collector is off, or when something else froze objects: that freeze is not this
    one's to undo.
    """

    def __init__(self) -> None:
        self.held = gc.isenabled() and gc.get_threshold()[0] > 0 and not gc.get_freeze_count()
        if self.held:
            gc.freeze()

    def release(self) -> None:
        """Give the objects back to the collector; only the first call does anything."""
        if self.held:
            self.held = False
            gc.unfreeze()


def collect(
    paths: Iterable[str],
    settings: Settings,
    read: Callable[[str], bytes],
    read_head: Callable[[str], bytes] | None = None,
    read_sidecar: SidecarReader | None = None,
    cache: ReadCache | None = None,
) -> Catalogue:
    """Discover the documents among ``paths``, read each once, and build the catalogue.

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

    with _fewer_collections():
        entries, members = split_members(
            list(discover(paths, settings, read_head)), paths, settings
        )
        return build_catalogue(
            [read_one(path, path_type) for path, path_type in entries],
            settings,
            [
                (read_one(path, member_type, member=True), entry)
                for path, (entry, member_type) in members.items()
            ],
        )
