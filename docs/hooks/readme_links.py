"""Links between the README's sections (`[Queries](#queries)`) lead, on this site, to the page
that includes the section; `validation: anchors: warn` makes --strict fail on any that does not.

The README's text arrives through pymdownx.snippets while Markdown is converted, after MkDocs'
page events; so the links are rewritten by a Markdown preprocessor that runs after the snippets
one, for the page that MkDocs is converting (pages are converted one at a time)."""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# A README section's anchor → the page of this site that includes the section.
PAGES = {
    "command-line": "command-line.md",
    "relations": "documents.md",
    "queries": "queries.md",
    "findings": "findings.md",
    "specsjson": "pages.md",
    "configuration-reference": "configuration.md",
    "generated-pages": "pages.md",
    "limits": "findings.md",
    "limits-and-bad-input": "findings.md",
    "development": "development.md",
    "compatibility": "getting-started.md",
    "presets-for-formats-teams-already-write": "presets.md",
    "status-normalization": "presets.md",
    "performance": "performance.md",
    "templates-and-style": "pages.md",
}

_LINK = re.compile(r"\]\(#([\w-]+)\)")
_page = {"src_uri": ""}


class _Relink(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        here = _page["src_uri"]

        def relink(match: re.Match[str]) -> str:
            target = PAGES.get(match.group(1))
            if target is None or target == here:
                return match.group(0)
            return f"]({'../' * here.count('/')}{target}#{match.group(1)})"

        return [_LINK.sub(relink, line) for line in lines]


class _RelinkExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Relink(md), "readme-links", 5)  # after snippets (32)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(_RelinkExtension())
    return config


def on_page_markdown(markdown: str, *, page: Any, **_: Any) -> str:
    _page["src_uri"] = page.file.src_uri
    return markdown
