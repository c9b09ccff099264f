"""The document model: findings, progress, sections and documents.

Plain data, shared by every stage. Nothing here reads files or knows about MkDocs.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
"""Control characters; the line and paragraph separators, which end a line for readers that
split lines the Unicode way; and the embeddings, overrides and isolates of text direction,
which make a terminal show text in another order than it is written."""
_SQUASH = re.compile(r"[\s_\-]+")


def squash(text: str) -> str:
    """Text compared loosely: no case, white space, hyphens or underscores."""
    return _SQUASH.sub("", text).casefold()


def visible(text: str) -> str:
    """``text`` with its control characters written out (``\\x1b``, ``\\u2028``), so that
    text from a document cannot move a terminal's cursor, colour a CI log, forge a line of
    output or reorder what it shows."""
    return _CONTROL.sub(_written_out, text)


def _written_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


DATE_FIELDS = ("created", "updated")
"""The fields that hold dates, checked as dates and compared as dates by queries."""


class SettingsError(ValueError):
    """A setting is invalid; the message starts with the option's name."""


QUERY_INFO = "specs"
"""The info string that makes a fenced code block a query block."""
_NAMED_FENCE = re.compile(rb"(?:```|~~~)[^\n]{0,24}?" + QUERY_INFO.encode())
"""Three backticks or tildes with :data:`QUERY_INFO` after them on their line: what every line
that opens a fence named so holds (a query block, or a stray fence of that name), and few
others. The white space between may be any, Unicode's too; more than 24 bytes of it is not."""


def may_hold_queries(data: bytes) -> bool:
    """False when a file's bytes cannot hold a fence named :data:`QUERY_INFO`: most files
    need no closer look (a document that says "specs" in its text is one of them)."""
    return QUERY_INFO.encode() in data and _NAMED_FENCE.search(data) is not None


class TooLarge(OSError):
    """Raised by a reader instead of reading a file larger than documents may be."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


class Severity(str, enum.Enum):
    """How much a finding matters. ``--strict`` builds fail on errors and warnings."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one document: errors are values, not exceptions."""

    path: str
    """The document's path, relative to the docs folder, with forward slashes."""
    line: int | None
    """1-based line in the file (front matter included), or ``None`` when no line applies."""
    rule: str
    """The rule's name, as the documentation's list of findings has it (``missing-field``,
    ``placeholder``, ...)."""
    message: str
    """A plain sentence saying what is wrong and what was expected."""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """``path:line``, or just ``path`` when there is no line."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return visible(f"{self.location}: {self.message} [{self.rule}]")


@dataclass(frozen=True, slots=True)
class Progress:
    """Checked and total task-list items."""

    done: int = 0
    total: int = 0
    started: int = 0
    """Items marked begun (``- [-]``), among the open ones."""

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.done + other.done, self.total + other.total, self.started + other.started
        )

    @property
    def percent(self) -> int:
        """Whole percent, rounded down so that only a finished list shows 100."""
        return self.done * 100 // self.total if self.total else 0

    @property
    def open(self) -> int:
        """Items not yet checked."""
        return self.total - self.done

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass(slots=True)
class Section:
    """A heading of the document and the text up to the next heading."""

    title: str
    """The heading's text as written."""
    level: int
    line: int
    """1-based line of the heading."""
    end_line: int
    """1-based line of the heading's last line (differs for setext headings)."""
    key: str
    """The normalized title used for matching (see ``outline.normalize_heading``)."""
    progress: Progress = field(default_factory=Progress)
    """Task-list items directly under this heading (not under its sub-headings)."""
    content_lines: int = 0
    """Non-blank lines outside HTML comments directly under this heading."""
    has_children: bool = False


@dataclass(frozen=True, slots=True)
class RunOnLines:
    """Where the lines of a document's Markdown run into the paragraph above them, as
    :func:`~mkdocs_specs.parse.paragraphs.run_ons` finds them, worked out while it is read: a
    build given the same text takes them from here rather than reading every line again."""

    lists: tuple[int, ...]
    key_lines: tuple[int, ...]
    """Both counted from the first line of text after the front matter and the blank lines
    after it."""
    digest: str
    """The digest of the text from that line on (:func:`text_digest`)."""


def text_digest(lines: Sequence[str]) -> str:
    """A digest of lines of text, which tells whether a page's Markdown is what was read."""
    text = "\n".join(lines).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


MAX_LISTED_TESTS = 50
"""Test cases listed by name per document (the failed first); the counts count them all."""


@dataclass(frozen=True)
class TestResults:
    """The test cases that name one document, counted."""

    __test__ = False  # not a test class, whatever its name

    passed: int = 0
    failed: int = 0
    """Failures and errors."""
    skipped: int = 0
    cases: tuple[tuple[str, str], ...] = ()
    """(name, outcome) of at most :data:`MAX_LISTED_TESTS` of them, the failed first, then the
    skipped, then the passed, each in the order of the reports."""

    @property
    def total(self) -> int:
        """Every test case that names the document."""
        return self.passed + self.failed + self.skipped


@dataclass(frozen=True, slots=True)
class External:
    """Where a document of another site is: the site's name (the ``external`` option's
    ``name``), the absolute URL of its page there, and the links its ``specs.json`` states."""

    site: str
    source: str
    """The ``external`` option's source it was read from, as written."""
    url: str | None
    """``None`` when the other site gives the document no page, or no base URL is known."""
    links: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """(relation name, ID) of each document it links to, as its own site resolved them."""


@dataclass(frozen=True)
class Transition:
    """A document's status set to a new value by a commit (see
    :mod:`~mkdocs_specs.read.status_history`)."""

    status: str
    date: str
    """The commit's day, ``YYYY-MM-DD`` (UTC)."""
    author: str
    commit: str
    """The commit's short hash."""
    seconds: int = field(default=0, compare=False)
    """The commit's time, which orders transitions."""


@dataclass(frozen=True)
class Document:
    """One discovered document, valid or not, with everything the pages need.

    Reading makes it and nothing changes it afterwards: the catalogue shows each document as a
    copy of its own, with what the other documents add to it (member files, a derived status,
    findings across documents)."""

    path: str
    """Path relative to the docs folder, with forward slashes; the document's unique key."""
    type: str
    """Name of the document type (``feature-spec``, ...)."""
    title: str
    id: str | None = None
    status: str | None = None
    owners: tuple[str, ...] = ()
    created: str | None = None
    updated: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    """Every metadata field after alias normalization, including the ones above."""
    field_lines: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    """Field → (file, line) it was read from: the document's path, or a sidecar's."""
    sections: list[Section] = field(default_factory=list)
    """The sections that directly hold task-list items, in document order: the others were
    checked while the document was read, and are not kept."""
    progress: Progress = field(default_factory=Progress)
    """All task-list items of the document."""
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True
    """False when the file could not be read or decoded at all."""
    body_line: int = 1
    """First line after the front matter."""
    line_count: int = 0
    """Lines in the file (LF, CRLF and CR all end one)."""
    front_matter_read: bool = False
    """The file has front matter and it was read as a mapping of fields."""
    unsafe_front_matter: bool = False
    """The front matter was refused for its size or depth: no other YAML parser should get it."""
    sidecars: tuple[str, ...] = ()
    """The sidecar files it was read from, relative to the docs folder: its page shows them."""
    unsafe_html: tuple[int, ...] = ()
    """Lines that hold ``<![`` which the HTML parser MkDocs runs would refuse (``unsafe-html``):
    the build shows them defused."""
    run_ons: RunOnLines | None = None
    """Where its lines run into the paragraph above them; ``None`` when it was not read."""
    names_queries: bool = False
    """The file's bytes may hold a fence named :data:`QUERY_INFO` (:func:`may_hold_queries`):
    the others need not be read again to look for them."""
    members: list[Document] = field(default_factory=list, compare=False, repr=False)
    """The files that are part of this document (a spec-kit feature's ``plan.md``, ...), in
    path order; their progress is included in :attr:`progress`. Set by the catalogue."""
    part_of: Document | None = field(default=None, compare=False, repr=False)
    """For a member file: the document it is part of. Set by the catalogue."""
    changed: str | None = field(default=None, compare=False)
    """The day (``2025-03-01``) it last changed: its ``updated`` field, else git's last commit
    of its files. Set by the catalogue when its type has ``review_every``."""
    stale: bool = field(default=False, compare=False)
    history: tuple[Transition, ...] = field(default=(), compare=False)
    """When it entered each status and who changed it, oldest first, from git (the latest
    :data:`~mkdocs_specs.read.status_history.KEPT`). Set by the catalogue when the site reads
    the history of statuses."""
    """Unchanged for longer than its type's ``review_every`` allows in its status. Set by the
    catalogue."""
    covered: bool | None = field(default=None, compare=False)
    """Whether it meets its type's ``coverage`` rules; ``None`` when none applies to it (its
    type has none, or none for its status). Set by the catalogue."""
    tests: TestResults | None = field(default=None, compare=False)
    """The test cases of the ``test_results`` reports that name it, counted; ``None`` when
    none does. Set by the catalogue (see :mod:`~mkdocs_specs.catalogue.results`)."""
    external: External | None = field(default=None, compare=False)
    """For a document of another site, read from its ``specs.json`` (the ``external``
    option): where it is. Such a document is listed and linked here, but has no page here."""

    @property
    def valid(self) -> bool:
        """True when no finding of error severity was reported for the document."""
        return not any(f.severity is Severity.ERROR for f in self.findings)
