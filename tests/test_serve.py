"""The live preview: a real `mkdocs serve` on 127.0.0.1, fetched over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import MKDOCS, Site
from .docs import spec
from .html import Node, parse


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A real `mkdocs serve` of the site whose `mkdocs.yml` is in ``root``."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [*MKDOCS, "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
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
        self.process.terminate()
        try:
            out, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
        return out


@pytest.fixture
def server(site: Site) -> Iterator[Callable[[], Server]]:
    started: list[Server] = []

    def start() -> Server:
        site.write_config()
        started.append(Server(site.root))
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
