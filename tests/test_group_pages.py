"""Real builds: which group pages exist (``group_pages``), where every link to a group leads,
and which generated pages the search index lists (``search``)."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import markdown
import pytest

from .conftest import Built, Cli, Site
from .docs import spec
from .html import Node, parse, resolve

OWNERS = 35
"""More owners than ``auto`` gives a page each (30)."""


@pytest.fixture
def many_owners(site: Site) -> Site:
    site.doc("index.md", "# Home\n")
    statuses = ["Draft", "In Progress", "Complete"]
    for n in range(OWNERS):
        owners = f"owner-{n:02d}, owner-{(n + 1) % OWNERS:02d}"
        text = spec(f"{n:03d}-x", f"Spec {n}", statuses[n % 3], owners, criteria="- [x] a")
        site.doc(f"specs/{n:03d}-x.md", text)
    return site


def group_links(built: Built) -> list[tuple[str, str, str]]:
    """(page URL, link text, href) of every link to a group on every page of the site."""
    found = []
    for path in built.pages():
        rel = path.relative_to(built.site_dir).as_posix()
        url = posixpath.dirname(rel) + "/" if rel.endswith("index.html") else rel
        for a in built.page(rel).find_all("a"):
            href = a.attrs.get("href") or ""
            if "specs-index/" in resolve(url, href.partition("#")[0]) and "/owner/" in href:
                found.append((url, a.text, href))
    return found


def target_of(built: Built, page_url: str, href: str) -> tuple[Node, str]:
    """The page a link leads to, parsed, and its fragment."""
    path, _, fragment = href.partition("#")
    target = resolve(page_url, path) if path else page_url
    return built.page(target + "index.html" if target.endswith("/") else target), fragment


def test_a_kind_with_many_groups_gets_one_page_with_a_section_per_group(many_owners):
    built = many_owners.build(strict=True)
    assert (built.site_dir / "specs-index/owner/index.html").is_file()
    assert not list((built.site_dir / "specs-index/owner").glob("*/index.html"))
    assert (built.site_dir / "specs-index/status/draft/index.html").is_file()

    owners = built.content("specs-index/owner/index.html")
    sections = owners.find_all("section", class_="specs-group-section")
    assert len(sections) == OWNERS
    first = owners.find("section", id="owner-owner-00")
    titles = {a.text for a in first.find_all("a", class_="specs-doc-ref")}
    assert titles == {"000-x Spec 0", f"0{OWNERS - 1}-x Spec {OWNERS - 1}"}
    # a line per document, not a table: the page lists each document once per owner
    assert owners.find_all("table") == []
    item = first.find("li")
    assert item.find(class_="specs-badge").text == "Draft"
    assert item.find(class_="specs-count").text == "1/1"
    assert first.find("h2").text == "owner-00"
    # the list at the top leads to the sections of the same page
    items = owners.find("ul", class_="specs-group-list").find_all("a")
    targets = [resolve("specs-index/owner/", a.href or "") for a in items]
    assert targets[:2] == ["specs-index/owner/#owner-owner-00", "specs-index/owner/#owner-owner-01"]

    links = group_links(built)
    assert len(links) > 2 * OWNERS  # cards, rows, the home's list, the owner page
    for page_url, text, href in links:
        target, fragment = target_of(built, page_url, href)
        section = target.find("section", id=fragment)
        assert section.find("h2").text == text, (page_url, href)


def test_the_page_of_the_groups_is_as_wide_as_material_lets_it(many_owners):
    """Its sections are out of the table of contents, which would be empty: Material gives
    the tables its room."""
    many_owners.config(theme={"name": "material"})
    built = many_owners.build(strict=True)
    owners = built.page("specs-index/owner/index.html")
    assert "hidden" in owners.find(**{"data-md-type": "toc"}).attrs
    status = built.page("specs-index/status/draft/index.html")
    assert "hidden" not in status.find(**{"data-md-type": "toc"}).attrs


def test_group_pages_is_chosen_per_kind(many_owners):
    many_owners.plugin(group_pages={"owner": "each", "status": "one"})
    built = many_owners.build(strict=True)
    assert (built.site_dir / "specs-index/owner/owner-00/index.html").is_file()
    assert not (built.site_dir / "specs-index/status/draft").exists()
    statuses = built.content("specs-index/status/index.html")
    assert [h2.text for h2 in statuses.find_all("h2")] == ["Draft", "In Progress", "Complete"]
    card = built.content("specs/000-x/index.html")
    assert card.find("a", class_="specs-badge").href == "../../specs-index/status/#status-draft"
    # an owner's page does not repeat the 35 owners: it would on every one of them
    owner = built.content("specs-index/owner/owner-00/index.html")
    assert owner.find_all("nav", class_="specs-siblings") == []
    assert "owner-17" not in owner.text  # its documents are owned by 00, 01 and 34
    # a status's sections do not list the other statuses either: the list at the top does
    assert len(statuses.find("ul", class_="specs-group-list").find_all("li")) == 3


def test_few_groups_keep_a_page_each_with_the_others_listed(site: Site):
    site.doc("specs/001-a.md", spec("001-a", "A", "Draft", "alice"))
    site.doc("specs/002-b.md", spec("002-b", "B", "Draft", "bob"))
    built = site.build(strict=True)
    alice = built.content("specs-index/owner/alice/index.html")
    siblings = alice.find("nav", class_="specs-siblings")
    assert [a.text for a in siblings.find_all("a")] == ["alice", "bob"]
    assert not (built.site_dir / "specs-index/owner/index.html").exists()


def test_a_way_of_grouping_the_site_does_not_have_is_named(site: Site):
    site.doc("specs/001-a.md", spec("001-a", "A", "Draft", "alice"))
    site.plugin(group_pages={"ownr": "one"})
    result = site.run("build")
    assert result.returncode == 1
    assert "group_pages: 'ownr' is not a way of grouping documents of this site" in result.stderr
    assert "expected one of status, owner, type" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_choice_that_is_not_one_of_the_three_is_named(site: Site):
    site.doc("specs/001-a.md", spec("001-a", "A", "Draft", "alice"))
    site.plugin(group_pages={"owner": "all"})
    result = site.run("build")
    assert result.returncode == 1
    assert "group_pages" in result.stderr and "'all'" in result.stderr
    assert "Traceback" not in result.stderr


def search_locations(built: Built) -> set[str]:
    index = json.loads(built.html("search/search_index.json"))
    return {doc["location"].partition("#")[0] for doc in index["docs"]}


@pytest.mark.parametrize("asked", [False, True])
def test_generated_pages_are_searched_only_when_asked(many_owners, asked):
    many_owners.config(theme={"name": "material"}, plugins=["search", "specs"])
    if asked:
        many_owners.plugin(search=True)
    built = many_owners.build(strict=True)
    locations = search_locations(built)
    assert "specs/000-x/" in locations  # the documents are what readers search for
    generated = {loc for loc in locations if loc.startswith("specs-index/")}
    if asked:
        assert {"specs-index/", "specs-index/owner/", "specs-index/status/draft/"} <= generated
    else:
        assert generated == set()


def test_the_index_command_writes_the_same_layout(many_owners, cli: Cli, tmp_path: Path):
    out = tmp_path / "out"
    result = cli("index", "--out", str(out))
    assert result.exit_code == 0, result.output
    owners = (out / "owner/index.md").read_text(encoding="utf-8")
    assert not list((out / "owner").glob("owner-*.md"))
    assert owners.count('<a id="owner-owner-') == OWNERS
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "(owner/index.md#owner-owner-00)" in home
    assert "(status/draft.md)" in home
    # the Markdown reads as the plugin's page does: one heading per owner
    html = parse(markdown.markdown(owners, extensions=["tables"]))
    assert [h.text for h in html.find_all("h2")][:2] == ["owner-00", "owner-01"]
