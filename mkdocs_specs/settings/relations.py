"""Relations: the metadata fields whose values name other documents, as configured."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    """A kind of link between documents, named after the field that holds it."""

    name: str
    """The field (after aliases), e.g. ``depends_on``."""
    label: str = ""
    """How the link reads from the document that names the other: ``Depends on``."""
    inverse_label: str = ""
    """How it reads from the other side: ``Needed by``."""
    inverse: str | None = None
    """A field that states the same link from the other side (``superseded_by``)."""
    acyclic: bool = False
    """Links of this kind must not form a cycle (``dependency-cycle``)."""

    @property
    def display(self) -> str:
        """The label, or the field's name made readable."""
        return self.label or self.name.replace("_", " ").capitalize()

    @property
    def inverse_display(self) -> str:
        """The inverse label, or ``Blocks (from)`` made of the label."""
        return self.inverse_label or f"{self.display} (from)"


RELATION_OPTIONS = {f.name: str(f.type) for f in dataclasses.fields(Relation) if f.name != "name"}
"""A relation's options, as ``mkdocs.yml`` names them, and the kind of value each takes."""

SUPERSEDES = "supersedes"
"""The relation whose targets a superseded document needs (``missing-successor``)."""


DEFAULT_RELATIONS: tuple[Relation, ...] = (
    Relation("related", "Related", "Referenced by"),
    Relation("depends_on", "Depends on", "Needed by", acyclic=True),
    Relation(SUPERSEDES, "Supersedes", "Superseded by", inverse="superseded_by"),
    Relation("implements", "Implements", "Implemented by"),
)
"""The relations every site has; ``relations`` in the settings adds to them or changes them."""
