"""Coverage: which documents meet their type's ``coverage`` rules (``coverage`` findings), and
the traceability matrix the Matrix page shows.

A rule (:class:`~mkdocs_specs.settings.coverage.CoverageRule`) applies to a document by its
status; the document meets it when it is linked by the rule's relation, in either direction,
to at least ``at_least`` documents of the rule's types. Everything here is one pass over each
document's links: linear in the documents and links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..findings import on_field
from ..model import Document, Finding
from ..settings.coverage import CoverageRule
from ..settings.settings import Settings
from .relations import Relations


@dataclass(frozen=True)
class Coverage:
    """Whether one document meets the rules that apply to it, and what it was told."""

    covered: bool
    findings: list[Finding]


def linked_by(document: Document, rule: CoverageRule, relations: Relations) -> list[Document]:
    """The documents of the rule's types linked to ``document`` by its relation, either way,
    each once."""
    found: dict[str, Document] = {}
    name = rule.relation.name
    for link in relations.outgoing_of(document):
        if link.relation.name == name and link.target.type in rule.types:
            found.setdefault(link.target.path, link.target)
    for link in relations.incoming_of(document):
        if link.relation.name == name and link.source.type in rule.types:
            found.setdefault(link.source.path, link.source)
    return list(found.values())


def coverage(
    documents: Iterable[Document], relations: Relations, settings: Settings
) -> dict[str, Coverage]:
    """Document path → its coverage, for the documents that some rule of their type applies
    to; a document that fails a rule gets a ``coverage`` finding on its status line."""
    found: dict[str, Coverage] = {}
    for document in documents:
        rules = [r for r in settings.coverage.get(document.type, ()) if r.applies(document.status)]
        if not rules:
            continue
        findings: list[Finding] = []
        covered = True
        for rule in rules:
            linked = linked_by(document, rule, relations)
            if len(linked) < rule.at_least:
                covered = False
                message = _message(rule, linked, settings)
                findings += on_field(document, "status", "coverage", message, settings.severities)
        found[document.path] = Coverage(covered, findings)
    return found


def _message(rule: CoverageRule, linked: Sequence[Document], settings: Settings) -> str:
    labels = {t.name: t.display for t in settings.types}
    kinds = " or ".join(labels.get(t, t).lower() for t in rule.types)
    relation = rule.relation
    how = f"'{relation.name}' ({relation.display.lower()} or {relation.inverse_display.lower()})"
    if rule.start is not None:
        when = f", from status {rule.start} on"
    elif rule.shown_statuses:
        when = f", in status {' or '.join(rule.shown_statuses)}"
    else:
        when = ""
    found = (
        "none found"
        if not linked
        else f"found {len(linked)}: " + ", ".join(d.id or d.path for d in linked)
    )
    return (
        f"expected at least {rule.at_least} {kinds} linked to it by {how}{when}, as the "
        f"type's coverage rules ask; {found}"
    )


@dataclass(frozen=True)
class Column:
    """A column of a type's matrix: the documents linked by one relation, read from the row's
    side (``Implemented by``), of one type.

    Each column gives a row's cell through :meth:`cell`; another kind of column (a value each
    document has, such as its test results) is another class with the same two members."""

    kind = "documents"
    relation: str
    label: str
    type: str
    type_label: str
    forward: bool
    """The row's documents name the cell's (``Implements``), not the other way."""

    def cell(self, document: Document, relations: Relations) -> list[Document]:
        """The documents of the cell of ``document``'s row."""
        links = relations.outgoing_of(document) if self.forward else relations.incoming_of(document)
        cell: dict[str, Document] = {}
        for link in links:
            other = link.target if self.forward else link.source
            if link.relation.name == self.relation and other.type == self.type:
                cell.setdefault(other.path, other)
        return list(cell.values())


@dataclass(frozen=True)
class Rate:
    """How many documents of a type (or of one of its statuses) are covered, of those a rule
    applies to."""

    label: str
    """The status, or the type's label for the whole type."""
    status: str | None
    covered: int
    total: int

    @property
    def percent(self) -> int:
        """Covered, in whole percent (rounded down: 99 while one is not covered)."""
        return self.covered * 100 // self.total if self.total else 0


@dataclass
class Row:
    """A document and its cells, one per column."""

    document: Document
    cells: list[list[Document]] = field(default_factory=list)


@dataclass
class Table:
    """The matrix of one type: its documents, the types related to them, and how many are
    covered."""

    type: str
    label: str
    columns: list[Column]
    rows: list[Row]
    rules: tuple[CoverageRule, ...]
    rates: list[Rate]
    """The whole type's first, then each status's that a rule applies to; empty without
    rules."""


def matrix(
    documents: Sequence[Document],
    relations: Relations,
    settings: Settings,
    type_labels: Mapping[str, str],
) -> list[Table]:
    """A table for each type, in the settings' order, whose documents have links or rules."""
    by_type: dict[str, list[Document]] = {}
    for document in documents:
        by_type.setdefault(document.type, []).append(document)
    tables: list[Table] = []
    for doctype in settings.types:
        rows = by_type.get(doctype.name, [])
        rules = settings.coverage.get(doctype.name, ())
        columns: dict[tuple[str, bool, str], Column] = {}
        for document in rows:
            for forward, links in (
                (True, relations.outgoing_of(document)),
                (False, relations.incoming_of(document)),
            ):
                for link in links:
                    other = link.target if forward else link.source
                    key = (link.relation.name, forward, other.type)
                    if key not in columns:
                        relation = link.relation
                        columns[key] = Column(
                            relation.name,
                            relation.display if forward else relation.inverse_display,
                            other.type,
                            type_labels.get(other.type, other.type),
                            forward,
                        )
        if not rows or (not columns and not rules):
            continue
        order = {t.name: i for i, t in enumerate(settings.types)}
        shown = sorted(
            columns.values(),
            key=lambda c: (not c.forward, c.relation, order.get(c.type, len(order)), c.type),
        )
        table_rows = [Row(d, [c.cell(d, relations) for c in shown]) for d in rows]
        tables.append(
            Table(
                doctype.name,
                type_labels.get(doctype.name, doctype.name),
                shown,
                table_rows,
                rules,
                _rates(rows, rules, doctype.statuses, type_labels.get(doctype.name, doctype.name)),
            )
        )
    return tables


def _rates(
    documents: Sequence[Document],
    rules: Sequence[CoverageRule],
    statuses: Sequence[str],
    label: str,
) -> list[Rate]:
    if not rules:
        return []
    judged = [d for d in documents if d.covered is not None]
    rates = [Rate(label, None, sum(1 for d in judged if d.covered), len(judged))]
    by_status: dict[str, list[Document]] = {}
    for document in judged:
        by_status.setdefault(document.status or "", []).append(document)
    order = {status: i for i, status in enumerate(statuses)}
    for status in sorted(by_status, key=lambda s: (order.get(s, len(order)), s.casefold())):
        group = by_status[status]
        rates.append(Rate(status, status, sum(1 for d in group if d.covered), len(group)))
    return rates
