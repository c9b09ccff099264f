"""What a previous run read, so that the next one reads again only what changed."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from pathlib import Path

from ..memory import fewer_collections
from ..model import Document
from ..settings.settings import Settings
from ..settings.types import CompiledType
from .reader import DocumentReader, Sidecars


class ReadCache:
    """The documents a previous build read, so that the next one (``mkdocs serve`` rebuilds on
    every save) reads again only what changed.

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
            with open(path, "rb") as stream, fewer_collections():
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
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if cached.digest == digest and all(
            reader.sidecar(name) == old for name, old in cached.sidecars
        ):
            self._entries[key] = cached
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
        if not any(isinstance(raw, OSError) for _, raw in sidecars):  # else tried again
            digest = hashlib.blake2b(data, digest_size=16).digest()
            self._entries[(path, path_type.type.name, member)] = _Cached(digest, sidecars, document)


@dataclasses.dataclass(frozen=True, slots=True)
class _Cached:
    digest: bytes
    sidecars: Sidecars
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
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.digest()
