"""The built-in presets, each a set of :class:`DocType` options.

Three are on by default, one per seed template (:data:`SEED_PRESETS`); their templates ship beside
this module, in ``seeds/``, as teams copy them, so their placeholders and guidance comments are
what residue checks find. The others read formats that fill real repositories (OpenSpec, spec-kit,
Kiro, MADR, Nygard's decision records, KEPs, RFCs) and are switched on by name, except
OpenSpec's, also on by default (:data:`DEFAULT_PRESETS`); they come first in matching order
because their patterns are narrower than the seeds' (``specs/[0-9]*/spec.md`` before
``specs/**/*.md``), OpenSpec's, which name their ``openspec/`` folder, first of all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .types import DocType

TEMPLATES = Path(__file__).resolve().parent.parent / "seeds"


_NOT_DOCUMENTS = ("**/index.md", "**/README.md", "**/templates/**")
"""A folder's index and README, and the templates a repository keeps (OpenSpec's
``schemas/spec-driven/templates/design.md``), which the seeds' wide patterns would take."""
_NOT_FORMAT = ("**/testdata/**", "**/templates/**", "**/.specify/**")
"""A repository's test data and a format's templates, which have its shape but are no
documents."""


_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


_DECISION_STATUSES = ("Proposed", "Accepted", "Rejected", "Deprecated", "Superseded")


_NUMBERED = r"(?:^|/)(?P<id>\d{3,5})-[^/]*\.md$"
"""`0007-use-postgres.md`: the number is the ID."""


_OPENSPEC_CHANGE: dict[str, Any] = {
    # `tasks.md`, `design.md`, the spec deltas `specs/<capability>/spec.md`, and whatever else
    # the change keeps in its folder.
    "members": ("**/*.md",),
    "sidecars": (".openspec.yaml",),
    # OpenSpec's template: "Leave empty if no requirement changes".
    "optional_sections": ("New Capabilities", "Modified Capabilities"),
    "title_pattern": (
        r"^(?:Change(?:\s+Proposal)?|Proposal|\u53d8\u66f4|\u63d0\u6848)\s*[:\uff1a]\s*"
        r"(?P<title>\S.*)$"
    ),
    # The folder names the change; an archived one's name starts with the archiving date.
    "path_pattern": (
        r"(?:^|/)changes/(?:archive/)?"
        r"(?P<id>(?:(?P<archived>\d{4}-\d{2}-\d{2})-)?(?P<title>[^/]+))/proposal\.md$"
    ),
}
"""What an OpenSpec change is made of, active or moved to ``archive/YYYY-MM-DD-<change>/``."""


FORMAT_OPTIONS: dict[str, dict[str, Any]] = {
    "openspec-spec": {
        "label": "Capability (OpenSpec)",
        # The current truth of one capability: `openspec/specs/<capability>/spec.md`.
        "paths": ("**/openspec/specs/**/spec.md",),
        "exclude": _NOT_FORMAT,
        "required_sections": ("Purpose", "Requirements"),
        # `# cli-init Specification`, as `openspec archive` writes it for a new capability.
        "title_pattern": r"^(?P<title>\S(?:.*\S)?)[ \t]+Spec(?:ification)?$",
        "path_pattern": r"(?:^|/)specs/(?P<id>[^/]+(?:/[^/]+){0,3})/spec\.md$",
        "counts": {"requirements": r"^Requirement:", "scenarios": r"^Scenario:"},
    },
    "openspec-change": {
        "label": "Change (OpenSpec)",
        "paths": ("**/openspec/changes/*/proposal.md",),
        "exclude": _NOT_FORMAT,
        **_OPENSPEC_CHANGE,
        "statuses": ("Draft", "In Progress", "Complete"),
        # What `openspec validate` requires of a change's proposal.
        "required_sections": ("Why", "What Changes"),
        "status_from_tasks": True,
    },
    "openspec-archived-change": {
        "label": "Archived change (OpenSpec)",
        "paths": ("**/openspec/changes/archive/*/proposal.md",),
        "exclude": _NOT_FORMAT,
        **_OPENSPEC_CHANGE,
        "statuses": ("Archived",),
        # History, which `openspec validate` no longer reads: written before the conventions of
        # the day, it is not held to them.
        "required_sections": (),
        "status_from_path": {"**/changes/archive/*/proposal.md": "Archived"},
    },
    "spec-kit": {
        "label": "Feature (spec-kit)",
        # A feature folder's `spec.md`, under any parent (`specs/001-albums/`,
        # `product-specs/albums/`); but an unnumbered `specs/checkout/spec.md` is some other
        # spec (the feature-spec seed's), whose neighbours are no members of it.
        "paths": (
            "**/spec.md",
            "!specs/*/spec.md",
            "!**/specs/*/spec.md",
            "specs/[0-9]*/spec.md",
            "**/specs/[0-9]*/spec.md",
        ),
        "exclude": _NOT_FORMAT,
        # What spec-kit writes in a feature folder, and counts: not an agent's prompt file.
        "members": (
            "plan.md",
            "tasks.md",
            "research.md",
            "data-model.md",
            "quickstart.md",
            "checklists/*.md",
            "contracts/*.md",
        ),
        "statuses": ("Draft", "In Review", "Approved", "In Progress", "Complete", "Abandoned"),
        "required_sections": ("User Scenarios & Testing", "Requirements"),
        "title_pattern": r"^Feature Specification:\s*(?P<title>\S.*)$",
        # The feature's folder: `specs/001-photo-albums/`, `specs/20250114-1530-offline-sync/`,
        # `product-specs/photo-albums/`.
        "path_pattern": r"(?:^|/)(?P<id>[^/]+)/spec\.md$",
        "aliases": {"feature_branch": "id", "branch": "id"},
        "status_from_tasks": True,
    },
    "kiro": {
        "label": "Kiro spec",
        # A feature spec opens with `requirements.md`, a bugfix spec with `bugfix.md`; both
        # have an Introduction, then Requirements or Bug Analysis.
        # Archived specs too (`.kiro/specs/_archived/<name>/`).
        "paths": ("**/.kiro/specs/**/requirements.md", "**/.kiro/specs/**/bugfix.md"),
        "exclude": _NOT_FORMAT,
        "members": ("*.md",),
        "statuses": ("Draft", "Not Started", "In Progress", "Complete"),
        "required_sections": ("Introduction",),
        "path_pattern": r"(?:^|/)(?P<id>(?P<title>[^/]+))/(?:requirements|bugfix)\.md$",
        "status_from_tasks": True,
    },
    "madr": {
        "label": "Decision record (MADR)",
        "paths": ("decisions/[0-9]*.md", "**/decisions/[0-9]*.md"),
        "exclude": _NOT_FORMAT,
        "statuses": _DECISION_STATUSES,
        "required_sections": ("Context and Problem Statement", "Decision Outcome"),
        "plain_fields": True,
        "path_pattern": _NUMBERED,
        "aliases": {"decision_makers": "owners", "deciders": "owners", "date": "updated"},
    },
    "nygard-adr": {
        "label": "Decision record",
        "paths": ("adr/[0-9]*.md", "**/adr/[0-9]*.md"),
        "exclude": _NOT_FORMAT,
        "statuses": _DECISION_STATUSES,
        "required_fields": ("status",),
        "required_sections": ("Status", "Context", "Decision", "Consequences"),
        "plain_fields": True,
        "status_section": "Status",
        "path_pattern": _NUMBERED,
        # `# 7. Use PostgreSQL`: the number is written again in the file name, which keeps it
        # as written (`0007`).
        "title_pattern": r"^\d+\.\s+(?P<title>\S.*)$",
        "aliases": {"date": "created"},
    },
    "kep": {
        "label": "Enhancement proposal (KEP)",
        "paths": ("keps/*/[0-9]*/README.md", "**/keps/*/[0-9]*/README.md"),
        "exclude": _NOT_FORMAT,
        "sidecars": ("kep.yaml",),
        "statuses": (
            "Provisional",
            "Implementable",
            "Implemented",
            "Deferred",
            "Rejected",
            "Withdrawn",
            "Replaced",
        ),
        "required_fields": ("title", "status", "owners"),
        "required_sections": ("Summary", "Motivation", "Proposal"),
        # A KEP is filled in stage by stage (alpha, beta, GA): its empty sections are residue
        # once it is implemented.
        "residue_from": "Implemented",
        "title_pattern": r"^KEP[- ]?(?P<id>\d+):\s*(?P<title>\S.*)$",
        "path_pattern": r"(?:^|/)keps/(?P<owning_group>[^/]+)/(?P<id>\d+)-[^/]+/README\.md$",
        "aliases": {
            "kep_number": "id",
            "number": "id",
            "owning_sig": "owning_group",
            "milestone": "milestones",
        },
        "group_by": ("owning_group",),
    },
    "rfc": {
        "label": "RFC",
        "paths": ("rfcs/**/[0-9]*.md", "**/rfcs/**/[0-9]*.md"),
        # The template that RFC repositories keep beside the RFCs (Rust, Ember, React).
        "exclude": ("**/0000-template.md", *_NOT_FORMAT),
        "statuses": (
            "Draft",
            "Proposed",
            "In Review",
            "Accepted",
            "Active",
            "Implemented",
            "Postponed",
            "Rejected",
            "Withdrawn",
            "Superseded",
        ),
        "required_sections": ("Summary", "Motivation"),
        "plain_fields": True,
        "path_pattern": r"(?:^|/)(?P<id>\d{3,5})-(?P<title>[^/]*)\.md$",
        "aliases": {"feature_name": "title", "start_date": "created", "rfc": "id"},
    },
}
"""The presets for formats teams already write: switched on by name, except OpenSpec's, on by
default (:data:`DEFAULT_PRESETS`)."""


SEED_OPTIONS: dict[str, dict[str, Any]] = {
    "feature-design": {
        "label": "Feature design",
        "paths": ("design/**/*.md", "**/design.md"),
        "exclude": _NOT_DOCUMENTS,
        "statuses": ("Draft", "In Review", "Approved", "Implemented", "Superseded"),
        "required_fields": ("id", "status", "owners"),
        "required_sections": (
            "Overview",
            "Technical Design",
            "Implementation Strategy",
            "Test Strategy",
            "User Experience",
        ),
        "template": str(TEMPLATES / "feature-design.md"),
        "id_pattern": _ID,
        # `# PAY-12 - Feature Design`: the key before the dash is the document's ID.
        "title_pattern": r"^(?P<id>[^\s:]+)\s*[-\u2013\u2014:]\s+\S.*$",
        # Titled after the spec it implements (`PAY-12 · Card Checkout`), since the template's
        # H1 says only "Feature Design"; a design that implements none keeps its H1.
        "title_format": ("{id} · {implements.title}",),
    },
    "feature-spec": {
        "label": "Feature specification",
        "paths": ("specs/**/*.md",),
        "exclude": _NOT_DOCUMENTS,
        "statuses": ("Draft", "In Progress", "Complete"),
        "required_fields": ("id", "status", "owners", "created", "updated"),
        "required_sections": (
            "Overview",
            "Problem Statement",
            "User Stories",
            "Technical Specification",
            "Implementation Status",
            "Completed",
            "In Progress",
            "Planned",
            "Testing Strategy",
        ),
        "template": str(TEMPLATES / "feature-spec.md"),
        "id_pattern": _ID,
        "title_pattern": r"^Feature Specification:\s*(?P<title>\S.*)$",
    },
    "change-request": {
        "label": "Change request",
        "paths": ("changes/**/*.md",),
        "exclude": _NOT_DOCUMENTS,
        "statuses": ("Draft", "Open", "In Review", "Merged", "Closed"),
        "required_sections": (
            "Feature Description",
            "Related Issue",
            "Type of Change",
            "Solution Overview",
            "Testing Strategy",
            "Checklist",
        ),
        "template": str(TEMPLATES / "change-request.md"),
        "extract": {"related_issue": r"\bImplements\s+(#\d+|[A-Za-z][\w.]*-\d+)"},
        # Multiple choice: an unchecked "Breaking change" is an answer, not unfinished work, and
        # so are "E2E tests added" and "API documentation updated": a change has the tests and
        # documentation it needs, not every kind there is.
        "choice_sections": (
            "Type of Change",
            "Testing Strategy",
            "Documentation Updates",
            "Security Considerations",
        ),
    },
}
"""The presets of the seed templates, on by default."""


SEED_PRESETS = tuple(SEED_OPTIONS)
"""The presets of the seed templates."""


OPENSPEC_PRESETS = ("openspec-spec", "openspec-change", "openspec-archived-change")
"""OpenSpec's capabilities and changes: their paths all go through an ``openspec/`` folder, so
they find nothing where there is none, and they take what the seeds' wide patterns would
otherwise misread there (a change's ``design.md``)."""


DEFAULT_PRESETS = (*OPENSPEC_PRESETS, *SEED_PRESETS)
"""The presets a site has when it names none."""


PRESET_OPTIONS: dict[str, dict[str, Any]] = {**FORMAT_OPTIONS, **SEED_OPTIONS}
"""Preset name → :class:`~mkdocs_specs.settings.types.DocType` options, in matching order."""


PRESETS: dict[str, DocType] = {
    name: DocType(name=name, **options) for name, options in PRESET_OPTIONS.items()
}
"""The built-in types, by name."""
