"""The files the plugin adds to the site, in memory (``File.generated``), never in ``docs_dir``:
a page for each planned page, the export, the stylesheet and the script. None takes the place of
a file of the docs that is built there."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..render.html import Renderer
from ..render.pages import GROUPS, PageSpec
from .dirty import DirtyBuilds
from .languages import Language, mark

log = get_plugin_logger(__name__)

STYLESHEET = "assets/mkdocs-specs/specs.css"
"""Where the plugin's stylesheet is in the site."""
SCRIPT = "assets/mkdocs-specs/specs.js"
"""Where the plugin's script (sortable and filterable tables) is in the site."""

ASSETS = Path(__file__).resolve().parent.parent / "assets"


class Places:
    """The places of the site's files, taken one by one, each by one file only."""

    def __init__(self, files: Files) -> None:
        self.taken = {file.dest_uri: file for file in files}

    def claim(self, file: File, what: str, option: str) -> bool:
        """Take the file's place in the site, unless a file of the docs is built there; say so
        then, naming the option that moves the generated file."""
        owner = self.taken.get(file.dest_uri)
        if owner is not None:
            log.warning(
                f"{owner.src_uri}: this file is built to {file.dest_uri}, where the generated "
                f"{what} belongs; '{owner.src_uri}' is kept and the generated one left out. Set "
                f"the plugin's '{option}' to a free path"
            )
            return False
        self.taken[file.dest_uri] = file
        return True


def generated_file(
    config: MkDocsConfig,
    path: str,
    language: Language,
    content: str | bytes,
    inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
) -> File:
    """A file of the plugin at ``path``, built into the folder of the build's ``language``
    (``fr/``, see :class:`~mkdocs_specs.mkdocs.languages.Language`), where ``nav:`` still
    names it by ``path``; marked as the i18n plugin marks its files, when it builds the site."""

    def built_in(folder: str) -> File:
        file = File.generated(config, path, content=content, inclusion=inclusion)
        if folder:
            file.dest_uri = folder + file.dest_uri
        return file

    file = built_in(language.folder)
    mark(file, language, built_in)
    return file


def page_files(
    specs: Iterable[PageSpec],
    places: Places,
    config: MkDocsConfig,
    nav: Iterable[str],
    language: Language,
    search: bool = False,
) -> list[tuple[PageSpec, File]]:
    """A file for each page that has a free place in the folder of the build's ``language``;
    in the automatic nav when ``nav`` names its kind and the site has no ``nav:`` of its
    own; out of the search index unless ``search`` (the documents are what readers search
    for: an index page would match every title it lists)."""
    chosen = set(nav) if config.nav is None else set()
    planned = []
    for spec in specs:
        # The title is HTML to MkDocs and themes print it unescaped, so it is escaped here.
        meta: dict[str, object] = {"title": str(escape(spec.title))}
        if not search:
            meta["search"] = {"exclude": True}  # Material's search plugin honours it
        if spec.kind is GROUPS:
            meta["hide"] = ["toc"]  # its sections stay out of it: Material's table takes room
        front_matter = yaml.safe_dump(meta, allow_unicode=True)
        file = generated_file(
            config,
            spec.path,
            language,
            f"---\n{front_matter}---\n",
            InclusionLevel.UNDEFINED if spec.nav in chosen else InclusionLevel.NOT_IN_NAV,
        )
        kind = spec.grouping or spec.kind.name
        if places.claim(file, f"{kind} page '{spec.title}'", "index_dir"):
            planned.append((spec, file))
    return planned


def asset_file(files: Files, config: MkDocsConfig, path: str) -> File:
    """The plugin's asset at ``path`` in the site (:data:`STYLESHEET`, :data:`SCRIPT`), in
    place of any file of the same path."""
    existing = files.get_file_from_path(path)
    if existing is not None:
        files.remove(existing)
    source = ASSETS / PurePosixPath(path).name
    return File.generated(config, path, content=source.read_bytes())


def out_of_nav(files: Files, paths: Iterable[str]) -> None:
    """Keep the files at ``paths`` out of the automatic navigation (``documents_in_nav``)."""
    for path in paths:
        file = files.get_file_from_path(path)
        if file is not None and file.inclusion in _IN_NAV:
            file.inclusion = InclusionLevel.NOT_IN_NAV


_IN_NAV = (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED)


def add_pages(
    files: Files,
    planned: Iterable[tuple[PageSpec, File]],
    renderer: Renderer,
    builds: DirtyBuilds | None,
) -> tuple[dict[str, PageSpec], dict[str, str]]:
    """Add the planned pages to ``files``, but under ``--dirty`` (``builds``) those that would
    come out as the last build wrote them; the pages added by path, and the bodies rendered
    to find that out."""
    pages: dict[str, PageSpec] = {}
    rendered: dict[str, str] = {}
    for spec, file in planned:
        if builds is not None:
            unchanged, body = builds.unchanged(spec, file, renderer)
            if unchanged:
                continue
            if body is not None:
                rendered[spec.path] = body
        files.append(file)
        pages[spec.path] = spec
    return pages, rendered
