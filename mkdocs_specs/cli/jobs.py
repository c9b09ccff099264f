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

LEAST = 500
"""Documents to read below which no worker is started, when workers are forked (Linux up to
Python 3.13). On a 2-core machine, starting and stopping two forked workers took 30 to 70 ms,
and two workers read 1.6 times as fast as one process: the saving pays for the start from
about 300 to 700 documents (on a machine busy with other work, workers never pay)."""
LEAST_AFRESH = 4000
"""The same when each worker starts a new Python and imports the reading (spawn on macOS and
Windows, forkserver on Linux from Python 3.14): 0.4 s or more before the first document."""
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
    """Reads documents in ``jobs`` worker processes when there are at least ``least`` to read
    (by default :data:`LEAST`, or :data:`LEAST_AFRESH` when workers are not forked); in this
    process with ``jobs`` 1, or fewer documents.

    While the workers have :data:`AHEAD` chunks each to read and the oldest is not back (they
    may still be starting), this process reads the next chunk itself rather than wait.
    """

    def __init__(self, jobs: int, least: int | None = None) -> None:
        self.jobs = jobs
        self.least = least

    def __call__(self, reader: DocumentReader, unread: Iterable[Unread]) -> Iterator[Read]:
        unread = iter(unread)
        least = self.least
        if least is None:
            forked = multiprocessing.get_start_method() == "fork"
            least = LEAST if forked else LEAST_AFRESH
        first = list(islice(unread, least)) if self.jobs > 1 else []
        if self.jobs < 2 or len(first) < least:
            yield from read_here(reader, chain(first, unread))
            return
        pool = _Pool(reader, self.jobs)
        waiting: deque[tuple[list[Unread], Future[list[Read]] | list[Read] | None]] = deque()
        away = 0  # chunks sent and not taken back
        try:
            for chunk in _chunks(chain(first, unread)):
                if away < self.jobs * AHEAD:
                    waiting.append((chunk, pool.send(chunk)))
                    away += 1
                else:  # the workers have enough to do, and the oldest is not back
                    waiting.append((chunk, list(read_here(reader, chunk))))
                while waiting and not _pending(waiting[0][1]):
                    away -= not isinstance(waiting[0][1], list)
                    yield from pool.results(*waiting.popleft())
            while waiting:
                yield from pool.results(*waiting.popleft())
        finally:
            pool.close()


def _pending(sent: Future[list[Read]] | list[Read] | None) -> bool:
    return isinstance(sent, Future) and not sent.done()


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

    def results(
        self, chunk: list[Unread], sent: Future[list[Read]] | list[Read] | None
    ) -> Iterable[Read]:
        """What a worker read of ``chunk``, what was read of it here, or the chunk read here."""
        if isinstance(sent, list):
            return sent
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
