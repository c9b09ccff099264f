"""Each document's title as its type's ``title_format`` says: ``PAY-12 · Card Checkout`` for a
design whose H1 is ``PAY-12 - Feature Design`` and which implements the Card Checkout spec."""

from __future__ import annotations

from ..model import Document
from ..settings.settings import Settings
from .relations import Relations


def formatted_title(document: Document, settings: Settings, relations: Relations) -> str:
    """The document's title by the first of its type's formats whose fields all have a value;
    the title as read when none has (or the type has none)."""
    compiled = settings.compiled.get(document.type)
    if compiled is None or not compiled.title_format:
        return document.title

    def value_of(name: str) -> str | None:
        head, _, tail = name.partition(".")
        if tail:
            linked = [
                *(
                    out.target
                    for out in relations.outgoing_of(document)
                    if out.relation.name == head
                ),
                *(
                    back.source
                    for back in relations.incoming_of(document)
                    if back.relation.inverse == head
                ),
            ]
            return getattr(linked[0], tail) if linked else None
        if head in ("id", "title", "status"):
            return getattr(document, head)  # type: ignore[no-any-return]
        value = document.fields.get(head)
        return None if value is None or isinstance(value, (dict, list)) else str(value)

    for title_format in compiled.title_format:
        title = title_format.fill(value_of)
        if title is not None:
            return title
    return document.title
