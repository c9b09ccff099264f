"""The generated pages as plain Markdown (``specs/markdown/*.md``), for ``mkdocs-specs index``
and the engines that run no MkDocs plugins: every value written as literal text, every link
relative to the page being written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from markupsafe import Markup

from ..catalogue.catalogue import Catalogue
from ..model import visible
from .diagram import MAX_GRAPH_NODES, short_label
from .environment import finding_counts, make_environment
from .html import mermaid_text
from .pages import Layout, Link, PageSpec

GENERATED_MARK = "<!-- Written by mkdocs-specs index: the next run replaces this file. -->"
"""The first line of every Markdown page; a file without it is never overwritten."""


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
    return markdown_literal(visible(_WHITE_SPACE.sub(" ", str(value)).strip()))


def markdown_literal(text: str) -> Markup:
    """``text`` with every character that could be read as syntax written as a character
    reference (see :func:`markdown_text`), its spaces kept: a label's own words."""
    return Markup(_MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


class MarkdownRenderer:
    """Renders the generated pages as plain Markdown, for engines that run no MkDocs plugins.

    Every value a template prints goes through :func:`markdown_text` (the environment's
    ``finalize``, and the ``md`` filter for values joined with ``~``); ``link`` must return
    :class:`~markupsafe.Markup`, a URL already encoded. With ``mermaid``, the relations page
    draws the graph in a Mermaid fence, as the plugin's does where the site renders Mermaid.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        layout: Layout,
        title: str,
        override_dirs: Sequence[str] = (),
        mermaid: bool = False,
    ) -> None:
        self.catalogue = catalogue
        self.env = make_environment(
            catalogue,
            layout,
            title,
            override_dirs,
            literal=markdown_literal,
            value=markdown_text,
            finalize=markdown_text,
        )
        self.env.filters["md"] = markdown_text
        # Inside a fence a character reference is shown as written: the graph's labels are
        # left as `mermaid_text` makes them, letters, digits and a few signs that no
        # Markdown reads as syntax there.
        self.env.filters["mermaid_text"] = lambda text, url=False: Markup(mermaid_text(text, url))
        self.env.globals.update(
            generated_mark=Markup(GENERATED_MARK),
            finding_counts=finding_counts,
            mermaid=mermaid,
            max_graph_nodes=MAX_GRAPH_NODES,
            short_label=short_label,
        )

    def page(self, spec: PageSpec, link: Link) -> str:
        """The Markdown of a generated page."""
        template = self.env.get_template(f"specs/markdown/{spec.kind.markdown}.md")
        external = self.catalogue.external_urls

        def outer(src: str) -> str:
            if src in external:  # another site's page: its absolute URL, no ( ) or spaces
                return Markup(quote(external[src] or "#", safe=":/?#@!$&'*+,;=%~"))
            return link(src)

        return template.render(link=outer, page=spec, group=spec.group, kind=spec.grouping)
