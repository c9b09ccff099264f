"""The `mkdocs-specs` command line on real trees: every command and option, with its exit status."""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_specs.cli import main
from mkdocs_specs.cli.output import github_data, github_property
from mkdocs_specs.cli.site import cache_file

from . import HOST
from .conftest import EXAMPLE, ROOT, Site
from .docs import design, spec

RESIDUE = "\n[Describe the problem this feature solves]\n"
"""A placeholder of the feature-spec template: a warning."""


@pytest.fixture
def good(site: Site) -> Site:
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout"))
    site.doc("specs/002-refunds.md", spec("002-refunds", "Refunds", "In Progress", "bob"))
    site.doc("design/pay-12.md", design("PAY-12"))
    return site


def broken(site: Site, **options: object) -> Site:
    """Documents with errors, warnings, a sidecar finding and findings without a line."""
    site.plugin(max_file_size=4096, **options)
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-ok.md", spec("001-ok"))
    site.doc("specs/002-bad-status.md", spec("002-bad-status", status="Finished"))
    site.doc(
        "specs/003-residue.md",
        spec("003-residue", status="In Progress", extra=RESIDUE),
    )
    site.doc("specs/004-binary.md", b"# Binary\n\x00\x01")
    site.doc("design/frd-3/design.md", "# FRD-3 - Feature Design\n\n## Overview\n")
    site.doc("design/frd-3/metadata.yaml", "status: [unclosed\n")
    site.doc("changes/notes.md", "---\ntitle: x\nstatus: Merged\n---\n## Feature Description\n")
    site.doc("specs/005-huge.md", spec("005-huge", extra="x" * 4096))
    return site


def test_check_on_valid_documents_prints_the_summary_and_exits_0(good, cli):
    result = cli("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 documents, 0 errors, 0 warnings\n"
    assert result.stderr == ""


def test_check_reports_each_finding_on_a_line_relative_to_the_current_directory(site, cli):
    broken(site)
    result = cli("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "docs/specs/002-bad-status.md:6: error: field 'status' is 'Finished'; expected one of: "
        "Draft, In Progress, Complete [invalid-field]"
    ) in lines
    assert any(
        line.startswith("docs/specs/003-residue.md:") and line.endswith("[placeholder]")
        for line in lines
    )
    assert any(line.startswith("docs/design/frd-3/metadata.yaml:1: error: ") for line in lines)
    # A finding without a line names just the file.
    assert "docs/specs/005-huge.md: error: the file is " in result.stdout
    assert lines[-1].startswith("7 documents, ")
    for line in lines[:-1]:
        path = line.split(":", 1)[0]
        assert (site.root / path).is_file(), line


def test_check_paths_follow_the_current_directory(good, cli, monkeypatch):
    good.doc("specs/003-x.md", spec("003-x", status="Nope"))
    good.write_config()
    monkeypatch.chdir(good.docs / "specs")
    result = CliRunner().invoke(main, ["check", "-f", "../../mkdocs.yml"])
    assert result.exit_code == 1
    assert result.stdout.startswith("003-x.md:6: error: ")


def test_check_exits_0_on_warnings_and_1_with_strict(good, cli):
    good.doc("specs/003-x.md", spec("003-x", status="In Progress", extra=RESIDUE))
    result = cli("check")
    assert result.exit_code == 0
    assert result.stdout.endswith("4 documents, 0 errors, 1 warning\n")
    assert cli("check", "--strict").exit_code == 1


def test_strict_in_mkdocs_yml_counts_as_strict(good, cli):
    good.doc("specs/003-x.md", spec("003-x", status="In Progress", extra=RESIDUE))
    good.config(strict=True)
    assert cli("check").exit_code == 1


def test_info_findings_never_fail(good, cli):
    good.plugin(severity={"placeholder": "info"})
    good.doc("specs/003-x.md", spec("003-x", status="In Progress", extra=RESIDUE))
    result = cli("check", "--strict")
    assert result.exit_code == 0
    assert "docs/specs/003-x.md:" in result.stdout and ": info: " in result.stdout
    assert cli.json()["counts"] == {
        "documents": 4,
        "errors": 0,
        "warnings": 0,
        "infos": 1,
        "error": 0,
        "warning": 0,
        "info": 1,
    }


def test_check_json_object(site, cli):
    broken(site)
    result = cli("check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"version", "config_file", "docs_dir", "counts", "findings"}
    assert data["version"] == 1
    assert data["config_file"] == "mkdocs.yml"
    assert data["docs_dir"] == "docs"
    assert data["counts"]["documents"] == 7
    finding = next(f for f in data["findings"] if f["rule"] == "invalid-field")
    assert finding == {
        "path": "docs/specs/002-bad-status.md",
        "line": 6,
        "rule": "invalid-field",
        "severity": "error",
        "message": "field 'status' is 'Finished'; expected one of: Draft, In Progress, Complete",
    }
    counted = {s: sum(f["severity"] == s for f in data["findings"]) for s in ("error", "warning")}
    assert counted == {s: data["counts"][f"{s}s"] for s in counted}
    assert counted == {s: data["counts"][s] for s in counted}  # the deprecated names
    assert any(f["line"] is None for f in data["findings"])


def test_check_github_annotations(site, cli):
    broken(site)
    result = cli("check", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=docs/specs/002-bad-status.md,line=6,title=invalid-field::field 'status' is "
        "'Finished'; expected one of: Draft, In Progress, Complete"
    ) in lines
    assert any(line.startswith("::warning file=docs/specs/003-residue.md,line=") for line in lines)
    assert any(line.startswith("::error file=docs/specs/005-huge.md,title=") for line in lines)
    assert lines[-1].startswith("7 documents, ")


def test_github_escaping_follows_the_actions_toolkit():
    assert github_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    assert github_data("\x1b[31mred\x07") == "\\x1b[31mred\\x07"


def test_github_annotations_escape_paths_and_messages_from_documents(site, cli):
    site.doc("specs/001-a,b:c%d.md", spec("001-x", status="50%, then: done"))
    result = cli("check", "--format", "github")
    assert result.exit_code == 1
    annotation = next(line for line in result.stdout.splitlines() if "invalid-field" in line)
    assert annotation == (
        "::error file=docs/specs/001-a%2Cb%3Ac%25d.md,line=6,title=invalid-field::"
        "field 'status' is '50%25, then: done'; expected one of: Draft, In Progress, Complete"
    )


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_control_characters_from_documents_never_reach_the_terminal(site, cli, output_format):
    site.doc(
        "specs/001-x.md",
        '---\nstatus: "\\e[2J\\e[31mred\\r::error::forged\\x07"\n---\n'
        + spec("001-x").split("\n", 1)[1].replace("**Status**: Draft\n", ""),
    )
    result = cli("check", "--format", output_format)
    assert result.exit_code == 1
    assert not any((c < " " and c != "\n") or "\x7f" <= c <= "\x9f" for c in result.stdout)
    assert "\\x1b[31mred" in result.stdout
    assert not any(line.startswith("::error::forged") for line in result.stdout.splitlines())


@pytest.mark.parametrize("output_format", ["text", "github"])
@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_unicode_line_separators_cannot_forge_a_finding_line(site, cli, output_format, separator):
    """A reader that splits lines the Unicode way (Python's ``str.splitlines``, editors, some
    CI log viewers) must see one line per finding."""
    forged = f"{separator}docs/specs/001-x.md:1: error: forged [x]{separator}::error::forged"
    site.doc(
        "specs/001-x.md",
        f'---\nstatus: "{forged}"\n---\n'
        + spec("001-x").split("\n", 1)[1].replace("**Status**: Draft\n", ""),
    )
    result = cli("check", "--format", output_format)
    assert result.exit_code == 1
    assert separator not in result.stdout
    assert f"\\u{ord(separator):04x}" in result.stdout
    lines = result.stdout.splitlines()
    assert not any(line.startswith(("docs/specs/001-x.md:1:", "::error::forged")) for line in lines)


def test_check_without_the_plugin_uses_its_defaults_and_says_so(good, cli):
    good.config(plugins=["search"])
    result = cli("check")
    assert result.exit_code == 0
    assert result.stdout == "3 documents, 0 errors, 0 warnings\n"
    assert "does not use the specs plugin" in result.stderr


def test_check_uses_the_options_of_a_disabled_plugin_and_says_so(good, cli):
    good.plugin(enabled=False, presets=["feature-design"])
    result = cli("check")
    assert result.exit_code == 0
    assert result.stdout == "1 document, 0 errors, 0 warnings\n"
    assert "disabled" in result.stderr


def test_check_reads_mkdocs_yml_with_mkdocs_own_loader(good, cli, monkeypatch):
    good.doc("specs/003-x.md", spec("003-x", status="Nope"))
    (good.root / "base.yml").write_text(
        "site_name: Test\ntheme: mkdocs\nplugins:\n  - specs:\n      severity:\n"
        "        invalid-field: !ENV [SPECS_LEVEL, error]\n",
        encoding="utf-8",
    )
    good.write_config()
    (good.root / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check"]).exit_code == 1
    monkeypatch.setenv("SPECS_LEVEL", "ignore")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.stdout == "4 documents, 0 errors, 0 warnings\n"


def test_check_sees_the_files_mkdocs_build_includes(good, cli):
    good.doc("specs/003-x.md", spec("003-x", status="Nope"))
    good.doc("specs/004-y.md", spec("004-y", status="Nope"))
    good.config(exclude_docs="specs/003-x.md\n", draft_docs="specs/004-y.md\n")
    result = cli("check")
    assert result.exit_code == 0
    assert result.stdout == "3 documents, 0 errors, 0 warnings\n"


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (None, "Config file 'missing.yml' does not exist"),
        ("site_name: [unclosed\n", "error parsing the configuration file"),
        ("site_name: X\ntheme: mkdocs\nplugins: [no-such-plugin]\n", "no-such-plugin"),
        (
            "site_name: X\ntheme: mkdocs\nplugins:\n  - specs:\n      max_file_size: lots\n",
            "max_file_size",
        ),
        (
            "site_name: X\ntheme: mkdocs\nplugins:\n  - specs:\n"
            "      types: {adr: {title_pattern: '('}}\n",
            "specs: types.adr.title_pattern: invalid regular expression",
        ),
        (
            "site_name: X\ntheme: mkdocs\nplugins:\n  - specs:\n      index_dir: ../out\n",
            "index_dir",
        ),
    ],
    ids=["missing", "yaml", "plugin", "option", "setting", "index-dir"],
)
def test_configuration_errors_exit_2_with_one_line(site, monkeypatch, logs, write, expected):
    monkeypatch.chdir(site.root)
    if write is not None:
        (site.root / "missing.yml").write_text(write, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-f", "missing.yml"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("mkdocs-specs: error: missing.yml: ")
    assert expected in result.stderr
    if write and "plugins" in write and "specs" not in write:
        logs.expect("no-such-plugin")
    elif write and "max_file_size" in write:
        logs.expect("max_file_size")


def test_a_config_file_that_is_a_folder_exits_2(site, cli):
    (site.root / "folder.yml").mkdir()
    result = cli("check", "-f", "folder.yml")
    assert result.exit_code == 2
    assert result.stderr.startswith("mkdocs-specs: error: folder.yml: ")
    assert result.stderr.count("\n") == 1


def test_configuration_warnings_are_shown_and_fail_only_with_strict(good, cli, logs):
    good.config(unknown_option=1)
    result = cli("check")
    assert result.exit_code == 0
    assert "mkdocs-specs: warning: Config value 'unknown_option'" in result.stderr
    result = cli("check", "--strict")
    assert result.exit_code == 2
    assert "'strict' mode" in result.stderr
    logs.expect("unknown_option")


def test_a_wrong_option_is_a_usage_error(good, cli):
    result = cli("check", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_help_and_version(cli):
    for args in (["--help"], ["check", "--help"]):
        result = cli(*args)
        assert result.exit_code == 0
        assert "Usage:" in result.stdout
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("mkdocs-specs ")


# --- the command line and `mkdocs build` agree --------------------------------------------------


def logged_findings(logs) -> set[tuple[str, str]]:
    """(severity, finding) of every finding the plugin logged in a build."""
    logs.expect_findings()
    return {
        (logging.getLevelName(r.levelno).lower(), r.getMessage().removeprefix("mkdocs_specs: "))
        for r in logs.records(logging.INFO)
        if r.name.startswith(f"{HOST}.plugins.mkdocs_specs")
    }


def check_findings(data: dict) -> set[tuple[str, str]]:
    """The same, from `check --format json`: the path made relative to the docs folder again."""
    found = set()
    for f in data["findings"]:
        path = posixpath.relpath(f["path"], data["docs_dir"])
        location = f"{path}:{f['line']}" if f["line"] else path
        found.add((f["severity"], f"{location}: {f['message']} [{f['rule']}]"))
    return found


def test_check_reports_what_a_build_reports_on_broken_documents(site, cli, logs):
    broken(site, severity={"empty-section": "info"})
    checked = check_findings(cli.json())
    site.build()
    assert checked == logged_findings(logs)
    assert {severity for severity, _ in checked} == {"error", "warning", "info"}


def test_check_reports_bad_query_blocks_as_a_build_does(site, cli, logs):
    site.doc("specs/001-a.md", spec("001-a"))
    site.doc(
        "index.md",
        "---\ntitle: Home\n---\n# Home\n\n```specs\nshow: pie\n```\n\n"
        "~~~specs\nwhere: {status: Draft}\ncolumns: [title, colour]\n~~~\n",
    )
    site.doc("notes.md", "# Notes\n\n````markdown\n```specs\nshow: pie\n```\n````\n")
    result = cli("check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["rule"]) for f in data["findings"]] == [
        ("docs/index.md", 7, "bad-query"),
        ("docs/index.md", 12, "bad-query"),
    ]
    site.build()
    assert check_findings(data) == logged_findings(logs)


def test_check_finds_query_blocks_in_documents_read_or_taken_from_its_cache(
    site, cli, logs, reads, tmp_path, monkeypatch
):
    # A document's own reading tells whether it may hold a query block, and check looks again
    # only at those: its query blocks are found whether the document was read (even one that is
    # not UTF-8) or taken from the cache, as the build finds them.
    monkeypatch.setenv("MKDOCS_SPECS_CACHE_DIR", str(tmp_path / "cache"))
    site.doc("specs/001-a.md", spec("001-a", extra="```specs\nshow: pie\n```\n"))
    site.doc("specs/002-b.md", spec("002-b"))
    site.doc("specs/003-c.md", b"\xff" + spec("003-c", extra="```specs\nshow: pie\n```\n").encode())
    expected = {("docs/specs/001-a.md", "bad-query"), ("docs/specs/003-c.md", "bad-query")}
    for cached in (False, True):
        reads.clear()
        data = json.loads(cli("check", "--format", "json").stdout)
        assert len(reads) == (0 if cached else 3)
        found = {(f["path"], f["rule"]) for f in data["findings"] if f["rule"] == "bad-query"}
        assert found == expected
    site.build()
    assert check_findings(data) == logged_findings(logs)


def test_check_reports_what_a_build_reports_on_the_example_site(tmp_path, monkeypatch, logs):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["counts"]["documents"] == 20
    build(load_config(config_file=str(root / "mkdocs.yml")))
    found = logged_findings(logs)
    assert check_findings(data) == found
    assert len(found) == len(data["findings"]) > 20


# --- the real command -------------------------------------------------------------------------


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m mkdocs_specs.cli`, importing this checkout."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_specs.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": path},
    )


def test_the_real_command_checks_a_tree(site):
    broken(site)
    site.write_config()
    result = run_module("check", "--format", "github", cwd=site.root)
    assert result.returncode == 1, result.stderr
    assert "::error file=docs/specs/002-bad-status.md,line=6,title=invalid-field::" in (
        result.stdout
    )
    assert result.stderr == ""
    missing = run_module("check", "-f", "nowhere.yml", cwd=site.root)
    assert missing.returncode == 2
    assert missing.stderr.startswith("mkdocs-specs: error: ")
    assert "Traceback" not in missing.stderr


def test_the_console_script_is_declared():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"mkdocs-specs": "mkdocs_specs.cli:main"}
    assert any(dependency.startswith("click") for dependency in project["dependencies"])


def test_the_pre_commit_hook_runs_check_on_the_whole_site():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["mkdocs-specs-check"]
    hook = hooks[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["entry"] == "mkdocs-specs check"
    files = re.compile(hook["files"])
    for path in ("docs/specs/001-x.md", "mkdocs.yml", "docs/kep/kep.yaml", "a.markdown"):
        assert files.search(path), path
    for path in ("setup.py", "docs/img.png", "README.mdx"):
        assert not files.search(path), path


def test_check_refuses_an_export_the_build_refuses(site, cli):
    site.plugin(export="../out.json")
    result = cli("check")
    assert result.exit_code == 2
    assert "export: '../out.json' must be a .json file inside the site" in result.stderr


def test_check_reports_a_repeated_reference_once_as_a_build_does(site, cli, logs):
    site.doc(
        "design/a-1.md", design("A-1").replace("created:", "depends_on: [NOPE, NOPE]\ncreated:")
    )
    data = cli.json()
    site.build()
    assert check_findings(data) == logged_findings(logs)
    assert [f["rule"] for f in data["findings"]] == ["unknown-reference"]


# --- check's cache -----------------------------------------------------------------------------


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("MKDOCS_SPECS_CACHE_DIR", str(folder))
    return folder


def test_check_reads_again_only_what_changed_since_the_last_check(site, cli, reads, cache_dir):
    broken(site)
    first = cli("check", "--format", "json")
    everything = len(reads)  # all but the file too large to read
    assert everything == 6 and first.exit_code == 1
    assert list(cache_dir.iterdir()) == [cache_file(str(site.root / "mkdocs.yml"))]
    reads.clear()
    again = cli("check", "--format", "json")
    assert reads == [] and again.stdout == first.stdout and again.exit_code == 1
    # An edit, a sidecar that changes and a deleted document are seen; nothing else is read.
    site.doc("specs/002-bad-status.md", spec("002-bad-status", status="Draft"))
    site.doc("design/frd-3/metadata.yaml", "status: Draft\nowners: [ann]\n")
    (site.docs / "specs/003-residue.md").unlink()
    reads.clear()
    edited = cli("check", "--format", "json")
    assert sorted(reads) == ["design/frd-3/design.md", "specs/002-bad-status.md"]
    reads.clear()
    fresh = cli("check", "--format", "json", "--no-cache")
    assert len(reads) == everything - 1 and fresh.stdout == edited.stdout
    messages = [f["message"] for f in json.loads(edited.stdout)["findings"]]
    assert not any("Finished" in m or "003-residue" in m for m in messages)


def test_check_reads_everything_again_when_the_settings_change(site, cli, reads, cache_dir):
    broken(site)
    cli("check")
    broken(site, severity={"placeholder": "error"})
    reads.clear()
    result = cli("check", "--format", "json")
    assert len(reads) == 6
    residue = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "placeholder"]
    assert residue and all(f["severity"] == "error" for f in residue)


def test_check_with_no_cache_keeps_nothing(good, cli, reads, cache_dir):
    assert cli("check", "--no-cache").exit_code == 0
    assert not cache_dir.exists()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_is_read_around_and_replaced(good, cli, reads, cache_dir, damage):
    cli("check")
    (kept,) = cache_dir.iterdir()
    kept.write_bytes(damage)
    reads.clear()
    assert cli("check").exit_code == 0 and len(reads) == 3
    reads.clear()
    assert cli("check").exit_code == 0 and reads == []


def test_check_works_when_its_cache_cannot_be_written(good, cli, reads, cache_dir):
    cache_dir.write_text("a file where the folder should be")
    assert cli("check").exit_code == 0
    reads.clear()
    assert cli("check").exit_code == 0 and len(reads) == 3
