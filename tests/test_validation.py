"""Validation per type (fields, sections, template residue), settings, and the catalogue's checks
and groups, on the seed templates, the example site and small inline documents."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from mkdocs_specs.catalogue.catalogue import Catalogue, build_catalogue
from mkdocs_specs.catalogue.groups import unique_slugs
from mkdocs_specs.model import Document, Finding, Progress, SettingsError, Severity
from mkdocs_specs.parse.outline import scan
from mkdocs_specs.pipeline import collect
from mkdocs_specs.read.external import ExternalReader, external_sources
from mkdocs_specs.read.files import DocsFolder
from mkdocs_specs.read.reader import DocumentReader
from mkdocs_specs.settings.presets import OPENSPEC_PRESETS
from mkdocs_specs.settings.settings import Settings, build_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "mkdocs_specs" / "seeds"
EXAMPLE_DOCS = ROOT / "example-site" / "docs"
PRESETS = build_settings()
RESIDUE = {"placeholder", "guidance-comment", "empty-section", "empty-item"}


def read(
    path: str,
    text: str | bytes,
    config: Settings = PRESETS,
    sidecars: Mapping[str, bytes] | None = None,
) -> Document:
    data = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode()
    reader = DocumentReader(config, dict(sidecars or {}).get)
    return reader.read(path, data, config.type_for_path(path))


def found(document: Document, rule: str) -> list[Finding]:
    return [f for f in document.findings if f.rule == rule]


def messages(document: Document, rule: str) -> list[str]:
    return [f.message for f in found(document, rule)]


def note_type(**options: Any) -> Settings:
    """Settings with one type, ``note``, for ``notes/*.md``."""
    return build_settings(presets=(), types={"note": {"paths": ["notes/*.md"], **options}})


# --- The seed templates, untouched -----------------------------------------------------------

SEED_PATHS = {
    "feature-spec": "specs/x.md",
    "feature-design": "design/x.md",
    "change-request": "changes/x.md",
}


def read_seed(name: str, status: str | None = None) -> Document:
    """A seed template read as it is (a draft: its residue is information), or under review
    with a ``status`` in front matter, where its residue counts at its severity."""
    text = (SEEDS / f"{name}.md").read_bytes()
    if status:
        text = f"---\nstatus: {status}\n---\n".encode() + text
    return read(SEED_PATHS[name], text)


@pytest.mark.parametrize("name", list(SEED_PATHS))
def test_untouched_seed_is_reported_as_residue_with_lines(name: str, tmp_path: Path) -> None:
    target = tmp_path / SEED_PATHS[name]
    target.parent.mkdir()
    target.write_bytes((SEEDS / f"{name}.md").read_bytes())
    folder = DocsFolder(tmp_path)

    catalogue = collect([SEED_PATHS[name]], PRESETS, folder.read, folder.read_head)

    [document] = catalogue.documents
    assert document.type == name
    assert document.findings
    assert all(isinstance(f.line, int) and f.line >= 1 for f in document.findings)
    assert all(f.path == SEED_PATHS[name] for f in document.findings)
    assert {f.rule for f in document.findings} & RESIDUE


def test_untouched_feature_spec_seed() -> None:
    document = read_seed("feature-spec")
    lines = {f.line for f in found(document, "placeholder")}

    assert {f.rule for f in document.findings} == {"placeholder"}
    assert {1, 5, 6, 7, 8, 9, 13, 16, 22, 28, 36, 75, 78, 81, 128, 130} <= lines
    fields = {m.split("'")[1]: m for m in messages(document, "placeholder") if "field '" in m}
    assert set(fields) == {"title", "id", "status", "owners", "created", "updated"}
    assert fields["created"] == (
        "field 'created' still holds the template placeholder [Date]; expected a real value"
    )


def test_field_placeholders_are_reported_once() -> None:
    document = read_seed("feature-spec")
    per_line = Counter(f.line for f in document.findings)

    assert [per_line[line] for line in (1, 5, 6, 7, 8, 9)] == [1, 1, 1, 1, 1, 1]
    assert found(document, "missing-field") == []
    assert found(document, "invalid-field") == []


def test_field_placeholders_are_not_used_as_values() -> None:
    document = read_seed("feature-spec")

    assert (document.id, document.created, document.updated) == (None, None, None)
    assert document.owners == ()
    assert document.status is None  # not "[Draft | In Progress | Complete]"


def test_untouched_feature_design_seed() -> None:
    document = read_seed("feature-design")

    assert [(f.rule, f.line) for f in found(document, "placeholder")] == [
        ("placeholder", 1),  # [FEATURE_KEY], the ID from the title
        ("placeholder", 68),
        ("placeholder", 69),
        ("placeholder", 70),
        ("placeholder", 71),
        ("placeholder", 94),
        ("placeholder", 95),
    ]
    assert "field 'id' still holds the template placeholder [FEATURE_KEY]" in (
        document.findings[0].message
    )
    # The seed has no metadata at all: status and owners must come from front matter or a
    # sidecar; the ID placeholder is not reported missing as well.
    assert sorted(messages(document, "missing-field")) == [
        "missing required field 'owners'",
        "missing required field 'status'",
    ]
    assert found(document, "missing-section") == []


def test_untouched_change_request_seed() -> None:
    document = read_seed("change-request")
    counts = Counter(f.rule for f in document.findings)

    assert counts == {"guidance-comment": 17, "empty-section": 9, "empty-item": 3}
    assert [f.line for f in found(document, "empty-item")] == [40, 41, 42]
    assert found(document, "guidance-comment")[0].line == 2
    assert found(document, "guidance-comment")[0].message == (
        "template guidance comment left in place: <!-- Provide a clear and concise description "
        "of the new feature -->; expected it replaced by your own text"
    )
    empty = {f.message.split("'")[1]: f.line for f in found(document, "empty-section")}
    assert empty["Rollback Plan"] == 79
    assert "Test Cases" not in empty  # it holds the empty items
    assert "Technical Details" not in empty  # it has sub-sections


@pytest.mark.parametrize(
    ("rule", "severity"),
    [("placeholder", Severity.WARNING), ("missing-field", Severity.ERROR)],
)
def test_default_severities_on_the_design_seed(rule: str, severity: Severity) -> None:
    document = read_seed("feature-design", status="In Review")
    assert {f.severity for f in found(document, rule)} == {severity}


RESIDUE_RULES = ("placeholder", "empty-section", "guidance-comment", "empty-item")


@pytest.mark.parametrize("name", list(SEED_PATHS))
def test_a_seed_just_written_is_a_draft_whose_residue_is_information(name: str) -> None:
    """A draft full of placeholders is normal: its residue does not fail --strict."""
    document = read_seed(name)
    residue = [f for f in document.findings if f.rule in RESIDUE_RULES]
    assert residue
    assert {f.severity for f in residue} == {Severity.INFO}


# --- The example site ------------------------------------------------------------------------

FILLED = [
    *(
        f"specs/{name}.md"
        for name in (
            "001-card-checkout",
            "002-merchant-api-keys",
            "003-refund-api",
            "004-fraud-screening",
            "005-payment-notifications",
            "006-saved-cards",
        )
    ),
    "design/pay-12.md",
    "design/ref-7.md",
    "design/frd-3/design.md",
    "design/notif-2/design.md",
    "changes/refund-partial-amounts.md",
    "changes/checkout-3ds2.md",
    "changes/api-key-rolling.md",
]


@pytest.fixture(scope="module")
def example() -> Catalogue:
    folder = DocsFolder(EXAMPLE_DOCS)
    paths = sorted(p.relative_to(EXAMPLE_DOCS).as_posix() for p in EXAMPLE_DOCS.rglob("*.md"))
    # The example lists another site's documents (`external`), which one of its own names.
    source = external_sources(["external/platform-specs.json"], str(EXAMPLE_DOCS.parent))
    external = ExternalReader(source, None, {}).read()
    return collect(
        paths, PRESETS, folder.read, folder.read_head, folder.read_if_exists, external=external
    )


def example_document(catalogue: Catalogue, path: str) -> Document:
    [document] = [d for d in catalogue.documents if d.path == path]
    return document


@pytest.mark.parametrize("path", FILLED)
def test_filled_example_document_has_no_findings(path: str) -> None:
    folder = DocsFolder(EXAMPLE_DOCS)
    document = DocumentReader(PRESETS, folder.read_if_exists).read(
        path, folder.read(path), PRESETS.type_for_path(path)
    )

    assert [str(f) for f in document.findings] == []
    assert document.readable


def test_example_site_documents_and_their_types(example: Catalogue) -> None:
    types = Counter(d.type for d in example.local)

    assert types == {
        "feature-spec": 8,
        "feature-design": 5,
        "change-request": 4,
        # The payouts team's OpenSpec folder, read with no configuration.
        "openspec-spec": 1,
        "openspec-change": 1,
        "openspec-archived-change": 1,
    }
    assert [d.id for d in example.documents if d.external] == ["PLAT-1", "PLAT-2", "PLAT-3"]
    assert "index.md" not in {d.path for d in example.documents}


def test_example_site_findings_are_exactly_the_deliberate_ones(example: Catalogue) -> None:
    with_findings = {d.path for d in example.documents if d.findings}

    assert with_findings == {
        "specs/003-refund-api.md",
        "specs/007-payout-scheduling.md",
        "specs/008-loyalty-points.md",
        "changes/webhook-retries.md",
    }


def test_payout_scheduling_problems(example: Catalogue) -> None:
    document = example_document(example, "specs/007-payout-scheduling.md")
    counts = Counter(f.rule for f in document.findings)

    assert set(counts) == {"invalid-field", "placeholder", "missing-section"}
    [date] = found(document, "invalid-field")
    assert date.line == 8
    assert date.message == (
        "field 'created' is '2025-14-05', which is not a valid date; "
        "expected a real date (YYYY-MM-DD)"
    )
    updated = [f for f in found(document, "placeholder") if "field 'updated'" in f.message]
    assert [f.line for f in updated] == [9]
    assert counts["placeholder"] >= 30
    [missing] = found(document, "missing-section")
    assert missing.message == "missing required section 'Testing Strategy'"
    assert missing.line == 80  # after `Planned`, the last required section found
    assert found(document, "missing-field") == []


def test_loyalty_points_problems(example: Catalogue) -> None:
    document = example_document(example, "specs/008-loyalty-points.md")

    assert [(f.rule, f.line) for f in document.findings] == [  # in the order of the lines
        ("duplicate-id", 5),
        ("invalid-field", 6),
    ]
    assert document.findings[1].message == (
        "field 'status' is 'Finished'; expected one of: Draft, In Progress, Complete"
    )
    assert "specs/003-refund-api.md" in document.findings[0].message


def test_duplicate_id_is_reported_on_both_documents(example: Catalogue) -> None:
    document = example_document(example, "specs/003-refund-api.md")

    [finding] = document.findings
    assert (finding.rule, finding.line, finding.severity) == ("duplicate-id", 5, Severity.ERROR)
    assert finding.message == (
        "ID '003-refund-api' is also used by specs/008-loyalty-points.md; "
        "expected each document of a type to have its own ID"
    )


def test_webhook_retries_problems(example: Catalogue) -> None:
    document = example_document(example, "changes/webhook-retries.md")

    assert sorted((f.rule, f.line) for f in document.findings) == [
        ("empty-item", 55),
        ("empty-item", 56),
        ("empty-item", 57),
        ("empty-section", 94),
        ("guidance-comment", 54),
        ("guidance-comment", 66),
        ("guidance-comment", 95),
        ("unknown-reference", 6),
    ]
    assert messages(document, "empty-section") == [
        "section 'Rollback Plan' is empty; expected text under it"
    ]


# --- Required sections -----------------------------------------------------------------------


def test_listed_required_sections() -> None:
    config = note_type(required_sections=["Context", "Decision", "Consequences"])
    document = read(
        "notes/adr.md",
        """
        # Use Postgres

        ## Context

        We need a database.

        ## Consequences

        Backups.
        """,
        config,
    )

    assert [(f.rule, f.line, f.message) for f in document.findings] == [
        ("missing-section", 3, "missing required section 'Decision'")
    ]


def test_missing_section_before_any_found_is_reported_on_the_title() -> None:
    config = note_type(required_sections=["Context", "Decision"])
    document = read("notes/adr.md", "---\nstatus: x\n---\n# ADR\n\n## Decision\n\nYes.\n", config)

    assert [(f.rule, f.line) for f in document.findings] == [("missing-section", 4)]


def test_missing_section_without_any_heading_is_reported_on_line_1() -> None:
    config = note_type(required_sections=["Context"])
    document = read("notes/adr.md", "Just text.\n", config)

    assert [(f.rule, f.line) for f in document.findings] == [("missing-section", 1)]


def write_template(tmp_path: Path) -> str:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "adr.md").write_text(
        textwrap.dedent(
            """
            # [Decision Title]

            ## Context
            <!-- What is the issue? -->

            ### Details

            ## 2. Decision

            ```markdown
            ## Not Required
            ```

            ## ✅ Consequences
            """
        ).lstrip("\n"),
        encoding="utf-8",
    )
    return "templates/adr.md"


def test_required_sections_derived_from_the_template(tmp_path: Path) -> None:
    config = build_settings(
        presets=(),
        types={"adr": {"paths": ["adr/*.md"], "template": write_template(tmp_path)}},
        base_dir=str(tmp_path),
    )
    document = read("adr/0001.md", "# Use Postgres\n\n## Context\n\nWe need a database.\n", config)

    assert config.compiled["adr"].required_sections == (
        ("Context", "context"),
        ("2. Decision", "decision"),
        ("✅ Consequences", "consequences"),
    )
    assert messages(document, "missing-section") == [
        "missing required section '2. Decision'",
        "missing required section '✅ Consequences'",
    ]
    assert [f.line for f in found(document, "missing-section")] == [3, 3]


def test_listed_sections_replace_the_template_headings(tmp_path: Path) -> None:
    config = build_settings(
        presets=(),
        types={
            "adr": {
                "paths": ["adr/*.md"],
                "template": write_template(tmp_path),
                "required_sections": [],
            }
        },
        base_dir=str(tmp_path),
    )
    document = read("adr/0001.md", "# Use Postgres\n\nText.\n", config)

    assert found(document, "missing-section") == []


def test_template_residue_comes_from_the_configured_template(tmp_path: Path) -> None:
    config = build_settings(
        presets=(),
        types={"adr": {"paths": ["adr/*.md"], "template": write_template(tmp_path)}},
        base_dir=str(tmp_path),
    )
    document = read(
        "adr/0001.md",
        """
        # [Decision Title]

        ## Context
        <!-- What is the issue? -->
        <!-- My own note -->
        [Own bracket text]

        ## Decision

        Postgres.

        ## Consequences

        Backups.
        """,
        config,
    )

    assert [(f.rule, f.line) for f in document.findings] == [
        ("placeholder", 1),
        ("guidance-comment", 4),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "## Completed",
        "## completed",
        "### ✅ Completed",
        "### \u201a\u00fa\u00d6 Completed",  # mangled as in the seed
        "## 3. Completed",
        "## **Completed**:",
        "#### COMPLETED",
        "Completed\n---------",
    ],
)
def test_required_section_matching_ignores_case_emoji_and_numbering(heading: str) -> None:
    config = note_type(required_sections=["✅ Completed"])
    document = read("notes/a.md", f"# A\n\n{heading}\n\n- [x] shipped\n", config)

    assert found(document, "missing-section") == []


def test_required_section_inside_a_code_fence_does_not_count() -> None:
    config = note_type(required_sections=["Decision"])
    document = read("notes/a.md", "# A\n\n```markdown\n## Decision\n```\n", config)

    assert messages(document, "missing-section") == ["missing required section 'Decision'"]


def test_feature_spec_with_differently_written_status_headings_is_complete() -> None:
    text = (SEEDS / "feature-spec.md").read_text(encoding="utf-8")
    text = text.replace("### \u201a\u00fa\u00d6 Completed", "### Completed")
    text = text.replace("### \u201a\u00e8\u2265 In Progress", "### ⏳ In Progress")
    text = text.replace("### \uf8ff\u00fc\u00ec\u00f9 Planned", "### 3. planned")
    document = read("specs/x.md", text)

    titles = [s.title for s in scan(text).sections]
    start = titles.index("Implementation Status") + 1
    assert titles[start : start + 3] == [
        "Completed",
        "⏳ In Progress",
        "3. planned",
    ]
    assert found(document, "missing-section") == []


def test_feature_spec_without_the_status_headings_misses_them() -> None:
    text = (SEEDS / "feature-spec.md").read_text(encoding="utf-8")
    text = text.replace("### \u201a\u00e8\u2265 In Progress", "### Doing")
    document = read("specs/x.md", text)

    [missing] = found(document, "missing-section")
    assert (missing.line, missing.message) == (74, "missing required section 'In Progress'")


# --- Fields through JSON Schema --------------------------------------------------------------


def field_findings(config: Settings, front: str) -> list[tuple[str, int | None, str]]:
    document = read("notes/a.md", f"---\n{front}---\n# A\n\nText.\n", config)
    return [(f.rule, f.line, f.message) for f in document.findings]


def test_status_outside_the_allowed_list_lists_them() -> None:
    config = note_type(statuses=["Proposed", "Accepted", "Superseded"])

    assert field_findings(config, "title: A\nstatus: Rejected\n") == [
        (
            "invalid-field",
            3,
            "field 'status' is 'Rejected'; expected one of: Proposed, Accepted, Superseded",
        )
    ]


@pytest.mark.parametrize("written", ["accepted", "ACCEPTED", " Accepted "])
def test_status_spelled_loosely_is_accepted_and_canonical(written: str) -> None:
    config = note_type(statuses=["Proposed", "Accepted"])
    document = read("notes/a.md", f"---\nstatus: '{written}'\n---\n# A\n\nText.\n", config)

    assert document.findings == []
    assert document.status == "Accepted"


def test_in_progress_with_a_hyphen_is_in_progress() -> None:
    document = read(
        "notes/a.md",
        "---\nstatus: in-progress\n---\n# A\n\nText.\n",
        note_type(statuses=["In Progress"]),
    )

    assert document.status == "In Progress"
    assert document.findings == []


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13-01", "05/01/2025", "2025-1-35", "soon"])
def test_date_that_is_not_a_real_date(date: str) -> None:
    assert field_findings(note_type(), f"updated: '{date}'\n") == [
        (
            "invalid-field",
            2,
            f"field 'updated' is '{date}', which is not a valid date; "
            "expected a real date (YYYY-MM-DD)",
        )
    ]


def test_real_dates_pass() -> None:
    assert field_findings(note_type(), "created: 2024-02-29\nupdated: 2025-12-31\n") == []


def test_id_pattern() -> None:
    config = note_type(id_pattern=r"^ADR-\d{4}$")

    assert field_findings(config, "id: ADR-0001\n") == []
    assert field_findings(config, "id: adr-1\n") == [
        ("invalid-field", 2, r"field 'id' is 'adr-1'; expected text matching ^ADR-\d{4}$")
    ]


NAMES = "a name or a list of names"


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("owners: 5\n", "field 'owners' is the number 5; expected " + NAMES),
        ("owners: true\n", "field 'owners' is the boolean true; expected " + NAMES),
        ("owners: {name: bob}\n", "field 'owners' is a mapping; expected " + NAMES),
        ("status: [a, b]\n", "field 'status' is a list; expected text"),
        ("title: [a, b]\n", "field 'title' is a list; expected text or a number"),
    ],
)
def test_value_of_the_wrong_kind(front: str, message: str) -> None:
    assert field_findings(note_type(), front) == [("invalid-field", 2, message)]


def test_owner_in_a_list_that_is_not_a_name() -> None:
    findings = field_findings(note_type(), "owners: [alice, 7]\n")

    assert findings == [("invalid-field", 2, "field 'owners[1]' is the number 7; expected text")]


def test_missing_required_fields_reported_where_the_metadata_is() -> None:
    config = note_type(required_fields=["id", "status", "owners"])

    assert field_findings(config, "title: A\nstatus: Draft\n") == [
        ("missing-field", 2, "missing required field 'id'"),
        ("missing-field", 2, "missing required field 'owners'"),
    ]


def test_missing_required_field_in_a_document_without_metadata_is_on_line_1() -> None:
    document = read("notes/a.md", "# A\n\nText.\n", note_type(required_fields=["status"]))

    assert [(f.rule, f.line) for f in document.findings] == [("missing-field", 1)]


USER_SCHEMA = {
    "properties": {"priority": {"type": "integer", "minimum": 1, "maximum": 5}},
    "required": ["priority"],
}


def test_user_schema_adds_a_required_field() -> None:
    assert field_findings(note_type(schema=USER_SCHEMA), "title: A\n") == [
        ("missing-field", 2, "missing required field 'priority'")
    ]


def test_user_schema_integer_field() -> None:
    config = note_type(schema=USER_SCHEMA)

    assert field_findings(config, "priority: 3\n") == []
    assert field_findings(config, "priority: high\n") == [
        ("invalid-field", 2, "field 'priority' is 'high'; expected a whole number")
    ]
    [(rule, line, message)] = field_findings(config, "priority: 9\n")
    assert (rule, line) == ("invalid-field", 2)
    assert message.startswith("field 'priority' is the number 9")


def test_user_schema_and_built_in_fields_are_both_checked() -> None:
    config = note_type(schema=USER_SCHEMA, statuses=["Draft"])

    assert sorted(f[0] for f in field_findings(config, "status: Done\n")) == [
        "invalid-field",
        "missing-field",
    ]


# --- Severities ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "severity"),
    [("error", Severity.ERROR), ("warning", Severity.WARNING), ("info", Severity.INFO)],
)
def test_severity_per_rule(level: str, severity: Severity) -> None:
    config = build_settings(severities={"placeholder": level, "missing-field": level})
    document = read_seed_with(config, "feature-design")

    assert {f.severity for f in found(document, "placeholder")} == {severity}
    assert {f.severity for f in found(document, "missing-field")} == {severity}


def read_seed_with(config: Settings, name: str) -> Document:
    """A seed template under review, where its residue counts at its severity."""
    text = b"---\nstatus: In Review\n---\n" + (SEEDS / f"{name}.md").read_bytes()
    return read(SEED_PATHS[name], text, config)


def test_ignored_rule_drops_its_findings() -> None:
    config = build_settings(severities={"guidance-comment": "ignore", "empty-item": "ignore"})
    document = read_seed_with(config, "change-request")

    assert {f.rule for f in document.findings} == {"empty-section"}


def test_severity_change_leaves_other_rules_alone() -> None:
    config = build_settings(severities={"missing-field": "warning"})
    document = read_seed_with(config, "feature-design")

    assert {f.severity for f in found(document, "missing-field")} == {Severity.WARNING}
    assert {f.severity for f in found(document, "placeholder")} == {Severity.WARNING}
    assert document.valid


def test_severity_applies_to_checks_across_documents() -> None:
    config = build_settings(severities={"duplicate-id": "ignore"})
    folder = DocsFolder(EXAMPLE_DOCS)
    paths = ["specs/003-refund-api.md", "specs/008-loyalty-points.md"]

    catalogue = collect(paths, config, folder.read)

    assert "duplicate-id" not in {f.rule for f in catalogue.findings}


# --- Invalid settings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "prefix"),
    [
        ({"presets": ["feature-spec", "pep"]}, "presets: unknown preset 'pep'"),
        ({"severities": {"no-such-rule": "error"}}, "severity: unknown rule 'no-such-rule'"),
        ({"severities": {"placeholder": "loud"}}, "severity.placeholder: 'loud'"),
        ({"types": {"adr": {"title_pattern": "(?P<id>"}}}, "types.adr.title_pattern:"),
        ({"types": {"adr": {"extract": {"ticket": "[a-"}}}}, "types.adr.extract.ticket:"),
        ({"types": {"adr": {"schema": {"type": "nonsense"}}}}, "types.adr.schema:"),
        ({"types": {"adr": {"schema": {"required": "id"}}}}, "types.adr.schema:"),
        ({"types": {"adr": {"template": "missing/adr.md"}}}, "types.adr.template:"),
        ({"types": {"adr": {"paths": ["adr/*.md"], "colour": "red"}}}, "types.adr:"),
        ({"max_file_size": 0}, "max_file_size:"),
    ],
)
def test_invalid_settings_name_the_option(
    options: dict[str, Any], prefix: str, tmp_path: Path
) -> None:
    with pytest.raises(SettingsError) as raised:
        build_settings(base_dir=str(tmp_path), **options)

    assert str(raised.value).startswith(prefix)


def test_unknown_preset_error_lists_the_presets() -> None:
    with pytest.raises(SettingsError, match="feature-design, feature-spec, change-request"):
        build_settings(presets=["pep"])


def test_bad_severity_error_lists_the_choices() -> None:
    with pytest.raises(SettingsError, match="error, warning, info, ignore"):
        build_settings(severities={"placeholder": "fatal"})


def test_invalid_regex_message_says_so() -> None:
    with pytest.raises(SettingsError, match="invalid regular expression"):
        build_settings(types={"adr": {"title_pattern": "(unclosed"}})


def test_user_type_overrides_a_preset_and_comes_first() -> None:
    config = build_settings(types={"feature-spec": {"statuses": ["Idea", "Done"]}})

    # First of the seeds; OpenSpec's presets, on by default, come before every seed preset.
    assert [t.name for t in config.types] == [
        *OPENSPEC_PRESETS,
        "feature-spec",
        "feature-design",
        "change-request",
    ]
    assert config.compiled["feature-spec"].type.statuses == ("Idea", "Done")
    assert config.compiled["feature-spec"].type.paths == ("specs/**/*.md",)


# --- Catalogue: groups -----------------------------------------------------------------------


NO_PROGRESS = Progress()


def doc(
    path: str,
    *,
    status: str | None = None,
    owners: tuple[str, ...] = (),
    type: str = "note",
    progress: Progress = NO_PROGRESS,
    doc_id: str | None = None,
) -> Document:
    return Document(
        path=path,
        type=type,
        title=path,
        id=doc_id,
        status=status,
        owners=owners,
        progress=progress,
    )


def test_groups_by_status_owner_and_type() -> None:
    config = build_settings(
        presets=(),
        types={
            "note": {"paths": ["notes/*.md"], "statuses": ["Draft", "Done"]},
            "adr": {"paths": ["adr/*.md"]},
        },
    )
    documents = [
        doc("notes/b.md", status="Draft", owners=("alice", "bob"), progress=Progress(1, 4)),
        doc("notes/a.md", status="Done", owners=("alice",), progress=Progress(3, 3)),
        doc("adr/1.md", status="Draft", type="adr", progress=Progress(0, 2)),
    ]

    catalogue = build_catalogue(documents, config)

    def members(kind: str) -> dict[str | None, list[str]]:
        return {g.key: [d.path for d in g.documents] for g in catalogue.groups[kind]}

    assert [d.path for d in catalogue.documents] == ["adr/1.md", "notes/a.md", "notes/b.md"]
    assert members("status") == {"Draft": ["adr/1.md", "notes/b.md"], "Done": ["notes/a.md"]}
    assert members("owner") == {
        "alice": ["notes/a.md", "notes/b.md"],
        "bob": ["notes/b.md"],
        None: ["adr/1.md"],
    }
    assert members("type") == {"note": ["notes/a.md", "notes/b.md"], "adr": ["adr/1.md"]}
    assert catalogue.group("status", "Draft").progress == Progress(1, 6)
    assert catalogue.group("owner", "alice").progress == Progress(4, 7)
    assert catalogue.group("type", "note").progress == Progress(4, 7)
    assert catalogue.progress == Progress(4, 9)
    assert catalogue.group("owner", None).label == "Unowned"
    assert catalogue.group("type", "adr").label == "Adr"


def test_documents_without_status_are_grouped_apart() -> None:
    catalogue = build_catalogue([doc("notes/a.md"), doc("notes/b.md", status="Draft")], note_type())

    group = catalogue.group("status", None)
    assert (group.label, [d.path for d in group.documents]) == ("No status", ["notes/a.md"])
    assert catalogue.groups["status"][-1] is group


def test_groups_of_a_document() -> None:
    document = doc("notes/a.md", status="Draft", owners=("alice", "bob"))
    catalogue = build_catalogue([document], note_type())

    assert [g.key for g in catalogue.groups_of(document, "owner")] == ["alice", "bob"]
    assert [g.key for g in catalogue.groups_of(document, "status")] == ["Draft"]
    assert [g.key for g in catalogue.groups_of(document, "type")] == ["note"]


def test_example_site_groups(example: Catalogue) -> None:
    owners = {g.key: len(g.documents) for g in example.groups["owner"]}
    types = {g.key: g.label for g in example.groups["type"]}

    # dana and erik own the platform site's documents (`external`).
    assert owners == {
        "alice": 4,
        "bob": 7,
        "carol": 6,
        "dana": 2,
        "dmitri": 3,
        "erik": 2,
        "Payments Team": 2,
        None: 3,  # OpenSpec's documents name no owner
    }
    assert types == {
        "feature-design": "Feature design",
        "feature-spec": "Feature specification",
        "change-request": "Change request",
        "openspec-spec": "Capability (OpenSpec)",
        "openspec-change": "Change (OpenSpec)",
        "openspec-archived-change": "Archived change (OpenSpec)",
        "platform-rfc": "Platform RFC",
    }
    complete = example.group("status", "Complete")
    assert [d.path for d in complete.documents] == [
        "specs/001-card-checkout.md",
        "specs/006-saved-cards.md",
    ]
    assert complete.progress == Progress(23, 23)
    assert example.invalid == 4


# --- Catalogue: duplicate IDs ----------------------------------------------------------------


def test_duplicate_ids_of_different_types_are_allowed() -> None:
    config = build_settings(
        presets=(), types={"note": {"paths": ["notes/*.md"]}, "adr": {"paths": ["adr/*.md"]}}
    )
    documents = [doc("notes/a.md", doc_id="X-1"), doc("adr/a.md", type="adr", doc_id="X-1")]

    assert build_catalogue(documents, config).findings == []


def test_duplicate_ids_of_one_type_are_reported_on_every_document() -> None:
    documents = [doc(f"notes/{n}.md", doc_id="X-1") for n in "abc"]

    catalogue = build_catalogue(documents, note_type())

    assert [(f.path, f.rule) for f in catalogue.findings] == [
        ("notes/a.md", "duplicate-id"),
        ("notes/b.md", "duplicate-id"),
        ("notes/c.md", "duplicate-id"),
    ]
    assert "notes/b.md, notes/c.md" in catalogue.findings[0].message


def test_duplicate_id_in_a_sidecar_points_into_the_sidecar() -> None:
    sidecars = {"notes/metadata.yaml": b"id: X-1\n"}
    config = note_type()
    reader = DocumentReader(config, sidecars.get)
    documents = [
        reader.read(f"notes/{n}.md", b"# T\n\nText.\n", config.type_for_path(f"notes/{n}.md"))
        for n in "ab"
    ]

    catalogue = build_catalogue(documents, config)

    assert [(f.path, f.line) for f in catalogue.findings] == [
        ("notes/metadata.yaml", 1),
        ("notes/metadata.yaml", 1),
    ]


# --- Catalogue: slugs ------------------------------------------------------------------------

SLUG_SETS = [
    ["Alice", "alice", "ALICE"],
    ["José", "jose", "Jose", "JOSÉ"],
    ["张伟", "张 伟", "张-伟"],
    ["???", "!!!", "...", ".", "..", ""],
    ["../etc", "etc", "..\\etc", "/etc", "a/b", "a\\b", "a.b", "a-b"],
    ["In Progress", "in-progress", "in_progress", "IN PROGRESS"],
    ["Unowned", "unowned"],
]


@pytest.mark.parametrize("labels", SLUG_SETS)
@pytest.mark.parametrize("with_none", [False, True])
def test_unique_slugs_never_collide(labels: list[str], with_none: bool) -> None:
    keys: dict[str | None, str] = {label: label for label in labels}
    if with_none:
        keys[None] = "Unowned"

    slugs = unique_slugs(keys)

    assert set(slugs) == set(keys)
    assert len(set(slugs.values())) == len(keys)
    for slug in slugs.values():
        assert slug
        assert not re.search(r"[/\\.]", slug), slug
        assert slug not in (".", "..")


def test_unique_slugs_are_readable_and_stable() -> None:
    labels: dict[str | None, str] = {"Alice": "Alice", "alice": "alice", "张伟": "张伟"}

    first = unique_slugs(labels)

    assert first["alice"] == "alice"  # written exactly as its slug, so it keeps it
    assert first["Alice"].startswith("alice-")
    assert first["张伟"] == "张伟"
    assert unique_slugs(dict(reversed(labels.items()))) == first


def test_unique_slug_of_a_lone_label() -> None:
    assert unique_slugs({"José": "José"}) == {"José": "jose"}
    assert unique_slugs({"../etc": "../etc"}) == {"../etc": "etc"}


def test_unique_slugs_never_collide_with_a_name_that_looks_hashed() -> None:
    # `Alice` and `alice` share the slug `alice`, so `Alice` gets a hashed one; an owner whose
    # name is exactly that hashed slug must not end up on the same page.
    hashed = unique_slugs({"Alice": "Alice", "alice": "alice"})["Alice"]
    labels: dict[str | None, str] = {"Alice": "Alice", "alice": "alice", hashed: hashed}

    slugs = unique_slugs(labels)

    assert len(set(slugs.values())) == 3, slugs


def test_owner_pages_of_a_catalogue_have_distinct_slugs() -> None:
    documents = [
        doc(f"notes/{i}.md", owners=(owner,))
        for i, owner in enumerate(["Alice", "alice", "ALICE", "José", "jose", "../etc", "???"])
    ]
    catalogue = build_catalogue([*documents, doc("notes/x.md")], note_type())

    slugs = [g.slug for g in catalogue.groups["owner"]]
    assert len(slugs) == len(set(slugs)) == 8
    assert all("/" not in s and "." not in s for s in slugs)
