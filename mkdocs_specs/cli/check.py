"""``mkdocs-specs check``: validate the documents without building the site."""

from __future__ import annotations

from collections import Counter

import click

from ..mkdocs.files import (
    missing_templates,
    read_queries,
    site_advice,
    site_findings,
)
from ..model import Severity
from ..parse.containers import unread_containers
from .jobs import Workers, usable_cores
from .output import FORMATS, Report
from .site import config_file_option, load_site, note


@click.command()
@config_file_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="text: one line per finding and a summary; json: one object; github: workflow "
    "commands that annotate the files in a GitHub Actions run.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit status 1) on warnings too, as mkdocs build --strict does.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read every document, and keep nothing for the next run (by default, documents "
    "unchanged since the last check are not read again).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    default=None,
    help="Read the documents in N worker processes (default: one per usable core); 1 reads "
    "them in this process. A few hundred documents to read or fewer are read in this process.",
)
@click.pass_context
def check(
    ctx: click.Context,
    config_file: str | None,
    output_format: str,
    strict: bool,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Validate the documents without building the site.

    Exit status 1 when a finding is an error (with --strict, or strict: true in mkdocs.yml,
    also a warning), 2 for a usage or configuration error, 0 otherwise.
    """
    workers = Workers(jobs or usable_cores())
    site = load_site(config_file, strict, cache=not no_cache, read_many=workers)
    findings = site_findings(
        site.catalogue,
        site.settings,
        missing_templates(site.catalogue, site.config.theme),
        read_queries(
            site.files,
            site.catalogue,
            site.settings,
            unread=unread_containers(site.config.markdown_extensions),
        ),
    )
    for said in site_advice(site.files, site.catalogue, site.settings):
        note(said)
    counts = Counter(finding.severity for finding in findings)
    FORMATS[output_format](Report(site, findings, counts))
    failing = counts[Severity.ERROR] + (counts[Severity.WARNING] if site.config.strict else 0)
    ctx.exit(1 if failing else 0)
