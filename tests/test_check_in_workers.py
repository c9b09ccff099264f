"""`mkdocs-specs check -j N`: documents read in worker processes give the very output one process
gives (the whole JSON report, and the exit status), with the cache and without, with the
platform's way of starting processes and with "spawn" (macOS, Windows); a worker that dies is
made up for in the main process, and an error of the reading is the one a single process
reports."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mkdocs_specs.cli import jobs, main
from mkdocs_specs.read.reader import DocumentReader

from .conftest import EXAMPLE, Site, git
from .docs import design, spec
from .fuzzing import HOSTILE_YAML, MARKDOWN_LINES
from .test_format_presets import with_fixtures


@contextlib.contextmanager
def started_by(method: str | None) -> Iterator[None]:
    """Worker processes started by ``method`` (``None``: the platform's way)."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(method, force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(previous, force=True)


@pytest.fixture(params=[None, "spawn"], ids=["default", "spawn"])
def start_method(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The platform's way of starting workers, and "spawn", which rebuilds everything a worker
    needs from what it is sent."""
    with started_by(request.param):
        yield request.param


@pytest.fixture
def every_document_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for however few documents, sent three at a time: the small sites here go through
    the pool in many chunks, as a large one does."""
    monkeypatch.setattr(jobs, "LEAST", 1)
    monkeypatch.setattr(jobs, "LEAST_AFRESH", 1)
    monkeypatch.setattr(jobs, "CHUNK", 3)


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["check", "--format", "json", "-f", str(root / "mkdocs.yml"), *args]
    )


def hostile(site: Site) -> None:
    """Documents that break readers: every hostile front matter and sidecar, bytes that are no
    UTF-8, a file over the size limit, bodies of every kind of line, and relations between them
    that go wrong (a repeated ID, a missing target), which the catalogue finds across
    documents."""
    site.plugin(max_file_size=8192)
    site.doc("index.md", "# Home\n")
    for n, front in enumerate(HOSTILE_YAML):
        body = "\n".join(MARKDOWN_LINES[n % len(MARKDOWN_LINES) :][:12])
        site.doc(f"specs/{n:03d}-x.md", f"---\n{front}\n---\n{body}\n")
    for n, front in enumerate(HOSTILE_YAML[:12]):
        site.doc(f"design/frd-{n}/design.md", design(f"FRD-{n}"))
        site.doc(f"design/frd-{n}/metadata.yaml", front)
    site.doc("specs/100-a.md", spec("100-a", extra="**Depends On**: 404-missing\n"))
    site.doc("specs/101-a.md", spec("100-a"))
    site.doc("specs/102-bytes.md", b"\xff\xfe# Not UTF-8\n\x00\x01")
    site.doc("specs/103-huge.md", spec("103-huge", extra="x" * 9000))
    site.doc("specs/104-query.md", spec("104-query", extra="```specs\nshow: pie\n```\n"))


def members_and_sidecars(site: Site) -> None:
    """spec-kit feature folders (a spec and its member files) and KEPs (a README and its
    kep.yaml), with seed designs whose status is in a metadata.yaml beside them."""
    with_fixtures(site, "spec-kit", "kep", presets=["spec-kit", "kep", "feature-design"])
    for n in range(4):
        site.doc(f"design/pay-{n}/design.md", design(f"PAY-{n}"))
        site.doc(f"design/pay-{n}/metadata.yaml", "status: Approved\nowners: [ann]\n")


def example(site: Site) -> None:
    shutil.copytree(EXAMPLE, site.root, ignore=shutil.ignore_patterns("site"), dirs_exist_ok=True)
    # In a repository of its own, as a team's site is: its type with `review_every` reads git.
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", "The example")


SITES = {"example": example, "hostile": hostile, "members": members_and_sidecars}


@pytest.mark.usefixtures("every_document_counts")
@pytest.mark.parametrize("kind", SITES)
def test_workers_give_what_one_process_gives(
    site, kind, start_method, reads, tmp_path, monkeypatch
):
    monkeypatch.setenv("MKDOCS_SPECS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(site.root)
    SITES[kind](site)
    if kind != "example":
        site.write_config()
    one = check(site.root, "-j", "1", "--no-cache")
    assert one.exit_code in (0, 1) and one.stderr == "", one.output
    everything = len(reads)
    assert everything >= 15
    data = json.loads(one.stdout)
    assert data["findings"] and data["counts"]["documents"] >= 7

    def same(*args: str) -> int:
        """The documents the main process read itself, for a result that must be ``one``'s."""
        reads.clear()
        result = check(site.root, *args)
        assert (result.exit_code, result.stderr) == (one.exit_code, "")
        assert result.stdout == one.stdout
        return len(reads)

    # With -j 2 the workers read the first chunks at least (this process reads a chunk itself
    # only while they have enough to do); a single process reads what the cache has not.
    assert same("-j", "2", "--no-cache") < everything
    assert same("-j", "2") < everything  # an empty cache, filled with what the workers read
    assert same("-j", "1") == 0  # which serves a single process as well as what it read itself
    assert same("-j", "2") == 0
    assert same("-j", "1", "--no-cache") == everything
    # Two documents and a sidecar file edited: what they touch is read again, and the result is
    # still the one a single process gives from scratch.
    for path in sorted(site.docs.rglob("*.md"))[-2:]:
        path.write_bytes(path.read_bytes() + b"\n- [ ] one more\n")
    for path in sorted(site.docs.rglob("*.yaml"))[:1]:
        path.write_text("status: Rejected\nowners: [bo]\n", encoding="utf-8")
    one = check(site.root, "-j", "1", "--no-cache")
    assert same("-j", "2") <= 3
    assert same("-j", "1") == 0


@pytest.mark.usefixtures("every_document_counts")
def test_a_worker_that_dies_is_made_up_for_in_the_main_process(site, reads, monkeypatch):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the dying reader reaches the workers by fork")
    hostile(site)
    site.write_config()
    one = check(site.root, "-j", "1", "--no-cache")
    main_process = os.getpid()
    reading = DocumentReader.read

    def dies_in_a_worker(self: DocumentReader, path: str, *args: object) -> object:
        if os.getpid() != main_process:
            os._exit(70)
        return reading(self, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(DocumentReader, "read", dies_in_a_worker)
    with started_by("fork"):
        result = check(site.root, "-j", "2", "--no-cache")
    assert (result.exit_code, result.stdout) == (one.exit_code, one.stdout)
    assert result.stderr.startswith("mkdocs-specs: worker processes stopped (BrokenProcessPool")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.usefixtures("every_document_counts")
def test_an_error_of_the_reading_is_the_one_a_single_process_reports(site):
    # A schema that names a remote reference fails the reading of every document of its type,
    # in a worker as in the main process: the user sees the same one-line error, and no remark
    # about workers.
    site.plugin(
        presets=[],
        types={"adr": {"paths": ["adr/*.md"], "schema": {"$ref": "https://example.invalid/x"}}},
    )
    for n in range(5):
        site.doc(f"adr/{n}.md", "---\nconsulted: [ann]\n---\n# A\n\nText.\n")
    site.write_config()
    one = check(site.root, "-j", "1", "--no-cache")
    assert one.exit_code == 2 and "cannot resolve the reference" in one.stderr
    two = check(site.root, "-j", "2", "--no-cache")
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)


def test_jobs_is_a_positive_number(good_site: Site) -> None:
    result = check(good_site.root, "-j", "0")
    assert result.exit_code == 2 and "Invalid value for '-j' / '--jobs'" in result.stderr


@pytest.fixture
def good_site(site: Site) -> Site:
    site.doc("specs/001-a.md", spec("001-a"))
    site.write_config()
    return site
