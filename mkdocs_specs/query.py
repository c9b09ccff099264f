"""Query blocks: a ```` ```specs ```` block, in any page, that lists, counts or charts documents.

A block is a fenced code block whose info string is ``specs``, indented at most three spaces,
outside other fences and HTML comments: fences and comments are read by
:class:`~mkdocs_specs.outline.Fences`, as the scanner reads them, so a block shown inside a
```` ````markdown ```` fence does not run. Its body is YAML, read by
:func:`~mkdocs_specs.metadata.load_yaml` with its limits, whose shape :data:`SCHEMA` checks
through ``jsonschema``::

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

import datetime
import difflib
import json
import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from .catalogue import Catalogue, Group
from .doctypes import Settings
from .document import jsonable
from .metadata import Entry, load_yaml, normalize_key
from .model import QUERY_INFO, Document, Finding, squash
from .outline import Code, Fences, split_lines
from .relations import reference_names
from .rules import Reporter
from .validate import compile_schema, describe, field_name, sentence

RULE = "bad-query"
INFO = QUERY_INFO
"""The info string that makes a fenced code block a query block."""

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

_FIELDS: dict[str, Callable[[Document], Any]] = {
    "title": lambda d: d.title,
    "id": lambda d: d.id,
    "type": lambda d: d.type,
    "status": lambda d: d.status,
    "owners": lambda d: list(d.owners),
    "created": lambda d: d.created,
    "updated": lambda d: d.updated,
    "path": lambda d: d.path,
    "progress": lambda d: d.progress.percent if d.progress else None,
    "done": lambda d: d.progress.done,
    "total": lambda d: d.progress.total,
    "open": lambda d: d.progress.open,
    "valid": lambda d: d.valid,
}
FIELDS = tuple(_FIELDS)
"""Fields every document has, besides its own metadata fields: ``progress`` is the whole percent
of its checklist (none without a checklist), ``done``, ``total`` and ``open`` count its items,
``valid`` is true when it has no error."""

_LOOSE = ("type", "status", "owners")
"""Fields whose text is compared ignoring case, spaces, hyphens and underscores."""

_DATES = ("created", "updated")
"""Fields that hold dates: a query compares them with real dates only."""
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_OPERATOR = re.compile(r"(>=|<=|!=|>|<|=)?\s*(.*)", re.DOTALL)
"""Matches a value without its outer white space (``.*?\\s*\\Z`` would cost the square of a
long run of spaces inside it)."""
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}

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
class Block:
    """A query block found in a list of lines."""

    start: int
    """Index of the opening fence in the lines."""
    end: int
    """Index of the closing fence, or of the last line when the block is never closed."""
    fence: str
    """The run of backticks or tildes that opened it."""
    body: str
    closed: bool = True
    indent: int = 0
    """Spaces before the opening fence (inside a list item, say)."""
    number: int = field(default=0, compare=False)
    """How many query blocks come before it on the page."""


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

    def matches(self, document: Document) -> bool:
        """True when the document has the field and one of the comparisons holds."""
        value = field_value(document, self.field)
        items = _items(reference_names(value) or [] if self.references else value)
        if not items:
            return False
        loose = self.field in _LOOSE
        return any(_holds(items, comparison, loose) for comparison in self.comparisons)


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


@dataclass(frozen=True)
class StatusCount:
    """One bar of a status chart."""

    group: Group
    count: int


def find_blocks(lines: Sequence[str]) -> list[Block]:
    """The query blocks among ``lines`` (front matter already left out), in order."""
    fences = Fences()
    blocks: list[Block] = []
    start: int | None = None
    for index, raw in enumerate(lines):
        kind = fences.read(index + 1, raw)
        if kind is Code.OPEN and fences.info == INFO and fences.indent <= 3:
            start, fence, indent = index, fences.fence or "", fences.indent
        elif kind is Code.CLOSE and start is not None:
            body = _body(lines[start + 1 : index], indent)
            blocks.append(Block(start, index, fence, body, indent=indent, number=len(blocks)))
            start = None
    if start is not None:
        # Never closed: only its opening line is taken, the rest of the page stays the page's.
        blocks.append(
            Block(start, start, fence, "", closed=False, indent=indent, number=len(blocks))
        )
    return blocks


def _body(lines: Sequence[str], indent: int) -> str:
    """The block's text, less the indentation of its opening fence, as CommonMark reads it."""
    return "\n".join(line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in lines)


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
    if not block.closed:
        report(
            RULE,
            line,
            f"the query block is never closed; expected a line of {block.fence} after it",
        )
        return QueryBlock(block, None, tuple(report.findings))
    query = _Parser(report, line + 1, catalogue, settings).parse(block.body)
    return QueryBlock(block, query, tuple(report.findings))


def check_page(
    path: str, markdown: str, first_line: int, catalogue: Catalogue, settings: Settings
) -> list[Finding]:
    """The findings of every query block of a page: ``markdown`` is its text as the host
    renders it (without the front matter the host took off), whose first line is file line
    ``first_line``. What a build reports for the page."""
    return [
        finding
        for block in find_blocks(split_lines(markdown))
        for finding in read_query(path, block, first_line, catalogue, settings).findings
    ]


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
        if field in _FIELDS or field in self.known or field in self.settings.link_fields:
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
        if field in _DATES and not _is_date(operand):
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


def field_value(document: Document, name: str) -> Any:
    """The value of a field of a document (one of :data:`FIELDS` or a metadata field), or
    ``None``."""
    getter = _FIELDS.get(name)
    return getter(document) if getter is not None else document.fields.get(name)


def field_text(document: Document, name: str) -> str:
    """A field as plain text for a page: lists joined by commas, true and false as yes and no."""
    return _shown(field_value(document, name))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_shown(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _items(value: Any) -> list[str | int | float | bool]:
    """The comparable values of a field: a list's items, or the value; none when it lacks."""
    listed = value if isinstance(value, list) else [value]
    return [item for item in listed if isinstance(item, (str, int, float)) and item != ""]


def _number(value: str | int | float | bool) -> float | None:
    """The value as a number, or ``None``: also for integers too large for a float, which
    then compare as text."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            return float(value)
        text = value.strip()
        return float(text) if _NUMBER.fullmatch(text) else None
    except OverflowError:
        return None


def _is_date(text: str) -> bool:
    """``2025-03-01``, or a year or month alone (``2025``, ``2025-03``), which compare as the
    start of the dates in them."""
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _text(value: str | int | float | bool, loose: bool) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value).strip()
    return squash(text) if loose else text.casefold()


def _compare(item: str | int | float | bool, comparison: Comparison, op: str, loose: bool) -> bool:
    """Numbers compare as numbers; anything else as text, and only equality across kinds."""
    left, right = _number(item), _number(comparison.value)
    if left is not None and right is not None:
        return _COMPARE[op](left, right)
    if op != "=" and (left is None) != (right is None):
        return False
    return _COMPARE[op](_text(item, loose), _text(comparison.value, loose))


def _holds(items: list[str | int | float | bool], comparison: Comparison, loose: bool) -> bool:
    """A list holds a comparison when one of its items does; ``!=`` when none of them is equal."""
    if comparison.operator == "!=":
        return not any(_compare(item, comparison, "=", loose) for item in items)
    return any(_compare(item, comparison, comparison.operator, loose) for item in items)


def run_query(query: Query, catalogue: Catalogue) -> list[Document]:
    """The documents of the catalogue that match, sorted, at most ``limit`` of them.

    Without ``sort`` they keep the catalogue's order (by path). Documents lacking a sort field
    come after the others, whichever the direction.
    """
    documents = [d for d in catalogue.documents if all(c.matches(d) for c in query.where)]
    # One stable sort per key, the last key first, so that earlier keys decide.
    for order in reversed(query.sort):
        key = _sort_key(order.field, catalogue)
        keyed = [(key(document), document) for document in documents]
        having = [(k, d) for k, d in keyed if k is not None]
        having.sort(key=lambda pair: pair[0], reverse=order.descending)
        documents = [d for _, d in having] + [d for k, d in keyed if k is None]
    return documents[: query.limit]


SortKey = tuple[tuple[int, float, str], ...]


def _sort_key(field: str, catalogue: Catalogue) -> Callable[[Document], SortKey | None]:
    """Statuses and types sort in the order of their groups (a status's tone, then the order
    the types list them); other values as numbers, then as text ignoring case."""
    if field in ("status", "type"):
        rank = {group.key: i for i, group in enumerate(catalogue.groups[field])}

        def group_key(document: Document) -> SortKey | None:
            value = field_value(document, field)
            return None if value is None else ((0, rank[value], ""),)

        return group_key

    def key(document: Document) -> SortKey | None:
        items = _items(field_value(document, field))
        return tuple(_scalar_key(item) for item in items) or None

    return key


def _scalar_key(value: str | int | float | bool) -> tuple[int, float, str]:
    number = _number(value)
    return (0, number, "") if number is not None else (1, 0.0, _text(value, False))


def status_counts(documents: Sequence[Document], catalogue: Catalogue) -> list[StatusCount]:
    """How many of the documents have each status, in the catalogue's order of statuses."""
    counts = Counter(document.status for document in documents)
    return [
        StatusCount(group, counts[group.key])
        for group in catalogue.groups["status"]
        if counts[group.key]
    ]
