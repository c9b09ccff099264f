"""The generated pages and the HTML the plugin shows: a plan of pages and Jinja2 renderers.

Pages are planned from the catalogue (a home, and one page per status, owner and type); their
HTML, the card on each document, the progress bars and what query blocks show come from Jinja2
templates with autoescaping on. The same pages also come as plain Markdown
(``specs/markdown/*.md``), for the command line's ``index``. A host passes folders whose
``specs/`` templates override the built-in ones, and a way from a source path to a URL: the
site-root URL of each path for :class:`Renderer`, a ``link`` relative to the page being written
for :class:`MarkdownRenderer`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from ..catalogue.catalogue import Catalogue, Group

Link = Callable[[str], str]
"""Source path (relative to the docs folder) → URL relative to the current page."""


KIND_TITLES = {"status": "Status", "owner": "Owner", "type": "Type"}


RELATIONS_TITLE = "Relations"


KIND_PLURALS = {"status": "By status", "owner": "By owner", "type": "By type"}


COLUMN_TITLES = {
    "title": "Document",
    "id": "ID",
    "type": "Type",
    "status": "Status",
    "owners": "Owners",
    "created": "Created",
    "updated": "Updated",
    "path": "Path",
    "progress": "Progress",
    "done": "Done",
    "total": "Items",
    "open": "Open",
    "valid": "Valid",
}


def column_title(field: str) -> str:
    """The heading of a query table's column: ``due_date`` → ``Due date``."""
    return COLUMN_TITLES.get(field) or field.replace("_", " ").capitalize()


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    path: str
    """Source path the page pretends to have, relative to the docs folder."""
    kind: str
    """``home``, ``relations``, or one of :data:`~mkdocs_specs.catalogue.KINDS`."""
    title: str
    group: Group | None = None


def group_path(index_dir: str, group: Group) -> str:
    """The source path of a group's page."""
    return posixpath.join(index_dir, group.kind, f"{group.slug}.md")


def home_path(index_dir: str) -> str:
    """The source path of the home page."""
    return posixpath.join(index_dir, "index.md")


def relations_path(index_dir: str) -> str:
    """The source path of the page of every relation."""
    return posixpath.join(index_dir, "relations.md")


def plan_pages(catalogue: Catalogue, index_dir: str, title: str) -> list[PageSpec]:
    """The home page, the relations page and one page per group, home first."""
    pages = [
        PageSpec(home_path(index_dir), "home", title),
        PageSpec(relations_path(index_dir), "relations", RELATIONS_TITLE),
    ]
    titles = kind_titles(catalogue)
    for kind in catalogue.kinds:
        for group in catalogue.groups[kind]:
            pages.append(
                PageSpec(
                    group_path(index_dir, group), kind, f"{titles[kind]}: {group.label}", group
                )
            )
    return pages


def kind_titles(catalogue: Catalogue) -> dict[str, str]:
    """What each way of grouping is called: ``Status``, ..., ``Owning group``."""
    return {kind: KIND_TITLES.get(kind) or column_title(kind) for kind in catalogue.kinds}
