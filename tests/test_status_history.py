"""History of statuses: with ``history`` on, each document shows when it entered each status and
who changed it, read from git once per build and cached per commit; without git, one note."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mkdocs_specs.read import status_history

from .conftest import Site, git
from .html import parse
from .test_markdown_extension import convert, zensical_build


def note(status: str) -> str:
    return f"---\nstatus: {status}\nowners: [ann]\n---\n# A note\n\nText.\n"


def commit(site: Site, day: str, author: str = "Ann", **documents: str) -> None:
    for name, text in documents.items():
        site.doc(f"notes/{name}.md", text)
    git(site.root, "add", "-A")
    git(
        site.root,
        "-c",
        f"user.name={author}",
        "commit",
        "-q",
        "--author",
        f"{author} <a@example.org>",
        "-m",
        f"Notes of {day}",
        day=day,
    )


@pytest.fixture
def tracked(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    status_history._MEMORY.clear()
    site.plugin(
        presets=[],
        history="auto",
        types={"note": {"paths": ["notes/*.md"], "statuses": ["Draft", "Review", "Approved"]}},
    )
    git(site.root, "init", "-q")
    commit(site, "2025-01-03", one=note("Draft"), two=note("Draft"))
    commit(site, "2025-02-10", author="Bo", one=note("Review"))
    commit(site, "2025-03-01", author="Cy & <b>", one=note("Approved"))
    return site


def exported(built) -> dict[str, dict]:
    return {d["path"]: d for d in json.loads(built.html("specs.json"))["documents"]}


def test_transitions_and_authors_shown_on_the_card_and_in_specs_json(tracked):
    built = tracked.build(strict=True)
    history = exported(built)["notes/one.md"]["history"]
    assert [(h["status"], h["date"], h["author"]) for h in history] == [
        ("Draft", "2025-01-03", "Ann"),
        ("Review", "2025-02-10", "Bo"),
        ("Approved", "2025-03-01", "Cy &"),  # git keeps no <, > in a name
    ]
    assert [h["status"] for h in exported(built)["notes/two.md"]["history"]] == ["Draft"]
    raw = built.html("notes/one/index.html")
    assert "by Cy &amp;" in raw and "by Cy & " not in raw  # escaped on the card
    card = built.content("notes/one/index.html").find_all(class_="specs-card__history")
    assert "Approved 2025-03-01 by Cy &" in card[0].text


def test_statuses_are_read_as_the_documents_are_and_examples_in_code_are_no_history(tracked):
    """The history reads each status as the document's own is read: its type's spelling, a
    `superseded by` link as Superseded's; a change of spelling alone is no transition. A
    document with no status has no history, though its file gained `status:` lines (an
    example in a code block, as MADR's own decision about the status field has)."""
    tracked.plugin(
        presets=[],
        history="auto",
        types={
            "note": {
                "paths": ["notes/*.md"],
                "statuses": ["Draft", "Review", "Approved", "Superseded"],
            }
        },
    )
    commit(tracked, "2025-04-01", three=note("draft"))
    commit(tracked, "2025-04-02", author="Bo", three=note("DRAFT"))
    commit(tracked, "2025-04-03", three=note("superseded by [Two](two.md)"))
    # A line of text that starts with the word sets no status.
    quo = note("superseded by [Two](two.md)") + "\nStatus quo is no option.\n"
    commit(tracked, "2025-04-04", three=quo)
    example = "# About statuses\n\nWrite it so:\n\n```yaml\nstatus: {}\n```\n"
    commit(tracked, "2025-04-04", four=example.format("proposed"))
    commit(tracked, "2025-04-05", four=example.format("on hold"))
    built = tracked.build(strict=True)
    documents = exported(built)
    assert [(h["status"], h["date"]) for h in documents["notes/three.md"]["history"]] == [
        ("Draft", "2025-04-01"),
        ("Superseded", "2025-04-03"),
    ]
    assert "history" not in documents["notes/four.md"] or not documents["notes/four.md"]["history"]
    assert not built.content("notes/four/index.html").find_all(class_="specs-card__history")


def test_the_next_build_reads_only_the_new_commits(tracked):
    tracked.build()
    cache = json.loads((tracked.root / ".cache" / "plugin" / "specs" / "history.json").read_text())
    assert cache["since"] is None and cache["read"] == 3
    first = cache["head"]
    status_history._MEMORY.clear()
    commit(tracked, "2025-04-01", two=note("Review"))
    built = tracked.build()
    cache = json.loads((tracked.root / ".cache" / "plugin" / "specs" / "history.json").read_text())
    assert cache["since"] == first and cache["read"] == 1
    assert [h["status"] for h in exported(built)["notes/two.md"]["history"]] == ["Draft", "Review"]


def test_without_git_history_is_left_out_with_a_note(site, tmp_path: Path, monkeypatch, logs):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    status_history._MEMORY.clear()
    site.plugin(presets=[], history="auto", types={"note": {"paths": ["notes/*.md"]}})
    site.doc("notes/one.md", note("Draft"))
    built = site.build(strict=True)
    assert exported(built)["notes/one.md"]["history"] == []


def history_cache(site: Site) -> Path:
    return site.root / ".cache" / "plugin" / "specs" / "history.json"


def test_check_reads_the_history_into_the_cache_the_build_then_uses(tracked, cli):
    assert cli("check").exit_code == 0
    cache = json.loads(history_cache(tracked).read_text())
    assert cache["read"] == 3 and [e[0] for e in cache["files"]["notes/one.md"]] == [
        "Draft",
        "Review",
        "Approved",
    ]
    written = history_cache(tracked).stat().st_mtime_ns
    status_history._MEMORY.clear()  # as a build in another process
    built = tracked.build(strict=True)
    assert history_cache(tracked).stat().st_mtime_ns == written  # taken from check's cache
    card = built.content("notes/one/index.html").find_all(class_="specs-card__history")
    assert "Approved 2025-03-01 by Cy &" in card[0].text


def test_check_without_its_cache_keeps_no_history_either(tracked, cli):
    assert cli("check", "--no-cache").exit_code == 0
    assert not history_cache(tracked).exists()


def test_check_says_once_why_there_is_no_history(site, cli, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    status_history._MEMORY.clear()
    site.plugin(presets=[], history="auto", types={"note": {"paths": ["notes/*.md"]}})
    site.doc("notes/one.md", note("Draft"))
    result = cli("check")
    assert result.exit_code == 0
    assert result.stderr.count("no history of statuses is shown") == 1


def test_a_site_without_history_reads_no_git_on_the_command_line(tracked, cli):
    tracked.plugin(presets=[], types={"note": {"paths": ["notes/*.md"]}})
    assert cli("check").exit_code == 0
    assert not history_cache(tracked).exists()


def test_the_markdown_extension_shows_the_timeline_the_plugin_shows(tracked):
    built = tracked.build()
    status_history._MEMORY.clear()
    [card] = parse(convert(tracked, "notes/one.md")).find_all(class_="specs-card__history")
    assert " ".join(card.find("dd").text.split()) == timeline(built, "notes/one/index.html")


def test_the_markdown_extension_says_once_why_there_is_no_history(site, monkeypatch, logs):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(site.root.parent))
    status_history._MEMORY.clear()
    site.plugin(presets=[], history="auto", types={"note": {"paths": ["notes/*.md"]}})
    site.doc("notes/one.md", note("Draft"))
    site.doc("notes/two.md", note("Draft"))
    for page in ("notes/one.md", "notes/two.md"):
        assert "specs-card__history" not in convert(site, page)
    assert len(logs.expect("history:", "no history of statuses is shown")) == 1


@pytest.mark.slow
def test_zensical_shows_the_timeline_the_plugin_shows(tracked):
    """The extension reads the history as the plugin does: each card's timeline, the same."""
    tracked.config(
        theme={"name": "material", "font": False},  # Zensical has no theme of MkDocs' own
        markdown_extensions=["pymdownx.superfences", "pymdownx.tasklist", "mkdocs_specs.markdown"],
        extra_css=["assets/mkdocs-specs/specs.css"],
        extra_javascript=["assets/mkdocs-specs/specs.js"],
    )
    plugin = tracked.build(strict=True)
    expected = {name: timeline(plugin, f"notes/{name}/index.html") for name in ("one", "two")}
    assert (
        expected["one"]
        == "Draft 2025-01-03 by Ann · Review 2025-02-10 by Bo · Approved 2025-03-01 by Cy &"
    )
    shutil.rmtree(tracked.root / ".cache")
    status_history._MEMORY.clear()
    built = zensical_build(tracked.root)
    for name, shown in expected.items():
        assert timeline(built, f"notes/{name}/index.html") == shown
    assert "by Cy &amp;" in built.html("notes/one/index.html")  # escaped on the card
    assert history_cache(tracked).exists()  # the extension keeps it in cache_dir too


def timeline(built, page: str) -> str:
    [found] = built.content(page).find_all(class_="specs-card__history")
    return " ".join(found.find("dd").text.split())


@pytest.mark.parametrize("on", [True, False], ids=["history-true", "history-false"])
def test_history_true_and_false_as_yaml_writes_them(tracked, on):
    """`history: true` in `mkdocs.yml` is a boolean to YAML: the spelling the docs show."""
    tracked.plugin(
        presets=[],
        history=on,
        types={"note": {"paths": ["notes/*.md"], "statuses": ["Draft", "Review", "Approved"]}},
    )
    assert "history: true" in tracked.write_config().read_text() or not on
    history = exported(tracked.build(strict=True))["notes/one.md"].get("history")
    assert [h["status"] for h in history or []] == (["Draft", "Review", "Approved"] if on else [])


def test_a_query_lists_the_documents_by_the_day_they_entered_their_status(tracked):
    """`since`: "which documents have waited in their status since before March?"."""
    from .test_query_blocks_in_builds import queries, table

    tracked.doc(
        "index.md",
        """
        # Home

        ```specs
        where:
          since: "< 2025-02-01"
        columns: [title, path, status, since]
        ```
        """,
    )
    (shown,) = queries(tracked.build(strict=True), "index.html")
    assert table(shown) == [
        {
            "Document": "A note",
            "Path": "notes/two.md",
            "Status": "Draft",
            "In status since": "2025-01-03",
        }
    ]
