"""Checks on the links between documents: values that name no document, or the document itself,
cycles of an acyclic relation, and superseded documents without a successor."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..findings import Reporter
from ..model import Document, Finding, squash
from ..parse.inline import LINK
from ..settings.relations import SUPERSEDES, Relation
from .relations import Relations

_WEB = re.compile(r"https?://", re.IGNORECASE)
"""A web address: it names a page elsewhere, not a document of the site (a ``file:`` address
is no web page, and is reported as any unknown reference)."""


_LARGE_CYCLE = 50
"""Cycles among more documents than this are reported without tracing each one."""


def on_the_web(text: str) -> bool:
    """True for a web address, or a Markdown link to one."""
    link = LINK.fullmatch(text.strip())
    return bool(_WEB.match(link.group("target") if link else text.strip()))


def check_relations(
    documents: Sequence[Document], relations: Relations, severities: Mapping[str, str]
) -> dict[str, list[Finding]]:
    """The findings on the relations of each document (by path), as
    :func:`~mkdocs_specs.catalogue.relations.resolve_relations` left them."""
    reporters = {d.path: Reporter(d.path, severities) for d in documents}
    for document in documents:
        _check_fields(document, relations, reporters[document.path])
    for relation in relations.kinds:
        if relation.acyclic:
            check_cycles(relations, relation, reporters)
    check_successors(documents, relations, reporters)
    return {path: reporter.findings for path, reporter in reporters.items() if reporter.findings}


def _check_fields(document: Document, relations: Relations, report: Reporter) -> None:
    """The document's relation fields, in the order the relations and their values come."""
    unreadable = relations.unreadable.get(document.path, ())
    references = relations.references.get(document.path, ())
    for relation in relations.kinds:
        for name in (relation.name, relation.inverse):
            if name is None or name not in document.fields:
                continue
            path, line = document.field_lines.get(name, (document.path, None))
            if name in unreadable:
                report(
                    "invalid-field",
                    line,
                    f"field '{name}' holds {type(document.fields[name]).__name__} values; "
                    "expected document IDs or paths, as text or a list",
                    path=path,
                )
                continue
            for reference in references:
                if reference.field != name:
                    continue
                if reference.itself:
                    report(
                        "invalid-field",
                        line,
                        f"field '{name}' names the document itself ({reference.text!r}); "
                        "expected another document",
                        path=path,
                    )
                if reference.targets or reference.itself or reference.file:
                    continue
                if (
                    relation.name == SUPERSEDES
                    and name != relation.name
                    and is_superseded(document)
                ):
                    continue  # reported once, as `missing-successor`
                if on_the_web(reference.text):
                    continue  # a KEP's `see-also` lists issues and design documents too
                report(
                    "unknown-reference",
                    line,
                    f"field '{name}' names {reference.text!r}, which is not the ID or path of "
                    "any document; expected the ID of a discovered document",
                    path=path,
                )


def is_superseded(document: Document) -> bool:
    """True when the document's status says that another one replaced it."""
    return bool(document.status) and squash(document.status or "").startswith("superseded")


def check_successors(
    documents: Sequence[Document], relations: Relations, reporters: Mapping[str, Reporter]
) -> None:
    """A document whose status says it is superseded needs a successor that exists."""
    inverse = next((r.inverse for r in relations.kinds if r.name == SUPERSEDES), None)
    for document in documents:
        if not is_superseded(document):
            continue
        if any(link.relation.name == SUPERSEDES for link in relations.incoming[document.path]):
            continue
        named = [
            r.text
            for r in relations.references[document.path]
            if r.field == inverse and not r.targets and not r.itself
        ]
        path, line = document.field_lines.get("status", (document.path, None))
        if len(named) > 1:
            why = f"its successors {', '.join(repr(n) for n in named)} are not IDs of documents"
        elif named:
            why = f"its successor {named[0]!r} is not the ID of any document"
        else:
            why = "no document supersedes it"
        reporters[document.path](
            "missing-successor",
            line,
            f"status is {document.status!r} but {why}; expected a 'superseded_by' field, or a "
            "'supersedes' field in its successor, naming an existing document",
            path=path,
        )


def check_cycles(
    relations: Relations, relation: Relation, reporters: Mapping[str, Reporter]
) -> None:
    """Report every document on a cycle of ``relation``'s links (Tarjan's strongly connected
    components, without recursion)."""
    edges: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, Document] = {}
    for link in relations.links:
        if link.relation.name == relation.name:
            edges[link.source.path].append(link.target.path)
            titles[link.source.path] = link.source
            titles[link.target.path] = link.target
    for component in _strongly_connected(edges):
        if len(component) == 1 and component[0] not in edges[component[0]]:
            continue
        members = set(component)
        for path in sorted(component):
            document = titles[path]
            field_name = relation.name
            if relation.inverse and relation.name not in document.fields:
                field_name = relation.inverse  # the link was stated from the other side
            where, line = document.field_lines.get(field_name, (path, None))
            if len(component) <= _LARGE_CYCLE:
                cycle = _cycle_through(path, edges, members)
                shown = " → ".join(_name(titles[p]) for p in cycle)
                what = f"it is on a cycle: {shown}"
            else:
                what = f"it is on a cycle among {len(component)} documents"
            reporter = reporters.get(path)
            if reporter is None:
                continue  # another site's document: its findings are its own site's
            reporter(
                "dependency-cycle",
                line,
                f"field '{field_name}': {what}; expected links that never lead back to the "
                "document they start from",
                path=where,
            )


def _name(document: Document) -> str:
    return document.id or document.path


def _cycle_through(start: str, edges: Mapping[str, list[str]], members: set[str]) -> list[str]:
    """The shortest cycle from ``start`` back to it, inside one strongly connected component."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for target in edges.get(node, ()):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if target in members and target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return [start, start]  # pragma: no cover - every member of a component is on a cycle


def _strongly_connected(edges: Mapping[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in list(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
