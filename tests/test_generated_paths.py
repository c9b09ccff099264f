"""Generated paths and references: pages for owner, status and type names stay in the site, are
readable, stable and never collide; nothing a document names is read from outside docs_dir."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_specs.catalogue.groups import RESERVED_SLUGS, slugify, unique_slugs
from mkdocs_specs.model import squash

from .docs import design
from .fuzzing import fuzz

# Names that differ only in case, accents, punctuation or script, and names that try to leave.
FAMILIES = [
    "Élodie",
    "élodie",
    "ELODIE",
    "elodie",
    "e.lodie",
    "e-lodie",
    "Ελένη",
    "ελένη",
    "李雷",
    "Иван",
    "محمد",
    "..",
    ".",
    "../../etc/passwd",
    "/abs",
    "C:\\x",
    "a/b",
    "%2e%2e%2f",
    "index",
    "README",
    "Index",
    "!!!",
    "???",
    "con",
    "x" * 300,
]

names = st.one_of(
    st.sampled_from(FAMILIES),
    st.text(max_size=20),
    st.text("aAáÁäÄ-_. /\\!?é", max_size=6),
    st.sampled_from(FAMILIES).map(str.upper),
    st.sampled_from(FAMILIES).map(lambda n: f" {n}!"),
)


def assert_safe_slug(slug: str) -> None:
    assert slug and slug == slug.strip("-")
    assert all(c.isalnum() or c == "-" for c in slug), slug
    assert slug not in RESERVED_SLUGS
    assert slug not in (".", "..") and "/" not in slug and "\\" not in slug
    assert len(slug.encode("utf-8")) <= 255  # a file name on every file system


@fuzz(500)
@given(keys=st.lists(names, unique=True, max_size=12), none=st.booleans(), seed=st.integers())
def test_slugs_are_safe_unique_stable_and_readable(keys, none, seed):
    labels: dict[str | None, str] = {key: key for key in keys}
    if none:
        labels[None] = "Unowned"
    slugs = unique_slugs(labels)
    assert set(slugs) == set(labels)
    assert len(set(slugs.values())) == len(slugs), slugs  # never two alike
    for slug in slugs.values():
        assert_safe_slug(slug)
    shuffled = list(labels.items())
    random.Random(seed).shuffle(shuffled)
    assert unique_slugs(dict(shuffled)) == slugs  # whatever order the names come in
    readable = [slugify(label) for label in labels.values()]
    for key, label in labels.items():
        if slugify(label) not in ("", *RESERVED_SLUGS) and readable.count(slugify(label)) == 1:
            assert slugs[key] == slugify(label)  # a name alone with its slug keeps it as is


def test_names_alike_but_for_case_accents_punctuation_and_script_get_their_own_pages():
    slugs = unique_slugs({name: name for name in FAMILIES})
    assert len(set(slugs.values())) == len(FAMILIES)
    assert slugs["elodie"] == "elodie"  # written as its slug: it keeps it
    assert slugs["Élodie"].startswith("elodie-") and slugs["ELODIE"].startswith("elodie-")
    assert slugs["李雷"] == "李雷" and slugs["Иван"] == "иван"  # other scripts stay readable
    assert slugs["../../etc/passwd"] == "etc-passwd"
    assert slugs[".."].startswith("x-") and slugs["!!!"].startswith("x-")
    # `index` would be the folder's own page; `con` is a device name to Windows.
    assert slugs["index"].startswith("index-") and slugs["con"].startswith("con-")


def files_under(root: Path, *skip: str) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).as_posix().startswith(skip)
    }


def test_group_pages_of_any_name_stay_in_the_site_and_list_their_documents(site, cli, logs):
    for index, name in enumerate(FAMILIES):
        text = design(f"P-{index}", status=json.dumps(name), owners=json.dumps([name, "bob"]))
        site.doc(f"design/p{index}.md", text)
    site.plugin(export="specs.json")
    site.write_config()
    before = files_under(site.root, "site/")
    built = site.build()
    logs.expect_findings()
    # Nothing written beside the site but the plugin's cache, in its own folder.
    assert files_under(site.root, "site/", ".cache/plugin/specs/") == before
    site_dir = built.site_dir.resolve()
    for page in built.pages():
        assert page.resolve().is_relative_to(site_dir)
    # Owners are names of their own; statuses that differ only in case, spaces, hyphens or
    # underscores are one status, with one page.
    statuses = {squash(" ".join(name.split())) for name in FAMILIES}
    for kind, expected in (("owner", len(FAMILIES) + 1), ("status", len(statuses))):
        folder = built.site_dir / "specs-index" / kind
        pages = sorted(p.parent.name for p in folder.glob("*/index.html"))
        assert len(pages) == expected  # owners: and bob
        assert not (folder / "index.html").exists()
        for index, name in enumerate(FAMILIES):
            card = built.content(f"design/p{index}/index.html")
            link = card.find("a", class_=f"specs-{kind}") if kind == "owner" else None
            link = link or card.find("a", class_="specs-badge")
            shown = " ".join(name.split())
            assert link.text == shown if kind == "owner" else squash(link.text) == squash(shown)
            target = (built.site_dir / f"design/p{index}" / unquote(link.attrs["href"])).resolve()
            assert target.is_relative_to(site_dir) and target.parent == folder.resolve()
            group = built.content(f"{target.relative_to(site_dir).as_posix()}/index.html")
            listed = [a.text for a in group.find_all("a", class_="specs-doc-link")]
            assert f"P-{index} - Feature Design" in listed
            if kind == "owner":
                assert listed == [f"P-{index} - Feature Design"]
    result = cli("index", "--out", "md")
    assert result.exit_code == 0, result.output
    out = (site.root / "md").resolve()
    written = [p for p in out.rglob("*") if p.is_file()]
    # home, relations, the groups of owners and statuses, bob, the type
    assert len(written) == 2 + len(FAMILIES) + len(statuses) + 2
    assert all(p.resolve().is_relative_to(out) for p in written)


SECRET = "SECRET-7f3a"


@pytest.fixture
def outside(site):
    """Files beside the docs folder, which no document may read."""
    (site.root / "secret.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (site.root / "secret.yaml").write_text(f"status: {SECRET}\nowners: [{SECRET}]\n")
    return site.root


def all_output(built) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in built.site_dir.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml")
    )


def test_a_relation_cannot_name_a_file_outside_the_docs_folder(site, outside, logs):
    targets = [
        "../secret.md",
        "../../secret.md",
        "/secret.md",
        str(outside / "secret.md"),
        "[x](../../secret.md)",
        "[x](%2e%2e/%2e%2e/secret.md)",
        "file:///etc/passwd",
    ]
    site.doc("design/a.md", design("A-1").replace("---\n", f"---\nrelated: {targets}\n", 1))
    site.plugin(export="specs.json")
    built = site.build()
    found = logs.expect("design/a.md", "[unknown-reference]")
    assert len(found) == len(targets)
    assert SECRET not in all_output(built)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("sidecar", ["metadata.yaml", "a.meta.yaml"])
def test_a_sidecar_that_links_outside_the_docs_folder_is_not_read(site, outside, sidecar, logs):
    site.doc("design/a.md", design("A-1"))
    os.symlink(outside / "secret.yaml", site.docs / "design" / sidecar)
    site.plugin(export="specs.json")
    built = site.build()
    assert SECRET not in all_output(built)
    record = json.loads(built.html("specs.json"))["documents"][0]
    assert record["status"] == "Draft" and record["owners"] == ["bob"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_check_does_not_read_a_sidecar_outside_the_docs_folder(site, outside, cli):
    site.doc("design/a.md", design("A-1"))
    os.symlink(outside / "secret.yaml", site.docs / "design" / "metadata.yaml")
    assert SECRET not in json.dumps(cli.json())
