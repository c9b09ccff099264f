"""What a previous run read, so that the next one reads again only what changed."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.metadata
import os
import sys
import tempfile
from pathlib import Path

from ..memory import fewer_collections
from ..model import Document
from ..settings.settings import Settings
from ..settings.types import CompiledType
from . import stored
from .reader import DocumentReader, Sidecars


class ReadCache:
    """The documents a previous build read, so that the next one (``mkdocs serve`` rebuilds on
    every save; a build or ``check`` in a later process, from :meth:`load`) reads again only
    what changed.

    A document is taken from the cache when its bytes, the type it was read as and every
    sidecar file it looked for are as they were; the cache belongs to one set of settings
    (:meth:`fits`). Documents are not changed after reading, so the same one serves every
    build that finds its files as they were.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._templates = _templates(settings)
        self._entries: dict[tuple[str, str, bool], _Cached] = {}
        self._previous: dict[tuple[str, str, bool], _Cached] = {}
        self._sidecars: dict[str, str | OSError | None] = {}
        self.reads = 0
        """Documents read since :meth:`start`, not taken from the cache."""
        self.hits = 0
        """Documents taken from the cache since :meth:`start`."""
        self.loaded = "new"
        """What :meth:`load` found: ``loaded``, or why the file gave nothing."""

    def start(self) -> None:
        """Begin a build: what it does not read again (a deleted file) is then forgotten."""
        self._previous, self._entries = self._entries, {}
        self._sidecars = {}
        self.reads = self.hits = 0

    @property
    def changed(self) -> bool:
        """True when the last build read a document again, or no longer has one it had."""
        return self.reads > 0 or self._entries.keys() != self._previous.keys()

    @classmethod
    def load(cls, path: str | os.PathLike[str], settings: Settings) -> ReadCache:
        """A cache filled from the file :meth:`save` wrote, when it was written for the same
        settings, templates and code; an empty one otherwise, whatever the file holds (the
        reason is in :attr:`loaded`). Nothing in the file is run: it is JSON, checked value
        by value (see :mod:`.stored`)."""
        cache = cls(settings)
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except OSError as error:
            cache.loaded = f"not read: {error.strerror or error}"
            return cache
        try:
            with fewer_collections():
                entries = stored.load(data, _fingerprint(settings))
        except stored.Refused as error:
            cache.loaded = f"not used: {error}"
            return cache
        cache._entries = {
            (document.path, path_type, member): _Cached(digest, sidecars, document)
            for path_type, member, digest, sidecars, document in entries
        }
        cache.loaded = "loaded"
        return cache

    def save(self, path: str | os.PathLike[str]) -> None:
        """Keep what the last build read in a file, for :meth:`load` in a later process.

        The file is replaced whole, so that a run beside this one reads the old file or the
        new one; a folder it makes is readable by its owner only, as the documents may be
        private. Raises ``OSError`` when it cannot be written.
        """
        try:
            data = stored.dump(
                _fingerprint(self.settings),
                (
                    (path_type, member, kept.digest, kept.sidecars, kept.document)
                    for (_, path_type, member), kept in self._entries.items()
                ),
            )
        except ValueError as error:  # not a value a document read holds: keep nothing
            raise OSError(f"a document cannot be kept: {error}") from None
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

    def lookup(
        self,
        reader: DocumentReader,
        path: str,
        data: bytes,
        path_type: CompiledType,
        member: bool,
    ) -> Document | None:
        """The document read from ``data`` as ``path_type``, when the cache has it (its sidecar
        files are looked for with ``reader``); ``None`` when it is to be read, then given to
        :meth:`store`."""
        key = (path, path_type.type.name, member)
        cached = self._previous.get(key)
        if cached is None:
            return None
        if cached.digest == _digest(data) and all(
            self._sidecar(name, reader.sidecar(name)) == old for name, old in cached.sidecars
        ):
            self._entries[key] = cached
            self.hits += 1
            return cached.document
        return None

    def store(
        self,
        path: str,
        data: bytes,
        path_type: CompiledType,
        member: bool,
        document: Document,
        sidecars: Sidecars,
    ) -> None:
        """Keep ``document``, read from ``data`` as ``path_type`` with ``sidecars`` (what each
        sidecar file it looked for held: :meth:`DocumentReader.looked_at`)."""
        self.reads += 1
        found = [(name, self._sidecar(name, raw)) for name, raw in sidecars]
        kept = tuple((name, digest) for name, digest in found if not isinstance(digest, OSError))
        if len(kept) == len(found):  # else tried again
            key = (path, path_type.type.name, member)
            self._entries[key] = _Cached(_digest(data), kept, document)

    def _sidecar(self, name: str, found: bytes | OSError | None) -> str | OSError | None:
        """The digest of a sidecar file's bytes (``found``), once a build: documents of a
        folder share one."""
        if name not in self._sidecars:
            self._sidecars[name] = _digest(found) if isinstance(found, bytes) else found
        return self._sidecars[name]


@dataclasses.dataclass(frozen=True, slots=True)
class _Cached:
    digest: str
    sidecars: stored.Sidecars
    document: Document


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _templates(settings: Settings) -> dict[str, str | None]:
    """The text of each type's template file, which the settings' equality does not cover."""
    return {name: compiled.template_text for name, compiled in settings.compiled.items()}


def _fingerprint(settings: Settings) -> str:
    """What the documents read with ``settings`` depend on besides their own files: the
    settings (not the labels, which only the pages show, nor the folder of ``mkdocs.yml``,
    so that a checkout elsewhere keeps its cache: templates count by their text), the
    types' templates, this package's code and the Python that ran it."""
    compared = [
        (field.name, getattr(settings, field.name))
        for field in dataclasses.fields(settings)
        if field.compare and field.name != "base_dir"
    ]
    digest = hashlib.blake2b(_code(), digest_size=16)
    digest.update(repr((compared, _templates(settings))).encode())
    return digest.hexdigest()


@functools.cache
def _code() -> bytes:
    """The code that reads, once a process: this package's, its readers' and Python's."""
    digest = hashlib.blake2b(digest_size=16)
    versions = [importlib.metadata.version(name) for name in ("pyyaml", "jsonschema", "pathspec")]
    digest.update(repr((sys.version, versions)).encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()
