"""Files of a docs folder, read by their path relative to it, never outside it, and never
larger than documents may be.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from ..model import TooLarge
from .discovery import PEEK_BYTES


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
        self._folders: dict[str, Path] = {}

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
        """The file's real path, which must be inside the folder. Its folder is resolved once
        (the documents of a folder share it, and a real path costs a system call per part);
        a file that is a link, or a name such as ``..``, is resolved whole."""
        folder, name = posixpath.split(relative)
        base = self._folders.get(folder)
        if base is None:
            base = self._folders[folder] = (self.root / folder).resolve()
        path = base / name
        if name in ("", ".", "..") or path.is_symlink():
            path = path.resolve()
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
