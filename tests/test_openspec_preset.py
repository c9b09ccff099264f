"""OpenSpec's capabilities and changes, read with no configuration where an ``openspec/`` folder
is under ``docs_dir``: each site built from the fixtures in ``tests/fixtures/presets/openspec-*``
(a capability's requirements and scenarios counted, a change with its files and the status its
tasks give, an archived change with the date of its folder), and the false alarms that reading
real OpenSpec repositories found, each kept by a test in its shape."""

from __future__ import annotations

import shutil

import pytest

from mkdocs_specs.settings.presets import OPENSPEC_PRESETS, SEED_PRESETS

from .docs import design, spec
from .html import resolve
from .test_format_presets import FIXTURES, export, rules_of
from .test_generated_pages_and_cards import group_counts, rows
from .test_query_blocks_in_builds import queries, table


def openspec_site(site):
    """The site with every OpenSpec fixture in its docs, and no plugin options at all."""
    site.doc("index.md", "# Home\n")
    for name in OPENSPEC_PRESETS:
        shutil.copytree(FIXTURES / name, site.docs, dirs_exist_ok=True)
    site.options["plugins"] = ["specs"]
    return site


def test_capabilities_are_documents_with_their_requirements_and_scenarios_counted(site):
    built = openspec_site(site).build(strict=True)
    records = export(built)
    auth = records["openspec/specs/auth/spec.md"]
    assert (auth["type"], auth["id"], auth["title"]) == ("openspec-spec", "auth", "auth")
    # Two `### Requirement:` and three `#### Scenario:` headings; not the one in a code block.
    assert (auth["fields"]["requirements"], auth["fields"]["scenarios"]) == (2, 3)
    assert auth["valid"] and auth["findings"] == []
    billing = records["openspec/specs/billing-export/spec.md"]
    assert billing["title"] == "Billing Export"  # `# Billing Export Specification`
    nested = records["openspec/specs/search/indexing/spec.md"]
    assert (nested["id"], nested["title"]) == ("search/indexing", "Search indexing")


def test_a_query_shows_and_sorts_the_counts_as_numbers(site):
    openspec_site(site)
    site.doc(
        "capabilities.md",
        "# Capabilities\n\n```specs\nwhere: {type: openspec-spec}\nsort: -requirements\n"
        "columns: [title, requirements, scenarios]\n```\n",
    )
    (shown,) = queries(site.build(strict=True), "capabilities/index.html")
    assert [list(row.values()) for row in table(shown)] == [
        ["auth", "2", "3"],
        ["Billing Export", "1", "1"],
        ["Search indexing", "1", "1"],
    ]


def test_a_change_is_its_proposal_with_its_files_and_the_status_its_tasks_give(site):
    built = openspec_site(site).build(strict=True)
    records = export(built)
    twofa = records["openspec/changes/add-2fa/proposal.md"]
    assert twofa["type"] == "openspec-change"
    assert (twofa["id"], twofa["title"]) == ("add-2fa", "Add two-factor sign-in")
    assert twofa["status"] == "In Progress"  # one task of three done
    assert twofa["progress"] == {"done": 1, "total": 3, "percent": 33}
    assert twofa["created"] == "2025-05-02"  # from `.openspec.yaml` beside it
    assert twofa["fields"]["schema"] == "spec-driven"
    assert [m["path"].split("/add-2fa/")[1] for m in twofa["members"]] == [
        "design.md",
        "specs/auth/spec.md",
        "tasks.md",
    ]
    # A file of the change is named for itself, not for the change's folder; a spec delta for
    # its capability's folder.
    assert [m["title"] for m in twofa["members"]] == ["Design", "Auth", "Tasks"]
    # The change's design is one of its files, not a feature design of its own.
    assert "openspec/changes/add-2fa/design.md" not in records
    assert twofa["findings"] == []  # `### New Capabilities` is empty: none is new
    csv = records["openspec/changes/add-csv-export/proposal.md"]
    assert (csv["title"], csv["status"]) == ("Add csv export", "Complete")  # no H1: the folder
    legacy = records["openspec/changes/remove-legacy-login/proposal.md"]
    assert (legacy["title"], legacy["status"]) == ("Remove the legacy login page", "Draft")

    card = built.content("openspec/changes/add-2fa/proposal/index.html")
    files = card.find(class_="specs-card__files").links()
    here = "openspec/changes/add-2fa/proposal/"
    assert resolve(here, files["tasks.md"]) == "openspec/changes/add-2fa/tasks/"
    member = built.content("openspec/changes/add-2fa/specs/auth/spec/index.html")
    part_of = member.find(class_="specs-card__part-of").links()["Add two-factor sign-in"]
    assert resolve("openspec/changes/add-2fa/specs/auth/spec/", part_of) == here


def test_an_archived_change_is_archived_with_the_date_of_its_folder(site):
    built = openspec_site(site).build(strict=True)
    records = export(built)
    search = records["openspec/changes/archive/2025-01-11-add-search/proposal.md"]
    assert search["type"] == "openspec-archived-change"
    assert (search["id"], search["title"]) == ("2025-01-11-add-search", "Add search")
    assert (search["status"], search["fields"]["archived"]) == ("Archived", "2025-01-11")
    assert [m["path"].rsplit("/", 1)[1] for m in search["members"]] == ["spec.md", "tasks.md"]
    undated = records["openspec/changes/archive/fix-typo/proposal.md"]
    assert (undated["id"], undated["status"]) == ("fix-typo", "Archived")
    assert "archived" not in undated["fields"]
    # Written before proposals had `## Why`, with a task left open: history, not an error.
    billing = records["openspec/changes/archive/2025-03-02-add-billing/proposal.md"]
    assert billing["status"] == "Archived" and rules_of(billing) == []

    home = built.content("specs-index/index.html")
    assert group_counts(home, "status") == {
        "Draft": 1,
        "In Progress": 1,
        "Complete": 1,
        "Archived": 3,
        "No status": 3,  # a capability has none
    }
    assert group_counts(home, "type") == {
        "Capability (OpenSpec)": 3,
        "Change (OpenSpec)": 3,
        "Archived change (OpenSpec)": 3,
    }
    assert len(rows(home)) == 9


def test_a_site_without_openspec_reads_as_the_seed_presets_alone_read_it(site, logs):
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "In Progress", "alice"))
    site.doc("design/pay-1.md", design("PAY-1", "In Review"))
    site.doc("design/notes.md", "# Notes\n\nNo design.\n")
    site.doc("changes/proposal.md", "# A proposal that is no OpenSpec change\n")
    site.options["plugins"] = ["specs"]
    built = site.build()
    by_default = export(built)
    # `In Progress` came before `In Review`: OpenSpec's change type, first, lists it.
    statuses = list(group_counts(built.content("specs-index/index.html"), "status"))
    site.plugin(presets=list(SEED_PRESETS))
    built = site.build()
    assert export(built) == by_default
    assert list(group_counts(built.content("specs-index/index.html"), "status")) == statuses
    assert {record["type"] for record in by_default.values()} == {
        "feature-spec",
        "feature-design",
        "change-request",
    }
    logs.expect_findings()  # the seeds' own, the same in both builds


def test_check_does_not_send_a_change_design_to_the_feature_design_preset(site, cli):
    """`type 'feature-design' found no document, but 1 file named design.md are elsewhere`: it
    was the design file of an OpenSpec change, which the change reads already."""
    openspec_site(site)
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert "design.md" not in result.stderr


def test_a_template_a_repository_keeps_is_no_feature_design(site, cli):
    """OpenSpec keeps its change templates in `schemas/spec-driven/templates/`: its
    `design.md` was read by the feature-design seed, with eight errors; left out, it was then
    named as a design.md "elsewhere" whose folder the type should read."""
    site.doc("index.md", "# Home\n")
    site.doc("schemas/spec-driven/templates/design.md", "## Context\n\n<!-- Background -->\n")
    site.options["plugins"] = ["specs"]
    assert export(site.build(strict=True)) == {}
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert "design.md" not in result.stderr


def test_check_does_not_ask_for_openspec_folders_on_a_site_without_openspec(site, cli):
    """`type 'openspec-spec' found no document, but 2 files named spec.md are elsewhere` on a
    spec-kit tree: OpenSpec's presets are on everywhere and find nothing where there is no
    `openspec/`, which is no mistake; the advice that the tree is spec-kit's stays."""
    site.doc("index.md", "# Home\n")
    site.doc("specs/000-poc/spec.md", "# Feature Specification: POC\n")
    site.doc("rfcs/proposal.md", "# A proposal\n")
    site.options["plugins"] = ["specs"]
    result = cli("check")
    assert "openspec" not in result.stderr
    assert "look like the 'spec-kit' preset's documents" in result.stderr


def test_an_empty_capabilities_list_is_not_an_empty_section(site, logs):
    """`### Modified Capabilities` left empty (OpenSpec's template: "Leave empty if no
    requirement changes"), here with its author's comment, was an `empty-section` warning on
    archived changes; an empty `## Impact` still is one."""
    site.doc("index.md", "# Home\n")
    site.doc(
        "openspec/changes/archive/2026-02-17-add-onboarding/proposal.md",
        "## Why\n\nW.\n\n## Capabilities\n\n### New Capabilities\n\n- `onboarding`\n\n"
        "### Modified Capabilities\n<!-- No existing specs are modified: purely additive -->\n\n"
        "## Impact\n\n## What Changes\n\nC.\n",
    )
    site.options["plugins"] = ["specs"]
    record = export(site.build())["openspec/changes/archive/2026-02-17-add-onboarding/proposal.md"]
    assert [(f["rule"], f["line"]) for f in record["findings"]] == [("empty-section", 14)]
    logs.expect_findings()


def test_new_writes_a_change_and_a_capability_into_the_openspec_folder(site, cli, logs):
    """`mkdocs-specs new openspec-change` wrote `add-dark-mode/proposal.md` at the top of the
    docs, outside `openspec/changes/`: the folder is the pattern's after its leading `**/`."""
    openspec_site(site)
    made = cli("new", "openspec-change", "Add dark mode", "--id", "add-dark-mode", "--owner", "a")
    assert made.exit_code == 0, made.output
    assert cli("new", "openspec-spec", "Theming", "--id", "theming", "--owner", "a").exit_code == 0
    records = export(site.build(strict=True))
    assert records["openspec/changes/add-dark-mode/proposal.md"]["type"] == "openspec-change"
    assert records["openspec/specs/theming/spec.md"]["type"] == "openspec-spec"
    logs.expect_findings()  # their sections are still empty


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"counts": {"requirements": "("}}, "types.openspec-spec.counts.requirements: invalid"),
        (
            {"status_from_path": {"[z-a]": "Archived"}},
            "types.openspec-spec.status_from_path: invalid",
        ),
    ],
    ids=["counts", "status-from-path"],
)
def test_a_bad_count_or_path_status_is_one_line_naming_the_option(site, cli, options, expected):
    site.doc("index.md", "# Home\n")
    site.plugin(types={"openspec-spec": options})
    result = cli("check")
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_serve_follows_a_task_done_and_a_change_archived(site):
    """`mkdocs serve` of an OpenSpec tree: a task ticked in a change's `tasks.md` moves the
    change's progress and status; a change moved under `changes/archive/` is archived."""
    from .test_live_preview import Server

    openspec_site(site).write_config()
    running = Server(site.root)
    try:
        card = "openspec/changes/add-2fa/proposal/"
        running.wait_for(card, lambda p: "1/3" in p.find_all(class_="specs-card")[0].text)
        tasks = site.docs / "openspec/changes/add-2fa/tasks.md"
        tasks.write_text(tasks.read_text(encoding="utf-8").replace("[ ]", "[x]"), "utf-8")
        done = running.wait_for(card, lambda p: "3/3" in p.find_all(class_="specs-card")[0].text)
        assert "Complete" in done.find_all(class_="specs-card")[0].text
        archive = site.docs / "openspec/changes/archive"
        archive.mkdir(exist_ok=True)
        (site.docs / "openspec/changes/add-2fa").rename(archive / "2025-06-01-add-2fa")

        def archived(page) -> bool:
            return "Add two-factor sign-in" in [
                a.text for a in page.find_all(class_="specs-doc-link")
            ]

        running.wait_for("specs-index/status/archived/", archived)
        assert not archived(running.wait_for("specs-index/status/complete/", lambda p: True))
    finally:
        out = running.stop()
    assert "Traceback" not in out
