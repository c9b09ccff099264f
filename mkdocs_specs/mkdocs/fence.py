"""The ``specs`` fence the plugin adds to PyMdown Extensions' SuperFences, when the site uses
it: so that no fence named ``specs`` is ever shown as code.

The plugin reads the query blocks of a page before Markdown does, and puts a marker in place of
each (:mod:`.markers`), at the top level and in the containers the scanner knows, with or
without SuperFences: ``build`` and ``check`` see the same blocks. SuperFences renders fences in
more places, a block quote, say, or with options after the name: the scanner reads those as
:attr:`~mkdocs_specs.query.blocks.Block.stray` blocks, whose ``bad-query`` finding both report,
and the fence puts their error box where SuperFences found them. A fence SuperFences renders
that the scanner did not expect gets its error box and finding all the same, without a line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from pymdownx.superfences import fence_code_format

from ..catalogue.catalogue import Catalogue
from ..query.blocks import INFO, Block
from ..query.language import QueryBlock, read_query
from ..render.markers import Markers
from ..settings.settings import Settings

SUPERFENCES = "pymdownx.superfences"


@dataclass
class FencedPage:
    """The page whose Markdown SuperFences is reading."""

    path: str
    queries: list[QueryBlock]
    """The page's query blocks, as the build shows them: a fence it did not expect is added."""
    expected: list[int | None]
    """For each fence named ``specs`` that SuperFences will find, in order, the index of its
    stray block in :attr:`queries`, or ``None`` for one Markdown does not show (in an HTML
    comment, or an indented code block that SuperFences gives back)."""
    markers: Markers
    catalogue: Catalogue
    settings: Settings
    seen: int = 0
    """How many fences SuperFences gave the plugin so far."""

    def came_across(self, source: str, plain: bool) -> QueryBlock:
        """A fence the plugin did not find in the page's Markdown, whose text is ``source``
        (one that a snippet brought in, say): its query, when the fence is ``plain`` (just
        ``specs``), else a stray block. Its findings have no line: the plugin does not know
        where it comes from."""
        block = Block(0, 0, "```", source, stray=not plain, number=len(self.queries))
        read = read_query(self.path, block, 1, self.catalogue, self.settings)
        return replace(read, findings=tuple(replace(f, line=None) for f in read.findings))


class SpecsFence:
    """The ``specs`` fence, for the page being converted."""

    def __init__(self) -> None:
        self.page: FencedPage | None = None
        """Set by the build for each page it gives MkDocs, before MkDocs converts it."""

    def register(self, config: MkDocsConfig) -> None:
        """Add the fence to SuperFences' ``custom_fences``, when the site uses SuperFences and
        has no ``specs`` fence of its own."""
        if SUPERFENCES not in config.markdown_extensions:
            return
        configs = config.mdx_configs.setdefault(SUPERFENCES, {})
        fences = configs.setdefault("custom_fences", [])
        entry = {"name": INFO, "class": INFO, "format": self.format, "validator": _any_options}
        for index, fence in enumerate(fences):
            if isinstance(fence, dict) and fence.get("name") == INFO:
                # A fence of an earlier build of `serve` is this one's; the site's own is kept.
                if isinstance(getattr(fence.get("format"), "__self__", None), SpecsFence):
                    fences[index] = entry
                return
        fences.append(entry)

    def format(
        self,
        source: str,
        language: str,
        class_name: str,
        options: dict[str, Any],
        md: Any,
        **kwargs: Any,
    ) -> str:
        """The marker of the error box of a fence named ``specs`` that the plugin did not
        read as a query block (SuperFences calls it for each)."""
        page, index = self.page, None
        if page is not None:  # else Markdown converted outside a page (a docstring, ...)
            at, page.seen = page.seen, page.seen + 1
            index = page.expected[at] if at < len(page.expected) else len(page.queries)
        if page is None or index is None:  # or a fence never shown
            return str(fence_code_format(source, language, class_name, options, md, **kwargs))
        if index == len(page.queries):
            plain = not (options or kwargs.get("classes") or kwargs.get("id_value"))
            page.queries.append(page.came_across(source, plain))
        return page.markers.marker("query", index)


def _any_options(
    language: str, inputs: dict[str, str], options: dict[str, str], attrs: Any, md: Any
) -> bool:
    """Take every fence named ``specs``, whatever follows the name (SuperFences' default
    validator leaves a fence with options it does not know to the code highlighter)."""
    options.update(inputs)
    return True
