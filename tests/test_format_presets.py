"""The presets for formats teams already write: spec-kit, Kiro, MADR, Nygard's ADRs, KEPs and
RFCs, each built from its fixtures in ``tests/fixtures/presets/<format>/``, one tree mixing them
all, a generated tree of 500 documents, and the rules that read dirty data."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from mkdocs_specs.parse.tasks import match_task
from mkdocs_specs.read.statuses import read_status
from mkdocs_specs.settings.presets import FORMAT_OPTIONS, SEED_PRESETS

from .conftest import Built, Site
from .docs import spec
from .html import resolve
from .test_generated_pages_and_cards import group_counts, rows

FIXTURES = Path(__file__).parent / "fixtures" / "presets"
FORMATS = sorted(FORMAT_OPTIONS)
ALL_PRESETS = [*FORMAT_OPTIONS, *SEED_PRESETS]


def with_fixtures(site: Site, *formats: str, presets: list[str] | None = None) -> Site:
    """The site with the fixtures of ``formats`` in its docs and those presets on."""
    site.doc("index.md", "# Home\n")
    for name in formats:
        shutil.copytree(FIXTURES / name, site.docs, dirs_exist_ok=True)
    # MkDocs leaves out dot folders unless told otherwise: Kiro keeps its specs in `.kiro/`.
    site.config(exclude_docs="!.kiro/\n")
    site.plugin(presets=presets if presets is not None else list(formats))
    return site


def export(built: Built) -> dict[str, dict[str, Any]]:
    """Document path → its record in specs.json."""
    data = json.loads(built.html("specs.json"))
    return {record["path"]: record for record in data["documents"]}


def rules_of(record: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in record["findings"]]


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_has_fixtures_that_build_strict_without_errors(site, name):
    with_fixtures(site, name)
    built = site.build(strict=True)
    records = export(built)
    assert len(records) >= 3
    assert all(record["type"] == name for record in records.values())
    assert all(record["valid"] for record in records.values()), records


def test_spec_kit_feature_folder_is_one_entry_with_its_files_and_rolled_up_progress(site):
    built = with_fixtures(site, "spec-kit").build(strict=True)
    records = export(built)
    assert set(records) == {
        "specs/001-photo-albums/spec.md",
        "specs/002-csv-export/spec.md",
        "specs/20250114-1530-offline-sync/spec.md",
    }
    albums = records["specs/001-photo-albums/spec.md"]
    assert albums["id"] == "001-photo-albums"  # the backticks of `**Feature Branch**` dropped
    assert albums["title"] == "Photo Albums"
    assert albums["status"] == "In Progress"
    assert albums["created"] == "2025-02-03"  # from a line of pairs joined by `|`
    assert albums["owners"] == ["maria", "tberg"]
    assert [m["path"].split("/", 2)[2] for m in albums["members"]] == [
        "checklists/requirements.md",
        "plan.md",
        "research.md",
        "tasks.md",
    ]
    # tasks 3/6, checklist 3/4, plan's constitution check 2/2: all in the entry.
    assert albums["progress"] == {"done": 8, "total": 12, "percent": 66}
    tasks = next(m for m in albums["members"] if m["path"].endswith("tasks.md"))
    assert tasks["progress"]["total"] == 6
    assert tasks["url"] == "specs/001-photo-albums/tasks/"

    home = built.content("specs-index/index.html")
    table = rows(home)
    assert set(table) == {"Photo Albums", "CSV Export", "Offline Sync"}
    assert table["Photo Albums"]["Progress"] == "8/12"
    assert table["Offline Sync"]["Status"] == "Draft"  # no status written: none of its tasks done

    card = built.content("specs/001-photo-albums/spec/index.html")
    files = card.find(class_="specs-card__files").links()
    here = "specs/001-photo-albums/spec/"
    assert resolve(here, files["plan.md"]) == "specs/001-photo-albums/plan/"
    assert (
        resolve(here, files["checklists/requirements.md"])
        == "specs/001-photo-albums/checklists/requirements/"
    )
    member_card = built.content("specs/001-photo-albums/tasks/index.html")
    part_of = member_card.find(class_="specs-card__part-of").links()["Photo Albums"]
    assert resolve("specs/001-photo-albums/tasks/", part_of) == "specs/001-photo-albums/spec/"


def test_spec_kit_status_typo_is_normalized_and_reported_as_info(site):
    built = with_fixtures(site, "spec-kit").build(strict=True)
    csv = export(built)["specs/002-csv-export/spec.md"]
    assert csv["status"] == "Complete"
    assert csv["findings"][0]["rule"] == "normalized-status"
    assert csv["findings"][0]["severity"] == "info"
    assert "'Complet' is read as 'Complete'" in csv["findings"][0]["message"]


def test_kiro_status_is_derived_from_tasks_counting_begun_and_not_optional_items(site):
    built = with_fixtures(site, "kiro").build(strict=True)
    records = export(built)
    login = records[".kiro/specs/user-login/requirements.md"]
    assert login["title"] == "User login"
    assert login["id"] == "user-login"
    assert login["status"] == "In Progress"  # one `[-]` item, one done
    # tasks: [x] 1, [-] 2, [ ] 2.1, [ ] 3 (the optional `[ ]*` 2.2 is not counted); design: [x]
    assert login["progress"] == {"done": 2, "total": 5, "percent": 40}
    assert [m["path"].rsplit("/", 1)[1] for m in login["members"]] == ["design.md", "tasks.md"]
    assert records[".kiro/specs/search-index/requirements.md"]["status"] == "Complete"
    assert records[".kiro/specs/billing-export/requirements.md"]["status"] == "Draft"
    home = built.content("specs-index/index.html")
    assert group_counts(home, "status") == {"Draft": 1, "In Progress": 1, "Complete": 1}


def test_madr_reads_front_matter_and_version_2_bullets(site):
    built = with_fixtures(site, "madr").build(strict=True)
    records = export(built)
    first = records["decisions/0001-record-decisions.md"]
    assert (first["id"], first["status"], first["updated"]) == ("0001", "Accepted", "2024-01-08")
    assert first["owners"] == ["Ana Souza", "kofi"]
    bullets = records["decisions/0003-api-style.md"]
    assert bullets["status"] == "Accepted"
    assert bullets["fields"]["status_note"] == "for public APIs only"
    assert bullets["owners"] == ["Ana Souza", "kofi"]
    assert bullets["updated"] == "2021-03-04"
    assert rules_of(bullets) == []  # `Accepted (for public APIs only)` is written right
    postgres = records["decisions/0002-use-postgres.md"]
    assert postgres["fields"]["consulted"] == ["Data platform team"]
    assert postgres["status"] == "Superseded"
    assert postgres["relations"]["incoming"]["supersedes"][0]["id"] == "0004"
    card = built.content("decisions/0002-use-postgres/index.html")
    assert "Use CockroachDB for the order store" in card.text


def test_nygard_adr_takes_status_from_its_section_and_number_from_its_file_name(site):
    built = with_fixtures(site, "nygard-adr").build(strict=True)
    records = export(built)
    kafka = records["adr/0002-use-kafka-for-events.md"]
    assert (kafka["id"], kafka["title"]) == ("0002", "Use Kafka for domain events")
    assert kafka["status"] == "Superseded"
    assert kafka["created"] == "2023-10-12"
    nats = records["adr/0003-use-nats-for-domain-events.md"]
    assert nats["status"] == "Accepted"
    assert nats["relations"]["outgoing"]["supersedes"][0]["id"] == "0002"
    assert records["adr/0004-feature-flags.md"]["status"] == "Proposed"  # "Proposed."
    relations = built.content("specs-index/relations/index.html")
    assert "Use NATS for domain events" in relations.text


def test_kep_reads_its_sidecar_and_is_grouped_by_owning_group(site):
    built = with_fixtures(site, "kep").build(strict=True)
    records = export(built)
    snapshots = records["keps/sig-storage/2140-volume-snapshots/README.md"]
    assert snapshots["id"] == "2140"
    assert snapshots["status"] == "Implementable"
    assert snapshots["owners"] == ["yuki", "omar"]
    assert snapshots["fields"]["owning_group"] == "sig-storage"
    assert snapshots["fields"]["stage"] == "beta"
    assert snapshots["fields"]["milestones"] == {
        "alpha": "v1.29",
        "beta": "v1.31",
        "stable": "v1.33",
    }
    assert snapshots["progress"] == {"done": 3, "total": 6, "percent": 50}  # release sign-off
    groups = records["keps/sig-storage/2141-snapshot-groups/README.md"]
    assert groups["relations"]["outgoing"]["related"][0]["id"] == "2140"  # a see-also folder
    balancers = records["keps/sig-network/3001-dual-stack-balancers/README.md"]
    assert balancers["owners"] == ["ines", "ravi"]  # "Ines Duarte (@ines), @ravi"

    home = built.content("specs-index/index.html")
    assert group_counts(home, "owning_group") == {"sig-network": 1, "sig-storage": 2}
    storage = built.content("specs-index/owning_group/sig-storage/index.html")
    assert set(rows(storage)) == {"Volume Snapshots", "Snapshot Groups"}
    here = "specs-index/owning_group/sig-storage/"
    assert resolve(here, storage.links()["sig-network"]) == "specs-index/owning_group/sig-network/"
    card = built.content("keps/sig-storage/2140-volume-snapshots/index.html")
    assert (
        resolve("keps/sig-storage/2140-volume-snapshots/", card.links()["sig-storage"])
        == "specs-index/owning_group/sig-storage/"
    )
    assert "Owning group" in card.text


def test_rfc_reads_a_leading_bullet_block_and_email_style_headers(site):
    built = with_fixtures(site, "rfc").build(strict=True)
    records = export(built)
    scoped = records["rfcs/0001-scoped-config.md"]
    assert (scoped["id"], scoped["title"], scoped["created"]) == (
        "0001",
        "scoped_config",
        "2024-03-18",
    )
    assert scoped["fields"]["rfc_pr"].startswith("[platform/rfcs#0001]")
    retention = records["rfcs/0002-event-retention.md"]
    assert retention["title"] == "Event retention by tier"
    assert retention["status"] == "Accepted"
    assert retention["owners"] == ["noor", "Bram de Wit"]
    expiry = records["rfcs/0003-event-expiry.md"]
    assert expiry["status"] == "Superseded"
    assert expiry["relations"]["incoming"]["supersedes"][0]["id"] == "0002"


def test_a_tree_of_every_format_builds_one_index(site):
    with_fixtures(site, *FORMATS, presets=ALL_PRESETS)
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "Draft", "alice"))
    built = site.build(strict=True)
    records = export(built)
    types = {record["type"] for record in records.values()}
    assert types == {*FORMATS, "feature-spec"}
    assert records["specs/001-checkout.md"]["type"] == "feature-spec"
    # A spec-kit member is never a feature-spec of its own, though `specs/**/*.md` matches it.
    assert "specs/001-photo-albums/plan.md" not in records
    home = built.content("specs-index/index.html")
    counts = group_counts(home, "type")
    assert counts == {
        "Feature (spec-kit)": 3,
        "Kiro spec": 3,
        "Decision record (MADR)": 4,
        "Decision record": 4,
        "Enhancement proposal (KEP)": 3,
        "RFC": 3,
        "Capability (OpenSpec)": 3,
        "Change (OpenSpec)": 3,
        "Archived change (OpenSpec)": 3,
        "Feature specification": 1,
    }
    assert len(rows(home)) == len(records) == 30
    assert all(record["valid"] for record in records.values())


def test_a_decision_names_its_successor_as_madr_writes_it(site):
    site.doc("index.md", "# Home\n")
    sections = "## Context and Problem Statement\n\nx\n\n## Decision Outcome\n\ny\n"
    site.doc(
        "decisions/0001-old.md", f"---\nstatus: superseded by ADR-0002\n---\n# Old\n\n{sections}"
    )
    site.doc("decisions/0002-new.md", f"---\nstatus: accepted\n---\n# New\n\n{sections}")
    site.doc("rfcs/0002-other.md", "# Summary\n\nx\n\n# Motivation\n\ny\n")
    site.plugin(presets=["madr", "rfc"])
    records = export(site.build(strict=True))
    old = records["decisions/0001-old.md"]
    assert old["status"] == "Superseded"
    # `ADR-0002` is the ID 0002 of a decision, not of the RFC that has that number too.
    assert old["relations"]["incoming"]["supersedes"] == [
        {"id": "0002", "path": "decisions/0002-new.md", "title": "New"}
    ]


def test_dirty_data_is_reported_not_guessed(site, logs):
    site.doc("index.md", "# Home\n")
    site.doc(
        "decisions/0001-a.md",
        "---\nstatus: maybe later\ndate: 2024-02-30\n---\n# A\n\n"
        "## Context and Problem Statement\n\nx\n\n## Decision Outcome\n\ny\n",
    )
    site.doc(
        "keps/sig-apps/0042-x/kep.yaml",
        "title: Pod readiness\nnumber: 42\nstatus: implementable\nauthors: [a]\n",
    )
    site.doc(
        "keps/sig-apps/0042-x/README.md",
        "# KEP-42: Container readiness\n\n## Summary\n\nx\n\n## Motivation\n\ny\n\n"
        "## Proposal\n\nz\n",
    )
    site.plugin(presets=["madr", "kep"])
    built = site.build()
    records = export(built)
    madr = records["decisions/0001-a.md"]
    messages = " ".join(f["message"] for f in madr["findings"])
    assert rules_of(madr) == ["invalid-field", "invalid-field"]
    assert "'maybe later'" in messages and "'2024-02-30', which is not a valid date" in messages
    kep = records["keps/sig-apps/0042-x/README.md"]
    assert rules_of(kep) == ["metadata-conflict"]
    assert "'Container readiness' in the title but 'Pod readiness'" in kep["findings"][0]["message"]
    logs.expect_findings()


@pytest.mark.parametrize(
    ("written", "status", "note"),
    [
        ("accepted", "Accepted", None),
        ("in-progress", "In Progress", None),
        ("**Accepted**.", "Accepted", None),
        ("Implemented (Swift 5.9)", "Implemented", None),
        ("In progress - 60%", "In Progress", None),
        ("Accepted on 2024-05-01", "Accepted", None),
        ("imlpemented", "Implemented", "read as a misspelling"),
        ("Drfat", "Draft", "read as a misspelling"),
        ("Done", "Done", None),
        ("shelved", "shelved", None),
        ("Dnoe", "Done", "read as a misspelling"),  # a swap of neighbours is one edit
    ],
)
def test_status_normalization_rules(written, status, note):
    statuses = {
        "draft": "Draft",
        "inprogress": "In Progress",
        "accepted": "Accepted",
        "implemented": "Implemented",
        "done": "Done",
    }
    reading = read_status(written, statuses)
    assert (reading.status, reading.note) == (status, note)


def test_a_typo_as_near_two_statuses_maps_to_neither():
    reading = read_status("Bone", {"done": "Done", "gone": "Gone"})
    assert reading.status == "Bone"
    assert reading.note is None


def test_a_status_that_links_another_document_is_a_relation():
    reading = read_status("superseded by [ADR-0005](0005-x.md)", {"superseded": "Superseded"})
    assert reading.status == "Superseded"
    assert reading.relation == ("superseded_by", "[ADR-0005](0005-x.md)")
    assert read_status("Supersedes 0002", {}).relation == ("supersedes", "0002")


def test_kiro_task_boxes():
    begun = match_task("- [-] 2. Implement code issuing")
    optional = match_task("- [ ]* 2.2 Write unit tests")
    assert begun is not None and begun.started and not begun.checked
    assert optional is not None and optional.optional
    assert match_task("- [~] not a task") is None


def generated_tree(docs: Path, count: int) -> int:
    """Write ``count`` documents across every format into ``docs``, as teams write them (with
    qualifiers, typos and handles); returns how many entries the indexes must have."""
    statuses = {
        "madr": ["accepted", "Proposed", "rejected", "Accepted (2024 review)", "acepted"],
        "nygard-adr": ["Accepted", "Proposed", "Deprecated", "Accepted."],
        "kep": ["implementable", "provisional", "Implemented", "deferred"],
        "rfc": ["Draft", "Accepted", "Active", "Postponed", "In review"],
        "spec-kit": ["Draft", "In Progress", "Complete", "In progress - 40%"],
    }
    formats = ["spec-kit", "kiro", "madr", "nygard-adr", "kep", "rfc"]
    for n in range(1, count + 1):
        kind = formats[n % len(formats)]
        pick = statuses.get(kind, [""])[n % len(statuses.get(kind, [""]))]
        day = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        slug = f"{n:04d}-topic-{n}"
        authors = f"Person {n} (@p{n % 17}), @p{(n + 5) % 17}"
        if kind == "spec-kit":
            folder = docs / "specs" / slug
            folder.mkdir(parents=True)
            (folder / "spec.md").write_text(
                f"# Feature Specification: Topic {n}\n\n**Feature Branch**: `{slug}`\n"
                f"**Created**: {day} | **Status**: {pick} | **Owner**: {authors}\n\n"
                "## User Scenarios & Testing *(mandatory)*\n\nA story.\n\n"
                "## Requirements *(mandatory)*\n\n- **FR-001**: It MUST work.\n",
                encoding="utf-8",
            )
            done = "x" if pick == "Complete" else " "
            (folder / "tasks.md").write_text(
                f"# Tasks\n\n- [x] T001 Setup\n- [{done}] T002 [P] [US1] Build it\n",
                encoding="utf-8",
            )
        elif kind == "kiro":
            folder = docs / ".kiro" / "specs" / f"topic-{n}"
            folder.mkdir(parents=True)
            (folder / "requirements.md").write_text(
                "# Requirements Document\n\n## Introduction\n\nWhy.\n\n## Requirements\n\n"
                "### Requirement 1\n\n**User Story:** As a user, I want it.\n",
                encoding="utf-8",
            )
            (folder / "tasks.md").write_text(
                f"# Implementation Plan\n\n- [x] 1. One\n- [{'-' if n % 2 else ' '}] 2. Two\n"
                "- [ ]* 3. Optional\n",
                encoding="utf-8",
            )
        elif kind == "madr":
            folder = docs / "decisions"
            folder.mkdir(exist_ok=True)
            head = (
                f"---\nstatus: {pick}\ndate: {day}\ndecision-makers: {authors}\n---\n# Topic {n}\n"
                if n % 2
                else f"# Topic {n}\n\n* Status: {pick}\n* Deciders: {authors}\n* Date: {day}\n"
            )
            (folder / f"{slug}.md").write_text(
                head + "\n## Context and Problem Statement\n\nWhy.\n\n## Decision Outcome\n\nX.\n",
                encoding="utf-8",
            )
        elif kind == "nygard-adr":
            folder = docs / "adr"
            folder.mkdir(exist_ok=True)
            (folder / f"{slug}.md").write_text(
                f"# {n}. Topic {n}\n\nDate: {day}\n\n## Status\n\n{pick}\n\n## Context\n\nWhy.\n\n"
                "## Decision\n\nX.\n\n## Consequences\n\nY.\n",
                encoding="utf-8",
            )
        elif kind == "kep":
            folder = docs / "keps" / f"sig-{n % 5}" / f"{n}-topic-{n}"
            folder.mkdir(parents=True)
            (folder / "kep.yaml").write_text(
                f"title: Topic {n}\nkep-number: {n}\nauthors: ['@p{n % 17}']\n"
                f"owning-sig: sig-{n % 5}\nstatus: {pick}\ncreation-date: {day}\n"
                "stage: alpha\nmilestone:\n  alpha: v1.30\n",
                encoding="utf-8",
            )
            (folder / "README.md").write_text(
                f"# KEP-{n}: Topic {n}\n\n## Release Signoff Checklist\n\n- [x] (R) Issue\n"
                f"- [{'x' if pick == 'Implemented' else ' '}] (R) Docs\n\n## Summary\n\nS.\n\n"
                "## Motivation\n\nM.\n\n## Proposal\n\nP.\n",
                encoding="utf-8",
            )
        else:
            folder = docs / "rfcs"
            folder.mkdir(exist_ok=True)
            head = (
                f"- Feature Name: topic_{n}\n- Start Date: {day}\n- RFC PR: #{n}\n"
                f"- Status: {pick}\n- Authors: {authors}\n"
                if n % 2
                else f"Status: {pick}\nAuthor(s): {authors}\nCreated: {day}\n"
            )
            (folder / f"{slug}.md").write_text(
                head + "\n# Summary\n\nS.\n\n# Motivation\n\nM.\n", encoding="utf-8"
            )
    return count


@pytest.mark.slow
def test_turning_the_presets_on_over_500_documents_needs_no_edit(site, logs):
    site.doc("index.md", "# Home\n")
    expected = generated_tree(site.docs, 500)
    site.config(exclude_docs="!.kiro/\n")
    site.plugin(presets=ALL_PRESETS, card=True)
    started = time.perf_counter()
    built = site.build()
    seconds = time.perf_counter() - started
    data = json.loads(built.html("specs.json"))
    assert data["counts"]["documents"] == expected
    assert data["counts"]["errors"] == 0, [
        f for d in data["documents"] for f in d["findings"] if f["severity"] == "error"
    ]
    assert data["counts"]["warnings"] == 0
    assert len(rows(built.content("specs-index/index.html"))) == expected
    print(f"500 mixed documents built in {seconds:.1f} s")


def test_the_seed_presets_stay_the_default_and_a_list_replaces_them(site):
    with_fixtures(site, "madr", presets=[])
    site.options["plugins"] = ["specs"]  # no options: the seed presets only
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "Draft", "alice"))
    assert set(export(site.build(strict=True))) == {"specs/001-checkout.md"}
    site.plugin(presets=["madr"])
    records = export(site.build(strict=True))
    assert set(records) == {f"decisions/{name}" for name in os.listdir(site.docs / "decisions")}


def test_group_by_pages_join_the_navigation_when_nav_lists_them(site):
    with_fixtures(site, "kep")
    site.config(theme={"name": "mkdocs"})
    nav = site.build(strict=True).page("index.html").find(class_="navbar-nav").text
    assert "Owning group: sig-storage" not in nav  # by default only the home and relations
    site.plugin(presets=["kep"], nav=["home", "fields"])
    nav = site.build(strict=True).page("index.html").find(class_="navbar-nav").text
    assert "Owning group: sig-storage" in nav
    site.plugin(presets=["kep"], nav=["home", "status"])
    nav = site.build(strict=True).page("index.html").find(class_="navbar-nav").text
    assert "Owning group: sig-storage" not in nav and "Status: Implementable" in nav


def test_check_counts_a_feature_folder_once(site, cli):
    with_fixtures(site, "spec-kit", "kiro")
    data = cli.json()
    assert data["counts"]["documents"] == 6
    assert [f["rule"] for f in data["findings"]] == ["normalized-status"]
