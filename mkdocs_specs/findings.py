"""The rules a finding can come from, their default severity and what each one means.

This table is the single source for severities; the documentation's list of findings
(``docs/findings.md``) is kept true to it by a test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Document, Finding, Severity


@dataclass(frozen=True)
class Rule:
    """A kind of finding."""

    name: str
    severity: Severity
    meaning: str


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "unreadable",
            Severity.ERROR,
            "The file is not UTF-8 text, holds NUL bytes, or is larger than `max_file_size`; "
            "it is listed as invalid and its metadata is not read.",
        ),
        Rule(
            "front-matter",
            Severity.ERROR,
            "The YAML front matter is not valid YAML, uses a tag that safe loading refuses "
            "(`!!python/...`), is not a mapping, or is too large or deeply aliased.",
        ),
        Rule(
            "sidecar",
            Severity.ERROR,
            "A sidecar metadata file beside the document is not valid YAML or not a mapping.",
        ),
        Rule(
            "unknown-type",
            Severity.ERROR,
            "The document's `type` field is close to a configured type's name without naming it; "
            "other values are the format's own `type` field.",
        ),
        Rule(
            "missing-field",
            Severity.ERROR,
            "A field the type requires (for example `status` or `owners`) is absent or empty.",
        ),
        Rule(
            "invalid-field",
            Severity.ERROR,
            "A field does not match the type's schema: a status outside the allowed list, an "
            "impossible date, an ID that does not match its pattern, a value of the wrong kind.",
        ),
        Rule(
            "metadata-conflict",
            Severity.WARNING,
            "Two metadata sources give one field different values; the source with the higher "
            "precedence wins.",
        ),
        Rule(
            "normalized-status",
            Severity.INFO,
            "A status was mapped to a configured one by the normalization rules: a qualifier set "
            "aside (`Implemented (Swift 5.9)`), emphasis or punctuation dropped, or a misspelling "
            "forgiven (`imlpemented`). The message says which; fix the text to silence it.",
        ),
        Rule(
            "missing-section",
            Severity.ERROR,
            "A section the type requires is not among the document's headings.",
        ),
        Rule(
            "placeholder",
            Severity.WARNING,
            "Template text was left unfilled: a `[Placeholder]` from the type's template, or a "
            "field whose whole value is in square brackets.",
        ),
        Rule(
            "guidance-comment",
            Severity.WARNING,
            "An HTML comment from the type's template (`<!-- guidance -->`) was left untouched.",
        ),
        Rule(
            "empty-section",
            Severity.WARNING,
            "A heading has no text under it and no sub-sections.",
        ),
        Rule(
            "empty-item",
            Severity.WARNING,
            "A list item has no text, such as a template's `1. ` line.",
        ),
        Rule(
            "unsafe-html",
            Severity.WARNING,
            "The text holds `<![` that opens no CDATA or marked section. Python's HTML parser "
            "(before Python 3.13), which MkDocs runs over every page, stops the whole build on "
            "it; the plugin shows it as `&lt;![` instead, also inside inline code.",
        ),
        Rule(
            "duplicate-id",
            Severity.ERROR,
            "Two documents of the same type share an ID.",
        ),
        Rule(
            "unknown-reference",
            Severity.ERROR,
            "A relation field (`depends_on`, `related`, ...) names an ID or path that no "
            "discovered document has.",
        ),
        Rule(
            "dependency-cycle",
            Severity.ERROR,
            "Links of an acyclic relation (`depends_on` by default) lead back to the document "
            "they start from; the message shows the cycle.",
        ),
        Rule(
            "missing-successor",
            Severity.ERROR,
            "The status says the document is superseded, but no existing document supersedes "
            "it: `superseded_by` is missing or names no document.",
        ),
        Rule(
            "status-progress",
            Severity.WARNING,
            "The status says the document is finished (Complete, Implemented, Merged, ...) but "
            "some of its checklist items are still open.",
        ),
        Rule(
            "stale",
            Severity.WARNING,
            "The document has gone unchanged for longer than its type's `review_every` allows "
            "in its status: by its `updated` field, else by the last git commit of its files. "
            "Only types with `review_every` have stale documents.",
        ),
        Rule(
            "coverage",
            Severity.WARNING,
            "A rule of the type's `coverage` applies to the document (by its status) and it is "
            "not linked, by the rule's relation, to as many documents of the rule's types as the "
            "rule asks: a specification that no design implements, say.",
        ),
        Rule(
            "test-results",
            Severity.WARNING,
            "A JUnit XML report that `test_results` names cannot be read: not well-formed XML, "
            "not a JUnit report, a document type declaration (refused), larger than "
            "`max_file_size`, or past the limits of reports and test cases; or a pattern that "
            "matches no file; or a test case's property names an ID that no document has.",
        ),
        Rule(
            "tests",
            Severity.WARNING,
            "A document in its type's `tests_from` status or a later one has no passing test "
            "in the reports of `test_results`, or has failing ones.",
        ),
        Rule(
            "external",
            Severity.WARNING,
            "A source of the `external` option cannot be used: the file or URL cannot be read "
            "(its last good copy is shown, when one is kept), is not valid JSON or does not "
            "match the schema of `specs.json`, gives its documents no base URL, or one of its "
            "IDs is a document's ID here (this site's document wins).",
        ),
        Rule(
            "bad-query",
            Severity.ERROR,
            "A ```` ```specs ```` query block cannot run: its YAML is invalid, it names an "
            "unknown option, field or column, a bad operator or `show`, or a limit below 1. The "
            "page shows an error box in its place.",
        ),
    )
}


MAX_FINDINGS_PER_RULE = 100
"""Findings of one rule listed per document; past it, one finding says that more follow. A
2 MB file of empty list items would otherwise give a million findings to log and show."""


SEVERITY_CHOICES = ("error", "warning", "info", "ignore")
"""What a rule's severity can be set to; ``ignore`` drops its findings."""


class Reporter:
    """Collects the findings of one document, with the severities the user configured."""

    def __init__(self, path: str, severities: Mapping[str, str]) -> None:
        self.path = path
        self.severities = severities
        self.findings: list[Finding] = []
        self._counts: dict[str, int] = {}

    def __call__(
        self,
        rule: str,
        line: int | None,
        message: str,
        *,
        path: str | None = None,
        draft: bool = False,
    ) -> None:
        """Record a finding of ``rule`` at ``line`` (in ``path``, by default the document's);
        on a ``draft``, as information whatever its severity."""
        level = self.severities.get(rule)
        if level == "ignore":
            return
        severity = Severity(level) if level else RULES[rule].severity
        if draft:
            severity = Severity.INFO
        count = self._counts[rule] = self._counts.get(rule, 0) + 1
        if count > MAX_FINDINGS_PER_RULE + 1:
            return
        if count > MAX_FINDINGS_PER_RULE:
            message = (
                f"more '{rule}' findings from here on are not listed; expected at most "
                f"{MAX_FINDINGS_PER_RULE} of a rule in one document"
            )
        self.findings.append(Finding(path or self.path, line, rule, message, severity))


def on_field(
    document: Document, field: str, rule: str, message: str, severities: Mapping[str, str]
) -> list[Finding]:
    """A finding of ``rule`` on the line where ``document`` gave ``field`` (in the file it was
    read from: the document, or a sidecar), with the user's severities; none when the rule is
    ignored. For the checks that find something wrong with a document from outside it."""
    path, line = document.field_lines.get(field, (document.path, None))
    report = Reporter(document.path, severities)
    report(rule, line, message, path=path)
    return report.findings


COUNT_NAMES = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
"""How the JSON outputs (``specs.json``, ``check --format json``) name the count of findings of
each severity: the plural words of the summary line (``3 errors, 1 warning``)."""


def severity_counts(counts: Mapping[Severity, int]) -> dict[str, int]:
    """``{"errors": 3, "warnings": 1, "infos": 0}``: the counts of each severity, as the JSON
    outputs name them."""
    return {name: counts.get(severity, 0) for severity, name in COUNT_NAMES.items()}


def summary(documents: int, findings: Iterable[Finding], infos: bool = False) -> str:
    """``12 documents, 3 errors, 1 warning`` (and how many infos, with ``infos``)."""
    counts = Counter(finding.severity for finding in findings)
    parts = [(documents, "document"), (counts[Severity.ERROR], "error")]
    parts.append((counts[Severity.WARNING], "warning"))
    if infos:
        parts.append((counts[Severity.INFO], "info"))
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


RESIDUE = ("placeholder", "guidance-comment", "empty-section", "empty-item")
"""The rules of what is left of a template, each a label (``residue.<rule>``) that counts it."""


def residue(findings: Iterable[Finding]) -> list[tuple[str, int, str]]:
    """How much of its template a document has left to fill in, from its ``findings``: for each
    rule of :data:`RESIDUE` that has some, the rule, its count and the count as shown (``50+``
    past the limit of findings of one rule, whose last finding says more are not listed)."""
    counts = Counter(finding.rule for finding in findings if finding.rule in RESIDUE)
    return [
        (rule, counts[rule], f"{MAX_FINDINGS_PER_RULE}+")
        if counts[rule] > MAX_FINDINGS_PER_RULE
        else (rule, counts[rule], str(counts[rule]))
        for rule in RESIDUE
        if counts[rule]
    ]


def in_order(findings: Iterable[Finding], path: str) -> list[Finding]:
    """A document's findings (its file is ``path``) as a reader goes through it: its own file's
    by line, first, then those of other files (sidecars), by file and line."""
    return sorted(findings, key=lambda f: (f.path != path, f.path, f.line or 0))
