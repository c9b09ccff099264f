"""End to end, in headless Chromium: the example site built in each theme and scheme, served on
127.0.0.1, looked at as a user does.

Screenshots go to ``$SPECS_SCREENSHOTS`` (default: a temporary folder); the run ends with a line
that names the folder and counts the checks. The themes load nothing from the internet: the
`mkdocs` and `readthedocs` themes are built with ``highlightjs: false`` and Material with
``font: false`` (their CDN scripts and fonts), and the browser resolves no host but 127.0.0.1.
Only Material's Mermaid script, which the relations page asks a CDN for, may fail to load (see
``ALLOWED_NETWORK_FAILURES``).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import TALLY, Browser, need_browser, serve_folder
from .conftest import MKDOCS, example_copy
from .test_live_preview import Server, free_port
from .test_markdown_extension import zensical_build, zensical_example

pytestmark = pytest.mark.slow

THEMES: dict[str, dict[str, Any]] = {
    "mkdocs": {"name": "mkdocs", "highlightjs": False},
    "mkdocs-dark": {"name": "mkdocs", "highlightjs": False, "color_mode": "dark"},
    "readthedocs": {"name": "readthedocs", "highlightjs": False},
    "material": {"name": "material", "font": False, "palette": {"scheme": "default"}},
    "material-slate": {"name": "material", "font": False, "palette": {"scheme": "slate"}},
}

# The mkdocs theme's dark mode switches highlight.js' stylesheets, which `highlightjs: false`
# leaves out: its own script then fails (an upstream bug of the theme, not the plugin's).
THEME_BUGS = {"mkdocs-dark": ("js/darkmode.js 6:28 Uncaught TypeError: Cannot set properties",)}

# Text the plugin draws, beside the cards and badges.
PLUGIN_TEXT = (
    ".specs-progress__text, .specs-progress--none, .specs-count, .specs-note, .specs-flag, "
    ".specs-query--empty, .specs-findings p, .specs-finding, .specs-finding__where, "
    ".specs-table-wrapper th, .specs-table-wrapper td a"
)

HOME = "specs-index/"
DOCUMENT = "specs/001-card-checkout/"  # complete, owned by alice, with checklists
UNFINISHED = "specs/007-payout-scheduling/"  # with problems: an invalid date, a missing section
OWNER = "specs-index/owner/alice/"
SHOWN = {
    HOME: {"bars"},
    OWNER: {"bars"},
    "specs-index/status/in-progress/": {"bars"},
    "specs-index/relations/": set(),
    DOCUMENT: {"bars", "card", "diagram"},
    UNFINISHED: {"bars", "card"},
    "": {"bars", "diagram"},  # the example's home page: its query blocks and status chart
}
"""What each page shows besides badges, so that no check passes for want of anything to check."""
PAGES = list(SHOWN)


def mkdocs_build(config: Path, site: Path) -> Path:
    """Build ``config`` into ``site`` with the real command line; the built folder."""
    done = subprocess.run(
        [*MKDOCS, "build", "-q", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    need_browser()
    folder = os.environ.get("SPECS_SCREENSHOTS")
    screenshots = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    TALLY.screenshots = screenshots.resolve()
    running = Browser(screenshots)
    yield running
    running.quit()


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """(theme name, base URL) of the example site built in that theme and served."""
    need_browser()
    name = request.param
    root = tmp_path_factory.mktemp(f"example-{name}")
    config = example_copy(root, THEMES[name])
    with serve_folder(mkdocs_build(config, root / "site")) as url:
        yield name, url


def visit(browser: Browser, theme: str, url: str, shot: str) -> None:
    browser.open(url)
    browser.screenshot(f"{theme}--{shot}")
    assert browser.console_errors(THEME_BUGS.get(theme, ())) == [], f"console errors on {url}"


@pytest.mark.parametrize("page", PAGES)
def test_every_badge_bar_and_card_is_seen_and_read(browser, themed, page):
    theme, base = themed
    visit(browser, theme, base + page, page.strip("/").replace("/", "-") or "home")

    shown = SHOWN[page]
    assert browser.check(".specs-badge", "badge")
    assert bool(browser.check(".specs-progress__track", "progress bar")) == ("bars" in shown)
    assert bool(browser.check(".specs-card", "card", readable=False)) == ("card" in shown)
    browser.check(".specs-card :is(dt, dd, a, p, li, code):not(svg *)", "card text")
    assert bool(browser.check_diagrams()) == ("diagram" in shown)
    assert browser.check(PLUGIN_TEXT, "text")
    broken = [text for text, lines in browser.lines(".specs-cell--id code") if lines != 1]
    TALLY.checks += 1
    assert not broken, f"IDs broken over lines on {browser.url}: {broken}"


def test_the_document_shows_its_card_and_problems(browser, themed):
    theme, base = themed
    visit(browser, theme, base + UNFINISHED, "problems")
    assert browser.check(".specs-card, .specs-findings", "card", readable=False) == 2
    assert "Testing Strategy" in browser.one(".specs-findings").text
    assert len(browser.find(".specs-card .specs-progress__track")) == 1


def test_every_counted_item_is_a_checkbox_on_a_line_of_its_own(browser, themed):
    # The example's criteria are written right under `**Acceptance Criteria:**`, as the seed
    # writes them: the page shows them as the list the card counts.
    theme, base = themed
    visit(browser, theme, base + DOCUMENT, "checklists")
    bar = browser.one(".specs-card [role=progressbar]")
    counted = int(bar.get_attribute("aria-valuetext").split()[2])  # "18 of 18 items done"
    items = browser.find("li.task-list-item")
    assert len(browser.find("li.task-list-item input[type=checkbox]")) == counted == len(items)
    tops = [item.location["y"] for item in items]
    TALLY.checks += 1
    assert len(set(tops)) == len(tops), f"checklist items share a line on {browser.url}"


def test_a_card_links_to_its_owner_and_back(browser, themed):
    theme, base = themed
    visit(browser, theme, base + DOCUMENT, "document")
    owner = browser.one(".specs-card .specs-owner")
    assert owner.text == "alice"
    owner.click()
    assert browser.url == base + OWNER
    assert "alice" in browser.one("h1").text
    assert browser.console_errors(THEME_BUGS.get(theme, ())) == []

    back = [a for a in browser.find("a.specs-doc-link") if a.text == "Card Checkout"]
    assert len(back) == 1
    back[0].click()
    assert browser.url == base + DOCUMENT
    assert browser.check(".specs-card", "card", readable=False) == 1
    assert browser.console_errors(THEME_BUGS.get(theme, ())) == []
    assert browser.one(".specs-card .specs-badge").text == "Complete"
    TALLY.checks += 4


def test_the_problem_box_shows_in_the_preview(browser, tmp_path):
    """`mkdocs serve`, with the default `show_findings: serve`: the box is there."""
    example_copy(tmp_path, THEMES["material"], show_findings="serve")
    running = Server(tmp_path)
    try:
        running.wait_for(UNFINISHED, lambda page: bool(page.find_all(class_="specs-card")))
        visit(browser, "serve", f"http://127.0.0.1:{running.port}/{UNFINISHED}", "problems")
        assert browser.check(".specs-findings", "problem box", readable=False) == 1
        assert browser.check(".specs-finding", "problem") > 1
        box = browser.one(".specs-findings")
        assert "missing required section 'Testing Strategy'" in box.text
    finally:
        out = running.stop()
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "hiding",
    [
        ".specs-card dl { height: 0; overflow: hidden; }",  # clipped by its box
        ".specs-card { position: relative; z-index: -1; }",  # under the page's background
        ".specs-progress__fill { background: transparent; }",  # a bar without its fill
    ],
)
def test_the_checks_fail_on_a_card_the_user_cannot_see(browser, themed, hiding):
    """The checks themselves: a card laid out but not seen fails them."""
    theme, base = themed
    if theme != "material":
        pytest.skip("one theme is enough to test the checks")
    browser.open(base + DOCUMENT)
    browser.driver.execute_script(
        "const style = document.createElement('style');"
        "style.textContent = arguments[0]; document.head.append(style);",
        hiding,
    )
    with pytest.raises(AssertionError):
        browser.check(".specs-card :is(dt, dd, a, code):not(svg *)", "card text")
        browser.check(".specs-card .specs-progress__track", "progress bar")


def test_links_work_with_materials_instant_navigation(browser, tmp_path):
    """Material's instant navigation swaps the page in without loading it: the card's and the
    index's links, which climb from each page to the site's root, still lead where they say,
    and the tables of each page swapped in are sortable and filterable, once."""
    from selenium.webdriver.common.keys import Keys

    need_browser()
    port = free_port()
    theme = {**THEMES["material"], "features": ["navigation.instant"]}
    config = example_copy(tmp_path, theme)
    config.write_text(
        config.read_text(encoding="utf-8") + f"\nsite_url: http://127.0.0.1:{port}/\n", "utf-8"
    )
    with serve_folder(mkdocs_build(config, tmp_path / "site"), port) as base:
        visit(browser, "instant", base + DOCUMENT, "instant-document")
        browser.driver.execute_script("window.specsNotReloaded = true")
        browser.one(".specs-card .specs-owner").click()
        browser.wait_for_page(base + OWNER, lambda: "alice" in browser.one("h1").text)
        assert browser.driver.execute_script("return window.specsNotReloaded") is True
        enhanced_once(browser)
        back = [a for a in browser.find("a.specs-doc-link") if a.text == "Card Checkout"]
        back[0].click()
        browser.wait_for_page(base + DOCUMENT, lambda: bool(browser.find(".specs-card")))
        assert browser.one(".specs-card .specs-badge").text == "Complete"
        browser.one(".specs-card__home a").click()
        browser.wait_for_page(base + HOME, lambda: not browser.find(".specs-card"))
        assert browser.driver.execute_script("return window.specsNotReloaded") is True
        assert browser.check(".specs-progress__track", "progress bar")
        enhanced_once(browser)
        header = browser.find(f"{SORTABLE} th")[1]
        header.find_element("css selector", "button").send_keys(Keys.ENTER)
        assert header.get_attribute("aria-sort") == "ascending"
        browser.one(".specs-filter__input").send_keys("alice")
        assert browser.one(".specs-filter__count").text.endswith(f" of {EVERY} documents")
        assert browser.console_errors() == []
    TALLY.checks += 9


def enhanced_once(browser: Browser) -> None:
    """The page's table has its filter field and a button in each header, once."""
    assert len(browser.find(SORTABLE)) == 1
    assert len(browser.find(".specs-filter")) == 1
    headers = browser.find(f"{SORTABLE} th")
    assert len(browser.find(f"{SORTABLE} th > .specs-sort")) == len(headers) == 7


# Each shown row of a table: the key each cell sorts by (its `data-sort`, else its text).
_ROWS_JS = """
return Array.from(arguments[0].tBodies[0].rows)
  .filter((row) => row.getClientRects().length > 0)
  .map((row) => Array.from(row.cells).map((cell) =>
    (cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent)
      .replace(/\\s+/g, " ").trim()));
"""

EVERY = 23
"""The rows of the home page's table: the example's 20 documents and the 3 of the platform
site it lists (`external`)."""
SORTABLE = "table[data-specs-sortable]"
COLUMNS = ["document", "id", "type", "status", "owners", "updated", "progress"]


def shown_rows(browser: Browser, table: Any) -> list[list[str]]:
    """The sort keys of the rows a table shows, in their order."""
    return list(browser.driver.execute_script(_ROWS_JS, table))


def focused(browser: Browser) -> Any:
    return browser.driver.switch_to.active_element


def press(browser: Browser, key: str) -> Any:
    """Press a key in the focused element, as a user does; the element then focused."""
    focused(browser).send_keys(key)
    return focused(browser)


def numbers_then_empty(keys: list[str], descending: bool = False) -> bool:
    """Whether ``keys`` are numbers in order, then the empty ones."""
    values = [float(k) for k in keys if k]
    return values == sorted(values, reverse=descending) and keys[len(values) :] == [""] * (
        len(keys) - len(values)
    )


def test_a_table_is_sorted_and_filtered_by_keyboard(browser, themed):
    """The home page's table of every document: Tab reaches the filter field and each header's
    button, Enter and Space sort, typing filters, and a live region counts the rows."""
    from selenium.webdriver.common.keys import Keys

    theme, base = themed
    visit(browser, theme, base + HOME, "table")
    (table,) = browser.find(SORTABLE)
    everything = shown_rows(browser, table)
    assert len(everything) == EVERY
    field = browser.one(".specs-filter__input")
    assert field.get_attribute("type") == "search"
    label = browser.one(".specs-filter__label")
    assert label.get_attribute("for") == field.get_attribute("id")
    count = browser.one(".specs-filter__count")
    assert count.get_attribute("role") == "status" and count.text == f"{EVERY} of {EVERY} documents"

    # Tab from the field goes through the headers' buttons, in order.
    browser.driver.execute_script("arguments[0].focus()", field)
    buttons = []
    for column in COLUMNS:
        button = press(browser, Keys.TAB)
        assert button.tag_name == "button" and button.text.casefold() == column
        buttons.append(button)
    header = browser.find(f"{SORTABLE} th")
    assert not any(th.get_attribute("aria-sort") for th in header)

    # Progress: Enter sorts up, Space down; rows without a checklist stay last.
    press(browser, Keys.ENTER)
    assert header[6].get_attribute("aria-sort") == "ascending"
    progress = [row[6] for row in shown_rows(browser, table)]
    assert numbers_then_empty(progress) and progress[0] != progress[-1]
    browser.screenshot(f"{theme}--table-sorted")
    press(browser, Keys.SPACE)
    assert header[6].get_attribute("aria-sort") == "descending"
    assert numbers_then_empty([row[6] for row in shown_rows(browser, table)], descending=True)

    # Title, then status: the sort is stable, so each status's rows stay in title order.
    buttons[0].send_keys(Keys.ENTER)
    by_title = [row[0] for row in shown_rows(browser, table)]
    buttons[3].send_keys(Keys.ENTER)
    assert header[3].get_attribute("aria-sort") == "ascending"
    assert header[0].get_attribute("aria-sort") is None
    rows = shown_rows(browser, table)
    ranks = [int(row[3]) for row in rows]
    assert ranks == sorted(ranks) and len(set(ranks)) > 3
    for rank in set(ranks):
        titles = [row[0] for row in rows if int(row[3]) == rank]
        assert titles == [title for title in by_title if title in titles]
    buttons[5].send_keys(Keys.ENTER)  # dates, as ISO text
    dates = [row[5] for row in shown_rows(browser, table)]
    assert dates == sorted(filter(None, dates)) + [""] * dates.count("")

    # Filter: the rows whose text holds every word, counted in the live region.
    field.send_keys("ALICE")
    shown = shown_rows(browser, table)
    texts = [" ".join(cell.casefold() for cell in row) for row in everything]
    expected = sum("alice" in text for text in texts)
    assert 0 < len(shown) == expected < EVERY
    assert count.text == f"{expected} of {EVERY} documents"
    browser.screenshot(f"{theme}--table-filtered")
    field.send_keys(" complete")
    assert 0 < len(shown_rows(browser, table)) < expected
    field.send_keys(Keys.BACKSPACE * len("ALICE complete"))
    assert (
        len(shown_rows(browser, table)) == EVERY and count.text == f"{EVERY} of {EVERY} documents"
    )
    field.send_keys("no document has this")
    assert shown_rows(browser, table) == [] and count.text == f"0 of {EVERY} documents"

    assert browser.check(".specs-sort, .specs-filter__label, .specs-filter__count", "control")
    assert browser.console_errors(THEME_BUGS.get(theme, ())) == []
    TALLY.checks += 12


def test_a_query_table_is_sorted_by_keyboard(browser, themed):
    """The example's home page has a query table of Alice's documents, newest first."""
    from selenium.webdriver.common.keys import Keys

    theme, base = themed
    visit(browser, theme, base, "query-table")
    (table,) = browser.find(SORTABLE)
    dates = [row[3] for row in shown_rows(browser, table)]
    assert len(dates) == 4 and "" in dates  # one has no date: the query puts it last
    updated = browser.find(f"{SORTABLE} th .specs-sort")[3]
    browser.driver.execute_script("arguments[0].focus()", updated)
    press(browser, Keys.ENTER)
    assert [row[3] for row in shown_rows(browser, table)] == [*sorted(filter(None, dates)), ""]
    press(browser, Keys.ENTER)
    assert [row[3] for row in shown_rows(browser, table)] == dates
    assert browser.one(".specs-filter__count").text == "4 of 4 documents"
    assert browser.console_errors(THEME_BUGS.get(theme, ())) == []
    TALLY.checks += 3


GENERATED = ["specs-index/", "specs-index/status/in-progress/", OWNER, "specs-index/relations/"]

# A word of a status, type or owner cell drawn on more than one line (the rects of its range
# start at two heights): themes let links and code break anywhere.
_BROKEN_WORDS_JS = """
const broken = [];
for (const cell of document.querySelectorAll(arguments[0])) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects())
        .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
}
return broken;
"""

# What the page's layout says: its h1s, the links to its headings outside the text (the table
# of contents), and whatever sticks out of the page or of the plugin's content.
_LAYOUT_JS = """
const page = document.querySelector('.specs-page');
const ids = Array.from(page.querySelectorAll('h2[id]')).map((h) => '#' + h.id);
const toc = Array.from(document.querySelectorAll('a[href*="#"]'))
  .filter((a) => !a.classList.contains('headerlink') && !page.contains(a))
  .map((a) => a.getAttribute('href').replace(/^[^#]*/, ''))
  .filter((hash) => ids.includes(hash));
return {
  h1: document.querySelectorAll('h1').length,
  headings: ids.length,
  toc: new Set(toc).size,
  pageWidth: [document.documentElement.scrollWidth, window.innerWidth],
  contentWidth: [page.scrollWidth, page.clientWidth],
};
"""

WIDTHS = {"wide": 1280, "narrow": 400}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", GENERATED)
def test_generated_pages_look_like_the_themes_own(browser, themed, page, width):
    """One title, a table of contents, nothing wider than its box, no word broken in a status,
    type or owner: in each theme, and in Material at 400 px."""
    theme, base = themed
    if width == "narrow" and theme != "material":
        pytest.skip("Material is the theme people read on phones")
    browser.driver.set_window_size(WIDTHS[width], 1000)
    try:
        visit(browser, theme, base + page, f"native-{width}-" + page.strip("/").replace("/", "-"))
        layout = browser.driver.execute_script(_LAYOUT_JS)
        broken = browser.driver.execute_script(
            _BROKEN_WORDS_JS,
            ".specs-cell--status, .specs-cell--type, .specs-cell--owners, .specs-group-list a",
        )
    finally:
        browser.driver.set_window_size(1280, 1000)
    TALLY.checks += 5
    assert layout["h1"] == 1, f"{layout['h1']} h1 on {page}"
    if page != "specs-index/relations/":  # a title and its graph: nothing to list
        assert layout["headings"], layout
        # readthedocs shows a page's contents only in its navigation, where group pages are
        # not (as any page out of the nav); every other theme has a table of contents.
        if theme != "readthedocs" or page == "specs-index/":
            assert layout["toc"] == layout["headings"], layout
    scroll, window = layout["pageWidth"]
    assert scroll <= window, f"the page scrolls sideways on {page}: {scroll} > {window}"
    inner, box = layout["contentWidth"]
    assert inner <= box + 1, f"the plugin's content sticks out of its box on {page}"
    assert not broken, f"words broken over lines on {page}: {broken}"


def test_a_document_reads_on_a_phone(browser, themed):
    """At 400 px the card's diagram, whose text would shrink below reading size, gives way to
    its list of related documents; nothing sticks out."""
    theme, base = themed
    if theme != "material":
        pytest.skip("Material is the theme people read on phones")
    browser.driver.set_window_size(400, 1000)
    try:
        visit(browser, theme, base + DOCUMENT, "native-narrow-document")
        scroll, window = browser.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= window
        assert not [g for g in browser.find(".specs-graph") if g.is_displayed()]
        assert browser.check(".specs-card .specs-relations__list a", "related document")
    finally:
        browser.driver.set_window_size(1280, 1000)


# Where a card's list of test cases is, against its facts: the list's box and the facts' box,
# and the lowest edge of the facts drawn before the list's (the Tests fact holds the list).
_TEST_CASES_JS = """
const facts = document.querySelector('.specs-card__facts');
const cases = facts.querySelector('.specs-tests__cases');
const holder = cases.closest('.specs-card__facts > div');
const box = (element) => element.getBoundingClientRect();
const above = Array.from(facts.children).filter((div) => div !== holder
  && (div.compareDocumentPosition(holder) & Node.DOCUMENT_POSITION_FOLLOWING));
return {
  facts: [box(facts).left, box(facts).right],
  cases: [box(cases).left, box(cases).right, box(cases).top],
  above: Math.max(...above.map((div) => box(div).bottom)),
};
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_cards_test_cases_sit_below_its_facts_at_full_width(browser, themed, width):
    """The box of test cases (the `test_results` option) is a detail of the card, below its
    facts and as wide as they are; not a column at the side of the facts' row that leaves
    empty space under the facts beside it."""
    theme, base = themed
    browser.driver.set_window_size(WIDTHS[width], 1000)
    try:
        visit(browser, theme, base + DOCUMENT, f"test-cases-{width}")
        where = browser.driver.execute_script(_TEST_CASES_JS)
    finally:
        browser.driver.set_window_size(1280, 1000)
    TALLY.checks += 3
    (facts_left, facts_right), (left, right, top) = where["facts"], where["cases"]
    assert abs(left - facts_left) <= 2, f"the test cases are not at the card's left: {where}"
    assert right >= facts_right - 2, f"the test cases are narrower than the card: {where}"
    assert top >= where["above"], f"the test cases sit beside the facts: {where}"


NESTED_QUERIES = """\
# Report

!!! note "Drafts"

    ```specs
    where: {status: Draft}
    columns: [title, status, owners]
    ```

???+ info "Everything"

    ```specs
    columns: [title, status, progress]
    ```

=== "Count"

    ```specs
    show: count
    ```

=== "Chart"

    ```specs
    show: chart
    ```
"""


def test_query_tables_nested_in_materials_blocks_are_seen(browser, tmp_path):
    """A table in an admonition, in an open details block and a count in the content tab
    shown first: each is laid out and readable in Material, as the block around it is."""
    need_browser()
    config = example_copy(tmp_path, THEMES["material"])
    text = config.read_text(encoding="utf-8")
    extensions = "  - pymdownx.details\n  - pymdownx.tabbed:\n      alternate_style: true\n"
    config.write_text(text.replace("  - admonition\n", f"  - admonition\n{extensions}"), "utf-8")
    (tmp_path / "docs" / "report.md").write_text(NESTED_QUERIES, encoding="utf-8")
    with serve_folder(mkdocs_build(config, tmp_path / "site")) as base:
        visit(browser, "material", base + "report/", "nested-queries")
        assert browser.check(".admonition .specs-query :is(th, td)", "table in a note") >= 4
        assert browser.check("details .specs-query :is(th, td)", "table in details") >= 4
        assert browser.check(".tabbed-block .specs-query__count", "count in a tab") == 1
        assert browser.check("details .specs-query .specs-progress__track", "bar") >= 1
        assert not browser.find(".specs-query-error")
        assert "```specs" not in browser.one("article").text


def test_the_portal_speaks_the_themes_language(browser, tmp_path):
    """`theme.language: fr`: the generated pages, the card and the table's controls in French,
    and the sort still by keyboard."""
    from selenium.webdriver.common.keys import Keys

    config = example_copy(tmp_path, {**THEMES["material"], "language": "fr"})
    with serve_folder(mkdocs_build(config, tmp_path / "site")) as base:
        visit(browser, "material-fr", base + "specs-index/", "french-home")
        assert browser.one("h1").text.startswith("Spécifications")
        headings = [h.text.rstrip("¶").strip() for h in browser.find(".specs-page h2")]
        assert headings[:3] == ["Par statut", "Par responsable", "Par type"]
        assert "Tous les documents" in headings
        assert browser.one(".specs-table-wrapper th").text.startswith("Document")
        assert "Filtrer les documents" in browser.one(".specs-page").text
        assert browser.check(".specs-page :is(th, label)", "French table controls")
        (status,) = [b for b in browser.find(".specs-page th button") if "Statut" in b.text]
        status.send_keys(Keys.ENTER)
        assert status.find_element("xpath", "..").get_attribute("aria-sort") == "ascending"
        visit(browser, "material-fr", base + DOCUMENT, "french-document")
        card = browser.one(".specs-card").text.casefold()  # the theme may set it in capitals
        assert "statut" in card and "responsables" in card and "avancement" in card
        TALLY.checks += 6


@pytest.fixture(scope="module")
def zensical(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the example site built by Zensical (see test_markdown_extension)."""
    need_browser()
    root = zensical_example(tmp_path_factory.mktemp("zensical-browser"))
    with serve_folder(zensical_build(root).site_dir) as url:
        yield url


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_zensical_pages_show_cards_bars_and_query_tables(browser, zensical, scheme, width):
    """On Zensical, which runs no MkDocs plugin, the Python-Markdown extension's cards, bars and
    query tables are laid out and readable in its theme, light and dark, wide and narrow."""
    browser.driver.set_window_size(width, 1000)
    try:
        for page, shown in (("", {"table", "chart"}), (DOCUMENT, {"card", "bars"})):
            browser.open(zensical + page)
            browser.driver.execute_script(
                f"document.body.setAttribute('data-md-color-scheme', '{scheme}')"
            )
            name = page.strip("/").replace("/", "-") or "home"
            browser.screenshot(f"zensical-{scheme}-{width}--{name}")
            assert browser.console_errors() == [], f"console errors on {browser.url}"
            assert browser.check(".specs-badge", "badge")
            if "card" in shown:
                assert browser.check(".specs-card", "card", readable=False) == 1
                browser.check(".specs-card :is(dt, dd, a, p, li, code):not(svg *)", "card text")
            if "bars" in shown:
                assert browser.check(".specs-section-progress .specs-progress__track", "bar")
            if "table" in shown:
                assert browser.check(".specs-query td", "query table") >= 4  # narrow: no head
            if "chart" in shown:
                assert browser.check_diagrams()
            if width > 600:  # narrow tables hide their head, which PLUGIN_TEXT holds
                assert browser.check(PLUGIN_TEXT, "text")
    finally:
        browser.driver.set_window_size(1280, 1000)
