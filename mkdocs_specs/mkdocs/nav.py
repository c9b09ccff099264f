"""The navigation's names for documents that are folders (``design/frd-3/design.md`` and its
``metadata.yaml``, a spec-kit feature's ``spec.md`` with its ``plan.md`` and ``tasks.md``):
MkDocs names their section after the folder (``Frd 3``); the plugin names it after the
document, and a folder that holds the document alone is the document's page itself."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping

from markupsafe import escape
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..model import Document


def name_folder_documents(nav: Navigation, documents: Mapping[str, Document]) -> None:
    """Title each section that holds one document and its member files after the document;
    put a section that holds the document alone in the nav as the document's page."""
    for section in list(_sections(nav.items)):
        pages = list(_pages(section))
        shown = [documents.get(page.file.src_uri) for page in pages]
        entries = {d.path: d for d in shown if d is not None and d.part_of is None}
        if len(entries) != 1:
            continue
        (entry,) = entries.values()
        if not is_folder_document(entry) or not all(
            d is entry or (d is not None and d.part_of is not None and d.part_of.path == entry.path)
            for d in shown
        ):
            continue
        if len(section.children) == 1 and isinstance(section.children[0], Page):
            _put_in_place_of(nav, section, section.children[0])
        else:
            section.title = str(escape(entry.title))  # themes print titles unescaped


def is_folder_document(document: Document) -> bool:
    """A document whose folder is its own: it has member files, a sidecar named for the
    folder (``metadata.yaml``, ``kep.yaml``, not ``001-x.meta.yaml``), or it is the folder's
    ``index.md`` or ``README.md``."""
    name = posixpath.basename(document.path)
    stem = posixpath.splitext(name)[0]
    return (
        bool(document.members)
        or any(stem not in posixpath.basename(sidecar) for sidecar in document.sidecars)
        or name.lower() in ("index.md", "readme.md")
    )


def _sections(items: list) -> Iterator[Section]:  # type: ignore[type-arg]
    for item in items:
        if isinstance(item, Section):
            yield from _sections(item.children)
            yield item  # innermost first: a folder document inside a section of documents


def _pages(section: Section) -> Iterator[Page]:
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages(child)
        elif isinstance(child, Page):
            yield child


def _put_in_place_of(nav: Navigation, section: Section, page: Page) -> None:
    siblings = section.parent.children if section.parent is not None else nav.items
    siblings[siblings.index(section)] = page
    page.parent = section.parent
