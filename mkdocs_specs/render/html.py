"""The HTML the plugin shows: generated pages, the card on each document, the progress bars and
what query blocks show, from Jinja2 templates (``specs/*.html``) with autoescaping on.

Every link of a piece rendered once per build climbs from a placeholder for the site's root,
which each page replaces with its own way up: a document's row and its link are then the same
on every page. A host passes folders whose ``specs/`` templates override the built-in ones, and
the site-root URL of each source path.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..catalogue.catalogue import Catalogue
from ..findings import residue
from ..model import Document, Finding, Section
from ..query.fields import field_text
from ..query.language import QueryBlock
from ..query.run import run_query, status_counts
from .diagram import MAX_GRAPH_NODES, NODE_HEIGHT, NODE_WIDTH, neighbourhood, short_label
from .environment import finding_counts, make_environment
from .pages import Layout, PageSpec, column_title

_NOT_MERMAID = re.compile(r"[^\w .,:/()+\-]")


_NOT_URL = re.compile(r"[^\w./#%?=&+~:-]")


def mermaid_text(text: str, url: bool = False) -> str:
    """Text that Mermaid reads as plain text in a quoted label (or a link): its syntax and
    markup characters are replaced, since Mermaid may render labels as HTML."""
    return _NOT_URL.sub("_", text) if url else _NOT_MERMAID.sub(" ", text).strip() or "?"


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
        layout: Layout,
        title: str,
        url_of: Callable[[str], str | None],
        override_dirs: Sequence[str] = (),
        mermaid: bool = False,
    ) -> None:
        self.catalogue = catalogue
        self.url_of = url_of
        self.env = make_environment(catalogue, layout, title, override_dirs)
        self.env.globals.update(
            neighbours=catalogue.relations.neighbours,
            neighbourhood=lambda doc: neighbourhood(doc, catalogue.relations),
            mermaid=mermaid,
            max_graph_nodes=MAX_GRAPH_NODES,
            short_label=short_label,
            column_title=lambda field: column_title(field, catalogue.labels),
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
            doc_item=lambda doc: self._piece("doc-item", doc.path, doc=doc),
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
        if src in self.catalogue.external_urls:  # another site's page: its absolute URL
            return self.catalogue.external_urls[src] or "#"
        src, hash_, fragment = src.partition("#")
        url = self.url_of(src)
        if url is None:
            return "#"
        return self._root + (url if url not in ("", "./") else "./") + hash_ + fragment

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
        return self._render(
            spec.kind.html, dest_uri, page=spec, group=spec.group, kind=spec.grouping
        )

    def card(self, document: Document, dest_uri: str, findings: Sequence[Finding]) -> str:
        """The card at the top of a document; ``findings`` are shown in a box when given."""
        labels = self.catalogue.labels
        left = labels.text("list_separator").join(
            labels.text(f"residue.{rule}", count, count=shown)
            for rule, count, shown in residue(document.findings)
        )
        return self._render("card", dest_uri, doc=document, findings=findings, left=left)

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
