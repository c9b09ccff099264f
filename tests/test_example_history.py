"""The example site's freshness and history of statuses, on a git history that a fixture makes
(``EXAMPLE_HISTORY``): a design left in review past its type's ``review_every`` is stale, and
each card shows when its document entered each status and who changed it, in ``mkdocs build``,
``--strict`` and ``mkdocs serve``."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_specs.read import status_history

from .conftest import MKDOCS, Built, example_history, git

THEME = {"name": "mkdocs"}


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example site with its history, as its `mkdocs.yml`."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    status_history._MEMORY.clear()
    return example_history(tmp_path / "example", THEME)


def built(config: Path) -> Built:
    loaded = load_config(config_file=str(config))
    build(loaded)
    return Built(Path(loaded.site_dir))


def exported(site: Built) -> dict[str, dict]:
    return {d["path"]: d for d in json.loads(site.html("specs.json"))["documents"]}


def test_each_card_shows_its_last_three_statuses_and_who_changed_them(example, logs):
    site = built(example)
    documents = exported(site)
    assert [
        (h["status"], h["date"], h["author"])
        for h in documents["specs/003-refund-api.md"]["history"]
    ] == [
        ("Draft", "2025-03-03", "Ana Lima"),
        ("In Review", "2025-04-14", "Ben Okafor"),
        ("Approved", "2025-05-02", "Chloé Martin"),
        ("In Progress", "2025-06-11", "Ana Lima"),
    ]
    # A status kept in a sidecar has its history too; one never changed has one entry.
    assert [h["status"] for h in documents["design/notif-2/design.md"]["history"]] == [
        "Draft",
        "In Review",
    ]
    assert [h["status"] for h in documents["specs/001-card-checkout.md"]["history"]] == ["Complete"]
    card = site.content("specs/003-refund-api/index.html")
    timeline = card.find_all(class_="specs-card__history")[0].text
    assert "Draft" not in timeline  # the last three only
    assert "In Review 2025-04-14 by Ben Okafor" in timeline
    assert "In Progress 2025-06-11 by Ana Lima" in timeline
    found = logs.expect_findings()  # the example's deliberate findings
    # With git and its whole history, neither freshness nor the history has a note to give.
    assert not [f for f in found if f.startswith(("history:", "review_every:"))], found


def test_a_design_left_in_review_is_stale_on_its_card_its_rows_and_the_stale_page(example, logs):
    site = built(example)
    found = [f for f in logs.expect_findings() if "[stale]" in f]
    assert len(found) == 1, found
    assert "design/notif-2/metadata.yaml:7: unchanged since 2025-06-05" in found[0]
    assert "this type's documents in 'In Review' are to be reviewed every 28 days" in found[0]
    stale = [d for d, doc in exported(site).items() if doc["stale"]]
    assert stale == ["design/notif-2/design.md"]
    page = site.content("specs-index/stale/index.html")
    assert [a.text for a in page.find_all(class_="specs-doc-link")] == [
        exported(site)["design/notif-2/design.md"]["title"]
    ]
    card = site.content("design/notif-2/design/index.html")
    assert card.find_all(class_="specs-flag--stale")
    # The other designs in review-free statuses are not stale, whatever their age.
    assert not site.content("design/frd-3/design/index.html").find_all(class_="specs-flag--stale")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MKDOCS, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_strict_counts_the_stale_design_and_no_note_of_the_history(example, tmp_path):
    strict = run(example.parent, "build", "--strict")
    plain = run(example.parent, "build")
    assert strict.returncode == 1 and plain.returncode == 0, strict.stderr
    assert "Traceback" not in strict.stderr + plain.stderr
    warnings = [line for line in strict.stderr.splitlines() if line.startswith("WARNING")]
    stale = [line for line in warnings if "[stale]" in line]
    assert len(stale) == 1 and "design/notif-2/metadata.yaml:7:" in stale[0]
    assert "history:" not in strict.stderr and "review_every:" not in strict.stderr


@pytest.mark.slow
def test_serve_shows_a_new_commit_on_the_card_and_the_stale_page(example):
    from .test_live_preview import Server

    running = Server(example.parent)
    try:
        card = running.wait_for(
            "design/notif-2/design/", lambda p: bool(p.find_all(class_="specs-card__history"))
        )
        assert card.find_all(class_="specs-flag--stale")
        # Approved and committed: the card shows the change and who made it; stale no more.
        metadata = example.parent / "docs/design/notif-2/metadata.yaml"
        text = metadata.read_text(encoding="utf-8")
        metadata.write_text(
            text.replace("status: In Review", "status: Approved").replace(
                "updated: 2025-06-05", "updated: 2025-06-20"
            ),
            encoding="utf-8",
        )
        git(example.parent, "commit", "-q", "-am", "Approved", day="2025-06-20", author="Dana Wu")
        # The server may have rebuilt between the edit and the commit: once more, after it.
        metadata.write_text(metadata.read_text(encoding="utf-8"), encoding="utf-8")

        def approved(page) -> bool:
            history = page.find_all(class_="specs-card__history")
            return bool(history) and "Approved 2025-06-20 by Dana Wu" in history[0].text

        card = running.wait_for("design/notif-2/design/", approved)
        assert not card.find_all(class_="specs-flag--stale")
        running.wait_for("specs-index/stale/", lambda p: not p.find_all(class_="specs-doc-link"))
    finally:
        out = running.stop()
    assert "Traceback" not in out
