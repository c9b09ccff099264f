"""The project's own documentation site (`mkdocs.yml` and `docs/` at the root) builds with
`--strict`, includes every section of the README, and its design decisions are indexed by the
plugin itself with zero configuration."""

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
    build(config)  # raises on any warning: a broken include, page link or heading link
    return Built(Path(config.site_dir))


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


def test_every_readme_section_is_on_the_site(docs_site):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.findall(r"^<!-- --8<-- \[start:([\w-]+)\] -->$", readme, re.M)
    assert len(sections) >= 10
    included = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    for name in sections:
        assert f'--8<-- "README.md:{name}"' in included, name
    page = docs_site.page("configuration/index.html")
    assert page.find("h2", id="configuration-reference")
    # The README's links between its sections lead to the pages that include them.
    assert page.find("a", href="../findings/#findings")


def test_the_docs_site_passes_its_own_check(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--strict"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(" 0 errors, 0 warnings\n")
