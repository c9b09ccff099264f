"""The live preview: a real `mkdocs serve` on 127.0.0.1, fetched over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import MKDOCS, Built, Site
from .docs import design, spec
from .html import Node, parse

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A real `mkdocs serve` in its own process group, its output in a file (a pipe that no
    one reads would fill up and stop the server); ``stop`` ends the group by its ID."""

    def __init__(self, root: Path, *options: str) -> None:
        """Serve the site whose `mkdocs.yml` is in ``root``, with ``mkdocs serve``'s
        ``options``."""
        self.port = free_port()
        self.output = root / f"serve-{self.port}.log"
        with self.output.open("wb") as log:
            self.process = subprocess.Popen(
                [*MKDOCS, "serve", "-a", f"127.0.0.1:{self.port}", *options],
                cwd=root,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_COLOR": "1"},
                start_new_session=True,
            )

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as r:
                return r.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, path: str, ready: Callable[[Node], bool], timeout: float = 60) -> Node:
        """Fetch ``path`` until ``ready`` holds for the page, or fail after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.stop()
            html = self.get(path)
            if html is not None:
                last = parse(html)
                if ready(last):
                    return last
            time.sleep(0.3)
        pytest.fail(
            f"{path} never became ready; last page text: "
            f"{last.text[:400] if last else None}\nserver output:\n{self.stop()}"
        )

    def stop(self) -> str:
        """Stop the server and anything it started; its output."""
        if self.process.poll() is None:
            for sig, wait in ((signal.SIGTERM, 20), (getattr(signal, "SIGKILL", 9), 10)):
                try:
                    if hasattr(os, "killpg"):
                        os.killpg(self.process.pid, sig)
                    else:  # pragma: no cover - Windows has no process groups to signal
                        self.process.kill()
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        return self.output.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def server(site: Site) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(*options: str) -> Server:
        site.write_config()
        started.append(Server(site.root, *options))
        return started[-1]

    yield start
    for running in started:
        running.stop()


def test_serve_shows_problems_in_the_document_and_follows_edits(site, server):
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-a.md", spec("001-a", title="Alpha", status="Draft"))
    broken = site.doc("specs/002-b.md", spec("002-b", title="Beta", status="Shipped"))
    running = server()

    page = running.wait_for("specs/002-b/", lambda p: bool(p.find_all(class_="specs-card")))
    box = page.find(class_="specs-findings")
    assert "specs/002-b.md:6" in box.text and "[invalid-field]" not in box.text
    assert "invalid-field" in box.find("code").text
    assert not running.wait_for("specs/001-a/", lambda p: True).find_all(class_="specs-findings")

    # Fix the status: the box goes, and the indexes follow on the next rebuild.
    broken.write_text(
        spec("002-b", title="Beta", status="Complete", criteria="- [x] Pays by card"),
        encoding="utf-8",
    )
    page = running.wait_for("specs/002-b/", lambda p: not p.find_all(class_="specs-findings"))
    assert page.find(class_="specs-badge").text == "Complete"
    home = running.wait_for("specs-index/", lambda p: "Complete" in p.text)
    labels = [a.text for a in home.find("section", class_="specs-groups--status").find_all("a")]
    assert labels == ["Draft", "Complete"]

    # Delete a document: it leaves every index.
    broken.unlink()
    home = running.wait_for("specs-index/", lambda p: "Beta" not in p.text)
    assert [a.text for a in home.find_all("a", class_="specs-doc-link")] == ["Alpha"]
    assert running.get("specs-index/status/complete/") is None

    out = running.stop()
    assert "Traceback" not in out
    assert "specs/002-b.md:6: field 'status' is 'Shipped'" in out


def test_serve_keeps_backlinks_and_specs_json_in_step_with_edits(site, server):
    site.doc("specs/001-a.md", spec("001-a", title="Alpha"))
    dependent = site.doc(
        "specs/002-b.md",
        spec("002-b", title="Beta").replace("**Owner**", "**Depends On**: 001-a\n**Owner**"),
    )
    running = server()

    def needed_by(page: Node) -> list[str]:
        return [a.text for a in page.find_all("a", class_="specs-doc-ref")]

    page = running.wait_for("specs/001-a/", lambda p: bool(p.find_all(class_="specs-card")))
    assert needed_by(page) == ["002-b Beta"]

    # The link goes from the file: the backlink leaves the other document's card.
    dependent.write_text(spec("002-b", title="Beta"), encoding="utf-8")
    page = running.wait_for("specs/001-a/", lambda p: not needed_by(p))
    assert not page.find_all("svg", class_="specs-graph__svg")

    # The target is renamed: the reference no longer resolves, and specs.json says so.
    dependent.write_text(
        spec("002-b", title="Beta").replace("**Owner**", "**Depends On**: 001-z\n**Owner**"),
        encoding="utf-8",
    )
    running.wait_for(
        "specs/002-b/", lambda p: "unknown-reference" in p.find(class_="specs-card").text
    )
    data = json.loads(running.get("specs.json") or "{}")
    beta = next(d for d in data["documents"] if d["path"] == "specs/002-b.md")
    assert beta["relations"]["unresolved"] == [{"field": "depends_on", "written": "001-z"}]


def test_serve_reruns_queries_after_an_edit(site, server):
    site.doc("report.md", "# Report\n\n```specs\nwhere: {status: Draft}\nshow: list\n```\n")
    site.doc("specs/001-a.md", spec("001-a", title="Alpha", status="Draft"))
    edited = site.doc("specs/002-b.md", spec("002-b", title="Beta", status="Complete"))
    running = server()

    def listed(page: Node) -> list[str] | None:
        shown = page.find_all(class_="specs-query--list")
        return [li.text for li in shown[0].find_all("li")] if shown else None

    running.wait_for("report/", lambda p: listed(p) == ["Alpha Draft"])
    edited.write_text(spec("002-b", title="Beta", status="Draft"), encoding="utf-8")
    running.wait_for("report/", lambda p: listed(p) == ["Alpha Draft", "Beta Draft"])
    edited.unlink()
    running.wait_for("report/", lambda p: listed(p) == ["Alpha Draft"])
    assert "Traceback" not in running.stop()


def build_from_files(site: Site) -> Built:
    """A fresh build of the same files with the same `mkdocs.yml`, left as the server reads it:
    writing it again would make the server rebuild."""
    config = load_config(config_file=str(site.root / "mkdocs.yml"))
    build(config)
    return Built(Path(config.site_dir))


def specs_part(html: str) -> Node | None:
    """What the plugin put on a page: a generated page's content, or a document's card."""
    page = parse(html)
    found = page.find_all(class_="specs-page") or page.find_all(class_="specs-card")
    return found[0] if found else None


def expected_pages(built: Built) -> dict[str, Node | dict | None]:
    """URL → what the server must show there: every generated page, every document's card,
    and specs.json."""
    data = json.loads(built.html("specs.json"))
    pages: dict[str, Node | dict | None] = {"specs.json": data}
    generated = built.site_dir / "specs-index"
    for path in sorted(generated.rglob("index.html")):
        url = path.parent.relative_to(built.site_dir).as_posix() + "/"
        pages[url] = specs_part(path.read_text(encoding="utf-8"))
    for document in data["documents"]:
        pages[document["url"]] = specs_part(built.html(document["url"] + "index.html"))
    return pages


def served_differences(running: Server, expected: dict, gone: set[str]) -> list[str]:
    """How the served site differs from the fresh build: pages that differ, pages missing,
    and pages of the previous step that should be gone."""
    problems = []
    for url, want in expected.items():
        text = running.get(url)
        if text is None:
            problems.append(f"{url}: not served")
            continue
        got = json.loads(text) if url.endswith(".json") else specs_part(text)
        if url.endswith(".json"):
            # `mkdocs serve` sets site_url to its own address, which specs.json gives.
            got, want = ({k: v for k, v in d.items() if k != "site_url"} for d in (got, want))
        if got != want:
            problems.append(f"{url}: differs from a fresh build of the files")
    problems += [f"{url}: still served" for url in gone if running.get(url) is not None]
    return problems


STEP_TIMEOUT = 60
"""Seconds a step may take to show on the served pages: the server rebuilds within a few."""


KIT_SPEC = """\
# Feature Specification: Photo albums

**Status**: Draft

## User Scenarios & Testing

Users sort photos.

## Requirements

- FR-001: albums
"""


@pytest.mark.parametrize("options", [(), ("--dirty",)], ids=["serve", "serve-dirty"])
def test_serve_matches_a_fresh_build_after_every_edit(site, server, logs, options):
    """Every edit, rename, deletion, sidecar and member file change shows on every page that
    shows it, as a fresh build of the same files has it. With `--dirty`, MkDocs rebuilds only
    the files it sees changed; the plugin rebuilds the pages whose documents were read from a
    changed file (a sidecar, a member) and the pages that show them. (MkDocs' `--dirty` keeps
    the pages of deleted files, so that is not checked there.)"""
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-a.md", spec("001-a", title="Alpha", status="Draft"))
    site.doc("specs/002-b.md", spec("002-b", title="Beta", status="In Progress", owner="bob"))
    site.doc("design/pay-1.md", design("PAY-1"))
    site.plugin(
        export="specs.json",
        show_findings="always",
        presets=["feature-spec", "feature-design", "change-request", "spec-kit"],
    )
    running = server(*options)

    def edit(path: str, old: str, new: str) -> None:
        target = site.docs / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    steps: list[tuple[str, Callable[[], None]]] = [
        ("start", lambda: None),
        ("status", lambda: edit("specs/001-a.md", "**Status**: Draft", "**Status**: In Progress")),
        ("owner", lambda: edit("specs/002-b.md", "**Owner**: bob", "**Owner**: carol")),
        (
            "checklist",
            lambda: edit("specs/001-a.md", "- [ ] Pays by wallet", "- [x] Pays by wallet"),
        ),
        ("rename", lambda: (site.docs / "specs/002-b.md").rename(site.docs / "specs/003-c.md")),
        ("delete", lambda: (site.docs / "design/pay-1.md").unlink()),
        ("add", lambda: site.doc("design/pay-2.md", design("PAY-2", owners="[dana]"))),
        ("break YAML", lambda: edit("design/pay-2.md", "owners: [dana]", "owners: [dana")),
        ("fix YAML", lambda: edit("design/pay-2.md", "owners: [dana", "owners: [dana, erin]")),
        # A sidecar changes its document's card, though the document's own file is the same.
        ("add sidecar", lambda: site.doc("design/pay-2.meta.yaml", "updated: 2025-06-01\n")),
        ("edit sidecar", lambda: edit("design/pay-2.meta.yaml", "06-01", "07-01")),
        ("remove sidecar", lambda: (site.docs / "design/pay-2.meta.yaml").unlink()),
        ("folder sidecar", lambda: site.doc("design/metadata.yaml", "owners: [frank]\n")),
        (
            "edit folder sidecar",
            lambda: edit("design/metadata.yaml", "owners: [frank]", "status: Approved"),
        ),
        (
            "add a folder document",
            lambda: (
                site.doc("specs/004-albums/spec.md", KIT_SPEC),
                site.doc("specs/004-albums/tasks.md", "# Tasks\n\n- [ ] T001 Model\n"),
            ),
        ),
        ("check a member's task", lambda: edit("specs/004-albums/tasks.md", "[ ]", "[x]")),
        ("add a member", lambda: site.doc("specs/004-albums/plan.md", "# Plan\n\n- [ ] P\n")),
    ]
    previous: dict = {}
    started = time.monotonic()
    for name, change in steps:
        change()
        expected = expected_pages(build_from_files(site))
        assert expected != previous, f"step {name!r} changed nothing the pages show"
        assert all(part is not None for part in expected.values())
        gone = set(previous) - set(expected) if not options else set()
        deadline = time.monotonic() + STEP_TIMEOUT
        while problems := served_differences(running, expected, gone):
            assert running.process.poll() is None, running.stop()
            if time.monotonic() > deadline:
                pytest.fail(f"after step {name!r}: {problems}\nserver output:\n{running.stop()}")
            time.sleep(0.5)
        previous = expected
    assert time.monotonic() - started < len(steps) * STEP_TIMEOUT
    logs.expect_findings()
    output = running.stop()
    assert "Traceback" not in output
    assert "design/pay-2.md:4: the front matter is not valid YAML" in output


def test_serve_dirty_rebuilds_the_cards_and_queries_that_show_an_edited_document(site, server):
    """`--dirty` rebuilds only the files that changed; the plugin also rebuilds the pages that
    show the edited document: the cards of the documents linked to it and every query."""
    site.doc("report.md", "# Report\n\n```specs\nwhere: {status: Draft}\nshow: list\n```\n")
    site.doc("specs/001-a.md", spec("001-a", title="Alpha"))
    site.doc("specs/003-c.md", spec("003-c", title="Gamma", owner="carol"))
    depends = "**Depends On**: 001-a\n**Owner**"
    edited = site.doc("specs/002-b.md", spec("002-b", title="Beta").replace("**Owner**", depends))
    running = server("--dirty")

    def statuses(page: Node) -> list[str]:
        return [a.attrs["title"] for a in page.find_all("a", class_="specs-doc-ref")]

    page = running.wait_for("specs/001-a/", lambda p: bool(p.find_all(class_="specs-card")))
    assert statuses(page) == ["Draft"]
    report = running.wait_for("report/", lambda p: True)
    assert "Beta" in report.find(class_="specs-query").text
    time.sleep(1.1)  # a later modification time than the pages the first build wrote
    done = spec("002-b", title="Beta", status="Complete", criteria="- [x] Pays by card")
    edited.write_text(done.replace("**Owner**", depends), encoding="utf-8")

    running.wait_for("specs/002-b/", lambda p: "Complete" in p.find(class_="specs-card").text)
    running.wait_for("specs/001-a/", lambda p: statuses(p) == ["Complete"], timeout=20)
    running.wait_for(
        "report/", lambda p: "Beta" not in p.find(class_="specs-query").text, timeout=20
    )
    running.wait_for("specs-index/status/complete/", lambda p: "Beta" in p.text, timeout=20)
    draft = running.wait_for("specs-index/status/draft/", lambda p: True)
    assert [a.text for a in draft.find_all("a", class_="specs-doc-link")] == ["Alpha", "Gamma"]
    # A page the edit does not change is left as the last build wrote it, and still right.
    owner = running.wait_for("specs-index/owner/carol/", lambda p: True)
    assert [a.text for a in owner.find_all("a", class_="specs-doc-link")] == ["Gamma"]
    assert "Traceback" not in running.stop()


def touch_later(path: Path) -> None:
    """Give ``path`` a modification time later than every page built, whatever the clock's
    resolution."""
    later = time.time() + 10
    os.utime(path, (later, later))


def dirty_build_differences(site: Site) -> tuple[list[str], dict[Path, str]]:
    """Build with `--dirty` over the last build, and the same files afresh to another folder:
    the pages whose cards or query results differ, and the dirty build's pages."""
    assert site.run("build", "--dirty").returncode == 0
    site_dir = site.root / "site"
    dirty = {p: p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}
    assert site.run("build", "--site-dir", "fresh").returncode == 0
    fresh_dir = site.root / "fresh"
    fresh = {site_dir / p.relative_to(fresh_dir): p for p in fresh_dir.rglob("*.html")}
    assert set(fresh) <= set(dirty)  # `--dirty` keeps the pages of groups that are gone

    def shown(html: str) -> list[Node]:
        page = parse(html)
        return [*page.find_all(class_="specs-card"), *page.find_all(class_="specs-query")]

    stale = [
        str(path.relative_to(site_dir))
        for path, fresh_path in fresh.items()
        if shown(dirty[path]) != shown(fresh_path.read_text(encoding="utf-8"))
    ]
    return stale, {p.relative_to(site_dir): html for p, html in dirty.items()}


def dirty_build_after(site: Site, edited: Path, text: str) -> dict[Path, str]:
    """Write ``text`` into ``edited`` and build with `--dirty`: every card and query shows what
    a fresh build of the same files shows; the dirty build's pages."""
    edited.write_text(text, encoding="utf-8")
    touch_later(edited)
    stale, dirty = dirty_build_differences(site)
    assert not stale
    return dirty


def test_a_dirty_build_after_a_status_edit_matches_a_fresh_build(site):
    """`--dirty` rebuilds only the files changed, but every document's card and every query
    shows the others: a change to what the catalogue holds rebuilds them all."""
    site.doc("index.md", "# Home\n")
    edited = site.doc("specs/001-a.md", spec("001-a", title="Alpha", status="Draft"))
    site.doc(
        "specs/002-b.md",
        spec("002-b", title="Beta").replace("**Owner**", "**Depends On**: 001-a\n**Owner**"),
    )
    site.doc("report.md", "# Report\n\n```specs\nwhere: {status: Draft}\nshow: list\n```\n")
    assert site.run("build").returncode == 0

    dirty = dirty_build_after(site, edited, spec("001-a", title="Alpha", status="In Progress"))
    card = parse(dirty[Path("specs/002-b/index.html")]).find(class_="specs-card")
    assert "In Progress" in card.text
    report = parse(dirty[Path("report/index.html")]).find(class_="specs-query")
    assert "Alpha" not in report.text and "Beta" in report.text


def test_a_dirty_build_after_a_sidecar_edit_matches_a_fresh_build(site):
    """A document's page is rebuilt when a file it was read from changed, though its own file
    did not: the card of `design/d0/design.md` followed its `metadata.yaml` only once the
    document itself was touched."""
    site.doc("design/d0/design.md", design("D-0").replace("status: Draft\nowners: [bob]\n", ""))
    sidecar = site.doc("design/d0/metadata.yaml", "status: Draft\nowners: [erin]\n")
    assert site.run("build").returncode == 0

    dirty = dirty_build_after(site, sidecar, "status: Approved\nowners: [frank]\n")
    card = parse(dirty[Path("design/d0/design/index.html")]).find(class_="specs-card")
    assert "Approved" in card.text and "frank" in card.text


def test_a_dirty_build_after_a_member_edit_matches_a_fresh_build(site):
    site.doc("specs/001-albums/spec.md", KIT_SPEC)
    tasks = site.doc("specs/001-albums/tasks.md", "# Tasks\n\n- [ ] T001 Model\n")
    site.plugin(presets=["spec-kit"])
    assert site.run("build").returncode == 0

    dirty = dirty_build_after(site, tasks, "# Tasks\n\n- [x] T001 Model\n")
    card = parse(dirty[Path("specs/001-albums/spec/index.html")]).find(class_="specs-card")
    assert "1/1" in card.text or "100" in card.text


def test_a_dirty_build_after_a_template_edit_matches_a_fresh_build(site):
    """A type's template decides what is residue: documents checked against it change with it."""
    template = site.root / "templates" / "note.md"
    template.parent.mkdir()
    template.write_text("# Title\n\n## Context\n\n[Describe the context]\n", encoding="utf-8")
    site.doc("notes/a.md", "---\nstatus: Draft\n---\n# A\n\n## Context\n\n[Describe the context]\n")
    site.plugin(
        show_findings="always",
        types={"note": {"paths": ["notes/*.md"], "template": "templates/note.md"}},
    )
    assert site.run("build").returncode == 0
    page = site.root / "site/notes/a/index.html"
    assert "unfilled template placeholder" in page.read_text(encoding="utf-8")

    dirty = dirty_build_after(site, template, "# Title\n\n## Context\n\n[Say why]\n")
    assert "unfilled template placeholder" not in dirty[Path("notes/a/index.html")]


def test_serve_logs_only_the_findings_an_edit_changed(site, server, logs):
    """Every save rebuilds the site: the findings of the last build are not listed again, and
    a line says how many are unchanged; a new one is listed."""
    site.doc("specs/001-a.md", spec("001-a", title="Alpha", status="Finished"))
    edited = site.doc("specs/002-b.md", spec("002-b", title="Beta"))
    running = server()
    running.wait_for("specs/002-b/", lambda page: bool(page.find_all(class_="specs-card")))
    time.sleep(1.1)
    edited.write_text(spec("002-b", title="Beta", status="Done"), encoding="utf-8")
    running.wait_for("specs/002-b/", lambda page: "Done" in page.find(class_="specs-card").text)
    output = running.stop()
    finished = "specs/001-a.md:6: field 'status' is 'Finished'"
    assert output.count(finished) == 1
    assert output.count("specs/002-b.md:6: field 'status' is 'Done'") == 1
    assert "findings of the last build are unchanged, not listed again" in output
    assert output.count("specs: 2 documents,") == 2


def test_serve_writes_llms_txt_and_the_copies_and_follows_edits(site, server):
    site.doc("specs/001-a.md", spec("001-a", title="Alpha"))
    site.plugin(llms_txt=True)
    running = server()

    def served(path: str, holds: str) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = running.get(path)
            if text is not None and holds in text:
                return text
            time.sleep(0.3)
        pytest.fail(f"{path} never held {holds!r}; server output:\n{running.stop()}")

    listed = served("llms.txt", "[Alpha](")
    url = listed.split("[Alpha](", 1)[1].split(")", 1)[0]
    assert url.endswith("specs/001-a/index.md"), url
    assert served("specs/001-a/index.md", "Alpha") == spec("001-a", title="Alpha")
    site.doc("specs/001-a.md", spec("001-a", title="Beta"))
    served("llms.txt", "[Beta](")
    assert served("specs/001-a/index.md", "Beta") == spec("001-a", title="Beta")
