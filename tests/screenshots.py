"""Screenshots of the example site in every theme, for the docs: ``python -m tests.screenshots``.

Builds the example site, with the git history the suite makes for it (``example_history``), once
per theme of the end-to-end tests (``THEMES``), serves it on 127.0.0.1 and photographs the
portal's home, a status page and a document in headless Chromium, wide (1280 px) and, in
Material, narrow (400 px). The pictures go to ``docs/assets/screenshots`` (or the folder given),
as WebP, where ``docs/pages.md`` shows them; run it again after changing how a page looks, and
commit the pictures with the change.
"""

from __future__ import annotations

import argparse
import base64
import tempfile
from pathlib import Path

from .browser import Browser, serve_folder
from .conftest import ROOT, example_history
from .test_in_a_browser import THEMES, mkdocs_build

PAGES = {
    "home": "specs-index/",
    "status": "specs-index/status/in-progress/",
    "document": "specs/001-card-checkout/",
}
"""What is photographed, by the name of its picture."""

NARROW = {"material": 400}
"""The themes also photographed in a narrow window, and its width."""


def picture(browser: Browser, path: Path) -> Path:
    """The browser's window as a WebP picture at ``path``: a tenth of a PNG's size, for the
    repository's sake."""
    shot = browser.driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "webp", "quality": 80}
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def shoot(out: Path) -> list[Path]:
    """Photograph every page in every theme into ``out``; the pictures."""
    out.mkdir(parents=True, exist_ok=True)
    browser = Browser(out)
    taken = []
    try:
        for theme, options in sorted(THEMES.items()):
            with tempfile.TemporaryDirectory() as folder:
                config = example_history(Path(folder), options, show_findings="never")
                site = mkdocs_build(config, Path(folder) / "site")
                with serve_folder(site) as url:
                    sizes = [("", 1280)] + [("-narrow", w) for t, w in NARROW.items() if t == theme]
                    for suffix, width in sizes:
                        for name, page in PAGES.items():
                            browser.driver.set_window_size(width, 900)
                            browser.open(url + page)
                            height = browser.driver.execute_script(
                                "return document.documentElement.scrollHeight"
                            )
                            browser.driver.set_window_size(width, min(max(height, 900), 2400))
                            taken.append(picture(browser, out / f"{theme}{suffix}--{name}.webp"))
    finally:
        browser.quit()
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs/assets/screenshots")
    for path in shoot(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
