"""``mkdocs-specs new TYPE "Title"``: a new document from its type's template, with the next
free ID."""

from __future__ import annotations

import datetime
import getpass
import os
import subprocess

import click

from ..model import visible
from ..read.files import DocsFolder
from ..render.new_document import ScaffoldError, new_document
from .site import CommandError, ConfigError, config_file_option, load_site, note, shown


def default_owner(folder: str) -> str | None:
    """``git config user.name`` as seen from ``folder``, else the OS user, else ``None``."""
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        name = result.stdout.strip() if result.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no such user, or no way to tell
            return None
    return name


@click.command()
@click.argument("doc_type", metavar="TYPE")
@click.argument("title")
@config_file_option
@click.option(
    "--id", "doc_id", metavar="ID", help="The new document's ID (default: the next free one)."
)
@click.option(
    "--owner",
    "owners",
    metavar="NAME",
    multiple=True,
    help="An owner; repeat for several (default: git config user.name, else the OS user).",
)
@click.option("--status", metavar="STATUS", help="The status (default: the type's first status).")
@click.option(
    "--path",
    "where",
    metavar="PATH",
    help="Where to write, relative to docs_dir: a folder, or a .md file "
    "(default: the folder of the type's first paths pattern).",
)
@click.option("--dry-run", is_flag=True, help="Print the document instead of writing it.")
def new(
    doc_type: str,
    title: str,
    config_file: str | None,
    doc_id: str | None,
    owners: tuple[str, ...],
    status: str | None,
    where: str | None,
    dry_run: bool,
) -> None:
    """Write a new document of TYPE titled TITLE from the type's template.

    It gets the next free ID, the first status, its owner and today's date where the
    template keeps them, or in front matter. An existing file is never overwritten.
    """
    site = load_site(config_file)
    compiled = site.settings.type_named(doc_type)
    if compiled is None:
        known = ", ".join(site.settings.compiled)
        raise ConfigError(f"unknown type '{doc_type}'; expected one of: {known}")
    title = title.strip()
    if not title or visible(title) != title:
        raise ConfigError("TITLE must be one line of text")
    for option, values, splits in (
        ("--owner", owners, (",", ";", " and ", " | ")),
        ("--status", (status,) if status else (), (" | ",)),
        ("--id", (doc_id,) if doc_id else (), (" | ", ",", "/", "\\")),
    ):
        for value in values:
            if not value.strip() or visible(value) != value or any(s in value for s in splits):
                raise ConfigError(
                    f"{option} must be one line of text without {', '.join(map(repr, splits))}"
                    " (give --owner once per owner)"
                    if option == "--owner"
                    else f"{option} must be one line of text without "
                    + ", ".join(map(repr, splits))
                )
    if not owners:
        owner = default_owner(os.path.dirname(site.config.config_file_path or "") or ".")
        owners = (owner,) if owner else ()
    try:
        document = new_document(
            site.settings,
            compiled,
            site.catalogue.documents,
            title,
            today=datetime.date.today().isoformat(),
            doc_id=doc_id,
            status=status,
            owners=owners,
            where=where,
            read_sidecar=DocsFolder(
                site.config.docs_dir, site.settings.max_file_size
            ).read_if_exists,
        )
    except ScaffoldError as error:
        raise ConfigError(str(error)) from None
    target = os.path.join(site.config.docs_dir, document.path)
    exists = CommandError(
        f"{shown(target)} already exists; not overwriting it (choose another --id, title or --path)"
    )
    if dry_run:
        if os.path.exists(target):
            raise exists
        click.echo(document.text, nl=False)
        note(f"would write {shown(target)}")
    else:
        cannot = f"{shown(target)}: cannot write it: "
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        except OSError as error:  # a file where the folder should be, say
            raise CommandError(cannot + str(error.strerror or error)) from None
        try:
            with open(target, "x", encoding="utf-8", newline="") as handle:
                handle.write(document.text)
        except FileExistsError:
            raise exists from None
        except OSError as error:
            raise CommandError(cannot + str(error.strerror or error)) from None
        click.echo(shown(target))
    for finding in document.errors:
        note(f"the new document still needs: {finding}")
