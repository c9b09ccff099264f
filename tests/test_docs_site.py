"""The project's own documentation site (`mkdocs.yml` and `docs/` at the root) builds with
`--strict`, its pages hold their own text under one title each, and its design decisions are
indexed by the plugin itself with zero configuration. The README is a short front door whose
links lead to files that exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_specs.cli import main

from .conftest import ROOT, Built

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    config = load_config(
        config_file=str(ROOT / "mkdocs.yml"),
        site_dir=str(tmp_path_factory.mktemp("docs-site")),
        strict=True,
    )
    build(config)  # raises on any warning: a broken page link or heading link
    return Built(Path(config.site_dir))


def built_path(source: str) -> str:
    """The built HTML file of a Markdown file of the site (directory URLs)."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def test_the_docs_site_builds_strictly_and_indexes_its_decisions(docs_site):
    decisions = sorted(p.stem for p in (DOCS / "decisions").glob("*.md"))
    data = json.loads(docs_site.html("specs.json"))
    documents = {d["path"]: d for d in data["documents"]}
    assert sorted(documents) == [f"decisions/{name}.md" for name in decisions]
    assert all(d["type"] == "feature-design" and d["valid"] for d in documents.values())
    assert [f for d in documents.values() for f in d["findings"]] == []
    home = docs_site.content("specs-index/index.html")
    assert len(home.find_all("a", class_="specs-doc-link")) == len(decisions)
    assert docs_site.content("decisions/dec-1-core/index.html")  # the card


def test_the_pages_hold_their_own_text_under_one_title(docs_site):
    written = sorted(DOCS.rglob("*.md"))
    assert len(written) >= 20
    for source in written:
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"^\s*-+8<-+ ", text, re.M), source  # no snippets include
        page = docs_site.page(built_path(source.relative_to(DOCS).as_posix()))
        assert len(page.find_all("h1")) == 1, source
    # Links between pages lead to the page, and heading, that holds the text.
    configuration = docs_site.page("configuration/index.html")
    assert configuration.find("a", href="../findings/#findings")
    assert docs_site.page("findings/index.html").find("h2", id="findings")


README = (ROOT / "README.md").read_text(encoding="utf-8")
README_LINKS = re.findall(r"\]\(([^)\s]+)\)", README)
LOCAL_LINKS = sorted({link for link in README_LINKS if "://" not in link})


def test_the_readme_is_a_short_front_door():
    assert len(README.encode("utf-8")) < 12 * 1024
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README)
    assert len(images) == 1
    assert (ROOT / images[0]).stat().st_size < 250 * 1024


def test_the_readme_links_to_every_page_of_the_reference():
    linked = {link.split("#", 1)[0] for link in LOCAL_LINKS}
    pages = {f"docs/{p.relative_to(DOCS).as_posix()}" for p in DOCS.glob("*.md")}
    pages.discard("docs/index.md")  # the README says the same itself
    assert pages <= linked, sorted(pages - linked)


@pytest.mark.parametrize("link", LOCAL_LINKS)
def test_the_readme_links_only_to_files_that_exist(docs_site, link):
    path, _, anchor = link.partition("#")
    assert (ROOT / path).exists(), link
    if anchor:  # a heading of the page the site builds from the file
        assert path.startswith("docs/") and path.endswith(".md"), link
        page = docs_site.page(built_path(path.removeprefix("docs/")))
        assert page.find_all(id=anchor), link


def test_the_docs_site_passes_its_own_check(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(" 0 errors, 0 warnings\n")
