"""Real builds: the script that sorts and filters the tables is shipped and linked from every
page (or not, with `script: false`), and the tables it enhances carry the keys it sorts by
while staying plain tables without it. The browser tests (`test_in_a_browser.py`) use them."""

from __future__ import annotations

from pathlib import Path

import pytest

import mkdocs_specs

from .conftest import Built, Site
from .docs import design, spec
from .html import Node

SCRIPT = "assets/mkdocs-specs/specs.js"
SOURCE = Path(mkdocs_specs.__file__).parent / "assets" / "specs.js"


@pytest.fixture
def portfolio(site: Site) -> Site:
    site.doc("index.md", "# Home\n")
    site.doc(
        "specs/001-checkout.md",
        spec("001-checkout", "Checkout", "Complete", "alice", criteria="- [x] a\n- [x] b"),
    )
    site.doc(
        "specs/002-refunds.md",
        spec("002-refunds", "Refunds", "Draft", "bob", criteria="- [x] a\n- [x] b\n- [ ] c"),
    )
    site.doc(
        "specs/003-payouts.md",
        spec("003-payouts", "Payouts", "In Progress", "carol", criteria="- [ ] a"),
    )
    site.doc("design/pay-12.md", design("PAY-12", "Approved", "[bob]"))
    site.doc(
        "report.md",
        "# Report\n\n```specs\ncolumns: [title, status, owners, progress, valid, path]\n```\n",
    )
    return site


def scripts(built: Built, page: str) -> list[str]:
    """The `src` of every script of a built page."""
    return [s.attrs["src"] for s in built.page(page).find_all("script") if "src" in s.attrs]


def sortable(built: Built, page: str) -> list[Node]:
    """The tables of a built page that the script enhances."""
    return built.page(page).find_all("table", data_specs_sortable="")


def keys(table: Node, column: int) -> list[str | None]:
    """The `data-sort` of each row's cell in a column, or None where the cell has none."""
    return [
        tr.find_all("td")[column].attrs.get("data-sort")
        for tr in table.find("tbody").find_all("tr")
    ]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_script_is_shipped_and_linked_from_every_page(portfolio, directory_urls):
    portfolio.config(use_directory_urls=directory_urls)
    built = portfolio.build(strict=True)
    assert (built.site_dir / SCRIPT).read_bytes() == SOURCE.read_bytes()
    for path in built.pages():
        page = path.relative_to(built.site_dir).as_posix()
        linked = [src for src in scripts(built, page) if src.endswith("specs.js")]
        assert len(linked) == 1, page
        # The 404 page may be served at any address: MkDocs links it from the site's root.
        base = built.site_dir if linked[0].startswith("/") else path.parent
        assert (base / linked[0].lstrip("/")).resolve() == (built.site_dir / SCRIPT).resolve()


def test_a_site_that_lists_the_script_itself_links_it_once(portfolio):
    portfolio.config(extra_javascript=[{"path": SCRIPT, "defer": True}])
    built = portfolio.build(strict=True)
    linked = [s for s in built.page("index.html").find_all("script") if "specs.js" in str(s.attrs)]
    assert len(linked) == 1 and "defer" in linked[0].attrs


def test_script_false_ships_and_links_no_script(portfolio):
    portfolio.plugin(script=False)
    built = portfolio.build(strict=True)
    assert not (built.site_dir / SCRIPT).exists()
    assert (built.site_dir / "assets/mkdocs-specs/specs.css").is_file()
    for path in built.pages():
        page = path.relative_to(built.site_dir).as_posix()
        assert not [src for src in scripts(built, page) if "specs" in src], page
    assert len(sortable(built, "specs-index/index.html")) == 1  # still a plain table


def test_the_tables_stay_plain_tables_with_the_keys_to_sort_by(portfolio):
    built = portfolio.build(strict=True)
    (table,) = sortable(built, "specs-index/index.html")
    headers = table.find("thead").find_all("th")
    assert [th.text for th in headers][:4] == ["Document", "ID", "Type", "Status"]
    assert not table.find_all("button") and not table.find_all("input")
    titles = keys(table, 0)
    assert sorted(titles) == ["Checkout", "PAY-12 - Feature Design", "Payouts", "Refunds"]
    assert keys(table, 1) == [None] * 4  # an ID sorts by its text
    # Statuses in the order of the status pages: Draft, In Progress, Approved, Complete.
    status = dict(zip(titles, keys(table, 3), strict=True))
    ranked = sorted(status, key=lambda title: int(status[title] or ""))
    assert ranked == ["Refunds", "Payouts", "PAY-12 - Feature Design", "Checkout"]
    progress = dict(zip(titles, keys(table, 6), strict=True))
    assert progress == {
        "Checkout": "100",
        "Refunds": "66",
        "Payouts": "0",
        "PAY-12 - Feature Design": "",  # no checklist: no value, sorted last
    }


def test_a_query_table_carries_the_keys_of_its_columns(portfolio):
    built = portfolio.build(strict=True)
    (table,) = sortable(built, "report/index.html")
    rows = table.find("tbody").find_all("tr")
    by_title = {tr.find("a").text: tr for tr in rows}
    refunds = [td.attrs.get("data-sort") for td in by_title["Refunds"].find_all("td")]
    assert refunds[0] == "Refunds"
    assert refunds[3:] == ["66", "1", None]  # progress, valid, and the path by its text
    ranks = {title: int(tr.find_all("td")[1].attrs["data-sort"]) for title, tr in by_title.items()}
    assert ranks["Refunds"] < ranks["Payouts"] < ranks["Checkout"]


def test_a_title_is_escaped_in_its_sort_key(site):
    site.doc("specs/001-x.md", spec("001-x", 'Pay "now" <b>&</b>', "Draft", "alice"))
    built = site.build()
    html = built.html("specs-index/index.html")
    assert 'data-sort="Pay &#34;now&#34; &lt;b&gt;&amp;&lt;/b&gt;"' in html
    (table,) = sortable(built, "specs-index/index.html")
    assert keys(table, 0) == ['Pay "now" <b>&</b>']
