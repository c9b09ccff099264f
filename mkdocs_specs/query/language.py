"""Query blocks: a ```` ```specs ```` block, in any page, that lists, counts or charts documents.

A block is a fenced code block whose info string is ``specs``, at the top level of a page or in
a list item, admonition, details block or content tab, outside other fences and HTML comments
(:func:`~mkdocs_specs.query.blocks.find_blocks`): fences and comments are read by
:class:`~mkdocs_specs.parse.fences.Fences`, as the scanner reads them, so a block shown inside
a ```` ````markdown ```` fence does not run. Its body is YAML, read by
:func:`~mkdocs_specs.parse.bounded_yaml.load_yaml` with its limits, whose shape :data:`SCHEMA`
checks through ``jsonschema``::

    where:
      status: [Draft, In Review]
      owner: alice
      updated: ">= 2025-03-01"
    sort: -updated
    limit: 5
    show: table
    columns: [title, status, owners, updated]

A query that cannot run is a ``bad-query`` finding on the file line of the problem, never an
exception. A host gets a page's findings with :func:`check_page`, or reads its blocks with
:func:`find_blocks` and :func:`read_query` and runs each query over the catalogue with
:func:`run_query`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema

from ..catalogue.catalogue import Catalogue
from ..check.fields import compile_schema, describe, field_name, is_date, sentence
from ..findings import Reporter
from ..model import DATE_FIELDS, Finding
from ..parse.bounded_yaml import Entry, load_yaml
from ..parse.text import split_lines
from ..read.reader import jsonable
from ..settings.aliases import normalize_key
from ..settings.settings import Settings
from .blocks import INFO, Block, find_blocks
from .fields import FIELD_GETTERS, FIELDS

RULE = "bad-query"


MAX_QUERY_BLOCKS = 100
"""Query blocks that run on one page: each may list every document, so a short page of many
blocks would otherwise make a page of hundreds of megabytes."""


SHOWS = ("table", "list", "count", "chart")


OPTIONS = ("where", "sort", "limit", "show", "columns")


OPERATORS = (">=", "<=", ">", "<", "!=", "=")


DEFAULT_COLUMNS = {
    "table": ("title", "id", "status", "owners", "updated", "progress"),
    "list": ("title", "status"),
}
"""The columns shown when a query names none; ``count`` and ``chart`` show no columns."""


_OPERATOR = re.compile(r"(>=|<=|!=|>|<|=)?\s*(.*)", re.DOTALL)
"""Matches a value without its outer white space (``.*?\\s*\\Z`` would cost the square of a
long run of spaces inside it)."""


# A value, or an operator and a value that does not start like another operator (`=>`, `==`).
_VALUE_PATTERN = r"^\s*(?:(?:>=|<=|!=|>|<|=)\s*[^<>=\s]|[^<>=!\s])"


_SORT_PATTERN = r"^-?\s*[^\s-]"


MAX_VALUES = 100
"""Values a ``where`` field may list: each is compared with every document."""


MAX_NAMES = 30
"""Fields ``sort`` and ``columns`` may list."""


_SCALAR = {"type": ["string", "number", "boolean"], "pattern": _VALUE_PATTERN}


_NAMES = {
    "type": ["string", "array"],
    "minLength": 1,
    "items": {"type": "string", "minLength": 1},
    "minItems": 1,
    "maxItems": MAX_NAMES,
}


SCHEMA: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"enum": list(OPTIONS)},
    "properties": {
        "where": {
            "type": "object",
            "additionalProperties": {
                **_SCALAR,
                "type": [*_SCALAR["type"], "array"],
                "items": _SCALAR,
                "minItems": 1,
                "maxItems": MAX_VALUES,
            },
        },
        "sort": {
            **_NAMES,
            "pattern": _SORT_PATTERN,
            "items": {"type": "string", "pattern": _SORT_PATTERN},
        },
        "limit": {"type": "integer", "minimum": 1},
        "show": {"enum": list(SHOWS)},
        "columns": _NAMES,
    },
}
"""The shape of a query's YAML."""


_VALIDATOR = compile_schema(SCHEMA)


@dataclass(frozen=True)
class Comparison:
    """One value a field is compared with."""

    operator: str
    """``=``, ``!=``, ``>=``, ``<=``, ``>`` or ``<``."""
    value: str | int | float | bool


@dataclass(frozen=True)
class Condition:
    """A field and the values it is compared with: any of the comparisons may hold."""

    field: str
    comparisons: tuple[Comparison, ...]
    references: bool = False
    """The field is a relation: its text is split into the references it holds."""


@dataclass(frozen=True)
class Order:
    """A sort key."""

    field: str
    descending: bool = False


@dataclass(frozen=True)
class Query:
    """A valid query: which documents, in which order, how many, shown how."""

    where: tuple[Condition, ...] = ()
    sort: tuple[Order, ...] = ()
    limit: int | None = None
    show: str = "table"
    columns: tuple[str, ...] = DEFAULT_COLUMNS["table"]


@dataclass(frozen=True)
class QueryBlock:
    """A block as read: its query, or ``None`` when it cannot run, and the findings."""

    block: Block
    query: Query | None
    findings: tuple[Finding, ...] = ()
    """With the severities the user gave ``bad-query``: empty when it is ignored."""


def read_query(
    path: str, block: Block, first_line: int, catalogue: Catalogue, settings: Settings
) -> QueryBlock:
    """Parse and check one block of the page at ``path``, whose lines start on file line
    ``first_line``."""
    report = Reporter(path, settings.severities)
    line = first_line + block.start
    if block.number >= MAX_QUERY_BLOCKS:
        if block.number == MAX_QUERY_BLOCKS:  # one finding for all of them
            report(
                RULE,
                line,
                f"this page has more than {MAX_QUERY_BLOCKS} query blocks, so this one and those "
                f"after it do not run; expected at most {MAX_QUERY_BLOCKS} on a page",
            )
        return QueryBlock(block, None, tuple(report.findings))
    if block.stray:
        report(
            RULE,
            line,
            f"this '{INFO}' fence is no query block, so it does not run; expected its opening "
            f"line to be just {INFO} after the backticks or tildes, at the top level of the page "
            "or in a list item, admonition, details block or content tab, indented as the "
            "text in it (not in a block quote)",
        )
        return QueryBlock(block, None, tuple(report.findings))
    if block.needs:
        report(
            RULE,
            line,
            "the query block is in a container that the site's Markdown does not read, so it "
            f"would show as code; expected '{block.needs}' in the site's Markdown extensions",
        )
        return QueryBlock(block, None, tuple(report.findings))
    if not block.closed:
        report(
            RULE,
            line,
            f"the query block is never closed; expected a line of {block.fence} after it",
        )
        return QueryBlock(block, None, tuple(report.findings))
    query = _Parser(report, line + 1, catalogue, settings).parse(block.body)
    return QueryBlock(block, query, tuple(report.findings))


def read_page(
    path: str,
    lines: Sequence[str],
    first_line: int,
    catalogue: Catalogue,
    settings: Settings,
    unread: Mapping[str, str] | None = None,
) -> list[QueryBlock]:
    """Every query block of a page, read: ``lines`` are its text as the host renders it
    (without the front matter the host took off), whose first is file line ``first_line``;
    ``unread`` are the containers the host's Markdown does not read (see
    :func:`~mkdocs_specs.query.blocks.find_blocks`)."""
    blocks = find_blocks(lines, unread)
    return [read_query(path, block, first_line, catalogue, settings) for block in blocks]


def check_page(
    path: str, markdown: str, first_line: int, catalogue: Catalogue, settings: Settings
) -> list[Finding]:
    """The findings of every query block of a page (see :func:`read_page`): what a build
    reports for the page."""
    read = read_page(path, split_lines(markdown), first_line, catalogue, settings)
    return [finding for query in read for finding in query.findings]


class _Parser:
    """Turns a block's YAML into a :class:`Query`, reporting every problem on its line."""

    def __init__(
        self, report: Reporter, first_line: int, catalogue: Catalogue, settings: Settings
    ) -> None:
        self.report = report
        self.first_line = first_line
        self.known = catalogue.fields
        self.settings = settings
        self.ok = True

    def parse(self, body: str) -> Query | None:
        loaded = load_yaml(body, self.first_line, "the query", RULE, self.report)
        if loaded.fields is None:
            return None
        entries = loaded.fields
        data = {key: jsonable(entry.value) for key, entry in entries.items()}
        errors = [(self._line(error, entries), error) for error in _VALIDATOR.iter_errors(data)]
        for line, error in sorted(errors, key=lambda pair: pair[0]):
            self.problem(line, _sentence(error))
        if not self.ok:
            return None
        show = data.get("show", "table")
        where = tuple(
            self._condition(key, value, entries["where"].inner.get(key))
            for key, value in data.get("where", {}).items()
        )
        sort = tuple(self._order(item, line) for item, line in self._names(entries, "sort"))
        columns = tuple(
            self._field(item, line, "column") for item, line in self._names(entries, "columns")
        )
        if not self.ok:  # an unknown field
            return None
        limit = int(data["limit"]) if "limit" in data else None  # JSON Schema takes 5.0 too
        return Query(where, sort, limit, show, columns or DEFAULT_COLUMNS.get(show, ()))

    def problem(self, line: int | None, message: str) -> None:
        self.ok = False
        self.report(RULE, line, message)

    def _line(self, error: jsonschema.ValidationError, entries: dict[str, Entry]) -> int:
        """The file line of what the error is about."""
        path = list(error.absolute_path)
        if not path and error.validator == "enum" and str(error.instance) in entries:
            return entries[str(error.instance)].line  # an unknown option: its own line
        entry = entries.get(str(path[0])) if path else None
        if entry is None:
            return self.first_line
        if len(path) > 1:
            inner = path[1] if isinstance(path[1], int) else str(path[1])
            return entry.inner.get(inner, entry.line)
        return entry.line

    def _names(self, entries: dict[str, Entry], option: str) -> list[tuple[str, int]]:
        """The names an option gives (one, or a list), each with its line."""
        entry = entries.get(option)
        if entry is None:
            return []
        if isinstance(entry.value, list):
            return [
                (str(name), entry.inner.get(i, entry.line)) for i, name in enumerate(entry.value)
            ]
        return [(str(entry.value), entry.line)]

    def _field(self, name: str, line: int | None, what: str) -> str:
        """The field a name means (through the aliases), or ``""`` after a finding."""
        field = normalize_key(name, self.settings.aliases)
        if field in FIELD_GETTERS or field in self.known or field in self.settings.link_fields:
            return field
        close = difflib.get_close_matches(field, [*FIELDS, *sorted(self.known)], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.problem(
            line or self.first_line,
            f"unknown {what} '{name}'{hint}; expected one of: {', '.join(FIELDS)}, "
            "or a metadata field that some document has",
        )
        return ""

    def _order(self, item: str, line: int) -> Order:
        descending = item.startswith("-")
        field = self._field(item[1:].strip() if descending else item.strip(), line, "sort field")
        return Order(field, descending)

    def _condition(self, name: str, value: Any, line: int | None) -> Condition:
        field = self._field(name, line, "field")
        comparisons = tuple(self._comparison(field, item, line) for item in _listed(value))
        return Condition(field, comparisons, references=field in self.settings.link_fields)

    def _comparison(
        self, field: str, value: str | int | float | bool, line: int | None
    ) -> Comparison:
        if not isinstance(value, str):
            return Comparison("=", value)
        match = _OPERATOR.match(value.strip())
        assert match is not None  # the pattern matches any text
        operand = match.group(2)
        if field in DATE_FIELDS and not is_date(operand):
            self.problem(
                line or self.first_line,
                f"'{field}' is compared with {operand!r}, which is not a date; expected a "
                "real date written YYYY-MM-DD (or YYYY-MM, or YYYY)",
            )
        if field == "type":
            named = self.settings.type_named(operand)
            operand = named.type.name if named is not None else operand
        return Comparison(match.group(1) or "=", operand)


def _sentence(error: jsonschema.ValidationError) -> str:
    """A plain sentence for an error in a query's shape."""
    value: Any = error.instance
    path = list(error.absolute_path)
    if not path and error.validator == "enum":
        return f"unknown option {describe(value)}; expected one of: {', '.join(OPTIONS)}"
    if path and path[0] == "where" and len(path) > 1:
        name = field_name(error)
        if error.validator == "pattern":
            return (
                f"'{name}' is {describe(value)}, which starts with no known operator; expected "
                f"a value, or one of {', '.join(OPERATORS)} followed by a value"
            )
        if error.validator in ("type", "minItems"):
            return f"'{name}' is {describe(value)}; expected a value or a list of values"
    if path and path[0] == "sort" and error.validator == "pattern":
        return (
            f"sort field {describe(value)} is not a field name; expected a field, with '-' "
            "before it for descending order"
        )
    return sentence(error, "option")


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
