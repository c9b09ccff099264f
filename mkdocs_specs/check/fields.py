"""A document's fields against its type's JSON Schema, checked by ``jsonschema`` and reported as
plain sentences.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any, Protocol

import jsonschema
from jsonschema.protocols import Validator
from referencing.exceptions import Unresolvable

from ..findings import Reporter
from ..model import DATE_FIELDS, SettingsError

HOST_FIELDS: dict[str, dict[str, Any]] = {
    "template": {"type": "string"},
    "hide": {"type": ["array", "string"], "items": {"type": "string"}},
    "search": {"type": "object"},
}
"""Front matter fields the site's engine reads itself, with the kinds it can use: MkDocs picks
a page's template by the name in ``template``, Material reads ``hide`` and ``search``; anything
else stops the whole build."""


MAX_OWNERS = 20
"""Owners one document may name: each owner has a page, so one file of thousands of names would
make thousands of pages. Past it, an ``invalid-field`` finding, and the first ones count."""


_TIMESTAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?"
    r" ?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?\Z"
)
"""A date and a time of day, as ISO 8601 and RFC 3339 write them (``2026-03-03T04:12:25Z``,
``2014-08-14T00:00:00.000Z``, ``2026-03-03 04:12+01:00``)."""


_HUMAN_DATES = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")
_HUMAN_MONTHS = ("%B %Y", "%b %Y", "%B, %Y", "%b, %Y")
_LOOSE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\Z")
_DAY_FIRST = re.compile(r"^(\d{2})[-/.](\d{1,2})[-/.](\d{4})\Z")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


def date_of(value: str) -> str | None:
    """A date field's value as the pages show it and queries compare it, from how people write
    it: a timestamp's date (``2026-03-03T04:12:25Z`` → ``2026-03-03``), an English date
    (``17 November 2015``, ``November 17, 2015``, ``2015/11/17``, ``(2015-11-17)``, and
    ``17-11-2015`` where the day cannot be the month → ``2015-11-17``) or month
    (``February 2016`` → ``2016-02``). ``None`` for anything else, which the schema then
    checks as a date."""
    text = value.strip().rstrip(".").strip()
    if text[:1] == "(" and text[-1:] == ")":  # `(2016-06-17)`
        text = text[1:-1].strip()
    if text.endswith(")") and "(" in text:  # `15 May 2017 (to reflect the implementation)`
        text = text[: text.rfind("(")].rstrip()
    match = _TIMESTAMP.match(text)
    if match is not None:
        return match.group(1) if is_date(match.group(1)) else None
    match = _LOOSE_ISO.match(text)
    if match is not None:  # `2023-10-3`
        day = "-".join(part.zfill(2) for part in match.groups())
        return day if is_date(day) else None
    match = _DAY_FIRST.match(text)
    if match is not None:  # `23-07-2014`; `05-07-2014` could be either
        day, month, year = match.groups()
        if int(day) <= 12:
            return None
        found = f"{year}-{month.zfill(2)}-{day}"
        return found if is_date(found) else None
    if not text[:1].isalnum() or len(text) > 40:
        return None
    text = _ORDINAL.sub(r"\1", text)  # `March 16th, 2021`
    for formats, shape in ((_HUMAN_DATES, "%Y-%m-%d"), (_HUMAN_MONTHS, "%Y-%m")):
        for pattern in formats:
            try:
                return datetime.datetime.strptime(text, pattern).strftime(shape)
            except ValueError:
                continue
    return None


_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")


def is_date(text: str) -> bool:
    """True for a date a date field holds, and a query compares with: ``YYYY-MM-DD``, or a
    month or year alone (``YYYY-MM``, ``YYYY``), which compare as the start of the dates in
    them."""
    if not _ISO_DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


def build_schema(
    statuses: tuple[str, ...],
    required: tuple[str, ...],
    id_pattern: str | None,
    extra: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The JSON Schema a type's fields must satisfy: the built-in fields, then the user's own."""
    properties: dict[str, Any] = {
        "id": {"type": "string", "minLength": 1},
        "title": {"type": ["string", "number"]},
        "type": {"type": "string"},
        "status": {"type": "string"},
        "owners": {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "minItems": 1,
            "maxItems": MAX_OWNERS,
        },
        **{name: {"type": "string", "format": "date"} for name in DATE_FIELDS},
        **HOST_FIELDS,
    }
    if statuses:
        properties["status"]["enum"] = list(statuses)
    if id_pattern:
        properties["id"]["pattern"] = id_pattern
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(required),
    }
    if not extra:
        return schema
    # The user's schema stays the root, so that its own `$ref: "#/$defs/..."` resolve.
    return {**extra, "allOf": [schema, *extra.get("allOf", [])]}


def compile_schema(schema: Mapping[str, Any]) -> Validator:
    """A validator for ``schema`` (draft 2020-12 unless it says otherwise), with format checks.

    Raises :class:`jsonschema.SchemaError` when the schema itself is invalid.
    """
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(dict(schema))
    # The draft's format checks, but a date may be a month or a year alone (`2016-02`).
    checker = jsonschema.FormatChecker(formats=())
    checker.checkers = {**cls.FORMAT_CHECKER.checkers}
    checker.checks("date")(lambda instance: not isinstance(instance, str) or is_date(instance))
    validator: Validator = cls(schema, format_checker=checker)
    return validator


def field_name(error: jsonschema.ValidationError, whole: str = "the metadata") -> str:
    """Where an error is, as a reader writes it: ``owners[1]``, ``where.status``."""
    path = list(error.absolute_path)
    if not path:
        return whole
    name = str(path[0])
    for part in path[1:]:
        name += f"[{part}]" if isinstance(part, int) else f".{part}"
    return name


def describe(value: Any) -> str:
    """A value as a sentence names it: ``'Draft'``, ``the number 3``, ``a list``."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty" if value is None else type(value).__name__


_KINDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def sentence(error: jsonschema.ValidationError, noun: str = "field") -> str:
    """A plain sentence for a schema error that names the field (or option: ``noun``) and
    what was expected."""
    name = field_name(error)
    value: Any = error.instance
    kind: Any = error.validator
    expected: Any = error.validator_value
    if kind == "enum":
        return f"{noun} '{name}' is {describe(value)}; expected one of: " + ", ".join(
            str(item) for item in expected
        )
    if kind == "format":
        shape = " (YYYY-MM-DD)" if expected == "date" else ""
        return (
            f"{noun} '{name}' is {describe(value)}, which is not a valid {expected}; "
            f"expected a real {expected}{shape}"
        )
    if kind == "pattern":
        return f"{noun} '{name}' is {describe(value)}; expected text matching {expected}"
    if kind == "type":
        wanted = " or ".join(
            _KINDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)
        )
        if name == "owners":
            wanted = "a name or a list of names"
        return f"{noun} '{name}' is {describe(value)}; expected {wanted}"
    if kind in ("minLength", "minItems"):
        return f"{noun} '{name}' is empty; expected a value"
    if kind == "maxItems":
        return f"{noun} '{name}' names {len(value)}; expected at most {expected}"
    if kind == "minimum":
        return f"{noun} '{name}' is {describe(value)}; expected at least {expected}"
    return f"{noun} '{name}' is {describe(value)}: {error.message}"


class FieldPlaces(Protocol):
    """Where a document's fields were read (:class:`~mkdocs_specs.read.metadata.Metadata`):
    what a finding on a field names."""

    @property
    def first_line(self) -> int | None:
        """Where the document keeps its metadata: where a missing field is reported."""

    def place(self, key: str) -> tuple[str | None, int | None]:
        """The file the field was read from when not the document itself (a sidecar), and its
        line there; for a field not read, the document and :attr:`first_line`."""


def check_fields(
    fields: Mapping[str, Any],
    meta: FieldPlaces,
    validator: Validator,
    placeholders: set[str],
    report: Reporter,
    where: str = "schema",
) -> None:
    """Validate ``fields``; ``placeholders`` are fields left as template placeholders, already
    reported, which are therefore not reported missing as well.

    Raises :class:`SettingsError` (naming the option ``where``) when the schema refers to
    something that does not exist: that is the configuration's fault, not the document's.
    """
    try:
        errors = list(validator.iter_errors(fields))
    except Unresolvable as error:
        raise SettingsError(f"{where}: cannot resolve the reference {error}") from None
    _report_errors(errors, meta, placeholders, report)


def _report_errors(
    errors: list[jsonschema.ValidationError],
    meta: FieldPlaces,
    placeholders: set[str],
    report: Reporter,
) -> None:
    reported: set[tuple[str, str]] = set()
    for error in errors:
        if error.validator == "required":
            wanted: Any = error.validator_value
            present: Any = error.instance
            for name in wanted:
                if name in present or name in placeholders or ("", name) in reported:
                    continue
                reported.add(("", name))
                report("missing-field", meta.first_line or 1, f"missing required field '{name}'")
            continue
        name = field_name(error)
        message = sentence(error)
        if (name, message) in reported:
            continue
        reported.add((name, message))
        top = str(error.absolute_path[0]) if error.absolute_path else ""
        path, line = meta.place(top)
        if path is not None:
            report("invalid-field", line, message, path=path)
        else:
            report("invalid-field", line or 1, message)
