"""Many repositories in one portal: the ``external`` option lists other sites' ``specs.json``
(a file, or a URL fetched with a timeout and kept in ``cache_dir``), whose documents join this
site's indexes, queries and relations, marked as external and linking to their own pages."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .conftest import ROOT, Site
from .test_live_preview import Server
from .test_markdown_extension import zensical_build

NOTES = {
    "presets": [],
    "types": {
        "note": {
            "paths": ["notes/*.md"],
            "statuses": ["Draft", "Review", "Done"],
        }
    },
}


def note(key: str, title: str, status: str = "Draft", owner: str = "ann", **fields: str) -> str:
    extra = "".join(f"{name}: {value}\n" for name, value in fields.items())
    return (
        f"---\nid: {key}\nstatus: {status}\nowners: [{owner}]\n{extra}---\n# {title}\n\n"
        "- [x] one\n- [ ] two\n"
    )


def platform_site(root: Path, site_url: str | None = "https://platform.example.com/") -> Path:
    """A second site, built with real MkDocs: its ``specs.json``."""
    root.mkdir(parents=True)
    other = Site(root)
    if site_url:
        other.config(site_url=site_url)
    other.plugin(**NOTES)
    other.doc("notes/plat-1.md", note("PLAT-1", "Service mesh", "Review", "bob"))
    other.doc("notes/plat-2.md", note("PLAT-2", "Queues", owner="carol", depends_on="PLAT-1"))
    built = other.build()
    return built.site_dir / "specs.json"


@pytest.fixture
def platform(tmp_path: Path) -> Path:
    return platform_site(tmp_path / "platform")


def home_rows(built: Any) -> dict[str, Any]:
    home = built.content("specs-index/index.html")
    return {a.text: a for a in home.find_all(class_="specs-doc-link")}


def test_a_second_sites_documents_join_the_indexes_with_links_and_markers(
    site: Site, platform: Path, logs
):
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(platform)}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout", depends_on="PLAT-1"))
    built = site.build(strict=True)
    assert not logs.expect_findings()

    rows = home_rows(built)
    assert set(rows) == {"Checkout", "Service mesh", "Queues"}
    mesh = rows["Service mesh"]
    assert mesh.attrs["href"] == "https://platform.example.com/notes/plat-1/"
    assert mesh.attrs["rel"] == "external"
    home = built.content("specs-index/index.html")
    markers = home.find_all(class_="specs-flag--external")
    assert [m.text for m in markers] == ["platform", "platform"]
    assert "platform" in markers[0].attrs["title"]
    assert "rel" not in rows["Checkout"].attrs

    # The owner and status pages of this site list them too; they get no page of their own.
    bob = built.content("specs-index/owner/bob/index.html")
    assert [a.text for a in bob.find_all(class_="specs-doc-link")] == ["Service mesh"]
    review = built.content("specs-index/status/review/index.html")
    assert [a.text for a in review.find_all(class_="specs-doc-link")] == ["Service mesh"]
    assert not (built.site_dir / "platform:notes").exists()
    assert not [p for p in built.pages() if "plat-1" in str(p)]

    # A relation to the other site's ID resolves, on the card and on the relations page.
    card = built.content("notes/app-1/index.html")
    refs = card.find_all(class_="specs-doc-ref")
    assert [r.attrs["href"] for r in refs] == ["https://platform.example.com/notes/plat-1/"]
    relations = built.content("specs-index/relations/index.html")
    hrefs = {a.attrs.get("href") for a in relations.find_all("a")}
    assert "https://platform.example.com/notes/plat-1/" in hrefs

    export = json.loads(built.html("specs.json"))
    schema = json.loads((ROOT / "mkdocs_specs/schemas/specs.schema.json").read_text("utf-8"))
    jsonschema.validate(export, schema)
    assert [d["id"] for d in export["documents"]] == ["APP-1"]
    [target] = export["documents"][0]["relations"]["outgoing"]["depends_on"]
    assert target["external"] == "platform"
    assert target["url"] == "https://platform.example.com/notes/plat-1/"


def test_backlinks_from_the_other_site_show_on_the_local_card(tmp_path: Path, site: Site, logs):
    (tmp_path / "other").mkdir()
    other = Site(tmp_path / "other")
    other.config(site_url="https://other.example.com/")
    other.plugin(**NOTES, severity={"unknown-reference": "ignore"})
    other.doc("notes/o-1.md", note("O-1", "Uses the app", depends_on="APP-1"))
    source = other.build().site_dir / "specs.json"
    # Its own site cannot resolve APP-1: its specs.json lists the reference as unresolved.
    site.plugin(**NOTES, external=[str(source)])
    site.doc("notes/app-1.md", note("APP-1", "Checkout"))
    built = site.build(strict=True)
    card = built.content("notes/app-1/index.html")
    refs = card.find_all(class_="specs-doc-ref")
    assert [r.attrs["href"] for r in refs] == ["https://other.example.com/notes/o-1/"]
    assert "Needed by" in card.text


def test_queries_see_external_documents(site: Site, platform: Path, logs):
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(platform)}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout"))
    site.doc(
        "board.md",
        """
        # Board

        ```specs
        where:
          status: Review
        columns: [title, id, owners]
        ```
        """,
    )
    built = site.build(strict=True)
    table = built.page("board/index.html").find_all(class_="specs-query")[0]
    links = table.find_all(class_="specs-doc-link")
    assert [a.text for a in links] == ["Service mesh"]
    assert links[0].attrs["href"] == "https://platform.example.com/notes/plat-1/"
    assert table.find_all(class_="specs-flag--external")


def test_a_url_source_is_fetched_and_kept_for_a_build_when_the_site_is_down(
    site: Site, platform: Path, logs
):
    with serving(platform.parent) as address:
        site.plugin(**NOTES, external=[{"name": "platform", "source": f"{address}/specs.json"}])
        site.doc("notes/app-1.md", note("APP-1", "Checkout", depends_on="PLAT-2"))
        built = site.build(strict=True)
    assert set(home_rows(built)) == {"Checkout", "Service mesh", "Queues"}
    kept = list((site.root / ".cache/plugin/specs/external").glob("platform-*.json"))
    assert len(kept) == 1

    built = site.build()  # the server is gone: the last good copy, with a warning
    found = logs.expect("[external]", "cannot be fetched", "last good copy")
    assert address in found[0]
    assert set(home_rows(built)) == {"Checkout", "Service mesh", "Queues"}


def test_an_unreachable_url_without_a_copy_is_one_finding(site: Site, logs):
    with serving(site.root) as address:
        pass  # a port nothing listens on any more
    site.plugin(**NOTES, external=[{"name": "gone", "source": f"{address}/specs.json"}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout"))
    built = site.build()
    found = logs.expect("[external]", "no copy of it is kept")
    assert len(found) == 1 and "Traceback" not in found[0]
    assert set(home_rows(built)) == {"Checkout"}


def test_a_url_that_does_not_answer_in_time_is_a_finding(site: Site, logs):
    with serving(site.root, delay=3) as address:
        site.plugin(
            **NOTES, external=[{"name": "slow", "source": f"{address}/x.json", "timeout": 0.5}]
        )
        site.doc("notes/app-1.md", note("APP-1", "Checkout"))
        site.build()
    found = logs.expect("[external]", "cannot be fetched")
    assert "timed out" in found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "is not valid JSON (line 1)"),
        ('{"version": 1}', "does not match the schema of specs.json at the top"),
        ("[]", "does not match the schema of specs.json"),
    ],
)
def test_invalid_json_or_a_schema_violation_is_a_finding(
    site: Site, logs, text: str, expected: str
):
    (site.root / "bad.json").write_text(text, encoding="utf-8")
    site.plugin(**NOTES, external=["bad.json"])
    site.doc("notes/app-1.md", note("APP-1", "Checkout"))
    built = site.build()
    [found] = logs.expect("bad.json", "[external]")
    assert expected in found
    assert set(home_rows(built)) == {"Checkout"}


def test_a_schema_violation_deep_in_a_document_names_where(site: Site, platform: Path, logs):
    data = json.loads(platform.read_text(encoding="utf-8"))
    data["documents"][1]["owners"] = "bob"
    (site.root / "broken.json").write_text(json.dumps(data), encoding="utf-8")
    site.plugin(**NOTES, external=["broken.json"])
    site.build()
    [found] = logs.expect("broken.json", "[external]")
    assert "at documents/1/owners" in found


def test_a_missing_file_fails_strict_with_a_finding(site: Site, logs):
    site.plugin(**NOTES, external=["nowhere/specs.json"])
    site.doc("notes/app-1.md", note("APP-1", "Checkout"))
    result = site.run("build", "--strict")
    assert result.returncode == 1
    assert "nowhere/specs.json: cannot be read" in result.stderr
    assert "[external]" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_external_title_is_escaped(site: Site, tmp_path: Path, logs):
    source = platform_site(tmp_path / "platform")
    data = json.loads(source.read_text(encoding="utf-8"))
    data["documents"][0]["title"] = "<script>alert(1)</script>"
    data["documents"][1]["url"] = "javascript:alert(2)"
    (site.root / "evil.json").write_text(json.dumps(data), encoding="utf-8")
    site.plugin(**NOTES, external=["evil.json"])
    built = site.build(strict=True)
    html = built.html("specs-index/index.html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html


def test_an_id_of_this_site_wins_over_an_external_one(site: Site, platform: Path, logs):
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(platform)}])
    site.doc("notes/mine.md", note("PLAT-1", "My own mesh"))
    built = site.build()
    [found] = logs.expect("[external]", "PLAT-1")
    assert "notes/mine.md here" in found
    assert set(home_rows(built)) == {"My own mesh", "Queues"}
    # Queues' link to PLAT-1 now names this site's document.
    card = built.content("notes/mine/index.html")
    assert [r.text for r in card.find_all(class_="specs-doc-ref")] == ["PLAT-2 Queues"]


def test_without_a_site_url_the_entry_gives_the_base_or_there_are_no_links(
    site: Site, tmp_path: Path, logs
):
    source = platform_site(tmp_path / "platform", site_url=None)
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(source)}])
    built = site.build()
    logs.expect("[external]", "gives no site_url")
    assert home_rows(built)["Queues"].attrs["href"] == "#"

    site.plugin(
        **NOTES, external=[{"source": str(source), "url": "https://mirror.example.org/plat"}]
    )
    built = site.build(strict=True)
    assert (
        home_rows(built)["Queues"].attrs["href"] == "https://mirror.example.org/plat/notes/plat-2/"
    )
    marker = built.content("specs-index/index.html").find_all(class_="specs-flag--external")
    assert marker[0].text == "specs"  # named after its file when the entry gives no name


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "x"}, "expected a path or URL"),
        ({"source": "a.json", "url": "javascript:x"}, "url 'javascript:x' must be"),
        ({"source": "a.json", "name": "Bad Name"}, "name 'Bad Name' must be"),
        ({"source": "ftp://x/a.json"}, "'ftp://x/a.json' is no file and no http(s) URL"),
        ({"source": "a.json", "color": 1}, "unknown key 'color'"),
        ({"source": "a.json", "timeout": 0}, "timeout must be"),
    ],
)
def test_a_bad_entry_stops_the_build_naming_the_option(site: Site, entry: Any, message: str):
    site.plugin(**NOTES, external=[entry])
    result = site.run("build")
    assert result.returncode == 1
    assert f"specs: external[0]: {message}" in result.stderr.replace("\n", " ")


def test_check_and_index_see_external_documents(site: Site, platform: Path, cli, logs):
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(platform)}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout", depends_on="PLAT-1"))
    report = cli.json()
    assert report["findings"] == []
    result = cli("index", "--out", "generated")
    assert result.exit_code == 0, result.output
    home = (site.root / "generated/index.md").read_text(encoding="utf-8")
    assert "(https://platform.example.com/notes/plat-1/) *(platform)*" in home


def test_the_home_counts_this_sites_documents_and_the_other_sites_apart(
    site: Site, platform: Path, cli, logs
):
    """The headline says how many documents are this site's, as specs.json counts them, and
    how many more the other sites add; the table below still lists all of them."""
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(platform)}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout", depends_on="PLAT-1"))
    built = site.build(strict=True)
    assert not logs.expect_findings()
    home = built.content("specs-index/index.html")
    [summary] = home.find_all(class_="specs-summary")
    assert summary.text.startswith("1 document. 2 more from other sites. ")
    assert len(home_rows(built)) == 3
    assert json.loads(built.html("specs.json"))["counts"]["documents"] == 1

    assert cli("index", "--out", "generated").exit_code == 0
    home_md = (site.root / "generated/index.md").read_text(encoding="utf-8")
    assert "**1** document. **2** more from other sites. " in home_md


def test_a_site_without_other_sites_says_nothing_of_them(site: Site, logs):
    site.plugin(**NOTES)
    site.doc("notes/app-1.md", note("APP-1", "Checkout"))
    summary = (
        site.build(strict=True)
        .content("specs-index/index.html")
        .find_all(class_="specs-summary")[0]
    )
    assert summary.text.startswith("1 document. ")
    assert "other sites" not in summary.text


class _Handler(http.server.SimpleHTTPRequestHandler):
    delay = 0.0

    def do_GET(self) -> None:
        if self.delay:
            threading.Event().wait(self.delay)
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


class serving:
    """A folder served on 127.0.0.1 by the standard library's server, in a thread."""

    def __init__(self, folder: Path, delay: float = 0.0) -> None:
        handler = type("Handler", (_Handler,), {"delay": delay})
        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0),
            lambda *a: handler(*a, directory=str(folder)),  # type: ignore[misc]
        )
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.mark.slow
def test_serve_shows_the_other_sites_documents_and_follows_an_edit_of_its_file(
    site: Site, platform: Path
):
    """``mkdocs serve`` watches a file source: another document in it joins the served index
    at the rebuild."""
    source = site.root / "external" / "platform.json"
    source.parent.mkdir()
    exported = json.loads(platform.read_text("utf-8"))
    source.write_text(json.dumps(exported), encoding="utf-8")
    site.plugin(**NOTES, external=[{"name": "platform", "source": "external/platform.json"}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout", depends_on="PLAT-1"))
    site.write_config()
    running = Server(site.root)
    try:
        home = running.wait_for("specs-index/", lambda p: bool(p.find_all(class_="specs-doc-link")))
        assert {a.text for a in home.find_all(class_="specs-doc-link")} == {
            "Checkout",
            "Service mesh",
            "Queues",
        }
        added = dict(exported["documents"][1], id="PLAT-3", title="Rate limits")
        added.update(path="notes/plat-3.md", url="https://platform.example.com/notes/plat-3/")
        exported["documents"].append(added)
        source.write_text(json.dumps(exported), encoding="utf-8")
        home = running.wait_for("specs-index/", lambda p: "Rate limits" in p.text)
        link = {a.text: a for a in home.find_all(class_="specs-doc-link")}["Rate limits"]
        assert link.attrs["href"] == "https://platform.example.com/notes/plat-3/"
        assert len(home.find_all(class_="specs-flag--external")) == 3
    finally:
        out = running.stop()
    assert "Traceback" not in out and "WARNING" not in out


@pytest.mark.slow
def test_zensical_shows_the_other_sites_documents_in_queries_and_relations(
    site: Site, platform: Path
):
    """The Markdown extension reads the ``external`` option of the plugin's entry: a query
    block lists the other site's documents, a card links to them, as the plugin's do."""
    site.config(
        theme={"name": "material", "font": False},  # Zensical has no theme of MkDocs' own
        markdown_extensions=["pymdownx.superfences", "pymdownx.tasklist", "mkdocs_specs.markdown"],
    )
    site.plugin(**NOTES, external=[{"name": "platform", "source": str(platform)}])
    site.doc("notes/app-1.md", note("APP-1", "Checkout", depends_on="PLAT-1"))
    site.doc(
        "board.md", "# Board\n\n```specs\nwhere:\n  status: Review\ncolumns: [title, id]\n```\n"
    )

    def shown(built: Any) -> tuple[list[tuple[str, str]], list[str]]:
        table = built.page("board/index.html").find_all(class_="specs-query")[0]
        rows = [(a.text, a.attrs["href"]) for a in table.find_all(class_="specs-doc-link")]
        card = built.content("notes/app-1/index.html")
        return rows, [r.attrs["href"] for r in card.find_all(class_="specs-doc-ref")]

    expected = shown(site.build(strict=True))
    assert expected == (
        [("Service mesh", "https://platform.example.com/notes/plat-1/")],
        ["https://platform.example.com/notes/plat-1/"],
    )
    built = zensical_build(site.root)
    assert shown(built) == expected
    table = built.page("board/index.html").find_all(class_="specs-query")[0]
    assert table.find_all(class_="specs-flag--external")
    # The index that `mkdocs-specs index` wrote for Zensical lists them too.
    home = (site.docs / "specs-index" / "index.md").read_text("utf-8")
    assert "Service mesh" in home and "https://platform.example.com/notes/plat-2/" in home
