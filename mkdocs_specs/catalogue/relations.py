"""Relations between documents: typed link fields resolved by ID, both ways.

A relation is a metadata field whose values name other documents (``depends_on: [002-x]``).
Values are document IDs, paths of documents (relative to the document or to the docs folder),
or Markdown links to them. Every link is kept both ways: the document that names another has
an outgoing link, the one named has a backlink ("needed by", "superseded by").

Resolving reports nothing: what cannot be resolved stays in :class:`Relations` as data, and
:mod:`mkdocs_specs.catalogue.relation_checks` reports it. Everything here runs once per build
in time linear in the number of documents and links.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..model import Document
from ..parse.inline import LINK
from ..settings.relations import Relation

_SEPARATORS = re.compile(r"(?<!\s)\s*[,;]\s*")  # see metadata._OWNER_SPLIT


_NUMBERED_NAME = re.compile(r"(?:[A-Za-z]{1,10}[-_ ]?|#)?0*(\d+)")


_MAX_DIGITS = 9


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
    """The documents it names, but never the document itself (see :attr:`itself`)."""
    relation: Relation | None = None
    forward: bool = True
    """Written in the relation's own field, not in its inverse."""
    itself: bool = False
    """It names the document that holds it, of a relation that is not acyclic (an acyclic one
    links it, and its cycle is reported)."""
    file: bool = False
    """It names a file of the site that is no document (a sidecar, an ordinary page)."""


@dataclass
class Relations:
    """Every link of a catalogue, looked up by document path in constant time."""

    kinds: tuple[Relation, ...]
    links: list[Link] = field(default_factory=list)
    outgoing: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    references: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    """Document path → the values of its relation fields, resolved or not."""
    unreadable: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Document path → its relation fields whose value is of a kind that names no document."""

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

    def rebound(self, documents: Mapping[str, Document]) -> Relations:
        """The same links and references, between the documents of ``documents`` (by path):
        the catalogue's own copies of the documents these were resolved between."""
        bound = Relations(self.kinds)
        for link in self.links:
            bound.add(link.relation, documents[link.source.path], documents[link.target.path])
        for path, references in self.references.items():
            bound.references[path] = [
                dataclasses.replace(r, targets=tuple(documents[t.path] for t in r.targets))
                for r in references
            ]
        bound.unreadable.update(self.unreadable)
        return bound

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

    def __init__(
        self,
        documents: Sequence[Document],
        files: Collection[str] = (),
        translations: Mapping[str, str] | None = None,
    ) -> None:
        self.by_path = {d.path: d for d in documents}
        self.translations = translations or {}
        """Path of a translated copy → path of the document it is a version of: a link to the
        document names the copy, and the copy's links are read from the document's folder
        too."""
        for copy, original in self.translations.items():
            if copy in self.by_path:
                self.by_path.setdefault(original, self.by_path[copy])
        self.files = files
        """Every file of the site, by path: what a reference may name besides documents."""
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
        for path in _candidates(target, self._folders(source)):
            found = self.by_path.get(path)
            if found is not None:
                return found
        return None

    def is_file(self, text: str, source: Document) -> bool:
        """True when ``text`` (a path, or a link to one) names a file of the site."""
        link = LINK.fullmatch(text.strip())
        target = unquote(link.group("target").split("#", 1)[0]) if link else text.strip()
        return bool(target) and any(
            path in self.files for path in _candidates(target, self._folders(source))
        )

    def _folders(self, source: Document) -> list[str]:
        """The folders a relative path is read from in ``source``: its own, and the folder of
        the document it translates (``fr/specs/`` for ``specs/``)."""
        folder = posixpath.dirname(source.path)
        original = self.translations.get(source.path)
        if original is None or posixpath.dirname(original) == folder:
            return [folder]
        return [folder, posixpath.dirname(original)]


def _candidates(target: str, folders: Iterable[str]) -> Iterator[str]:
    """The paths ``target`` may mean, from a document in ``folders``: relative to them, then
    to the docs folder; a folder's README or index too."""
    relative = [posixpath.join(folder, target) for folder in folders]
    for candidate in (*relative, target.lstrip("/")):
        path = posixpath.normpath(candidate)
        for name in ("", "README.md", "index.md") if not path.endswith(".md") else ("",):
            yield posixpath.join(path, name) if name else path


def resolve_relations(
    documents: Sequence[Document],
    kinds: Iterable[Relation],
    files: Collection[str] = (),
    translations: Mapping[str, str] | None = None,
) -> Relations:
    """Resolve every relation field of every document, both ways; ``files`` are the site's
    files, which a reference may name besides documents, and ``translations`` the translated
    copies among the documents (see :class:`_Index`). A document of another site
    (:attr:`~mkdocs_specs.model.Document.external`) links by the IDs its own site resolved
    its relations to, and leaves no reference to check."""
    relations = Relations(tuple(kinds))
    index = _Index(documents, files, translations)
    by_name = {relation.name: (relation, True) for relation in relations.kinds}
    by_name.update((r.inverse, (r, False)) for r in relations.kinds if r.inverse)
    for document in documents:
        if document.external is not None:
            _external_links(relations, index, document, by_name)
            continue
        for relation in relations.kinds:
            for name, forward in ((relation.name, True), (relation.inverse, False)):
                if name is not None and name in document.fields:
                    _read_field(relations, index, document, relation, name, forward)
    return relations


def _external_links(
    relations: Relations,
    index: _Index,
    document: Document,
    by_name: Mapping[str, tuple[Relation, bool]],
) -> None:
    """Another site's document's links, by the IDs its ``specs.json`` names (those its site
    resolved, and those it could not), to the documents with those IDs here: of its site,
    another one's, or this one's."""
    assert document.external is not None
    for name, target_id in document.external.links:
        relation, forward = by_name.get(name, (None, True))
        if relation is None:
            continue
        targets = index.by_id.get(target_id) or index.by_folded_id.get(target_id.casefold(), [])
        for target in targets:
            if target is document:
                continue
            if forward:
                relations.add(relation, document, target)
            else:
                relations.add(relation, target, document)


def _read_field(
    relations: Relations,
    index: _Index,
    document: Document,
    relation: Relation,
    name: str,
    forward: bool,
) -> None:
    line = document.field_lines.get(name, (document.path, None))[1]
    texts = reference_texts(document.fields[name])
    if texts is None:
        relations.unreadable[document.path].append(name)
        return
    for text in texts:
        targets = index.resolve(text, document)
        itself = not relation.acyclic and any(t is document for t in targets)
        if itself:
            targets = tuple(t for t in targets if t is not document)
        file = not targets and not itself and index.is_file(text, document)
        relations.references[document.path].append(
            Reference(name, text, line, targets, relation, forward, itself, file)
        )
        for target in targets:
            if forward:
                relations.add(relation, document, target)
            else:
                relations.add(relation, target, document)
