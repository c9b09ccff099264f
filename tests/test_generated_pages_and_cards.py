"""Real builds: the generated pages, the cards, progress and what a build does with findings."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from .conftest import Built, Site
from .docs import design, spec
from .html import Node, resolve

THEMES = ["mkdocs", "material"]


def rows(table_parent: Node) -> dict[str, dict[str, str]]:
    """Document title → column name → cell text, from a generated documents table."""
    table = table_parent.find(class_="specs-table-wrapper").find("table")
    names = [th.text for th in table.find_all("th")]
    result = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = [td.text for td in tr.find_all("td")]
        result[tr.find("a", class_="specs-doc-link").text] = dict(zip(names, cells, strict=True))
    return result


def group_counts(page: Node, kind: str) -> dict[str, int]:
    """Group label → number of documents, from the home page's list of groups of ``kind``."""
    section = page.find("section", class_=f"specs-groups--{kind}")
    return {
        li.find("a").text: int(li.find(class_="specs-count").text) for li in section.find_all("li")
    }


@pytest.fixture
def portfolio(site: Site) -> Site:
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "Draft", "alice"))
    site.doc(
        "specs/002-refunds.md",
        spec(
            "002-refunds",
            "Refunds",
            "In Progress",
            "alice, bob",
            criteria="- [x] a\n- [x] b\n- [ ] c",
        ),
    )
    site.doc(
        "specs/003-payouts.md",
        spec("003-payouts", "Payouts", "Complete", "carol", criteria="- [x] a\n* [X] b"),
    )
    site.doc("design/pay-12.md", design("PAY-12", "Approved", "[bob]"))
    return site


@pytest.mark.parametrize("theme", THEMES)
def test_home_lists_every_document_with_its_status_owners_type_and_progress(portfolio, theme):
    portfolio.config(theme={"name": theme})
    built = portfolio.build(strict=True)
    home = built.content("specs-index/index.html")
    table = rows(home)
    assert set(table) == {"Checkout", "Refunds", "Payouts", "PAY-12 - Feature Design"}
    assert table["Refunds"]["Status"] == "In Progress"
    assert table["Refunds"]["Owners"] == "alice, bob"
    assert table["Refunds"]["Type"] == "Feature specification"
    assert table["Refunds"]["ID"] == "002-refunds"
    assert table["Refunds"]["Progress"] == "2/3"
    assert table["PAY-12 - Feature Design"]["Progress"] == "no checklist"
    assert group_counts(home, "status") == {
        "Draft": 1,
        "In Progress": 1,
        "Approved": 1,
        "Complete": 1,
    }
    assert group_counts(home, "owner") == {"alice": 2, "bob": 2, "carol": 1}
    assert group_counts(home, "type") == {"Feature design": 1, "Feature specification": 3}
    assert "4 documents" in home.find(class_="specs-summary").text


@pytest.mark.parametrize("theme", THEMES)
def test_each_document_is_on_its_status_owner_and_type_pages(portfolio, theme):
    portfolio.config(theme={"name": theme})
    built = portfolio.build(strict=True)
    expected = {
        "status/draft": {"Checkout"},
        "status/in-progress": {"Refunds"},
        "status/complete": {"Payouts"},
        "status/approved": {"PAY-12 - Feature Design"},
        "owner/alice": {"Checkout", "Refunds"},
        "owner/bob": {"Refunds", "PAY-12 - Feature Design"},
        "owner/carol": {"Payouts"},
        "type/feature-specification": {"Checkout", "Refunds", "Payouts"},
        "type/feature-design": {"PAY-12 - Feature Design"},
    }
    for page, titles in expected.items():
        content = built.content(f"specs-index/{page}/index.html")
        assert set(rows(content)) == titles, page
        count = len(titles)
        assert (
            f"{count} document{'s' if count > 1 else ''}"
            in content.find(class_="specs-summary").text
        )


def test_group_pages_are_cross_linked(portfolio):
    built = portfolio.build(strict=True)
    bob = built.content("specs-index/owner/bob/index.html")
    links = {text: resolve("specs-index/owner/bob/", href) for text, href in bob.links().items()}
    assert links["All documents"] == "specs-index/"
    assert links["alice"] == "specs-index/owner/alice/"
    assert links["Refunds"] == "specs/002-refunds/"
    assert links["In Progress"] == "specs-index/status/in-progress/"
    assert links["Feature specification"] == "specs-index/type/feature-specification/"
    current = bob.find("li", class_="specs-group-list__current")
    assert current.find("a").attrs["aria-current"] == "page"


def test_progress_equals_the_checklist_counts_everywhere(site, logs):
    site.doc(
        "specs/a.md",
        spec(
            "001-a",
            criteria="""\
- [x] one
- [ ] two
  - [x] nested done
* [X] capital
1. [ ] numbered

```markdown
- [x] not a task: in a code fence
```

<!--
- [x] not a task: in a comment
-->""",
            extra="\n## Rollout\n\n- [x] flag on\n- [ ] flag off\n",
        ),
    )
    built = site.build(strict=True)
    card = built.content("specs/a/index.html")
    bar = card.find(class_="specs-card__progress").find(role="progressbar")
    assert bar.attrs["aria-valuenow"] == "57"  # 4 of 7
    assert bar.attrs["aria-valuetext"] == "4 of 7 items done (57%)"
    assert bar.find(class_="specs-progress__fill").attrs["style"] == "width: 57%"
    page = built.page("specs/a/index.html")
    sections = [
        s.find(role="progressbar").attrs["aria-label"]
        for s in page.find_all(class_="specs-section-progress")
    ]
    assert sections == ["Progress of Epic 1: Fast payment", "Progress of Rollout"]
    texts = [
        s.find(class_="specs-progress__text").text
        for s in page.find_all(class_="specs-section-progress")
    ]
    assert texts == ["3/5", "1/2"]
    assert "mkdocs-specs:section" not in built.html("specs/a/index.html")
    home = built.content("specs-index/index.html")
    assert rows(home)["Checkout"]["Progress"] == "4/7"
    draft = built.content("specs-index/status/draft/index.html")
    assert draft.find(class_="specs-summary").find(class_="specs-progress__text").text == "4/7"


def test_group_progress_rolls_up_its_documents(portfolio):
    built = portfolio.build(strict=True)
    alice = built.content("specs-index/owner/alice/index.html")
    summary_bar = alice.find(class_="specs-summary").find(role="progressbar")
    assert summary_bar.attrs["aria-valuetext"] == "3 of 5 items done (60%)"
    home = built.content("specs-index/index.html")
    assert home.find(class_="specs-summary").find(class_="specs-progress__text").text == "5/7"


@pytest.mark.parametrize("theme", THEMES)
def test_card_shows_type_status_owners_dates_and_progress(portfolio, theme):
    portfolio.config(theme={"name": theme})
    built = portfolio.build(strict=True)
    page = built.page("specs/002-refunds/index.html")
    card = page.find(class_="specs-card")
    facts = {div.find("dt").text: div.find("dd") for div in card.find("dl").find_all("div")}
    assert facts["Type"].text == "Feature specification"
    assert facts["Status"].find("a", class_="specs-badge").text == "In Progress"
    assert "specs-badge--active" in facts["Status"].find("a").classes
    assert facts["ID"].text == "002-refunds"
    assert facts["Owners"].links() == {
        "alice": "../../specs-index/owner/alice/",
        "bob": "../../specs-index/owner/bob/",
    }
    assert facts["Created"].text == "2025-01-10"
    assert facts["Updated"].text == "2025-02-01"
    assert facts["Progress"].text == "2/3"
    article = page.find_all(class_="md-content") or page.find_all(role="main")
    first_heading = article[0].find("h1")
    assert "Refunds" in first_heading.text  # the card comes after the title


def test_links_from_a_card_to_an_owner_page_and_back(portfolio):
    built = portfolio.build(strict=True)
    card = built.content("specs/002-refunds/index.html")
    owner_href = card.links()["bob"]
    owner_page = posixpath.normpath(posixpath.join("specs/002-refunds/", owner_href))
    listing = built.content(f"{owner_page}/index.html")
    back = listing.links()["Refunds"]
    assert posixpath.normpath(posixpath.join(owner_page, back)) == "specs/002-refunds"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_in_generated_html_leads_to_a_built_page(portfolio, directory_urls):
    portfolio.config(use_directory_urls=directory_urls)
    built = portfolio.build(strict=True)
    checked = 0
    for path in built.pages():
        page = built.page(str(path.relative_to(built.site_dir)))
        for part in page.find_all(class_="specs-page") + page.find_all(class_="specs-card"):
            for href in part.links().values():
                target = (path.parent / href.split("#")[0]).resolve()
                if target.is_dir():
                    target = target / "index.html"
                assert target.is_file(), f"{path}: {href} leads nowhere"
                checked += 1
    assert checked > 50


def test_generated_pages_are_never_written_into_docs(portfolio):
    before = sorted(p.relative_to(portfolio.docs) for p in portfolio.docs.rglob("*"))
    built = portfolio.build(strict=True)
    after = sorted(p.relative_to(portfolio.docs) for p in portfolio.docs.rglob("*"))
    assert before == after
    assert (built.site_dir / "specs-index/index.html").is_file()
    assert (built.site_dir / "assets/mkdocs-specs/specs.css").is_file()
    assert 'href="../assets/mkdocs-specs/specs.css"' in built.html(
        "specs-index/index.html"
    ) or "assets/mkdocs-specs/specs.css" in built.html("specs-index/index.html")


def test_generated_pages_join_the_automatic_nav(portfolio):
    portfolio.config(theme={"name": "mkdocs"})
    portfolio.plugin(nav=["home", "relations", "status", "owner", "type"])
    built = portfolio.build(strict=True)
    nav = built.page("index.html").find(class_="navbar-nav")
    text = nav.text
    assert "Specifications" in text and "Status: Draft" in text and "Owner: alice" in text


def test_only_the_home_and_relations_pages_join_the_nav_by_default(portfolio):
    portfolio.config(theme={"name": "mkdocs"})
    built = portfolio.build(strict=True)
    text = built.page("index.html").find(class_="navbar-nav").text
    assert "Specifications" in text and "Relations" in text
    assert "Status: Draft" not in text and "Owner: alice" not in text
    # The group pages are built all the same, linked from the home page.
    assert built.content("specs-index/owner/alice/index.html")


def test_nav_option_keeps_group_pages_out_of_the_nav(portfolio):
    portfolio.plugin(nav=["home"])
    portfolio.config(theme={"name": "mkdocs"})
    built = portfolio.build(strict=True)
    nav = built.page("index.html").find(class_="navbar-nav").text
    assert "Specifications" in nav and "Owner: alice" not in nav
    assert (built.site_dir / "specs-index/owner/alice/index.html").is_file()


def test_generated_pages_can_be_placed_in_nav(portfolio, logs):
    portfolio.config(
        theme={"name": "mkdocs"},
        nav=[
            {"Home": "index.md"},
            {"Spec portal": "specs-index/index.md"},
            {"Drafts": "specs-index/status/draft.md"},
        ],
    )
    built = portfolio.build()
    nav = built.page("index.html").find(class_="navbar-nav")
    assert nav.links() == {
        "Home": ".",
        "Spec portal": "specs-index/",
        "Drafts": "specs-index/status/draft/",
    }
    # Pages outside `nav:` are built all the same, and MkDocs does not complain about them.
    assert (built.site_dir / "specs-index/owner/bob/index.html").is_file()
    assert not any("specs-index" in m for m in logs.messages(0) if "not included" in m)


def test_titles_of_generated_pages(portfolio):
    built = portfolio.build(strict=True)
    assert (
        built.page("specs-index/owner/alice/index.html")
        .find("title")
        .text.startswith("Owner: alice")
    )
    assert built.content("specs-index/index.html").find("h1").text == "Specifications"
    portfolio.plugin(title="Design portal", index_dir="portal")
    built = portfolio.build(strict=True)
    assert built.content("portal/index.html").find("h1").text == "Design portal"


def test_templates_can_be_overridden_from_the_theme_custom_dir(portfolio):
    overrides = portfolio.root / "overrides" / "specs"
    overrides.mkdir(parents=True)
    (overrides / "card.html").write_text(
        '<aside class="my-card">{{ doc.title }} is {{ doc.status }}</aside>', encoding="utf-8"
    )
    portfolio.config(theme={"name": "mkdocs", "custom_dir": "overrides"})
    built = portfolio.build(strict=True)
    page = built.page("specs/001-checkout/index.html")
    assert page.find("aside", class_="my-card").text == "Checkout is Draft"
    assert not page.find_all(class_="specs-card")
    assert built.content("specs-index/index.html").find_all(class_="specs-table-wrapper")


def test_an_override_written_for_the_macro_group_links_still_builds(portfolio):
    """`macros.html` had a macro `group_links(doc, kind, link)`, now a global taking two
    arguments: an override that imports the macro and calls it so keeps working."""
    overrides = portfolio.root / "overrides" / "specs"
    overrides.mkdir(parents=True)
    (overrides / "query-list.html").write_text(
        '{% from "specs/macros.html" import group_links %}<ul class="mine">'
        '{% for doc in documents %}<li>{{ group_links(doc, "owner", link) }}</li>{% endfor %}'
        "</ul>",
        encoding="utf-8",
    )
    portfolio.config(theme={"name": "mkdocs", "custom_dir": "overrides"})
    portfolio.doc("list.md", "# List\n\n```specs\nshow: list\nsort: id\n```\n")
    built = portfolio.build(strict=True)
    items = built.page("list/index.html").find("ul", class_="mine").find_all("li")
    assert [item.text for item in items][:2] == ["alice", "alice, bob"]
    link = items[0].find("a")
    assert link.classes == ["specs-owner"]
    assert resolve("list/", link.href or "") == "specs-index/owner/alice/"


def test_card_and_section_bars_can_be_switched_off(portfolio):
    portfolio.plugin(card=False, section_progress=False)
    built = portfolio.build(strict=True)
    html = built.html("specs/002-refunds/index.html")
    assert "specs-card" not in html and "specs-section-progress" not in html


def test_disabled_plugin_changes_nothing(portfolio):
    portfolio.plugin(enabled=False)
    built = portfolio.build(strict=True)
    assert not (built.site_dir / "specs-index").exists()
    assert "specs-card" not in built.html("specs/002-refunds/index.html")


def test_files_that_match_no_type_are_left_untouched(site):
    site.doc("guide/setup.md", "# Setup\n\n- [ ] install\n\n[Placeholder]\n")
    site.doc("specs/001-a.md", spec("001-a"))
    built = site.build(strict=True)
    assert "specs-card" not in built.html("guide/setup/index.html")
    assert set(rows(built.content("specs-index/index.html"))) == {"Checkout"}


def test_type_in_metadata_overrides_the_path_and_finds_documents_elsewhere(site):
    site.doc(
        "notes/pay-77.md",
        design("PAY-77").replace("---\nstatus", "---\ntype: feature-design\nstatus"),
    )
    site.doc(
        "specs/pay-78.md",
        design("PAY-78").replace("---\nstatus", "---\ntype: Feature design\nstatus"),
    )
    built = site.build(strict=True)
    table = rows(built.content("specs-index/index.html"))
    assert table["PAY-77 - Feature Design"]["Type"] == "Feature design"
    assert table["PAY-78 - Feature Design"]["Type"] == "Feature design"


def test_strict_build_fails_and_names_the_file_and_line(site):
    site.doc("specs/001-ok.md", spec("001-ok"))
    site.doc("specs/002-bad.md", spec("002-bad", status="Shipped"))
    result = site.run("build", "--strict")
    assert result.returncode == 1
    assert (
        "specs/002-bad.md:6: field 'status' is 'Shipped'; expected one of: Draft, "
        "In Progress, Complete [invalid-field]" in result.stderr
    )
    assert "Aborted with 1 errors in strict mode" in result.stdout + result.stderr


def test_a_build_without_strict_goes_on_and_reports(site, logs):
    site.doc("specs/002-bad.md", spec("002-bad", status="Shipped", owner=""))
    built = site.build()
    assert logs.expect("specs/002-bad.md:6", "[invalid-field]")
    assert logs.expect("specs/002-bad.md:5", "missing required field 'owners'", "[missing-field]")
    row = rows(built.content("specs-index/index.html"))["Checkout"]
    assert row["Document"] == "Checkout invalid" and row["Owners"] == "Unowned"


def test_unreadable_documents_do_not_stop_the_site_and_are_listed_as_invalid(site, logs):
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-good.md", spec("001-good", title="Good"))
    site.doc("specs/002-latin1.md", "# Feature Specification: Caf\xe9\n".encode("latin-1"))
    site.doc("specs/003-yaml.md", "---\ntitle: [unclosed\nstatus: Draft\n---\n# Broken YAML\n")
    site.doc("specs/004-binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    built = site.build()
    logs.expect("specs/002-latin1.md:1: the file is not valid UTF-8", "[unreadable]")
    logs.expect("specs/003-yaml.md:3: the front matter is not valid YAML", "[front-matter]")
    logs.expect("specs/004-binary.md:3: the file holds NUL bytes", "[unreadable]")
    logs.expect_findings()
    table = rows(built.content("specs-index/index.html"))
    assert set(table) == {"Good", "002 latin1", "Broken YAML", "004 binary"}
    for title in ("002 latin1", "Broken YAML", "004 binary"):
        assert table[title]["Document"].endswith("invalid")
    assert "invalid" not in table["Good"]["Document"]
    assert (built.site_dir / "specs/002-latin1/index.html").is_file()
    assert (built.site_dir / "index.html").is_file()
    assert (built.site_dir / "specs/001-good/index.html").is_file()


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def plugin_output(html: str) -> str:
    """The parts of a document page that the plugin or the theme make from its metadata."""
    parts = re.findall(r'<div class="specs-card".*?<p class="specs-card__home">', html, re.S)
    parts += re.findall(r"<title>.*?</title>", html, re.S)
    parts += re.findall(
        r'<nav class="md-nav.*?</nav>|<ul class="nav navbar-nav.*?</ul>', html, re.S
    )
    return "".join(parts)


@pytest.mark.parametrize("theme", THEMES)
def test_html_in_a_title_owner_or_status_is_escaped_on_every_page(site, logs, theme):
    site.config(theme={"name": theme})
    site.doc("index.md", "# Home\n")
    site.doc("specs/001-x.md", spec("001-x", title=HOSTILE, status=HOSTILE, owner=HOSTILE))
    site.doc(
        "design/pay-1.md",
        f"---\ntitle: '{HOSTILE}'\nstatus: '{HOSTILE}'\n"
        f"owners: ['{HOSTILE}']\ndepends_on: [001-x]\nrelated: ['{HOSTILE}']\n---\n"
        "# PAY-1 - Feature Design\n",
    )
    built = site.build()
    logs.expect_findings()
    generated = list((built.site_dir / "specs-index").rglob("*.html"))
    # home, relations, one status, one owner (both hostile), two types
    assert len(generated) == 6
    for path in generated + built.pages():
        html = path.read_text(encoding="utf-8")
        shown = html if path in generated else plugin_output(html)
        assert "<script>alert" not in shown, path
        assert "<img src=x" not in shown, path
        assert "md-status--<" not in html, path
    home = built.content("specs-index/index.html")
    assert HOSTILE in rows(home)  # shown as text, exactly as written
    assert len(home.find("tbody").find_all("tr")) == 2
    owner_pages = list((built.site_dir / "specs-index" / "owner").iterdir())
    assert all(re.fullmatch(r"[a-z0-9-]+", p.name) for p in owner_pages)
    titles = [
        built.page(f"specs-index/owner/{p.name}/index.html").find("title").text for p in owner_pages
    ]
    assert any(HOSTILE in title for title in titles)
    assert HOSTILE in built.page("design/pay-1/index.html").find("title").text


def test_findings_box_shows_when_asked_and_escapes_values(site, logs):
    site.plugin(show_findings="always")
    site.doc("specs/001-x.md", spec("001-x", status="<b>Done</b>"))
    built = site.build()
    logs.expect_findings()
    box = built.content("specs/001-x/index.html").find(class_="specs-findings")
    assert "1 problem in this document" in box.text
    item = box.find("li", class_="specs-finding--error")
    assert "specs/001-x.md:6" in item.text and "'<b>Done</b>'" in item.text
    assert "&#39;&lt;b&gt;Done&lt;/b&gt;&#39;" in built.html("specs/001-x/index.html")


def test_findings_box_is_not_in_a_plain_build(site, logs):
    site.doc("specs/001-x.md", spec("001-x", status="Nope"))
    built = site.build()
    logs.expect_findings()
    assert "specs-findings" not in built.html("specs/001-x/index.html")


def test_severity_of_a_rule_can_be_changed(site, logs):
    site.plugin(severity={"invalid-field": "info", "missing-section": "ignore"})
    site.doc(
        "specs/001-x.md",
        "# Feature Specification: X\n\n## Overview\n\n**Feature ID**: 001-x\n"
        "**Status**: Nope\n**Owner**: a\n**Created**: 2025-01-01\n**Last Updated**: 2025-01-01\n",
    )
    site.build(strict=True)
    assert logs.messages() == []
    assert any("[invalid-field]" in m for m in logs.messages(0))


def test_works_with_pymdownx_tasklist(portfolio):
    portfolio.config(markdown_extensions=[{"pymdownx.tasklist": {"custom_checkbox": True}}])
    built = portfolio.build(strict=True)
    page = built.page("specs/002-refunds/index.html")
    assert page.find_all("input", type="checkbox")
    assert (
        page.find(class_="specs-section-progress").find(class_="specs-progress__text").text == "2/3"
    )


@pytest.mark.parametrize(
    "options, message",
    [
        ({"presets": ["nope"]}, "presets"),
        ({"severity": {"no-such-rule": "error"}}, "severity: unknown rule 'no-such-rule'"),
        ({"severity": {"placeholder": "loud"}}, "severity"),
        ({"index_dir": "../outside"}, "index_dir"),
        (
            {"types": {"adr": {"paths": ["adr/*.md"], "title_pattern": "(unclosed"}}},
            "types.adr.title_pattern",
        ),
        ({"types": {"adr": {"paths": ["adr/*.md"], "colour": "red"}}}, "colour"),
    ],
)
def test_invalid_configuration_is_refused_with_the_option_name(site, options, message):
    site.plugin(**options)
    result = site.run("build")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_custom_type_with_template_and_schema(site, logs):
    (site.root / "templates").mkdir()
    (site.root / "templates" / "adr.md").write_text(
        "# [Title]\n\n## Context\n\n<!-- Why? -->\n\n## Decision\n\n## Consequences\n"
    )
    site.plugin(
        presets=[],
        types={
            "adr": {
                "label": "Decision record",
                "paths": ["adr/*.md"],
                "template": "templates/adr.md",
                "statuses": ["Proposed", "Accepted"],
                "required_fields": ["status", "deciders"],
                "schema": {"properties": {"deciders": {"type": "array"}}},
            }
        },
        aliases={"Decided by": "deciders"},
    )
    site.doc(
        "adr/0001-use-mkdocs.md",
        "---\nstatus: accepted\ndecided by: [ann]\n---\n"
        "# Use MkDocs\n\n## Context\n\nWe need docs.\n\n## Decision\n\nMkDocs.\n\n"
        "## Consequences\n\nFast builds.\n",
    )
    site.doc(
        "adr/0002-draft.md",
        "---\nstatus: Proposed\n---\n# [Title]\n\n## Context\n\n<!-- Why? -->\n",
    )
    built = site.build()
    findings = logs.expect_findings()
    assert all("0002-draft.md" in f for f in findings)
    assert any("missing required section 'Decision'" in f for f in findings)
    assert any("missing required field 'deciders'" in f for f in findings)
    assert any("<!-- Why? -->" in f and "[guidance-comment]" in f for f in findings)
    table = rows(built.content("specs-index/index.html"))
    assert table["Use MkDocs"]["Status"] == "Accepted"
    assert table["Use MkDocs"]["Type"] == "Decision record"


def test_a_docs_file_in_the_way_of_a_generated_page_is_kept(portfolio, logs):
    portfolio.doc("specs-index/index.md", "# My own portal\n")
    built = portfolio.build()
    logs.expect("specs-index/index.md", "index_dir")
    assert "My own portal" in built.html("specs-index/index.html")
    assert (built.site_dir / "specs-index/owner/alice/index.html").is_file()


def test_built_example_site(tmp_path: Path, logs):
    import shutil

    from .conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "example", ignore=shutil.ignore_patterns("site"))
    site = Site.__new__(Site)
    site.root = tmp_path / "example"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(site.root / "mkdocs.yml"))
    build(config)
    findings = logs.expect_findings()
    broken = {re.match(r"mkdocs_specs: ([^:]+)", f).group(1) for f in findings}
    assert broken == {
        "specs/007-payout-scheduling.md",
        "specs/008-loyalty-points.md",
        "specs/003-refund-api.md",
        "changes/webhook-retries.md",
        "design/notif-2/metadata.yaml",  # in review for longer than its type's review_every
    }
    built = Built(Path(config.site_dir))
    table = rows(built.content("specs-index/index.html"))
    assert len(table) == 23  # its 20 documents, and the platform site's 3 (`external`)
    external = [row for row in table.values() if row["Document"].endswith(" platform")]
    assert len(external) == 3
    shown = built.page("index.html").find_all(class_="specs-query")
    assert [next(c for c in node.classes if c.startswith("specs-query--")) for node in shown] == [
        "specs-query--chart",
        "specs-query--count",
        "specs-query--table",
    ]


GENERATED = [
    "specs-index/index.html",
    "specs-index/status/draft/index.html",
    "specs-index/owner/alice/index.html",
]


@pytest.mark.parametrize("theme", THEMES)
def test_generated_pages_are_the_themes_own_one_title_a_table_of_contents_and_permalinks(
    portfolio, theme
):
    """The headings of a generated page reach MkDocs as Markdown: the theme prints no second
    title (Material adds an `h1` to a page whose content has none), builds its table of
    contents from them, and the site's `toc` options (permalinks) apply."""
    portfolio.config(theme={"name": theme}, markdown_extensions=[{"toc": {"permalink": True}}])
    built = portfolio.build(strict=True)
    for path in GENERATED:
        page = built.page(path)
        assert len(page.find_all("h1")) == 1, path
        headings = page.find_all("h2")
        assert headings, path
        for heading in [*page.find_all("h1"), *headings]:
            anchor = heading.attrs["id"]
            assert heading.find("a", class_="headerlink").attrs["href"] == f"#{anchor}"
        in_toc = {a.attrs.get("href") for a in page.find_all("a") if "headerlink" not in a.classes}
        assert {f"#{h.attrs['id']}" for h in headings} <= in_toc, path
    assert len(built.page("specs-index/relations/index.html").find_all("h1")) == 1
    draft = built.page("specs-index/status/draft/index.html")
    assert [h.text.rstrip("¶") for h in draft.find_all("h2")] == ["Documents", "By status"]


def test_a_groups_name_is_text_in_its_heading_whatever_markdown_it_looks_like(site):
    owner = "*Ops_[team]* {#x} ==y== @z <b>"
    site.doc("specs/001-a.md", spec("001-a", "A", "Draft", owner))
    site.config(
        theme={"name": "material"},
        markdown_extensions=["attr_list", "pymdownx.mark", "pymdownx.magiclink", "toc"],
    )
    built = site.build(strict=True)
    (path,) = [p for p in built.pages() if "/owner/" in p.as_posix()]
    page = built.page(path.relative_to(built.site_dir).as_posix())
    (title,) = page.find_all("h1")
    assert title.text == f"Owner: {owner}"
    assert not title.find_all("mark") and not title.find_all("b") and not title.find_all("a")


def test_a_portal_without_any_checklist_shows_no_progress(site):
    """Decision records have no checklists: bars saying "no checklist" on every row and group
    would be noise, so the pages leave progress out until a document has a checklist."""
    site.doc("design/pay-1.md", design("PAY-1").replace("- [ ]", "-").replace("- [x]", "-"))
    site.doc("design/pay-2.md", design("PAY-2").replace("- [ ]", "-").replace("- [x]", "-"))
    built = site.build(strict=True)
    for path in ("specs-index/index.html", "specs-index/status/draft/index.html"):
        page = built.content(path)
        assert "no checklist" not in page.text, path
        assert not page.find_all(class_="specs-progress"), path
        headers = [th.text for th in page.find("table").find_all("th")]
        assert "Progress" not in headers and "Status" in headers
        for row in page.find("tbody").find_all("tr"):
            assert len(row.find_all("td")) == len(headers)
    site.doc("specs/001-a.md", spec("001-a"))  # one checklist brings the bars back
    built = site.build(strict=True)
    assert built.content("specs-index/index.html").find_all(class_="specs-progress")
