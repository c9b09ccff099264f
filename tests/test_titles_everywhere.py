"""A document is titled the same everywhere: its rows, its card, the relations page, the
navigation and the browser's tab, as its type's ``title_format`` says; a document that is a folder
of its own is named after itself in the navigation, not after the folder."""

from __future__ import annotations

import pytest

from mkdocs_specs.model import SettingsError
from mkdocs_specs.settings.settings import build_settings

from .docs import design, spec


def nav_titles(page) -> list[str]:
    """The link texts of the readthedocs theme's navigation."""
    nav = page.find(class_="wy-menu-vertical")
    return [a.text.strip() for a in nav.find_all("a") if a.text.strip()]


def test_a_design_is_titled_after_the_spec_it_implements_everywhere(site):
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout"))
    site.doc(
        "design/pay-1.md", design("PAY-1").replace("---\n#", "implements: 001-checkout\n---\n#")
    )
    site.doc("design/pay-2.md", design("PAY-2"))  # implements nothing: its H1 stays
    site.config(theme={"name": "readthedocs"})
    built = site.build(strict=True)
    home = built.content("specs-index/index.html")
    titles = [a.text for a in home.find_all("a", class_="specs-doc-link")]
    assert "PAY-1 · Checkout" in titles and "PAY-2 - Feature Design" in titles
    assert "Checkout" in titles  # without the template's "Feature Specification:"
    page = built.page("design/pay-1/index.html")
    assert page.find("title").text.startswith("PAY-1 · Checkout - ")
    assert "PAY-1 · Checkout" in nav_titles(page)
    assert "Checkout" in nav_titles(page)
    assert "Feature Specification: Checkout" not in nav_titles(page)
    assert page.find("h1").text.rstrip("¶") == "PAY-1 - Feature Design"  # the file's own H1


def test_a_title_format_takes_fields_and_falls_back_in_order(site):
    site.doc("specs/001-a.md", spec("001-a", "Alpha"))
    beta = spec("002-b", "Beta").replace("**Created**", "**Epic**: Payments\n**Created**")
    site.doc("specs/002-b.md", beta)
    site.plugin(
        types={"feature-spec": {"title_format": ["{epic}: {title} ({id})", "{id} · {title}"]}}
    )
    built = site.build(strict=True)
    home = built.content("specs-index/index.html")
    titles = {a.text for a in home.find_all("a", class_="specs-doc-link")}
    assert {"001-a · Alpha", "Payments: Beta (002-b)"} <= titles


@pytest.mark.parametrize(
    "title_format", ["{id!r}", "{id:>10}", "{id[0]}", "{implements.path}", "{", "{}"]
)
def test_a_title_format_that_is_not_one_is_a_settings_error(title_format):
    with pytest.raises(SettingsError, match=r"^types\.feature-spec\.title_format\[0\]: "):
        build_settings(types={"feature-spec": {"title_format": [title_format]}})


def test_a_folder_document_is_named_after_itself_in_the_navigation(site):
    site.doc("design/frd-3/design.md", design("FRD-3"))
    site.doc("design/frd-3/metadata.yaml", "updated: 2025-03-02\n")
    site.doc("design/pay-1.md", design("PAY-1"))
    site.doc(
        "specs/001-a.md", spec("001-a", "Alpha")
    )  # alone in its folder, but no folder document
    site.config(theme={"name": "readthedocs"})
    built = site.build(strict=True)
    titles = nav_titles(built.page("design/pay-1/index.html"))
    assert "FRD-3 - Feature Design" in titles
    assert "Frd 3" not in titles
    captions = [
        c.text for c in built.page("design/pay-1/index.html").find_all(class_="caption-text")
    ]
    assert "Specs" in captions  # the folder of a single spec keeps its section
