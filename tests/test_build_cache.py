"""The cache across runs: what a build read is kept in ``cache_dir`` as JSON, so that the next
``mkdocs build`` (a CI build with the folder restored, ``mkdocs serve`` started again) reads
again only the documents that changed, and builds the same site. A cache file the plugin did
not write for these settings and this code (damaged, hand-edited, from another version, a
pickle left by an older one) is read around whatever it holds, and nothing in it is run."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from mkdocs_specs.model import Document
from mkdocs_specs.parse.bounded_yaml import MAX_YAML_DEPTH
from mkdocs_specs.pipeline import collect
from mkdocs_specs.read import stored
from mkdocs_specs.read.cache import ReadCache
from mkdocs_specs.read.files import DocsFolder
from mkdocs_specs.read.reader import DocumentReader
from mkdocs_specs.settings.presets import PRESETS
from mkdocs_specs.settings.settings import Settings, build_settings

from .conftest import EXAMPLE, Site
from .docs import design, spec
from .fuzzing import documents, front_matters, fuzz
from .guard import Logs
from .test_translated_sites import translated

FIXTURES = Path(__file__).parent / "fixtures" / "presets"
KEPT = ".cache/plugin/specs/documents.json"
"""Where a build keeps what it read, by default, relative to the folder of ``mkdocs.yml``."""


def _collect(root: Path, settings: Settings, cache: ReadCache | None = None) -> list[Document]:
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    folder = DocsFolder(root)
    catalogue = collect(
        paths, settings, folder.read, folder.read_head, folder.read_if_exists, cache
    )
    return [*catalogue.documents, *catalogue.members]


def _kept(cache: ReadCache) -> dict[Any, Document]:
    """The documents a cache holds, by key."""
    return {key: kept.document for key, kept in cache._entries.items()}


def _round_trip(cache: ReadCache, tmp_path: Path, settings: Settings) -> ReadCache:
    cache.save(tmp_path / "kept.json")
    loaded = ReadCache.load(tmp_path / "kept.json", settings)
    assert loaded.loaded == "loaded"
    return loaded


# --- the format ------------------------------------------------------------------------------


def test_the_format_keeps_every_field_of_a_document_but_the_catalogues() -> None:
    kept = tuple(f.name for f in dataclasses.fields(Document) if f.compare)
    assert kept == stored.DOCUMENT_FIELDS
    assert {f.name for f in dataclasses.fields(Document) if not f.compare} == {
        "members",
        "part_of",
        "changed",
        "stale",
        "covered",
        "tests",
        "external",  # another site's documents come from its specs.json, never from the cache
        "history",
    }


@pytest.mark.parametrize("tree", [*sorted(os.listdir(FIXTURES)), "example-site"])
def test_the_fixtures_come_back_from_the_file_as_they_were_read(tmp_path: Path, tree: str) -> None:
    root = EXAMPLE / "docs" if tree == "example-site" else FIXTURES / tree
    settings = build_settings(presets=list(PRESETS))
    cache = ReadCache(settings)
    _collect(root, settings, cache)
    assert len(cache._entries) >= 3
    loaded = _round_trip(cache, tmp_path, settings)
    assert _kept(loaded) == _kept(cache)
    assert [(key, d.findings, d.sections) for key, d in _kept(loaded).items()] == [
        (key, d.findings, d.sections) for key, d in _kept(cache).items()
    ]


HOSTILE = {
    "huge hex number": "---\nbig: 0x" + "f" * 4000 + "\n---\n# T\n",
    "huge number": "---\nbig: 1" + "0" * 4000 + "\n---\n# T\n",
    "odd YAML scalars": (
        "---\nd: 2024-01-02\nts: 2024-01-02T10:00:00Z\nb: !!binary aGVsbG8=\nst: !!set {a, b}\n"
        "nan: .nan\ninf: -.inf\nneg: -0.0\nfloat: 1e300\nt: 12:30:00\nnull: ~\n"
        "o: !!omap [a: 1]\np: !!pairs [a: 1, a: 2]\nn: {1: [a, {2: x}], true: 3}\n---\n# T\n"
    ),
    "a lone surrogate": '---\ns: "\\ud800"\n---\n# T\n',
    "text that moves a terminal": '---\ntitle: "\\e[31mred\\u2028x\\u202e"\n---\n# \x1b]0;x\x07\n',
    "every script": "---\ntitle: 日本語 Ελληνικά العربية 🎉\nowners: [Zoë, 山田]\n---\n# 🎉\n",
    "deep front matter": "---\nnested: "
    + "[" * MAX_YAML_DEPTH
    + "]" * MAX_YAML_DEPTH
    + "\n---\n# T\n",
    "deep sidecar": "---\nx: 1\n---\n# T\n",
    "too deep front matter": "---\nd: " + "[" * 200 + "]" * 200 + "\n---\n# T\n",
    "sections and checklists": "# T\n\n## A\n\n- [x] a\n- [-] b\n- [ ] c\n\nB\n=\n\n- [ ] d\n",
    "carriage returns": "---\r\ntitle: T\r\n---\r\n# T\r\n\r\n- [x] a\r",
    "unsafe html": "# T\n\n<![CDATA[ x ]]>\n",
}


def test_hostile_documents_come_back_as_they_were_read(tmp_path: Path) -> None:
    settings = build_settings()
    specs = tmp_path / "docs" / "specs"
    specs.mkdir(parents=True)
    written = [text.encode("utf-8", "surrogatepass") for text in HOSTILE.values()]
    written += [b"\xff\xfe\x00", b"", b"\xef\xbb\xbf# bom\n", b"# T\n\x00\n"]
    for number, data in enumerate(written):
        (specs / f"{number:03}-x.md").write_bytes(data)
    (specs / "000-x.meta.yaml").write_text("owners: [ann]\nupdated: 2025-01-01\n")
    deepest = "[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH
    (specs / f"{list(HOSTILE).index('deep sidecar'):03}-x.meta.yaml").write_text(f"deep: {deepest}")
    cache = ReadCache(settings)
    read = _collect(tmp_path / "docs", settings, cache)
    assert len(read) == len(written) == len(cache._entries)
    big = [d.fields["big"] for d in read if "big" in d.fields]
    assert isinstance(big[0], str) and big[0].startswith("0x")  # too long for decimal
    assert [key for d in read for key in ("nested", "deep") if key in d.fields] == [
        "nested",
        "deep",
    ]
    loaded = _round_trip(cache, tmp_path, settings)
    assert _kept(loaded) == _kept(cache)


@fuzz(150)
@given(data=documents(), sidecar=front_matters())
def test_fuzzed_documents_come_back_as_they_were_read(data: bytes, sidecar: str) -> None:
    settings = build_settings()
    sidecars = {"design/pay-1.meta.yaml": sidecar.encode("utf-8", "surrogatepass")}
    reader = DocumentReader(settings, sidecars.get)
    document = reader.read("design/pay-1.md", data, settings.compiled["feature-design"])
    entry = ("feature-design", False, "digest", (("design/pay-1.meta.yaml", "d"),), document)
    assert stored.load(stored.dump("print", [entry]), "print") == [entry]


# --- files that are not the plugin's cache ----------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "specs").mkdir(parents=True)
    (root / "design").mkdir()
    (root / "specs/001-a.md").write_text(spec("001-a", title="Alpha"), encoding="utf-8")
    (root / "specs/002-b.md").write_text(spec("002-b", "Beta", "Nonsense"), encoding="utf-8")
    (root / "design/pay-1.md").write_text(design("PAY-1"), encoding="utf-8")
    return root


class _RunsCode:
    """What a pickle would run when loaded: it makes a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def _saved(docs: Path, tmp_path: Path) -> tuple[bytes, list[Any]]:
    """A cache file of ``docs`` as a build writes it: its first line and its entries."""
    settings = build_settings()
    cache = ReadCache(settings)
    _collect(docs, settings, cache)
    cache.save(tmp_path / "good.json")
    head, body = (tmp_path / "good.json").read_bytes().split(b"\n", 1)
    return head, [json.loads(line) for line in body.splitlines()]


def _lines(entries: list[Any]) -> bytes:
    """Entries as the file holds them, one a line."""
    return b"".join(json.dumps(entry).encode() + b"\n" for entry in entries)


def _deep(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def _document_spoiled(position: int, value: Any) -> Any:
    def spoil(entries: list[Any]) -> None:
        entries[0][4][position] = value

    return spoil


def _item_spoiled(field: str, position: int | None, value: Any) -> Any:
    """Spoils the first section or finding (``field``) of the documents, or one of its values."""
    at = stored.DOCUMENT_FIELDS.index(field)

    def spoil(entries: list[Any]) -> None:
        items = next(entry[4][at] for entry in entries if entry[4][at])
        if position is None:
            items[0] = value
        else:
            items[0][position] = value

    return spoil


def _at(path: tuple[Any, ...], value: Any) -> Any:
    def spoil(entries: list[Any]) -> None:
        target = entries
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return spoil


SPOILED = {
    **{
        f"{name} of another type": _document_spoiled(position, 1.5)
        for position, name in enumerate(stored.DOCUMENT_FIELDS)
    },
    "a document with a field too few": lambda entries: entries[0][4].pop(),
    "a true that should be a line": _document_spoiled(14, True),
    "a negative line": _document_spoiled(15, -1),
    "an unknown rule": _item_spoiled("findings", 2, "no-such-rule"),
    "an unknown severity": _item_spoiled("findings", 4, "fatal"),
    "a line of a finding that is text": _item_spoiled("findings", 1, "3"),
    "a section of another shape": _item_spoiled("sections", None, ["Title", 2]),
    "a section's progress of another shape": _item_spoiled("sections", 5, [1, 2]),
    "a field deeper than front matter may be": _at((0, 4, 8), {"deep": _deep(MAX_YAML_DEPTH + 1)}),
    "a sidecar digest of another type": _at((0, 3), [["x.meta.yaml", 5]]),
    "an entry of another shape": _at((0,), {"path": "specs/001-a.md"}),
    "a key of another type": _at((0, 1), "no"),
}


@pytest.mark.parametrize(
    "damage",
    [
        "empty",
        "garbage",
        "an older version's pickle",
        "a pickle that runs code",
        "JSON of another shape",
        "the first line alone",
        "another version",
        "another fingerprint",
        "NaN",
        "a huge number",
        "deep nesting",
        "cut short",
        *SPOILED,
    ],
)
def test_a_file_that_is_not_this_cache_is_read_around(
    docs: Path, tmp_path: Path, reads: list[str], damage: str
) -> None:
    head, entries = _saved(docs, tmp_path)
    marker = tmp_path / "ran"
    body = _lines(entries)
    other_head = json.loads(head)
    files = {
        "empty": b"",
        "garbage": b"\x00\xffgarbage\n\x80\x81[{",
        "an older version's pickle": pickle.dumps((b"fingerprint", {("a.md", "x", False): 1})),
        "a pickle that runs code": pickle.dumps(_RunsCode(marker)),
        "JSON of another shape": b'{"documents": []}\n[]\n',
        "the first line alone": head,
        "another version": json.dumps({**other_head, "version": 0}).encode() + b"\n" + body,
        "another fingerprint": json.dumps({**other_head, "fingerprint": "0" * 32}).encode()
        + b"\n"
        + body,
        "NaN": head + b"\n[NaN]\n",
        "a huge number": head + b"\n[1" + b"0" * 5000 + b"]\n",
        "deep nesting": head + b"\n" + b"[" * 200_000 + b"]" * 200_000 + b"\n",
        "cut short": head + b"\n" + body[:-10],
    }
    if damage in SPOILED:
        SPOILED[damage](entries)
        files[damage] = head + b"\n" + _lines(entries)
    path = tmp_path / "kept.json"
    path.write_bytes(files[damage])
    settings = build_settings()
    loaded = ReadCache.load(path, settings)
    assert loaded.loaded.startswith("not used") and not loaded._entries
    reads.clear()
    assert len(_collect(docs, settings, loaded)) == 3
    assert len(reads) == 3 and loaded.changed
    assert not marker.exists()


def test_an_untouched_file_is_used(docs: Path, tmp_path: Path, reads: list[str]) -> None:
    """The counterpart of the test above: the file it spoils is a good one."""
    head, entries = _saved(docs, tmp_path)
    (tmp_path / "kept.json").write_bytes(head + b"\n" + _lines(entries))
    loaded = ReadCache.load(tmp_path / "kept.json", build_settings())
    reads.clear()
    _collect(docs, build_settings(), loaded)
    assert loaded.loaded == "loaded" and reads == [] and loaded.hits == 3


# --- builds -----------------------------------------------------------------------------------


def _documents(site: Site) -> None:
    site.doc("specs/001-a.md", spec("001-a", title="Alpha"))
    site.doc(
        "specs/002-b.md",
        spec("002-b", title="Beta").replace("**Owner**", "**Depends On**: 001-a\n**Owner**"),
    )
    site.doc("design/pay-1.md", design("PAY-1"))


def _tally(run: Any) -> str:
    """What ``mkdocs build -v`` said of reading: ``N documents read, M from the cache``."""
    assert run.returncode == 0, run.stderr
    found = re.findall(r"specs: (\d+ documents read, \d+ from the cache)", run.stderr)
    assert len(found) == 1, run.stderr
    return str(found[0])


def _site_files(folder: Path) -> dict[str, bytes]:
    """The built site, without what changes from one build to the next whatever the plugin
    does: the theme's build date and the sitemap's dates."""
    built = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            data = path.read_bytes()
            data = re.sub(rb"Build Date UTC : [^\n]*", b"", data)
            built[path.relative_to(folder).as_posix()] = re.sub(rb"<lastmod>[^<]*", b"", data)
    return built


def test_a_build_in_a_new_process_reads_only_what_changed(site: Site, tmp_path: Path) -> None:
    _documents(site)
    assert _tally(site.run("build", "-v")) == "3 documents read, 0 from the cache"
    assert (site.root / KEPT).is_file()
    cold = _site_files(site.root / "site")
    shutil.rmtree(site.root / "site")
    assert _tally(site.run("build", "-v")) == "0 documents read, 3 from the cache"
    assert _site_files(site.root / "site") == cold
    site.doc("specs/001-a.md", spec("001-a", title="Alpha", status="In Progress"))
    assert _tally(site.run("build", "-v")) == "1 documents read, 2 from the cache"
    assert b"In Progress" in (site.root / "site/specs-index/index.html").read_bytes()
    # Restored in another checkout (CI): the folder of mkdocs.yml is not part of the key.
    moved = tmp_path / "elsewhere"
    shutil.copytree(site.root, moved)
    site.root = moved
    site.docs = moved / "docs"
    assert _tally(site.run("build", "-v")) == "0 documents read, 3 from the cache"


def test_new_settings_read_everything_again(site: Site, reads: list[str]) -> None:
    _documents(site)
    site.build()
    reads.clear()
    site.build()
    assert reads == []
    site.plugin(severity={"placeholder": "info"})
    site.build()
    assert len(reads) == 3
    # An option that only changes the pages (or the labels) reads nothing again.
    reads.clear()
    site.plugin(severity={"placeholder": "info"}, card=False, title="Specs")
    site.build()
    assert reads == []


def test_a_damaged_cache_file_is_read_around_and_replaced(site: Site, reads: list[str]) -> None:
    _documents(site)
    site.build()
    kept = site.root / KEPT
    for damage in (b"\x80\x05\x95junk", b"{}\n[]", kept.read_bytes()[:-100]):
        kept.write_bytes(damage)
        reads.clear()
        site.build()
        assert len(reads) == 3
        reads.clear()
        site.build()
        assert reads == []


def test_with_cache_off_nothing_is_read_from_or_written_to_the_folder(
    site: Site, reads: list[str]
) -> None:
    _documents(site)
    site.plugin(cache=False)
    site.build()
    site.build()
    assert len(reads) == 6
    assert not (site.root / ".cache").exists()


def test_the_cache_dir_is_relative_to_mkdocs_yml(
    site: Site, reads: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _documents(site)
    site.plugin(cache_dir="build-cache/specs")
    monkeypatch.chdir(tmp_path)  # not the site's folder
    site.build()
    assert (site.root / "build-cache/specs/documents.json").is_file()
    assert not (tmp_path / "build-cache").exists() or tmp_path == site.root
    elsewhere = tmp_path / "absolute-cache"
    site.plugin(cache_dir=str(elsewhere))
    site.build()
    assert (elsewhere / "documents.json").is_file()


def test_a_cache_that_cannot_be_saved_is_said_once_and_the_build_goes_on(
    site: Site, logs: Logs, reads: list[str]
) -> None:
    _documents(site)
    (site.root / "not-a-folder").write_text("a file where the folder should be")
    site.plugin(cache_dir="not-a-folder/specs")
    built = site.build(strict=True)
    assert built.html("specs-index/index.html")
    said = [m for m in logs.messages(logging.INFO) if "cache cannot be saved" in m]
    assert len(said) == 1 and "not-a-folder" in said[0]
    reads.clear()
    site.build(strict=True)
    assert len(reads) == 3


def test_each_language_keeps_its_own_documents(site: Site, reads: list[str]) -> None:
    translated(site, "suffix", theme="mkdocs").build()
    kept = sorted(p.name for p in (site.root / ".cache/plugin/specs").iterdir())
    assert kept == ["documents.en.json", "documents.fr.json"]
    reads.clear()
    site.build()
    assert reads == []
    french = site.docs / "specs/001-checkout.fr.md"
    french.write_text(french.read_text().replace("Paiement", "Paiement rapide"))
    reads.clear()
    site.build()
    assert reads == ["specs/001-checkout.fr.md"]
    assert "Paiement rapide" in (site.root / "site/fr/specs-index/index.html").read_text()
