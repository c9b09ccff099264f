"""The Python-Markdown extension ``mkdocs_specs.markdown``: in plain Python-Markdown, beside the
plugin in an MkDocs build, and in a real Zensical build of the example site (with
``SPECS_ZENSICAL``, the ``zensical`` command of an environment that has mkdocs-specs too: CI
makes one; elsewhere those tests are skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

from mkdocs_specs.markdown import NAME
from mkdocs_specs.mkdocs.generated import ASSETS

from .conftest import EXAMPLE, MKDOCS, Built, Site
from .docs import design, spec
from .html import parse

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def convert(site: Site, page: str, **options: object) -> str:
    """The page of the site's docs folder converted by plain Python-Markdown with the
    extension, as an engine without plugins converts it (front matter taken off first)."""
    config = site.write_config()
    text = (site.docs / page).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return markdown.markdown(
        text,
        extensions=["tables", "pymdownx.superfences", "pymdownx.tasklist", NAME],
        extension_configs={NAME: {"config_file": str(config), "page": page, **options}},
    )


@pytest.fixture
def specs(site: Site) -> Site:
    site.doc("index.md", "# Home\n\n```specs\nshow: table\n```\n")
    site.doc("specs/001-checkout.md", spec("001-checkout", owner="alice"))
    site.doc("specs/002-refunds.md", spec("002-refunds", "Refunds", "In Progress", "bob"))
    site.doc("design/pay-12.md", design("PAY-12"))
    return site


def test_a_document_gets_its_card_and_its_sections_bars(specs):
    page = parse(convert(specs, "specs/001-checkout.md"))
    cards = page.find_all(class_="specs-card")
    assert len(cards) == 1
    assert "alice" in cards[0].text and "Draft" in cards[0].text
    # The card is under the page's first heading, as the plugin puts it.
    first = next(child for child in page.iter() if child.tag in ("h1", "div"))
    assert first.tag == "h1"
    bars = page.find_all(class_="specs-section-progress")
    assert len(bars) == 1 and "1/2" in bars[0].text


def test_a_page_gets_its_query_blocks_results(specs):
    page = parse(convert(specs, "index.md"))
    table = page.find_all("table")
    assert len(table) == 1
    assert {"Checkout", "Refunds", "PAY-12 - Feature Design"} <= {
        link.text.strip() for link in table[0].find_all("a")
    }
    assert page.find_all(class_="specs-card") == []


def test_every_value_from_a_document_is_escaped(site):
    site.doc("specs/001-x.md", spec("001-x", title=HOSTILE, owner="<i>eve</i>"))
    html = convert(site, "specs/001-x.md")
    card = parse(html).find_all(class_="specs-card")[0]
    assert "<script>" not in html.split('<div class="specs-card"', 1)[1]
    assert "<i>eve</i>" in card.text


def test_the_extensions_options_win_over_the_plugins_in_mkdocs_yml(specs):
    specs.plugin(section_progress=False)
    page = parse(convert(specs, "specs/001-checkout.md"))
    assert page.find_all(class_="specs-section-progress") == []
    assert len(page.find_all(class_="specs-card")) == 1
    page = parse(convert(specs, "specs/001-checkout.md", card=False, section_progress=True))
    assert page.find_all(class_="specs-card") == []
    assert len(page.find_all(class_="specs-section-progress")) == 1


def test_a_wrong_option_is_one_clear_error_and_the_page_is_left_as_it_is(specs, logs):
    specs.plugin(card="maybe")
    html = convert(specs, "specs/001-checkout.md")
    convert(specs, "specs/002-refunds.md")
    assert "specs-card" not in html and "<h1" in html
    errors = logs.expect("card", "Expected type")
    assert len(errors) == 1 and errors[0].startswith(f"{NAME}: specs: card:")


def test_a_page_whose_file_changed_is_shown_as_it_is_now(specs):
    assert (
        "Draft"
        in parse(convert(specs, "specs/001-checkout.md")).find_all(class_="specs-card")[0].text
    )
    specs.doc("specs/001-checkout.md", spec("001-checkout", status="In Progress"))
    card = parse(convert(specs, "specs/001-checkout.md")).find_all(class_="specs-card")[0]
    assert "In Progress" in card.text


def test_beside_the_plugin_nothing_is_rendered_twice(specs):
    specs.config(markdown_extensions=["pymdownx.tasklist", NAME])
    built = specs.build()
    page = built.page("specs/001-checkout/index.html")
    assert len(page.find_all(class_="specs-card")) == 1
    assert len(page.find_all(class_="specs-section-progress")) == 1


def test_the_commands_read_a_site_whose_theme_is_not_installed(specs, cli, logs):
    specs.config(theme={"name": "a-theme-not-installed", "language": "fr"})
    result = cli("index", "--out", "md")
    logs.expect("Unrecognised theme name")
    assert result.exit_code == 0, result.output
    assert "'a-theme-not-installed' is not installed" in result.stderr
    assert "Spécifications" in (specs.root / "md" / "index.md").read_text(encoding="utf-8")


def test_assets_writes_the_plugins_stylesheet_and_script_into_the_docs_folder(specs, cli):
    result = cli("assets")
    assert result.exit_code == 0, result.output
    folder = specs.docs / "assets" / "mkdocs-specs"
    for name in ("specs.css", "specs.js"):
        assert (folder / name).read_bytes() == (ASSETS / name).read_bytes()


# Zensical ---------------------------------------------------------------------------------------

ZENSICAL = os.environ.get("SPECS_ZENSICAL")
"""The ``zensical`` command of an environment with mkdocs-specs installed."""


def need_zensical() -> str:
    """The ``zensical`` command; skipped without one, but never in CI, where it must run."""
    if ZENSICAL and shutil.which(ZENSICAL):
        return ZENSICAL
    if os.environ.get("CI"):
        pytest.fail("CI must build the example site with Zensical: set SPECS_ZENSICAL")
    pytest.skip("Zensical tests skipped: SPECS_ZENSICAL names no zensical command")


def zensical_build(root: Path) -> Built:
    """The site in ``root`` built with Zensical as the docs say: the stylesheet and script and
    the index pages written by the command line of Zensical's environment, then the build."""
    command = need_zensical()
    tools = Path(command).parent / "mkdocs-specs"
    for args in (["assets"], ["index", "--out", "docs/specs-index", "--allow-docs-dir"]):
        done = subprocess.run(
            [str(tools), *args], cwd=root, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [command, "build", "--clean"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return Built(root / "site")


def zensical_example(root: Path) -> Path:
    """A copy of the example site, which needs no font from the internet, with a document
    whose title and owners would run as HTML if they were not escaped."""
    shutil.copytree(EXAMPLE / "docs", root / "docs")
    shutil.copytree(EXAMPLE / "test-results", root / "test-results")
    shutil.copytree(EXAMPLE / "external", root / "external")
    text = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("theme:\n  name: material\n", "theme:\n  name: material\n  font: false\n"),
        encoding="utf-8",
    )
    hostile = spec("099-hostile", title=HOSTILE, owner="<i>eve</i>")
    (root / "docs/specs/099-hostile.md").write_text(hostile, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    need_zensical()
    yield zensical_build(zensical_example(tmp_path_factory.mktemp("zensical")))


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same site built by MkDocs with the plugin, to compare with."""
    root = zensical_example(tmp_path_factory.mktemp("plugin"))
    done = subprocess.run(
        [*MKDOCS, "build", "-q"], cwd=root, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return Built(root / "site")


def carded(built: Built) -> dict[str, int]:
    """Page → how many section bars it has, for every page with a card."""
    return {
        path.relative_to(built.site_dir).as_posix(): html.count('class="specs-section-progress')
        for path in built.pages()
        if (html := path.read_text(encoding="utf-8")).count('<div class="specs-card"') == 1
    }


@pytest.mark.slow
def test_zensical_shows_every_documents_card_and_bars_as_the_plugin_does(
    zensical_site, plugin_site
):
    shown = carded(zensical_site)
    assert len(shown) >= 17
    assert shown == carded(plugin_site)


@pytest.mark.slow
def test_zensical_titles_a_document_as_the_plugin_does(zensical_site):
    """The navigation and the tab show the title the cards show, not the first heading."""
    page = zensical_site.html("specs/001-card-checkout/index.html")
    assert "<title>Card Checkout - " in page
    assert "Feature Specification: Merchant API Keys" not in page.split("md-nav")[1]


@pytest.mark.slow
def test_zensical_shows_the_query_tables_and_escapes_every_value(zensical_site):
    home = zensical_site.page("index.html")
    assert home.find_all(class_="specs-query")
    assert home.find_all(class_="specs-chart")
    # The page's own heading is the author's Markdown; the card is the extension's.
    hostile = zensical_site.html("specs/099-hostile/index.html")
    card = hostile.split('<div class="specs-card"', 1)[1].split('<h2 id="overview"', 1)[0]
    assert "<script>" not in card and "<i>eve</i>" not in card and "&lt;i&gt;eve" in card
    for page in ("specs-index/index.html", "specs-index/owner/i-eve-i/index.html"):
        assert "<script>alert" not in zensical_site.html(page)
    for path in zensical_site.pages():
        assert "mkdocs-specs:" not in path.read_text(encoding="utf-8"), path
