"""The documentation site's pages are the reference: each must name every option, finding, preset
and limit it is about, with the code's values; and CI must run the README's quick start as
written."""

from __future__ import annotations

import re

import click
import pytest
import yaml

from mkdocs_specs.check.fields import MAX_OWNERS
from mkdocs_specs.cli import main
from mkdocs_specs.cli.output import JSON_VERSION
from mkdocs_specs.findings import MAX_FINDINGS_PER_RULE, RULES
from mkdocs_specs.mkdocs.config import SpecsConfig, TypeOptions
from mkdocs_specs.parse.bounded_yaml import MAX_YAML_DEPTH, MAX_YAML_VALUES
from mkdocs_specs.parse.outline import LONG_LINE
from mkdocs_specs.query.language import MAX_NAMES, MAX_QUERY_BLOCKS, MAX_VALUES
from mkdocs_specs.read.discovery import PEEK_BYTES
from mkdocs_specs.read.statuses import MAX_STATUS_LENGTH
from mkdocs_specs.render.diagram import MAX_GRAPH_NODES, MAX_NEIGHBOURS
from mkdocs_specs.render.export import EXPORT_VERSION
from mkdocs_specs.settings.presets import PRESET_OPTIONS
from mkdocs_specs.settings.settings import Settings

from .conftest import ROOT

DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def page(name: str) -> str:
    """The Markdown of a page of the documentation site."""
    return (DOCS / name).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The part of a page under its H2 ``heading``, up to the next H2."""
    parts = text.split(f"\n## {heading}\n", 1)
    assert len(parts) == 2, f"no section '## {heading}'"
    return parts[1].split("\n## ", 1)[0]


FINDINGS = section(page("findings.md"), "Findings")
LIMITS = section(page("findings.md"), "Limits and bad input")
PLUGIN_OPTIONS = section(page("configuration.md"), "Plugin options")
TYPE_OPTIONS = section(page("configuration.md"), "Type options")
PRESETS = page("presets.md")
COMMAND_LINE = page("command-line.md")


def table_row(first_cell: str, text: str) -> bool:
    """Whether ``text`` has a table row whose first cell is ``first_cell`` in backticks."""
    return re.search(rf"^\| `{re.escape(first_cell)}` \|", text, re.M) is not None


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_finding_is_explained_with_its_default_severity(rule):
    assert re.search(rf"^\| `{rule}` \| {RULES[rule].severity.value} \| \S", FINDINGS, re.M), rule


@pytest.mark.parametrize("option", sorted(name for name, _ in SpecsConfig._schema))
def test_every_plugin_option_is_documented(option):
    assert table_row(option, PLUGIN_OPTIONS), option


@pytest.mark.parametrize("option", sorted(name for name, _ in TypeOptions._schema))
def test_every_type_option_is_documented(option):
    assert table_row(option, TYPE_OPTIONS), option


@pytest.mark.parametrize("preset", sorted(PRESET_OPTIONS))
def test_every_preset_is_documented(preset):
    assert table_row(preset, PRESETS), preset


def command_section(name: str) -> str:
    """The command line page's section on one command (its opening for the group itself)."""
    if name == "":
        return COMMAND_LINE.split("\n## ", 1)[0]
    return COMMAND_LINE.split(f"\n## `mkdocs-specs {name}", 1)[1].split("\n## ", 1)[0]


CLI_OPTIONS = [
    (name, opt)
    for name, command in [("", main), *sorted(main.commands.items())]
    for param in command.params
    if isinstance(param, click.Option)
    for opt in param.opts
]


@pytest.mark.parametrize(("command", "option"), CLI_OPTIONS)
def test_every_command_line_option_is_documented_with_its_command(command, option):
    first_cell = rf"^\| (?:`[^`]*`, )*`{re.escape(option)}[ `]"
    assert re.search(first_cell, command_section(command), re.M), option


def test_the_json_output_is_documented_with_its_version():
    assert f'"version": {JSON_VERSION},' in command_section("check")


def test_specs_json_is_documented_with_its_version():
    assert f'"version": {EXPORT_VERSION},' in section(page("pages.md"), "specs.json")


def quick_start(text: str) -> list[str]:
    """The commands of the first bash block under a `## Quick start` heading."""
    block = text.split("\n## Quick start\n", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_ci_runs_the_quick_start_commands_as_written():
    commands = quick_start(README)
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci


def test_the_getting_started_page_has_the_readme_s_quick_start():
    assert quick_start(page("getting-started.md")) == quick_start(README)


@pytest.mark.parametrize(
    ("limit", "written"),
    [
        ("max_file_size", f"{Settings().max_file_size // 1024 // 1024} MiB"),
        ("MAX_YAML_VALUES", f"| {MAX_YAML_VALUES:,}, counting"),
        ("MAX_YAML_DEPTH", f"| {MAX_YAML_DEPTH} levels"),
        ("LONG_LINE", f"| {LONG_LINE:,} characters |"),
        ("MAX_FINDINGS_PER_RULE", f"| {MAX_FINDINGS_PER_RULE} |"),
        ("MAX_STATUS_LENGTH", f"misspellings) | {MAX_STATUS_LENGTH:,} characters |"),
        ("MAX_OWNERS", f"| {MAX_OWNERS} (each owner"),
        ("MAX_QUERY_BLOCKS", f"| Query blocks on one page | {MAX_QUERY_BLOCKS} |"),
        ("MAX_VALUES", f"`where` field | {MAX_VALUES} |"),
        ("MAX_NAMES", f"`columns` | {MAX_NAMES} |"),
        ("MAX_GRAPH_NODES", f"relations page | {MAX_GRAPH_NODES} |"),
        ("MAX_NEIGHBOURS", f"card's diagram | {MAX_NEIGHBOURS} |"),
        ("PEEK_BYTES", f"first {PEEK_BYTES // 1024} KB"),
    ],
)
def test_the_limits_the_findings_page_lists_are_the_code_s(limit, written):
    assert written in LIMITS, limit


RECIPES = dict(
    re.findall(r"\n## ([^\n]+)\n\n```yaml\n(.*?)```", page("recipes/formats.md"), re.DOTALL)
)


@pytest.mark.parametrize("heading", RECIPES)
def test_each_format_recipe_is_settings_mkdocs_takes(heading: str, site, cli) -> None:
    """Every block of the formats recipes, as written, is settings the plugin accepts."""
    settings = yaml.safe_load(RECIPES[heading])
    (plugin,) = settings.pop("plugins")
    site.config(**settings)
    site.plugin(**plugin["specs"])
    result = cli("check")
    assert result.exit_code == 0, result.output
