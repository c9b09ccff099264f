"""Freshness: a type's ``review_every`` makes documents unchanged for too long stale, by their
``updated`` field or by git's history, read once per build; a site with no git, no repository
or a shallow clone is told so, and nothing is misread."""

from __future__ import annotations

import calendar
import datetime
import json
import logging
import os
import shutil
import sys
from pathlib import Path

import pytest

from mkdocs_specs.model import SettingsError
from mkdocs_specs.read import history, status_history
from mkdocs_specs.settings.settings import build_settings

from .conftest import Site, git, strict_fails_until_lowered
from .test_live_preview import Server

TODAY = "2025-06-01"
"""The day the builds judge on (``SOURCE_DATE_EPOCH``)."""


def epoch(day: str) -> str:
    return str(calendar.timegm(datetime.date.fromisoformat(day).timetuple()))


def note(status: str, updated: str | None = None) -> str:
    field = f"updated: {updated}\n" if updated else ""
    return f"---\nstatus: {status}\nowners: [ann]\n{field}---\n# A note\n\nText.\n"


def commit(site: Site, day: str, **documents: str) -> None:
    """Write ``documents`` (name → text, in ``docs/notes/``) and commit them on ``day``."""
    for name, text in documents.items():
        site.doc(f"notes/{name}.md", text)
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", f"Notes of {day}", day=day)


@pytest.fixture
def reviewed(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A site of notes reviewed every 30 days in Draft and 12 weeks in Review, judged on
    :data:`TODAY`, in a git repository of its own with a history of set dates."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    history._LOGS.clear()
    site.plugin(
        presets=[],
        types={
            "note": {
                "paths": ["notes/*.md"],
                "statuses": ["Draft", "Review", "Done"],
                "review_every": {"Draft": "30d", "Review": "12w"},
            }
        },
    )
    git(site.root, "init", "-q")
    commit(
        site,
        "2025-01-01",
        old=note("Draft"),
        dated=note("Draft", updated="2025-05-20"),
        done=note("Done"),
    )
    commit(site, "2025-04-01", review=note("Review"))
    commit(site, "2025-05-15", recent=note("Draft"))
    return site


def card_flags(built, path: str) -> list[str]:
    return [flag.text for flag in built.content(path).find_all(class_="specs-flag--stale")]


def test_documents_unchanged_too_long_are_stale_by_git_or_by_their_field(reviewed, logs):
    built = reviewed.build()
    found = logs.expect("notes/old.md", "[stale]")
    assert "unchanged since 2025-01-01 (151 days, by git)" in found[0]
    assert "to be reviewed every 30 days" in found[0]
    assert all("notes/old.md" in f for f in logs.expect("[stale]"))

    assert card_flags(built, "notes/old/index.html") == ["stale"]
    for fresh in ("recent", "dated", "done", "review"):
        assert card_flags(built, f"notes/{fresh}/index.html") == [], fresh
    changed = built.content("notes/recent/index.html").find_all(class_="specs-card__changed")
    assert "2025-05-15" in changed[0].text

    page = built.content("specs-index/stale/index.html")
    titles = [a.text for a in page.find_all(class_="specs-doc-link")]
    assert titles == ["A note"]
    assert page.find_all(class_="specs-flag--stale")
    home = built.content("specs-index/index.html")
    assert len(home.find_all(class_="specs-flag--stale")) == 1
    assert home.find_all(class_="specs-stale-link")[0].text == "Stale documents: 1"

    export = json.loads(built.html("specs.json"))
    by_path = {d["path"]: d for d in export["documents"]}
    assert by_path["notes/old.md"]["changed"] == "2025-01-01"
    assert by_path["notes/old.md"]["stale"] is True
    assert by_path["notes/dated.md"]["changed"] == "2025-05-20"  # the field wins over git
    assert by_path["notes/review.md"]["changed"] == "2025-04-01"
    assert by_path["notes/review.md"]["stale"] is False  # 61 days, within 12 weeks
    assert by_path["notes/done.md"]["stale"] is False


def test_a_file_changed_in_the_work_tree_changed_today(reviewed, logs):
    reviewed.doc("notes/old.md", note("Draft") + "\nMore text.\n")
    reviewed.doc("notes/new.md", note("Draft"))
    built = reviewed.build()
    export = json.loads(built.html("specs.json"))
    by_path = {d["path"]: d for d in export["documents"]}
    assert by_path["notes/old.md"]["changed"] == TODAY
    assert by_path["notes/new.md"]["changed"] == TODAY
    assert not [d for d in export["documents"] if d["stale"]]
    assert not built.content("specs-index/stale/index.html").find_all(class_="specs-doc-link")


def test_a_strict_build_fails_on_a_stale_document_unless_its_severity_is_lowered(reviewed):
    strict_fails_until_lowered(reviewed, "notes/old.md", "stale")


def test_check_reports_stale_documents(reviewed, cli):
    report = cli.json()
    stale = [f for f in report["findings"] if f["rule"] == "stale"]
    assert [f["path"] for f in stale] == ["docs/notes/old.md"]
    assert stale[0]["severity"] == "warning"


def test_git_is_read_in_one_pass_per_build_and_once_per_commit(
    reviewed, tmp_path, monkeypatch, logs
):
    for number in range(40):
        reviewed.doc(f"notes/more-{number}.md", note("Draft"))
    commit(reviewed, "2025-05-30")
    calls = tmp_path / "git-calls"
    stand_in = tmp_path / "bin" / "git"
    stand_in.parent.mkdir()
    real = shutil.which("git")
    stand_in.write_text(
        f'#!/bin/sh\necho "$1 $2 $3 $4" >> "{calls}"\nexec "{real}" "$@"\n', encoding="utf-8"
    )
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", f"{stand_in.parent}{os.pathsep}{os.environ['PATH']}")
    reviewed.build()
    first = calls.read_text(encoding="utf-8").splitlines()
    assert len(first) == 3, first
    assert sum(1 for line in first if "log" in line.split()) == 1, first
    reviewed.build()
    second = calls.read_text(encoding="utf-8").splitlines()[len(first) :]
    assert len(second) == 2, second  # the same commit: its log is not read again
    assert not [line for line in second if "log" in line.split()]
    logs.expect("[stale]")


def test_with_the_history_of_statuses_too_one_git_log_gives_both(
    reviewed, tmp_path, monkeypatch, logs
):
    """Freshness and the history of statuses share one `git log` a build (the history's, with
    every commit's patch), kept in the cache: the next build reads no log at all, and the days
    and the stale documents are those of freshness's own pass."""
    alone = json.loads(reviewed.build().html("specs.json"))
    history._LOGS.clear()
    status_history._MEMORY.clear()
    options = reviewed.options["plugins"][0]["specs"]
    reviewed.plugin(**options, history=True)
    calls = tmp_path / "git-calls"
    stand_in = tmp_path / "bin" / "git"
    stand_in.parent.mkdir()
    stand_in.write_text(
        f'#!/bin/sh\necho "$1 $2 $3 $4 $5" >> "{calls}"\nexec "{shutil.which("git")}" "$@"\n',
        encoding="utf-8",
    )
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", f"{stand_in.parent}{os.pathsep}{os.environ['PATH']}")
    both = json.loads(reviewed.build().html("specs.json"))
    first = calls.read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in first if "log" in line.split()) == 1, first
    fields = ("path", "changed", "stale")
    assert [{k: d[k] for k in fields} for d in both["documents"]] == [
        {k: d[k] for k in fields} for d in alone["documents"]
    ]
    assert {d["path"]: [h["status"] for h in d["history"]] for d in both["documents"]}[
        "notes/review.md"
    ] == ["Review"]
    status_history._MEMORY.clear()  # as a new process would: from the cache file
    reviewed.build()
    second = calls.read_text(encoding="utf-8").splitlines()[len(first) :]
    assert not [line for line in second if "log" in line.split()], second
    logs.expect("[stale]")


def test_a_shallow_clone_is_said_and_its_dates_are_not_taken(reviewed, tmp_path, logs):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{reviewed.root}", str(clone))
    shutil.copy(reviewed.write_config(), clone / "mkdocs.yml")
    shallow = Site.__new__(Site)
    shallow.root, shallow.docs, shallow.options = clone, clone / "docs", reviewed.options
    built = shallow.build()
    said = logs.expect("shallow clone")
    assert len(said) == 1
    assert "fetch-depth: 0" in said[0]
    export = json.loads(built.html("specs.json"))
    by_path = {d["path"]: d for d in export["documents"]}
    assert by_path["notes/old.md"]["changed"] is None
    assert by_path["notes/dated.md"]["changed"] == "2025-05-20"
    assert not [d for d in export["documents"] if d["stale"]]


def test_without_a_repository_dates_come_from_fields_alone(site, monkeypatch, logs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    site.plugin(
        presets=[],
        types={"note": {"paths": ["notes/*.md"], "review_every": {"Draft": "4w"}}},
    )
    site.doc("notes/a.md", note("Draft", updated="2025-01-01"))
    site.doc("notes/b.md", note("Draft"))
    built = site.build()
    said = logs.expect("not in a git repository")
    assert len(said) == 1
    logs.expect("notes/a.md", "(151 days, by its 'updated' field)", "[stale]")
    export = json.loads(built.html("specs.json"))
    assert [d["path"] for d in export["documents"] if d["stale"]] == ["notes/a.md"]
    assert card_flags(built, "notes/a/index.html") == ["stale"]  # beside its Updated date
    assert card_flags(built, "notes/b/index.html") == []


def test_without_git_the_build_says_so(site, monkeypatch, tmp_path, logs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(TODAY))
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", f"{empty}{os.pathsep}{Path(sys.executable).parent}")
    site.plugin(
        presets=[],
        types={"note": {"paths": ["notes/*.md"], "review_every": {"Draft": "4w"}}},
    )
    site.doc("notes/b.md", note("Draft"))
    built = site.build()
    assert len(logs.expect("git is not installed")) == 1
    assert json.loads(built.html("specs.json"))["documents"][0]["changed"] is None


def test_a_site_without_review_every_runs_no_git_and_has_no_stale_page(site, logs):
    site.doc("notes/b.md", note("Draft"))
    site.plugin(presets=[], types={"note": {"paths": ["notes/*.md"]}})
    built = site.build()
    assert not (built.site_dir / "specs-index/stale").exists()
    assert not built.content("specs-index/index.html").find_all(class_="specs-stale-link")
    assert not any("git" in m for m in logs.messages(logging.DEBUG))
    assert not built.content("notes/b/index.html").find_all(class_="specs-card__changed")
    assert json.loads(built.html("specs.json"))["documents"][0]["changed"] is None


@pytest.mark.parametrize(
    ("review_every", "message"),
    [
        ({"Draft": "3 months"}, "types.note.review_every.Draft: '3 months' is not a period"),
        ({"Draft": "0d"}, "types.note.review_every.Draft: '0d' is not a period"),
        ({"Drafted": "30d"}, "types.note.review_every: 'Drafted' is not a status of the type"),
    ],
)
def test_a_review_period_that_cannot_work_is_refused_by_name(review_every, message):
    with pytest.raises(SettingsError, match=message):
        build_settings(
            types={"note": {"statuses": ["Draft", "Done"], "review_every": review_every}}
        )


def test_index_writes_the_stale_page_in_markdown(reviewed, cli):
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    page = (reviewed.root / "md" / "stale.md").read_text(encoding="utf-8")
    assert "# Stale documents" in page
    assert "old.md" in page
    assert "*stale*" in page
    assert "recent.md" not in page
    home = (reviewed.root / "md" / "index.md").read_text(encoding="utf-8")
    assert home.count("*stale*") == 1
    assert "[Stale documents](stale.md): 1" in home


@pytest.mark.slow
@pytest.mark.parametrize("options", [(), ("--dirty",)])
def test_serve_follows_an_edit_of_a_stale_document(reviewed, options):
    reviewed.write_config()
    running = Server(reviewed.root, *options)
    try:
        serve_follows_an_edit(reviewed, running)
    finally:
        out = running.stop()
    assert "Traceback" not in out
    assert out.count("[stale]") == 1  # the first build's, not the rebuild's


def serve_follows_an_edit(reviewed: Site, running: Server) -> None:
    page = running.wait_for("specs-index/stale/", lambda p: bool(p.find_all(class_="specs-page")))
    assert [a.text for a in page.find_all(class_="specs-doc-link")] == ["A note"]
    assert running.wait_for("notes/old/", lambda p: bool(p.find_all(class_="specs-flag--stale")))

    # Edited, not committed: it changed today, and is stale no more.
    reviewed.doc("notes/old.md", note("Draft") + "\nReviewed.\n")
    running.wait_for("specs-index/stale/", lambda p: not p.find_all(class_="specs-doc-link"))
    card = running.wait_for("notes/old/", lambda p: not p.find_all(class_="specs-flag--stale"))
    assert TODAY in card.find(class_="specs-card__changed").text


def test_a_build_in_a_git_hook_reads_the_history_of_its_repository(reviewed, monkeypatch, logs):
    # Git runs hooks at the top of the work tree with GIT_DIR=.git, relative to it.
    monkeypatch.chdir(reviewed.root)
    monkeypatch.setenv("GIT_DIR", ".git")
    built = reviewed.build()
    logs.expect("notes/old.md", "[stale]")
    export = json.loads(built.html("specs.json"))
    assert {d["path"]: d["changed"] for d in export["documents"]}["notes/recent.md"] == "2025-05-15"


def test_a_query_block_lists_the_stale_documents_with_their_last_change(reviewed, logs):
    reviewed.doc(
        "index.md",
        """
        # Home

        ```specs
        where:
          stale: true
        columns: [title, path, changed, stale]
        ```

        ```specs
        where:
          changed: ">= 2025-05-01"
        sort: changed
        show: count
        ```
        """,
    )
    built = reviewed.build()
    logs.expect("[stale]")
    page = built.page("index.html")
    table = page.find("table")
    headings = [th.text for th in table.find_all("th")]
    assert headings == ["Document", "Path", "Last changed", "Stale"]
    cells = [td.text for td in table.find("tbody").find_all("td")]
    assert cells == ["A note", "notes/old.md", "2025-01-01", "yes"]
    assert "2 documents" in page.text  # recent (git) and dated (its field)
