"""``specs.json``: the catalogue as data, for dashboards and other tools.

The shape is documented on the documentation site (``docs/pages.md``) and carries
:data:`EXPORT_VERSION`; a change that removes or renames a key raises the version, a new key
does not.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TextIO

from ..catalogue.catalogue import Catalogue
from ..catalogue.relations import Relations
from ..findings import severity_counts
from ..model import Document, Finding

EXPORT_VERSION = 1
"""The version of the shape of ``specs.json``."""


def generator() -> str:
    """``mkdocs-specs 1.2.3``: what wrote the file."""
    try:
        return f"mkdocs-specs {version('mkdocs-specs')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "mkdocs-specs"


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as JSON: path, line, rule, severity, message."""
    return {
        "path": finding.path,
        "line": finding.line,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
    }


def _ref(document: Document) -> dict[str, Any]:
    ref = {"id": document.id, "path": document.path, "title": document.title}
    if document.external is not None:  # another site's: its name and page there
        ref |= {"external": document.external.site, "url": document.external.url}
    return ref


def _relations(document: Document, relations: Relations) -> dict[str, Any]:
    outgoing: dict[str, list[dict[str, Any]]] = {}
    for link in relations.outgoing_of(document):
        outgoing.setdefault(link.relation.name, []).append(_ref(link.target))
    incoming: dict[str, list[dict[str, Any]]] = {}
    for link in relations.incoming_of(document):
        incoming.setdefault(link.relation.name, []).append(_ref(link.source))
    unresolved = [
        {"field": reference.field, "written": reference.text}
        for reference in relations.references.get(document.path, ())
        if not reference.targets and not reference.itself and not reference.file
    ]
    return {"outgoing": outgoing, "incoming": incoming, "unresolved": unresolved}


def document_record(
    document: Document,
    relations: Relations,
    url: str | None,
    type_label: str,
    member_url: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """Everything known about one document, with its member files (``member_url`` gives
    their URLs)."""
    return {
        "id": document.id,
        "type": document.type,
        "type_label": type_label,
        "title": document.title,
        "path": document.path,
        "url": url,
        "status": document.status,
        "owners": list(document.owners),
        "created": document.created,
        "updated": document.updated,
        "changed": document.changed,
        "stale": document.stale,
        "covered": document.covered,
        "tests": _tests(document),
        "history": [
            {"status": t.status, "date": t.date, "author": t.author, "commit": t.commit}
            for t in document.history
        ],
        "valid": document.valid,
        "readable": document.readable,
        "fields": document.fields,
        "progress": _progress(document),
        "sections": _sections(document),
        "relations": _relations(document, relations),
        "findings": [finding_record(f) for f in document.findings],
        "members": [
            {
                "path": member.path,
                "title": member.title,
                "url": member_url(member.path) if member_url else None,
                "fields": member.fields,
                "progress": _progress(member),
                "sections": _sections(member),
                "findings": [finding_record(f) for f in member.findings],
            }
            for member in document.members
        ],
    }


def _tests(document: Document) -> dict[str, Any] | None:
    """The test cases that name the document, counted, and the names of some."""
    tests = document.tests
    if tests is None:
        return None
    return {
        "passed": tests.passed,
        "failed": tests.failed,
        "skipped": tests.skipped,
        "cases": [{"name": name, "outcome": outcome} for name, outcome in tests.cases],
    }


def _progress(document: Document) -> dict[str, int]:
    return {
        "done": document.progress.done,
        "total": document.progress.total,
        "percent": document.progress.percent,
    }


def _sections(document: Document) -> list[dict[str, Any]]:
    return [
        {
            "title": section.title,
            "line": section.line,
            "done": section.progress.done,
            "total": section.progress.total,
        }
        for section in document.sections
    ]


def export(
    catalogue: Catalogue,
    url: Callable[[str], str | None],
    findings: Sequence[Finding] | None = None,
    site_url: str | None = None,
) -> dict[str, Any]:
    """The whole catalogue; ``url`` gives a document's URL from its path, if it has one.
    ``findings`` are every finding of the build (by default the catalogue's), which the counts
    count; ``site_url`` is where the site is published (MkDocs' ``site_url``), which another
    site that lists these documents (its ``external`` option) makes their links from. The
    documents of other sites are not written: each site exports its own."""
    head = _head(catalogue, findings, site_url)
    return {**head, "documents": list(_records(catalogue, url))}


def write(
    catalogue: Catalogue,
    url: Callable[[str], str | None],
    stream: TextIO,
    findings: Sequence[Finding] | None = None,
    site_url: str | None = None,
) -> None:
    """Write :func:`export`'s JSON to ``stream`` a document at a time: a large catalogue costs
    the memory of one record, not of the whole file."""
    head = dumps(_head(catalogue, findings, site_url))
    stream.write(head[:-1] + ',"documents":[')
    for index, record in enumerate(_records(catalogue, url)):
        stream.write("," + dumps(record) if index else dumps(record))
    stream.write("]}")


def _head(
    catalogue: Catalogue, findings: Sequence[Finding] | None, site_url: str | None = None
) -> dict[str, Any]:
    if findings is None:
        findings = catalogue.findings
    return {
        "version": EXPORT_VERSION,
        "generator": generator(),
        **({"site_url": site_url} if site_url else {}),
        "counts": {
            "documents": len(catalogue.local),
            "invalid": catalogue.invalid,
            **severity_counts(Counter(f.severity for f in findings)),
            "links": len(catalogue.relations.links),
        },
        "types": [{"name": name, "label": label} for name, label in catalogue.type_labels.items()],
        "relations": [
            {"name": r.name, "label": r.display, "inverse_label": r.inverse_display}
            | ({"inverse": r.inverse} if r.inverse else {})
            for r in catalogue.relations.kinds
        ],
    }


def _records(catalogue: Catalogue, url: Callable[[str], str | None]) -> Iterator[dict[str, Any]]:
    for document in catalogue.local:
        yield document_record(
            document,
            catalogue.relations,
            url(document.path),
            catalogue.type_labels.get(document.type, document.type),
            url,
        )


def dumps(data: dict[str, Any]) -> str:
    """JSON text: UTF-8 kept readable, keys in a stable order, ``<`` escaped so the file is
    safe even when a server mislabels it as HTML. One line, which Python's C encoder writes
    (an indented file takes its pure-Python encoder, ten times slower)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
