"""Field names as documents write them (``Last Updated``, ``Owner``, ``doc-type``) and the field
each one means: the built-in aliases and the rule that normalizes a name before they apply."""

from __future__ import annotations

import re
from collections.abc import Mapping

DEFAULT_ALIASES: dict[str, str] = {
    "owner": "owners",
    "author": "owners",
    "authors": "owners",
    "assignee": "owners",
    "assignees": "owners",
    "feature_id": "id",
    "feature_key": "id",
    "key": "id",
    "spec_id": "id",
    "last_updated": "updated",
    "last_modified": "updated",
    "updated_at": "updated",
    "modified": "updated",
    "created_at": "created",
    "creation_date": "created",
    "date_created": "created",
    "state": "status",
    "doc_type": "type",
    "depends": "depends_on",
    "dependencies": "depends_on",
    "blocked_by": "depends_on",
    "replaces": "supersedes",
    "see_also": "related",
    "related_to": "related",
    "related_documents": "related",
}
"""Normalized key → field. Keys are normalized first (see :func:`normalize_key`)."""


_KEY_CHARS = re.compile(r"[\s\-]+")


def normalize_key(key: object, aliases: Mapping[str, str]) -> str:
    """``Last Updated`` → ``updated``: lower case, spaces and hyphens to ``_``, then aliases."""
    name = _KEY_CHARS.sub("_", str(key).strip().rstrip(":").strip()).casefold()
    return aliases.get(name, name)
