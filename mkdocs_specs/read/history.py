"""When each file of the docs folder last changed, from git: read by a host once per build, in
one ``git log`` over the whole folder, and handed to the catalogue as plain data.

Three git processes a build at most, whatever the number of files: ``rev-parse`` (is this a
repository, where is the docs folder in it, which commit is checked out, is the clone
shallow), ``status`` (the files changed in the work tree, which changed "today") and ``log``,
which is kept per commit for the rest of the process (``mkdocs serve`` builds again without
reading the log again until a commit is made). With the history of statuses on too, its pass
(:mod:`~mkdocs_specs.read.status_history`, cached across builds) gives the days instead, and
this module reads no log: one ``git log`` a build for both. No git, no repository, or a
shallow clone (whose oldest commit seems to change every file) give no dates from git, and a
note to say so once: never dates that would be wrong.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..model import visible

TODAY_VARIABLE = "SOURCE_DATE_EPOCH"
"""The reproducible-builds variable: when set, its time (seconds since 1970, UTC) is the day
documents are judged stale on, instead of the clock's."""


@dataclass(frozen=True)
class History:
    """What a host knows of when the site's files changed."""

    today: datetime.date
    """The day the build judges freshness on."""
    changed: Mapping[str, datetime.date] = field(default_factory=dict)
    """Path relative to the docs folder → the day of the last commit that changed it (today
    for a file changed in the work tree and not committed)."""
    note: str | None = None
    """Why git gave no dates, to be said once (no git, no repository, a shallow clone)."""


def today(environ: Mapping[str, str] = os.environ) -> datetime.date:
    """The day, in UTC: :data:`TODAY_VARIABLE`'s when it holds a number of seconds."""
    value = environ.get(TODAY_VARIABLE, "").strip()
    if value.isdigit():
        try:
            return datetime.datetime.fromtimestamp(int(value), datetime.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.datetime.now(datetime.timezone.utc).date()


_LOGS: dict[tuple[str, str], dict[str, datetime.date]] = {}
"""(the docs folder, the commit checked out) → the last change of each file it had then."""

_TIMEOUT = 120
_GIT_PATHS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR")
"""Git's variables that name folders, which git reads relative to its working folder."""
_FIELDS_ALONE = "so the dates of the last changes come from 'updated' fields alone"


def read_history(
    docs_dir: str, day: datetime.date | None = None, read: Mapping[str, int] | None = None
) -> History:
    """When each file under ``docs_dir`` last changed, as git says (see the module). ``read``:
    the time of each file's last commit, already read by the history of statuses' pass
    (:attr:`~mkdocs_specs.read.status_history.StatusHistory.changed`), which then stands for
    this module's ``git log``."""
    day = day or today()
    folder = os.path.abspath(docs_dir)
    head = checked_out(folder)
    if head is SHALLOW:
        return History(
            day,
            note=(
                "the repository is a shallow clone: its oldest commit seems to change every "
                "file, so the dates of the last changes are not taken from git (fetch the "
                "whole history, as actions/checkout does with fetch-depth: 0)"
            ),
        )
    if isinstance(head, str):
        return History(day, note=head)
    prefix, commit = head
    changed = _LOGS.get((folder, commit)) if read is None else _days(read)
    if changed is None:
        log = git(
            folder,
            "log",
            "--format=%x01%ct",
            "--name-only",
            "--no-renames",
            "-z",
            "--",
            ".",
        )
        if isinstance(log, str):
            return History(day, note=log)
        changed = _last_changes(log, prefix)
        _LOGS.clear()  # one commit kept: the one a serve session is on
        _LOGS[folder, commit] = changed
    status = git(folder, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    if isinstance(status, str):
        return History(day, dict(changed), note=status)
    now = dict(changed)
    for path in _changed_files(status, prefix):
        now[path] = day
    return History(day, now)


SHALLOW = "shallow clone"
"""What :func:`checked_out` gives for a shallow clone, whose history each reader judges."""


def checked_out(folder: str) -> tuple[str, str] | str:
    """Where ``folder`` is in its git repository (its path from the top, ending in ``/``, or
    ``""``) and the commit checked out; or why git gives none: :data:`SHALLOW` for a shallow
    clone, else git's reason, to be said once."""
    head = git(folder, "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD")
    if isinstance(head, str):
        return head
    lines = head.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3:
        return "git gave no commit for the docs folder"
    if lines[0].strip() == "true":
        return SHALLOW
    return lines[1], lines[2].strip()


def git(folder: str, *args: str) -> bytes | str:
    """Git's output, or why there is none."""
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    if environment.get("GIT_DIR") and not environment.get("GIT_WORK_TREE"):
        # As in a git hook: git then takes its working folder for the top of the work tree,
        # which is the build's, not the docs folder git is run in.
        environment["GIT_WORK_TREE"] = os.getcwd()
    for name in _GIT_PATHS:  # and reads these relative to it
        if environment.get(name):
            environment[name] = os.path.abspath(environment[name])
    try:
        done = subprocess.run(
            ["git", "-c", "log.showSignature=false", *args],
            cwd=folder,
            capture_output=True,
            env=environment,
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        return f"git is not installed, {_FIELDS_ALONE}"
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"git could not be run ({error}), {_FIELDS_ALONE}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = visible(said[-1] if said else f"exit status {done.returncode}")
        if args[0] == "rev-parse":
            return (
                f"the docs folder is not in a git repository with a commit ({reason}), "
                + _FIELDS_ALONE
            )
        return f"git {args[0]} failed ({reason}), {_FIELDS_ALONE}"
    return done.stdout


def _relative(name: str, prefix: str) -> str | None:
    """A path from the top of the repository, relative to the docs folder (at ``prefix``)."""
    if not name.startswith(prefix):
        return None
    return name[len(prefix) :]


def _last_changes(log: bytes, prefix: str) -> dict[str, datetime.date]:
    """``git log --format=%x01%ct --name-only -z`` read: each path's latest commit day (the
    latest, not the first listed: a merged branch's commits are not in time order)."""
    latest: dict[str, int] = {}
    for chunk in log.decode("utf-8", "surrogateescape").split("\x01"):
        if not chunk:
            continue
        stamp, *names = chunk.split("\x00")
        try:
            seconds = int(stamp.strip())
        except ValueError:
            continue
        for name in names:
            name = name.removeprefix("\n")
            path = _relative(name, prefix) if name else None
            if path and latest.get(path, -1) < seconds:
                latest[path] = seconds
    return _days(latest)


def _days(times: Mapping[str, int]) -> dict[str, datetime.date]:
    """Times (seconds since 1970) as their days, in UTC."""
    return {
        path: datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date()
        for path, seconds in times.items()
    }


def _changed_files(status: bytes, prefix: str) -> list[str]:
    """The paths ``git status --porcelain -z`` lists (a rename's new path; its old one, the
    entry after it, is skipped), relative to the docs folder."""
    entries: Sequence[str] = status.decode("utf-8", "surrogateescape").split("\x00")
    paths: list[str] = []
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        if len(entry) < 4:
            continue
        code, name = entry[:2], entry[3:]
        skip = "R" in code or "C" in code
        path = _relative(name, prefix)
        if path:
            paths.append(path)
    return paths
