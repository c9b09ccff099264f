"""Fuzzing whole builds: real MkDocs builds of random trees of documents, valid, invalid,
unreadable and hostile. No build stops, and nothing is lost: the documents on the home index and
in specs.json are exactly the files discovered.

A build takes about half a second, so these tests try fewer inputs than the core's.
"""

from __future__ import annotations

import json
import logging
import posixpath
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import Built, Site
from .docs import design, spec
from .fuzzing import documents, front_matters, fuzz
from .guard import Logs

pytestmark = pytest.mark.slow

DOCUMENT_FOLDERS = ["specs", "specs/deep/er", "design", "changes"]
NAMES = ["a", "b", "001-pay", "Ünïcode", "日本語", "with space", "UPPER", "x.y", "0042"]


@contextmanager
def fresh_site() -> Iterator[Site]:
    """A site in its own folder: hypothesis runs many examples in one test."""
    with tempfile.TemporaryDirectory() as root:
        site = Site(Path(root))
        site.config(site_url="https://example.com/docs/")
        site.plugin(export="specs.json")
        yield site


def accept_logs(logs: Logs) -> None:
    """Bad input is expected to log findings (and MkDocs may warn about its links)."""
    logs.expected.update(id(record) for record in logs.records(logging.DEBUG))


def url_of(path: str) -> str:
    """The folder URL MkDocs gives a page (``use_directory_urls``), relative to the site."""
    return path[: -len(".md")] + "/"


def home_rows(built: Built) -> dict[str, bool]:
    """Document URL → valid, for every row of the home page's table of all documents."""
    home = built.content("specs-index/index.html")
    table = home.find_all("table")[-1]
    rows = {}
    for row in table.find_all("tr", class_="specs-row"):
        href = row.find("a", class_="specs-doc-link").attrs["href"]
        url = posixpath.normpath(posixpath.join("specs-index", unquote(href))) + "/"
        assert url not in rows, f"{url} is listed twice"
        rows[url] = "specs-row--invalid" not in row.classes
    return rows


def assert_nothing_lost(built: Built, discovered: set[str], unreadable: set[str]) -> None:
    """The home index and specs.json list exactly the discovered files; the unreadable ones
    as invalid, with a page of their own."""
    rows = home_rows(built)
    assert set(rows) == {url_of(path) for path in discovered}
    data = json.loads(built.html("specs.json"))
    exported = {d["path"]: d for d in data["documents"]}
    assert set(exported) == discovered
    assert data["counts"]["documents"] == len(discovered)
    for path in unreadable:
        assert not rows[url_of(path)] and not exported[path]["readable"]
        assert exported[path]["findings"][0]["rule"] == "unreadable"
        assert (built.site_dir / url_of(path) / "index.html").is_file()
    for path, record in exported.items():
        assert rows[url_of(path)] == record["valid"]
        assert unquote(record["url"]) == url_of(path)


@st.composite
def spoiled_trees(draw: st.DrawFn) -> dict[str, bytes]:
    """A few documents of random bytes, in the folders of the built-in types."""
    paths = draw(
        st.lists(
            st.builds(
                lambda folder, name: f"{folder}/{name}.md",
                st.sampled_from(DOCUMENT_FOLDERS),
                st.sampled_from(NAMES),
            ),
            min_size=1,
            max_size=4,
            unique_by=str.casefold,
        )
    )
    return {path: draw(documents()) for path in paths}


def is_unreadable(data: bytes) -> bool:
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return b"\x00" in body


@fuzz(80)
@given(tree=spoiled_trees(), sidecar=st.none() | front_matters())
def test_a_build_of_any_documents_finishes_and_loses_nothing(tree, sidecar, logs):
    with fresh_site() as site:
        for path, data in tree.items():
            site.doc(path, data)
        if sidecar is not None:
            site.doc("design/metadata.yaml", sidecar.encode("utf-8", "surrogatepass"))
        built = site.build()
        unreadable = {path for path, data in tree.items() if is_unreadable(data)}
        assert_nothing_lost(built, set(tree), unreadable)
    accept_logs(logs)


# Random trees of well-formed, broken and unreadable documents of mixed types.
KINDS = ["spec", "design", "broken", "binary", "duplicate", "typed-note", "plain-note"]


@st.composite
def trees(draw: st.DrawFn) -> tuple[dict[str, str | bytes], set[str], set[str]]:
    """Files, the paths that are documents, and those that cannot be read."""
    files: dict[str, str | bytes] = {}
    discovered: set[str] = set()
    unreadable: set[str] = set()
    taken: set[str] = set()
    for kind, name, index in draw(
        st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(NAMES), st.integers(0, 3)))
    ):
        folder = {"design": "design", "typed-note": "notes", "plain-note": "notes"}.get(
            kind, draw(st.sampled_from(DOCUMENT_FOLDERS))
        )
        path = f"{folder}/{name}.md"
        if path.casefold() in taken:
            continue
        taken.add(path.casefold())
        files[path] = {
            "spec": spec(f"00{index}-x", status=draw(st.sampled_from(["Draft", "Complete"]))),
            "design": design(f"D-{index}"),
            "broken": "---\nstatus: [Draft\nowners: {\n---\n# Broken\n",
            "binary": b"\x89PNG\r\n\x1a\n\x00\x00\xff",
            "duplicate": spec("001-same"),
            "typed-note": design(f"N-{index}").replace("---\n", "---\ntype: feature-design\n", 1),
            "plain-note": f"# Note {name}\n\nNot a document.\n",
        }[kind]
        if kind != "plain-note":
            discovered.add(path)
        if kind == "binary":
            unreadable.add(path)
    return files, discovered, unreadable


@fuzz(80)
@given(tree=trees())
def test_the_home_index_and_specs_json_list_every_discovered_file(tree, logs):
    files, discovered, unreadable = tree
    with fresh_site() as site:
        site.doc("index.md", "# Home\n")
        for path, content in files.items():
            site.doc(path, content)
        built = site.build()
        assert_nothing_lost(built, discovered, unreadable)
    accept_logs(logs)
