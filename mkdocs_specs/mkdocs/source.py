"""What MkDocs is given of a document's page: the text of a file it could not read, front matter
that MkDocs and the theme can use, and Markdown its HTML parser will not stop on, nor run into
one paragraph where the file shows a list or lines apart."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from markupsafe import escape
from mkdocs.structure.files import File

from ..model import Document, TooLarge
from ..parse.text import split_lines
from ..render.markdown import markdown_text
from .files import read_document


def unreadable_source(document: Document, file: File, max_size: int) -> str | None:
    """The Markdown MkDocs gets instead of a document's file that the plugin could not read
    (``None`` for one it could): a page that says why, or the text that can be shown."""
    if document.readable and not document.unsafe_front_matter:
        return None
    try:
        data = read_document(file, max_size)
    except TooLarge as error:
        # MkDocs would take minutes over it: the page says why it shows nothing.
        return (
            f"# {markdown_text(document.title)}\n\nThis file is {error.size:,} bytes, more "
            f"than the {max_size:,} of the `max_file_size` setting.\n"
        )
    except OSError as error:
        why = markdown_text(error.strerror or error)
        return f"# {markdown_text(document.title)}\n\nThis file cannot be read: {why}.\n"
    text = data.decode("utf-8", "replace").replace("\x00", "\ufffd")
    if document.unsafe_front_matter:
        # The plugin refused this front matter for its size or depth; MkDocs would parse it.
        return "\n".join(split_lines(text)[document.body_line - 1 :])
    # MkDocs would stop the whole build on a file it cannot decode: show what can be shown.
    return text


def share_meta(
    meta: MutableMapping[str, Any],
    document: Document,
    lines: Sequence[str],
    material_status: object,
    missing_templates: set[str],
) -> None:
    """Make a document's front matter safe for MkDocs and the theme, which print it unescaped
    and stop the whole build on a value of the wrong kind in a field they read (the schema
    reports it: ``check.fields.HOST_FIELDS``); give the page the document's title as the
    plugin shows it."""
    # The page's title in the navigation and the browser's tab is the one the plugin shows
    # everywhere (its type's title_format, an H1 without its "Feature Specification:" prefix),
    # not the first H1, which a KEP's template comment or an RFC's header block would even hide.
    meta["title"] = document.title
    template = meta.get("template", "")
    if not isinstance(template, str) or template in missing_templates:
        del meta["template"]
    if not isinstance(meta.get("hide", []), (str, list)):
        del meta["hide"]
    if not isinstance(meta.get("search", {}), dict):
        del meta["search"]
    if "title" in meta:
        title = meta["title"]
        if title is None or isinstance(title, (list, dict)):
            del meta["title"]
        else:
            meta["title"] = str(escape(title))
    status = meta.get("status")
    if status is not None and not (
        isinstance(status, str) and isinstance(material_status, dict) and status in material_status
    ):
        # Material shows a nav icon for any `status` and prints it unescaped: leave it only the
        # statuses a site has given an icon in `extra.status`.
        del meta["status"]
