"""Documents read in worker processes, as linters do, for ``mkdocs-specs check``: a
:data:`~mkdocs_specs.pipeline.ReadMany` that the pipeline reads with.

The main process finds the documents, reads their bytes, takes the unchanged ones from its
cache and builds the catalogue; the workers decode, scan and validate the others, each with a
reader made of the same settings and sidecar reader (:mod:`mkdocs_specs.worker`), in chunks
sent in the documents' order and taken back in that order. The result is the one a single
process gives: when the workers cannot start or one fails, what they had not given back is read
in the main process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from .. import worker
from ..model import Document
from ..pipeline import Unread, read_here
from ..read.reader import DocumentReader, Sidecars
from .site import note

LEAST = 200
"""Documents to read below which no worker is started: starting them costs about what a
single process takes to read these many (measured on a 2-core machine)."""
CHUNK = 40
"""Documents sent to a worker at a time."""
AHEAD = 4
"""Chunks sent ahead of the one awaited, for each worker: enough that none waits for work,
few enough that the bytes of only these documents are in memory."""

Read = tuple[Document, Sidecars]


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class Workers:
    """Reads documents in ``jobs`` worker processes when there are at least ``least`` (by
    default :data:`LEAST`) to read; in this process with ``jobs`` 1, or fewer documents."""

    def __init__(self, jobs: int, least: int | None = None) -> None:
        self.jobs = jobs
        self.least = LEAST if least is None else least

    def __call__(self, reader: DocumentReader, unread: Iterable[Unread]) -> Iterator[Read]:
        unread = iter(unread)
        first = list(islice(unread, self.least)) if self.jobs > 1 else []
        if self.jobs < 2 or len(first) < self.least:
            yield from read_here(reader, chain(first, unread))
            return
        pool = _Pool(reader, self.jobs)
        waiting: deque[tuple[list[Unread], Future[list[Read]] | None]] = deque()
        try:
            for chunk in _chunks(chain(first, unread)):
                waiting.append((chunk, pool.send(chunk)))
                if len(waiting) > self.jobs * AHEAD:
                    yield from pool.results(*waiting.popleft())
            while waiting:
                yield from pool.results(*waiting.popleft())
        finally:
            pool.close()


class _Pool:
    """Worker processes reading chunks of documents. Once they fail (they cannot start, one
    dies, a chunk cannot be sent or read back), none is used any more: every chunk not given
    back is read in this process, and one remark says why."""

    def __init__(self, reader: DocumentReader, jobs: int) -> None:
        self.reader = reader
        self.executor: ProcessPoolExecutor | None = None
        try:
            self.executor = ProcessPoolExecutor(
                jobs,
                # The platform's way (fork, forkserver or spawn); workers need only pickles.
                mp_context=multiprocessing.get_context(),
                initializer=worker.start,
                initargs=(reader.settings, reader.read_sidecar),
            )
        except Exception as error:  # no processes or semaphores here (some sandboxes)
            self._fail(error)

    def send(self, chunk: list[Unread]) -> Future[list[Read]] | None:
        """The chunk sent to a worker, or ``None`` when it is to be read here."""
        if self.executor is None:
            return None
        try:
            sent = worker.tasks(self.reader.settings, chunk)
            return self.executor.submit(worker.read_chunk, sent)
        except Exception as error:
            self._fail(error)
            return None

    def results(self, chunk: list[Unread], sent: Future[list[Read]] | None) -> Iterable[Read]:
        """What a worker read of ``chunk``, or the chunk read here."""
        if sent is not None and self.executor is not None:
            try:
                return sent.result()
            except Exception as error:
                # An error of the reading itself is raised here as in one process, unremarked.
                read = list(read_here(self.reader, chunk))
                self._fail(error)
                return read
        return read_here(self.reader, chunk)

    def _fail(self, error: Exception) -> None:
        note(
            f"worker processes stopped ({type(error).__name__}: {error}); "
            "the documents are read in one process"
        )
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            executor, self.executor = self.executor, None
            executor.shutdown(wait=True, cancel_futures=True)


def _chunks(unread: Iterator[Unread]) -> Iterator[list[Unread]]:
    while chunk := list(islice(unread, CHUNK)):
        yield chunk
