"""Write a docs site of N documents with the sizes and shapes of a real tree of proposals.

The model is kubernetes/enhancements (617 KEPs): a document's length follows a log-normal law
(median about 14 KB, mean about 26 KB, a few over 100 KB, none over 400 KB), with long tables,
fenced code blocks (YAML, Go, shell, now and then Mermaid), a table of contents, a release
checklist, dozens of headings; about as many owners as documents (one to three each); statuses
in free text, a few of them odd; and a few findings per document, as a real tree has (sections
left empty, a status that says finished over open checklist items, a title that differs from
the sidecar's, a reference to no document, an impossible date, a placeholder left, a missing
field or section). Three kinds, as in the synthetic site:

- three fifths KEP-like: ``keps/sig-*/NNNN-slug/README.md`` with a ``kep.yaml`` sidecar (the
  ``kep`` preset);
- one fifth feature designs with front matter (``design/``, the ``feature-design`` preset);
- one fifth feature specifications with ``**Key**: value`` lines (``specs/``,
  ``feature-spec``);

plus 50 ordinary pages and a home page, as ``generate.py`` writes. The same seed gives the same
site; 10,000 documents (about 260 MB) take a few seconds to write.

    python benchmarks/realistic.py 1000 /tmp/realistic-1000
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import shutil
from pathlib import Path

from generate import PAGES, PARAGRAPH, _page

MEDIAN_BYTES = 15_000
SIGMA = 1.0
"""Log-normal sizes of the whole document: mean = median * exp(sigma^2 / 2), about 25 KB;
P(> 100 KB) about 3%. (The KEP tree: median 25 KB, mean 33 KB, 2.4% over 100 KB; the corpus is
a little lighter, as trees of shorter documents are the harder case for the plugin, whose cost
per document hardly depends on its length.)"""
SMALLEST, LARGEST = 2_500, 400_000

GROUPS = (
    ("sig-node", 20), ("sig-api-machinery", 13), ("sig-storage", 11), ("sig-network", 10),
    ("sig-scheduling", 9), ("sig-auth", 6), ("sig-cli", 6), ("sig-apps", 6),
    ("sig-cloud-provider", 4), ("sig-instrumentation", 3), ("sig-architecture", 3),
    ("sig-release", 3), ("sig-windows", 2), ("sig-autoscaling", 2), ("sig-testing", 1),
    ("sig-etcd", 1),
)  # fmt: skip
"""Owning groups and their weights, as in the KEP tree (sig-node a fifth of it)."""

KEP_STATUSES = (
    ("implemented", 45), ("implementable", 41), ("provisional", 8), ("withdrawn", 2),
    ("replaced", 1), ("rejected", 1), ("deferred", 0.5),
    # Free text, as found in the tree: a misspelling, a stage in brackets, words of its own.
    ("imlpemented", 0.4), ("implemented (alpha)", 0.4), ("removed", 0.3), ("superseded", 0.3),
)  # fmt: skip
DESIGN_STATUSES = (
    ("Draft", 25), ("In Review", 25), ("Approved", 25), ("Implemented", 22),
    ("approved - pending security review", 1), ("WIP", 1), ("in review", 1),
)  # fmt: skip
SPEC_STATUSES = (
    ("Draft", 30), ("In Progress", 35), ("Complete", 32), ("Completed", 1.5), ("On hold", 1.5),
)  # fmt: skip
FINISHED = {"implemented", "imlpemented", "implemented (alpha)", "Implemented", "Complete"}
STAGES = ("alpha", "beta", "stable")
OWNERS_PER_DOC = ((1, 60), (2, 28), (3, 12))
"""One to three owners, from a pool as large as the documents: the KEP tree has 520 distinct
authors for 617 KEPs, 1.7 a KEP."""

WORDS = (
    "the", "kubelet", "controller", "scheduler", "pod", "node", "volume", "claim", "endpoint",
    "service", "quota", "policy", "feature", "gate", "alpha", "beta", "stable", "rollout",
    "rollback", "upgrade", "downgrade", "skew", "version", "api", "field", "object", "status",
    "condition", "label", "selector", "namespace", "cluster", "admission", "webhook", "metric",
    "latency", "request", "response", "cache", "watch", "resource", "limit", "request",
    "container", "runtime", "image", "network", "storage", "driver", "plugin", "operator",
    "user", "workload", "job", "replica", "deployment", "storage", "class", "topology", "must",
    "should", "may", "will", "when", "if", "only", "each", "every", "that", "this", "which",
    "with", "without", "before", "after", "during", "between", "enabled", "disabled",
    "default", "existing", "new", "current", "proposed", "behaviour", "change",
)  # fmt: skip


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


class Pieces:
    """Text made once per site and drawn from per document, so that writing 10,000 documents
    of 26 KB each costs seconds: paragraphs, code blocks, tables and Mermaid diagrams."""

    def __init__(self, rng: random.Random) -> None:
        self.paragraphs = [self._paragraph(rng) for _ in range(400)]
        self.code = [self._code(rng, i) for i in range(150)]
        self.mermaid = [self._mermaid(rng, i) for i in range(10)]
        self.tables = [self._table(rng, rows) for rows in (3, 4, 5, 6, 8, 10, 12, 20, 40, 130)]

    @staticmethod
    def _paragraph(rng: random.Random) -> str:
        sentences = []
        for _ in range(rng.randint(2, 7)):
            words = rng.choices(WORDS, k=rng.randint(8, 24))
            if rng.random() < 0.3:
                words[rng.randrange(len(words))] = f"`{rng.choice(WORDS)}`"
            if rng.random() < 0.15:
                words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
            sentences.append(" ".join(words).capitalize() + ".")
        return " ".join(sentences)

    @staticmethod
    def _code(rng: random.Random, n: int) -> str:
        kind = n % 3
        lines = rng.randint(6, 60)
        if kind == 0:
            body = "\n".join(
                f"{'  ' * (i % 3)}{rng.choice(WORDS)}{i}: {rng.choice(WORDS)}" for i in range(lines)
            )
            return f"```yaml\napiVersion: v1\nkind: Pod\n{body}\n```"
        if kind == 1:
            body = "\n".join(
                f"\t{rng.choice(WORDS).capitalize()}{i} {rng.choice(('string', 'int32', '*bool'))}"
                f' `json:"{rng.choice(WORDS)}{i},omitempty"`'
                for i in range(lines)
            )
            head = f"// Spec{n} is the proposed API.\ntype Spec{n} struct {{"
            return f"```go\n{head}\n{body}\n}}\n```"
        body = "\n".join(
            f"kubectl {rng.choice(('get', 'apply -f', 'describe'))} {rng.choice(WORDS)}-{i}"
            for i in range(lines // 3 + 2)
        )
        return f"```shell\n{body}\n```"

    @staticmethod
    def _mermaid(rng: random.Random, n: int) -> str:
        steps = [f"S{i}[{rng.choice(WORDS)} {rng.choice(WORDS)}]" for i in range(rng.randint(3, 8))]
        arrows = "\n".join(f"    {a} --> {b}" for a, b in itertools.pairwise(steps))
        return f"```mermaid\nflowchart LR\n{arrows}\n```"

    @staticmethod
    def _table(rng: random.Random, rows: int) -> str:
        head = "| Feature gate | Stage | Default | Since | Notes |\n|---|---|---|---|---|\n"
        return head + "\n".join(
            f"| `{rng.choice(WORDS).capitalize()}{i}` | {rng.choice(STAGES)} "
            f"| {rng.choice(('true', 'false'))} | 1.{rng.randint(10, 33)} "
            f"| {' '.join(rng.choices(WORDS, k=rng.randint(3, 12)))} |"
            for i in range(rows)
        )

    def body(self, rng: random.Random, size: int, heading: str, mermaid: bool) -> str:
        """Sub-sections of prose, code and tables under ``heading`` until about ``size``
        bytes."""
        parts: list[str] = []
        length = 0
        n = 0
        while not parts or length < size:
            n += 1
            parts.append(f"{heading} {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}")
            for _ in range(rng.randint(1, 4)):
                parts.append(rng.choice(self.paragraphs))
            roll = rng.random()
            if roll < 0.45:
                parts.append(rng.choice(self.code))
            elif roll < 0.5:
                parts.append(rng.choice(self.tables))
            elif roll < 0.52 and mermaid:
                parts.append(rng.choice(self.mermaid))
                mermaid = False
            length = sum(len(p) + 2 for p in parts)
        return "\n\n".join(parts)


def _size(rng: random.Random) -> int:
    size = int(MEDIAN_BYTES * math.exp(rng.gauss(0, SIGMA)))
    return max(SMALLEST, min(LARGEST, size))


def _checklist(rng: random.Random, status: str, items: int) -> str:
    """Checked through when the status says finished, but one in three such documents leaves
    items open (``status-progress``), as a quarter of the implemented KEPs do."""
    done = rng.randint(0, items)
    if status in FINISHED and rng.random() > 0.33:
        done = items
    return "\n".join(
        f"- [{'x' if i < done else ' '}] {' '.join(rng.choices(WORDS, k=rng.randint(4, 12)))}"
        for i in range(items)
    )


PRR = (
    "How can this feature be enabled / disabled in a live cluster?",
    "Does enabling the feature change any default behavior?",
    "Can the feature be disabled once it has been enabled?",
    "What happens if we reenable the feature if it was previously rolled back?",
    "Are there any tests for feature enablement/disablement?",
    "How can a rollout or rollback fail? Can it impact already running workloads?",
    "What specific metrics should inform a rollback?",
    "How can an operator determine if the feature is in use by workloads?",
    "What are the reasonable SLOs (Service Level Objectives) for the enhancement?",
    "Will enabling / using this feature result in any new API calls?",
    "What are other known failure modes?",
)
"""The production readiness questions of the KEP template: the ones left unanswered are most of
the tree's findings (empty sections)."""


class Site:
    """The documents written so far, to link to."""

    def __init__(self, documents: int, rng: random.Random) -> None:
        self.rng = rng
        self.pieces = Pieces(rng)
        self.owners = [f"@{rng.choice(WORDS)}-{k}" for k in range(max(10, documents))]
        self.keps: list[str] = []
        self.designs: list[str] = []
        self.specs: list[str] = []

    def owners_of(self) -> list[str]:
        count = int(_pick(self.rng, tuple((str(n), w) for n, w in OWNERS_PER_DOC)))
        return self.rng.sample(self.owners, count)

    def earlier(self, kind: list[str], count: int) -> list[str]:
        return self.rng.sample(kind[-200:], min(count, len(kind[-200:])))


def _kep(n: int, site: Site) -> dict[str, str]:
    rng = site.rng
    group = _pick(site.rng, tuple((g, float(w)) for g, w in GROUPS))
    slug = "-".join(rng.choices(WORDS, k=rng.randint(2, 5)))
    number = 100 + n
    folder = f"keps/{group}/{number}-{slug}"
    status = _pick(rng, KEP_STATUSES)
    title = " ".join(rng.choices(WORDS, k=rng.randint(3, 7))).capitalize()
    # Sidecar.
    owners = site.owners_of()
    see_also = [f"/{k}" for k in site.earlier(site.keps, rng.choice((0, 0, 1, 2, 3)))]
    if see_also and rng.random() < 0.08:  # a KEP renamed or moved since: unknown-reference
        see_also.append(f"/keps/{group}/{number + 100000}-{slug}")
    year, month, day = rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)
    created = f"{year}-{month:02d}-{day:02d}"
    if rng.random() < 0.01:  # an impossible date
        created = f"{year}-{day + 12:02d}-{month:02d}"
    stage = rng.choice(STAGES)
    lines = [
        f'title: "{title if rng.random() > 0.15 else title + " (v2)"}"',
        f"kep-number: {number}",
        "authors:",
        *[f'  - "{o}"' for o in owners],
        f"owning-sig: {group}",
        "participating-sigs:",
        *[f"  - {g}" for g, _ in rng.sample(GROUPS, rng.randint(0, 3))],
        "reviewers:",
        *[f'  - "{o}"' for o in rng.sample(site.owners, 2)],
        "approvers:",
        f'  - "{rng.choice(site.owners)}"',
        "editor: TBD" if rng.random() > 0.03 else 'editor: "[Your Name]"',
        f"creation-date: {created}",
        f"last-updated: {year + 1}-{month:02d}-{day:02d}",
        f"status: {status}",
        "see-also:",
        *[f'  - "{k}"' for k in see_also],
        f"stage: {stage}",
        f'latest-milestone: "v1.{rng.randint(12, 33)}"',
        "milestone:",
        *[f'  {s}: "v1.{20 + i}"' for i, s in enumerate(STAGES[: STAGES.index(stage) + 1])],
        "feature-gates:",
        f"  - name: {slug.title().replace('-', '')}",
        "    components:",
        "      - kube-apiserver",
        "      - kubelet",
        "disable-supported: true",
        "metrics:",
        f"  - {slug.replace('-', '_')}_total",
    ]
    if len(site.keps) > 5 and status in ("replaced", "superseded") and rng.random() < 0.7:
        lines.append(f'superseded-by:\n  - "/{site.keps[-1]}"')
    sidecar = "\n".join(lines) + "\n"
    # Document.
    p = site.pieces
    size = _size(rng)
    sections = [
        "Release Signoff Checklist",
        "Summary",
        "Motivation",
        "Goals",
        "Non-Goals",
        "Proposal",
        "Design Details",
    ]
    missing_motivation = rng.random() < 0.08
    if missing_motivation:
        sections.remove("Motivation")
    toc = "\n".join(f"- [{s}](#{s.lower().replace(' ', '-')})" for s in sections)
    answered = [q for q in PRR if rng.random() > 0.2]
    parts = [
        f"# KEP-{number}: {title}",
        f"<!-- toc -->\n{toc}\n<!-- /toc -->",
        "## Release Signoff Checklist",
        _checklist(rng, status, rng.randint(8, 14)),
        "## Summary",
        rng.choice(p.paragraphs),
        *(() if missing_motivation else ("## Motivation", rng.choice(p.paragraphs))),
        "### Goals",
        "\n".join(f"- {rng.choice(p.paragraphs)[:120]}" for _ in range(rng.randint(2, 6))),
        "### Non-Goals",
        "\n".join(f"- {rng.choice(p.paragraphs)[:120]}" for _ in range(rng.randint(1, 4))),
        "## Proposal",
        rng.choice(p.paragraphs),
        "### User Stories (Optional)",
        "#### Story 1",
        rng.choice(p.paragraphs),
        "### Risks and Mitigations",
        rng.choice(p.paragraphs),
        "## Design Details",
        "",  # the body, which makes up the size
        "### Test Plan",
        "##### Unit tests",
        "\n".join(f"- `pkg/{rng.choice(WORDS)}`: {rng.randint(40, 99)}%" for _ in range(3)),
        "### Graduation Criteria",
        "\n".join(f"#### {s.title()}\n\n- {rng.choice(p.paragraphs)[:160]}" for s in STAGES),
        "## Production Readiness Review Questionnaire",
        "\n\n".join(
            f"###### {q}" + (f"\n\n{rng.choice(p.paragraphs)}" if q in answered else "")
            for q in PRR
        ),
        "## Implementation History",
        "\n".join(f"- {created}: {p.paragraphs[i][:80]}" for i in range(rng.randint(1, 4))),
        "## Drawbacks",
        rng.choice(p.paragraphs) if rng.random() > 0.3 else "",
        "## Alternatives",
        rng.choice(p.paragraphs),
    ]  # fmt: skip
    at = parts.index("## Design Details") + 1
    rest = sum(len(part) + 2 for part in parts)
    parts[at] = p.body(rng, size - rest, "###", mermaid=rng.random() < 0.1)
    site.keps.append(folder)
    return {f"{folder}/README.md": "\n\n".join(parts) + "\n", f"{folder}/kep.yaml": sidecar}


def _design(n: int, site: Site) -> dict[str, str]:
    rng = site.rng
    p = site.pieces
    key = f"DES-{n}"
    status = _pick(rng, DESIGN_STATUSES)
    related = site.earlier(site.designs, rng.choice((0, 1, 2)))
    if rng.random() < 0.05:
        related.append(f"DES-{n + 10**6}")  # unknown-reference
    owners = site.owners_of()
    front = [
        f"status: {status}",
        f"owners: [{', '.join(repr(o) for o in owners)}]" if rng.random() > 0.05 else "",
        f"created: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"related: [{', '.join(related)}]",
        "reviewer: '[Reviewer]'" if rng.random() < 0.1 else "",
    ]
    body = p.body(rng, _size(rng) - 1500, "###", mermaid=rng.random() < 0.1)
    text = (
        "---\n" + "\n".join(line for line in front if line) + "\n---\n\n"
        f"# {key} - {' '.join(rng.choices(WORDS, k=5)).capitalize()}\n\n"
        f"## Overview\n\n{rng.choice(p.paragraphs)}\n\n"
        f"## Technical Design\n\n{body}\n\n"
        f"## Implementation Strategy\n\n{_checklist(rng, status, rng.randint(5, 20))}\n\n"
        f"## Test Strategy\n\n{rng.choice(p.paragraphs)}\n\n"
        f"## User Experience\n\n{rng.choice(p.paragraphs)}\n\n"
        f"## Open Questions\n\n{'' if rng.random() < 0.3 else rng.choice(p.paragraphs)}\n"
    )
    site.designs.append(key)
    return {f"design/des-{n}.md": text}


def _spec(n: int, site: Site) -> dict[str, str]:
    rng = site.rng
    p = site.pieces
    key = f"{n:05d}-feature-{n}"
    status = _pick(rng, SPEC_STATUSES)
    depends = ", ".join(site.earlier(site.specs, rng.choice((0, 1, 2))))
    created = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if rng.random() < 0.02:
        created = f"2025-{rng.randint(13, 19)}-{rng.randint(1, 28):02d}"  # invalid-field
    body = p.body(rng, _size(rng) - 1500, "###", mermaid=rng.random() < 0.1)
    text = (
        f"# Feature Specification: {' '.join(rng.choices(WORDS, k=4)).capitalize()}\n\n"
        f"## Overview\n\n**Feature ID**: {key}\n"
        f"**Status**: {status} | **Owner**: {', '.join(site.owners_of())}\n"
        f"**Created**: {created}\n**Last Updated**: 2025-12-{rng.randint(10, 28)}\n"
        + (f"**Depends On**: {depends}\n" if depends else "")
        + f"\n{rng.choice(p.paragraphs)}\n\n"
        f"## Problem Statement\n\n{rng.choice(p.paragraphs)}\n\n"
        f"## User Stories\n\n- **As an** operator\n- **I want to** {rng.choice(WORDS)}\n\n"
        f"## Technical Specification\n\n{body}\n\n"
        "## Implementation Status\n\n"
        f"### Completed\n\n{_checklist(rng, status, rng.randint(5, 20))}\n\n"
        f"### In Progress\n\n{rng.choice(p.paragraphs)}\n\n"
        f"### Planned\n\n{rng.choice(p.paragraphs)}\n\n"
        f"## Testing Strategy\n\n{'' if rng.random() < 0.3 else rng.choice(p.paragraphs)}\n"
    )
    site.specs.append(key)
    return {f"specs/{key}.md": text}


KINDS = (_kep, _kep, _kep, _design, _spec)
"""Three KEPs, a design and a spec in every five documents."""
NAV_OUT = "not_in_nav: |\n  /keps/\n  /design/\n  /specs/\n"
EXTENSIONS = "  - tables\n  - toc\n  - fenced_code\n  - admonition\n  - pymdownx.tasklist\n"
PRESETS = "[kep, feature-design, feature-spec]"


def generate(root: Path, documents: int, *, seed: int = 0, theme: str = "mkdocs") -> None:
    """Write ``root/docs`` and the four configurations ``generate.generate`` writes."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    site = Site(documents, rng)
    folders: set[Path] = set()
    for n in range(documents):
        for path, text in KINDS[n % len(KINDS)](n, site).items():
            target = docs / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_text(text, encoding="utf-8")
    (docs / "guide").mkdir(parents=True, exist_ok=True)
    for n in range(PAGES):
        page, content = _page(n)
        (docs / page).write_text(content, encoding="utf-8")
    (docs / "index.md").write_text(f"# Realistic site\n\n{PARAGRAPH}\n", encoding="utf-8")
    base = (
        f"site_name: Realistic benchmark of {documents} documents\n"
        f"theme:\n  name: {theme}\n"
        f"markdown_extensions:\n{EXTENSIONS}"
    )
    for nav in ("in", "out"):
        plain = base + (NAV_OUT if nav == "out" else "") + "plugins:\n  - search\n"
        (root / f"plain-{nav}.yml").write_text(plain, encoding="utf-8")
        option = "" if nav == "in" else "\n      documents_in_nav: false"
        specs = base + (
            "plugins:\n  - search\n  - specs:\n      export: specs.json\n"
            f"      presets: {PRESETS}{option}\n"
        )
        (root / f"specs-{nav}.yml").write_text(specs, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--theme", default="mkdocs")
    args = parser.parse_args()
    generate(args.root, args.documents, seed=args.seed, theme=args.theme)


if __name__ == "__main__":
    main()
