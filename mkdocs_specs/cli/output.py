"""What ``check`` prints: one line per finding and a summary, one JSON object, or GitHub
workflow commands that annotate the files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import click

from ..findings import severity_counts, summary
from ..model import Finding, Severity, visible
from ..render.export import finding_record
from .site import Site, shown

JSON_VERSION = 1
"""Version of the ``check --format json`` object; raised when a field changes meaning or goes."""


@dataclass(frozen=True)
class Report:
    """What ``check`` found, with paths as the user opens them."""

    site: Site
    findings: list[Finding]
    counts: Counter[Severity]

    @property
    def summary(self) -> str:
        return summary(len(self.site.catalogue.local), self.findings)


def _write_text(report: Report) -> None:
    for finding in report.findings:
        line = f":{finding.line}" if finding.line else ""
        path = report.site.shown_path(finding.path)
        message = f"{path}{line}: {finding.severity.value}: {finding.message} [{finding.rule}]"
        click.echo(visible(message))
    click.echo(report.summary)


def _write_json(report: Report) -> None:
    site = report.site
    data = {
        "version": JSON_VERSION,
        "config_file": shown(site.config.config_file_path or "mkdocs.yml"),
        "docs_dir": shown(site.config.docs_dir),
        "counts": {
            "documents": len(site.catalogue.local),
            **severity_counts(report.counts),
            # The names of version 1's first releases, deprecated: gone in version 2.
            **{severity.value: report.counts[severity] for severity in Severity},
        },
        "findings": [
            finding_record(finding)
            | {
                "path": visible(site.shown_path(finding.path)),
                "message": visible(finding.message),
            }
            for finding in report.findings
        ],
    }
    click.echo(json.dumps(data, indent=2))


_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (``%``, CR, LF); any
    other control character is written out."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A workflow command's property value: as :func:`github_data`, and ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def _write_github(report: Report) -> None:
    for finding in report.findings:
        properties = [f"file={github_property(report.site.shown_path(finding.path))}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={github_property(finding.rule)}")
        command = _GITHUB_COMMANDS[finding.severity]
        click.echo(f"::{command} {','.join(properties)}::{github_data(finding.message)}")
    click.echo(report.summary)


FORMATS: dict[str, Callable[[Report], None]] = {
    "text": _write_text,
    "json": _write_json,
    "github": _write_github,
}
