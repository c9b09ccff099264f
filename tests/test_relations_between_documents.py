"""Relations on real builds: links both ways on the cards, their findings, the relations page,
the neighbourhood diagram, and specs.json."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import Built, Site
from .docs import design, spec
from .html import Node, resolve


def linked(key: str, status: str = "Draft", **fields: Any) -> str:
    """A complete feature design whose front matter also holds ``fields``."""
    extra = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) if fields else ""
    return design(key, status=status).replace("created:", f"{extra}created:", 1)


def card_links(built: Built, page: str) -> dict[str, list[tuple[str, str]]]:
    """Label → [(link text, target page)] from the relations list on a document's card."""
    card = built.content(page)
    found: dict[str, list[tuple[str, str]]] = {}
    for item in [
        d for r in card.find_all(class_="specs-relations__list") for d in r.find_all("div")
    ]:
        label = item.find("dt").text
        found[label] = [
            (a.text, target_page(page, a.attrs["href"])) for a in item.find("dd").find_all("a")
        ]
    return found


def target_page(page: str, href: str) -> str:
    """The built file a relative link from ``page`` leads to."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return path + "/index.html" if not path.endswith(".html") else path


def findings(logs: Any, rule: str) -> list[str]:
    return [m for m in logs.expect_findings() if m.endswith(f"[{rule}]")]


def test_each_default_relation_shows_on_both_cards_and_every_link_works(site: Site, logs):
    site.doc("design/a-1.md", linked("A-1", depends_on=["A-2"], related="A-3"))
    site.doc("design/a-2.md", linked("A-2", "Approved", implements="A-3"))
    site.doc("design/a-3.md", linked("A-3", "Implemented"))
    site.doc("design/a-4.md", linked("A-4", supersedes=["A-5"]))
    site.doc("design/a-5.md", linked("A-5", "Superseded"))
    site.plugin(types={"feature-design": {"title_format": []}})  # titled by their H1s
    built = site.build()
    assert not findings(logs, "unknown-reference")

    assert card_links(built, "design/a-1/index.html") == {
        "Related": [("A-3 - Feature Design", "design/a-3/index.html")],
        "Depends on": [("A-2 - Feature Design", "design/a-2/index.html")],
    }
    assert card_links(built, "design/a-2/index.html") == {
        "Implements": [("A-3 - Feature Design", "design/a-3/index.html")],
        "Needed by": [("A-1 - Feature Design", "design/a-1/index.html")],
    }
    assert card_links(built, "design/a-3/index.html") == {
        "Referenced by": [("A-1 - Feature Design", "design/a-1/index.html")],
        "Implemented by": [("A-2 - Feature Design", "design/a-2/index.html")],
    }
    assert card_links(built, "design/a-5/index.html") == {
        "Superseded by": [("A-4 - Feature Design", "design/a-4/index.html")]
    }
    for page in ("design/a-1/index.html", "design/a-3/index.html", "design/a-5/index.html"):
        for links in card_links(built, page).values():
            for _, target in links:
                assert (built.site_dir / target).is_file(), target


def test_references_by_key_line_comma_list_path_markdown_link_and_any_case(site: Site, logs):
    site.doc("specs/001-pay.md", spec("001-pay"))
    site.doc(
        "specs/002-refund.md",
        spec("002-refund").replace(
            "**Owner**", "**Depends On**: 001-pay | **Related**: a-1, design/a-2.md\n**Owner**"
        ),
    )
    site.doc("design/a-1.md", linked("A-1", related="[the spec](../specs/001-pay.md)"))
    site.doc("design/a-2.md", linked("A-2"))
    built = site.build()
    assert not findings(logs, "unknown-reference")
    assert card_links(built, "specs/002-refund/index.html") == {
        "Depends on": [("001-pay Checkout", "specs/001-pay/index.html")],
        "Related": [
            ("A-1 - Feature Design", "design/a-1/index.html"),
            ("A-2 - Feature Design", "design/a-2/index.html"),
        ],
    }
    assert card_links(built, "specs/001-pay/index.html") == {
        "Needed by": [("002-refund Checkout", "specs/002-refund/index.html")],
        "Referenced by": [("A-1 - Feature Design", "design/a-1/index.html")],
    }


def test_a_link_stated_from_both_sides_is_one_link(site: Site, logs):
    site.doc("design/b-1.md", linked("B-1", "Superseded", superseded_by="B-2"))
    site.doc("design/b-2.md", linked("B-2", supersedes="B-1"))
    built = site.build()
    assert card_links(built, "design/b-1/index.html") == {
        "Superseded by": [("B-2 - Feature Design", "design/b-2/index.html")]
    }
    assert card_links(built, "design/b-2/index.html") == {
        "Supersedes": [("B-1 - Feature Design", "design/b-1/index.html")]
    }
    assert not logs.expect_findings()


def test_an_unknown_reference_is_a_finding_at_its_line_and_the_other_links_stay(site: Site, logs):
    site.doc("design/c-1.md", linked("C-1", depends_on=["C-2", "NOPE-9"]))
    site.doc("design/c-2.md", linked("C-2"))
    built = site.build()
    assert findings(logs, "unknown-reference") == [
        "mkdocs_specs: design/c-1.md:4: field 'depends_on' names 'NOPE-9', which is not the ID "
        "or path of any document; expected the ID of a discovered document [unknown-reference]"
    ]
    assert card_links(built, "design/c-1/index.html") == {
        "Depends on": [("C-2 - Feature Design", "design/c-2/index.html")]
    }


def test_a_relation_of_the_wrong_kind_is_an_invalid_field(site: Site, logs):
    site.doc("design/d-1.md", linked("D-1", related={"id": "D-2"}))
    site.build()
    assert findings(logs, "invalid-field") == [
        "mkdocs_specs: design/d-1.md:4: field 'related' holds dict values; expected document "
        "IDs or paths, as text or a list [invalid-field]"
    ]


def test_a_dependency_cycle_is_reported_on_each_document_with_the_cycle(site: Site, logs):
    site.doc("design/e-1.md", linked("E-1", depends_on="E-2"))
    site.doc("design/e-2.md", linked("E-2", depends_on="E-3"))
    site.doc("design/e-3.md", linked("E-3", depends_on="E-1"))
    site.doc("design/e-4.md", linked("E-4", depends_on="E-1"))  # leads into it, not on it
    site.doc("design/e-5.md", linked("E-5", depends_on="E-5"))
    site.build()
    found = findings(logs, "dependency-cycle")
    assert len(found) == 4
    assert (
        "design/e-1.md:4: field 'depends_on': it is on a cycle: E-1 → E-2 → E-3 → E-1" in (found[0])
    )
    assert (
        "design/e-2.md:4: field 'depends_on': it is on a cycle: E-2 → E-3 → E-1 → E-2" in (found[1])
    )
    assert "design/e-5.md:4: field 'depends_on': it is on a cycle: E-5 → E-5" in found[3]
    assert not any("e-4.md" in message for message in found)


def test_related_links_may_go_both_ways_without_a_cycle_finding(site: Site, logs):
    site.doc("design/f-1.md", linked("F-1", related="F-2"))
    site.doc("design/f-2.md", linked("F-2", related="F-1"))
    site.build()
    assert not logs.expect_findings()


def test_a_superseded_document_needs_an_existing_successor(site: Site, logs):
    site.doc("design/g-1.md", linked("G-1", "Superseded"))
    site.doc("design/g-2.md", linked("G-2", "Superseded", superseded_by="G-9"))
    site.doc("design/g-3.md", linked("G-3", "Superseded"))
    site.doc("design/g-4.md", linked("G-4", supersedes="G-3"))
    site.build()
    assert findings(logs, "missing-successor") == [
        "mkdocs_specs: design/g-1.md:2: status is 'Superseded' but no document supersedes it; "
        "expected a 'superseded_by' field, or a 'supersedes' field in its successor, naming an "
        "existing document [missing-successor]",
        "mkdocs_specs: design/g-2.md:2: status is 'Superseded' but its successor 'G-9' is not "
        "the ID of any document; expected a 'superseded_by' field, or a 'supersedes' field in "
        "its successor, naming an existing document [missing-successor]",
    ]
    assert not findings(logs, "unknown-reference")


def test_a_finished_status_with_open_items_is_reported(site: Site, logs):
    site.doc("specs/001-a.md", spec("001-a", status="Complete"))  # one of two items open
    site.doc("specs/002-b.md", spec("002-b", status="Complete", criteria="- [x] done"))
    site.doc("specs/003-c.md", spec("003-c", status="In Progress"))
    site.doc("specs/004-d.md", spec("004-d", status="Shipped"))  # not a status of the type
    site.build()
    assert findings(logs, "status-progress") == [
        "mkdocs_specs: specs/001-a.md:6: status is 'Complete' but 1 of 2 checklist items is "
        "still open; expected every item checked, or a status that does not say the work is "
        "finished [status-progress]"
    ]


def test_choice_checklists_of_a_change_request_are_not_progress(site: Site, logs):
    site.doc(
        "changes/add-x.md",
        (Path(__file__).parent.parent / "example-site/docs/changes/refund-partial-amounts.md")
        .read_text(encoding="utf-8")
        .replace("implements: 003-refund-api\n", ""),
    )
    built = site.build()
    assert not logs.expect_findings()
    data = json.loads(built.html("specs.json"))
    (document,) = data["documents"]
    titles = [s["title"] for s in document["sections"]]
    for choice in ("Type of Change", "Testing Strategy", "Documentation Updates", "Security"):
        assert not any(title.startswith(choice) for title in titles)
    # The 8 items of its Checklist; the four choice lists are left out.
    assert document["progress"] == {"done": 8, "total": 8, "percent": 100}


def test_a_relation_of_the_sites_own_with_a_cycle_check(site: Site, logs):
    site.plugin(
        relations={
            "blocks": {"label": "Blocks", "inverse_label": "Blocked by", "acyclic": True},
            "related": {"inverse_label": "Mentioned by"},
        }
    )
    site.doc("design/h-1.md", linked("H-1", blocks="H-2", related="H-2"))
    site.doc("design/h-2.md", linked("H-2", blocks="H-1"))
    built = site.build()
    assert len(findings(logs, "dependency-cycle")) == 2
    assert card_links(built, "design/h-2/index.html") == {
        "Blocks": [("H-1 - Feature Design", "design/h-1/index.html")],
        "Blocked by": [("H-1 - Feature Design", "design/h-1/index.html")],
        "Mentioned by": [("H-1 - Feature Design", "design/h-1/index.html")],
    }


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ({"blocks": {"inverse": "related"}}, "relations.blocks: field 'related' is already used"),
        ({"blocks": {"colour": "red"}}, "relations.blocks: unknown option 'colour'"),
    ],
)
def test_a_bad_relation_setting_stops_the_build_naming_the_option(
    site: Site, relations: dict[str, Any], message: str
):
    site.plugin(relations=relations)
    result = site.run("build")
    assert result.returncode == 1
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def relations_page(built: Built) -> Node:
    return built.content("specs-index/relations/index.html")


def test_the_relations_page_lists_every_link_and_draws_mermaid_when_the_site_renders_it(
    site: Site, logs
):
    hostile = '<script>alert(1)</script>"]; click x'
    site.config(
        markdown_extensions=[
            {
                "pymdownx.superfences": {
                    "custom_fences": [{"name": "mermaid", "class": "mermaid"}],
                }
            }
        ]
    )
    site.doc("design/i-1.md", linked("I-1", "Implemented", title=hostile, implements="I-2"))
    site.doc("design/i-2.md", linked("I-2", "In Review"))
    site.doc("design/i-3.md", linked("I-3"))
    site.plugin(types={"feature-design": {"title_format": []}})  # the hostile title shows
    built = site.build()
    page = relations_page(built)
    table = page.find("table")
    cells = [[td.text for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert cells == [[f"I-1 {hostile}", "Implements", "I-2 - Feature Design", "In Review"]]
    mermaid = page.find("pre", class_="mermaid").text
    assert 'n0["I-1 script alert(1) /script click x"]:::done' in mermaid
    assert 'n1["I-2 - Feature Design"]:::active' in mermaid
    assert 'n0 -->|"Implements"| n1' in mermaid
    assert 'click n1 href "../../design/i-2/"' in mermaid
    assert "<script>alert" not in built.html("specs-index/relations/index.html")


def test_without_mermaid_the_relations_page_is_a_table_and_a_card_draws_svg(site: Site, logs):
    site.doc("design/j-1.md", linked("J-1", "Implemented", depends_on=["J-2", "J-3"]))
    site.doc("design/j-2.md", linked("J-2", "Approved"))
    site.doc("design/j-3.md", linked("J-3", related="J-1"))
    built = site.build()
    assert not relations_page(built).find_all("pre", class_="mermaid")
    home = built.content("specs-index/index.html").find(class_="specs-relations-link")
    assert home.text == "Relations: 3 links between documents."
    assert resolve("specs-index/", home.find("a").attrs["href"]) == "specs-index/relations/"
    assert len(relations_page(built).find("tbody").find_all("tr")) == 3
    svg = built.content("design/j-1/index.html").find("svg")
    assert svg.attrs["role"] == "img"
    nodes = svg.find_all("g", class_="specs-graph__node")
    assert [n.classes[1] for n in nodes] == [
        "specs-graph__node--done",
        "specs-graph__node--draft",  # J-3 links to it: on the left
        "specs-graph__node--done",
        "specs-graph__node--draft",
    ]
    hrefs = [resolve("design/j-1/", a.href) for a in svg.find_all("a")]
    assert hrefs == ["design/j-3/", "design/j-2/", "design/j-3/"]
    assert len(svg.find_all("line")) == 3
    assert built.content("design/j-2/index.html").find_all("svg")
    site.doc("design/j-4.md", linked("J-4"))
    assert not site.build().content("design/j-4/index.html").find_all("svg")


def test_specs_json_holds_every_document_as_its_files_say(site: Site, logs):
    site.doc("specs/001-a.md", spec("001-a", "Alpha", "In Progress", "alice, bob"))
    site.doc(
        "specs/002-b.md",
        spec("002-b", "Beta", criteria="- [x] one\n- [x] two\n- [ ] three").replace(
            "**Owner**", "**Depends On**: 001-a, 009-z\n**Owner**"
        ),
    )
    site.doc("specs/003-broken.md", b"\xff\xfe not text")
    built = site.build()
    logs.expect_findings()
    data = json.loads(built.html("specs.json"))
    assert data["version"] == 1
    assert data["counts"]["documents"] == 3
    by_path = {d["path"]: d for d in data["documents"]}
    assert set(by_path) == {"specs/001-a.md", "specs/002-b.md", "specs/003-broken.md"}
    alpha, beta, broken = (by_path[p] for p in sorted(by_path))
    assert alpha["id"] == "001-a" and alpha["title"] == "Alpha"
    assert alpha["status"] == "In Progress" and alpha["owners"] == ["alice", "bob"]
    assert alpha["created"] == "2025-01-10" and alpha["updated"] == "2025-02-01"
    assert alpha["fields"]["owners"] == ["alice", "bob"]
    assert alpha["type"] == "feature-spec" and alpha["type_label"] == "Feature specification"
    assert alpha["progress"] == {"done": 1, "total": 2, "percent": 50}
    assert beta["progress"] == {"done": 2, "total": 3, "percent": 66}
    assert beta["sections"] == [
        {"title": "Epic 1: Fast payment", "line": 18, "done": 2, "total": 3}
    ]
    for document in (alpha, beta):
        assert (built.site_dir / document["url"] / "index.html").is_file()
    assert beta["relations"]["outgoing"] == {
        "depends_on": [{"id": "001-a", "path": "specs/001-a.md", "title": "Alpha"}]
    }
    assert beta["relations"]["unresolved"] == [{"field": "depends_on", "written": "009-z"}]
    assert alpha["relations"]["incoming"] == {
        "depends_on": [{"id": "002-b", "path": "specs/002-b.md", "title": "Beta"}]
    }
    assert [f["rule"] for f in beta["findings"]] == ["unknown-reference"]
    assert beta["findings"][0]["line"] == 7 and beta["valid"] is False
    assert broken["readable"] is False and broken["findings"][0]["rule"] == "unreadable"


def test_specs_json_can_be_moved_or_turned_off_and_never_replaces_a_docs_file(site: Site, logs):
    site.doc("specs/001-a.md", spec("001-a"))
    site.plugin(export="data/all.json")
    assert json.loads(site.build().html("data/all.json"))["counts"]["documents"] == 1
    site.plugin(export="")
    assert not (site.build().site_dir / "specs.json").exists()
    site.plugin()
    site.doc("specs.json", '{"mine": true}')
    built = site.build()
    logs.expect("specs.json: this file is built to specs.json")
    assert json.loads(built.html("specs.json")) == {"mine": True}


def test_hostile_values_in_specs_json_are_data_not_markup(site: Site, logs):
    site.doc("design/k-1.md", linked("K-1", title="</script><script>alert(1)</script>"))
    built = site.build()
    text = built.html("specs.json")
    assert "<" not in text
    assert json.loads(text)["documents"][0]["title"] == "</script><script>alert(1)</script>"


def test_a_markdown_link_and_plain_ids_in_one_value_all_resolve(site: Site, logs):
    site.doc("design/m-1.md", linked("M-1", depends_on="[the second](m%202.md#top), M-3"))
    site.doc("design/m 2.md", linked("M-2"))
    site.doc("design/m-3.md", linked("M-3"))
    built = site.build()
    assert [text for text, _ in card_links(built, "design/m-1/index.html")["Depends on"]] == [
        "M-2 - Feature Design",
        "M-3 - Feature Design",
    ]


def test_an_id_written_as_a_number_keeps_its_zeros(site: Site, logs):
    site.plugin(types={"note": {"paths": ["notes/*.md"]}})
    site.doc("notes/a.md", "---\nid: '0042'\n---\n# A\n\nText.\n")
    site.doc("notes/b.md", "---\nid: '0007'\ndepends_on: 0042\n---\n# B\n\nText.\n")
    built = site.build()
    assert card_links(built, "notes/b/index.html") == {
        "Depends on": [("0042 A", "notes/a/index.html")]
    }
    assert json.loads(built.html("specs.json"))["documents"][1]["fields"]["depends_on"] == "0042"


def test_specs_json_stays_json_with_infinite_or_nan_values(site: Site, logs):
    site.doc("design/n-1.md", linked("N-1", weight=float("nan"), size=float("-inf")))
    text = site.build().html("specs.json")

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    fields = json.loads(text, parse_constant=refuse)["documents"][0]["fields"]
    assert (fields["weight"], fields["size"]) == ("nan", "-inf")


@pytest.mark.parametrize("export", ["/tmp/specs.json", "../specs.json", "specs.md"])
def test_an_export_path_outside_the_site_or_not_json_stops_the_build(site: Site, export: str):
    site.plugin(export=export)
    result = site.run("build")
    assert result.returncode == 1
    assert f"export: '{export}' must be a .json file inside the site" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_successor_of_a_document_still_in_force_is_an_unknown_reference(
    site: Site, logs
):
    site.doc("design/o-1.md", linked("O-1", superseded_by="NOPE-9"))
    site.doc("design/o-2.md", linked("O-2", "Superseded", depends_on="NOPE-1", superseded_by="O-3"))
    site.doc("design/o-3.md", linked("O-3"))
    site.build()
    found = logs.expect_findings()
    assert [m.split(": ", 2)[1] for m in found] == ["design/o-1.md:4", "design/o-2.md:4"]
    assert "'superseded_by' names 'NOPE-9'" in found[0] and "[unknown-reference]" in found[0]
    assert "'depends_on' names 'NOPE-1'" in found[1]


def test_a_document_naming_itself_is_an_invalid_field_and_no_successor(site: Site, logs):
    site.doc("design/p-1.md", linked("P-1", "Superseded", related="P-1", superseded_by="P-1"))
    built = site.build()
    found = logs.expect_findings()
    assert sorted(m.rsplit("[", 1)[1] for m in found) == [
        "invalid-field]",
        "invalid-field]",
        "missing-successor]",
    ]
    assert any(
        "field 'related' names the document itself ('P-1'); expected another document" in m
        for m in found
    )
    assert card_links(built, "design/p-1/index.html") == {}


def test_status_progress_only_for_statuses_that_say_the_work_is_finished(site: Site, logs):
    site.plugin(types={"feature-design": {"statuses": ["Draft", "Approved", "Implemented"]}})
    open_items = "\n## Tasks\n\n- [x] one\n- [ ] two\n"
    site.doc("design/q-1.md", linked("Q-1", "Approved") + open_items)
    site.doc("design/q-2.md", linked("Q-2", "Implemented") + open_items)
    site.build()
    assert [m.split(": ")[1] for m in findings(logs, "status-progress")] == ["design/q-2.md:2"]


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ({"owners": {}}, "relations.owners: field 'owners' has a meaning of its own"),
        (
            {"blocks": {"inverse": "blocks"}},
            "relations.blocks: field 'blocks' is both the relation's field and its inverse",
        ),
    ],
)
def test_a_relation_on_a_field_that_is_no_link_is_refused(
    site: Site, relations: dict[str, Any], message: str
):
    site.plugin(relations=relations)
    result = site.run("build")
    assert result.returncode == 1
    assert message in result.stderr


def test_a_cycle_stated_from_the_other_side_names_that_field_and_its_line(site: Site, logs):
    site.plugin(relations={"blocks": {"inverse": "blocked_on", "acyclic": True}})
    site.doc("design/r-1.md", linked("R-1", blocked_on="R-2"))
    site.doc("design/r-2.md", linked("R-2", blocked_on="R-1"))
    site.build()
    found = findings(logs, "dependency-cycle")
    assert [m.split(": ")[1] for m in found] == ["design/r-1.md:4", "design/r-2.md:4"]
    assert all("field 'blocked_on'" in m for m in found)
