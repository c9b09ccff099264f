"""The generated pages: their kinds (:data:`PAGE_KINDS`), where each goes, and the plan of pages
for a catalogue (a home, the relations page, and one page per status, owner, type and
``group_by`` value), which both renderers and every host read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..catalogue.catalogue import Catalogue, Group
from ..catalogue.groups import KINDS
from ..labels.labels import Labels
from ..model import SettingsError

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
GROUPS = PageKind("groups", html="groups", markdown="groups")
"""The page of every group of a way of grouping, one section each (``group_pages: one``)."""
STALE = PageKind("stale", html="stale", markdown="stale", file="stale.md")
"""The documents unchanged for longer than their type's ``review_every`` allows; made only
when some type has it."""
MATRIX = PageKind("matrix", html="matrix", markdown="matrix", file="matrix.md")
"""The traceability matrix: each type's documents against the documents related to them, and
how many meet the type's ``coverage`` rules; made only when some type has them."""
PAGE_KINDS = (HOME, RELATIONS, GROUP, GROUPS, STALE, MATRIX)
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
    grouping: str | None = None
    """The way of grouping (``owner``, ...) of a group's page, or of the page of its groups."""

    @property
    def nav(self) -> str:
        """The choice of the ``nav`` option that puts this page in the navigation."""
        if self.grouping is None:
            return self.kind.name
        return self.grouping if self.grouping in KINDS else "fields"


GROUP_PAGE_CHOICES = ("auto", "each", "one")
"""How the option ``group_pages`` may show a way of grouping's groups: a page ``each``, all on
``one`` page, or ``auto``: a page each up to :data:`MOST_GROUP_PAGES` groups, one page above."""

MOST_GROUP_PAGES = 30
"""The most groups of one kind that ``auto`` gives a page each. Each generated page costs what
any page of the site costs (the theme's template, its navigation, the search index, a file):
a tree of 676 documents and 510 owners spent more on 510 owner pages than on reading every
document. Above this, the groups are sections of one page of the kind."""


@dataclass(frozen=True)
class Layout:
    """Where each group is shown: its own page, or a section of its kind's page."""

    index_dir: str
    one_page: frozenset[str] = frozenset()
    """The ways of grouping whose groups are sections of one page."""

    def kind_path(self, kind: str) -> str:
        """The source path of the page of every group of ``kind``."""
        return posixpath.join(self.index_dir, kind, "index.md")

    def anchor(self, group: Group) -> str:
        """The id of a group's section on its kind's page."""
        return f"{group.kind}-{group.slug}"

    def group_target(self, group: Group) -> str:
        """Where a link to a group goes: the source path of its page, or of its kind's page
        with the section's ``#id``."""
        if group.kind in self.one_page:
            return f"{self.kind_path(group.kind)}#{self.anchor(group)}"
        return group_path(self.index_dir, group)

    def siblings(self, kind: str, catalogue: Catalogue) -> bool:
        """Whether a group's page lists the other groups of its kind: not when they are more
        than :data:`MOST_GROUP_PAGES` (every page would repeat every link), unless asked."""
        return len(catalogue.groups[kind]) <= MOST_GROUP_PAGES


def layout(catalogue: Catalogue, index_dir: str, choices: Mapping[str, str]) -> Layout:
    """The layout of the generated pages: ``choices`` maps a way of grouping to one of
    :data:`GROUP_PAGE_CHOICES` (``auto`` when not named). Raises ``SettingsError`` for a name
    that is no way of grouping of the site."""
    unknown = sorted(set(choices) - set(catalogue.kinds))
    if unknown:
        raise SettingsError(
            f"group_pages: '{unknown[0]}' is not a way of grouping documents of this site; "
            f"expected one of {', '.join(catalogue.kinds)}"
        )
    one_page = {
        kind
        for kind in catalogue.kinds
        if choices.get(kind, "auto") == "one"
        or (choices.get(kind, "auto") == "auto" and len(catalogue.groups[kind]) > MOST_GROUP_PAGES)
    }
    return Layout(index_dir, frozenset(one_page))


def group_path(index_dir: str, group: Group) -> str:
    """The source path of a group's own page."""
    return posixpath.join(index_dir, group.kind, f"{group.slug}.md")


def home_path(index_dir: str) -> str:
    """The source path of the home page."""
    return posixpath.join(index_dir, HOME.file or "")


def relations_path(index_dir: str) -> str:
    """The source path of the page of every relation."""
    return posixpath.join(index_dir, RELATIONS.file or "")


def stale_path(index_dir: str) -> str:
    """The source path of the page of the stale documents."""
    return posixpath.join(index_dir, STALE.file or "")


def matrix_path(index_dir: str) -> str:
    """The source path of the traceability matrix."""
    return posixpath.join(index_dir, MATRIX.file or "")


def plan_pages(catalogue: Catalogue, layout: Layout, title: str) -> list[PageSpec]:
    """The home page, the relations page, the Stale page when a type has ``review_every``,
    the Matrix page when a type has ``coverage`` rules, and for each way of grouping a page per
    group or one page of its groups (``layout``); home first."""
    labels = catalogue.labels
    index_dir = layout.index_dir
    pages = [
        PageSpec(home_path(index_dir), HOME, title),
        PageSpec(relations_path(index_dir), RELATIONS, labels.text("relations_title")),
    ]
    if catalogue.reviewed:
        pages.append(PageSpec(stale_path(index_dir), STALE, labels.text("stale_title")))
    if catalogue.matrix is not None:
        pages.append(PageSpec(matrix_path(index_dir), MATRIX, labels.text("matrix_title")))
    titles = kind_titles(catalogue)
    plurals = kind_headings(catalogue)
    for kind in catalogue.kinds:
        if kind in layout.one_page:
            if catalogue.groups[kind]:
                page = PageSpec(layout.kind_path(kind), GROUPS, plurals[kind], grouping=kind)
                pages.append(page)
            continue
        for group in catalogue.groups[kind]:
            page_title = labels.text("group_page_title", kind=titles[kind], group=group.label)
            path = group_path(index_dir, group)
            pages.append(PageSpec(path, GROUP, page_title, group, kind))
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
