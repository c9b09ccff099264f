"""Metadata: front matter, `**Key**: value` lines, sidecar files, the title; aliases, precedence,
conflicts, and every kind of malformed input becoming a finding instead of a traceback."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from mkdocs_specs.model import Document, Finding, Severity
from mkdocs_specs.pipeline import collect
from mkdocs_specs.read.files import DocsFolder
from mkdocs_specs.read.reader import DocumentReader
from mkdocs_specs.settings.settings import Settings, build_settings

# A type with no required fields or sections and no template, so that only the findings a
# test is about appear.
NOTES = {"note": {"paths": ["notes/**/*.md"]}}


def settings(**options: Any) -> Settings:
    options.setdefault("types", NOTES)
    return build_settings(**options)


def read(
    path: str,
    text: str | bytes,
    sidecars: Mapping[str, str | bytes] | None = None,
    config: Settings | None = None,
) -> Document:
    """Read one document; ``sidecars`` maps paths beside it to their content."""
    config = config or settings()
    files = {
        name: (content if isinstance(content, bytes) else textwrap.dedent(content).encode())
        for name, content in (sidecars or {}).items()
    }
    data = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode()
    reader = DocumentReader(config, files.get)
    return reader.read(path, data, config.type_for_path(path))


def found(document: Document, rule: str) -> list[Finding]:
    return [f for f in document.findings if f.rule == rule]


def rules(document: Document) -> list[str]:
    return [f.rule for f in document.findings]


# --- Sources ---------------------------------------------------------------------------------


def test_front_matter_values() -> None:
    document = read(
        "notes/refunds.md",
        """
        ---
        title: Refund API
        id: REF-7
        status: Draft
        owners: [alice, bob]
        created: 2025-01-05
        updated: 2025-02-01
        priority: high
        ---
        # Refunds

        Text.
        """,
    )

    assert document.findings == []
    assert document.title == "Refund API"
    assert document.id == "REF-7"
    assert document.status == "Draft"
    assert document.owners == ("alice", "bob")
    assert (document.created, document.updated) == ("2025-01-05", "2025-02-01")
    assert document.fields["priority"] == "high"
    assert document.field_lines["status"] == ("notes/refunds.md", 4)
    assert document.field_lines["priority"] == ("notes/refunds.md", 8)
    assert document.readable


def test_key_value_lines_of_the_feature_spec_seed() -> None:
    document = read(
        "notes/spec.md",
        """
        # Feature Specification: Refund API

        ## Overview

        **Feature ID**: 003-refund-api
        **Status**: In Progress
        **Owner**: carol
        **Created**: 2025-02-24
        **Last Updated**: 2025-06-11

        ## Problem Statement

        Refunds are manual.
        """,
    )

    assert document.findings == []
    assert document.id == "003-refund-api"
    assert document.status == "In Progress"
    assert document.owners == ("carol",)
    assert (document.created, document.updated) == ("2025-02-24", "2025-06-11")
    assert document.field_lines["updated"] == ("notes/spec.md", 9)
    assert document.title == "Feature Specification: Refund API"


def test_several_key_value_pairs_on_one_line() -> None:
    document = read(
        "notes/spec.md",
        """
        # Feature Specification: Checkout

        **Feature Branch**: 001-x | **Created**: 2025-01-01 | **Status**: Draft
        """,
    )

    assert document.fields["feature_branch"] == "001-x"
    assert document.created == "2025-01-01"
    assert document.status == "Draft"
    assert document.field_lines["status"] == ("notes/spec.md", 3)


def test_key_colon_inside_bold() -> None:
    document = read("notes/a.md", "**Status:** Draft\n**Owner:** alice\n")

    assert (document.status, document.owners) == ("Draft", ("alice",))


@pytest.mark.parametrize("sidecar", ["notes/pay-12/metadata.yaml", "notes/pay-12/design.meta.yaml"])
def test_sidecar_beside_the_document(sidecar: str) -> None:
    document = read(
        "notes/pay-12/design.md",
        "# PAY-12 - Feature Design\n\nText.\n",
        {sidecar: "status: In Review\nowners:\n  - Payments Team\n  - bob\n"},
    )

    assert document.findings == []
    assert document.status == "In Review"
    assert document.owners == ("Payments Team", "bob")
    assert document.field_lines["owners"] == (sidecar, 2)


def test_sidecar_in_another_folder_is_not_read() -> None:
    document = read(
        "notes/pay-12/design.md",
        "# Design\n\nText.\n",
        {"notes/metadata.yaml": "status: Draft\n", "notes/design.meta.yaml": "status: Draft\n"},
    )

    assert document.status is None


def test_stem_sidecar_wins_over_the_folder_sidecar() -> None:
    document = read(
        "notes/a.md",
        "# A\n\nText.\n",
        {"notes/a.meta.yaml": "status: Approved\n", "notes/metadata.yaml": "status: Draft\n"},
    )

    assert document.status == "Approved"
    assert [(f.rule, f.path, f.line) for f in document.findings] == [
        ("metadata-conflict", "notes/metadata.yaml", 1)
    ]


def test_sidecar_names_are_configurable() -> None:
    config = settings(sidecars=("kep.yaml",))
    document = read(
        "notes/kep/README.md",
        "# KEP\n\nText.\n",
        {"notes/kep/kep.yaml": "status: implementable\n", "notes/kep/metadata.yaml": "x: 1\n"},
        config,
    )

    assert document.status == "implementable"
    assert "x" not in document.fields


def test_title_from_the_h1_then_the_path() -> None:
    assert read("notes/a.md", "# The Title\n\nText.\n").title == "The Title"
    assert read("notes/add-rate-limit.md", "Text only.\n").title == "Add rate limit"


# --- Precedence and conflicts ----------------------------------------------------------------

# A type whose H1 gives the ID (`# PAY-1 - Feature Design`), as the feature-design preset does.
TITLED = {"note": {"paths": ["notes/**/*.md"], "title_pattern": r"^(?P<id>[A-Z]+-\d+) - .*$"}}


def test_front_matter_wins_over_sidecar() -> None:
    document = read(
        "notes/a.md",
        "---\nstatus: Draft\n---\n# A\n\nText.\n",
        {"notes/metadata.yaml": "owners: [bob]\nstatus: Approved\n"},
    )

    assert document.status == "Draft"
    assert document.field_lines["status"] == ("notes/a.md", 2)
    [conflict] = document.findings
    assert (conflict.rule, conflict.path, conflict.line) == (
        "metadata-conflict",
        "notes/metadata.yaml",
        2,
    )
    assert conflict.severity is Severity.WARNING
    assert conflict.message == (
        "field 'status' is 'Approved' in notes/metadata.yaml but 'Draft' in the front matter; "
        "using the front matter"
    )


def test_sidecar_wins_over_text() -> None:
    document = read(
        "notes/a.md",
        """
        # A

        ## Overview

        **Status**: Draft
        """,
        {"notes/a.meta.yaml": "status: Approved\n"},
    )

    assert document.status == "Approved"
    [conflict] = document.findings
    assert (conflict.rule, conflict.path, conflict.line) == ("metadata-conflict", "notes/a.md", 5)
    assert "'Draft' in the text but 'Approved' in notes/a.meta.yaml" in conflict.message


def test_text_wins_over_title_pattern() -> None:
    document = read(
        "notes/a.md",
        """
        # PAY-1 - Feature Design

        **Feature ID**: PAY-2
        """,
        config=settings(types=TITLED),
    )

    assert document.id == "PAY-2"
    [conflict] = document.findings
    assert (conflict.rule, conflict.path, conflict.line) == ("metadata-conflict", "notes/a.md", 1)
    assert "'PAY-1' in the title but 'PAY-2' in the text" in conflict.message


def test_title_pattern_gives_the_id_when_nothing_else_does() -> None:
    document = read(
        "notes/a.md", "# PAY-1 - Feature Design\n\nText.\n", config=settings(types=TITLED)
    )

    assert document.id == "PAY-1"
    assert document.field_lines["id"] == ("notes/a.md", 1)
    assert document.findings == []


def test_all_four_sources_in_order() -> None:
    document = read(
        "notes/a.md",
        """
        ---
        status: Draft
        ---
        # PAY-1 - Feature Design

        **Feature ID**: PAY-3
        **Status**: Approved
        **Owner**: carol
        """,
        {"notes/metadata.yaml": "id: PAY-2\nstatus: In Review\n"},
        settings(types=TITLED),
    )

    assert (document.id, document.status, document.owners) == ("PAY-2", "Draft", ("carol",))
    conflicts = [(f.path, f.line) for f in found(document, "metadata-conflict")]
    assert sorted(conflicts) == [
        ("notes/a.md", 4),  # the title's PAY-1
        ("notes/a.md", 6),  # the text's PAY-3
        ("notes/a.md", 7),  # the text's Approved
        ("notes/metadata.yaml", 2),  # the sidecar's In Review
    ]


@pytest.mark.parametrize(
    ("key", "front", "text"),
    [
        ("status", "Draft", "draft"),
        ("owners", "[alice, bob]", "@alice, bob"),
        ("id", "'0042'", "0042"),
    ],
)
def test_agreeing_sources_are_no_conflict(key: str, front: str, text: str) -> None:
    document = read("notes/a.md", f"---\n{key}: {front}\n---\n# A\n\n**{key}**: {text}\n")

    assert found(document, "metadata-conflict") == []


# --- Field names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("Owner", "owners"),
        ("owners", "owners"),
        ("authors", "owners"),
        ("Author", "owners"),
        ("Feature ID", "id"),
        ("feature-id", "id"),
        ("Last Updated", "updated"),
        ("last_updated", "updated"),
        ("Created", "created"),
        ("Status", "status"),
        ("Review Cadence", "review_cadence"),
    ],
)
def test_field_names_are_normalized_through_aliases(key: str, field: str) -> None:
    in_front = read("notes/a.md", f"---\n{key}: x-1\n---\n# A\n\nText.\n")
    in_text = read("notes/b.md", f"# B\n\n**{key}**: x-1\n")

    assert field in in_front.fields
    assert field in in_text.fields


def test_user_aliases() -> None:
    config = settings(aliases={"Deciders": "owners", "Decision Date": "Created"})
    document = read(
        "notes/adr.md",
        "---\ndeciders: [alice]\ndecision-date: '2025-03-01'\n---\n# ADR\n\nText.\n",
        config=config,
    )

    assert document.owners == ("alice",)
    assert document.created == "2025-03-01"
    assert "deciders" not in document.fields


@pytest.mark.parametrize(
    ("value", "owners"),
    [
        ('"@alice, bob"', ("alice", "bob")),
        ("alice; @bob", ("alice", "bob")),
        ("alice and bob", ("alice", "bob")),
        ('["@alice", bob]', ("alice", "bob")),
        ("Payments Team", ("Payments Team",)),
    ],
)
def test_owners_are_split_and_lose_their_at_sign(value: str, owners: tuple[str, ...]) -> None:
    document = read("notes/a.md", f"---\nowners: {value}\n---\n# A\n\nText.\n")

    assert document.owners == owners
    assert document.fields["owners"] == list(owners)


def test_owners_from_a_text_line() -> None:
    document = read("notes/a.md", "# A\n\n**Owner**: @alice, @bob\n")

    assert document.owners == ("alice", "bob")


# --- Values as written -----------------------------------------------------------------------


def test_dates_are_kept_as_written() -> None:
    document = read("notes/a.md", "---\ncreated: 2025-01-05\n---\n# A\n\nText.\n")

    assert document.fields["created"] == "2025-01-05"
    assert isinstance(document.fields["created"], str)


def test_impossible_date_is_a_finding_with_its_line() -> None:
    document = read("notes/a.md", "---\ntitle: A\ncreated: 2023-14-05\n---\n# A\n\nText.\n")

    [finding] = document.findings
    assert (finding.rule, finding.line) == ("invalid-field", 3)
    assert "'created'" in finding.message
    assert "2023-14-05" in finding.message
    assert document.created == "2023-14-05"


@pytest.mark.parametrize("written", ["0042", "007", "1e3", "0x1F"])
def test_number_like_id_keeps_its_spelling(written: str) -> None:
    document = read("notes/a.md", f"---\nid: {written}\n---\n# A\n\nText.\n")

    assert document.id == written


# --- Malformed front matter ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [
        ("title: Fine\nstatus: Draft\nowners: a: b\n", 4),
        ("title: Fine\n\tstatus: Draft\n", 3),
        ("title: Fine\nlist: [a, b\nother: 1\n", 4),
    ],
    ids=["mapping-in-value", "tab", "unclosed-list"],
)
def test_broken_yaml_is_a_finding_on_its_line(yaml_text: str, line: int) -> None:
    document = read("notes/a.md", f"---\n{yaml_text}---\n# A\n\nText.\n")

    [finding] = document.findings
    assert (finding.rule, finding.line, finding.path) == ("front-matter", line, "notes/a.md")
    assert "not valid YAML" in finding.message
    assert document.title == "A"
    assert document.readable


def test_broken_yaml_line_after_a_bom_and_crlf() -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: Fine\r\nowners: a: b\r\n---\r\n# A\r\n\r\nText.\r\n"
    document = read("notes/a.md", data)

    assert [(f.rule, f.line) for f in document.findings] == [("front-matter", 3)]


def test_python_tag_is_refused_and_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    document = read(
        "notes/a.md",
        f'---\nstatus: !!python/object/apply:os.system ["echo > {marker}"]\n---\n# A\n\nText.\n',
    )

    assert not marker.exists()
    [finding] = document.findings
    assert (finding.rule, finding.line) == ("front-matter", 2)
    assert "python/object/apply" in finding.message
    assert document.status is None


@pytest.mark.parametrize(
    "tag", ["!!python/name:os.system", "!!python/object:pathlib.Path", "!!binary 'AAAA'"]
)
def test_other_unsafe_or_odd_tags_do_not_crash(tag: str) -> None:
    document = read("notes/a.md", f"---\nfield: {tag}\n---\n# A\n\nText.\n")

    assert set(rules(document)) <= {"front-matter"}


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for index in range(1, levels):
        name, previous = names[index], names[index - 1]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_a_finding_quickly() -> None:
    started = time.perf_counter()
    document = read("notes/a.md", f"---\n{billion_laughs()}---\n# A\n\nText.\n")
    elapsed = time.perf_counter() - started

    [finding] = document.findings
    assert (finding.rule, finding.line) == ("front-matter", 2)
    assert "alias" in finding.message
    assert elapsed < 2.0


def test_alias_bomb_in_a_sidecar_is_a_finding() -> None:
    document = read("notes/a.md", "# A\n\nText.\n", {"notes/metadata.yaml": billion_laughs()})

    assert [(f.rule, f.path) for f in document.findings] == [("sidecar", "notes/metadata.yaml")]


def test_small_aliases_are_fine() -> None:
    document = read(
        "notes/a.md", "---\nowners: &team [alice, bob]\nreviewers: *team\n---\n# A\n\nText.\n"
    )

    assert document.findings == []
    assert document.owners == ("alice", "bob")


@pytest.mark.parametrize(
    ("yaml_text", "kind"),
    [("- a\n- b\n", "list"), ("just text\n", "single value"), ("42\n", "single value")],
)
def test_front_matter_that_is_not_a_mapping(yaml_text: str, kind: str) -> None:
    document = read("notes/a.md", f"---\n{yaml_text}---\n# A\n\nText.\n")

    [finding] = document.findings
    assert (finding.rule, finding.line) == ("front-matter", 2)
    assert f"is a YAML {kind}; expected a mapping" in finding.message


def test_empty_front_matter_is_fine() -> None:
    document = read("notes/a.md", "---\n---\n# A\n\nText.\n")

    assert document.findings == []
    assert document.title == "A"


# --- Malformed sidecars ----------------------------------------------------------------------


def test_broken_sidecar_is_a_sidecar_finding_in_the_sidecar() -> None:
    document = read(
        "notes/pay/design.md",
        "# Design\n\nText.\n",
        {"notes/pay/metadata.yaml": "status: Draft\nowners: [bob\ncreated: 2025-01-01\n"},
    )

    [finding] = document.findings
    assert (finding.rule, finding.path, finding.line) == ("sidecar", "notes/pay/metadata.yaml", 3)
    assert "not valid YAML" in finding.message


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (b"- a\n- b\n", 1, "is a YAML list"),
        (b"status: Draft\nowners: \xff\n", 2, "not valid UTF-8"),
        (b"x: !!python/object/apply:os.system [echo]\n", 1, "safe loading refuses"),
    ],
    ids=["list", "invalid-utf8", "python-tag"],
)
def test_unusable_sidecar(content: bytes, line: int, fragment: str) -> None:
    document = read("notes/a.md", "# A\n\nText.\n", {"notes/a.meta.yaml": content})

    [finding] = document.findings
    assert (finding.rule, finding.path, finding.line) == ("sidecar", "notes/a.meta.yaml", line)
    assert fragment in finding.message


def test_sidecar_with_a_bom_is_read() -> None:
    document = read(
        "notes/a.md", "# A\n\nText.\n", {"notes/metadata.yaml": b"\xef\xbb\xbfstatus: X\n"}
    )

    assert document.findings == []
    assert document.status == "X"


def test_invalid_field_in_a_sidecar_points_into_the_sidecar() -> None:
    document = read(
        "notes/a.md",
        "# A\n\nText.\n",
        {"notes/metadata.yaml": "status: Draft\ncreated: 2025-13-01\n"},
    )

    [finding] = document.findings
    assert (finding.rule, finding.path, finding.line) == ("invalid-field", "notes/metadata.yaml", 2)


# --- Unreadable files ------------------------------------------------------------------------


def test_invalid_utf8_is_unreadable_on_the_line_of_the_bad_byte() -> None:
    document = read("notes/a.md", b"# A\n\nfine\nbad \xff byte\nmore\n")

    [finding] = document.findings
    assert (finding.rule, finding.line, finding.severity) == ("unreadable", 4, Severity.ERROR)
    assert "0xff" in finding.message
    assert not document.readable
    assert (document.path, document.type, document.title) == ("notes/a.md", "note", "A")


@pytest.mark.parametrize(
    ("newline", "bad"),
    [("\n", b"\xff"), ("\r\n", b"\xff"), ("\r", b"\xff"), ("\r", b"\x00")],
    ids=["LF", "CRLF", "CR", "CR-NUL"],
)
def test_unreadable_line_is_counted_as_the_scanner_counts_lines(newline: str, bad: bytes) -> None:
    # The scanner counts LF, CRLF and CR alike; so must the line of an unreadable byte.
    data = newline.join(["# A", "", "fine", "bad X byte", ""]).encode().replace(b"X", bad)

    document = read("notes/a.md", data)

    assert [(f.rule, f.line) for f in document.findings] == [("unreadable", 4)]


def test_latin1_text_is_unreadable() -> None:
    document = read("notes/a.md", "---\nowners: José\n---\n# A\n".encode("latin-1"))

    assert [(f.rule, f.line) for f in document.findings] == [("unreadable", 2)]
    assert not document.readable


def test_nul_bytes_are_unreadable() -> None:
    document = read("notes/a.md", b"# A\n\nsome\x00binary\n")

    assert [(f.rule, f.line) for f in document.findings] == [("unreadable", 3)]
    assert "NUL" in document.findings[0].message
    assert not document.readable


def test_file_over_max_file_size_is_unreadable() -> None:
    document = read("notes/a.md", b"# A\n" + b"x" * 200, config=settings(max_file_size=100))

    [finding] = document.findings
    assert (finding.rule, finding.line) == ("unreadable", None)
    assert "204 bytes" in finding.message
    assert "at most 100" in finding.message
    assert not document.readable


def test_file_of_exactly_max_file_size_is_read() -> None:
    data = b"# A\n\n" + b"x" * 94
    document = read("notes/a.md", data, config=settings(max_file_size=len(data)))

    assert document.readable
    assert document.findings == []


def test_utf8_bom_is_accepted() -> None:
    document = read("notes/a.md", "\ufeff---\nstatus: Draft\n---\n# Café\n\nText.\n".encode())

    assert document.findings == []
    assert (document.status, document.title) == ("Draft", "Café")


def test_crlf_document_is_read() -> None:
    document = read("notes/a.md", b"---\r\nstatus: Draft\r\n---\r\n# A\r\n\r\n**Owner**: bob\r\n")

    assert (document.status, document.owners) == ("Draft", ("bob",))
    assert document.field_lines["owners"] == ("notes/a.md", 6)


# --- Types -----------------------------------------------------------------------------------


def test_type_in_front_matter_overrides_the_path_type() -> None:
    config = build_settings(types=NOTES)
    document = read(
        "notes/a.md",
        "---\ntype: change-request\n---\n## Feature Description\n\nText.\n",
        config=config,
    )

    assert document.type == "change-request"
    assert "missing-section" in rules(document)  # checked as a change request


@pytest.mark.parametrize("name", ["Feature design", "feature_design", "FEATURE-DESIGN"])
def test_type_named_by_label_or_loosely(name: str) -> None:
    document = read("notes/a.md", f"---\ntype: {name}\n---\n# A\n\nText.\n")

    assert document.type == "feature-design"


def test_a_misspelt_type_is_a_finding() -> None:
    document = read("notes/a.md", "---\ntitle: A\ntype: feature-desing\n---\n# A\n\nText.\n")

    [finding] = document.findings
    assert (finding.rule, finding.line) == ("unknown-type", 3)
    assert "'feature-desing'" in finding.message
    assert "'feature-design'" in finding.message
    assert document.type == "note"


def test_a_type_no_configured_type_is_named_by_is_the_format_s_own_field() -> None:
    document = read("notes/a.md", "---\ntitle: A\ntype: banana\n---\n# A\n\nText.\n")

    assert document.findings == []
    assert document.type == "note"
    assert document.fields["type"] == "banana"


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def test_document_naming_its_type_is_discovered_outside_the_type_paths(tmp_path: Path) -> None:
    write(tmp_path, "elsewhere/retry.md", "---\ntype: change-request\nstatus: Open\n---\n# Retry\n")
    write(tmp_path, "elsewhere/quoted.md", '---\ntype: "Feature design"\n---\n# Quoted\n')
    write(tmp_path, "elsewhere/plain.md", "# Just a page\n")
    write(tmp_path, "elsewhere/unknown.md", "---\ntype: banana\n---\n# Banana\n")
    write(tmp_path, "elsewhere/late.md", "# Late\n\n---\ntype: change-request\n---\n")
    folder = DocsFolder(tmp_path)
    paths = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))

    catalogue = collect(paths, build_settings(), folder.read, folder.read_head)

    assert [(d.path, d.type) for d in catalogue.documents] == [
        ("elsewhere/quoted.md", "feature-design"),
        ("elsewhere/retry.md", "change-request"),
    ]
    assert catalogue.documents[1].status == "Open"


def test_without_read_head_only_paths_count(tmp_path: Path) -> None:
    write(tmp_path, "elsewhere/retry.md", "---\ntype: change-request\n---\n# Retry\n")
    folder = DocsFolder(tmp_path)

    catalogue = collect(["elsewhere/retry.md"], build_settings(), folder.read)

    assert catalogue.documents == []


def test_collect_reads_sidecars_from_the_docs_folder(tmp_path: Path) -> None:
    write(tmp_path, "design/pay-12/design.md", "# PAY-12 - Feature Design\n")
    write(tmp_path, "design/pay-12/metadata.yaml", "status: Draft\nowners: [alice]\n")
    folder = DocsFolder(tmp_path)

    catalogue = collect(
        ["design/pay-12/design.md"],
        build_settings(),
        folder.read,
        folder.read_head,
        folder.read_if_exists,
    )

    [document] = catalogue.documents
    assert (document.id, document.status, document.owners) == ("PAY-12", "Draft", ("alice",))


def test_collect_keeps_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    folder = DocsFolder(tmp_path)

    catalogue = collect(["notes/gone.md"], settings(), folder.read)

    [document] = catalogue.documents
    assert not document.readable
    assert [f.rule for f in document.findings] == ["unreadable"]


def test_docs_folder_refuses_paths_outside_it(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "secret.yaml").write_text("status: leaked\n", encoding="utf-8")
    folder = DocsFolder(tmp_path / "docs")

    assert folder.read_if_exists("../secret.yaml") is None
    with pytest.raises(FileNotFoundError):
        folder.read("../secret.yaml")
