"""Write a synthetic docs site of N specification documents shaped like the seed templates.

Every document has its metadata (front matter or ``**Key**: value`` lines), ten sections, a
ten-item checklist, links to other documents and a table; 50 ordinary pages come with them.
The same seed gives the same site, so runs can be compared.

    python benchmarks/generate.py 1000 /tmp/site-1000
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

OWNERS = [f"owner-{n:03d}" for n in range(60)]
SPEC_STATUSES = ("Draft", "In Progress", "Complete")
DESIGN_STATUSES = ("Draft", "In Review", "Approved", "Implemented")
CHANGE_STATUSES = ("Draft", "Open", "In Review", "Merged", "Closed")

PARAGRAPH = (
    "The service keeps each request idempotent by its key, retries transient failures with "
    "exponential backoff and records every state change in the audit log, so that support can "
    "answer a merchant's question from one page. Limits are enforced per merchant and per key."
)
TABLE = (
    "| Field | Type | Notes |\n"
    "|---|---|---|\n"
    "| id | string | primary key |\n"
    "| amount | integer | minor units |\n"
    "| currency | string | ISO 4217 |\n"
    "| created_at | timestamp | UTC |\n"
)


FINISHED = {"Complete", "Implemented", "Merged"}


def _checklist(rng: random.Random, status: str, items: int = 10) -> str:
    """Ten items, all checked when the status says the work is finished, as in a tidy tree."""
    done = items if status in FINISHED else rng.randint(0, items)
    return "\n".join(
        f"- [{'x' if i < done else ' '}] Step {i + 1}: wire the handler and cover it with tests"
        for i in range(items)
    )


def _prose(title: str) -> str:
    return f"{PARAGRAPH}\n\n{title} follows the platform's conventions for naming and errors."


def _spec(n: int, rng: random.Random, ids: list[str]) -> tuple[str, str]:
    key = f"{n:05d}-feature-{n}"
    depends = ", ".join(rng.sample(ids, min(2, len(ids))))
    status = rng.choice(SPEC_STATUSES)
    progress = _checklist(rng, status)
    text = f"""# Feature Specification: Feature {n}

## Overview

**Feature ID**: {key}
**Status**: {status} | **Owner**: {rng.choice(OWNERS)}
**Created**: 2025-01-{rng.randint(10, 28)}
**Last Updated**: 2025-03-{rng.randint(10, 28)}
{f"**Depends On**: {depends}" if depends else ""}

{_prose(f"Feature {n}")}

## Problem Statement

{PARAGRAPH}

## User Stories

- **As a** merchant
- **I want to** see feature {n} in the dashboard
- **So that** I can act on it

## Technical Specification

{TABLE}

## Implementation Status

### Completed

{progress}

### In Progress

{PARAGRAPH}

### Planned

{PARAGRAPH}

## Testing Strategy

{PARAGRAPH}

## Risks & Mitigations

{PARAGRAPH}

## Release Plan

{PARAGRAPH}
"""
    return f"specs/{key}.md", text


def _design(n: int, rng: random.Random, ids: list[str]) -> tuple[str, str]:
    key = f"DES-{n}"
    related = ", ".join(rng.sample(ids, min(2, len(ids))))
    status = rng.choice(DESIGN_STATUSES)
    text = f"""---
status: {status}
owners: [{rng.choice(OWNERS)}, {rng.choice(OWNERS)}]
created: 2025-02-{rng.randint(10, 28)}
updated: 2025-04-{rng.randint(10, 28)}
related: [{related}]
---

# {key} - Feature Design

## Overview

{_prose(key)}

## Technical Design

{TABLE}

## Implementation Strategy

{_checklist(rng, status)}

## Test Strategy

{PARAGRAPH}

## User Experience

{PARAGRAPH}

## Metrics and Monitoring

{PARAGRAPH}

## Error Handling

{PARAGRAPH}

## Future Considerations

{PARAGRAPH}

## Open Questions

{PARAGRAPH}

## Rollout

{PARAGRAPH}
"""
    return f"design/des-{n}.md", text


def _change(n: int, rng: random.Random, ids: list[str]) -> tuple[str, str]:
    implements = rng.choice(ids) if ids else ""
    status = rng.choice(CHANGE_STATUSES)
    text = f"""---
title: Change {n}
status: {status}
owners: [{rng.choice(OWNERS)}]
implements: {implements}
created: 2025-05-{rng.randint(10, 28)}
---

## Feature Description

{_prose(f"Change {n}")}

## Related Issue

Implements #{n}

## Type of Change

- [x] New feature (non-breaking change which adds functionality)
- [ ] Breaking change

## Solution Overview

{PARAGRAPH}

## Technical Details

{TABLE}

## Testing Strategy

{PARAGRAPH}

## Documentation Updates

{PARAGRAPH}

## Security Considerations

{PARAGRAPH}

## Checklist

{_checklist(rng, status)}

## Rollback Plan

{PARAGRAPH}
"""
    return f"changes/change-{n}.md", text


def _page(n: int) -> tuple[str, str]:
    return f"guide/page-{n}.md", f"# Guide page {n}\n\n{PARAGRAPH}\n\n{TABLE}\n\n{PARAGRAPH}\n"


KINDS = (_spec, _design, _change)
PAGES = 50
"""Ordinary pages, as many at every size, so that the plain build grows with the documents
alone: they are in MkDocs' automatic nav, which every page repeats."""
NAV_OUT = "not_in_nav: |\n  /specs/\n  /design/\n  /changes/\n"


def generate(
    root: Path, documents: int, *, seed: int = 0, theme: str = "mkdocs", first: int = 0
) -> None:
    """Write ``root/docs`` and two configurations of the same site: ``plain-*.yml`` without
    the plugin, ``specs-*.yml`` with it; ``*-in.yml`` with MkDocs' automatic nav of every page,
    ``*-out.yml`` with the documents kept out of it (plain MkDocs through ``not_in_nav``, the
    plugin through its ``documents_in_nav`` option). The documents are numbered from
    ``first``: another site's, whose IDs are not this one's, starts further on."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    ids: list[str] = []
    for i in range(documents):
        n = first + i
        path, text = KINDS[i % len(KINDS)](n, rng, ids[-50:])
        if i % len(KINDS) == 0:
            ids.append(f"{n:05d}-feature-{n}")
        elif i % len(KINDS) == 1:
            ids.append(f"DES-{n}")
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if i < PAGES:
            page, content = _page(n)
            (docs / page).parent.mkdir(parents=True, exist_ok=True)
            (docs / page).write_text(content, encoding="utf-8")
    (docs / "index.md").write_text(f"# Synthetic site\n\n{PARAGRAPH}\n", encoding="utf-8")
    base = (
        f"site_name: Benchmark of {documents} documents\n"
        f"theme:\n  name: {theme}\n"
        "markdown_extensions:\n  - tables\n  - toc\n  - pymdownx.tasklist\n"
    )
    for nav in ("in", "out"):
        plain = base + (NAV_OUT if nav == "out" else "") + "plugins:\n  - search\n"
        (root / f"plain-{nav}.yml").write_text(plain, encoding="utf-8")
        option = "" if nav == "in" else "\n      documents_in_nav: false"
        specs = base + f"plugins:\n  - search\n  - specs:\n      export: specs.json{option}\n"
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
