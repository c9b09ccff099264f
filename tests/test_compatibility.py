"""Next to what people use: `use_directory_urls` on and off, with and without
`pymdownx.tasklist`, beside Material's `tags` and `blog` plugins, `search` and awesome-nav.
Real builds of real sites; under ProperDocs too when the suite runs there."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import MKDOCS, Built, Site, example_copy
from .docs import design, spec


def build_example(root: Path, directory_urls: bool, tasklist: bool) -> Built:
    """The example site, built by the real command line with these options."""
    config = example_copy(root, {"name": "material", "font": False})
    text = config.read_text(encoding="utf-8")
    if not tasklist:
        text, removed = re.subn(r"\n  - pymdownx\.tasklist:\n      custom_checkbox: true", "", text)
        assert removed == 1
    config.write_text(f"{text}\nuse_directory_urls: {str(directory_urls).lower()}\n", "utf-8")
    done = subprocess.run(
        [*MKDOCS, "build", "-f", str(config)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    other = [
        line
        for line in done.stderr.splitlines()
        if line.startswith(("WARNING", "ERROR")) and "mkdocs_specs:" not in line
    ]
    assert other == [], done.stderr
    return Built(root / "site")


# What the plugin draws: its pages, the cards, the query blocks and the section bars.
PARTS = {"specs-page", "specs-card", "specs-query", "specs-chart", "specs-section-progress"}


def resolve(page: Path, href: str) -> Path:
    if href.startswith("#"):  # a heading's permalink
        return page
    if href.startswith("https://platform.acme.example/"):  # the other site's (`external`)
        return Path(__file__)
    target = (page.parent / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
@pytest.mark.parametrize("tasklist", [True, False], ids=["tasklist", "no-tasklist"])
def test_every_link_of_the_example_leads_to_a_built_file(tmp_path, directory_urls, tasklist):
    built = build_example(tmp_path, directory_urls, tasklist)
    checked = 0
    for page in built.pages():
        html = built.page(str(page.relative_to(built.site_dir)))
        parts = [node for node in html.iter() if PARTS & set(node.classes)]
        hrefs = {a.href for part in parts for a in part.find_all("a") if a.href is not None}
        for href in hrefs:
            assert resolve(page, href).is_file(), f"{page}: {href} leads nowhere"
            checked += 1
    assert checked > 300
    data = json.loads(built.html("specs.json"))
    for document in data["documents"]:
        url = document["url"]
        assert url.endswith("/" if directory_urls else ".html"), url
        assert resolve(built.site_dir / "index.html", url).is_file(), url


def test_checklists_count_the_same_with_and_without_tasklist(tmp_path):
    counts = []
    for tasklist in (True, False):
        built = build_example(tmp_path / str(tasklist), True, tasklist)
        data = json.loads(built.html("specs.json"))
        counts.append({d["path"]: (d["progress"], d["sections"]) for d in data["documents"]})
    assert counts[0] == counts[1]
    assert sum(progress["total"] for progress, _ in counts[0].values()) > 100


BLOG_POST = """\
---
date: 2025-03-01
categories: [Releases]
tags: [payments]
---

# Card checkout is live

Shoppers can pay by card on a hosted page.
"""


@pytest.fixture
def neighbours(site: Site) -> Site:
    """A Material site with search, tags, blog and awesome-nav beside the plugin."""
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "Draft"))
    site.doc(
        "design/pay-12.md",
        design("PAY-12", "Approved", "[bob]").replace("---\n", "---\ntags: [payments]\n", 1),
    )
    site.doc("blog/index.md", "# Blog\n")
    site.doc("blog/posts/live.md", BLOG_POST)
    site.doc("tags.md", "# Tags\n\n<!-- material/tags -->\n")
    site.config(
        theme={"name": "material", "font": False},
        plugins=["search", "tags", {"blog": {"blog_toc": True}}, "awesome-nav", "specs"],
        markdown_extensions=[{"pymdownx.tasklist": {"custom_checkbox": True}}],
    )
    return site


def nav_links(built: Built, path: str) -> dict[str, str]:
    nav = built.page(path).find("nav", class_="md-nav--primary")
    return {a.text: a.attrs.get("href", "") for a in nav.find_all("a")}


def test_beside_search_tags_blog_and_awesome_nav(neighbours):
    built = neighbours.build(strict=True)

    # The plugin's pages and cards are there, and in the nav that awesome-nav builds.
    assert built.content("specs/001-checkout/index.html")
    assert built.content("design/pay-12/index.html")
    assert "Specifications" in nav_links(built, "index.html")
    home = built.content("specs-index/index.html")
    assert {"Checkout", "PAY-12 - Feature Design"} <= set(home.links())

    # Tags: the tagged design document and the blog post are on the tags page.
    tags = built.page("tags/index.html").text
    assert "payments" in tags and "PAY-12" in tags and "Card checkout is live" in tags

    # Blog: the post and its archive are built; the post is no document of the plugin.
    assert (built.site_dir / "blog/2025/03/01/card-checkout-is-live/index.html").is_file()
    assert "Card checkout is live" not in home.text

    # Search indexes the documents, and leaves the generated pages out (`search: false`).
    index = json.loads(built.html("search/search_index.json"))
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert "design/pay-12/" in locations
    assert not {location for location in locations if location.startswith("specs-index/")}


def test_awesome_nav_places_the_generated_pages(neighbours: Site):
    neighbours.doc(
        ".nav.yml",
        """
        nav:
          - index.md
          - Portal: specs-index
          - specs
          - design
          - blog
          - tags.md
        """,
    )
    built = neighbours.build(strict=True)
    nav = built.page("index.html").find("nav", class_="md-nav--primary")
    order = [a.text for a in nav.find_all("a")]
    assert "Portal" in nav.text
    home, portal = order.index("Home"), order.index("Specifications")
    assert home < portal < order.index("Relations") < order.index("Blog")
    assert "Owner: alice" not in order  # group pages join the nav only when `nav` lists them


def test_the_suite_runs_on_the_host_it_names():
    """Under SPECS_HOST=properdocs every build of the suite is ProperDocs', in this process and
    in the commands it runs; otherwise MkDocs'."""
    from mkdocs.commands.build import build

    from . import HOST

    assert build.__module__ == f"{HOST}.commands.build"
    version = subprocess.run([*MKDOCS, "--version"], capture_output=True, text=True, timeout=60)
    assert f"{HOST}, version " in version.stdout, version.stdout
