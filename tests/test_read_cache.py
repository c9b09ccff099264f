"""Reading a tree of documents: the read cache `mkdocs serve` keeps between builds (a document is
read again when its bytes, the type it is read as or a sidecar file it looks for changed, and the
catalogue is then the same as one read from scratch), and the host's garbage collector settings,
which reading changes for its own time only, as a build keeps its catalogue out of the
collector's reach for its own time only."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from mkdocs_specs.catalogue.catalogue import Catalogue
from mkdocs_specs.pipeline import collect
from mkdocs_specs.read.cache import ReadCache
from mkdocs_specs.read.files import DocsFolder
from mkdocs_specs.settings.settings import Settings, build_settings

from .conftest import Site
from .docs import design, spec
from .guard import Logs


def _collect(root: Path, settings: Settings, cache: ReadCache | None = None) -> Catalogue:
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    folder = DocsFolder(root)
    return collect(paths, settings, folder.read, folder.read_head, folder.read_if_exists, cache)


def _state(catalogue: Catalogue) -> list[tuple[object, ...]]:
    """What a build shows of each document, members and findings included."""
    return [
        (d, [m.path for m in d.members], d.part_of and d.part_of.path, d.progress)
        for d in [*catalogue.documents, *catalogue.members]
    ]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "specs").mkdir(parents=True)
    (root / "design").mkdir()
    (root / "specs/001-a.md").write_text(spec("001-a", title="Alpha"), encoding="utf-8")
    (root / "specs/002-b.md").write_text(
        spec("002-b", title="Beta").replace("**Owner**", "**Depends On**: 001-a\n**Owner**"),
        encoding="utf-8",
    )
    (root / "design/pay-1.md").write_text(design("PAY-1"), encoding="utf-8")
    return root


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_only_changed_documents_are_read_again(docs: Path, reads: list[str]) -> None:
    settings = build_settings()
    cache = ReadCache(settings)
    first = _collect(docs, settings, cache)
    assert sorted(reads) == ["design/pay-1.md", "specs/001-a.md", "specs/002-b.md"]
    reads.clear()
    again = _collect(docs, settings, cache)
    assert reads == []
    assert _state(again) == _state(first)

    _rewrite(docs / "specs/001-a.md", "**Status**: Draft", "**Status**: In Progress")
    edited = _collect(docs, settings, cache)
    assert reads == ["specs/001-a.md"]
    assert _state(edited) == _state(_collect(docs, settings))
    assert [d.status for d in edited.documents if d.path == "specs/001-a.md"] == ["In Progress"]


def test_findings_the_catalogue_adds_are_not_kept_in_the_cache(docs: Path) -> None:
    """The catalogue adds relation findings to the documents it gets: a cached document must
    not carry them into the next build, where the relation may be mended."""
    settings = build_settings()
    cache = ReadCache(settings)
    _rewrite(docs / "specs/002-b.md", "**Depends On**: 001-a", "**Depends On**: 009-z")
    broken = _collect(docs, settings, cache)
    assert any(f.rule == "unknown-reference" for f in broken.findings)
    assert _state(_collect(docs, settings, cache)) == _state(broken)
    (docs / "specs/009-z.md").write_text(spec("009-z", title="Zed"), encoding="utf-8")
    mended = _collect(docs, settings, cache)
    assert not any(f.rule == "unknown-reference" for f in mended.findings)
    assert _state(mended) == _state(_collect(docs, settings))


@pytest.mark.parametrize("name", ["pay-1.meta.yaml", "metadata.yaml"])
def test_a_sidecar_added_edited_or_removed_reads_its_document_again(
    docs: Path, reads: list[str], name: str
) -> None:
    settings = build_settings()
    cache = ReadCache(settings)
    _collect(docs, settings, cache)
    sidecar = docs / "design" / name
    for content in ("updated: 2025-06-01\n", "updated: 2025-07-01\n", None):
        reads.clear()
        if content is None:
            sidecar.unlink()
        else:
            sidecar.write_text(content, encoding="utf-8")
        catalogue = _collect(docs, settings, cache)
        assert reads == ["design/pay-1.md"]
        assert _state(catalogue) == _state(_collect(docs, settings))
        (pay,) = [d for d in catalogue.documents if d.path == "design/pay-1.md"]
        assert pay.updated == (content.split(": ")[1].strip() if content else None)


def test_new_settings_or_template_text_need_a_new_cache(tmp_path: Path, docs: Path) -> None:
    settings = build_settings()
    cache = ReadCache(settings)
    assert cache.fits(build_settings())
    assert not cache.fits(build_settings(severities={"placeholder": "info"}))
    template = tmp_path / "template.md"
    template.write_text("# Title\n\n## Overview\n", encoding="utf-8")
    types = {"note": {"paths": ["notes/*.md"], "template": str(template)}}
    with_template = build_settings(types=types, base_dir=str(tmp_path))
    cache = ReadCache(with_template)
    assert cache.fits(build_settings(types=types, base_dir=str(tmp_path)))
    template.write_text("# Title\n\n## Overview\n\n## Risks\n", encoding="utf-8")
    assert not cache.fits(build_settings(types=types, base_dir=str(tmp_path)))


def test_a_deleted_document_is_forgotten(docs: Path, reads: list[str]) -> None:
    settings = build_settings()
    cache = ReadCache(settings)
    _collect(docs, settings, cache)
    text = (docs / "design/pay-1.md").read_bytes()
    os.remove(docs / "design/pay-1.md")
    assert [d.path for d in _collect(docs, settings, cache).documents] == [
        "specs/001-a.md",
        "specs/002-b.md",
    ]
    (docs / "design/pay-1.md").write_bytes(text)  # back as it was: read, not remembered
    reads.clear()
    _collect(docs, settings, cache)
    assert reads == ["design/pay-1.md"]


def test_reading_gives_the_garbage_collector_back_its_settings(docs: Path) -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(900, 11, 12)
        assert len(_collect(docs, build_settings()).documents) == 3
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)


def test_reading_leaves_a_collector_the_host_switched_off_switched_off(docs: Path) -> None:
    """A threshold of 0 switches automatic collection off: reading must not switch it on."""
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    folder = DocsFolder(docs)

    def read(path: str) -> bytes:
        seen.append(gc.get_threshold())
        return folder.read(path)

    paths = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    try:
        gc.set_threshold(0, 11, 12)
        collect(paths, build_settings(), read, folder.read_head, folder.read_if_exists)
        assert gc.get_threshold() == (0, 11, 12)
    finally:
        gc.set_threshold(*before)
    assert seen and all(threshold[0] == 0 for threshold in seen)


def _gc_probe(site: Site, freeze_on_config: bool = False, fail: bool = False) -> Path:
    """A hook that notes how many objects are frozen while pages are built and after the
    plugin's last hook; it may freeze objects itself first, or break the build."""
    log = site.root / "frozen.txt"
    site.doc("specs/001-a.md", spec("001-a", title="Alpha"))
    site.root.joinpath("probe.py").write_text(
        "import gc\n"
        "from mkdocs.plugins import event_priority\n"
        f"LOG = {str(log)!r}\n"
        "def note(when):\n"
        "    with open(LOG, 'a') as f: f.write(f'{when} {gc.get_freeze_count()}\\n')\n"
        # After every plugin's on_config (the specs plugin's runs at -110), as a host that
        # freezes its objects once configured would.
        "@event_priority(-200)\n"
        "def on_config(config):\n"
        f"    if {freeze_on_config}: gc.freeze()\n"
        "    note('config')\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    note('page')\n"
        f"    if {fail}: raise RuntimeError('broken on purpose')\n"
        "def on_post_build(config):\n"
        "    note('after')\n",
        encoding="utf-8",
    )
    site.config(hooks=["probe.py"])
    return log


def _noted(log: Path) -> dict[str, int]:
    """What the probe noted, by moment; the last note of each."""
    return {when: int(count) for when, count in map(str.split, log.read_text().splitlines())}


def test_a_build_keeps_its_catalogue_out_of_the_collectors_reach_until_it_ends(site: Site) -> None:
    log = _gc_probe(site)
    assert gc.get_freeze_count() == 0
    site.build()
    noted = _noted(log)
    assert noted["page"] > 0  # frozen while the pages are built
    assert noted["after"] == 0  # and given back by the plugin's last hook, which runs first
    assert gc.get_freeze_count() == 0


def test_a_broken_build_gives_the_collector_its_objects_back(site: Site, logs: Logs) -> None:
    log = _gc_probe(site, fail=True)
    with pytest.raises(Exception, match="broken on purpose"):
        site.build()
    logs.expect("broken on purpose")
    assert _noted(log)["page"] > 0
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_a_freeze_made_by_someone_else_alone(site: Site) -> None:
    log = _gc_probe(site, freeze_on_config=True)
    try:
        site.build()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    noted = _noted(log)
    # Frozen objects leave the count only when they are freed: none was added or given back.
    assert noted["config"] >= noted["page"] >= noted["after"] >= frozen > noted["config"] - 100


def test_a_build_freezes_nothing_when_the_collector_is_off(site: Site) -> None:
    log = _gc_probe(site)
    gc.disable()
    try:
        site.build()
    finally:
        gc.enable()
    assert _noted(log) == {"config": 0, "page": 0, "after": 0}


def test_a_saved_cache_gives_a_later_process_what_reading_gives(
    docs: Path, reads: list[str], tmp_path: Path
) -> None:
    settings = build_settings()
    cache = ReadCache(settings)
    fresh = _state(_collect(docs, settings, cache))
    cache.save(tmp_path / "cache" / "kept.json")
    assert oct((tmp_path / "cache").stat().st_mode & 0o777) == "0o700"
    reads.clear()
    loaded = ReadCache.load(tmp_path / "cache" / "kept.json", build_settings())
    assert _state(_collect(docs, settings, loaded)) == fresh
    assert reads == [] and not loaded.changed
    # Other settings, or a file that is not a cache, give an empty cache.
    other = build_settings(severities={"placeholder": "error"})
    reads.clear()
    _collect(docs, other, ReadCache.load(tmp_path / "cache" / "kept.json", other))
    assert len(reads) == 3
    (tmp_path / "junk").write_bytes(b"\x80\x05\x95junk")
    reads.clear()
    _collect(docs, settings, ReadCache.load(tmp_path / "junk", settings))
    assert len(reads) == 3
