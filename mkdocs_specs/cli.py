"""The ``mkdocs-specs`` command line: a thin adapter over the core, like the plugin.

It reads ``mkdocs.yml`` with MkDocs' own loader (so ``!ENV``, ``INHERIT`` and Material's tags
work), takes the specs plugin's options from it, lists the site's files as ``mkdocs build``
does and hands them to the same pipeline as the plugin. No site is built.
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import hashlib
import json
import logging
import os
import posixpath
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import click
import platformdirs
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import Files, get_files

from .catalogue.catalogue import Catalogue
from .mkdocs.config import SpecsConfig, build_core_settings, checked_export, checked_index_dir
from .mkdocs.files import collect_files, missing_templates, query_findings, template_findings
from .mkdocs.plugin import SpecsPlugin
from .model import Finding, SettingsError, Severity, visible
from .read.cache import ReadCache
from .read.files import DocsFolder
from .render.export import finding_record
from .render.markdown import GENERATED_MARK, MarkdownRenderer
from .render.new_document import ScaffoldError, new_document
from .render.pages import Link, plan_pages
from .settings.settings import Settings

JSON_VERSION = 1
"""Version of the ``check --format json`` object; raised when a field changes meaning or goes."""


class CommandError(click.ClickException):
    """A problem the user can fix, reported on one line without a traceback (exit status 1)."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"mkdocs-specs: error: {one_line(self.message)}", err=True)


class ConfigError(CommandError):
    """A usage or configuration problem: exit status 2, as click gives a wrong option."""

    exit_code = 2


def one_line(text: str) -> str:
    """``text`` on one line, with no control character left raw."""
    return visible(" ".join(text.split()))


def note(message: str) -> None:
    """A remark on stderr, out of the way of the output on stdout."""
    click.echo(f"mkdocs-specs: {one_line(message)}", err=True)


@dataclass
class Site:
    """A site as ``mkdocs.yml`` describes it, with the plugin's options and the catalogue."""

    config: MkDocsConfig
    options: SpecsConfig
    settings: Settings
    index_dir: str
    catalogue: Catalogue
    files: Files

    def shown_path(self, path: str) -> str:
        """A path of the docs folder as the user can open it: relative to the current
        directory, with forward slashes."""
        return shown(os.path.join(self.config.docs_dir, path))


def shown(path: str) -> str:
    """``path`` relative to the current directory, with forward slashes."""
    with contextlib.suppress(ValueError):  # on another drive (Windows): kept absolute
        path = os.path.relpath(path)
    return path.replace(os.sep, "/")


class _EchoMkDocsLog(logging.Handler):
    """Shows MkDocs' warnings on stderr and keeps its errors for the one-line message."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        else:
            note(f"warning: {message}")


@contextlib.contextmanager
def _mkdocs_log() -> Iterator[_EchoMkDocsLog]:
    handler = _EchoMkDocsLog()
    # "mkdocs", or "properdocs" when ProperDocs runs in MkDocs' place (its `mkdocs.*` modules
    # are its own and log under its name).
    logger = logging.getLogger(load_config.__module__.partition(".")[0])
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def cache_file(config_file: str) -> Path:
    """Where ``check`` keeps what it read of the site whose ``mkdocs.yml`` is ``config_file``:
    in the user's cache folder (``MKDOCS_SPECS_CACHE_DIR`` when set), never in the project."""
    folder = os.environ.get("MKDOCS_SPECS_CACHE_DIR") or platformdirs.user_cache_dir(
        "mkdocs-specs", appauthor=False
    )
    name = hashlib.blake2b(os.path.abspath(config_file).encode(), digest_size=16).hexdigest()
    return Path(folder) / f"check-{name}.pickle"


def load_site(config_file: str | None, strict: bool = False, cache: bool = False) -> Site:
    """Read ``mkdocs.yml`` and the documents of its docs folder; raises :class:`ConfigError`.

    With ``cache``, documents whose files are as they were at the last such call are taken
    from what it kept instead of being read again (see :func:`cache_file`)."""
    where = config_file or "mkdocs.yml"
    with _mkdocs_log() as log:
        try:
            # `strict` as `mkdocs build --strict`: configuration warnings fail too.
            config = load_config(config_file, strict=strict or None)
        except (ConfigurationError, Abort) as error:
            message = f"{where}: {'; '.join(log.errors) or error.format_message()}"
            raise ConfigError(message) from None
        except OSError as error:
            raise ConfigError(f"{where}: {error.strerror or error}") from None
        options = _plugin_options(config)
        try:
            index_dir = checked_index_dir(options.index_dir)
            checked_export(options.export)
            settings = build_core_settings(options, config.config_file_path)
            files = get_files(config)
            kept = cache_file(config.config_file_path) if cache else None
            read_cache = ReadCache.load(kept, settings) if kept else None
            catalogue = collect_files(files, config.docs_dir, settings, cache=read_cache)
        except SettingsError as error:
            raise ConfigError(f"{where}: specs: {error}") from None
    if kept and read_cache and read_cache.changed:
        with contextlib.suppress(OSError):  # a read-only home: the next run reads all again
            read_cache.save(kept)
    return Site(config, options, settings, index_dir, catalogue, files)


def _plugin_options(config: MkDocsConfig) -> SpecsConfig:
    """The options of the specs plugin, whatever name ``mkdocs.yml`` gives it."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SpecsPlugin):
            if not plugin.config.enabled:
                note("the specs plugin is disabled in mkdocs.yml; using its options all the same")
            return plugin.config
    note("mkdocs.yml does not use the specs plugin; using the plugin's default options")
    options = SpecsConfig()
    options.load_dict({})
    options.validate()
    return options


config_file_option = click.option(
    "-f",
    "--config-file",
    metavar="FILE",
    type=click.Path(),
    default=None,
    help="The MkDocs configuration file (default: ./mkdocs.yml, as mkdocs has it).",
)


@click.group(name="mkdocs-specs", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-specs", message="mkdocs-specs %(version)s")
def main() -> None:
    """Check spec documents, write new ones from their templates and export the index pages,
    with the settings of the specs plugin in mkdocs.yml."""


# --- check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """What ``check`` found, with paths as the user opens them."""

    site: Site
    findings: list[Finding]
    counts: Counter[Severity]

    @property
    def summary(self) -> str:
        documents = len(self.site.catalogue.documents)
        return ", ".join(
            _plural(n, word)
            for n, word in (
                (documents, "document"),
                (self.counts[Severity.ERROR], "error"),
                (self.counts[Severity.WARNING], "warning"),
            )
        )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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
            "documents": len(site.catalogue.documents),
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


_FORMATS: dict[str, Callable[[Report], None]] = {
    "text": _write_text,
    "json": _write_json,
    "github": _write_github,
}


@main.command()
@config_file_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(_FORMATS)),
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
@click.pass_context
def check(
    ctx: click.Context, config_file: str | None, output_format: str, strict: bool, no_cache: bool
) -> None:
    """Validate the documents without building the site.

    Exit status 1 when a finding is an error (with --strict, or strict: true in mkdocs.yml,
    also a warning), 2 for a usage or configuration error, 0 otherwise.
    """
    site = load_site(config_file, strict, cache=not no_cache)
    missing = missing_templates(site.catalogue, site.config.theme)
    found = [
        *site.catalogue.findings,
        *template_findings(site.catalogue, missing, site.settings),
        *query_findings(site.files, site.catalogue, site.settings),
    ]
    findings = list(dict.fromkeys(found))  # once each, as a build logs them
    counts = Counter(finding.severity for finding in findings)
    _FORMATS[output_format](Report(site, findings, counts))
    failing = counts[Severity.ERROR] + (counts[Severity.WARNING] if site.config.strict else 0)
    ctx.exit(1 if failing else 0)


# --- new ---------------------------------------------------------------------------------------


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


@main.command()
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


# --- index -------------------------------------------------------------------------------------


def _written_by_index(path: Path) -> bool:
    """Whether ``path`` is a page an earlier ``index`` wrote (its first line is the mark)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\r\n") == GENERATED_MARK
    except OSError:
        return False


@main.command()
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
def index(out: str, config_file: str | None, allow_docs_dir: bool) -> None:
    """Write the generated index pages as plain Markdown into DIR.

    The home, the relations page, and one page per status, owner and type, as the plugin
    builds them, linked to the
    documents in docs_dir and to each other by relative paths: for engines that run no MkDocs
    plugins. A page a former run wrote and this one does not is removed; a file in the way
    that this command did not write is never overwritten.
    """
    site = load_site(config_file)
    out_dir = Path(out).resolve()
    docs_dir = Path(site.config.docs_dir).resolve()
    if out_dir.is_relative_to(docs_dir) and not allow_docs_dir:
        raise ConfigError(
            f"--out {out} is inside docs_dir ({shown(site.config.docs_dir)}), where the plugin "
            "builds these pages itself; choose a folder outside it, or add --allow-docs-dir"
        )
    title = site.options.title
    specs = plan_pages(site.catalogue, site.index_dir, title)
    pages = {out_dir / posixpath.relpath(spec.path, site.index_dir): spec for spec in specs}
    in_the_way = [p for p in pages if p.exists() and not _written_by_index(p)]
    if in_the_way:
        raise CommandError(
            f"{shown(str(in_the_way[0]))} exists and was not written by mkdocs-specs index; "
            "not overwriting it (choose another --out)"
        )
    earlier = [
        out_dir / "index.md",
        out_dir / "relations.md",
        *(p for k in site.catalogue.kinds for p in (out_dir / k).glob("*.md")),
    ]
    stale = [p for p in earlier if p not in pages and _written_by_index(p)]
    renderer = MarkdownRenderer(site.catalogue, site.index_dir, title, site.config.theme.dirs)
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
        target = pages.get(src) or docs_dir / src
        return Markup(quote(os.path.relpath(target, folder).replace(os.sep, "/")))

    return link


if __name__ == "__main__":
    main()
