"""Reading a status as people write it: qualifiers, typos and links, mapped to a configured one.

Real documents say ``accepted``, ``Implemented (Swift 5.9)``, ``imlpemented`` or
``superseded by [ADR-0005](0005-x.md)``. :func:`read_status` maps such text to one of the type's
statuses by these rules, in order (the documentation's "Status normalization" lists them):

1. case, spaces, hyphens and underscores are ignored (``in-progress`` is ``In Progress``);
2. emphasis, code marks and trailing punctuation are dropped, links are read as their text;
3. a qualifier is set aside: text in parentheses, or after a dash, colon, comma or semicolon,
   or words after a leading configured status that start with a preposition or a number
   (``Accepted on 2024-05-01``; ``Active review`` is not ``Active``);
4. a typo is forgiven: the one configured status within an edit distance (insertions,
   deletions, substitutions and swaps of neighbours) of 1, or of 2 for statuses of 6 letters
   or more, ignoring case and spaces, that starts with the same letter; when two statuses are
   that close, none is picked. A word that starts otherwise is another word, often the
   opposite (``Inactive``, ``Incomplete``, ``Unimplemented``, ``Preview``), not a misspelling.

Rule 4 is reported as ``normalized-status`` so that the text can be fixed. Rules 1 to 3 are
not: emphasis and a qualifier are how formats write a status (a Swift Evolution proposal's
``**Implemented (Swift 5.9)**``), and the qualifier is shown as the status's note. Text that no
rule maps stays as written, and the schema reports it as outside the list.

A status that names another document (``superseded by X``, ``replaced by X``) is also a
relation: the rest of the text goes into ``superseded_by``; ``supersedes X`` and ``replaces X``
(as adr-tools writes them under ``## Status``) go into ``supersedes``. A qualifier after the
reference (``superseded by ADR-9 (2024-05-01)``) is set aside as in rule 3.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from ..model import squash
from ..parse.inline import LINK, without_markup

_RELATION = re.compile(
    r"^\W*(?:(?P<by>superseded|replaced)[ \t]+by|(?P<of>supersedes|replaces))\b[ \t:]*"
    r"(?P<rest>.*)\Z",
    re.IGNORECASE,
)


# A match may start in a run of white space or punctuation only at its start (`(?<!...)`):
# tried at every position of a long run, it would cost the square of its length.
_QUALIFIER = re.compile(r"(?<!\s)\s*(?:\(|\[|\s[-\u2013\u2014]\s|[:,;]\s|[:,;]$)")


_TRAILING = re.compile(r"(?<![\s.!?;:,])[\s.!?;:,]+$")


_QUALIFYING = re.compile(
    r"(?:on|in|with|without|since|for|by|as|at|until|after|before|from|per|via|to|but|pending"
    r"|v?\d.*)",
    re.IGNORECASE,
)
"""The first word of words that qualify a status written before them (``Accepted on ...``,
``Accepted with modifications``, ``Accepted 2024-05-01``); other words make another status
(``Active review``)."""


_BRACKET = re.compile(r"[()\[\]]+")


_REFERENCE_END = re.compile(r"\s\(|\s[-\u2013\u2014]\s|\son\s")


MAX_STATUS_LENGTH = 1_000
"""Longer text is taken as written, not read for a configured status (marks, qualifiers,
misspellings): no status is that long, and reading a long text would cost the square of its
length."""


SUPERSEDED = "Superseded"
"""The status a ``superseded by`` text stands for, when the type lists it."""


class StatusReading(NamedTuple):
    """What a written status says."""

    status: str | None
    """The configured status it maps to, or the text as written when none matches;
    ``None`` when the text only states a relation (``supersedes X``)."""
    note: str | None = None
    """Why it was mapped (for ``normalized-status``): a misspelling read as a status; ``None``
    when it was written as the status, with Markdown or a qualifier or not."""
    relation: tuple[str, str] | None = None
    """``(field, text)`` of the relation the text states."""
    qualifier: str | None = None
    """The qualifier set aside (``Swift 5.9``)."""


class RelationText(NamedTuple):
    """What a ``superseded by X`` text says."""

    field: str
    """``superseded_by`` or ``supersedes``."""
    reference: str
    """The text naming the other document(s)."""
    status: str | None
    """The status it implies (``Superseded``), if any."""
    qualifier: str | None
    """What follows the reference (``2024-05-01`` of ``superseded by ADR-9 (2024-05-01)``)."""


def relation_in(text: str) -> RelationText | None:
    """What ``text`` says when it states a supersede relation, else ``None``."""
    match = _RELATION.match(text.strip())
    if match is None or not match.group("rest").strip():
        return None
    field = "superseded_by" if match.group("by") else "supersedes"
    reference, qualifier = _split_reference(match.group("rest").strip())
    return RelationText(field, reference, SUPERSEDED if match.group("by") else None, qualifier)


def _split_reference(text: str) -> tuple[str, str | None]:
    """``ADR-9 (2024-05-01)`` → ``("ADR-9", "2024-05-01")``: a qualifier in parentheses, after
    a dash or ``on``, or words after the last link, are no part of the reference; link texts
    are kept whole."""
    links = [m.span() for m in LINK.finditer(text)]
    cut = next(
        (
            m.start()
            for m in _REFERENCE_END.finditer(text)
            if m.start() > 0 and not any(start <= m.start() < end for start, end in links)
        ),
        None,
    )
    if cut is None:
        after = text[links[-1][1] :].strip() if links else ""
        cut = links[-1][1] if after and after[0] not in ",;" else len(text)
    rest = text[cut:].strip().strip("()-\u2013\u2014 ").strip()
    return text[:cut].strip(), rest or None


def read_status(text: str, statuses: Mapping[str, str]) -> StatusReading:
    """Map ``text`` to one of ``statuses`` (squashed status → configured spelling)."""
    text = text.strip()
    relation = relation_in(text)
    if relation is not None:
        field, reference, implied, qualifier = relation
        if implied is None:
            return StatusReading(None, relation=(field, reference))
        status = statuses.get(squash(implied), implied) if statuses else implied
        return StatusReading(status, None, (field, reference), qualifier)
    if len(text) > MAX_STATUS_LENGTH:
        return StatusReading(text)
    # Markdown is no part of a status: `**Returned for Revision**` is shown without its marks.
    plain = _TRAILING.sub("", without_markup(text)).strip() or text
    if not statuses:
        return StatusReading(plain)
    exact = statuses.get(squash(text))
    if exact is not None:
        return StatusReading(exact)
    found = statuses.get(squash(plain))
    if found is not None:
        return StatusReading(found)
    head, qualifier = _split_qualifier(plain, statuses)
    if qualifier is not None:
        found = statuses.get(squash(head)) or nearest(head, statuses)
        if found is None:  # `Implemented with Modifications (v5.1)`: the head is qualified too
            inner, more = _split_qualifier(head, statuses)
            found = statuses.get(squash(inner)) if more is not None else None
            qualifier = f"{more}; {qualifier}" if found is not None else qualifier
        if found is not None:
            return StatusReading(found, None, None, qualifier)
    found = nearest(plain, statuses)
    if found is not None:
        return StatusReading(found, "read as a misspelling")
    return StatusReading(plain)


def _split_qualifier(text: str, statuses: Mapping[str, str]) -> tuple[str, str | None]:
    """``Implemented (Swift 5.9)`` → ``("Implemented", "Swift 5.9")``."""
    cut = _QUALIFIER.search(text)
    if cut is not None and cut.start() > 0:
        # Each bracketed part and each clause is a qualifier of its own, kept whole.
        parts = (part.strip("-\u2013\u2014:,; ") for part in _BRACKET.split(text[cut.start() :]))
        rest = "; ".join(part for part in parts if part)
        return text[: cut.start()].strip(), rest or None
    words = text.split()
    for size in range(len(words) - 1, 0, -1):  # the longest leading status wins
        head = " ".join(words[:size])
        if squash(head) in statuses and _QUALIFYING.fullmatch(words[size]):
            return head, " ".join(words[size:])
    return text, None


def nearest(text: str, statuses: Mapping[str, str]) -> str | None:
    """The one of ``statuses`` (squashed → as written) within the allowed edit distance of
    ``text``: 1, or 2 for words of 6 letters or more, with the same first letter."""
    key = squash(text)
    if len(key) < 3:
        return None
    best: list[str] = []
    best_distance = 3
    for squashed, status in statuses.items():
        allowed = 2 if len(squashed) >= 6 else 1
        if abs(len(squashed) - len(key)) > allowed or key[0] != squashed[0]:
            continue  # a word that starts otherwise is another word: `Inactive`, `Preview`
        distance = edit_distance(key, squashed, allowed)
        if distance <= allowed:
            if distance < best_distance:
                best, best_distance = [status], distance
            elif distance == best_distance:
                best.append(status)
    return best[0] if len(best) == 1 else None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours that turn ``a`` into ``b``
    (optimal string alignment); anything above ``limit`` is reported as ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[len(b)], limit + 1)


# Status words → a tone for the badge colour. Anything else is neutral; each badge also has a
# class named after its status (`specs-status--in-progress`) for a site's own colours.
_TONES = {
    "done": (
        "complete",
        "completed",
        "done",
        "implemented",
        "merged",
        "accepted",
        "approved",
        "finished",
        "released",
        "shipped",
        "closed",
        "archived",
    ),
    "active": (
        "inprogress",
        "active",
        "implementing",
        "implementable",
        "open",
        "inreview",
        "review",
        "started",
        "ongoing",
        "wip",
    ),
    "draft": ("draft", "proposed", "new", "planned", "provisional", "idea", "todo", "notstarted"),
    "stopped": (
        "rejected",
        "deprecated",
        "superseded",
        "withdrawn",
        "abandoned",
        "cancelled",
        "canceled",
        "declined",
        "obsolete",
        "replaced",
        "deferred",
        "postponed",
    ),
}


_TONE_OF = {word: tone for tone, words in _TONES.items() for word in words}


def status_tone(status: str | None) -> str:
    """``done``, ``active``, ``draft``, ``stopped`` or ``neutral``, for the badge colour."""
    return _TONE_OF.get(squash(status), "neutral") if status else "neutral"


TONE_ORDER = ("draft", "active", "done", "stopped", "neutral")
"""Statuses are listed by tone, in this order, then in the order the types list them."""
