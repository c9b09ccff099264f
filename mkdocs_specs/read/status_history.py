"""When each file's status changed, and who changed it, from git: one ``git log`` with patches
a build, restricted to the Markdown and YAML files of the docs folder and to the commits whose
changes touch a line that names a status, and a cache of what it found, kept per commit.

Only the lines a commit adds are read, and of them only those that set a status in one of the
common shapes (see :data:`STATUS_LINE`): ``status: Approved`` at the start of a line (front
matter, a sidecar such as ``kep.yaml``, a plain ``Status: Approved`` line), ``**Status**:
Approved``, ``**Status:** Approved``, each maybe in a list item. A status given another way (a
Status section's first line, a path, a checklist) has no history. A renamed file's history
starts at the rename (git is read with ``--no-renames``); a merge adds nothing of its own, the
commits of the branch it merges are read with their own dates and authors.

The cache: the transitions found, the commit they were read up to and the docs folder's place
in the repository, in a JSON file (in the plugin's ``cache_dir``) and in memory for the rest of
the process. The next build reads only ``git log OLD..HEAD`` when the commit it was read up to
is an ancestor of the one checked out, and everything again otherwise.
"""

from __future__ import annotations

import codecs
import datetime
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Transition, squash, visible
from .history import SHALLOW, checked_out, git

KEPT = 20
"""Transitions kept per file, the latest: enough for any card, and a bound on the cache."""
_VERSION = 3
_MAX_STATUS = 200
"""Characters kept of a status line's value: `superseded by [ADR-5](0005-a-long-title.md)` whole,
which the catalogue reads as its type's `Superseded`."""
_MAX_AUTHOR = 80
_MAX_CACHE_BYTES = 64 * 1024 * 1024

STATUS_LINE = re.compile(
    r"(?:[-+*][ \t]+)?(?:(?:status|\*\*status\*\*|__status__)[ \t]*:|\*\*status:\*\*|__status:__)"
    r"[ \t]*(\S[^\r\n]*)?",
    re.IGNORECASE,
)
"""An added line that sets a status (matched from its start, with ``fullmatch`` on the part
after the marker): its value is group 1. The colon is required (``Status quo is ...`` in a
proposal's text sets nothing)."""

_PICKAXE = "[Ss][Tt][Aa][Tt][Uu][Ss][*_]*:"
"""The commits git keeps (``-G``): those that add or remove a line naming a status."""
_PATHS = ("*.md", "*.markdown", "*.yaml", "*.yml")


@dataclass(frozen=True)
class StatusHistory:
    """What git says of the statuses of the docs folder's files."""

    transitions: Mapping[str, tuple[Transition, ...]] = field(default_factory=dict)
    """Path relative to the docs folder → its transitions, oldest first."""
    note: str | None = None
    """Why there is no history, to be said once (no git, no repository, a shallow clone)."""
    read: int = 0
    """The commits this build read from git (0 when the cache had them all)."""
    unavailable: bool = False
    """Git is absent or gave nothing: the note is for a site that asked for history."""
    changed: Mapping[str, int] | None = None
    """With ``dates``: path relative to the docs folder → the time (seconds since 1970) of the
    last commit that changed it, for freshness (:func:`~mkdocs_specs.read.history.read_history`),
    read in the same pass; ``None`` without."""


_MEMORY: dict[str, dict[str, Any]] = {}
"""The docs folder → the cache's content, for the next build of this process."""


def read_status_history(
    docs_dir: str, cache_file: str | None = None, dates: bool = False
) -> StatusHistory:
    """The status transitions of the files under ``docs_dir`` (see the module), through the
    cache kept in ``cache_file`` when one is given. With ``dates``, the same pass also gives
    when each Markdown and YAML file last changed (:attr:`StatusHistory.changed`), for
    freshness, which then runs no ``git log`` of its own: every commit's patch is read, not
    only those that touch a status line, and the cache keeps both."""
    folder = os.path.abspath(docs_dir)
    head = checked_out(folder)
    if head is SHALLOW:
        return StatusHistory(
            note=(
                "the repository is a shallow clone, whose oldest commit seems to set every "
                "status: the history of statuses is left out (fetch the whole history, as "
                "actions/checkout does with fetch-depth: 0)"
            ),
            unavailable=True,
        )
    if isinstance(head, str):
        return StatusHistory(note=_no_history(head), unavailable=True)
    prefix, commit = head
    kept = _MEMORY.get(folder) or (_load(cache_file) if cache_file else None)
    if kept is not None and (
        kept.get("prefix") != prefix
        or kept.get("version") != _VERSION
        or (kept.get("changed") is not None) is not dates
    ):
        kept = None
    if kept is not None and kept.get("head") == commit:
        _MEMORY[folder] = kept
        return StatusHistory(_transitions(kept["files"]), changed=kept.get("changed"))
    since = None
    if kept is not None and isinstance(kept.get("head"), str):
        ancestor = git(folder, "merge-base", "--is-ancestor", kept["head"], commit)
        since = kept["head"] if not isinstance(ancestor, str) else None
    log = git(
        folder,
        "log",
        "-p",
        "-U0",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--format=%x01%h%x02%ct%x02%an",
        *(() if dates else (f"-G{_PICKAXE}",)),
        f"{since}..{commit}" if since else commit,
        "--",
        *_PATHS,
    )
    if isinstance(log, str):
        return StatusHistory(note=_no_history(log), unavailable=True)
    files: dict[str, list[list[Any]]] = kept["files"] if since and kept else {}
    changed: dict[str, int] | None = None
    if dates:
        changed = dict(kept.get("changed") or {}) if since and kept else {}
    read = _merge(files, _events(log, prefix, changed))
    kept = {
        "version": _VERSION,
        "prefix": prefix,
        "head": commit,
        "since": since,
        "read": read,
        "files": files,
        "changed": changed,
    }
    _MEMORY.clear()  # one docs folder kept: the one a serve session builds
    _MEMORY[folder] = kept
    if cache_file:
        _save(cache_file, kept)
    return StatusHistory(_transitions(files), read=read, changed=changed)


def _no_history(why: str) -> str:
    """Git's reason, said of the history of statuses rather than of freshness."""
    return why.split(", so the dates", 1)[0] + ", so no history of statuses is shown"


def _events(
    log: bytes, prefix: str, changed: dict[str, int] | None = None
) -> tuple[int, list[tuple[str, list[Any]]]]:
    """The commits of ``git log -p -U0`` read, and each status line they add: (path relative
    to the docs folder, [status, seconds, author, short hash]), the first such line of each
    file in each commit. Each file a commit changes gets its time in ``changed`` when given,
    the latest kept (a merged branch's commits are not in time order)."""
    found: list[tuple[str, list[Any]]] = []
    commits = 0
    for chunk in log.decode("utf-8", "replace").split("\x01")[1:]:
        header, _, patch = chunk.partition("\n")
        parts = header.split("\x02")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        commits += 1
        short, seconds, author = parts[0].strip(), int(parts[1]), visible(parts[2].strip())
        path: str | None = None
        done = False
        for line in patch.split("\n"):
            if line.startswith("+++ "):
                path = _relative(line[4:], prefix)
                done = False
                if changed is not None and path is not None and changed.get(path, -1) < seconds:
                    changed[path] = seconds
            elif line.startswith("+") and path is not None and not done:
                status = _status(line[1:])
                if status is not None:
                    found.append((path, [status, seconds, author[:_MAX_AUTHOR], short]))
                    done = True
    return commits, found


def _relative(name: str, prefix: str) -> str | None:
    """A diff header's path (``b/...``, maybe quoted), relative to the docs folder."""
    name = name.rstrip("\t")
    if name.startswith('"') and name.endswith('"') and len(name) > 1:
        raw = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0]
        name = bytes(raw).decode("utf-8", "replace")
    if not name.startswith("b/"):
        return None  # /dev/null: the file was deleted
    name = name[2:]
    return name[len(prefix) :] if name.startswith(prefix) else None


def _status(line: str) -> str | None:
    """The status an added line sets, if it is one of the shapes of :data:`STATUS_LINE`."""
    matched = STATUS_LINE.fullmatch(line.strip()) if len(line) < 400 else None
    if matched is None or not matched.group(1):
        return None
    value = matched.group(1).strip()
    for mark in ("**", "__", "`", '"', "'"):
        if value.startswith(mark) and value.endswith(mark) and len(value) > 2 * len(mark):
            value = value[len(mark) : -len(mark)].strip()
    if value.startswith(("|", ">", "[", "{", "#", "&", "*")):
        return None  # a YAML block, list, mapping, comment or alias: not a status of one line
    value = value.split(" #", 1)[0].strip()
    return visible(value)[:_MAX_STATUS] or None


def _merge(files: dict[str, list[list[Any]]], read: tuple[int, list[tuple[str, list[Any]]]]) -> int:
    """Add the events read to each file's transitions: in time order (a merged branch's
    commits come in the order of the merge, not of their time), each one that changes the
    status; the latest :data:`KEPT`."""
    commits, events = read
    added: dict[str, list[list[Any]]] = {}
    for path, event in events:
        added.setdefault(path, []).append(event)
    for path, new in added.items():
        # git log lists the newest first; reversed, a tie keeps the order of the commits.
        ordered = sorted([*files.get(path, []), *reversed(new)], key=lambda e: int(e[1]))
        changes: list[list[Any]] = []
        for event in ordered:
            if not changes or squash(changes[-1][0]) != squash(event[0]):
                changes.append(event)
        files[path] = changes[-KEPT:]
    return commits


def _transitions(files: Mapping[str, Iterable[list[Any]]]) -> dict[str, tuple[Transition, ...]]:
    """The cache's lists as transitions."""
    found: dict[str, tuple[Transition, ...]] = {}
    for path, events in files.items():
        found[path] = tuple(
            Transition(
                str(status),
                datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc)
                .date()
                .isoformat(),
                str(author),
                str(short),
                int(seconds),
            )
            for status, seconds, author, short in events
        )
    return found


def _load(path: str) -> dict[str, Any] | None:
    """The cache file's content, or ``None`` when there is none or it is not one."""
    try:
        if os.path.getsize(path) > _MAX_CACHE_BYTES:
            return None
        with open(path, encoding="utf-8") as stream:
            loaded = json.load(stream)
    except (OSError, ValueError):
        return None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("files"), dict):
        return None
    changed = loaded.get("changed")
    if changed is not None and not (
        isinstance(changed, dict) and all(isinstance(t, int) for t in changed.values())
    ):
        return None
    for events in loaded["files"].values():
        if not isinstance(events, list) or not all(
            isinstance(e, list)
            and len(e) == 4
            and isinstance(e[0], str)
            and isinstance(e[1], int)
            and isinstance(e[2], str)
            and isinstance(e[3], str)
            for e in events
        ):
            return None
    return loaded


def _save(path: str, content: Mapping[str, Any]) -> None:
    """Write the cache file; one that cannot be written is read again next time."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump(content, stream, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        pass
