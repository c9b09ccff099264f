"""The catalogue: every document, checks across documents, and the groups the pages show.

Built once per build from the documents, in time linear in their number.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

from ..findings import Reporter, in_order
from ..labels.labels import ENGLISH_LABELS, Labels
from ..model import Document, Finding, Progress, Transition, squash
from ..read.external import ExternalSites
from ..read.history import History
from ..read.junit import TestReports
from ..read.status_history import StatusHistory
from ..read.statuses import TONE_ORDER, read_status, status_tone
from ..settings.settings import Settings
from .across import check_duplicate_ids, check_status_progress
from .coverage import Table, coverage, matrix
from .freshness import freshness, reviewed
from .groups import KINDS, unique_slugs
from .members import members_by_entry, status_from_tasks
from .relation_checks import check_relations
from .relations import Relations, resolve_relations
from .results import results_by_document
from .titles import formatted_title


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
    """The files that are part of a document (see :mod:`.members`)."""
    kinds: tuple[str, ...] = KINDS
    """The ways documents are grouped: :data:`KINDS`, then the types' ``group_by`` fields."""
    field_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    """A ``group_by`` field → the types whose documents are grouped by it."""
    labels: Labels = ENGLISH_LABELS
    """The words its pages show (the settings' labels)."""
    reviewed: bool = False
    """Some type has ``review_every``: documents may be stale, and the Stale page is made."""
    history_note: str | None = None
    """Why the history gave no dates (:attr:`~mkdocs_specs.read.history.History.note`)."""
    matrix: list[Table] | None = None
    """The traceability matrix, a table per type; ``None`` when no type has ``coverage``
    rules, and then no Matrix page is made."""
    report_findings: list[Finding] = field(default_factory=list)
    """What is wrong with the test reports (``test-results``), on their own files."""
    external_findings: list[Finding] = field(default_factory=list)
    """The findings of reading the other sites' ``specs.json`` (the ``external`` option)."""
    status_history_note: str | None = None
    """Why there is no history of statuses
    (:attr:`~mkdocs_specs.read.status_history.StatusHistory.note`)."""

    @cached_property
    def uncovered(self) -> list[Document]:
        """The documents that fail a rule of their type's ``coverage``, in path order."""
        return [document for document in self.documents if document.covered is False]

    @cached_property
    def local(self) -> list[Document]:
        """The documents of this site: :attr:`documents` less the other sites'."""
        return [document for document in self.documents if document.external is None]

    @cached_property
    def external_urls(self) -> dict[str, str | None]:
        """Path of each document of another site → the URL of its page there."""
        return {d.path: d.external.url for d in self.documents if d.external is not None}

    @cached_property
    def stale(self) -> list[Document]:
        """The stale documents, in path order."""
        return [document for document in self.documents if document.stale]

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
        """Every finding of this site's documents and member files, each document's first,
        then those of the test reports and of the other sites' ``specs.json``."""
        return [
            *(
                f
                for document in self.local
                for source in (document, *document.members)
                for f in source.findings
            ),
            *self.report_findings,
            *self.external_findings,
        ]

    @property
    def pages(self) -> list[Document]:
        """Every file that gets a card: this site's documents and their member files."""
        return [*self.local, *self.members]

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


def build_catalogue(
    documents: Iterable[Document],
    settings: Settings,
    parts: Iterable[tuple[Document, str]] = (),
    files: Collection[str] = (),
    translations: Mapping[str, str] | None = None,
    history: History | None = None,
    reports: TestReports | None = None,
    external: ExternalSites | None = None,
    statuses: StatusHistory | None = None,
) -> Catalogue:
    """The catalogue of ``documents`` and their member files (``parts``: member, entry path).

    The documents as reading gave them are not changed: the catalogue shows each one as a copy
    of its own, sorted by path, with its member files (and their progress), the status a type
    derives from checklists, and the findings of the checks across documents. ``files`` are
    the site's files, which a relation may name besides documents. A translated copy
    (``translations``: its path → the path of the document it is a version of) stands in the
    document's place: in its order, named by a link to it, and with its ID. ``history``
    gives when the files last changed, for the types with ``review_every`` (see
    :mod:`.freshness`); ``reports`` the test cases of the site's test reports (see
    :mod:`.results`); ``external`` are the documents of other sites (the ``external``
    option): listed, grouped and linked to like the others, but never checked here; one whose
    ID a document of this site has is left out, with a finding.
    """
    translations = translations or {}
    ordered = sorted(documents, key=lambda d: translations.get(d.path, d.path))
    files_of = members_by_entry(ordered, parts)
    shown = [_with_members_progress(d, files_of.get(d.path, ()), settings) for d in ordered]
    shown = _one_spelling(shown)
    across: dict[str, list[Finding]] = defaultdict(list)
    others, external_findings = _external(shown, external, settings)
    resolved = resolve_relations([*shown, *others], settings.relations, files, translations)
    for found in (
        check_duplicate_ids(shown, settings, translations),
        check_relations(shown, resolved, settings.severities),
        check_status_progress(shown, settings),
    ):
        for path, findings in found.items():
            across[path] += findings
    fresh = freshness(shown, settings, history, files_of) if history is not None else {}
    for path, known in fresh.items():
        across[path] += known.findings
    covering = coverage(shown, resolved, settings) if settings.coverage else {}
    for path, judged in covering.items():
        across[path] += judged.findings
    tested, required, report_findings = results_by_document(
        shown, reports or TestReports(), settings
    )
    for path, findings in required.items():
        across[path] += findings
    final = {d.path: _shown(d, across[d.path], settings, resolved) for d in shown}
    for path, known in fresh.items():
        final[path] = dataclasses.replace(final[path], changed=known.changed, stale=known.stale)
    for path, judged in covering.items():
        final[path] = dataclasses.replace(final[path], covered=judged.covered)
    for path, results in tested.items():
        final[path] = dataclasses.replace(final[path], tests=results)
    if statuses is not None:
        for document in shown:
            changes = _status_changes(document, statuses, settings)
            if changes:
                final[document.path] = dataclasses.replace(final[document.path], history=changes)
    attached: list[Document] = []
    for entry_path, member_files in files_of.items():
        final[entry_path], joined = _joined(final[entry_path], member_files)
        attached += joined
    ordered = [final[d.path] for d in ordered]
    final.update((d.path, d) for d in others)
    ordered += others
    relations = resolved.rebound(final)
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
    if external is not None:
        for name, label in external.type_labels.items():
            type_labels.setdefault(name, label)
    # In the order the types that have documents list them: a type on by default that finds
    # none (OpenSpec's on a site without it) changes no site's order of statuses.
    status_order: dict[str, int] = {}
    for doctype in settings.types:
        if doctype.name in members["type"]:
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
        no_value = (
            settings.labels.text(f"no_value.{kind}")
            if kind in KINDS
            else settings.labels.text("no_value.field", field=kind.replace("_", " "))
        )
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
        sorted(attached, key=lambda d: d.path),
        kinds,
        {name: frozenset(types) for name, types in field_kinds.items()},
        settings.labels,
        reviewed(settings),
        history.note if history is not None else None,
        matrix(ordered, relations, settings, type_labels) if settings.coverage else None,
        report_findings,
        external_findings,
        statuses.note if statuses is not None else None,
    )


def _status_changes(
    document: Document, statuses: StatusHistory, settings: Settings
) -> tuple[Transition, ...]:
    """The transitions of the file the document's status was read from (itself or a sidecar),
    each status read as the document's is (``accepted`` is its type's ``Accepted``,
    ``superseded by [ADR-5](...)`` is ``Superseded``), a change of spelling alone no
    transition. A document with no status now has none: the status lines its file gained were
    not its own (an example in a code block)."""
    if document.status is None:
        return ()
    source = document.field_lines.get("status", (document.path, None))[0]
    compiled = settings.compiled.get(document.type)
    known = compiled.statuses if compiled is not None else {}
    changes: list[Transition] = []
    for change in statuses.transitions.get(source, ()):
        status = read_status(change.status, known).status if known else change.status
        if status is None:
            continue
        if changes and squash(changes[-1].status) == squash(status):
            continue
        changes.append(dataclasses.replace(change, status=status))
    return tuple(changes)


def field_keys(document: Document, name: str) -> list[str | None]:
    """The group keys of a ``group_by`` field: its text, each item of a list, or ``None``."""
    value = document.fields.get(name)
    items = value if isinstance(value, list) else [value]
    keys = [str(item).strip() for item in items if item is not None and not isinstance(item, dict)]
    return list(dict.fromkeys(key for key in keys if key)) or [None]


def _with_members_progress(
    document: Document, members: Sequence[Document], settings: Settings
) -> Document:
    """The document with its member files' progress rolled up, and the status its type derives
    from that progress when it states none."""
    progress = document.progress
    for member in members:
        progress = progress + member.progress
    compiled = settings.compiled.get(document.type)
    if document.status or compiled is None or not compiled.type.status_from_tasks:
        if progress == document.progress:
            return document
        return dataclasses.replace(document, progress=progress)
    status = status_from_tasks(progress, compiled.type.statuses)
    return dataclasses.replace(
        document, progress=progress, status=status, fields={**document.fields, "status": status}
    )


def _joined(entry: Document, members: Sequence[Document]) -> tuple[Document, list[Document]]:
    """A copy of the entry that lists copies of its member files, each pointing back to it.

    The two point at each other, so one of them must be given the other after it is made:
    both are new objects of the catalogue's own, never the documents reading gave.
    """
    joined = dataclasses.replace(entry, members=[])
    copies = [dataclasses.replace(member, part_of=joined) for member in members]
    joined.members.extend(copies)
    return joined, copies


def _shown(
    document: Document, findings: list[Finding], settings: Settings, relations: Relations
) -> Document:
    """The document with the findings across documents, titled as its type says."""
    title = formatted_title(document, settings, relations)
    if not findings and title == document.title:
        return document
    return dataclasses.replace(
        document, title=title, findings=in_order([*document.findings, *findings], document.path)
    )


def _one_spelling(documents: list[Document]) -> list[Document]:
    """The documents with one spelling for each status that differs only in case, spaces,
    hyphens or underscores (``Returned for revision``, ``Returned for Revision``): the one
    most of them use, else the first. A type's own statuses have one spelling already."""
    counts = Counter(d.status for d in documents if d.status)
    spelling: dict[str, str] = {}
    for status, _ in counts.most_common():
        spelling.setdefault(squash(status), status)
    return [
        dataclasses.replace(d, status=best, fields={**d.fields, "status": best})
        if d.status and (best := spelling[squash(d.status)]) != d.status
        else d
        for d in documents
    ]


def _external(
    local: Sequence[Document], external: ExternalSites | None, settings: Settings
) -> tuple[list[Document], list[Finding]]:
    """The other sites' documents that join the catalogue, in the order of their sources: one
    whose ID a document of this site has, or a document of a source read before it, is left
    out, with a finding on its source."""
    if external is None:
        return [], []
    taken: dict[str, str] = {d.id.casefold(): f"{d.path} here" for d in local if d.id}
    joined: list[Document] = []
    reporters: dict[str, Reporter] = {}
    for source, documents in groupby(external.documents, key=_source):
        ids: dict[str, str] = {}
        for document in documents:
            site = document.external
            assert site is not None
            key = document.id.casefold() if document.id else None
            if key is None or key not in taken:
                if key is not None:
                    ids.setdefault(key, f"{document.path} of '{site.site}'")
                joined.append(document)
                continue
            report = reporters.setdefault(source, Reporter(source, settings.severities))
            report(
                "external",
                None,
                f"{document.path!r} is left out: its ID {document.id!r} is also the ID of "
                f"{taken[key]}, which is shown; expected IDs that no document of this site or "
                f"of the sources above has ({site.site})",
            )
        taken.update(ids)
    return joined, [*external.findings, *(f for r in reporters.values() for f in r.findings)]


def _source(document: Document) -> str:
    return document.external.source if document.external is not None else ""
