"""Fuzzing the core readers with hypothesis: random and spoiled documents, hostile YAML and
query blocks. No exception escapes, and every finding names a file and a line that exist.

The number of examples per test is in its ``fuzz(...)``; see ``tests/fuzzing.py`` for the
profiles and for how to run a longer hunt.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from mkdocs_specs.catalogue.catalogue import build_catalogue
from mkdocs_specs.check.fields import check_fields
from mkdocs_specs.findings import MAX_FINDINGS_PER_RULE, RULES, Reporter
from mkdocs_specs.model import Document, Finding
from mkdocs_specs.parse.bounded_yaml import MAX_YAML_DEPTH, MAX_YAML_VALUES, load_yaml
from mkdocs_specs.parse.outline import scan
from mkdocs_specs.parse.text import line_of, split_lines
from mkdocs_specs.query.blocks import Block
from mkdocs_specs.query.language import check_page, read_query
from mkdocs_specs.query.run import run_query
from mkdocs_specs.read.metadata import Metadata
from mkdocs_specs.read.reader import DocumentReader, jsonable
from mkdocs_specs.render.export import document_record, dumps, export
from mkdocs_specs.render.html import Renderer
from mkdocs_specs.render.pages import Layout
from mkdocs_specs.settings.aliases import normalize_key
from mkdocs_specs.settings.settings import build_settings

from .docs import design, spec
from .fuzzing import (
    FIELD_NAMES,
    HOSTILE_YAML,
    documents,
    front_matters,
    fuzz,
    hostile_or_text,
    markdown,
    values,
)

pytestmark = pytest.mark.slow

SETTINGS = build_settings()
PATHS = ["specs/001-a.md", "design/pay-1.md", "changes/c-1.md"]
SIDECARS = {"design/metadata.yaml"}
BIG = 10 * 1024 * 1024


def lines_in(data: bytes) -> int:
    return line_of(data, len(data))


def sidecar_of(data: bytes | None):
    return lambda path: data if path in SIDECARS else None


def read(path: str, data: bytes, sidecar: bytes | None = None) -> Document:
    compiled = SETTINGS.type_for_path(path)
    assert compiled is not None
    return DocumentReader(SETTINGS, sidecar_of(sidecar)).read(path, data, compiled)


def assert_sound(document: Document, path: str, data: bytes, sidecar: bytes | None) -> None:
    """What holds for any document read from any bytes."""
    assert document.path == path
    assert isinstance(document.title, str) and document.title
    counts: dict[tuple[str, str], int] = {}
    for finding in document.findings:
        assert finding.rule in RULES
        assert finding.message and "Traceback" not in finding.message
        counts[finding.path, finding.rule] = counts.get((finding.path, finding.rule), 0) + 1
        assert counts[finding.path, finding.rule] <= MAX_FINDINGS_PER_RULE + 1
        if finding.path == path:
            assert finding.line is None or 1 <= finding.line <= lines_in(data), finding
        else:
            assert finding.path in SIDECARS and sidecar is not None, finding
            assert finding.line is None or 1 <= finding.line <= lines_in(sidecar), finding
    rules = {f.rule for f in document.findings}
    if not document.readable:
        assert "unreadable" in rules and not document.valid
        unreadable = next(f for f in document.findings if f.rule == "unreadable")
        # Binary or badly encoded: the line of the first bad byte. Too large: no line to name.
        assert (unreadable.line is None) == (len(data) > SETTINGS.max_file_size)
    # Everything a document holds can be written to specs.json, and read back.
    record = document_record(document, build_catalogue([], SETTINGS).relations, None, "x")
    assert json.loads(dumps(record)) == json.loads(json.dumps(record, allow_nan=False))


@fuzz(600)
@given(data=documents(), path=st.sampled_from(PATHS), sidecar=st.none() | front_matters())
@example(data=b"", path=PATHS[0], sidecar=None)
@example(data=b"\xef\xbb\xbf", path=PATHS[0], sidecar=None)
@example(data=b"\x00" * 10, path=PATHS[0], sidecar=None)
@example(data=b"# a\r\n\r\n- [ ] x\r\n\x00", path=PATHS[0], sidecar=None)
@example(data=b"---\r\nstatus: Draft\r\n---\r\n# \xff", path=PATHS[1], sidecar=None)
@example(data=b"x" * BIG, path=PATHS[0], sidecar=None)
@example(data=(b"- [ ] " + b"y" * 30_000 + b"\n") * 60, path=PATHS[0], sidecar=None)
@example(data=b"1.\n" * 500_000, path=PATHS[0], sidecar=None)
@example(data=b"# PAY-1 - Feature Design\n", path=PATHS[1], sidecar="\xff")
def test_any_bytes_read_into_a_document_with_sound_findings(data, path, sidecar):
    raw = sidecar.encode("utf-8", "surrogatepass") if isinstance(sidecar, str) else sidecar
    if sidecar == "\xff":
        raw = b"\xff\xfe"
    document = read(path, data, raw)
    assert_sound(document, path, data, raw)


def assert_refused_on_its_lines(
    refused: bool, findings: Sequence[Finding], rule: str, first: int, last: int
) -> None:
    """Findings come with a refusal, and only then, each of ``rule`` on a line of the text."""
    assert refused == bool(findings)
    for finding in findings:
        assert finding.rule == rule and first <= (finding.line or 0) <= last, finding


@fuzz(250)
@given(yaml_text=front_matters(), first=st.integers(min_value=1, max_value=50))
def test_load_yaml_never_raises_and_reports_on_a_line_of_the_text(yaml_text, first):
    report = Reporter("a.md", {})
    loaded = load_yaml(yaml_text, first, "the front matter", "front-matter", report)
    last = first + len(split_lines(yaml_text)) - 1
    assert_refused_on_its_lines(loaded.fields is None, report.findings, "front-matter", first, last)
    if loaded.fields is not None:
        assert all(first <= entry.line <= last for entry in loaded.fields.values())


@pytest.mark.parametrize("text", HOSTILE_YAML, ids=range(len(HOSTILE_YAML)))
def test_every_hostile_yaml_is_read_or_refused_quickly(text):
    report = Reporter("a.md", {})
    loaded = load_yaml(text, 2, "the front matter", "front-matter", report)
    if loaded.unsafe:
        message = report.findings[0].message
        assert (
            f"{MAX_YAML_VALUES:,} values" in message or f"deeper than {MAX_YAML_DEPTH}" in message
        )
    assert (loaded.fields is None) == bool(report.findings)


@fuzz(300)
@given(
    fields=st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), values),
    type_name=st.sampled_from(sorted(SETTINGS.compiled)),
)
def test_the_validator_reports_any_fields_on_their_lines(fields, type_name):
    meta, report = Metadata(), Reporter("a.md", {})
    for line, (key, value) in enumerate(fields.items(), start=2):
        meta.add(normalize_key(key, SETTINGS.aliases), value, line, "front matter", report)
    values_read = {key: jsonable(found.value) for key, found in meta.values.items()}
    check_fields(values_read, meta, SETTINGS.compiled[type_name].validator, set(), report)
    for finding in report.findings:
        assert finding.rule in ("invalid-field", "missing-field", "metadata-conflict")
        assert 1 <= (finding.line or 0) <= len(fields) + 1, finding


@fuzz(300)
@given(text=st.text(max_size=400) | markdown())
def test_the_scan_of_any_text_is_consistent(text):
    outline = scan(text)
    assert outline.line_count == len(split_lines(text))
    lines = [s.line for s in outline.sections]
    assert lines == sorted(lines)
    assert all(1 <= s.line <= s.end_line <= outline.line_count for s in outline.sections)
    progress = outline.progress
    assert 0 <= progress.done <= progress.total
    assert (outline.front_matter is None) == (outline.body_line == 1)


# The checklist counter against an oracle: documents made of blocks whose items are known.
TASK_MARKERS = ["-", "*", "+", "1.", "2)", "> -", "  -", "    1."]
CHECKS = {" ": False, "x": True, "X": True}


@st.composite
def checklist_document(draw: st.DrawFn) -> tuple[str, int, int]:
    """A document with its number of items done and in all; items in code fences and HTML
    comments are examples, not items."""
    blocks, done, total = ["# Plan"], 0, 0
    for kind in draw(st.lists(st.sampled_from(["task", "fence", "comment", "text", "heading"]))):
        words = draw(st.text("abc xyz[]*", max_size=12)).strip()
        if kind == "task":
            check = draw(st.sampled_from(sorted(CHECKS)))
            blocks.append(f"{draw(st.sampled_from(TASK_MARKERS))} [{check}] {words}".rstrip())
            done, total = done + CHECKS[check], total + 1
        elif kind == "fence":
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            blocks.append(f"{fence}markdown\n- [ ] example {words}\n- [x] done\n{fence}")
        elif kind == "comment":
            blocks.append(f"<!-- guidance\n- [ ] example {words}\n-->")
        elif kind == "heading":
            blocks.append(f"## {words or 'Part'}")
        else:
            blocks.append(words or "Some text.")
    return "\n\n".join(blocks) + "\n", done, total


@fuzz(300)
@given(case=checklist_document(), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_checklists_count_exactly_the_items_outside_code_and_comments(case, newline):
    text, done, total = case
    progress = scan(text.replace("\n", newline)).progress
    assert (progress.done, progress.total) == (done, total)


# Query blocks over a small catalogue.
CATALOGUE_SOURCES = {
    "specs/001-a.md": spec("001-a", title="Alpha", status="Draft"),
    "specs/002-b.md": spec("002-b", title="Beta", status="Complete", owner="bob, carol"),
    "design/pay-1.md": design("PAY-1", owners="[alice]"),
}
CATALOGUE = build_catalogue(
    [read(path, text.encode()) for path, text in CATALOGUE_SOURCES.items()], SETTINGS
)
RENDERER = Renderer(CATALOGUE, Layout("specs-index"), "Specs", lambda path: f"{path[:-3]}/")
OPTION_NAMES = ["where", "sort", "limit", "show", "columns", "wher", "Show"]
FIELD_WORDS = ["status", "owner", "owners", "updated", "created", "title", "id", "type", "nope"]
OPERANDS = ["Draft", ">= 2025-01-01", "<2025", "!= bob", "=> x", "== y", "> 5", "alice", ""]

query_values = st.one_of(
    st.sampled_from(OPERANDS),
    st.sampled_from(["table", "list", "count", "chart", "pie"]),
    st.sampled_from(FIELD_WORDS).map(lambda f: f"-{f}"),
    values,
)


@st.composite
def query_bodies(draw: st.DrawFn) -> str:
    odd = hostile_or_text(draw, draw(st.sampled_from(["shaped", "shaped", "hostile", "text"])), 120)
    if odd is not None:
        return odd
    where = draw(st.dictionaries(st.sampled_from(FIELD_WORDS), query_values, max_size=3))
    query = draw(st.dictionaries(st.sampled_from(OPTION_NAMES), query_values, max_size=4))
    if where or draw(st.booleans()):
        query["where"] = where
    names = st.sampled_from(FIELD_WORDS)
    if draw(st.booleans()):
        query["columns"] = draw(st.lists(names, max_size=4) | names)
    if draw(st.booleans()):
        return json.dumps(query, default=str)
    return yaml.safe_dump(query, allow_unicode=True)


@fuzz(400)
@given(body=query_bodies(), first=st.integers(min_value=1, max_value=40))
@example(body="limit: 5.0\nshow: count", first=1)
@example(body="sort: [-updated, status]\nlimit: 1", first=3)
def test_any_query_is_read_run_and_shown_or_refused_on_its_lines(body, first):
    block = Block(0, len(split_lines(body)) + 1, "```", body)
    read_block = read_query("page.md", block, first, CATALOGUE, SETTINGS)
    last = first + len(split_lines(body)) + 1
    refused = read_block.query is None
    assert_refused_on_its_lines(refused, read_block.findings, "bad-query", first, last)
    if not refused:
        found = run_query(read_block.query, CATALOGUE)
        assert all(d in CATALOGUE.documents for d in found)
        assert read_block.query.limit is None or len(found) <= read_block.query.limit
    html = RENDERER.query(read_block, "page/index.html")
    assert "specs-query" in html


@fuzz(250)
@given(
    page=st.lists(
        st.one_of(st.sampled_from(["```specs", "```", "~~~specs", "<!--", "-->"]), query_bodies()),
        max_size=8,
    )
)
def test_check_page_finds_every_block_of_any_page_without_raising(page):
    markdown_text = "\n".join(page)
    for finding in check_page("page.md", markdown_text, 1, CATALOGUE, SETTINGS):
        assert 1 <= (finding.line or 0) <= len(split_lines(markdown_text)) + 1


@fuzz(150)
@given(docs=st.lists(st.tuples(st.sampled_from(PATHS), documents()), max_size=6))
def test_any_set_of_documents_makes_a_catalogue_and_an_export(docs):
    documents_read = [
        read(path.replace(".md", f"-{i}.md"), data) for i, (path, data) in enumerate(docs)
    ]
    catalogue = build_catalogue(documents_read, SETTINGS)
    data = json.loads(dumps(export(catalogue, lambda path: path)))
    assert [d["path"] for d in data["documents"]] == sorted(d.path for d in documents_read)
    for kind in ("status", "owner", "type"):
        members = {d.path for g in catalogue.groups[kind] for d in g.documents}
        assert members == {d.path for d in documents_read}
    assert all(math.isfinite(d["progress"]["percent"]) for d in data["documents"])
