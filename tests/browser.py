"""Headless Chromium for the end-to-end tests: a local web server for a built site, a browser
driven by selenium, and what a user would judge on the page (visibility, widths, contrast, the
console).

Never downloads anything: selenium is pointed at Debian's `/usr/bin/chromium` and
`/usr/bin/chromedriver` (packages `chromium` and `chromium-driver`, which `.ci/run` installs),
and Selenium Manager is kept offline. Chromium resolves no host but 127.0.0.1, so a page that
would reach the internet behaves the same on every machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SPECS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SPECS_CHROMEDRIVER", "/usr/bin/chromedriver")

# The only network failure a test forgives: Material loads Mermaid from this CDN on pages with a
# diagram (the relations page), and the browser has no network. Both console lines it causes name
# the URL: the failed request, and Material's "Uncaught ReferenceError: Invalid script: <URL>".
# Everything else is an error.
ALLOWED_NETWORK_FAILURES = ("https://unpkg.com/mermaid@",)

# An element's text colour, the opacity it is drawn with and the background colours it is drawn
# on (from it up to the root, each with whether the plugin's stylesheet drew it).
_COLOURS_JS = """
function colours(element) {
  const layers = [];
  let opacity = 1;
  for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    opacity *= parseFloat(style.opacity);
    // The cells and rows of the tables carry the plugin's classes as hooks for its layout, but
    // the theme draws their backgrounds (readthedocs' striped rows): they are the theme's.
    const ours = Array.from(node.classList).some(
      (name) => name.startsWith("specs-") && !/^specs-(cell|row)(-|$)/.test(name));
    layers.push([style.backgroundColor, ours]);
  }
  return {color: getComputedStyle(element).color, layers: layers, opacity: opacity};
}
"""

# For each element: its text, box, visibility and colours; for a progress bar, also its value
# and its fill. One script for all the elements of a page, as each call to the browser costs a
# round trip.
_INSPECT_JS = (
    _COLOURS_JS
    + """
return arguments[0].map((element) => {
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  const found = colours(element);
  found.text = (element.innerText ?? element.textContent ?? "").trim();
  // Links and text without a class of the plugin are in the theme's colours.
  const tag = element.tagName.toUpperCase();
  found.theirs = tag === "CODE" || tag === "A"
    ? !element.classList.contains("specs-badge")
    : !Array.from(element.classList).some((name) => name.startsWith("specs-"));
  found.width = box.width;
  found.height = box.height;
  found.visible = element.getClientRects().length > 0 && style.visibility === "visible"
    && found.opacity > 0;
  if (found.visible) {
    // Seen, not only laid out: at the middle of its first box, brought into view, the element
    // (or something in it) is what the page shows, not a box that clips or covers it.
    element.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
    const first = element.getClientRects()[0];
    const hit = document.elementFromPoint(
      first.left + first.width / 2, first.top + first.height / 2);
    found.hidden_by = hit && (hit === element || element.contains(hit))
      ? null : (hit ? `<${hit.tagName.toLowerCase()} class="${hit.className}">` : "nothing");
  }
  const fill = element.querySelector(".specs-progress__fill");
  if (element.getAttribute("role") === "progressbar" && fill) {
    found.percent = parseFloat(element.getAttribute("aria-valuenow"));
    found.inner = element.clientWidth;
    found.fill = fill.getBoundingClientRect().width;
    found.fill_layers = colours(fill).layers;
  }
  return found;
});
"""
)

# The diagrams the plugin draws in SVG: each node's label on its box, each chart bar on the page.
_SVG_JS = (
    _COLOURS_JS
    + """
const nodes = Array.from(document.querySelectorAll(".specs-graph__node")).map((node) => ({
  label: node.textContent.trim(),
  text: getComputedStyle(node.querySelector("text")).fill,
  box: getComputedStyle(node.querySelector("rect")).fill,
}));
const bars = Array.from(document.querySelectorAll(".specs-chart__bar")).map((bar) => ({
  label: bar.parentElement.textContent.trim(),
  fill: getComputedStyle(bar).fill,
  layers: colours(bar.ownerSVGElement).layers,
}));
return {nodes: nodes, bars: bars};
"""
)

# Text the plugin does not colour (links, code, plain text) keeps its theme's colours, which some
# themes choose below 4.5:1 (the mkdocs theme's light blue links on white are 2.7:1). Such text
# in the plugin's boxes must be as readable as the theme makes it on its page, or 4.5:1,
# whichever is lower; the tint of a card may cost at most this share of it.
LINK_TOLERANCE = 0.95

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")

RGBA = tuple[float, float, float, float]


def parse_colour(text: str) -> RGBA:
    """A computed CSS colour (`rgb(...)` or `rgba(...)`) as red, green, blue, alpha."""
    match = _RGB.fullmatch(text.strip())
    assert match, f"unexpected computed colour {text!r}"
    r, g, b, a = match.groups()
    alpha = 1.0 if a is None else float(a[:-1]) / 100 if a.endswith("%") else float(a)
    return float(r), float(g), float(b), alpha


def over(top: RGBA, bottom: RGBA) -> RGBA:
    """``top`` painted over the opaque ``bottom``."""
    a = top[3]
    r, g, b = (top[i] * a + bottom[i] * (1 - a) for i in range(3))
    return r, g, b, 1.0


def luminance(colour: RGBA) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGBA, b: RGBA) -> float:
    """WCAG 2 contrast ratio of two opaque colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def backdrop(layers: list[list[Any]]) -> RGBA:
    """The opaque colour that background layers (from an element up to the root) make: the
    nearest opaque one, with the translucent ones below it painted over it; white (the
    canvas) when none is opaque."""
    colours = [parse_colour(layer[0]) for layer in layers]
    base: RGBA = (255.0, 255.0, 255.0, 1.0)
    for index, colour in enumerate(colours):
        if colour[3] >= 1:
            base, colours = colour, colours[:index]
            break
    for colour in reversed(colours):
        if colour[3] > 0:
            base = over(colour, base)
    return base


@dataclass
class Tally:
    """How many checks the browser tests made, and on how many pages; printed at the end."""

    checks: int = 0
    pages: set[str] = field(default_factory=set)
    screenshots: Path | None = None


TALLY = Tally()


class Browser:
    """One headless Chromium for the whole session."""

    def __init__(self, screenshots: Path) -> None:
        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download a browser
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in (
            "--headless=new",
            "--no-sandbox",  # CI runs as root
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1280,1000",
            "--force-device-scale-factor=1",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        self.screenshots = screenshots

    def quit(self) -> None:
        self.driver.quit()

    def open(self, url: str) -> None:
        """Load a page and wait until it and its stylesheets are in; the console starts empty."""
        self.driver.get_log("browser")
        self.driver.get(url)
        self.driver.execute_script("return document.fonts ? document.fonts.ready : null")
        TALLY.pages.add(url)

    @property
    def url(self) -> str:
        return str(self.driver.current_url)

    def wait_for_page(self, url: str, shown: Callable[[], bool], timeout: float = 10) -> None:
        """Wait until the browser is at ``url``, its document is loaded and ``shown`` holds
        (after a click): with instant navigation the address changes before the new page's
        content is swapped in, so the address alone does not say the page is there."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        def there(driver: Any) -> bool:
            if driver.current_url != url:
                return False
            if driver.execute_script("return document.readyState") != "complete":
                return False
            try:
                return shown()
            except (AssertionError, WebDriverException):  # the old page is being replaced
                return False

        WebDriverWait(self.driver, timeout).until(there)

    def find(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.driver.find_elements(By.CSS_SELECTOR, css))

    def one(self, css: str) -> Any:
        found = self.find(css)
        assert found, f"no {css} on {self.url}"
        return found[0]

    def screenshot(self, name: str) -> Path:
        path = self.screenshots / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def console_errors(self, forgiven: tuple[str, ...] = ()) -> list[str]:
        """The browser console's errors since the last call, less the forgiven ones."""
        entries = self.driver.get_log("browser")
        return [
            e["message"]
            for e in entries
            if e["level"] == "SEVERE"
            and not any(text in e["message"] for text in ALLOWED_NETWORK_FAILURES + forgiven)
        ]

    def check(self, css: str, what: str, readable: bool = True) -> int:
        """Every element that ``css`` selects and that holds something is visible, has a size,
        is not clipped or covered by another box and, with ``readable``, has text of contrast
        4.5:1 (see ``LINK_TOLERANCE`` for the theme's); progress bars are as wide as their
        value says and their fill stands out. Returns how many elements were checked."""
        elements = self.find(css)
        found = self.driver.execute_script(_INSPECT_JS, elements) if elements else []
        for item in found:
            if not item["text"] and "percent" not in item:
                continue  # a wrapper without text, such as an empty cell
            name = f"{what} {item['text'][:60]!r}"
            TALLY.checks += 1
            assert item["visible"], f"{name} is hidden on {self.url}"
            assert item["width"] > 0 and item["height"] > 0, f"{name} has no size on {self.url}"
            hidden_by = item["hidden_by"]
            assert hidden_by is None, f"{name} is hidden by {hidden_by} on {self.url}"
            if "percent" in item:
                self._check_bar(item)
            elif readable:
                self._check_text(item, name)
        return len(found)

    def check_diagrams(self) -> int:
        """Labels of the relation diagram's nodes read on their boxes (4.5:1), and the status
        chart's bars stand out from the page (3:1). Returns how many were checked."""
        found = self.driver.execute_script(_SVG_JS)
        for node in found["nodes"]:
            TALLY.checks += 1
            ratio = contrast(parse_colour(node["text"]), parse_colour(node["box"]))
            assert ratio >= 4.5, f"node {node['label']!r}: contrast {ratio:.2f} on {self.url}"
        for bar in found["bars"]:
            TALLY.checks += 1
            ratio = contrast(parse_colour(bar["fill"]), backdrop(bar["layers"]))
            assert ratio >= 3, f"chart bar {bar['label']!r}: contrast {ratio:.2f} on {self.url}"
        return len(found["nodes"]) + len(found["bars"])

    def lines(self, css: str) -> list[tuple[str, int]]:
        """(text, lines it takes) of each inline element ``css`` selects."""
        return [
            (
                element.text,
                self.driver.execute_script("return arguments[0].getClientRects().length", element),
            )
            for element in self.find(css)
        ]

    def _check_text(self, item: dict[str, Any], name: str) -> None:
        TALLY.checks += 1
        ratio = text_contrast(item)
        minimum = 4.5
        if item["theirs"]:
            minimum = min(minimum, text_contrast(item, theirs=True)) * LINK_TOLERANCE
        assert ratio >= minimum, f"{name} has contrast {ratio:.2f} < {minimum:.2f} on {self.url}"

    def _check_bar(self, item: dict[str, Any]) -> None:
        percent, inner, width = item["percent"], item["inner"], item["fill"]
        TALLY.checks += 1
        expected = inner * percent / 100
        assert abs(width - expected) <= 1.5, (
            f"bar at {percent}% is {width:.1f}px of {inner}px, expected {expected:.1f} "
            f"on {self.url}"
        )
        if percent > 0:
            TALLY.checks += 1
            fill, track = backdrop(item["fill_layers"]), backdrop(item["fill_layers"][1:])
            ratio = contrast(fill, track)
            assert ratio >= 3, f"bar fill contrast {ratio:.2f} < 3 on {self.url}"


def text_contrast(item: dict[str, Any], theirs: bool = False) -> float:
    """The contrast of an inspected element's text with what it is drawn on; with ``theirs``,
    on what the theme alone draws there (without the plugin's boxes)."""
    layers = item["layers"]
    background = backdrop([layer for layer in layers if not layer[1]] if theirs else layers)
    colour = parse_colour(item["color"])
    text = over((*colour[:3], colour[3] * float(item["opacity"])), background)
    return contrast(text, background)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 at ``port`` (by default a free one); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def need_browser() -> None:
    """Skip on a machine without the browser, but never in CI, where it must run."""
    missing = browser_missing()
    if missing is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {missing}")
    pytest.skip(f"browser tests skipped: {missing}")
