"""Hypothesis strategies for hostile documents, and the fuzzing profiles.

Profiles (``HYPOTHESIS_PROFILE``):

- ``ci`` (the default): ``derandomize=True``, so every run tries the same inputs and a failure
  replays on any machine, and no example database is written. ``deadline=None``: a build's time
  depends on the machine's load, not on the input, and must not fail a test.
- ``explore``: random inputs and the example database, for a long hunt on one's own machine:
  ``HYPOTHESIS_PROFILE=explore SPECS_FUZZ_SCALE=20 python -m pytest
  tests/test_fuzzed_documents.py``.

``SPECS_FUZZ_SCALE`` multiplies every fuzz test's number of examples.
"""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SCALE = int(os.environ.get("SPECS_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    """Settings for a fuzz test of ``examples`` inputs (times ``SPECS_FUZZ_SCALE``)."""
    return settings(
        max_examples=examples * SCALE,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # the guard on warnings; reset per example
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


def merge_bomb(levels: int) -> str:
    """YAML whose merge keys double at each level: 2**levels values once expanded."""
    lines = ["l0: &l0 {a: 1}"]
    lines += [f"l{n}: &l{n} {{<<: [*l{n - 1}, *l{n - 1}]}}" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def alias_bomb(levels: int) -> str:
    """The billion laughs: lists of aliases of lists."""
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def block_nest(depth: int) -> str:
    """Block-style lists and mappings nested ``depth`` deep."""
    return "x:\n" + "".join("  " * i + ("- " if i % 2 else "k:") + "\n" for i in range(depth))


HOSTILE_YAML = [
    "",
    "---",
    "just text",
    "- a\n- b",
    "status: [unclosed",
    "title: 'unclosed",
    'title: "a\\x"',
    "key: value\n  bad indent: x",
    "a: 1\na: 2",
    "? [complex, key]\n: value",
    "{a: 1}: value",
    "status: !!python/object/apply:os.system ['echo pwned']",
    "owners: !!python/name:os.system",
    "id: !!python/tuple [1, 2]",
    "id: !custom tag",
    "id: !!binary aGVsbG8=",
    "created: 2023-02-30\nupdated: 2023-14-05",
    "created: 0000-00-00",
    "created: 99999-01-01",
    "created: 2023-02-28T25:61:00",
    "owners: {a: 1}\nstatus: [1, 2]\nid: 12.5\ntitle: null",
    "id: .nan\nstatus: .inf\ntitle: -.inf",
    "id: " + "9" * 5000,
    "id: 0x" + "f" * 3000,
    "id: 1e999999",
    "title: " + "x" * 100_000,
    "x: " + "[" * 120 + "]" * 120,
    "x: " + "{a: " * 120 + "}" * 120,
    block_nest(150),
    "x:\n" + "".join(" " * i + "- \n" for i in range(300)),
    merge_bomb(30),
    alias_bomb(12),
    "a: &a [*a]",
    "a: *undefined",
    "\t- tab indent",
    "status: Draft\u2028owners: [x]",
    "status: \x85Draft",
    "%YAML 1.1\n---\nstatus: Draft",
    "%TAG ! tag:evil.com,2000:\n---\nstatus: !x Draft",
    "status: Draft\n...\nmore: docs\n---\nsecond: document",
    "<<: *nothing",
    "owners:\n  - &o alice\n  - *o\n  - *o",
]
"""Front matter and sidecar texts that break YAML readers: syntax, tags, bombs, depth, types."""

FIELD_NAMES = [
    "title",
    "id",
    "status",
    "owners",
    "owner",
    "Authors",
    "type",
    "created",
    "updated",
    "Last Updated",
    "depends_on",
    "related",
    "supersedes",
    "superseded_by",
    "priority",
    "tags",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["Draft", "Complete", "2025-01-31", "2025-02-30", "[Placeholder]", "001-a"]),
    st.dates().map(str),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=12,
)


def hostile_or_text(draw: st.DrawFn, kind: str, max_size: int) -> str | None:
    """One of :data:`HOSTILE_YAML` or random text, for those kinds of YAML; else ``None``."""
    if kind == "hostile":
        return draw(st.sampled_from(HOSTILE_YAML))
    if kind == "text":
        return draw(st.text(max_size=max_size))
    return None


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """A front matter's YAML text: typed fields with random values, or a hostile text."""
    kind = draw(st.sampled_from(["fields", "hostile", "text", "mixed"]))
    odd = hostile_or_text(draw, kind, 200)
    if odd is not None:
        return odd
    fields = draw(
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10)), values)
    )
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    if kind == "mixed":
        text += draw(st.sampled_from(HOSTILE_YAML))
    return text


MARKDOWN_LINES = [
    "# Feature Specification: Checkout",
    "# PAY-1 - Feature Design",
    "## Overview",
    "### ✅ Completed",
    "## [Section Name]",
    "Title\n=====",
    "Sub\n---",
    "**Feature ID**: 001-a",
    "**Status**: Draft | **Owner**: @alice, bob",
    "**Created**: 2025-02-30",
    "**Depends On**: [x](../../etc/passwd), 002-b, /abs.md",
    "- [ ] open item",
    "- [x] done item",
    "* [X] done",
    "1. [ ] numbered",
    "> - [ ] quoted",
    "    - [ ] nested",
    "1. ",
    "- ",
    "```",
    "~~~",
    "````markdown",
    "```specs",
    "where: {status: Draft}",
    "<!--",
    "-->",
    "<!-- [Placeholder] -->",
    "`[code]` [Feature Name]",
    "| a | b |",
    "|---|---|",
    "[link](javascript:alert(1))",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %}",
    "#" * 7 + " too deep",
    "\t\t- [ ] tabbed",
    "",
]


@st.composite
def markdown(draw: st.DrawFn) -> str:
    """A Markdown body: lines of the kinds documents hold, and random text."""
    lines = draw(
        st.lists(st.one_of(st.sampled_from(MARKDOWN_LINES), st.text(max_size=40)), max_size=30)
    )
    return "\n".join(lines)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A document's bytes: front matter and body, then one way of spoiling the bytes."""
    text = draw(markdown())
    if draw(st.booleans()):
        text = f"---\n{draw(front_matters())}\n---\n{text}"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    spoil = draw(
        st.sampled_from(
            ["none", "none", "bom", "nul", "invalid-utf8", "latin1", "utf16", "truncate", "bytes"]
        )
    )
    data = text.encode("utf-8", "surrogatepass")
    at = draw(st.integers(min_value=0, max_value=len(data)))
    if spoil == "bom":
        return b"\xef\xbb\xbf" + data
    if spoil == "nul":
        return data[:at] + b"\x00" + data[at:]
    if spoil == "invalid-utf8":
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    if spoil == "latin1":
        return text.encode("latin-1", "replace")
    if spoil == "utf16":
        return text.encode("utf-16")
    if spoil == "truncate":
        return data[:at]
    if spoil == "bytes":
        return draw(st.binary(max_size=300))
    return data
