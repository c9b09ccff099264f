"""A second reading of the format presets, as a user with a real repository in each format: the
defects it found, each kept by a test that builds a real site."""

from __future__ import annotations

from .test_presets import export


def test_a_negated_status_is_not_read_as_a_misspelling_of_its_opposite(site, logs):
    """`Inactive` is two edits from `Active` and `Incomplete` two from `Complete`, but letters
    added in front of a status make another word, often its opposite: it is reported, not
    mapped."""
    site.doc("index.md", "# Home\n")
    body = "## Summary\n\nx\n\n## Motivation\n\ny\n"
    site.doc("rfcs/0001-a.md", f"# A\n\nStatus: Inactive\n\n{body}")
    site.doc("rfcs/0002-b.md", f"# B\n\nStatus: Unimplemented\n\n{body}")
    site.doc("rfcs/0003-c.md", f"# C\n\nStatus: Acceptd\n\n{body}")
    site.plugin(presets=["rfc"])
    records = export(site.build())
    assert records["rfcs/0001-a.md"]["status"] == "Inactive"
    assert records["rfcs/0002-b.md"]["status"] == "Unimplemented"
    assert [f["rule"] for f in records["rfcs/0001-a.md"]["findings"]] == ["invalid-field"]
    assert records["rfcs/0003-c.md"]["status"] == "Accepted"  # a real misspelling still is
    logs.expect_findings()
