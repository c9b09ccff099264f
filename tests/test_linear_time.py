"""No input makes reading slow out of proportion to its size.

Every reading function is fed long runs of every delimiter Markdown, YAML and the plugin's own
syntax give meaning to, in every place a document can hold them, and the work must grow
linearly: a document four times as long may take at most :data:`FACTOR` times as long. A pattern
that backtracks (the square of the length, or worse) takes 16 or 64 times as long and fails.
Both sizes are timed in this process, each the fastest of several runs, so the figure does not
depend on the machine's speed.

The package's regular expressions are also checked one by one with a ReDoS analyser, in
``test_regex_safety.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from mkdocs_specs.catalogue.catalogue import build_catalogue
from mkdocs_specs.parse.paragraphs import run_ons
from mkdocs_specs.parse.text import split_lines
from mkdocs_specs.query.language import check_page
from mkdocs_specs.read.reader import DocumentReader
from mkdocs_specs.settings.settings import build_settings

pytestmark = pytest.mark.slow

SETTINGS = build_settings(
    presets=["feature-spec", "feature-design", "change-request", "madr", "nygard-adr", "rfc"]
)
PRESET_OF = {name: SETTINGS.compiled[name] for name in SETTINGS.compiled}

DELIMITERS = {
    "backtick": "`",
    "bracket": "[",
    "closing-bracket": "]",
    "bracket-pair": "[]",
    "link-start": "[x](",
    "star": "*",
    "bold": "**",
    "comment": "<!--",
    "comment-end": "-->",
    "marked-section": "<![",
    "pipe": " | ",
    "space": " ",
    "tab": "\t",
    "dash": "-",
    "hash": "#",
    "brace": "{",
    "attr-list": "{#",
    "paren": "(",
    "colon": ":",
    "backslash": "\\",
    "quote-mark": ">",
    "tilde": "~",
    "underscore": "_",
    "at": "@",
    "angle": "<",
    "email": "<a@",
    "double-quote": '"',
    "single-quote": "'",
    "comma": ", ",
    "dot": ".",
}
"""Name → the text repeated to make a run."""

FACTOR = 9
"""How much longer a document four times as long may take: 4 when the work is linear (less
with the fixed costs of a read), 16 when it grows with the square of the length."""


def _place(name: str, run: str) -> tuple[str, str, bytes | None]:
    """(preset, document text, sidecar) holding ``run`` in the place ``name`` says."""
    spec = "# Feature Specification: A\n\n**Status**: Draft\n**Owner**: alice\n\n## Overview\n\n"
    if name == "heading":
        return "feature-spec", f"{spec}## a{run}[\n\ntext\n", None
    if name == "heading-attr":
        return "feature-spec", f"{spec}## a{run}{{\n\ntext\n", None
    if name == "paragraph":
        return "feature-spec", f"{spec}a{run}[b] <!-- c\n", None
    if name == "list-item":
        return "feature-spec", f"{spec}- [ ] a{run}[\n", None
    if name == "table":
        return "feature-spec", f"{spec}| a | b |\n|---|---|\n| {run} | [c] |\n", None
    if name == "meta-line":
        return "feature-spec", f"# A\n\n**Status**: Draft{run}\n**Owner**: {run}x\n", None
    if name == "front-matter":
        value = run.replace("'", "''")
        text = f"---\ntitle: 'a{value}'\nstatus: 'Draft{value}'\nowners: 'a{value}b'\n---\n# A\n"
        return "feature-design", text, None
    if name == "relation":
        value = run.replace("'", "''")
        text = f"---\nrelated: 'A-1{value}x'\nsupersedes: '[a{value}](b{value})'\n---\n# A\n"
        return "feature-design", text, None
    if name == "sidecar":
        value = run.replace("'", "''")
        sidecar = f"status: 'Draft {value}'\nowners: 'alice{value}bob'\n".encode()
        return "feature-design", "# A\n\ntext\n", sidecar
    if name == "plain-field":
        return "madr", f"# A\n\n* Status: accepted{run}\n* Deciders: {run}bob\n", None
    if name == "status-section":
        return "nygard-adr", f"# 1. A\n\n## Status\n\nSuperseded by {run}x\n", None
    if name == "query":
        value = run.replace("'", "''")
        return "feature-spec", f"# A\n\n```specs\nwhere:\n  title: '>= a{value}b'\n```\n", None
    if name == "fence":
        return "feature-spec", f"{spec}```{run}\ncode\n```\n\n{run}```\n", None
    raise AssertionError(name)


PLACES = (
    "heading",
    "heading-attr",
    "paragraph",
    "list-item",
    "table",
    "meta-line",
    "front-matter",
    "relation",
    "sidecar",
    "plain-field",
    "status-section",
    "query",
    "fence",
)


def _reading(place: str, delimiter: str, size: int) -> Callable[[], object]:
    """Reading one document (its sidecar, the checks across documents, its query blocks and the
    lines the plugin sets apart for MkDocs) with a run of ``size`` characters made of
    ``delimiter``."""
    run = (delimiter * (size // len(delimiter) + 1))[:size]
    preset, text, sidecar = _place(place, run)
    data = text.encode()
    compiled = PRESET_OF[preset]
    path = "docs/a.md"

    def read() -> object:
        reader = DocumentReader(
            SETTINGS, lambda name: sidecar if name == "docs/metadata.yaml" else None
        )
        document = reader.read(path, data, compiled)
        catalogue = build_catalogue([document], SETTINGS)
        return check_page(path, text, 1, catalogue, SETTINGS), run_ons(split_lines(text))

    return read


def _fastest(work: Callable[[], object], runs: int = 3) -> float:
    """The fastest of ``runs`` timings of ``work``, each repeated until it takes 10 ms."""
    best = float("inf")
    for _ in range(runs):
        repeat, elapsed = 0, 0.0
        started = time.perf_counter()
        while elapsed < 0.01:
            work()
            repeat += 1
            elapsed = time.perf_counter() - started
        best = min(best, elapsed / repeat)
    return best


def growth(place: str, delimiter: str, size: int = 4_000) -> float:
    """How many times longer a run four times as long takes to read."""
    small = _fastest(_reading(place, delimiter, size))
    large = _fastest(_reading(place, delimiter, 4 * size))
    return large / small


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("delimiter", list(DELIMITERS.values()), ids=list(DELIMITERS))
def test_reading_grows_linearly_with_any_run_of_a_delimiter(place: str, delimiter: str) -> None:
    ratio = growth(place, delimiter)
    if ratio >= FACTOR:  # the machine is shared: a second look before calling it a defect
        ratio = min(ratio, growth(place, delimiter))
    assert ratio < FACTOR, f"4 times the text took {ratio:.1f} times as long"
