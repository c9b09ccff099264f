"""A second reading of the format presets, as a user with a real repository in each format: the
defects it found, each kept by a test that builds a real site."""

from __future__ import annotations

import shutil

from .docs import spec
from .test_format_presets import FIXTURES, export


def test_a_negated_status_is_not_read_as_a_misspelling_of_its_opposite(site, logs):
    """`Inactive` is two edits from `Active`, `Incomplete` from `Complete` and `Preview` from
    `In Review`, but a word that starts with another letter is another word, often the
    opposite: it is reported, not mapped."""
    site.doc("index.md", "# Home\n")
    body = "## Summary\n\nx\n\n## Motivation\n\ny\n"
    site.doc("rfcs/0001-a.md", f"# A\n\nStatus: Inactive\n\n{body}")
    site.doc("rfcs/0002-b.md", f"# B\n\nStatus: Unimplemented\n\n{body}")
    site.doc("rfcs/0003-c.md", f"# C\n\nStatus: Acceptd\n\n{body}")
    site.doc("rfcs/0004-d.md", f"# D\n\nStatus: Preview\n\n{body}")
    site.plugin(presets=["rfc"])
    records = export(site.build())
    assert records["rfcs/0001-a.md"]["status"] == "Inactive"
    assert records["rfcs/0002-b.md"]["status"] == "Unimplemented"
    assert records["rfcs/0004-d.md"]["status"] == "Preview"  # not `In Review`, two edits away
    assert [f["rule"] for f in records["rfcs/0001-a.md"]["findings"]] == ["invalid-field"]
    assert records["rfcs/0003-c.md"]["status"] == "Accepted"  # a real misspelling still is
    logs.expect_findings()


def test_a_swift_style_header_keeps_its_bold_status_and_its_linked_authors(site):
    """Swift Evolution's `* Status: **Implemented (Swift 5.9)**`: the bold value was skipped as
    if the line were a `**Key**: value` line, losing the status; authors are links."""
    site.doc("index.md", "# Home\n")
    site.doc(
        "rfcs/0013-trailing-commas.md",
        "# Allow trailing commas\n\n"
        "* Proposal: [SE-0013](0013-trailing-commas.md)\n"
        "* Authors: [Jane Doe](https://github.com/jdoe), [@bsmith](https://github.com/bsmith)\n"
        "* Status: **Implemented (Swift 5.9)**\n\n"
        "## Summary\n\nx\n\n## Motivation\n\ny\n",
    )
    site.plugin(presets=["rfc"], severity={"normalized-status": "ignore"})
    record = export(site.build(strict=True))["rfcs/0013-trailing-commas.md"]
    assert record["status"] == "Implemented"
    assert record["fields"]["status_note"] == "Swift 5.9"
    assert record["owners"] == ["Jane Doe", "bsmith"]


def test_an_rfc_whose_feature_name_is_n_a_is_titled_from_its_file_name(site):
    """Many Rust RFCs have no feature: `- Feature Name: N/A`, which is no title."""
    site.doc("index.md", "# Home\n")
    site.doc(
        "rfcs/text/2436-style-guide.md",
        "- Feature Name: N/A\n- Start Date: 2018-04-19\n"
        "- RFC PR: [rust-lang/rfcs#2436](https://github.com/rust-lang/rfcs/pull/2436)\n"
        "- Rust Issue: n/a\n\n"
        "# Summary\n[summary]: #summary\n\nx\n\n# Motivation\n[motivation]: #motivation\n\ny\n",
    )
    site.plugin(presets=["rfc"])
    record = export(site.build(strict=True))["rfcs/text/2436-style-guide.md"]
    assert record["title"] == "Style guide"
    assert "rust_issue" not in record["fields"]


RUST_TEMPLATE = """\
- Feature Name: (fill me in with a unique ident, `my_awesome_feature`)
- Start Date: (fill me in with today's date, YYYY-MM-DD)
- RFC PR: [rust-lang/rfcs#0000](https://github.com/rust-lang/rfcs/pull/0000)
- Rust Issue: [rust-lang/rust#0000](https://github.com/rust-lang/rust/issues/0000)

# Summary
[summary]: #summary

One paragraph explanation of the feature.

# Motivation
[motivation]: #motivation

Why are we doing this?
"""


def test_the_rfc_template_that_rfc_repositories_keep_is_not_an_rfc(site):
    """Rust's, Ember's and React's RFC repositories keep their template as `0000-template.md`
    beside the RFCs: it is no RFC, and its placeholder date is no error to fix."""
    site.doc("index.md", "# Home\n")
    site.doc("rfcs/0000-template.md", RUST_TEMPLATE)
    site.doc("rfcs/text/0001-a.md", RUST_TEMPLATE.replace("0000", "0001").replace("(fill", "x"))
    site.plugin(presets=["rfc"], severity={"invalid-field": "info"})
    records = export(site.build(strict=True))
    assert list(records) == ["rfcs/text/0001-a.md"]


def test_an_rfc_that_opens_with_its_title_is_titled_by_it_not_by_its_file_name(site):
    """Swift Evolution and email-style RFCs write the title as the H1 above their headers; only
    an H1 below the headers (Rust's `# Summary`) is a section, leaving the file name."""
    site.doc("index.md", "# Home\n")
    sections = "## Summary\n\nx\n\n## Motivation\n\ny\n"
    site.doc("rfcs/0012-logs.md", f"# Allow trailing commas\n\n* Status: Accepted\n\n{sections}")
    site.doc("rfcs/0013-json.md", f"# RFC 13: Structured logs\n\nStatus: Draft\n\n{sections}")
    site.doc(
        "rfcs/0014-tiers.md",
        "- Start Date: 2024-01-02\n\n# Summary\n\nx\n\n# Motivation\n\ny\n",
    )
    site.plugin(presets=["rfc"])
    records = export(site.build(strict=True))
    assert records["rfcs/0012-logs.md"]["title"] == "Allow trailing commas"
    assert records["rfcs/0013-json.md"]["title"] == "RFC 13: Structured logs"
    assert records["rfcs/0014-tiers.md"]["title"] == "Tiers"


DECISION = "## Context and Problem Statement\n\nx\n\n## Decision Outcome\n\ny\n"


def test_a_qualifier_after_the_successor_is_set_aside_not_read_as_part_of_it(site, logs):
    """`Superseded by ADR-0009 (2024-05-01)` named no document (`missing-successor`, an error)
    and `superseded by [ADR-0009](...) on 2024-01-01` left `on 2024-01-01` unresolved."""
    site.doc("index.md", "# Home\n")
    for name, status in [
        ("0001-a", "Superseded by ADR-0009 (2024-05-01)"),
        ("0002-b", "superseded by [ADR-0009](0009-z.md) on 2024-01-01"),
        ("0003-c", "superseded by [ADR 9 (v2)](0009-z.md)"),
        ("0009-z", "accepted"),
    ]:
        site.doc(f"decisions/{name}.md", f'---\nstatus: "{status}"\n---\n# {name}\n\n{DECISION}')
    site.plugin(presets=["madr"])
    records = export(site.build(strict=True))
    for name, note in [("0001-a", "2024-05-01"), ("0002-b", "on 2024-01-01"), ("0003-c", None)]:
        record = records[f"decisions/{name}.md"]
        assert record["status"] == "Superseded"
        assert record["fields"].get("status_note") == note
        assert record["relations"]["unresolved"] == []
        successors = record["relations"]["incoming"]["supersedes"]
        assert [s["id"] for s in successors] == ["0009"]
    logs.expect_findings()


def test_naming_spec_kit_leaves_seed_specs_kept_in_unnumbered_folders_alone(site):
    """spec-kit numbers its feature folders (`001-x`, `20250114-1530-x`); a feature-spec kept
    as `specs/checkout/spec.md` was taken for a spec-kit feature, and the specs beside it for
    its members, which left them out of the index."""
    site.doc("index.md", "# Home\n")
    site.doc("specs/checkout/spec.md", spec("001-checkout", "Checkout", "Draft", "alice"))
    site.doc("specs/checkout/saved-cards.md", spec("006-saved-cards", "Cards", "Draft", "bob"))
    site.plugin(presets=["feature-spec", "spec-kit"])
    records = export(site.build(strict=True))
    assert {path: r["type"] for path, r in records.items()} == {
        "specs/checkout/spec.md": "feature-spec",
        "specs/checkout/saved-cards.md": "feature-spec",
    }


def test_kiro_optional_tasks_starred_after_their_number_are_not_counted(site):
    """Kiro marks optional tasks (most often property-based tests) as `- [ ] 2.3* ...` as well
    as `- [ ]* ...`: counted as open, they kept finished specs `In Progress`."""
    site.doc("index.md", "# Home\n")
    site.doc(
        ".kiro/specs/cache-keys/requirements.md",
        "# Requirements Document\n\n## Introduction\n\nx\n\n## Requirements\n\ny\n",
    )
    site.doc(
        ".kiro/specs/cache-keys/tasks.md",
        "# Implementation Plan\n\n- [x] 1. Build keys\n  - [x] 1.1 Hash parts\n"
        "  - [ ] 1.2* Write property test for Property 1\n    - _Requirements: 1.1_\n"
        "- [x] 2. Wire the cache\n- [ ] 3* Load test\n",
    )
    site.config(exclude_docs="!.kiro/\n")
    site.plugin(presets=["kiro"])
    record = export(site.build(strict=True))[".kiro/specs/cache-keys/requirements.md"]
    assert (record["status"], record["progress"]["done"], record["progress"]["total"]) == (
        "Complete",
        3,
        3,
    )


def test_a_status_word_followed_by_a_noun_is_another_status_not_a_qualified_one(site, logs):
    """Swift Evolution's `Active review` is a review under way, not the RFC status `Active`;
    words after a status are a qualifier only when they read as one (`on 2024-05-01`, `with
    modifications`, `in Swift 5.9`, `2024-05-01`)."""
    site.doc("index.md", "# Home\n")
    body = "## Summary\n\nx\n\n## Motivation\n\ny\n"
    for number, status in [
        ("0001", "Active review"),
        ("0002", "Accepted with modifications"),
        ("0003", "Implemented in Swift 5.9"),
        ("0004", "Accepted 2024-05-01"),
    ]:
        site.doc(f"rfcs/{number}-x.md", f"# X\n\n* Status: {status}\n\n{body}")
    site.plugin(presets=["rfc"])
    records = export(site.build())
    statuses = [records[f"rfcs/000{n}-x.md"]["status"] for n in range(1, 5)]
    assert statuses == ["Active review", "Accepted", "Implemented", "Accepted"]
    logs.expect_findings()


def test_changing_a_seed_preset_under_types_keeps_it_behind_the_format_presets(site):
    """A type under `types` comes first in matching order: changing the feature-spec seed's
    required fields put its `specs/**/*.md` ahead of spec-kit's `specs/[0-9]*/spec.md`, so every
    file of every feature folder became a feature-spec of its own."""
    site.doc("index.md", "# Home\n")
    shutil.copytree(FIXTURES / "spec-kit", site.docs, dirs_exist_ok=True)
    site.doc("specs/001-checkout.md", spec("001-checkout", "Checkout", "Draft", "alice"))
    site.plugin(
        presets=["feature-spec", "spec-kit"],
        types={"feature-spec": {"required_fields": ["id", "status"]}},
    )
    records = export(site.build(strict=True))
    assert records["specs/001-photo-albums/spec.md"]["type"] == "spec-kit"
    assert "specs/001-photo-albums/plan.md" not in records
    assert records["specs/001-checkout.md"]["type"] == "feature-spec"


def test_a_kiro_bugfix_spec_is_one_entry_like_a_feature_spec(site):
    """Kiro's bugfix specs hold `bugfix.md` where feature specs hold `requirements.md`: they were
    left out of the index, and their `design.md` became a broken feature-design of its own."""
    site.doc("index.md", "# Home\n")
    site.doc(
        ".kiro/specs/otp-email/bugfix.md",
        "# Bugfix Requirements Document\n\n## Introduction\n\nThe OTP email never arrives.\n\n"
        "## Bug Analysis\n\n### Current Behavior (Defect)\n\n1.1 WHEN a user registers THEN the "
        "system sends nothing\n\n### Expected Behavior (Correct)\n\n2.1 WHEN a user registers "
        "THEN the system SHALL send the OTP\n",
    )
    site.doc(".kiro/specs/otp-email/design.md", "# Design Document\n\n## Overview\n\nSMTP.\n")
    site.doc(".kiro/specs/otp-email/tasks.md", "# Implementation Plan\n\n- [x] 1. Fix SMTP\n")
    site.config(exclude_docs="!.kiro/\n")
    site.plugin(presets=["kiro", "feature-design"])
    records = export(site.build(strict=True))
    assert list(records) == [".kiro/specs/otp-email/bugfix.md"]
    record = records[".kiro/specs/otp-email/bugfix.md"]
    assert (record["type"], record["id"], record["title"], record["status"]) == (
        "kiro",
        "otp-email",
        "Otp email",
        "Complete",
    )
    assert [m["path"] for m in record["members"]] == [
        ".kiro/specs/otp-email/design.md",
        ".kiro/specs/otp-email/tasks.md",
    ]


def test_a_document_that_does_not_open_with_its_h1_is_titled_by_its_title(site):
    """MkDocs takes a page's title from its H1 only when the page opens with it: a KEP keeps
    its template's comment above the H1 and was titled `Index` (from README.md) in the
    navigation and the browser tab, a Rust RFC by its file name."""
    site.doc("index.md", "# Home\n")
    site.doc(
        "keps/sig-node/2000-graceful-shutdown/kep.yaml",
        "title: Graceful <Node> Shutdown\nstatus: implementable\nauthors: ['@bobbypage']\n",
    )
    site.doc(
        "keps/sig-node/2000-graceful-shutdown/README.md",
        "<!--\n**Note:** When your KEP is complete, remove these comments.\n-->\n"
        "# KEP-2000: Graceful <Node> Shutdown\n\n## Summary\n\nx\n\n## Motivation\n\ny\n\n"
        "## Proposal\n\nz\n",
    )
    site.doc(
        "rfcs/1444-union.md",
        "- Feature Name: `untagged_unions`\n\n# Summary\n\nx\n\n# Motivation\n\ny\n",
    )
    site.doc("specs/001-x.md", spec("001-x", "Checkout", "Draft", "alice"))
    site.plugin(presets=["kep", "rfc", "feature-spec"])
    built = site.build(strict=True)
    kep = built.page("keps/sig-node/2000-graceful-shutdown/index.html")
    assert kep.find("title").text.startswith("Graceful <Node> Shutdown - ")  # escaped
    rfc = built.page("rfcs/1444-union/index.html")
    assert rfc.find("title").text.startswith("untagged_unions - ")
    # One that opens with its H1 is titled as the plugin titles it everywhere, without the
    # template's "Feature Specification:".
    seed = built.page("specs/001-x/index.html")
    assert seed.find("title").text.startswith("Checkout - ")


KEP_README = "# KEP-{0}: {1}\n\n## Summary\n\nx\n\n## Motivation\n\ny\n\n## Proposal\n\nz\n"


def test_kep_metadata_naming_web_pages_or_left_empty_is_not_an_error(site):
    """Real `kep.yaml` files list web pages under `see-also` and keep the template's empty
    `replaces: [""]` and `superseded-by: [null]`: each was an error (`unknown-reference`, or
    `invalid-field` for the null), so no real tree built strict without edits."""
    site.doc("index.md", "# Home\n")
    site.doc(
        "keps/sig-node/2000-shutdown/kep.yaml",
        "title: Shutdown\nstatus: implementable\nauthors: ['@a']\n",
    )
    site.doc("keps/sig-node/2000-shutdown/README.md", KEP_README.format(2000, "Shutdown"))
    site.doc(
        "keps/sig-node/2001-restart/kep.yaml",
        "title: Restart\nstatus: provisional\nauthors: ['@b']\nsee-also:\n"
        '  - "https://github.com/kubernetes/enhancements/issues/2000"\n'
        '  - "https://goo.gl/qiARUK - Network Proxy design proposal"\n'
        '  - "[design](https://docs.google.com/document/d/1)"\n'
        '  - "/keps/sig-node/2000-shutdown"\n'
        'replaces:\n  - ""\nsuperseded-by:\n  -\n',
    )
    site.doc("keps/sig-node/2001-restart/README.md", KEP_README.format(2001, "Restart"))
    site.plugin(presets=["kep"])
    records = export(site.build(strict=True))
    record = records["keps/sig-node/2001-restart/README.md"]
    assert [r["id"] for r in record["relations"]["outgoing"]["related"]] == ["2000"]
    assert record["findings"] == []
