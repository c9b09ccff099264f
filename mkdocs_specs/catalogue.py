"""The catalogue: every document, checks across documents, and the groups the pages show.

Built once per build from the documents, in time linear in their number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .bundles import attach_members, derive_statuses
from .doctypes import Settings
from .model import Document, Finding, Progress, squash
from .relations import Relations, resolve_relations
from .rules import Reporter

KINDS = ("status", "owner", "type")
"""The ways documents are grouped, each with a page per group."""

NO_VALUE = {"status": "No status", "owner": "Unowned", "type": "Untyped"}

_DASHES = re.compile(r"-+")
_DEVICES = ("con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)))
RESERVED_SLUGS = frozenset(("index", *_DEVICES))
"""Slugs that a group's page cannot have as they are: ``index`` would be the page of its kind's
folder, and the others are device names that Windows cannot write as files."""

# Status words → a tone for the badge colour. Anything else is neutral; each badge also has a
# class named after its status (`specs-status--in-progress`) for a site's own colours.
_TONES = {
    "done": (
        "complete",
        "completed",
        "done",
        "implemented",
        "merged",
        "accepted",
        "approved",
        "finished",
        "released",
        "shipped",
        "closed",
    ),
    "active": (
        "inprogress",
        "active",
        "implementing",
        "implementable",
        "open",
        "inreview",
        "review",
        "started",
        "ongoing",
        "wip",
    ),
    "draft": ("draft", "proposed", "new", "planned", "provisional", "idea", "todo", "notstarted"),
    "stopped": (
        "rejected",
        "deprecated",
        "superseded",
        "withdrawn",
        "abandoned",
        "cancelled",
        "canceled",
        "declined",
        "obsolete",
        "replaced",
        "deferred",
        "postponed",
    ),
}
_TONE_OF = {word: tone for tone, words in _TONES.items() for word in words}


def status_tone(status: str | None) -> str:
    """``done``, ``active``, ``draft``, ``stopped`` or ``neutral``, for the badge colour."""
    return _TONE_OF.get(squash(status), "neutral") if status else "neutral"


TONE_ORDER = ("draft", "active", "done", "stopped", "neutral")
"""Statuses are listed by tone, in this order, then in the order the types list them."""


def slugify(text: str) -> str:
    """A readable path segment: letters and digits of any script, lower case, accents dropped
    from Latin letters, everything else a single hyphen."""
    decomposed = unicodedata.normalize("NFKD", text)
    chars = [c.lower() if c.isalnum() else "-" for c in decomposed if not unicodedata.combining(c)]
    return _DASHES.sub("-", "".join(chars)).strip("-")[:60].strip("-")


def unique_slugs(labels: dict[str | None, str]) -> dict[str | None, str]:
    """A slug per key (from its label), never two alike: when labels share a slug, the one
    written exactly as its slug keeps it and the others get a short hash of their key, which
    is stable. The key ``None`` (documents without a value) hashes apart from any name, and so
    do names without a letter or digit and names whose slug is reserved (``index``, ``con``)."""
    claims: dict[str, list[str | None]] = defaultdict(list)
    for key in sorted(labels, key=lambda k: (k is None, k or "")):
        claims[slugify(labels[key])].append(key)
    slugs: dict[str | None, str] = {}
    hashed: list[tuple[str, str | None]] = []
    for slug, claimants in claims.items():
        exact = [k for k in claimants if k is not None and labels[k] == slug]
        keeper = exact[0] if exact else claimants[0] if len(claimants) == 1 else None
        for key in claimants:
            if key is keeper and slug and slug not in RESERVED_SLUGS:
                slugs[key] = slug
            else:
                hashed.append((slug or "x", key))
    taken = set(slugs.values())
    for base, key in hashed:
        seed = "\0none" if key is None else key
        digest = hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()
        size = 6
        # A name may itself look hashed (`alice-353182`): lengthen the hash until it is free.
        while f"{base}-{digest[:size]}" in taken and size < len(digest):
            size += 2
        slugs[key] = f"{base}-{digest[:size]}"
        taken.add(slugs[key])
    return slugs


class _Rollup:
    """Totals over a list of documents, worked out once."""

    documents: list[Document]

    @cached_property
    def progress(self) -> Progress:
        """All task items of the documents."""
        total = Progress()
        for document in self.documents:
            total = total + document.progress
        return total

    @cached_property
    def invalid(self) -> int:
        """How many of the documents have errors."""
        return sum(1 for document in self.documents if not document.valid)


@dataclass
class Group(_Rollup):
    """The documents sharing one status, owner or type."""

    kind: str
    key: str | None
    """The status, owner or type name; ``None`` for documents without one."""
    label: str
    slug: str
    documents: list[Document] = field(default_factory=list)


@dataclass
class Catalogue(_Rollup):
    """Every discovered document, valid or not, and its groups."""

    documents: list[Document]
    groups: dict[str, list[Group]]
    """Kind → its groups, in display order."""
    type_labels: dict[str, str]
    relations: Relations
    """Every link between documents, both ways."""
    members: list[Document] = field(default_factory=list)
    """The files that are part of a document (see :mod:`mkdocs_specs.bundles`)."""
    kinds: tuple[str, ...] = KINDS
    """The ways documents are grouped: :data:`KINDS`, then the types' ``group_by`` fields."""
    field_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    """A ``group_by`` field → the types whose documents are grouped by it."""

    def group(self, kind: str, key: str | None) -> Group:
        """The group of ``kind`` for ``key`` (a status, owner or type name)."""
        return self._index[kind, key]

    def groups_of(self, document: Document, kind: str) -> list[Group]:
        """The groups of ``kind`` that ``document`` belongs to."""
        if kind == "owner":
            return [self._index["owner", o] for o in document.owners] or [
                self._index["owner", None]
            ]
        if kind in self.field_kinds:
            if document.type not in self.field_kinds[kind]:
                return []
            return [self._index[kind, key] for key in field_keys(document, kind)]
        key = document.status if kind == "status" else document.type
        return [self._index[kind, key]]

    @cached_property
    def fields(self) -> frozenset[str]:
        """The name of every metadata field that some document has."""
        return frozenset(name for document in self.documents for name in document.fields)

    @property
    def findings(self) -> list[Finding]:
        """Every finding of every document and member file, each document's first."""
        return [
            f
            for document in self.documents
            for source in (document, *document.members)
            for f in source.findings
        ]

    @property
    def pages(self) -> list[Document]:
        """Every file that gets a card: the documents and their member files."""
        return [*self.documents, *self.members]

    def shown_on(self) -> dict[str, set[str]]:
        """File path → the paths of the files whose cards show something of it: the documents
        it links to or from, and a member file's document and the document's members."""
        shown: dict[str, set[str]] = defaultdict(set)
        for link in self.relations.links:
            shown[link.source.path].add(link.target.path)
            shown[link.target.path].add(link.source.path)
        for member in self.members:
            if member.part_of is not None:
                shown[member.path].add(member.part_of.path)
                shown[member.part_of.path].add(member.path)
        return shown

    def __post_init__(self) -> None:
        self._index = {(g.kind, g.key): g for groups in self.groups.values() for g in groups}


def _check_duplicate_ids(documents: Sequence[Document], settings: Settings) -> None:
    by_id: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for document in documents:
        if document.id:
            by_id[document.type, document.id].append(document)
    for (_, doc_id), sharing in by_id.items():
        if len(sharing) < 2:
            continue
        for document in sharing:
            others = ", ".join(d.path for d in sharing if d is not document)
            path, line = document.field_lines.get("id", (document.path, None))
            report = Reporter(document.path, settings.severities)
            report(
                "duplicate-id",
                line,
                f"ID {doc_id!r} is also used by {others}; expected "
                "each document of a type to have its own ID",
                path=path,
            )
            document.findings.extend(report.findings)


FINISHED = frozenset(
    ("complete", "completed", "done", "implemented", "merged", "finished", "released", "shipped")
)
"""Statuses that say the work is finished (`status-progress`); *approved* or *accepted* only
say that it may start, and *closed* may mean dropped."""


def _check_status_progress(documents: Sequence[Document], settings: Settings) -> None:
    for document in documents:
        if squash(document.status or "") not in FINISHED or not document.progress.open:
            continue
        statuses = settings.compiled[document.type].statuses
        if statuses and squash(document.status or "") not in statuses:
            continue  # a status outside the list is reported as such already
        path, line = document.field_lines.get("status", (document.path, None))
        report = Reporter(document.path, settings.severities)
        open_items = document.progress.open
        report(
            "status-progress",
            line,
            f"status is {document.status!r} but {open_items} of {document.progress.total} "
            f"checklist items {'are' if open_items > 1 else 'is'} still open; expected every "
            "item checked, or a status that does not say the work is finished",
            path=path,
        )
        document.findings.extend(report.findings)


def build_catalogue(
    documents: Iterable[Document],
    settings: Settings,
    parts: Iterable[tuple[Document, str]] = (),
) -> Catalogue:
    """Sort the documents by path, give them their member files (member, entry path), run the
    checks across documents and group them."""
    ordered = sorted(documents, key=lambda d: d.path)
    attached = attach_members(ordered, parts)
    derive_statuses(ordered, settings.compiled)
    _check_duplicate_ids(ordered, settings)
    relations = resolve_relations(ordered, settings.relations, settings.severities)
    _check_status_progress(ordered, settings)
    field_kinds: dict[str, set[str]] = {}
    for doctype in settings.types:
        for name in doctype.group_by:
            if name not in KINDS:
                field_kinds.setdefault(name, set()).add(doctype.name)
    kinds = (*KINDS, *field_kinds)
    members: dict[str, dict[str | None, list[Document]]] = {k: defaultdict(list) for k in kinds}
    for document in ordered:
        members["status"][document.status].append(document)
        members["type"][document.type].append(document)
        for owner in document.owners or (None,):
            members["owner"][owner].append(document)
        for name, types in field_kinds.items():
            if document.type in types:
                for key in field_keys(document, name):
                    members[name][key].append(document)
    type_labels = {t.name: t.display for t in settings.types}
    status_order: dict[str, int] = {}
    for doctype in settings.types:
        for status in doctype.statuses:
            status_order.setdefault(status, len(status_order))
    type_order = {t.name: i for i, t in enumerate(settings.types)}
    sort_keys = {
        "status": lambda k: (
            k is None,
            TONE_ORDER.index(status_tone(k)),
            status_order.get(k or "", len(status_order)),
            (k or "").casefold(),
        ),
        "owner": lambda k: (k is None, (k or "").casefold(), k or ""),
        "type": lambda k: (k is None, type_order.get(k or "", len(type_order)), k or ""),
    }
    groups: dict[str, list[Group]] = {}
    for kind in kinds:
        keys = sorted(members[kind], key=sort_keys.get(kind, sort_keys["owner"]))
        no_value = NO_VALUE.get(kind) or "No " + kind.replace("_", " ")
        labels = {
            k: (type_labels.get(k, k) if kind == "type" else k) if k is not None else no_value
            for k in keys
        }
        slugs = unique_slugs(labels)
        groups[kind] = [Group(kind, k, labels[k], slugs[k], members[kind][k]) for k in keys]
    return Catalogue(
        ordered,
        groups,
        type_labels,
        relations,
        attached,
        kinds,
        {name: frozenset(types) for name, types in field_kinds.items()},
    )


def field_keys(document: Document, name: str) -> list[str | None]:
    """The group keys of a ``group_by`` field: its text, each item of a list, or ``None``."""
    value = document.fields.get(name)
    items = value if isinstance(value, list) else [value]
    keys = [str(item).strip() for item in items if item is not None and not isinstance(item, dict)]
    return list(dict.fromkeys(key for key in keys if key)) or [None]
