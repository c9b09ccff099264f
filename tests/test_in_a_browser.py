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

DOCUMENT = "specs/001-card-checkout/"  # complete, owned by alice, with checklists
UNFINISHED = "specs/007-payout-scheduling/"  # with problems: an invalid date, a missing section
OWNER = "specs-index/owner/alice/"
SHOWN = {
    "specs-index/": {"bars"},
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
    index's links, which climb from each page to the site's root, still lead where they say."""
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
        back = [a for a in browser.find("a.specs-doc-link") if a.text == "Card Checkout"]
        back[0].click()
        browser.wait_for_page(base + DOCUMENT, lambda: bool(browser.find(".specs-card")))
        assert browser.one(".specs-card .specs-badge").text == "Complete"
        browser.one(".specs-card__home a").click()
        browser.wait_for_page(base + "specs-index/", lambda: not browser.find(".specs-card"))
        assert browser.driver.execute_script("return window.specsNotReloaded") is True
        assert browser.check(".specs-progress__track", "progress bar")
        assert browser.console_errors() == []
    TALLY.checks += 5
