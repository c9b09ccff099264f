"""Python's garbage collector, told what reading and a build keep.

Reading makes many objects and keeps nearly all of them; a build keeps its catalogue from its
first hook to its last. The collector would search them again and again for garbage that is not
there.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
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
