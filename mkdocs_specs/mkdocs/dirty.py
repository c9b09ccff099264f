"""``--dirty`` builds: which pages MkDocs must build again though their own files did not change.

MkDocs builds again only the files whose source is newer than what it wrote for them. A
document's page also shows what it was read from (sidecars, its type's template, its member
files) and the documents linked to it, and every query shows many documents: when one of those
changed, the page is made stale by removing what the last build wrote for it. Group pages out of
the nav that would come out the same are not built again at all.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping

from mkdocs.structure.files import File, Files, InclusionLevel

from ..catalogue.catalogue import Catalogue
from ..model import Document
from ..render.html import Renderer
from ..render.pages import PageSpec
from ..settings.settings import Settings


class DirtyBuilds:
    """What one build of a process leaves for the next (``mkdocs serve --dirty`` builds again
    on every save; ``mkdocs build --dirty`` once, over an earlier build's pages)."""

    def __init__(self) -> None:
        self.shown_on: dict[str, set[str]] = {}
        """File path → the files whose cards show something of it, at the last build."""
        self.shown: dict[str, Document] = {}
        """Path → the document (or member file) as the last build showed it."""
        self.bodies: dict[str, int] = {}
        """Generated page → the hash of the body the last build gave it."""

    def make_stale(
        self,
        files: Files,
        catalogue: Catalogue,
        documents: Mapping[str, Document],
        docs_dir: str,
        settings: Settings,
        queries: Iterable[str],
    ) -> None:
        """Remove what the last build wrote for each page that shows something that changed:
        documents, and the pages that hold a query (``queries``)."""
        shown_on = catalogue.shown_on()
        changed = set(self.shown_on) - set(documents)  # deleted since the last build
        templates = {
            name: os.path.join(settings.base_dir, compiled.type.template)
            for name, compiled in settings.compiled.items()
            if compiled.type.template
        }
        for path, document in documents.items():
            file = files.get_file_from_path(path)
            if file is None:
                continue
            sources = [os.path.join(docs_dir, sidecar) for sidecar in document.sidecars]
            if document.type in templates:
                sources.append(templates[document.type])
            if (
                file.is_modified()
                or self.shown.get(path, document) != document  # read otherwise than last time
                or _newer(sources, file.abs_dest_path)
            ):
                changed.add(path)
        stale = set(queries) | changed
        for path in changed:
            stale |= shown_on.get(path, set()) | self.shown_on.get(path, set())
        for path in stale:
            file = files.get_file_from_path(path)
            if file is not None and file.abs_src_path is not None and not file.is_modified():
                with contextlib.suppress(OSError):
                    os.remove(file.abs_dest_path)
        self.shown_on = shown_on
        self.shown = dict(documents)

    def unchanged(self, spec: PageSpec, file: File, renderer: Renderer) -> tuple[bool, str | None]:
        """Whether a generated page can be left as the last build wrote it, and its body when
        it was rendered to find out: a group page (or the page of a kind's groups) out of the
        nav whose body is the same. The pages that show an edited document are built; the
        others (most owners' pages, say) cost nothing."""
        if spec.grouping is None or file.inclusion is not InclusionLevel.NOT_IN_NAV:
            return False, None
        body = renderer.page(spec, file.dest_uri)
        digest = hash(body)
        previous, self.bodies[spec.path] = self.bodies.get(spec.path), digest
        return previous == digest and os.path.isfile(file.abs_dest_path), body


def _newer(sources: Iterable[str], built: str) -> bool:
    """True when one of the files ``sources`` changed after the page ``built`` was written, or
    that page is not there."""
    try:
        written = os.path.getmtime(built)
    except OSError:
        return True
    for source in sources:
        with contextlib.suppress(OSError):
            if os.path.getmtime(source) > written:
                return True
    return False
