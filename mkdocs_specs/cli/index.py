"""``mkdocs-specs index --out DIR``: the generated pages as plain Markdown, for engines that run no
MkDocs plugins.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from pathlib import Path
from urllib.parse import quote

import click
from markupsafe import Markup

from ..labels.labels import choose_language, language_note
from ..mkdocs.config import renders_mermaid, theme_language
from ..model import SettingsError
from ..render.markdown import GENERATED_MARK, MarkdownRenderer
from ..render.pages import PAGE_KINDS, Link, layout, plan_pages
from .site import CommandError, ConfigError, config_file_option, load_site, note, shown


def _written_by_index(path: Path) -> bool:
    """Whether ``path`` is a page an earlier ``index`` wrote (its first line is the mark)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\r\n") == GENERATED_MARK
    except OSError:
        return False


@click.command()
@click.option(
    "--out",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder to write the pages into; it plays the part of index_dir.",
)
@config_file_option
@click.option(
    "--allow-docs-dir",
    is_flag=True,
    help="Allow an --out inside docs_dir (refused by default: the plugin's own pages go there).",
)
@click.option(
    "--language",
    metavar="CODE",
    default=None,
    help="The language of the pages' labels (fr, pt-BR, ...; default: the theme's, "
    "as the plugin has it).",
)
def index(out: str, config_file: str | None, allow_docs_dir: bool, language: str | None) -> None:
    """Write the generated index pages as plain Markdown into DIR.

    The home, the relations page, and one page per status, owner and type, as the plugin
    builds them, linked to the
    documents in docs_dir and to each other by relative paths: for engines that run no MkDocs
    plugins. A page a former run wrote and this one does not is removed; a file in the way
    that this command did not write is never overwritten.
    """
    site = load_site(config_file, language=language)
    asked = language or theme_language(site.config.theme)
    if choose_language(asked) is None:
        note(language_note(asked))
    out_dir = Path(out).resolve()
    docs_dir = Path(site.config.docs_dir).resolve()
    if out_dir.is_relative_to(docs_dir) and not allow_docs_dir:
        raise ConfigError(
            f"--out {out} is inside docs_dir ({shown(site.config.docs_dir)}), where the plugin "
            "builds these pages itself; choose a folder outside it, or add --allow-docs-dir"
        )
    title = site.settings.labels.text("home_title")
    try:
        pages_layout = layout(site.catalogue, site.index_dir, site.options.group_pages)
    except SettingsError as error:
        raise ConfigError(f"specs: {error}") from None
    specs = plan_pages(site.catalogue, pages_layout, title)
    pages = {out_dir / posixpath.relpath(spec.path, site.index_dir): spec for spec in specs}
    in_the_way = [p for p in pages if p.exists() and not _written_by_index(p)]
    if in_the_way:
        raise CommandError(
            f"{shown(str(in_the_way[0]))} exists and was not written by mkdocs-specs index; "
            "not overwriting it (choose another --out)"
        )
    earlier = [
        *(out_dir / kind.file for kind in PAGE_KINDS if kind.file),
        *(p for k in site.catalogue.kinds for p in (out_dir / k).glob("*.md")),
    ]
    stale = [p for p in earlier if p not in pages and _written_by_index(p)]
    renderer = MarkdownRenderer(
        site.catalogue,
        pages_layout,
        title,
        site.config.theme.dirs,
        mermaid=renders_mermaid(site.options, site.config),
    )
    sources = {spec.path: target for target, spec in pages.items()}
    for target, spec in pages.items():
        text = renderer.page(spec, _markdown_link(target.parent, sources, docs_dir))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        except OSError as error:
            raise CommandError(
                f"{shown(str(target))}: cannot write it: {error.strerror or error}"
            ) from None
        click.echo(shown(str(target)))
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        note(f"removed {shown(str(path))}, a page of a group that is gone")


def _markdown_link(folder: Path, pages: dict[str, Path], docs_dir: Path) -> Link:
    """Source path → encoded relative URL from ``folder``: to a written page, or to a
    document in the docs folder."""

    def link(src: str) -> Markup:
        src, hash_, fragment = src.partition("#")
        target = pages.get(src) or docs_dir / src
        url = quote(os.path.relpath(target, folder).replace(os.sep, "/"))
        return Markup(url + hash_ + quote(fragment))

    return link
