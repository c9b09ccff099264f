"""The JSON Schema of the plugin's options (``mkdocs_specs/schemas/options.schema.json``), made
from the options themselves: ``python -m tests.options_schema`` writes it again.

The options are declared once, on ``SpecsConfig`` and the dataclasses of types and relations; the
schema is worked out from those declarations (type, default, choices, what may be null, as MkDocs
checks them), with the words of the reference pages (``docs/configuration.md``,
``docs/documents.md``) as descriptions. A hand-written copy would drift with the first new option;
tests/test_schemas.py fails when the committed file is not what this writes.

Where the build checks more than MkDocs does (a rule's name, a label's name, the export's
extension), the schema says so too, from the same tables the build reads: an editor then flags
what the build would refuse, and nothing else.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config

from mkdocs_specs.findings import RULES
from mkdocs_specs.labels.labels import ENGLISH, shipped
from mkdocs_specs.labels.plurals import CATEGORIES
from mkdocs_specs.mkdocs.config import AutoSwitch, RelationOptions, SpecsConfig, TypeOptions

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "mkdocs_specs" / "schemas" / "options.schema.json"
DOCS = ROOT / "docs"
COMMAND = "python -m tests.options_schema"

_JSON_TYPES = {bool: "boolean", int: "integer", str: "string", dict: "object", list: "array"}
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_CELL = re.compile(r"(?<!\\)\|")


def package_version() -> str:
    """The version in ``pyproject.toml``: the options of this release."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"$', text, re.M)
    assert found, "pyproject.toml has no version"
    return found.group(1)


def _words(page: str, heading: str | None, first_cell: str) -> dict[str, str]:
    """Option → the last cell of its row in the first table of ``page`` (under its H2
    ``heading``) whose first column is ``first_cell``; links become their text, since an
    editor cannot follow a link relative to the docs."""
    text = (DOCS / page).read_text(encoding="utf-8")
    if heading:
        text = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    table = text.split(f"\n| {first_cell} |", 1)[1].split("\n\n", 1)[0]
    words = {}
    for row in table.splitlines()[2:]:
        cells = [cell.strip() for cell in _CELL.split(row)[1:-1]]
        name = cells[0].strip("`")
        words[name] = _LINK.sub(r"\1", cells[-1]).replace("\\|", "|")
    return words


def _schema_of(option: BaseConfigOption[Any]) -> dict[str, Any]:
    """What an option accepts, without the null that MkDocs takes for "the default"."""
    if isinstance(option, c.Optional):
        return _schema_of(option.option)
    if isinstance(option, AutoSwitch):
        return {"enum": [*option.choices, True, False]}
    if isinstance(option, c.Choice):
        return {"enum": list(option.choices)}
    if isinstance(option, c.Type):
        kinds = option._type if isinstance(option._type, tuple) else (option._type,)
        names = [_JSON_TYPES[kind] for kind in kinds]
        return {"type": names[0] if len(names) == 1 else names}
    if isinstance(option, c.ListOfItems):
        return {"type": "array", "items": _schema_of(option.option_type)}
    if isinstance(option, c.DictOfItems):
        return {"type": "object", "additionalProperties": _schema_of(option.option_type)}
    if isinstance(option, c.SubConfig):
        return {"$ref": f"#/$defs/{_SUBCONFIGS[option.config_class]}"}
    raise TypeError(f"no JSON Schema for {option!r}: teach tests/options_schema.py this option")


def _takes_null(option: BaseConfigOption[Any]) -> bool:
    """Whether MkDocs takes ``null`` for the option (``enabled:`` with nothing after it): an
    ``Optional``, and a ``Type`` or ``Choice`` with a default, which null then means. Lists and
    maps refuse it."""
    if isinstance(option, c.Optional):
        return True
    if isinstance(option, c.OptionallyRequired):
        return option.default is not None or not option.required
    return False


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*kinds, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _labels() -> dict[str, Any]:
    """The ``labels`` option: each label of the English ones, a text, or for a label with a
    count a text per plural form of any shipped language."""
    forms = sorted({form for language in CATEGORIES.values() for form in language})
    per_form = {
        "type": "object",
        "properties": {form: {"type": "string"} for form in forms},
        "additionalProperties": False,
    }
    where = _words("configuration.md", "Labels and languages", "label")
    return {
        "type": "object",
        "properties": {
            key: {"description": f"{where[key]}; in English {json.dumps(text)}."}
            | (
                {"type": "string"}
                if isinstance(text, str)
                else {"anyOf": [{"type": "string"}, per_form]}
            )
            for key, text in shipped(ENGLISH).items()
        },
        "additionalProperties": False,
    }


_REFINED: dict[str, dict[str, Any]] = {
    # What the build refuses, with a message, beyond what MkDocs checks.
    "severity": {"propertyNames": {"enum": sorted(RULES)}},
    "export": {"pattern": r"^$|\.json$"},
}
"""Option → keywords added to what its declaration gives."""

_SUBCONFIGS: dict[type[Config], str] = {TypeOptions: "type", RelationOptions: "relation"}


def _options(config: type[Config], words: dict[str, str], defaults: bool) -> dict[str, Any]:
    properties = {}
    for name, option in config._schema:
        schema = _labels() if name == "labels" else _schema_of(option) | _REFINED.get(name, {})
        if _takes_null(option):
            schema = _nullable(schema)
        if defaults and option.default is not None:
            schema["default"] = option.default
        if name not in words:
            raise LookupError(
                f"option '{name}' of {config.__name__} has no row in the reference docs' table of "
                f"its options: document it there, then run `{COMMAND}`"
            )
        properties[name] = {"description": words[name], **schema}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def options_schema() -> dict[str, Any]:
    """The whole schema, as the committed file holds it."""
    options = _options(
        SpecsConfig, _words("configuration.md", "Plugin options", "option | default"), True
    )
    options["type"] = ["object", "null"]  # `- specs:` with nothing after it
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:mkdocs-specs:schema:options:{package_version()}",
        "title": "mkdocs.yml with the mkdocs-specs plugin",
        "description": (
            "The options of the `specs` entry of `plugins:` (docs: configuration.md). Every "
            "other key of mkdocs.yml and every other plugin is let through: their own schemas "
            "describe them."
        ),
        "$comment": f"Made from the plugin's options by `{COMMAND}`: do not edit by hand.",
        "type": "object",
        "properties": {"plugins": {"$ref": "#/$defs/plugins"}},
        "$defs": {
            "plugins": {
                "description": (
                    "MkDocs' `plugins:`, a list or a map of plugin name → options; empty for "
                    "MkDocs' default."
                ),
                "type": ["array", "object", "null"],
                "items": {"$ref": "#/$defs/entry"},
                "properties": {"specs": {"$ref": "#/$defs/options"}},
            },
            "entry": {
                "description": "An entry of the list: a plugin's name, or name → options.",
                "type": ["string", "object"],
                "properties": {"specs": {"$ref": "#/$defs/options"}},
            },
            "plugin": {
                "description": (
                    "The `specs` entry alone, in the shape Material for MkDocs gives each "
                    "plugin of its schema: `specs`, or `specs:` with its options."
                ),
                "oneOf": [
                    {"const": "specs"},
                    {
                        "type": "object",
                        "properties": {"specs": {"$ref": "#/$defs/options"}},
                        "required": ["specs"],
                        "additionalProperties": False,
                    },
                ],
            },
            "options": options,
            "type": {
                "description": "A document type, or changes to the preset of the same name.",
                **_options(
                    TypeOptions, _words("configuration.md", "Type options", "option"), False
                ),
            },
            "relation": {
                "description": "A field that links documents, or changes to a built-in relation.",
                **_options(RelationOptions, _words("documents.md", "Relations", "option"), False),
            },
        },
    }


def dumps(schema: dict[str, Any]) -> str:
    """The file's text."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA.write_text(dumps(options_schema()), encoding="utf-8")
    print(f"wrote {SCHEMA.relative_to(ROOT)}")
