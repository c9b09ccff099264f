"""The generated pages: their kinds (:data:`PAGE_KINDS`), where each goes, and the plan of pages
for a catalogue (a home, the relations page, and one page per status, owner, type and
``group_by`` value), which both renderers and every host read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from ..catalogue.catalogue import Catalogue, Group
from ..catalogue.groups import KINDS
from ..labels.labels import Labels

Link = Callable[[str], str]
"""Source path (relative to the docs folder) → URL relative to the current page."""


def column_title(field: str, labels: Labels) -> str:
    """The heading of a query table's column: its label (``column.<field>``), else the field's
    name made readable (``due_date`` → ``Due date``)."""
    key = f"column.{field}"
    return labels.text(key) if key in labels else field.replace("_", " ").capitalize()


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page: what it is called where users choose pages (``nav``), the
    templates that render it, and where it goes in ``index_dir``."""

    name: str
    """``home``, ``relations``, or ``group`` for the page of each group."""
    html: str
    """The template ``specs/<html>.html`` of its body in the plugin's pages."""
    markdown: str
    """The template ``specs/markdown/<markdown>.md`` of the page ``mkdocs-specs index`` writes."""
    file: str | None = None
    """Its file in ``index_dir``; ``None`` for group pages, one in each kind's folder."""


HOME = PageKind("home", html="home", markdown="home", file="index.md")
RELATIONS = PageKind("relations", html="relations-page", markdown="relations", file="relations.md")
GROUP = PageKind("group", html="group", markdown="group")
PAGE_KINDS = (HOME, RELATIONS, GROUP)
"""Every kind of generated page. A new kind is a row here and its two templates."""

NAV_CHOICES = (*(k.name for k in PAGE_KINDS if k.file), *KINDS, "fields")
"""What the ``nav`` option may name: the single pages by name, the pages of the groups of each
built-in way of grouping, and ``fields`` for the pages of the types' ``group_by`` fields."""


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    path: str
    """Source path the page pretends to have, relative to the docs folder."""
    kind: PageKind
    title: str
    group: Group | None = None

    @property
    def nav(self) -> str:
        """The choice of the ``nav`` option that puts this page in the navigation."""
        if self.group is None:
            return self.kind.name
        return self.group.kind if self.group.kind in KINDS else "fields"


def group_path(index_dir: str, group: Group) -> str:
    """The source path of a group's page."""
    return posixpath.join(index_dir, group.kind, f"{group.slug}.md")


def home_path(index_dir: str) -> str:
    """The source path of the home page."""
    return posixpath.join(index_dir, HOME.file or "")


def relations_path(index_dir: str) -> str:
    """The source path of the page of every relation."""
    return posixpath.join(index_dir, RELATIONS.file or "")


def plan_pages(catalogue: Catalogue, index_dir: str, title: str) -> list[PageSpec]:
    """The home page, the relations page and one page per group, home first."""
    labels = catalogue.labels
    pages = [
        PageSpec(home_path(index_dir), HOME, title),
        PageSpec(relations_path(index_dir), RELATIONS, labels.text("relations_title")),
    ]
    titles = kind_titles(catalogue)
    for kind in catalogue.kinds:
        for group in catalogue.groups[kind]:
            page_title = labels.text("group_page_title", kind=titles[kind], group=group.label)
            pages.append(PageSpec(group_path(index_dir, group), GROUP, page_title, group))
    return pages


def kind_titles(catalogue: Catalogue) -> dict[str, str]:
    """What each way of grouping is called: ``Status``, ..., ``Owning group``."""
    labels = catalogue.labels
    return {
        kind: labels.text(f"kind.{kind}") if kind in KINDS else column_title(kind, labels)
        for kind in catalogue.kinds
    }


def kind_headings(catalogue: Catalogue) -> dict[str, str]:
    """The heading of each way of grouping's list of groups: ``By status``, ...,
    ``By owning group``."""
    labels = catalogue.labels
    return {
        kind: labels.text(f"by_kind.{kind}")
        if kind in KINDS
        else labels.text("by_field", field=title.lower())
        for kind, title in kind_titles(catalogue).items()
    }
