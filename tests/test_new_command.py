"""`mkdocs-specs new`: a document from its type's template, with the next free ID, that checks
without errors."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from mkdocs_specs.cli import main
from mkdocs_specs.model import Document
from mkdocs_specs.render.new_document import ScaffoldError, document_path, next_id
from mkdocs_specs.settings.presets import SEED_PRESETS
from mkdocs_specs.settings.settings import build_settings

from .conftest import EXAMPLE, SEEDS
from .docs import design, spec
from .test_generated_pages_and_cards import rows

TODAY = datetime.date.today().isoformat()


def errors_in(data: dict, path: str) -> list[dict]:
    """The error findings for one file in the output of `check --format json`."""
    return [f for f in data["findings"] if f["path"] == path and f["severity"] == "error"]


def written(cli, *args: str) -> tuple[str, str]:
    """Run `new`, which must write a file in which `check` finds no error: its path and text."""
    result = cli("new", *args)
    assert result.exit_code == 0, result.output
    path = result.stdout.strip()
    assert errors_in(cli.json(), path) == []
    return path, (cli.site.root / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_type", sorted(SEED_PRESETS))
def test_new_document_of_each_built_in_type_checks_without_errors(site, cli, doc_type):
    site.doc("index.md", "# Home\n")
    written(cli, doc_type, "Checkout redesign", "--owner", "alice")
    data = cli.json()
    assert data["counts"]["documents"] == 1
    assert data["counts"]["errors"] == 0
    assert cli("check").exit_code == 0


def test_new_fills_the_metadata_lines_and_the_h1_of_a_feature_spec(site, cli):
    result = cli("new", "feature-spec", "Checkout redesign", "--owner", "alice")
    assert result.stdout == "docs/specs/001-checkout-redesign.md\n"
    text = (site.docs / "specs/001-checkout-redesign.md").read_text(encoding="utf-8")
    assert text.startswith(
        "# Feature Specification: Checkout redesign\n\n## Overview\n\n"
        "**Feature ID**: 001-checkout-redesign\n**Status**: Draft\n**Owner**: alice\n"
        f"**Created**: {TODAY}\n**Last Updated**: {TODAY}\n"
    )
    assert "---" not in text.split("## Problem Statement")[0]  # no front matter needed


def test_new_writes_a_blank_line_before_each_list_under_a_paragraph_line(site, cli):
    seed = (SEEDS / "feature-spec.md").read_text(encoding="utf-8")
    assert "**Acceptance Criteria:**\n- [ ] [Criterion 1]\n" in seed
    _, text = written(cli, "feature-spec", "Offline notes", "--owner", "alice")
    assert "**User Pain Points:**\n\n1. [Pain point 1]\n2. [Pain point 2]\n" in text
    assert "**Acceptance Criteria:**\n\n- [ ] [Criterion 1]\n- [ ] [Criterion 2]\n" in text
    # The rest is the template's, line for line: its `**Key**: value` lines too.
    assert text.count("\n") == seed.count("\n") + 2
    assert "**Framework**: [Technology stack]\n**Database**: [Database choice]\n" in text
    _, text = written(cli, "feature-design", "Offline sync", "--owner", "alice", "--id", "PAY-1")
    assert "including:\n\n- Client-side state\n- Server-side state\n" in text
    assert (SEEDS / "feature-spec.md").read_text(encoding="utf-8") == seed


def test_new_puts_in_front_matter_what_the_template_has_no_place_for(site, cli):
    cli("new", "change-request", "Retry webhooks", "--owner", "bob")
    text = (site.docs / "changes/retry-webhooks.md").read_text(encoding="utf-8")
    assert text.startswith(
        f"---\ntitle: Retry webhooks\nstatus: Draft\nowners:\n- bob\ncreated: '{TODAY}'\n---\n"
        "## Feature Description\n"
    )
    cli("new", "feature-design", "Hosted checkout", "--owner", "carol", "--id", "PAY-1")
    text = (site.docs / "design/pay-1-hosted-checkout.md").read_text(encoding="utf-8")
    assert text.startswith(
        f"---\ntitle: Hosted checkout\nstatus: Draft\nowners:\n- carol\ncreated: '{TODAY}'\n---\n"
        "# PAY-1 - Feature Design\n"
    )


def test_new_documents_are_listed_by_a_real_build(site, cli, logs):
    site.doc("index.md", "# Home\n")
    cli("new", "feature-spec", "Checkout redesign", "--owner", "alice", "--status", "in progress")
    cli("new", "change-request", "Retry webhooks", "--owner", "bob")
    built = site.build()
    logs.expect_findings()
    table = rows(built.content("specs-index/index.html"))
    assert table["Checkout redesign"]["Status"] == "In Progress"
    assert table["Checkout redesign"]["Owners"] == "alice"
    assert table["Checkout redesign"]["ID"] == "001-checkout-redesign"
    assert table["Retry webhooks"]["Owners"] == "bob"
    assert "invalid" not in table["Checkout redesign"]["Document"]


def test_new_takes_the_next_free_number_on_the_example_site(tmp_path, monkeypatch):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    monkeypatch.chdir(root)
    runner = CliRunner()
    result = runner.invoke(main, ["new", "feature-spec", "Gift cards", "--owner", "dana"])
    assert result.exit_code == 0, result.output
    # 008-loyalty-points.md has the ID 003-refund-api: file names count too.
    assert result.stdout == "docs/specs/009-gift-cards.md\n"
    data = json.loads(runner.invoke(main, ["check", "--format", "json"]).stdout)
    assert errors_in(data, "docs/specs/009-gift-cards.md") == []
    several = runner.invoke(main, ["new", "feature-design", "Gift cards"])
    assert several.exit_code == 2
    assert "FRD-4, NOTIF-3, PAY-13, REF-8" in several.stderr
    result = runner.invoke(main, ["new", "feature-design", "Gift cards", "--id", "PAY-13"])
    assert result.stdout == "docs/design/pay-13-gift-cards.md\n"


def documents(doc_type: str, *ids: str, paths: tuple[str, ...] = ()) -> list[Document]:
    paths = paths or tuple(f"x/doc{chr(97 + i)}.md" for i in range(len(ids)))
    return [
        Document(path=path, type=doc_type, title="t", id=doc_id or None)
        for path, doc_id in zip(paths, ids or ("",) * len(paths), strict=True)
    ]


SETTINGS = build_settings(
    types={
        "adr": {"paths": ["decisions/*.md"]},
        "kit": {"paths": ["features/*/spec.md"]},
    }
)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (("001-card-checkout", "008-loyalty-points", "003-refund-api"), "009-gift-cards"),
        (("0042", "0007"), "0043"),
        (("7-a", "12-b"), "13-gift-cards"),
        (("PAY-9", "PAY-12"), "PAY-13"),
        (("ADR-0001",), "ADR-0002"),
        (("RFC0041", "rfc0007"), "RFC0042"),
        (("PAY-12", "003-x"), "004-gift-cards"),  # numbers first
        (("card-checkout", "checkout-3ds2"), None),
        ((), None),
    ],
)
def test_next_free_id(ids, expected):
    assert next_id(SETTINGS.compiled["adr"], documents("adr", *ids), "gift-cards") == expected


def test_next_free_id_reads_file_names_of_documents_without_an_id():
    found = documents("adr", paths=("decisions/0001-use-mkdocs.md", "decisions/0002-x.md"))
    assert next_id(SETTINGS.compiled["adr"], found, "gift-cards") == "0003-gift-cards"
    kit = documents("kit", paths=("features/011-search/spec.md",))
    assert next_id(SETTINGS.compiled["kit"], kit, "gift-cards") == "012-gift-cards"


def test_next_free_id_looks_only_at_the_documents_of_the_type():
    assert next_id(SETTINGS.compiled["adr"], documents("kit", "041-x"), "y") is None


def test_next_free_id_refuses_to_guess_among_several_prefixes():
    with pytest.raises(ScaffoldError, match="FRD-4, PAY-13"):
        next_id(SETTINGS.compiled["adr"], documents("adr", "PAY-12", "FRD-3"), "x")


@pytest.mark.parametrize(
    ("doc_type", "doc_id", "where", "expected"),
    [
        ("adr", "0003-gift-cards", None, "decisions/0003-gift-cards.md"),
        ("adr", "PAY-13", None, "decisions/pay-13-gift-cards.md"),
        ("adr", None, None, "decisions/gift-cards.md"),
        ("kit", "012-gift-cards", None, "features/012-gift-cards/spec.md"),
        ("adr", "0003-gift-cards", "records/2025", "records/2025/0003-gift-cards.md"),
        ("adr", "0003-gift-cards", "records/gift.md", "records/gift.md"),
        ("feature-design", "PAY-1", None, "design/pay-1-gift-cards.md"),
    ],
)
def test_where_a_new_document_goes(doc_type, doc_id, where, expected):
    assert document_path(SETTINGS.compiled[doc_type], doc_id, "gift-cards", where) == expected


def test_id_status_owner_and_path_options(site, cli):
    site.doc("specs/001-checkout.md", spec("001-checkout"))
    result = cli(
        "new",
        "Feature specification",  # a type by its label
        "Wallets",
        "--id",
        "042-wallets",
        "--status",
        "complete",
        "--owner",
        "alice",
        "--owner",
        "bob",
        "--path",
        "specs/payments",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "docs/specs/payments/042-wallets.md\n"
    text = (site.docs / "specs/payments/042-wallets.md").read_text(encoding="utf-8")
    assert "**Feature ID**: 042-wallets\n**Status**: Complete\n**Owner**: alice, bob\n" in text
    assert errors_in(cli.json(), "docs/specs/payments/042-wallets.md") == []


def test_a_path_outside_the_type_names_the_type_in_front_matter(site, cli):
    result = cli("new", "feature-spec", "Wallets", "--owner", "a", "--path", "notes/wallets.md")
    assert result.exit_code == 0, result.output
    text = (site.docs / "notes/wallets.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntype: feature-spec\n---\n# Feature Specification: Wallets\n")
    counts = cli.json()["counts"]
    assert (counts["documents"], counts["errors"]) == (1, 0)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nope", "X"], "unknown type 'nope'; expected one of: openspec-spec, openspec-change"),
        (["feature-spec", "Two\nlines"], "TITLE must be one line"),
        (["feature-spec", "  "], "TITLE must be one line"),
        (["feature-spec", "X", "--status", "Shipped"], "'Shipped' is not a status"),
        (["feature-spec", "X", "--id", "bad id"], "does not match"),
        (["feature-spec", "X", "--id", "001-checkout"], "already used by specs/001-checkout.md"),
        (["feature-spec", "X", "--path", "../outside"], "outside the docs folder"),
    ],
)
def test_new_refuses_what_it_cannot_write_with_exit_2(site, cli, args, expected):
    site.doc("specs/001-checkout.md", spec("001-checkout"))
    result = cli("new", *args, "--owner", "a")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mkdocs-specs: error: ")
    assert expected in result.stderr
    assert sorted(p.name for p in site.docs.rglob("*.md")) == ["001-checkout.md"]


def test_new_never_overwrites_a_file(site, cli):
    existing = site.doc("changes/retry-webhooks.md", "my own notes\n")
    result = cli("new", "change-request", "Retry webhooks", "--owner", "a")
    assert result.exit_code == 1
    assert result.stderr == (
        "mkdocs-specs: error: docs/changes/retry-webhooks.md already exists; not overwriting it "
        "(choose another --id, title or --path)\n"
    )
    assert existing.read_text(encoding="utf-8") == "my own notes\n"
    dry = cli("new", "change-request", "Retry webhooks", "--owner", "a", "--dry-run")
    assert dry.exit_code == 1
    assert "already exists" in dry.stderr


def test_dry_run_prints_the_document_and_writes_nothing(site, cli):
    result = cli("new", "feature-design", "Hosted checkout", "--owner", "a", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("---\ntitle: Hosted checkout\n")
    assert "# 001-hosted-checkout - Feature Design\n" in result.stdout
    assert result.stderr == "mkdocs-specs: would write docs/design/001-hosted-checkout.md\n"
    assert not list(site.docs.rglob("*.md"))


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_owner_defaults_to_git_user_name(site, cli, tmp_path, monkeypatch):
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Grace Hopper\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    subprocess.run(["git", "init", "-q", str(site.root)], check=True)
    cli("new", "change-request", "Retry webhooks")
    text = (site.docs / "changes/retry-webhooks.md").read_text(encoding="utf-8")
    assert "owners:\n- Grace Hopper\n" in text


def test_the_owner_falls_back_to_the_os_user(site, cli, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no git
    monkeypatch.setattr("getpass.getuser", lambda: "ada")
    cli("new", "change-request", "Retry webhooks")
    text = (site.docs / "changes/retry-webhooks.md").read_text(encoding="utf-8")
    assert "owners:\n- ada\n" in text


def test_new_on_a_type_of_your_own_with_a_template_and_a_field_of_its_own(site, cli):
    (site.root / "adr.md").write_text(
        "---\nstatus: '[Proposed | Accepted]'\ndeciders: []\n---\n# [Title]\n\n"
        "## Context\n\n[Why]\n\n## Decision\n\n[What]\n",
        encoding="utf-8",
    )
    site.plugin(
        types={
            "adr": {
                "paths": ["decisions/*.md"],
                "template": "adr.md",
                "statuses": ["Proposed", "Accepted"],
                "required_fields": ["status", "owners", "deciders"],
            }
        }
    )
    site.doc("decisions/0001-use-mkdocs.md", "---\nstatus: Accepted\n---\n# Use MkDocs\n")
    path, text = written(cli, "adr", "Use Postgres", "--owner", "alice")
    assert path == "docs/decisions/0002-use-postgres.md"
    assert text == (
        f"---\nstatus: Proposed\nowners:\n- alice\ncreated: '{TODAY}'\ndeciders: '[Deciders]'\n"
        "---\n# Use Postgres\n\n## Context\n\n[Why]\n\n## Decision\n\n[What]\n"
    )


def test_new_on_a_type_without_a_template(site, cli):
    site.plugin(
        types={"note": {"paths": ["rfcs/*.md"], "required_sections": ["Summary", "Motivation"]}}
    )
    path, text = written(cli, "note", "Faster builds", "--owner", "a")
    assert path == "docs/rfcs/faster-builds.md"
    assert text == (
        f"---\nowners:\n- a\ncreated: '{TODAY}'\n---\n# Faster builds\n\n## Summary\n\n"
        "## Motivation\n"
    )


def test_new_without_paths_asks_for_a_path(site, cli):
    site.plugin(types={"note": {"required_sections": []}})
    result = cli("new", "note", "Hello", "--owner", "a")
    assert result.exit_code == 2
    assert "give one with --path" in result.stderr
    result = cli("new", "note", "Hello", "--owner", "a", "--path", "notes")
    assert result.exit_code == 0, result.output
    assert (
        (site.docs / "notes/hello.md")
        .read_text(encoding="utf-8")
        .startswith("---\nowners:\n- a\ncreated:")
    )
    assert cli.json()["counts"]["documents"] == 1


def test_a_design_keeps_the_id_of_its_h1(site, cli):
    site.doc("design/pay-12.md", design("PAY-12"))
    result = cli("new", "feature-design", "Refunds", "--owner", "a")
    assert result.stdout == "docs/design/pay-13-refunds.md\n"
    data = cli.json()
    assert data["counts"]["errors"] == 0


# --- Found by a second reading ----------------------------------------------------------------


def test_a_title_outside_ascii_gives_an_ascii_id_that_checks(site, cli):
    path, text = written(cli, "feature-spec", "Straßenbahn Øre 日本", "--owner", "alice")
    assert path.isascii()
    assert "# Feature Specification: Straßenbahn Øre 日本" in text
    path, _ = written(cli, "feature-spec", "日本" * 100, "--owner", "alice")
    assert path == "docs/specs/002-untitled.md"


def test_a_long_title_names_the_file_once(site, cli):
    path, _ = written(cli, "feature-spec", "word " * 40, "--owner", "alice")
    assert path == "docs/specs/001-" + "-".join(["word"] * 8) + ".md"


def test_ids_of_a_pattern_win_over_file_names(site, cli):
    site.plugin(types={"adr": {"paths": ["decisions/*.md"], "id_pattern": r"^ADR-\d{4}$"}})
    site.doc("decisions/0001-use-postgres.md", "---\nid: ADR-0001\n---\n# Use Postgres\n\nText.\n")
    path, text = written(cli, "adr", "Use Redis", "--owner", "alice")
    assert path == "docs/decisions/adr-0002-use-redis.md"
    assert "ADR-0002" in text


def test_an_id_the_pattern_refuses_asks_for_one(site, cli):
    site.plugin(types={"adr": {"paths": ["decisions/*.md"], "id_pattern": r"^ADR-\d{4}$"}})
    site.doc("decisions/0001-use-postgres.md", "---\nid: '0001'\n---\n# Use Postgres\n\nText.\n")
    result = cli("new", "adr", "Use Redis")
    assert result.exit_code == 2
    assert "the next adr ID would be '0002', which does not match" in result.stderr


def test_a_title_that_starts_with_a_year_starts_no_numbering(site, cli):
    written(cli, "change-request", "2025 pricing update", "--owner", "alice")
    path, _ = written(cli, "change-request", "Refund fees", "--owner", "alice")
    assert path == "docs/changes/refund-fees.md"


@pytest.mark.parametrize(
    ("option", "value"),
    [("--owner", "a, b"), ("--owner", "x | **Status**: Complete"), ("--owner", "a\n## X")],
)
def test_an_owner_that_would_read_back_as_more_is_refused(site, cli, option, value):
    result = cli("new", "feature-spec", "X", option, value)
    assert result.exit_code == 2
    assert "--owner must be one line of text" in result.stderr
    assert not (site.docs / "specs").exists()


def test_unwritable_places_are_one_line_not_a_traceback(site, cli):
    site.doc("specs", "a file where the folder should be")
    result = cli("new", "feature-spec", "X", "--owner", "alice")
    assert result.exit_code == 1 and "cannot write it" in result.stderr
    (site.root / "afile").write_text("x", encoding="utf-8")
    result = cli("index", "--out", "afile/sub")
    assert result.exit_code == 1 and "cannot write it" in result.stderr
    assert "Traceback" not in result.output


def test_a_template_with_broken_front_matter_is_named(site, cli):
    (site.root / "t.md").write_text("---\nfoo: [\n---\n# [Title]\n", encoding="utf-8")
    site.plugin(types={"note": {"paths": ["notes/*.md"], "template": "t.md"}})
    result = cli("new", "note", "X", "--owner", "alice")
    assert result.exit_code == 2
    assert "front matter that is not a YAML mapping" in result.stderr


def test_a_required_title_is_the_h1(site, cli):
    site.plugin(
        types={"rfc": {"paths": ["rfcs/*.md"], "required_fields": ["title", "status", "owners"]}}
    )
    _, text = written(cli, "rfc", "Faster builds", "--owner", "alice")  # no missing-field error
    assert "\n# Faster builds\n" in text
    assert "title:" not in text
