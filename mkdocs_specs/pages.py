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
import re
import secrets
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from .catalogue import Catalogue, Group, status_tone
from .graph import MAX_GRAPH_NODES, NODE_HEIGHT, NODE_WIDTH, neighbourhood, short_label
from .model import Document, Finding, Section, Severity, visible
from .query import QueryBlock, field_text, run_query, status_counts

Link = Callable[[str], str]
"""Source path (relative to the docs folder) → URL relative to the current page."""

KIND_TITLES = {"status": "Status", "owner": "Owner", "type": "Type"}
RELATIONS_TITLE = "Relations"
_NOT_MERMAID = re.compile(r"[^\w .,:/()+\-]")
_NOT_URL = re.compile(r"[^\w./#%?=&+~:-]")
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


GENERATED_MARK = "<!-- Written by mkdocs-specs index: the next run replaces this file. -->"
"""The first line of every Markdown page; a file without it is never overwritten."""


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


def mermaid_text(text: str, url: bool = False) -> str:
    """Text that Mermaid reads as plain text in a quoted label (or a link): its syntax and
    markup characters are replaced, since Mermaid may render labels as HTML."""
    return _NOT_URL.sub("_", text) if url else _NOT_MERMAID.sub(" ", text).strip() or "?"


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


_MARKDOWN_SPECIAL = re.compile(r"""[\\`*_{}\[\]<>#!|~&"'^$=]""")
_WHITE_SPACE = re.compile(r"\s+")


def markdown_text(value: object) -> Markup:
    """Any value as literal text in Markdown with inline HTML, on one line.

    White space (newlines too) becomes single spaces, control characters are written out,
    and every character that Markdown, its usual extensions (tables, attribute lists, marks,
    math) or HTML could read as syntax becomes a numeric character reference, which every
    engine shows as the character and none reads as syntax (a backslash escape is not
    understood alike everywhere). Markup (a link, a macro's output) is kept as it is.
    """
    if isinstance(value, Markup):
        return value
    text = visible(_WHITE_SPACE.sub(" ", str(value)).strip())
    return Markup(_MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


class _Environment(jinja2.Environment):
    """Jinja's environment, but each template takes its own copy of the globals when loaded.

    Jinja gives a template a ``ChainMap`` over the environment's globals, which it copies,
    key by key in Python, into every context: each render and each include. With the
    renderer's few dozen globals that was a third of the time of a card. A copy per template
    is right here because every global is set before the first template is loaded.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def _environment(
    catalogue: Catalogue,
    index_dir: str,
    title: str,
    override_dirs: Sequence[str],
    **options: Any,
) -> jinja2.Environment:
    """A template environment with what every page template is given."""
    env = _Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(list(override_dirs)),
                jinja2.PackageLoader("mkdocs_specs", "templates"),
            ]
        ),
        autoescape=True,
        auto_reload=False,  # one environment per build: no need to look at the files again
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.globals.update(
        catalogue=catalogue,
        kinds=catalogue.kinds,
        field_kinds=tuple(catalogue.field_kinds),
        kind_titles=kind_titles(catalogue),
        kind_plurals={
            kind: KIND_PLURALS.get(kind) or f"By {title.lower()}"
            for kind, title in kind_titles(catalogue).items()
        },
        status_tone=status_tone,
        home=home_path(index_dir),
        site_title=title,
        group_page=lambda group: group_path(index_dir, group),
        groups_of=catalogue.groups_of,
        type_label=lambda name: catalogue.type_labels.get(name, name),
        relations=catalogue.relations,
        relations_page=relations_path(index_dir),
        file_name=file_name,
    )
    return env


def finding_counts(document: Document) -> tuple[int, int]:
    """How many of the document's findings are errors, and how many are not."""
    errors = sum(1 for f in document.findings if f.severity is Severity.ERROR)
    return errors, len(document.findings) - errors


def file_name(document: Document) -> str:
    """A member file's path from the folder of the document it is part of (``plan.md``,
    ``checklists/ux.md``); a document's own file name."""
    if document.part_of is None:
        return posixpath.basename(document.path)
    return posixpath.relpath(document.path, posixpath.dirname(document.part_of.path))


class Renderer:
    """Renders the plugin's HTML from templates compiled once per build.

    A page is named by the path it is built to (``dest_uri``). Its links climb to the site's
    root and go down to their targets (``../../specs/a/``), so that a document's row in the
    index tables and its link, the same on every page, are rendered once per build.
    ``url_of`` gives a source path's URL from the site's root, or ``None`` when it has none.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        index_dir: str,
        title: str,
        url_of: Callable[[str], str | None],
        override_dirs: Sequence[str] = (),
        mermaid: bool = False,
    ) -> None:
        self.catalogue = catalogue
        self.url_of = url_of
        self.env = _environment(catalogue, index_dir, title, override_dirs)
        self.env.globals.update(
            neighbours=catalogue.relations.neighbours,
            neighbourhood=lambda doc: neighbourhood(doc, catalogue.relations),
            mermaid=mermaid,
            max_graph_nodes=MAX_GRAPH_NODES,
            short_label=short_label,
            column_title=column_title,
            field_text=field_text,
            finding_counts=finding_counts,
        )
        self.env.filters["mermaid_text"] = mermaid_text
        # Links are written from a placeholder for the site's root, which each page replaces
        # with its own way up: a document's row and its link are then rendered once per build
        # and serve every page (a per-build secret, so no document can contain it).
        self._root = f"specs-root-{secrets.token_hex(8)}/"
        self._shared: dict[tuple[object, ...], Markup] = {}
        self.env.globals.update(
            link=self._link,
            row=self._row,
            rows=lambda documents: Markup("\n").join(map(self._row, documents)),
            doc_link=lambda doc: self._piece("doc-link", doc.path, doc=doc),
            badge=lambda status: self._piece("badge", status, status=status),
            group_links=self._group_links,
            progress_bar=lambda progress, label: self._piece(
                "progress-bar", progress, label, progress=progress, label=label
            ),
            group_item=lambda group, current: self._piece(
                "group-item", group.kind, group.slug, current, group=group, current=current
            ),
            graph_node=lambda node: self._piece(
                "graph-node",
                node.document.path,
                node.caption,
                keep=not node.current,  # a document is the current one on its own card only
                node=node,
                width=NODE_WIDTH,
                height=NODE_HEIGHT,
            ),
        )

    def _link(self, src: str) -> str:
        url = self.url_of(src)
        if url is None:
            return "#"
        return self._root + (url if url not in ("", "./") else "./")

    def _row(self, document: Document) -> Markup:
        return self._piece("row", document.path, doc=document)

    def _group_links(self, document: Document, kind: str, _link: object = None) -> Markup:
        """Links to the pages of the document's groups of ``kind``, joined by commas; a third
        argument, the ``link`` the macro this replaced was given, is not needed."""
        return Markup(", ").join(
            self._piece("group-link", group.kind, group.slug, group=group)
            for group in self.catalogue.groups_of(document, kind)
        )

    def _piece(self, name: str, *key: object, keep: bool = True, **context: object) -> Markup:
        """The template ``specs/<name>.html`` rendered once per build for ``key``, the same on
        every page since its links climb from the root placeholder; not kept when ``keep`` is
        false, for a piece that shows once."""
        html = self._shared.get((name, *key))
        if html is None:
            html = Markup(self.env.get_template(f"specs/{name}.html").render(**context))
            if keep:
                self._shared[(name, *key)] = html
        return html

    def _render(self, name: str, dest_uri: str, **context: object) -> str:
        html = self.env.get_template(f"specs/{name}.html").render(**context)
        return html.replace(self._root, "../" * dest_uri.count("/"))

    def page(self, spec: PageSpec, dest_uri: str) -> str:
        """The HTML body of a generated page."""
        if spec.kind == "relations":
            return self._render("relations-page", dest_uri, page=spec)
        if spec.group is None:
            return self._render("home", dest_uri, page=spec)
        return self._render("group", dest_uri, page=spec, group=spec.group)

    def card(self, document: Document, dest_uri: str, findings: Sequence[Finding]) -> str:
        """The card at the top of a document; ``findings`` are shown in a box when given."""
        return self._render("card", dest_uri, doc=document, findings=findings)

    def section_progress(self, section: Section, dest_uri: str) -> str:
        """The progress bar placed under a section heading."""
        return self._render("section-progress", dest_uri, section=section)

    def query(self, block: QueryBlock, dest_uri: str) -> str:
        """What a query block shows: its table, list, count or chart, or an error box."""
        if block.query is None:
            return self._render("query-error", dest_uri, findings=block.findings)
        query = block.query
        documents = run_query(query, self.catalogue)
        if query.show == "chart":
            bars = status_counts(documents, self.catalogue)
            return self._render("status-chart", dest_uri, bars=bars)
        return self._render(
            f"query-{query.show}", dest_uri, documents=documents, columns=query.columns
        )


class MarkdownRenderer:
    """Renders the generated pages as plain Markdown, for engines that run no MkDocs plugins.

    Every value a template prints goes through :func:`markdown_text` (the environment's
    ``finalize``, and the ``md`` filter for values joined with ``~``); ``link`` must return
    :class:`~markupsafe.Markup`, a URL already encoded.
    """

    def __init__(
        self, catalogue: Catalogue, index_dir: str, title: str, override_dirs: Sequence[str] = ()
    ) -> None:
        self.env = _environment(catalogue, index_dir, title, override_dirs, finalize=markdown_text)
        self.env.filters["md"] = markdown_text
        self.env.globals["generated_mark"] = Markup(GENERATED_MARK)

    def page(self, spec: PageSpec, link: Link) -> str:
        """The Markdown of a generated page."""
        name = spec.kind if spec.group is None else "group"
        template = self.env.get_template(f"specs/markdown/{name}.md")
        return template.render(link=link, page=spec, group=spec.group)
