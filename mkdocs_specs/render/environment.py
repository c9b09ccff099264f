"""The Jinja2 environment every page template is rendered in, with autoescaping on."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..catalogue.catalogue import Catalogue
from ..labels.labels import fill
from ..model import Document, Severity
from ..read.statuses import status_tone
from .pages import (
    Layout,
    home_path,
    kind_headings,
    kind_titles,
    matrix_path,
    relations_path,
    stale_path,
)


class _Environment(jinja2.Environment):
    """Jinja's environment, but each template takes its own copy of the globals when loaded.

    Jinja gives a template a ``ChainMap`` over the environment's globals, which it copies,
    key by key in Python, into every context: each render and each include. With the
    renderer's few dozen globals that was a third of the time of a card. A copy per template
    is right here because every global is set before the first template is loaded.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def make_environment(
    catalogue: Catalogue,
    layout: Layout,
    title: str,
    override_dirs: Sequence[str],
    literal: Callable[[str], Markup] = escape,
    value: Callable[[object], Markup] = escape,
    **options: Any,
) -> jinja2.Environment:
    """A template environment with what every page template is given; ``labels(key, number,
    **values)`` gives a label of the catalogue's language (see :meth:`Labels.text`), its text
    escaped by ``literal`` and its values by ``value`` (HTML's escaping by default)."""
    words = catalogue.labels
    constant: dict[str, Markup] = {}
    """A label without a number or values is the same all build (a column's title, a card's
    terms, asked for on every row and card): filled once."""

    def labels(key: str, number: int | None = None, **values: object) -> Markup:
        if number is None and not values and key in constant:
            return constant[key]
        filled = Markup(fill(words.form(key, number), {"count": number, **values}, literal, value))
        if number is None and not values:
            constant[key] = filled
        return filled

    env = _Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(list(override_dirs)),
                jinja2.PackageLoader("mkdocs_specs", "templates"),
            ]
        ),
        autoescape=True,
        auto_reload=False,  # one environment per build: no need to look at the files again
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.globals.update(
        catalogue=catalogue,
        any_checklist=catalogue.progress.total > 0,  # or bars saying "no checklist" everywhere
        kinds=catalogue.kinds,
        field_kinds=tuple(catalogue.field_kinds),
        labels=labels,
        kind_titles=kind_titles(catalogue),
        kind_plurals=kind_headings(catalogue),
        status_tone=status_tone,
        home=home_path(layout.index_dir),
        site_title=title,
        group_page=layout.group_target,
        group_anchor=layout.anchor,
        siblings=lambda kind: layout.siblings(kind, catalogue),
        groups_of=catalogue.groups_of,
        type_label=lambda name: catalogue.type_labels.get(name, name),
        relations=catalogue.relations,
        relations_page=relations_path(layout.index_dir),
        stale_page=stale_path(layout.index_dir),
        matrix_page=matrix_path(layout.index_dir),
        file_name=file_name,
        sort_key=sort_keys(catalogue),
        table_labels=json.dumps(
            {
                "language": words.language,
                "filter": words.text("table.filter"),
                "count": words.texts["table.count"],
            },
            ensure_ascii=False,
        ),
    )
    return env


def sort_keys(catalogue: Catalogue) -> Callable[[Document, str], str | None]:
    """``sort_key(document, column)``: the ``data-sort`` value of a document's cell in a column
    of a table, by which the plugin's script sorts the table when the cell's text would sort it
    wrong; ``None`` when its text does. A status sorts in the order of the status pages (by
    tone, then as the types list them), a progress by its percent (``""``, no value, without a
    checklist), a title without the flags beside it, validity as ``1`` or ``0``."""
    ranks = {group.key: str(rank) for rank, group in enumerate(catalogue.groups["status"])}

    def sort_key(document: Document, column: str) -> str | None:
        if column == "title":
            return document.title
        if column == "status":
            return ranks.get(document.status, str(len(ranks)))
        if column == "progress":
            return str(document.progress.percent) if document.progress else ""
        if column == "valid":
            return "1" if document.valid else "0"
        return None

    return sort_key


def finding_counts(document: Document) -> tuple[int, int]:
    """How many of the document's findings are errors, and how many are not."""
    errors = sum(1 for f in document.findings if f.severity is Severity.ERROR)
    return errors, len(document.findings) - errors


def file_name(document: Document) -> str:
    """A member file's path from the folder of the document it is part of (``plan.md``,
    ``checklists/ux.md``); a document's own file name."""
    if document.part_of is None:
        return posixpath.basename(document.path)
    return posixpath.relpath(document.path, posixpath.dirname(document.part_of.path))
