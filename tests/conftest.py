"""Fixtures: a small site-writing DSL, real MkDocs builds, the command line, and a guard on
warnings.

Every test fails when MkDocs or the plugin logs a warning or an error that the test did not
declare with ``logs.expect(...)``.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_specs.cli import main
from mkdocs_specs.read.reader import DocumentReader

from . import (
    HOST,
    fuzzing,  # noqa: F401 - loads the hypothesis profile
)
from .browser import TALLY
from .guard import logs  # noqa: F401 - the autouse guard on warnings
from .html import Node, parse

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# `mkdocs-specs check` keeps what it read in the user's cache folder: the suite's runs keep
# theirs in a folder of their own.
if "MKDOCS_SPECS_CACHE_DIR" not in os.environ:
    os.environ["MKDOCS_SPECS_CACHE_DIR"] = tempfile.mkdtemp(prefix="mkdocs-specs-cache-")
    atexit.register(shutil.rmtree, os.environ["MKDOCS_SPECS_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "mkdocs_specs" / "seeds"
EXAMPLE = ROOT / "example-site"
MKDOCS = [sys.executable, "-m", HOST]
"""The command line of MkDocs, or of ProperDocs when the suite runs under it."""


@dataclass
class Built:
    """A built site."""

    site_dir: Path

    def html(self, path: str) -> str:
        """The text of a file of the built site."""
        return (self.site_dir / path).read_text(encoding="utf-8")

    def page(self, path: str) -> Node:
        """A built page, parsed."""
        return parse(self.html(path))

    def content(self, path: str) -> Node:
        """The generated part of a plugin page (`.specs-page`), or the card of a document."""
        page = self.page(path)
        found = page.find_all(class_="specs-page") or page.find_all(class_="specs-card")
        assert found, f"{path} has no mkdocs-specs content"
        return found[0]

    def pages(self) -> list[Path]:
        """Every HTML page of the site."""
        return sorted(self.site_dir.rglob("*.html"))


class Site:
    """A site in a temporary folder: ``doc()`` writes documents, ``build()`` builds it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        self.docs.mkdir()
        # The theme is named: ProperDocs warns when it is not.
        self.options: dict[str, Any] = {
            "site_name": "Test",
            "theme": {"name": "mkdocs"},
            "plugins": ["specs"],
        }

    def doc(self, path: str, content: str | bytes) -> Path:
        """Write a file of the docs folder; text is dedented."""
        target = self.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return target

    def config(self, **options: Any) -> None:
        """Set `mkdocs.yml` options (plugins, theme, nav, ...)."""
        self.options.update(options)

    def plugin(self, **options: Any) -> None:
        """Configure the specs plugin, keeping other plugins."""
        self.options["plugins"] = [
            {"specs": options} if p == "specs" or (isinstance(p, dict) and "specs" in p) else p
            for p in self.options["plugins"]
        ]

    def write_config(self) -> Path:
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(self.options, sort_keys=False), encoding="utf-8")
        return path

    def build(self, strict: bool = False) -> Built:
        """Build in this process with real MkDocs, as `mkdocs build` does."""
        config = load_config(config_file=str(self.write_config()), strict=strict)
        build(config)
        return Built(Path(config.site_dir))

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real `mkdocs` command line in the site's folder."""
        self.write_config()
        return subprocess.run(
            [*MKDOCS, *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "NO_COLOR": "1"},
        )


def example_config(theme: dict[str, Any], show_findings: str = "always") -> str:
    """The example site's `mkdocs.yml` with another theme (and when to show findings)."""
    text = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    head, rest = text.split("\ntheme:\n", 1)
    _, tail = rest.split("\nmarkdown_extensions:", 1)
    assert "show_findings: always" in tail
    tail = tail.replace("show_findings: always", f"show_findings: {show_findings}")
    theme_yaml = yaml.safe_dump({"theme": theme}, sort_keys=False)
    return f"{head}\n{theme_yaml}\nmarkdown_extensions:{tail}"


def example_copy(root: Path, theme: dict[str, Any], show_findings: str = "always") -> Path:
    """A copy of the example site in ``root`` (its documents and test reports); returns its
    config file."""
    shutil.copytree(EXAMPLE / "docs", root / "docs")
    shutil.copytree(EXAMPLE / "test-results", root / "test-results")
    shutil.copytree(EXAMPLE / "external", root / "external")  # another site's specs.json
    config = root / "mkdocs.yml"
    config.write_text(example_config(theme, show_findings), encoding="utf-8")
    return config


def git(root: Path, *args: str, day: str = "2025-01-01", author: str = "Ann") -> str:
    """Git in ``root`` as ``author``, on ``day`` (author and commit date), with no settings of
    the machine's."""
    stamp = f"{day}T12:00:00+00:00"
    email = author.split()[0].lower() + "@example.org"
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root),
    }
    done = subprocess.run(
        ["git", *args], cwd=root, env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout


EXAMPLE_HISTORY: list[tuple[str, str, dict[str, str]]] = [
    # (day, author, {file: the status it had that day}): the example's files as they were, from
    # the first commit on; a file not named has its status of today, and the last commit gives
    # every file as it is.
    (
        "2025-03-03",
        "Ana Lima",
        {
            "specs/002-merchant-api-keys.md": "Draft",
            "specs/003-refund-api.md": "Draft",
            "design/ref-7.md": "Draft",
            "design/notif-2/metadata.yaml": "Draft",
            "changes/refund-partial-amounts.md": "Open",
        },
    ),
    (
        "2025-04-14",
        "Ben Okafor",
        {
            "specs/002-merchant-api-keys.md": "In Review",
            "specs/003-refund-api.md": "In Review",
            "design/ref-7.md": "In Review",
            "design/notif-2/metadata.yaml": "Draft",
            "changes/refund-partial-amounts.md": "Open",
        },
    ),
    (
        "2025-05-02",
        "Chloé Martin",
        {
            "specs/002-merchant-api-keys.md": "Approved",
            "specs/003-refund-api.md": "Approved",
            "changes/refund-partial-amounts.md": "In Review",
        },
    ),
    ("2025-06-11", "Ana Lima", {}),
]
"""A history of the example site, in four commits: specifications drafted, reviewed, approved
and started; a design approved, another left in review; a change request reviewed and merged."""

_STATUS_LINE = re.compile(r"^(\*\*Status\*\*: |status: ).*$", re.MULTILINE)


def example_history(root: Path, theme: dict[str, Any], show_findings: str = "always") -> Path:
    """A copy of the example site (``example_copy``) in a git repository of its own, whose
    commits tell ``EXAMPLE_HISTORY``; returns its config file."""
    config = example_copy(root, theme, show_findings)
    docs = root / "docs"
    named = sorted({path for _, _, then in EXAMPLE_HISTORY for path in then})
    today = {path: (docs / path).read_text(encoding="utf-8") for path in named}
    git(root, "init", "-q")
    for day, author, then in EXAMPLE_HISTORY:
        for path, text in today.items():
            if path in then:
                status = then[path]
                text, found = _STATUS_LINE.subn(rf"\g<1>{status}", text, 1)
                assert found, path
            (docs / path).write_text(text, encoding="utf-8")
        git(root, "add", "-A", day=day, author=author)
        git(root, "commit", "-q", "-m", f"Specs of {day}", day=day, author=author)
    return config


def strict_fails_until_lowered(site: Site, path: str, rule: str) -> None:
    """`mkdocs build --strict` fails on ``path``'s finding of ``rule``, and passes once the
    rule's severity is lowered to info."""
    failed = site.run("build", "--strict")
    assert failed.returncode != 0
    assert path in failed.stderr
    assert f"[{rule}]" in failed.stderr
    options = site.options["plugins"][0]["specs"]
    site.plugin(**options, severity={rule: "info"})
    passed = site.run("build", "--strict")
    assert passed.returncode == 0, passed.stderr


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


class Cli:
    """Runs the command line in the site's folder, as a user in a terminal does."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def __call__(self, *args: str) -> Result:
        self.site.write_config()
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    def json(self, *args: str) -> dict:
        result = self("check", "--format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)


@pytest.fixture
def cli(site: Site, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.chdir(site.root)
    return Cli(site)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TALLY.screenshots is not None:
        terminalreporter.write_line(
            f"browser: {TALLY.checks} checks on {len(TALLY.pages)} pages; "
            f"screenshots in {TALLY.screenshots}"
        )


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the core reads (decodes, scans and validates), in order: what a cache did not
    give."""
    seen: list[str] = []
    original = DocumentReader.read

    def counting(self: DocumentReader, path: str, *args: object, **kwargs: object) -> object:
        seen.append(path)
        return original(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DocumentReader, "read", counting)
    return seen
