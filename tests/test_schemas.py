"""The published JSON Schemas (``mkdocs_specs/schemas/``) are what the code writes and reads:
``specs.json`` and ``check --format json`` of real sites match theirs, and the options schema
accepts and refuses what the plugin does."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Iterator
from fnmatch import fnmatch
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft7Validator, Draft202012Validator
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import Config

from mkdocs_specs.cli import main
from mkdocs_specs.cli.output import JSON_VERSION
from mkdocs_specs.findings import COUNT_NAMES, RULES
from mkdocs_specs.mkdocs.config import (
    RelationOptions,
    SpecsConfig,
    TypeOptions,
    build_core_settings,
    checked_export,
)
from mkdocs_specs.model import SettingsError
from mkdocs_specs.render.export import EXPORT_VERSION

from . import options_schema
from .conftest import EXAMPLE, ROOT, Site, example_copy
from .docs import design, spec
from .test_command_line import RESIDUE, broken
from .test_format_presets import FORMATS, with_fixtures

SCHEMAS = files("mkdocs_specs") / "schemas"
NAMES = ("specs.schema.json", "check.schema.json", "options.schema.json")


def schema(name: str) -> dict[str, Any]:
    """A schema as the package ships it."""
    loaded: dict[str, Any] = json.loads(SCHEMAS.joinpath(name).read_text(encoding="utf-8"))
    return loaded


def objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every object of a schema, itself first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from objects(value)


def closed(published: dict[str, Any]) -> dict[str, Any]:
    """The schema with every record closed (``additionalProperties: true`` made ``false``): the
    published one lets a reader take keys that a later release adds within the version, this
    one checks that the schema names every key this release writes."""
    shut = copy.deepcopy(published)
    for node in objects(shut):
        if node.get("additionalProperties") is True:
            node["additionalProperties"] = False
    return shut


def problems(against: dict[str, Any], data: Any) -> list[str]:
    """Where ``data`` does not match the schema ``against``, one line each."""
    errors = Draft202012Validator(against).iter_errors(data)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def assert_matches(name: str, data: Any) -> None:
    """``data`` matches the published schema ``name``, and names no key that it does not."""
    published = schema(name)
    assert not problems(published, data), problems(published, data)[:5]
    unnamed = problems(closed(published), data)
    assert not unnamed, (
        f"the output has keys that {name} does not name; describe them in "
        f"mkdocs_specs/schemas/{name} (new keys keep the version): {unnamed[:5]}"
    )


# --- the schemas themselves -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_valid_2020_12_schema(name):
    published = schema(name)
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(published)


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("specs.schema.json", str(EXPORT_VERSION)),
        ("check.schema.json", str(JSON_VERSION)),
        ("options.schema.json", options_schema.package_version()),
    ],
)
def test_each_schema_names_its_version(name, version):
    published = schema(name)
    assert published["$id"].endswith(f":{version}")
    if "version" in published["properties"]:
        assert published["properties"]["version"] == {
            "description": "The version of this shape.",
            "const": int(version),
        }


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("specs.schema.json", "pages.md"),
        ("check.schema.json", "command-line.md"),
        ("options.schema.json", "configuration.md"),
    ],
)
def test_each_schema_is_named_on_its_page_of_the_docs(name, page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert f"`mkdocs_specs/schemas/{name}`" in text
    identifier = schema(name)["$id"]
    if name == "options.schema.json":  # named without the release, which changes often
        identifier = identifier.rsplit(":", 1)[0] + ":"
    assert f"`{identifier}`" in text


def test_the_schemas_are_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    globs = re.findall(r'"([^"]+)"', text.split("[tool.setuptools.package-data]", 1)[1])
    for name in NAMES:
        assert any(fnmatch(f"schemas/{name}", pattern) for pattern in globs), name


def test_a_finding_has_one_shape_in_both_outputs():
    def shape(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: shape(v) for k, v in node.items() if k != "description"}
        return node

    specs, check = schema("specs.schema.json"), schema("check.schema.json")
    assert shape(specs["$defs"]["finding"]) == shape(check["$defs"]["finding"])
    rule = specs["$defs"]["finding"]["properties"]["rule"]["pattern"]
    assert all(re.fullmatch(rule, name) for name in RULES)


# --- specs.json --------------------------------------------------------------------------------


def specs_json(built_site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built_site / "specs.json").read_text(encoding="utf-8"))
    return data


def test_the_example_site_s_specs_json_matches_its_schema(tmp_path, logs):
    config = load_config(config_file=str(example_copy(tmp_path, {"name": "mkdocs"})))
    build(config)
    logs.expect_findings()
    data = specs_json(Path(config.site_dir))
    assert_matches("specs.schema.json", data)
    assert data["counts"]["documents"] == 20 and data["counts"]["infos"] > 0


def test_specs_json_of_invalid_and_unreadable_documents_relations_and_sidecars(site: Site, logs):
    broken(site, relations={"extends": {"label": "Extends", "inverse": "extended_by"}})
    site.doc(
        "specs/006-next.md",
        spec("006-next").replace(
            "**Owner**", "**Depends On**: 001-ok, 404-gone\n**Extends**: 002-bad-status\n**Owner**"
        ),
    )
    site.doc("design/pay-12.md", design("PAY-12"))
    data = specs_json(site.build().site_dir)
    logs.expect_findings()
    assert_matches("specs.schema.json", data)
    records = {record["path"]: record for record in data["documents"]}
    assert records["specs/004-binary.md"]["readable"] is False
    assert records["changes/notes.md"]["id"] is None
    assert records["specs/006-next.md"]["relations"]["unresolved"]
    assert any(r.get("inverse") == "extended_by" for r in data["relations"])
    assert any(f["line"] is None for r in data["documents"] for f in r["findings"])


def test_specs_json_of_every_format_preset_with_members_and_sidecars(site: Site, logs):
    data = specs_json(with_fixtures(site, *FORMATS).build().site_dir)
    logs.expect_findings()
    assert_matches("specs.schema.json", data)
    assert any(record["members"] for record in data["documents"])
    members = [m for record in data["documents"] for m in record["members"]]
    assert any(m["sections"] for m in members)


# --- check --format json -----------------------------------------------------------------------


def test_check_json_of_valid_documents_matches_its_schema(site: Site, cli):
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout"))
    site.doc("design/pay-12.md", design("PAY-12"))
    data = cli.json()
    assert_matches("check.schema.json", data)
    assert data["findings"] == []


def test_check_json_of_invalid_documents_matches_its_schema(site: Site, cli):
    broken(site, severity={"placeholder": "info"})
    site.doc("specs/006-more.md", spec("006-more", status="In Progress", extra=RESIDUE))
    data = cli.json()
    assert_matches("check.schema.json", data)
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}


def test_check_json_of_the_example_site_matches_its_schema(tmp_path, monkeypatch):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    assert_matches("check.schema.json", json.loads(result.stdout))


# --- one vocabulary for counts -----------------------------------------------------------------


def test_both_outputs_count_findings_by_the_same_names_as_the_build_finds_them(
    site: Site, cli, logs
):
    broken(site, severity={"placeholder": "info"})
    site.doc("specs/006-more.md", spec("006-more", status="In Progress", extra=RESIDUE))
    checked = cli.json()["counts"]
    exported = specs_json(site.build().site_dir)["counts"]
    logs.expect_findings()
    names = ["documents", *COUNT_NAMES.values()]
    assert names == ["documents", "errors", "warnings", "infos"]
    assert {n: checked[n] for n in names} == {n: exported[n] for n in names}
    assert all(checked[n] > 0 for n in names)
    # The first names of check's counts stay for version 1, marked deprecated in its schema.
    counts = schema("check.schema.json")["properties"]["counts"]["properties"]
    for severity, name in COUNT_NAMES.items():
        assert checked[severity.value] == checked[name]
        assert counts[severity.value]["deprecated"] is True
        assert "deprecated" not in counts[name]


# --- the options -------------------------------------------------------------------------------

OPTIONS = schema("options.schema.json")
DEFS = OPTIONS["$defs"]
REGENERATE = (
    f"run `{options_schema.COMMAND}` to write mkdocs_specs/schemas/options.schema.json again "
    "from the plugin's options (a new option needs its row in the docs' table first: the schema "
    "takes its description from there)"
)


def test_the_options_schema_is_the_one_made_from_the_options():
    made = options_schema.dumps(options_schema.options_schema())
    committed = SCHEMAS.joinpath("options.schema.json").read_text(encoding="utf-8")
    assert committed == made, f"options.schema.json is not made from the options: {REGENERATE}"


def mkdocs_accepts(config_class: type[Config], name: str, value: Any) -> bool:
    """Whether MkDocs takes ``value`` for the option ``name``, as it checks ``mkdocs.yml``."""
    config = config_class()
    config.load_dict({name: value})
    failed, _ = config.validate()
    return not failed


def option_problems(data: Any, definition: str = "") -> list[str]:
    """Where ``data`` does not match the options schema (or one of its ``$defs``), which must
    give the same verdict read as draft 7, the draft of the editors' YAML language server."""
    against = {"$defs": DEFS, "$ref": f"#/$defs/{definition}"} if definition else OPTIONS
    found = problems(against, data)
    as_draft_7 = {**against, "$schema": "http://json-schema.org/draft-07/schema#"}
    assert Draft7Validator(as_draft_7).is_valid(data) == (not found), (definition, data)
    return found


def schema_accepts(definition: str, name: str, value: Any) -> bool:
    return not option_problems({name: value}, definition)


WRONG = {"boolean": "yes", "integer": "big", "string": 12, "object": ["x"], "array": "x"}
"""A value of another type, for each type an option may have."""


def probes(option: dict[str, Any]) -> list[Any]:
    """Values to try: null, the default, a value of each wrong type, each choice and one that
    is none."""
    values: list[Any] = [None, *WRONG.values()]
    if "default" in option:
        values.append(option["default"])
    for choices in (option.get("enum"), option.get("items", {}).get("enum")):
        if choices:
            values += [c for c in choices if c is not None] + ["bogus"]
    if option.get("items", {}).get("enum"):
        values += [[c] for c in option["items"]["enum"]] + [["bogus"]]
    values += [["x"], {"x": "y"}, "x", True, 3]
    return values


CONFIGS = [("options", SpecsConfig), ("type", TypeOptions), ("relation", RelationOptions)]
EVERY_OPTION = [(d, cls, name) for d, cls in CONFIGS for name, _ in cls._schema]


@pytest.mark.parametrize(("definition", "config_class", "name"), EVERY_OPTION)
def test_every_option_is_in_the_schema_and_takes_what_mkdocs_takes(definition, config_class, name):
    properties = DEFS[definition]["properties"]
    assert name in properties, f"{definition} option '{name}' is not in the schema: {REGENERATE}"
    option = properties[name]
    declared = dict(config_class._schema)[name]
    assert option.get("default") == declared.default
    refused_later = {"labels", "severity", "export"}  # the build checks them beyond MkDocs
    for value in probes(option):
        if isinstance(value, bool) and option.get("type") in ("integer", ["integer", "null"]):
            continue  # MkDocs takes `true` as an int (a bool is one in Python); the schema not
        mkdocs, ours = (
            mkdocs_accepts(config_class, name, value),
            schema_accepts(definition, name, value),
        )
        if name in refused_later and mkdocs and not ours:
            continue  # see test_what_the_schema_refuses_beyond_mkdocs_the_build_refuses
        assert mkdocs == ours, f"{definition}.{name} = {value!r}: MkDocs {mkdocs}, schema {ours}"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"severity": {"placehodler": "info"}}, "severity: unknown rule 'placehodler'"),
        ({"labels": {"home_tittle": "Specs"}}, "labels: unknown label 'home_tittle'"),
        ({"labels": {"home_title": {"one": "Spec"}}}, "labels.home_title: expected text"),
        ({"labels": {"documents": {"few": "x"}}}, "'few' is not a plural form"),
        ({"export": "specs.yaml"}, "export: 'specs.yaml' must be a .json file"),
    ],
)
def test_what_the_schema_refuses_beyond_mkdocs_the_build_refuses(options, message):
    assert option_problems({"plugins": [{"specs": options}]})
    config = SpecsConfig()
    config.load_dict(options)
    assert not config.validate()[0]
    with pytest.raises(SettingsError, match=re.escape(message)):
        build_core_settings(config, None)  # what the plugin and check read the options with
        checked_export(config.export)  # and the export's path


def test_the_schema_takes_every_label_rule_and_plural_form_the_build_takes():
    options = {
        "severity": {rule: "info" for rule in RULES},
        "labels": {"home_title": "Specs", "documents": {"one": "1 spec", "other": "{count} specs"}},
        "export": "data/all.json",
    }
    assert not option_problems({"plugins": [{"specs": options}]})
    config = SpecsConfig()
    config.load_dict(options)
    assert not config.validate()[0]
    build_core_settings(config, None)
    assert checked_export(config.export) == "data/all.json"
    assert not option_problems({"plugins": [{"specs": {"export": ""}}]})


class _AnyTag(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` as a YAML file: the Python and ``!ENV`` tags MkDocs takes are
    left as null, as an editor's language server leaves them to its own settings."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def yaml_blocks() -> list[tuple[str, str]]:
    """Every YAML block of the README and the docs, and where it is."""
    blocks = []
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for number, block in enumerate(re.findall(r"```ya?ml\n(.*?)```", text, re.DOTALL)):
            blocks.append((f"{page.relative_to(ROOT)}, YAML block {number + 1}", block))
    return blocks


BLOCKS = yaml_blocks()


@pytest.mark.parametrize(("where", "block"), BLOCKS, ids=[w for w, _ in BLOCKS])
def test_every_yaml_block_of_the_docs_is_yaml(where, block):
    # A reader copies them; one that is not YAML would hide a configuration from the test below.
    list(yaml.load_all(block, _AnyTag))


def sample_configs() -> list[tuple[str, Any]]:
    """Every YAML block of the docs and the README that configures plugins, and the example
    site's and the docs site's ``mkdocs.yml``."""
    samples = [
        (str(path.relative_to(ROOT)), yaml.load(path.read_text(encoding="utf-8"), _AnyTag))
        for path in (EXAMPLE / "mkdocs.yml", ROOT / "mkdocs.yml")
    ]
    for where, block in BLOCKS:
        try:
            documents = list(yaml.load_all(block, _AnyTag))
        except yaml.YAMLError:
            continue  # test_every_yaml_block_of_the_docs_is_yaml fails
        samples += [(where, d) for d in documents if isinstance(d, dict) and "plugins" in d]
    return samples


SAMPLES = sample_configs()


def test_the_samples_include_every_page_that_configures_the_plugin():
    pages = {where.split(",")[0] for where, _ in SAMPLES}
    assert {"README.md", "docs/configuration.md", "docs/recipes/formats.md"} <= pages
    assert len(SAMPLES) > 15


@pytest.mark.parametrize(("where", "config"), SAMPLES, ids=[w for w, _ in SAMPLES])
def test_the_schema_accepts_the_sample_configurations(where, config):
    assert not option_problems(config), (where, option_problems(config))


@pytest.mark.parametrize(
    "entry",
    [
        {"specs": {"card": "yes"}},
        {"specs": {"cards": True}},
        {"specs": {"presets": ["adr"]}},
        {"specs": {"nav": "home"}},
        {"specs": {"types": {"adr": {"paths": "decisions/*.md"}}}},
        {"specs": {"relations": {"blocks": {"acyclic": "yes"}}}},
    ],
)
def test_the_schema_refuses_what_mkdocs_refuses_or_warns_about(entry):
    assert option_problems({"plugins": [entry]})
    assert option_problems({"plugins": entry})
    assert option_problems(entry, "plugin")


def test_the_schema_lets_other_keys_and_plugins_through():
    config = {
        "site_name": "x",
        "theme": {"name": "material"},
        "plugins": ["search", {"tags": {"tags_file": "tags.md"}}, "specs"],
    }
    assert not option_problems(config)
    assert not option_problems({"plugins": {"search": None, "specs": None}})
    assert not option_problems({"plugins": [{"specs": None}]})
    assert not option_problems({"plugins": None})  # MkDocs' default plugins
    for entry in ("specs", {"specs": None}, {"specs": {"card": False}}):
        assert not option_problems(entry, "plugin")
    assert option_problems("search", "plugin")


def test_the_options_schema_reads_the_same_as_draft_7():
    for node in objects(OPTIONS):
        # Draft 7 reads nothing beside a `$ref`.
        assert "$ref" not in node or len(node) == 1, node
    Draft7Validator.check_schema({**OPTIONS, "$schema": "http://json-schema.org/draft-07/schema#"})
