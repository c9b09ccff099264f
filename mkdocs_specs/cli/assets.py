"""``mkdocs-specs assets``: the plugin's stylesheet and script as files of the docs folder, for
engines that run no MkDocs plugins (the Python-Markdown extension's cards, bars and tables, and
the pages of ``index --out``, use them)."""

from __future__ import annotations

import posixpath
from pathlib import Path

import click

from ..mkdocs.generated import ASSETS, SCRIPT, STYLESHEET
from .site import CommandError, config_file_option, load_config_only, shown


@click.command()
@click.option(
    "--out",
    metavar="DIR",
    type=click.Path(file_okay=False),
    default=None,
    help=f"Folder to write them into (default: {posixpath.dirname(STYLESHEET)} in docs_dir, "
    "where the plugin puts them in the site).",
)
@config_file_option
def assets(out: str | None, config_file: str | None) -> None:
    """Write the plugin's stylesheet and script (specs.css, specs.js) into the docs folder.

    For engines that run no MkDocs plugins, such as Zensical: list them in mkdocs.yml's
    extra_css and extra_javascript. At their default place, they are the files the plugin
    itself adds to a site, so a site that also builds with MkDocs can list them as they are.
    """
    folder = Path(out) if out else None
    if folder is None:
        config = load_config_only(config_file)
        folder = Path(config.docs_dir) / posixpath.dirname(STYLESHEET)
    for name in (STYLESHEET, SCRIPT):
        target = folder / posixpath.basename(name)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes((ASSETS / posixpath.basename(name)).read_bytes())
        except OSError as error:
            raise CommandError(
                f"{shown(str(target))}: cannot write it: {error.strerror or error}"
            ) from None
        click.echo(shown(str(target)))
