"""How documents are grouped: the kinds of groups, status tones, and the slugs of group pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

KINDS = ("status", "owner", "type")
"""The ways documents are grouped, each with a page per group."""


_DASHES = re.compile(r"-+")


_DEVICES = ("con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)))


RESERVED_SLUGS = frozenset(("index", *_DEVICES))
"""Slugs that a group's page cannot have as they are: ``index`` would be the page of its kind's
folder, and the others are device names that Windows cannot write as files."""


def slugify(text: str) -> str:
    """A readable path segment: letters and digits of any script, lower case, accents dropped
    from Latin letters, everything else a single hyphen."""
    decomposed = unicodedata.normalize("NFKD", text)
    chars = [c.lower() if c.isalnum() else "-" for c in decomposed if not unicodedata.combining(c)]
    return _DASHES.sub("-", "".join(chars)).strip("-")[:60].strip("-")


def unique_slugs(labels: dict[str | None, str]) -> dict[str | None, str]:
    """A slug per key (from its label), never two alike: when labels share a slug, the one
    written exactly as its slug keeps it and the others get a short hash of their key, which
    is stable. The key ``None`` (documents without a value) hashes apart from any name, and so
    do names without a letter or digit and names whose slug is reserved (``index``, ``con``)."""
    claims: dict[str, list[str | None]] = defaultdict(list)
    for key in sorted(labels, key=lambda k: (k is None, k or "")):
        claims[slugify(labels[key])].append(key)
    slugs: dict[str | None, str] = {}
    hashed: list[tuple[str, str | None]] = []
    for slug, claimants in claims.items():
        exact = [k for k in claimants if k is not None and labels[k] == slug]
        keeper = exact[0] if exact else claimants[0] if len(claimants) == 1 else None
        for key in claimants:
            if key is keeper and slug and slug not in RESERVED_SLUGS:
                slugs[key] = slug
            else:
                hashed.append((slug or "x", key))
    taken = set(slugs.values())
    for base, key in hashed:
        seed = "\0none" if key is None else key
        digest = hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()
        size = 6
        # A name may itself look hashed (`alice-353182`): lengthen the hash until it is free.
        while f"{base}-{digest[:size]}" in taken and size < len(digest):
            size += 2
        slugs[key] = f"{base}-{digest[:size]}"
        taken.add(slugs[key])
    return slugs
