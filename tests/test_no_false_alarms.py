"""Documents as real repositories write them give no finding that is not a real problem.

Each test is a small tree in the shape of something that came out as a false alarm on a
public repository of proposals, decision records or spec folders.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Mapping
from typing import Any

import pytest

from mkdocs_specs.model import Document
from mkdocs_specs.pipeline import collect
from mkdocs_specs.read.reader import DocumentReader
from mkdocs_specs.settings.settings import Settings, build_settings

NOTES = {"note": {"paths": ["notes/**/*.md"]}}
"""A type with no required fields or sections and no template."""


def read(path: str, text: str, config: Settings | None = None, **sidecars: str) -> Document:
    """One document read alone; ``sidecars`` by file name, beside it."""
    config = config or build_settings(types=NOTES)
    folder = path.rsplit("/", 1)[0]
    files = {f"{folder}/{name}": textwrap.dedent(s).encode() for name, s in sidecars.items()}
    data = textwrap.dedent(text).lstrip("\n").encode()
    return DocumentReader(config, files.get).read(path, data, config.type_for_path(path))


def tree(files: Mapping[str, str], **options: Any) -> dict[str, Document]:
    """The catalogue's documents of a tree of files (path → text), by path."""
    config = build_settings(**options)
    data = {path: textwrap.dedent(text).lstrip("\n").encode() for path, text in files.items()}
    catalogue = collect(data, config, data.__getitem__, read_sidecar=data.get)
    return {d.path: d for d in catalogue.pages}


def rules(document: Document) -> list[str]:
    return [f.rule for f in document.findings]


# --- Dates -----------------------------------------------------------------------------------


MADR_2 = """\
# Use Lunr for search

- Status: accepted
- Date: 2020-11-03

## Context and Problem Statement

Search runs in the browser.

## Decision Outcome

Lunr.
"""

NYGARD = "# 1. Use Lunr\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n\n## Decision\n\nD.\n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            MADR_2,
            "look like the 'madr' preset's documents (such as adr/0001-use-lunr.md), in a "
            "folder its paths do not name: add it to the plugin's presets, with types: "
            "{madr: {paths: ['adr/[0-9]*.md']}}, to read them",
        ),
        (NYGARD, "look like the 'nygard-adr' preset's documents (such as adr/0001-use-lunr.md)"),
    ],
    ids=["madr-in-adr", "nygard-in-adr"],
)
def test_the_advice_on_decision_records_reads_their_format_not_only_their_folder(
    site, cli, text, said
) -> None:
    """MADR 2 and Log4brains keep MADR's records in `adr/`, the folder of Nygard's: the advice
    that follows the folder alone sent such a site to a preset that found 25 errors in 9
    good records."""
    site.doc("adr/0001-use-lunr.md", text)
    site.doc("adr/0002-use-lunr-again.md", text)
    site.plugin(presets=["feature-spec"])
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert said in result.stderr
    wrong = "nygard-adr" if "'madr'" in said else "'madr'"
    assert wrong not in result.stderr


def test_spec_md_files_in_no_shape_of_spec_kit_get_no_advice_to_read_them_as_spec_kit(
    site, cli
) -> None:
    """OpenSpec's own repository keeps work notes as `spec.md` files (`# Assemble Working
    Context Spec`, `## Outcome`): the advice read their name alone and asked for spec-kit."""
    for name in ("assemble", "publish"):
        site.doc(f"work/slices/{name}/spec.md", f"# {name} spec\n\n## Outcome\n\nA.\n")
    site.plugin(presets=["feature-spec"])
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert "spec-kit" not in result.stderr
    site.doc("specs/001-albums/spec.md", KIT.format(title="Albums"))
    site.doc("specs/002-tags/spec.md", KIT.format(title="Tags"))
    site.doc("specs/003-maps/spec.md", KIT.format(title="Maps"))
    assert "look like the 'spec-kit' preset's documents" in cli("check").stderr


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2026-03-03T04:12:25Z", "2026-03-03"),
        ("'2014-08-14T00:00:00.000Z'", "2014-08-14"),
        ("'2026-03-03T04:12:25.161063+00:00'", "2026-03-03"),
        ("2026-03-03 04:12", "2026-03-03"),
    ],
)
def test_a_date_field_takes_a_timestamp_and_shows_its_date(written: str, shown: str) -> None:
    document = read(
        "notes/a.md", f"---\ncreated: {written}\nupdated_at: {written}\n---\n# A\n\nText.\n"
    )
    assert rules(document) == []
    assert (document.created, document.updated) == (shown, shown)


@pytest.mark.parametrize("written", ["2026-02-30T10:00:00Z", "2026-03-03T25:00:00Z"])
def test_an_impossible_timestamp_is_still_a_finding(written: str) -> None:
    document = read("notes/a.md", f"---\ncreated: {written}\n---\n# A\n\nText.\n")
    assert rules(document) == ["invalid-field"]


def test_a_start_date_of_an_rfc_is_its_creation_date() -> None:
    """Ember's RFCs: `start-date: 2014-08-14T00:00:00.000Z`."""
    config = build_settings(presets=["rfc"], types={"rfc": {"paths": ["text/*.md"]}})
    document = read(
        "text/0001-a.md",
        "---\nstage: released\nstart-date: 2014-08-14T00:00:00.000Z\n---\n"
        "# Summary\n\nA.\n\n# Motivation\n\nB.\n",
        config,
    )
    assert "invalid-field" not in rules(document)
    assert document.created == "2014-08-14"


# --- The formats' own `type` -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---\ntype: Standards Track\n---\n# A\n\nText.\n",
        "# A\n\n**Type**: React Functional Component\n",
        "# A\n\n## Data model\n\n- **Type**: bool\n- **Default**: false\n",
    ],
    ids=["front-matter", "key-line", "bullet-in-a-section"],
)
def test_a_type_that_names_no_configured_type_is_the_format_s_own_field(text: str) -> None:
    document = read("notes/a.md", text)
    assert rules(document) == []
    assert document.type == "note"


def test_a_type_close_to_a_configured_one_is_still_a_finding() -> None:
    document = read("notes/a.md", "---\ntype: feature-spc\n---\n# A\n\nText.\n")
    [finding] = document.findings
    assert finding.rule == "unknown-type"
    assert "feature-spec" in finding.message


# --- No value --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["[n/a]", "[none]", "TBD", "TODO", "'-'", "N/A", "[TBD, none]"])
def test_a_relation_that_says_it_has_no_value_names_no_document(value: str) -> None:
    documents = tree(
        {
            "notes/a.md": f"---\nid: A-1\nreplaces: {value}\nsee-also: {value}\n---\n# A\n\nA.\n",
            "notes/b/b.md": "# B\n\nB.\n",
            "notes/b/metadata.yaml": f"related: {value}\n",
        },
        types=NOTES,
    )
    assert [rules(d) for d in documents.values()] == [[], []]


# --- Where metadata is written ---------------------------------------------------------------


def test_key_lines_of_a_later_section_are_text_not_metadata() -> None:
    """A checklist's `**Note:**` and a data model's `**Type**` under the first `##` heading."""
    document = read(
        "notes/a.md",
        """
        # Feature: Albums

        Albums group photos.

        ## Checklist

        - [ ] Albums can be renamed

        **Note:** renaming keeps the photos.
        **Status**: checked on 2025-01-01
        """,
    )
    assert rules(document) == []
    assert document.status is None
    assert "note" not in document.fields


def test_the_seed_spec_keeps_its_metadata_in_its_overview() -> None:
    config = build_settings()
    document = read(
        "specs/a.md",
        """
        # Feature Specification: Albums

        ## Overview

        **Feature ID**: ALB-1
        **Status**: Draft
        **Owner**: alice
        """,
        config,
    )
    assert (document.id, document.status, document.owners) == ("ALB-1", "Draft", ("alice",))


# --- Markdown as Python-Markdown reads it ----------------------------------------------------


def test_a_fence_opened_after_a_list_marker_is_a_fence() -> None:
    document = read(
        "notes/a.md",
        """
        # A

        - [x] Schema written
          - ```json
            {"a": 1}
            ```
        - [ ] Endpoint
        - [x] Tests
        """,
    )
    assert (document.progress.done, document.progress.total) == (2, 3)


@pytest.mark.parametrize(
    "line",
    [
        "Supersedes: [RFC-0155][]",
        "Author: [Jane Doe][]",
        "Tracking: [unwind][project-group]",
        "Author: [Jane Doe]",
    ],
)
def test_a_field_that_is_a_reference_link_is_no_placeholder(line: str) -> None:
    config = build_settings(types={"note": {"paths": ["notes/*.md"], "plain_fields": True}})
    document = read(
        "notes/a.md",
        f"""
        # A

        - {line}

        Text.

        [Jane Doe]: https://example.org/jane
        """,
        config,
    )
    assert "placeholder" not in rules(document)


def test_a_wrapped_line_that_starts_with_a_number_is_no_empty_item() -> None:
    document = read(
        "notes/a.md",
        """
        # A

        The change landed in pull request
        1681.
        The next one is
        2)
        """,
    )
    assert rules(document) == []


# --- Owners ----------------------------------------------------------------------------------


def test_pairs_of_a_key_line_split_on_a_middle_dot() -> None:
    document = read(
        "notes/a.md",
        "# A\n\n**Author**: analyst-annie · **Finalized by**: planner-priti\n",
    )
    assert document.owners == ("analyst-annie",)
    assert document.fields["finalized_by"] == "planner-priti"


# --- What the site has -----------------------------------------------------------------------


def test_a_reference_to_a_file_of_the_site_that_is_no_document_is_no_unknown_reference() -> None:
    documents = tree(
        {
            "keps/sig-a/1-x/README.md": "# KEP-1: X\n\nX.\n",
            "keps/sig-a/1-x/kep.yaml": "title: X\nstatus: implementable\n"
            "replaces: ['/keps/sig-a/20191004-old.md']\nsee-also: ['../2-y/README.MD']\n",
            "keps/sig-a/20191004-old.md": "# An old KEP\n",
            "keps/sig-a/2-y/README.MD": "# KEP-2: Y\n\nY.\n",
        },
        presets=["kep"],
        severities={"missing-field": "ignore", "missing-section": "ignore"},
    )
    assert "unknown-reference" not in rules(documents["keps/sig-a/1-x/README.md"])


# --- Conflicts -------------------------------------------------------------------------------

TITLED = build_settings(
    types={"note": {"paths": ["notes/**/*.md"], "title_pattern": "^KEP-\\d+: (?P<title>.+)$"}}
)
"""A type that reads the title from the H1, as the KEP preset does, beside a sidecar's."""


@pytest.mark.parametrize(
    ("written", "sidecar"),
    [
        ("DRA: Standard `numaNode` Device Attribute", "DRA: Standard numaNode Device Attribute"),
        ("Standard Application Protocols", "standard-application-protocols"),
        ("*Memory* QoS", "Memory QoS"),
    ],
)
def test_values_that_differ_only_in_markup_case_or_hyphens_do_not_conflict(
    written: str, sidecar: str
) -> None:
    document = read(
        "notes/a/a.md",
        f"# KEP-1: {written}\n\nText.\n",
        TITLED,
        **{"metadata.yaml": f"title: '{sidecar}'\n"},
    )
    assert rules(document) == []


def test_values_that_say_different_things_still_conflict() -> None:
    document = read(
        "notes/a/a.md",
        "# KEP-1: Memory QoS\n\nText.\n",
        TITLED,
        **{"metadata.yaml": "title: CSI Webhook\n"},
    )
    assert rules(document) == ["metadata-conflict"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("17 November 2015", "2015-11-17"),
        ("November 17, 2015", "2015-11-17"),
        ("Dec 16, 2016", "2016-12-16"),
        ("2015/11/17", "2015-11-17"),
        ("February 2016", "2016-02"),
        ("2016-02", "2016-02"),
    ],
)
def test_a_date_written_as_people_write_it_is_a_date(written: str, shown: str) -> None:
    """Go's design documents: `Last updated: 17 November 2015`, `Created: January 2011`."""
    config = build_settings(types={"note": {"paths": ["notes/*.md"], "plain_fields": True}})
    document = read("notes/a.md", f"# A\n\nLast updated: {written}\n\nText.\n", config)
    assert rules(document) == []
    assert document.updated == shown


@pytest.mark.parametrize(
    "written", ["v1.29", "yyyy-mm-dd", "31 Febtember 2015", "2015-13", "05-07-2014", "32-01-2020"]
)
def test_what_is_no_date_is_still_a_finding(written: str) -> None:
    document = read("notes/a.md", f"---\nupdated: '{written}'\n---\n# A\n\nText.\n")
    assert rules(document) == ["invalid-field"]


# --- The noise around true findings ----------------------------------------------------------


def test_a_document_s_findings_come_in_the_order_of_its_lines() -> None:
    document = read(
        "notes/a.md",
        """
        ---
        created: 2025-14-05
        status: Draft
        ---
        # A

        **Status**: Done

        ## Empty

        ## Items

        -
        """,
    )
    assert [(f.rule, f.line) for f in document.findings] == [
        ("invalid-field", 2),
        ("metadata-conflict", 7),
        ("empty-section", 9),
        ("empty-item", 13),
    ]


def test_a_build_ends_with_a_summary_of_what_it_found(site, logs) -> None:
    site.doc("design/a.md", "---\nstatus: Draft\nowners: [bob]\n---\n# A - Design\n\n## Overview\n")
    site.build()
    logs.expect_findings()
    assert any(
        message.startswith("specs: 1 document, ") and message.endswith("(listed above)")
        for message in logs.messages(logging.INFO)
    )


# --- Statuses --------------------------------------------------------------------------------

STATUSES = {"note": {"paths": ["notes/**/*.md"], "statuses": ["Accepted", "Implemented"]}}


def test_a_status_no_rule_maps_is_shown_without_its_markdown() -> None:
    document = read(
        "notes/a.md",
        "---\nstatus: '**Returned for Revision**'\n---\n# A\n\nText.\n",
        build_settings(types=STATUSES),
    )
    assert document.status == "Returned for Revision"
    assert rules(document) == ["invalid-field"]


@pytest.mark.parametrize(
    ("written", "note"),
    [
        ("Implemented with Modifications (v5.1)", "with Modifications; v5.1"),
        (
            "Implemented (v5.0) (with modifications, see Implementation Notes)",
            "v5.0; with modifications, see Implementation Notes",
        ),
    ],
)
def test_every_qualifier_of_a_status_is_set_aside_whole(written: str, note: str) -> None:
    document = read(
        "notes/a.md",
        f"---\nstatus: '{written}'\n---\n# A\n\nText.\n",
        build_settings(types=STATUSES),
    )
    assert document.status == "Implemented"
    assert document.fields["status_note"] == note


@pytest.mark.parametrize(
    ("written", "note"),
    [
        ("**Implemented (Swift 5.9)**", "Swift 5.9"),
        ("**Implemented**", None),
        ("`Implemented`.", None),
    ],
)
def test_a_status_written_with_markdown_or_a_qualifier_is_no_finding(
    written: str, note: str | None
) -> None:
    """Every Swift Evolution proposal writes `* Status: **Implemented (Swift 5.9)**`."""
    config = build_settings(
        types={"note": {"paths": ["notes/*.md"], "plain_fields": True, **STATUSES["note"]}}
    )
    document = read("notes/a.md", f"# A\n\n* Status: {written}\n\nText.\n", config)
    assert (document.status, document.fields.get("status_note")) == ("Implemented", note)
    assert rules(document) == []


def test_statuses_that_differ_only_in_case_are_one_group() -> None:
    from mkdocs_specs.pipeline import collect as gather

    files = {
        "notes/a.md": "---\nstatus: Returned for revision\n---\n# A\n\nA.\n",
        "notes/b.md": "---\nstatus: Returned for Revision\n---\n# B\n\nB.\n",
        "notes/c.md": "---\nstatus: Returned for Revision\n---\n# C\n\nC.\n",
    }
    data = {path: text.encode() for path, text in files.items()}
    catalogue = gather(data, build_settings(types=NOTES), data.__getitem__)
    [group] = catalogue.groups["status"]
    assert group.label == "Returned for Revision"
    assert len(group.documents) == 3


# --- Presets that find their format where it is ----------------------------------------------

KIT = """\
# Feature Specification: {title}

**Status**: Draft

## User Scenarios & Testing

People use it.

## Requirements

- FR-001: it works
"""


@pytest.mark.parametrize(
    "folder", ["product-specs/photo-albums", "docs/features/012-photo-albums", "specs/003-albums"]
)
def test_spec_kit_features_are_found_under_any_parent(folder: str) -> None:
    documents = tree(
        {
            f"{folder}/spec.md": KIT.format(title="Albums"),
            f"{folder}/tasks.md": "# Tasks\n\n- [x] T1\n- [x] T2\n- [x] T3\n- [ ] T4\n",
            f"{folder}/agent-prompt.md": "# Prompt\n\n- [ ] step\n- [ ] step\n- [ ] step\n",
        },
        presets=["spec-kit"],
    )
    spec = documents[f"{folder}/spec.md"]
    assert spec.type == "spec-kit"
    assert spec.id == folder.rsplit("/", 1)[1]
    assert (spec.progress.done, spec.progress.total) == (3, 4)  # what tasks.md says


def test_an_unnumbered_spec_under_specs_is_the_seed_s() -> None:
    documents = tree(
        {"specs/checkout/spec.md": KIT.format(title="Checkout")},
        presets=["spec-kit", "feature-spec"],
    )
    assert documents["specs/checkout/spec.md"].type == "feature-spec"


def test_kiro_specs_are_found_when_archived_too() -> None:
    documents = tree(
        {
            ".kiro/specs/_archived/old-login/requirements.md": "# Requirements\n\n"
            "## Introduction\n\nOld.\n",
            ".kiro/specs/new-login/requirements.md": "# Requirements\n\n## Introduction\n\nNew.\n",
        },
        presets=["kiro"],
    )
    assert sorted(d.id for d in documents.values()) == ["new-login", "old-login"]


def test_test_data_of_a_repository_is_no_document() -> None:
    documents = tree(
        {
            "keps/sig-a/1-x/README.md": "# KEP-1: X\n\nX.\n",
            "pkg/repo/testdata/keps/sig-a/1-x/README.md": "# KEP-1: X\n\nX.\n",
        },
        presets=["kep"],
    )
    assert list(documents) == ["keps/sig-a/1-x/README.md"]


def test_check_says_what_the_types_miss_of_the_tree(site, cli) -> None:
    site.doc("index.md", "# Home\n")
    site.doc("keps/sig-a/1-x/README.md", "# KEP-1: X\n\nX.\n")
    site.doc("keps/sig-a/1-x/kep.yaml", "title: X\n")
    site.doc("product/albums/spec.md", KIT.format(title="Albums"))
    site.doc(".kiro/specs/login/requirements.md", "# Requirements\n\n## Introduction\n\nA.\n")
    site.plugin(presets=["kiro", "feature-design"])
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert "look like the 'kep' preset's documents (such as keps/sig-a/1-x/README.md)" in (
        result.stderr
    )
    assert "look like the 'spec-kit' preset's documents" in result.stderr
    assert "of type 'kiro' are left out of the site" in result.stderr
    assert "'!.kiro/' to exclude_docs" in result.stderr


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("March 1, 2019.", "2019-03-01"),
        ("15 May 2017 (to reflect actual implementation)", "2017-05-15"),
        ("March 16th, 2021", "2021-03-16"),
        ("October, 2015", "2015-10"),
        ("2023-10-3", "2023-10-03"),
        ("(2016-06-17)", "2016-06-17"),
        ("23-07-2014", "2014-07-23"),
        ("January 26, 2017<br>", "2017-01-26"),
        ("2017-01-26\\", "2017-01-26"),
    ],
)
def test_a_date_with_a_remark_or_an_ordinal_is_a_date(written: str, shown: str) -> None:
    config = build_settings(types={"note": {"paths": ["notes/*.md"], "plain_fields": True}})
    document = read("notes/a.md", f"# A\n\nLast updated: {written}\n\nText.\n", config)
    assert rules(document) == []
    assert document.updated == shown


def test_a_key_line_ends_before_its_hard_line_break() -> None:
    document = read(
        "notes/a.md", "# A\n\n**Status**: Draft<br>\n**Updated**: 2017-01-26\\\n\nText.\n"
    )
    assert rules(document) == []
    assert (document.status, document.updated) == ("Draft", "2017-01-26")


def test_a_key_written_twice_in_the_text_is_a_list_not_a_conflict() -> None:
    """An RFC that lists its two tracking issues, each on a `- Rust Issue:` line."""
    config = build_settings(types={"note": {"paths": ["notes/*.md"], "plain_fields": True}})
    document = read(
        "notes/a.md",
        "- Rust Issue: rust#53667\n- Rust Issue: rust#53668\n\n# Summary\n\nText.\n",
        config,
    )
    assert rules(document) == []
    assert document.fields["rust_issue"] == ["rust#53667", "rust#53668"]


@pytest.mark.parametrize(
    "line",
    [
        "Author(s): [Adrien Delorme]",
        "Previous Revision: [1][Revision 1], [Originally Accepted Proposal][]",
    ],
)
def test_a_bracketed_value_that_is_no_template_text_is_no_placeholder(line: str) -> None:
    config = build_settings(types={"note": {"paths": ["notes/*.md"], "plain_fields": True}})
    document = read("notes/a.md", f"# A\n\n{line}\n\nText.\n", config)
    assert "placeholder" not in rules(document)


@pytest.mark.parametrize("value", ["[Date]", "[Author Name, Co-Author Name]", "[Draft | Final]"])
def test_a_bracketed_value_that_reads_as_template_text_is_a_placeholder(value: str) -> None:
    config = build_settings(types={"note": {"paths": ["notes/*.md"], "plain_fields": True}})
    document = read("notes/a.md", f"# A\n\nOwner: {value}\n\nText.\n", config)
    assert "placeholder" in rules(document)


def test_an_item_marker_python_markdown_does_not_read_is_no_empty_item() -> None:
    document = read("notes/a.md", "# A\n\n1)\nKeep the types.\n2)\nAdd one.\n")
    assert rules(document) == []


# --- Residue follows the document's life -----------------------------------------------------


def test_an_empty_section_the_heading_calls_optional_is_no_residue() -> None:
    text = "---\nstatus: Accepted\n---\n# A\n\n## Risks (Optional)\n\n## Notes *(optional)*\n"
    document = read("notes/a.md", text, build_settings(types=STATUSES))
    assert rules(document) == []


@pytest.mark.parametrize(
    ("status", "severity"), [(None, "info"), ("Draft", "info"), ("Accepted", "warning")]
)
def test_residue_is_information_on_a_draft(status: str | None, severity: str) -> None:
    front = f"---\nstatus: {status}\n---\n" if status else ""
    types = {"note": {"paths": ["notes/*.md"], "statuses": ["Draft", "Accepted"]}}
    document = read("notes/a.md", f"{front}# A\n\n## Empty\n", build_settings(types=types))
    assert [(f.rule, f.severity.value) for f in document.findings] == [("empty-section", severity)]


def test_a_type_says_from_which_status_residue_counts() -> None:
    types = {
        "note": {
            "paths": ["notes/*.md"],
            "statuses": ["Draft", "Accepted", "Final"],
            "residue_from": "Final",
        }
    }
    config = build_settings(types=types)
    accepted = read("notes/a.md", "---\nstatus: Accepted\n---\n# A\n\n## Empty\n", config)
    final = read("notes/a.md", "---\nstatus: Final\n---\n# A\n\n## Empty\n", config)
    assert [f.severity.value for f in accepted.findings] == ["info"]
    assert [f.severity.value for f in final.findings] == ["warning"]


# --- Checklists that are no work -------------------------------------------------------------


MERGED_CHANGE = """
    ---
    status: Merged
    title: Export to CSV
    ---
    ## Feature Description
    Export a report as CSV.

    ## Related Issue
    Implements #12

    ## Type of Change
    - [x] New feature (non-breaking change which adds functionality)
    - [ ] Breaking change (fix or feature that would cause existing functionality to not work)

    ## Solution Overview
    A new endpoint.

    ## Testing Strategy
    - [x] Unit tests added
    - [ ] Integration tests added
    - [ ] E2E tests added
    - [x] Manual testing performed
    - [ ] Load testing (if applicable)

    ## Documentation Updates
    - [ ] README.md updated
    - [x] API documentation updated

    ## Checklist
    - [x] My code follows the project's style guidelines
    - [x] I have performed a self-review of my own code
    - [ ] Any dependent changes have been merged and published (if any)
    """


def test_a_merged_change_that_has_the_tests_it_needs_is_finished() -> None:
    """A change picks the kinds of tests and documents it needs: an unchecked `E2E tests added`
    is an answer, and an item that says it may not apply is not work left."""
    document = tree({"changes/csv.md": MERGED_CHANGE})["changes/csv.md"]
    assert rules(document) == []
    assert (document.progress.done, document.progress.total) == (2, 2)


@pytest.mark.parametrize(
    "item", ["Load testing (if applicable)", "Benchmarks (Optional)", "Migration (where needed)"]
)
def test_an_item_that_says_it_may_not_apply_is_not_counted(item: str) -> None:
    document = read("notes/a.md", f"# A\n\n## Tasks\n\n- [x] Write it\n- [ ] {item}\n")
    assert (document.progress.done, document.progress.total) == (1, 1)


def test_an_item_that_only_mentions_optional_words_is_counted() -> None:
    document = read("notes/a.md", "# A\n\n## Tasks\n\n- [ ] Make the optional flag work\n")
    assert document.progress.total == 1


# --- Required sections -----------------------------------------------------------------------

RFCS = {"note": {"paths": ["notes/*.md"], "required_sections": ["Summary", "Motivation"]}}


@pytest.mark.parametrize(
    "headings",
    [
        ["Summary", "Motivation and overview"],
        ["Motivation and Summary"],
        ["Summary", "Background and motivation"],
        ["Summary", "Motivations"],
        ["Summary / Motivation"],
    ],
)
def test_a_heading_that_joins_two_sections_holds_both(headings: list[str]) -> None:
    text = "# A\n\n" + "".join(f"## {heading}\n\nText.\n\n" for heading in headings)
    assert rules(read("notes/a.md", text, build_settings(types=RFCS))) == []


@pytest.mark.parametrize("heading", ["Demotivation", "Motivational quotes", "Background"])
def test_a_heading_that_only_contains_the_word_is_another_section(heading: str) -> None:
    text = f"# A\n\n## Summary\n\nText.\n\n## {heading}\n\nText.\n"
    assert rules(read("notes/a.md", text, build_settings(types=RFCS))) == ["missing-section"]


def test_the_card_says_how_much_of_its_template_a_document_has_left(site, logs) -> None:
    """A draft's residue is information, so it fails no build: the card says how much is left."""
    site.plugin(presets=[], types={"note": {"paths": ["notes/*.md"], **STATUSES["note"]}})
    site.doc("notes/a.md", "# A\n\n## Why\n\n## How\n\n## Steps\n\n1. \n")
    site.doc("notes/b.md", "---\nstatus: Accepted\n---\n# B\n\nDone.\n")
    built = site.build(strict=True)
    assert len(logs.expect_findings()) == 3  # as infos
    left = built.content("notes/a/index.html").find(class_="specs-card__left").text
    assert left == "To fill in2 empty sections, 1 empty list item"  # <dt> then <dd>
    card = built.content("notes/b/index.html").find(class_="specs-card")
    assert not card.find_all(class_="specs-card__left")
