"""The README is the manual: it must name every option and every finding, and CI must run its
quick start as written."""

from __future__ import annotations

import re

import click
import pytest

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
from mkdocs_specs.settings.presets import PRESET_OPTIONS
from mkdocs_specs.settings.settings import Settings

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_finding_is_explained_with_its_default_severity(rule):
    assert re.search(rf"^\| `{rule}` \| {RULES[rule].severity.value} \| \S", README, re.M), rule


@pytest.mark.parametrize("option", sorted(name for name, _ in SpecsConfig._schema))
def test_every_plugin_option_is_documented(option):
    assert re.search(rf"^\| `{option}` \|", README, re.M), option


@pytest.mark.parametrize("option", sorted(name for name, _ in TypeOptions._schema))
def test_every_type_option_is_documented(option):
    assert re.search(rf"^\| `{option}` \|", README, re.M), option


@pytest.mark.parametrize("preset", sorted(PRESET_OPTIONS))
def test_every_preset_is_documented(preset):
    assert re.search(rf"^\| `{preset}` \|", README, re.M), preset


COMMAND_LINE = README.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]


def command_section(name: str) -> str:
    """The README's section on one command (the general part for the group itself)."""
    if name == "":
        return COMMAND_LINE.split("\n### ", 1)[0]
    return COMMAND_LINE.split(f"\n### `mkdocs-specs {name}", 1)[1].split("\n### ", 1)[0]


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
    assert f'"version": {JSON_VERSION},' in COMMAND_LINE


def test_ci_runs_the_quick_start_commands_as_written():
    quick_start = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in quick_start.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in commands:
        assert command in ci


LIMITS = README.split("\n## Limits and bad input\n", 1)[1].split("\n## ", 1)[0]


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
def test_the_limits_the_readme_lists_are_the_code_s(limit, written):
    assert written in LIMITS, limit
