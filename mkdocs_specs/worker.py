"""What a worker process runs to read documents for a host that reads in several processes (the
command line's ``check``): a reader made once from what pickles (the settings and the sidecar
reader), then chunks of documents whose type goes by its name.

Kept apart from the command line so that a worker started afresh ("spawn", as on macOS and
Windows) imports only the reading, not MkDocs or click.
"""

from __future__ import annotations

import signal

from .memory import fewer_collections
from .model import Document
from .pipeline import Unread, read_here
from .read.reader import DocumentReader, SidecarReader, Sidecars
from .settings.settings import Settings
from .settings.types import CompiledType

Task = tuple[str, bytes, str, bool]
"""An :data:`~mkdocs_specs.pipeline.Unread` with its type by name, as a worker finds it in its
own settings."""

_reader: DocumentReader | None = None
"""This worker's reader, made once by :func:`start`."""


def tasks(settings: Settings, unread: list[Unread]) -> list[Task]:
    """``unread`` to send to a worker; ``KeyError`` for a type that the settings do not have by
    its name (a worker could not find it)."""
    sent = []
    for path, data, path_type, member in unread:
        name = path_type.type.name
        if _type(settings, name, member) is not path_type:
            raise KeyError(name)
        sent.append((path, data, name, member))
    return sent


def start(settings: Settings, read_sidecar: SidecarReader) -> None:
    """Make this worker's reader; Ctrl-C is left to the main process, which stops the workers."""
    global _reader
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _reader = DocumentReader(settings, read_sidecar)


def read_chunk(chunk: list[Task]) -> list[tuple[Document, Sidecars]]:
    """The documents of ``chunk`` read, as :func:`~mkdocs_specs.pipeline.read_here` reads them."""
    reader = _reader
    if reader is None:
        raise RuntimeError("the worker has no reader: it did not start")
    settings = reader.settings
    unread = [
        (path, data, _type(settings, name, member), member) for path, data, name, member in chunk
    ]
    with fewer_collections():
        return list(read_here(reader, unread))


def _type(settings: Settings, name: str, member: bool) -> CompiledType:
    return (settings.member_types if member else settings.compiled)[name]
