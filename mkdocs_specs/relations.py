"""Relations between documents: typed link fields resolved by ID, both ways, with their checks.

A relation is a metadata field whose values name other documents (``depends_on: [002-x]``).
Values are document IDs, paths of documents (relative to the document or to the docs folder),
or Markdown links to them. Every link is kept both ways: the document that names another has
an outgoing link, the one named has a backlink ("needed by", "superseded by").

Everything here runs once per build in time linear in the number of documents and links.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .metadata import LINK
from .model import Document, squash
from .rules import Reporter


@dataclass(frozen=True)
class Relation:
    """A kind of link between documents, named after the field that holds it."""

    name: str
    """The field (after aliases), e.g. ``depends_on``."""
    label: str = ""
    """How the link reads from the document that names the other: ``Depends on``."""
    inverse_label: str = ""
    """How it reads from the other side: ``Needed by``."""
    inverse: str | None = None
    """A field that states the same link from the other side (``superseded_by``)."""
    acyclic: bool = False
    """Links of this kind must not form a cycle (``dependency-cycle``)."""

    @property
    def display(self) -> str:
        """The label, or the field's name made readable."""
        return self.label or self.name.replace("_", " ").capitalize()

    @property
    def inverse_display(self) -> str:
        """The inverse label, or ``Blocks (from)`` made of the label."""
        return self.inverse_label or f"{self.display} (from)"


SUPERSEDES = "supersedes"
"""The relation whose targets a superseded document needs (``missing-successor``)."""

DEFAULT_RELATIONS: tuple[Relation, ...] = (
    Relation("related", "Related", "Referenced by"),
    Relation("depends_on", "Depends on", "Needed by", acyclic=True),
    Relation(SUPERSEDES, "Supersedes", "Superseded by", inverse="superseded_by"),
    Relation("implements", "Implements", "Implemented by"),
)
"""The relations every site has; ``relations`` in the settings adds to them or changes them."""

_SEPARATORS = re.compile(r"(?<!\s)\s*[,;]\s*")  # see metadata._OWNER_SPLIT
_WEB = re.compile(r"https?://", re.IGNORECASE)
"""A web address: it names a page elsewhere, not a document of the site (a ``file:`` address
is no web page, and is reported as any unknown reference)."""
_NUMBERED_NAME = re.compile(r"(?:[A-Za-z]{1,10}[-_ ]?|#)?0*(\d+)")
_MAX_DIGITS = 9
_LARGE_CYCLE = 50
"""Cycles among more documents than this are reported without tracing each one."""


@dataclass(frozen=True, slots=True)
class Link:
    """``source`` → ``target`` by ``relation`` (``source`` depends on ``target``)."""

    relation: Relation
    source: Document
    target: Document


@dataclass(frozen=True, slots=True)
class Reference:
    """One value of a relation field, as written, and the documents it names."""

    field: str
    """The field it was written in: the relation's own field, or its inverse field."""
    text: str
    line: int | None
    targets: tuple[Document, ...]


@dataclass
class Relations:
    """Every link of a catalogue, looked up by document path in constant time."""

    kinds: tuple[Relation, ...]
    links: list[Link] = field(default_factory=list)
    outgoing: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    references: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    """Document path → the values of its relation fields, resolved or not."""

    def add(self, relation: Relation, source: Document, target: Document) -> None:
        """Add a link unless it is already there (stated from both sides, say)."""
        key = (relation.name, source.path, target.path)
        if key in self._seen:
            return
        self._seen.add(key)
        link = Link(relation, source, target)
        self.links.append(link)
        self.outgoing[source.path].append(link)
        self.incoming[target.path].append(link)

    def __post_init__(self) -> None:
        self._seen: set[tuple[str, str, str]] = set()

    def outgoing_of(self, document: Document) -> list[Link]:
        """The links ``document`` states: it depends on, supersedes, implements ..."""
        return self.outgoing.get(document.path, [])

    def incoming_of(self, document: Document) -> list[Link]:
        """Its backlinks: the links of other documents to it."""
        return self.incoming.get(document.path, [])

    def neighbours(self, document: Document) -> list[tuple[str, list[Document]]]:
        """The documents linked to ``document``, under the label each link reads as from it:
        its outgoing links first (``Depends on``), then its backlinks (``Needed by``)."""
        labelled: dict[str, list[Document]] = {}
        for link in self.outgoing_of(document):
            labelled.setdefault(link.relation.display, []).append(link.target)
        for link in self.incoming_of(document):
            labelled.setdefault(link.relation.inverse_display, []).append(link.source)
        return list(labelled.items())

    @property
    def linked(self) -> list[Document]:
        """The documents with at least one link, in the order their first link appears."""
        seen: dict[str, Document] = {}
        for link in self.links:
            seen.setdefault(link.source.path, link.source)
            seen.setdefault(link.target.path, link.target)
        return list(seen.values())


def reference_texts(value: Any) -> list[str] | None:
    """The references a field's value holds: ``"001-a, 002-b"`` → two; a list gives its items;
    Markdown links are kept whole. ``None`` when the value is of a kind that cannot name
    documents (a mapping, a boolean)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return [str(value)]
    if isinstance(value, str):
        texts: list[str] = []
        position = 0
        for link in LINK.finditer(value):  # kept whole: their text may hold commas
            texts.extend(_split(value[position : link.start()]))
            texts.append(link.group())
            position = link.end()
        return texts + _split(value[position:])
    if isinstance(value, list):
        items: list[str] = []
        for item in value:
            if item is None:
                continue  # an empty item (`superseded-by: [null]`, as templates leave it)
            found = reference_texts(item) if not isinstance(item, list) else None
            if found is None:
                return None
            items.extend(found)
        return items
    return None


def reference_names(value: Any) -> list[str] | None:
    """The references of a value as their names: a Markdown link gives its text."""
    texts = reference_texts(value)
    if texts is None:
        return None
    return [m.group("text").strip() if (m := LINK.fullmatch(t)) else t for t in texts]


def _split(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text.strip()) if part]


class _Index:
    """Documents by ID (exact, then ignoring case) and by path."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.by_path = {d.path: d for d in documents}
        self.by_id: dict[str, list[Document]] = defaultdict(list)
        self.by_folded_id: dict[str, list[Document]] = defaultdict(list)
        self.by_number: dict[int, list[Document]] = defaultdict(list)
        for document in documents:
            if document.id:
                self.by_id[document.id].append(document)
                self.by_folded_id[document.id.casefold()].append(document)
                if document.id.isdecimal() and len(document.id) <= _MAX_DIGITS:
                    self.by_number[int(document.id)].append(document)

    def resolve(self, text: str, source: Document) -> tuple[Document, ...]:
        """The documents that ``text`` names, as seen from ``source``; none when unknown."""
        text = text.strip()
        link = LINK.fullmatch(text)
        if link:
            target = unquote(link.group("target").split("#", 1)[0])
            found = self._path(target, source) if target else None
            if found is not None:
                return (found,)
            text = link.group("text").strip()
        if text in self.by_id:
            return tuple(self.by_id[text])
        if text.endswith(".md") or "/" in text:
            found = self._path(text, source)
            if found is not None:
                return (found,)
        found_ids = self.by_folded_id.get(text.casefold())
        if found_ids:
            return tuple(found_ids)
        return self._number(text, source)

    def _number(self, text: str, source: Document) -> tuple[Document, ...]:
        """``ADR-0005``, ``RFC 12``, ``#7``: the document whose ID is that number (``0005``),
        as decision records and RFCs name each other; of the source's type when several are."""
        match = _NUMBERED_NAME.fullmatch(text)
        if match is None or len(match.group(1)) > _MAX_DIGITS:
            return ()
        found = self.by_number.get(int(match.group(1)), [])
        if len(found) > 1:
            found = [d for d in found if d.type == source.type]
        return tuple(found) if len(found) == 1 else ()

    def _path(self, target: str, source: Document) -> Document | None:
        """The document at ``target``, relative to ``source`` or to the docs folder; a folder
        (``/keps/sig-node/1234-x``, as KEPs link each other) names its README or index."""
        folder = posixpath.dirname(source.path)
        for candidate in (posixpath.join(folder, target), target.lstrip("/")):
            path = posixpath.normpath(candidate)
            for name in ("", "README.md", "index.md") if not path.endswith(".md") else ("",):
                found = self.by_path.get(posixpath.join(path, name) if name else path)
                if found is not None:
                    return found
        return None


def resolve_relations(
    documents: Sequence[Document], kinds: Iterable[Relation], severities: Mapping[str, str]
) -> Relations:
    """Resolve every relation field of every document, report what cannot be resolved, and
    check the acyclic relations and superseded documents. Findings join the documents'."""
    relations = Relations(tuple(kinds))
    index = _Index(documents)
    reporters = {d.path: Reporter(d.path, severities) for d in documents}
    for document in documents:
        report = reporters[document.path]
        for relation in relations.kinds:
            for name, forward in ((relation.name, True), (relation.inverse, False)):
                if name is None or name not in document.fields:
                    continue
                _read_field(relations, index, document, relation, name, forward, report)
    for relation in relations.kinds:
        if relation.acyclic:
            _check_cycles(relations, relation, reporters)
    _check_successors(documents, relations, reporters)
    for document in documents:
        document.findings.extend(reporters[document.path].findings)
    return relations


def _read_field(
    relations: Relations,
    index: _Index,
    document: Document,
    relation: Relation,
    name: str,
    forward: bool,
    report: Reporter,
) -> None:
    path, line = document.field_lines.get(name, (document.path, None))
    texts = reference_texts(document.fields[name])
    if texts is None:
        report(
            "invalid-field",
            line,
            f"field '{name}' holds {type(document.fields[name]).__name__} values; expected "
            "document IDs or paths, as text or a list",
            path=path,
        )
        return
    for text in texts:
        targets = index.resolve(text, document)
        if not relation.acyclic and any(
            t is document for t in targets
        ):  # an acyclic one reports a cycle
            targets = tuple(t for t in targets if t is not document)
            report(
                "invalid-field",
                line,
                f"field '{name}' names the document itself ({text!r}); expected another document",
                path=path,
            )
            if not targets:
                continue
        relations.references[document.path].append(Reference(name, text, line, targets))
        if not targets:
            if relation.name == SUPERSEDES and not forward and _superseded(document):
                continue  # reported once, as `missing-successor`
            if _on_the_web(text):
                continue  # a KEP's `see-also` lists issues and design documents too
            report(
                "unknown-reference",
                line,
                f"field '{name}' names {text!r}, which is not the ID or path of any document; "
                "expected the ID of a discovered document",
                path=path,
            )
        for target in targets:
            if forward:
                relations.add(relation, document, target)
            else:
                relations.add(relation, target, document)


def _on_the_web(text: str) -> bool:
    """True for a web address, or a Markdown link to one."""
    link = LINK.fullmatch(text.strip())
    return bool(_WEB.match(link.group("target") if link else text.strip()))


def _superseded(document: Document) -> bool:
    return bool(document.status) and squash(document.status or "").startswith("superseded")


def _check_successors(
    documents: Sequence[Document], relations: Relations, reporters: Mapping[str, Reporter]
) -> None:
    """A document whose status says it is superseded needs a successor that exists."""
    inverse = next((r.inverse for r in relations.kinds if r.name == SUPERSEDES), None)
    for document in documents:
        if not _superseded(document):
            continue
        if any(link.relation.name == SUPERSEDES for link in relations.incoming[document.path]):
            continue
        named = [
            r.text
            for r in relations.references[document.path]
            if r.field == inverse and not r.targets
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


def _check_cycles(
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
            reporters[path](
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
