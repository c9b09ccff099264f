"""The built-in presets: one per seed template, each a set of :class:`DocType` options.

The templates themselves ship beside this module, in ``seeds/``; they are the seed templates
as teams copy them, so their placeholders and guidance comments are what residue checks find.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).parent / "seeds"

_NOT_DOCUMENTS = ("**/index.md", "**/README.md")
_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

PRESET_OPTIONS: dict[str, dict[str, Any]] = {
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
        # Multiple choice: an unchecked "Breaking change" is an answer, not unfinished work.
        "choice_sections": ("Type of Change", "Security Considerations"),
    },
}
"""Preset name → :class:`~mkdocs_specs.doctypes.DocType` options, in matching order."""
