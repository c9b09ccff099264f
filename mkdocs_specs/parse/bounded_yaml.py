"""YAML read safely and within bounds: no tags that build objects, no alias bombs, no nesting
that would crash libyaml, and every value's line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import yaml

from ..findings import Reporter

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loading that keeps dates as written, so ``2023-14-05`` is a finding, not a crash,
    and numbers that YAML 1.1 would read oddly as text: ``0042`` (octal 34 to YAML 1.1) and
    ``1:30`` (90, in base 60) stay as written."""


_INT = "tag:yaml.org,2002:int"


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+)$")
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, _PLAIN_INT if tag == _INT else regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


MAX_YAML_VALUES = 10_000
"""Values a front matter or sidecar may hold, counting every use of an alias: bounds alias bombs."""


MAX_YAML_DEPTH = 100
"""How deep lists and mappings may nest in a front matter or sidecar."""


_BRACKETS = re.compile(r"[\[\]{}]")


_BLOCK_INDENT = re.compile(r"^( *)((?:[-?:][ \t]+)*)", re.MULTILINE)


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _too_many_nodes(root: yaml.Node, budget: int, text: str) -> bool:
    """True when the node graph has more than ``budget`` nodes, counting a node once for every
    alias (or merge key) that uses it: the size the loaded data would have. Runs before anything
    is constructed, so an alias bomb costs ``budget`` steps, not its expansion."""
    if "*" not in text and 2 * len(text) + 1 <= budget:
        return False  # without aliases a node takes at least half a character of the text
    stack = [root]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > budget:
            return True
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def _flow_depth(text: str) -> int:
    """How deep ``[`` and ``{`` nest (quotes are not told apart, which only errs on the safe
    side), or, below :data:`MAX_YAML_DEPTH`, at most how deep. libyaml's composer recurses per
    level and crashes the process on extreme depths."""
    opening = text.count("[") + text.count("{")
    if opening <= MAX_YAML_DEPTH:
        return opening  # the usual front matter: no need to follow them
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _block_depth(text: str) -> int:
    """How deep block lists and mappings nest (``- - - x``, or ever deeper indentation).

    Each level takes an indicator (``-``, ``?``, ``:``) or a column of indentation, so their sum
    on a line bounds the depth: only when that bound is high are the parser's events counted,
    which takes a second parse. libyaml's parser keeps its own stack, but its composer recurses
    per level and would overflow the C stack.
    """
    longest = max(map(len, text.split("\n")))
    if longest <= MAX_YAML_DEPTH:
        return longest  # no line is long enough to nest deeper
    bound = max(
        (len(m.group(1)) + m.group(2).count(" ") for m in _BLOCK_INDENT.finditer(text)),
        default=0,
    )
    if bound <= MAX_YAML_DEPTH:
        return bound
    loader = _Loader(text)
    depth = deepest = 0
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > MAX_YAML_DEPTH:
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # the real parse reports it
    finally:
        loader.dispose()
    return deepest


class Loaded(NamedTuple):
    """What :func:`load_yaml` gives: the fields, or ``None`` after a finding; ``unsafe`` when the
    text was refused for its size or depth, so that no other YAML parser should be given it."""

    fields: dict[str, Entry] | None
    unsafe: bool = False


def load_yaml(
    text: str, first_line: int, what: str, rule: str, report: Reporter, path: str | None = None
) -> Loaded:
    """Parse a YAML mapping safely; return its top-level fields, or ``None`` after a finding.

    ``first_line`` is the file line of the text's first line. Nesting deeper than
    :data:`MAX_YAML_DEPTH` and more than :data:`MAX_YAML_VALUES` values are refused before any
    value is built.
    """
    if _flow_depth(text) > MAX_YAML_DEPTH or _block_depth(text) > MAX_YAML_DEPTH:
        report(
            rule,
            first_line,
            f"{what} nests deeper than {MAX_YAML_DEPTH} levels; expected a small mapping of fields",
            path=path,
        )
        return Loaded(None, unsafe=True)
    line_of = _LineMap(text, first_line)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Loaded({})
        if not isinstance(node, yaml.MappingNode):
            report(
                rule,
                line_of(node.start_mark),
                f"{what} is a YAML {_node_kind(node)}; expected a mapping of fields "
                "(`key: value` lines)",
                path=path,
            )
            return Loaded(None)
        if _too_many_nodes(node, MAX_YAML_VALUES, text):
            report(
                rule,
                first_line,
                f"{what} holds more than {MAX_YAML_VALUES:,} values (counting every use of an "
                "alias); expected a small mapping of fields",
                path=path,
            )
            return Loaded(None, unsafe=True)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and mark is not None and not text[mark.index :].strip():
            # The text ended before a quote or bracket closed: point at where it opened.
            mark = error.context_mark
        line = line_of(mark) if mark is not None else first_line
        problem = error.problem or "invalid YAML"
        if "constructor for the tag" in problem:
            problem = f"it uses a tag that safe loading refuses ({problem.split('tag ')[-1]})"
        report(
            rule,
            line,
            f"{what} is not valid YAML: {problem}; expected plain YAML values",
            path=path,
        )
        return Loaded(None)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        why = type(error).__name__
        if "integer string conversion" in str(error):  # Python's bound on digits (4,300)
            why = "it holds a number with too many digits"
        report(
            rule, first_line, f"{what} cannot be read: {why}; expected plain YAML values", path=path
        )
        return Loaded(None)
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    written: dict[str, str] = {}
    inner: dict[str, dict[str | int, int]] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            lines.setdefault(key_node.value, line_of(key_node.start_mark))
            inner.setdefault(key_node.value, _inner_lines(value_node, line_of))
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag in _NUMBER_TAGS:
                written[key_node.value] = value_node.value
    return Loaded(
        {
            str(key): Entry(
                value,
                lines.get(str(key), first_line),
                written.get(str(key)),
                inner.get(str(key), {}),
            )
            for key, value in data.items()
        }
    )


class _LineMap:
    """The file line of a position in a YAML text. libyaml also breaks lines on U+2028, U+2029
    and U+0085, which editors and :func:`~mkdocs_specs.parse.text.split_lines` do not, and puts the
    end of a text without a final newline on a line after it: lines are counted here instead."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        if len(self.starts) > 1 and self.starts[-1] == len(text):
            self.starts.pop()  # the end of a final line is no line of its own

    def __call__(self, mark: yaml.Mark) -> int:
        return self.first_line + bisect.bisect_right(self.starts, mark.index) - 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _inner_lines(node: yaml.Node, line_of: _LineMap) -> dict[str | int, int]:
    """The line of each key of a mapping, or of each item of a list."""
    if isinstance(node, yaml.MappingNode):
        return {
            str(key.value): line_of(key.start_mark)
            for key, _ in reversed(node.value)  # the first of duplicate keys keeps its line
            if isinstance(key, yaml.ScalarNode)
        }
    if isinstance(node, yaml.SequenceNode):
        return {index: line_of(item.start_mark) for index, item in enumerate(node.value)}
    return {}


class Entry(NamedTuple):
    """One top-level field of a YAML mapping."""

    value: Any
    line: int
    written: str | None
    """How a number was written (``0042``), so that IDs keep it."""
    inner: Mapping[str | int, int] = {}
    """When the value is a mapping or a list: the line of each of its keys or items."""


def _node_kind(node: yaml.Node) -> str:
    return "list" if isinstance(node, yaml.SequenceNode) else "single value"
