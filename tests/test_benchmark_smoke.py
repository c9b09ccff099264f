"""The benchmark runs, end to end, on small sites: a smoke test, which asserts no timing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .test_markdown_extension import need_zensical

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
RUN = [sys.executable, str(ROOT / "benchmarks" / "run.py")]


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*RUN, *arguments], capture_output=True, text=True, timeout=900, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


PAIRS = ("build_out", "build_warm", "check", "check_unchanged")


def _runs_measured(size: dict, blocks: int = 1, pairs: tuple[str, ...] = PAIRS) -> None:
    """Each pair holds two runs of each command per block, all of them timed."""
    for pair in (size[name] for name in pairs):
        assert len(pair["base"]) == len(pair["measured"]) == 2 * blocks
        assert all(run["seconds"] > 0 and run["rss_mb"] > 0 for run in pair["base"])


def test_the_benchmark_runs_both_corpora(tmp_path):
    out = tmp_path / "results.json"
    result = _run(
        *("--sizes", "20", "--repeats", "1", "--nav-size", "20", "--serve-size", "20"),
        *("--edits", "1", "--keep", str(tmp_path / "sites"), "--json", str(out), "--features"),
    )
    data = json.loads(out.read_text())
    assert [(s["corpus"], s["documents"]) for s in data["sizes"]] == [
        ("synthetic", 20),
        ("realistic", 20),
    ]
    for size in data["sizes"]:
        _runs_measured(size, pairs=(*PAIRS, "features", "features_warm"))
        assert len(size["build_in"]["base"]) == len(size["build_in"]["measured"]) == 1
    assert data["serve"]["correct"] and data["serve"]["correct-dirty"]
    assert "| synthetic | 20 |" in result.stdout and "| realistic | 20 |" in result.stdout
    assert "`mkdocs serve --dirty`" in result.stdout and "| target |" in result.stdout
    sites = tmp_path / "sites"
    # check's cache went with the site, and the second measure of check took from it.
    assert list((sites / "synthetic-20" / "check-cache").glob("check-*.json"))
    # The synthetic site is valid throughout; the realistic one has findings, as a real tree.
    synthetic = json.loads((sites / "synthetic-20" / "site-specs" / "specs.json").read_text())
    assert len(synthetic["documents"]) == 20
    assert all(not d["findings"] for d in synthetic["documents"])
    realistic = json.loads((sites / "realistic-20" / "site-specs" / "specs.json").read_text())
    assert len(realistic["documents"]) == 20
    assert {d["type"] for d in realistic["documents"]} == {"kep", "feature-design", "feature-spec"}
    assert sum(len(d["findings"]) for d in realistic["documents"]) >= 20
    for corpus in ("synthetic", "realistic"):
        assert f"| {corpus}, coverage + tests + external | 20 |" in result.stdout
        _features_built(sites / f"{corpus}-20")


def _features_built(root: Path) -> None:
    """The build with the features of issue 21 had them: the Matrix page, coverage findings,
    tests from the generated report and the other site's documents in the home's table."""
    site = root / "site-features"
    documents = json.loads((site / "specs.json").read_text())["documents"]
    assert len(documents) == 20
    assert (site / "specs-index" / "matrix" / "index.html").is_file()
    assert any(f["rule"] == "coverage" for d in documents for f in d["findings"])
    assert any(d["covered"] is False for d in documents)
    tested = [d for d in documents if d["tests"]]
    assert tested and any(d["tests"]["passed"] for d in tested)
    home = (site / "specs-index" / "index.html").read_text()
    assert home.count("https://other.example/") == 300
    # The plain plugin build kept none of them.
    plain = json.loads((root / "site-specs" / "specs.json").read_text())["documents"]
    assert not any(d["tests"] for d in plain)


def _example_tree(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A copy of the example site's documents to measure as a tree, and the files in it."""
    tree = tmp_path / "tree"
    subprocess.run(
        ["cp", "-r", str(ROOT / "example-site" / "docs"), str(tree)], check=True, timeout=60
    )
    return tree, sorted(p.relative_to(tree) for p in tree.rglob("*"))


def test_the_benchmark_measures_a_real_tree_without_writing_into_it(tmp_path):
    tree, before = _example_tree(tmp_path)
    out = tmp_path / "results.json"
    result = _run(
        *("--tree", str(tree), "--config", str(ROOT / "example-site" / "mkdocs.yml")),
        *("--repeats", "1", "--keep", str(tmp_path / "work"), "--json", str(out)),
    )
    assert sorted(p.relative_to(tree) for p in tree.rglob("*")) == before
    (size,) = json.loads(out.read_text())["sizes"]
    assert size["corpus"] == "tree tree" and size["documents"] > 5
    _runs_measured(size)
    assert "| build, tree tree | ≤ 1.15 |" in result.stdout
    work = tmp_path / "work" / "tree"
    # The plain build is the same site without the plugin, the documents out of its nav.
    plain = (work / "plain-out.yml").read_text()
    assert "- specs" not in plain and "not_in_nav" in plain
    # Nor the extension the example site lists for Zensical, nor its stylesheet.
    assert "mkdocs_specs.markdown" not in plain and "specs.css" not in plain
    assert "documents_in_nav: false" in (work / "specs-out.yml").read_text()
    assert (work / "site-specs" / "specs-index" / "index.html").is_file()
    assert not (work / "site-plain" / "specs-index").exists()
    # The example's test reports and other site's specs.json, named relative to its
    # mkdocs.yml, were found from the configuration written elsewhere: its cards have tests,
    # its home lists the platform's documents.
    assert (work / "test-results" / "junit.xml").is_file()
    assert any(
        d["tests"]
        for d in json.loads((work / "site-specs" / "specs.json").read_text())["documents"]
    )
    home = (work / "site-specs" / "specs-index" / "index.html").read_text()
    assert "https://platform.acme.example/" in home
    # Neither build put the documents in the nav: no link to one on either 404 page, which
    # holds the nav and nothing else of the site.
    documents = json.loads((work / "site-specs" / "specs.json").read_text())["documents"]
    for site in ("site-plain", "site-specs"):
        nav = (work / site / "404.html").read_text()
        assert "specs-index/" in nav or site == "site-plain"
        assert not [d["url"] for d in documents if d["url"] in nav]


def _carded(site: Path) -> int:
    """How many pages of a built site have one document's card."""
    return sum(
        page.read_text(encoding="utf-8").count('<div class="specs-card"') == 1
        for page in site.rglob("*.html")
    )


def _zensical_measured(size: dict) -> None:
    """One block of Zensical builds, without the extension and with it, and the index
    command's run."""
    build = size["build"]
    assert len(build["base"]) == len(build["measured"]) == 2
    assert all(run["seconds"] > 0 and run["rss_mb"] > 0 for run in build["base"])
    assert size["index"]["seconds"] > 0


def test_the_benchmark_measures_zensical_alone_on_a_corpus(tmp_path):
    zensical = need_zensical()
    out = tmp_path / "results.json"
    result = _run(
        *("--corpus", "realistic", "--sizes", "20", "--zensical", zensical, "--only", "zensical"),
        *("--keep", str(tmp_path / "sites"), "--json", str(out)),
    )
    data = json.loads(out.read_text())
    assert data["sizes"] == [] and data["serve"] is None
    (size,) = data["zensical"]
    assert (size["corpus"], size["documents"]) == ("realistic", 20)
    _zensical_measured(size)
    assert "| realistic, Zensical | 20 |" in result.stdout and data["versions"]["zensical"]
    root = tmp_path / "sites" / "realistic-20"
    # Neither MkDocs nor check ran; Zensical built the site without the extension and with
    # it: every document's card, the index pages and the assets in the second only.
    assert not (root / "site-plain").exists() and not (root / "check-cache").exists()
    plain, specs = root / "site-zensical-plain", root / "site-zensical-specs"
    assert _carded(plain) == 0 and _carded(specs) == 20
    assert (specs / "specs-index" / "index.html").is_file()
    assert (specs / "assets" / "mkdocs-specs" / "specs.css").is_file()
    assert not (plain / "specs-index").exists()
    assert "mkdocs_specs.markdown" not in (root / "zensical-plain.yml").read_text()


def test_the_benchmark_measures_zensical_on_a_real_tree_without_writing_into_it(tmp_path):
    zensical = need_zensical()
    tree, before = _example_tree(tmp_path)
    out = tmp_path / "results.json"
    result = _run(
        *("--tree", str(tree), "--config", str(ROOT / "example-site" / "mkdocs.yml")),
        *("--zensical", zensical, "--repeats", "1", "--keep", str(tmp_path / "work")),
        *("--json", str(out)),
    )
    assert sorted(p.relative_to(tree) for p in tree.rglob("*")) == before
    data = json.loads(out.read_text())
    (size,) = data["sizes"]
    _runs_measured(size)
    (zensical_size,) = data["zensical"]
    assert zensical_size["corpus"] == "tree tree"
    assert zensical_size["documents"] == size["documents"]
    _zensical_measured(zensical_size)
    assert f"| tree tree, Zensical | {size['documents']} |" in result.stdout
    work = tmp_path / "work" / "tree"
    # Zensical wants the docs inside the project's folder: both builds read copies of the
    # tree, the extension's with the index pages written into it.
    assert (work / "zensical-docs-plain" / "index.md").is_file()
    assert (work / "zensical-docs-specs" / "specs-index" / "index.md").is_file()
    # Each document's page has its card, and so has each page of a document's own files (an
    # OpenSpec change's tasks.md), as the plugin's build has them.
    exported = json.loads((work / "site-specs" / "specs.json").read_text())["documents"]
    assert len(exported) == size["documents"]
    members = [m for d in exported for m in d.get("members", []) if m["path"].endswith(".md")]
    assert _carded(work / "site-zensical-specs") == len(exported) + len(members)
    assert _carded(work / "site-specs") == len(exported) + len(members)
    assert _carded(work / "site-zensical-plain") == 0


def _git(repo: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", *arguments],
        cwd=repo,
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_the_benchmark_measures_the_history_of_statuses_in_git(tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "20", str(repo)],
        check=True,
        timeout=120,
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "The documents")
    design = repo / "docs" / "design" / "des-1.md"
    lines = design.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("status: "))
    status = "Approved" if lines[at] != "status: Approved\n" else "Implemented"
    lines[at] = f"status: {status}\n"
    design.write_text("".join(lines))
    _git(repo, "commit", "-qam", "A design's status changed")
    out = tmp_path / "results.json"
    result = _run(
        *("--git-history", str(repo / "docs"), "--repeats", "1"),
        *("--keep", str(tmp_path / "work"), "--json", str(out)),
    )
    assert "git history of" in result.stdout  # the freshness pass, as before
    history = json.loads(out.read_text())["history"]
    assert history["documents"] == 20 and history["histories"] == 20
    for name in ("off", "first", "again"):
        pair = history[name]
        assert len(pair["base"]) == len(pair["measured"]) == 2
        assert all(run["seconds"] > 0 for run in pair["base"] + pair["measured"])
    assert "| `history: true`, cache empty (first read) |" in result.stdout
    work = tmp_path / "work" / "history"
    assert "history: true" in (work / "specs-history.yml").read_text()
    # The build with it kept the history in its own cache; the build without it has none.
    assert (work / ".cache" / "plugin" / "specs-history" / "history.json").is_file()
    records = json.loads((work / "site-history" / "specs.json").read_text())["documents"]
    changed = next(r for r in records if r["path"] == "design/des-1.md")
    assert [t["status"] for t in changed["history"]][-1] == status
    plain = json.loads((work / "site-specs" / "specs.json").read_text())["documents"]
    assert not any(r["history"] for r in plain)
