"""Measure what the plugin adds to a plain MkDocs build, as ratios measured in the same run.

For each corpus and size N the runner writes a site (``generate.py``: documents shaped like the
seed templates; ``realistic.py``: documents with the sizes and shapes of a real tree), then
alternates a plain ``mkdocs build`` with the same build with the plugin on, its build cache
emptied each time; then the plain build with plugin builds whose cache is warm and nothing
changed; and ``mkdocs-specs check`` with its floor (reading every file and parsing its front
matter with PyYAML's C loader). Runs go in blocks of base, measured, measured, base, so that a
machine whose speed drifts weighs on both alike. It reports medians, peak memory (RSS) of each
process and the cost per document; then it times ``mkdocs serve`` and ``mkdocs serve --dirty``
from saving one document to the end of the rebuild, and checks that the served indexes show the
edit. ``--tree DIR`` measures a real folder instead; ``--profile`` writes a cProfile of one
plugin build. ``--zensical PATH`` also measures ``zensical build --clean`` of each site with the
Python-Markdown extension against the same build without it (``--only zensical``: that alone).
``--features`` also builds each generated site with the features of issue 21 on (coverage
rules, a generated JUnit report, another generated site's ``specs.json``: ``features.py``)
against the same plain build. ``--git-history DOCS`` times the freshness pass over git, then
builds ``DOCS`` without the history of statuses and with ``history`` on, its cache empty and
warm, against the plain build.

    python benchmarks/run.py                      # both corpora, N = 1,000, 5,000 and 10,000
    python benchmarks/run.py --sizes 200 --repeats 1 --serve-size 0   # a quick run
    python benchmarks/run.py --tree path/to/docs --config mkdocs.yml  # a real tree
    python benchmarks/run.py --corpus realistic --sizes 1000 --zensical zensical --only zensical
    python benchmarks/run.py --sizes 1000 --repeats 3 --features --serve-size 0
    python benchmarks/run.py --git-history path/to/clone --config kep.yml

Nothing here asserts a time: the figures are for people, on whatever machine runs them.
"""

from __future__ import annotations

import argparse
import functools
import glob
import json
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from features import EXTERNAL, write_features
from generate import generate
from realistic import EXTENSIONS
from realistic import generate as generate_realistic

FLOOR = """
import sys, pathlib, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in pathlib.Path(sys.argv[1]).rglob("*.md"):
    text = path.read_bytes().decode("utf-8")
    if text.startswith("---\\n"):
        end = text.find("\\n---", 4)
        yaml.load(text[4:end], Loader=loader)
"""
"""The least any checker must do: read every file and parse its front matter."""
CHECK = "from mkdocs_specs.cli import main; main()"
"""``mkdocs-specs`` as its console script starts it, from this Python."""


@dataclass
class Run:
    seconds: float
    """Wall time."""
    rss_mb: float
    cpu: float
    """User and system time of the process: what a busy machine disturbs least."""


@dataclass
class Pair:
    """Runs of a baseline command and the measured one, in blocks of four: base, measured,
    measured, base (two of each per block; a pair measured once holds one of each)."""

    base: list[Run] = field(default_factory=list)
    measured: list[Run] = field(default_factory=list)

    def _ratios(self, value: Callable[[Run], float]) -> list[float]:
        """Each block's measured runs over its base runs. A machine whose speed drifts steadily
        through the run (these slow down as a run goes on) weighs on both alike: in the block
        the base runs come first and last, the measured ones in the middle."""
        return [
            sum(map(value, self.measured[i : i + 2])) / sum(map(value, self.base[i : i + 2]))
            for i in range(0, len(self.base), 2)
        ]

    @property
    def ratio(self) -> float:
        """Median of the blocks' ratios of wall time."""
        return statistics.median(self._ratios(lambda run: run.seconds))

    @property
    def cpu_ratio(self) -> float:
        """The same as :attr:`ratio` for CPU time."""
        return statistics.median(self._ratios(lambda run: run.cpu))

    @property
    def rss_ratio(self) -> float:
        return _median(r.rss_mb for r in self.measured) / _median(r.rss_mb for r in self.base)


def _median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def timed(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> Run:
    """Run ``command`` to its end: wall time and the peak RSS of its process. ``before`` runs
    first, untimed."""
    if before is not None:
        before()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # check exits 1 when it finds errors; a build that exits 1 failed (a refused option, say).
    if process.returncode != 0 and not (process.returncode == 1 and CHECK in command):
        why = (
            f"exit status {process.returncode}"
            if process.returncode > 0
            else f"killed by signal {-process.returncode}"
        )
        output = errors.decode(errors="replace")
        raise SystemExit(f"{' '.join(command)} failed ({why}):\n{output}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def alternate(
    base: Sequence[str],
    measured: Sequence[str],
    cwd: Path,
    repeats: int,
    *,
    env: dict[str, str] | None = None,
    before_measured: Callable[[], None] | None = None,
    warm_up: bool = True,
) -> Pair:
    """One untimed run of each to warm the caches (unless ``warm_up`` is false), then
    ``repeats`` blocks of base, measured, measured, base; ``before_measured`` runs, untimed,
    before each measured run."""
    if warm_up:
        timed(base, cwd, env)
        timed(measured, cwd, env, before_measured)
    pair = Pair()
    for _ in range(repeats):
        pair.base.append(timed(base, cwd, env))
        pair.measured += [
            timed(measured, cwd, env, before_measured),
            timed(measured, cwd, env, before_measured),
        ]
        pair.base.append(timed(base, cwd, env))
    return pair


def mkdocs(config: str, site: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]


# --- the sites -----------------------------------------------------------------------------

CORPORA: dict[str, Callable[..., None]] = {
    "synthetic": generate,
    "realistic": generate_realistic,
}
"""Each writes ``root/docs`` and ``plain-in.yml``, ``plain-out.yml``, ``specs-in.yml`` and
``specs-out.yml`` beside it."""


@dataclass
class Site:
    """A site to measure: its folder (the builds' working folder), the two configurations with
    the documents out of the nav, and the folder of its Markdown."""

    corpus: str
    root: Path
    docs: Path
    documents: int
    plain: str = "plain-out.yml"
    specs: str = "specs-out.yml"
    nav_in: tuple[str, str] | None = ("plain-in.yml", "specs-in.yml")
    """The same with every document in MkDocs' automatic nav, when there are such."""
    features: str | None = None
    """The plugin's configuration with the features of issue 21 on (``features.py``)."""


def corpus_site(corpus: str, root: Path, documents: int, theme: str, features: bool) -> Site:
    print(f"{corpus} N={documents}: writing the site", flush=True)
    CORPORA[corpus](root, documents, theme=theme)
    site = Site(corpus, root, root / "docs", documents)
    if features:
        print(f"{corpus} N={documents}: writing the test report and the other site", flush=True)
        site.features = write_features(root, corpus, site.specs)
    return site


def build_cache(config: Path) -> Path:
    """The folder of the plugin's build cache for ``config``: its ``cache_dir`` option, by
    default ``.cache/plugin/specs``, beside the configuration file."""
    options = _specs_options(_load_yaml(config)) or {}
    folder = Path(str(options.get("cache_dir") or ".cache/plugin/specs"))
    return folder if folder.is_absolute() else config.parent / folder


@dataclass
class SizeResult:
    corpus: str
    documents: int
    build_out: Pair
    """Plain builds against plugin builds whose build cache was emptied before each."""
    build_warm: Pair
    """Plain builds against plugin builds with the cache filled and nothing changed."""
    check: Pair
    """``mkdocs-specs check --no-cache``: every document read."""
    check_unchanged: Pair
    """``mkdocs-specs check`` again, nothing changed: every document taken from its cache."""
    build_in: Pair | None = None
    features: Pair | None = None
    """Plain builds against plugin builds with the features of issue 21 on, cache emptied."""
    features_warm: Pair | None = None
    """The same with their cache warm and nothing changed."""


def measure_site(site: Site, repeats: int, nav_in: bool) -> SizeResult:
    name = f"{site.corpus} N={site.documents}"
    root = site.root
    cache = build_cache(root / site.specs)

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    print(f"{name}: builds, the plugin's cache empty", flush=True)
    plain, specs = mkdocs(site.plain, "site-plain"), mkdocs(site.specs, "site-specs")
    build_out = alternate(plain, specs, root, repeats, before_measured=empty_cache)
    print(f"{name}: builds, the plugin's cache warm and nothing changed", flush=True)
    # The last plugin build above filled the cache.
    build_warm = alternate(plain, specs, root, repeats, warm_up=False)
    features = features_warm = None
    if site.features:
        print(f"{name}: builds with coverage, test results and another site's documents")
        features_cache = build_cache(root / site.features)
        with_features = mkdocs(site.features, "site-features")
        features = alternate(
            plain,
            with_features,
            root,
            repeats,
            before_measured=lambda: shutil.rmtree(features_cache, ignore_errors=True),
        )
        features_warm = alternate(plain, with_features, root, repeats, warm_up=False)
    build_in = None
    if nav_in and site.nav_in:
        print(f"{name}: builds with every document in the nav", flush=True)
        # Slow (every page lists every page): one run of each, after the warm runs above.
        empty_cache()
        build_in = Pair(
            [timed(mkdocs(site.nav_in[0], "site-plain"), root)],
            [timed(mkdocs(site.nav_in[1], "site-specs"), root, before=empty_cache)],
        )
    print(f"{name}: check", flush=True)
    # check's cache goes with the site, not into the user's cache folder.
    env = {"MKDOCS_SPECS_CACHE_DIR": str(root / "check-cache")}
    floor = [sys.executable, "-c", FLOOR, str(site.docs)]
    check = [sys.executable, "-c", CHECK, "check", "-f", site.specs]
    cold = alternate(floor, [*check, "--no-cache"], root, repeats, env=env)
    unchanged = alternate(floor, check, root, repeats, env=env)  # its untimed run fills the cache
    return SizeResult(
        site.corpus,
        site.documents,
        build_out,
        build_warm,
        cold,
        unchanged,
        build_in,
        features,
        features_warm,
    )


# --- a real tree ---------------------------------------------------------------------------


class _Tagged:
    """A value under a tag that safe loading does not know (``!!python/name:...``, ``!ENV``),
    kept to be written back as it was."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: Any
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    """A text of several lines (``not_in_nav``) as a block, one pattern a line."""
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Loader.add_multi_constructor("", _construct_tagged)
_Dumper.add_representer(_Tagged, _represent_tagged)
_Dumper.add_representer(str, _represent_text)


def _load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _dump_yaml(data: Any, path: Path) -> None:
    path.write_text(
        yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )


def _specs_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The specs plugin's options in ``config`` (``{}`` when it has none), or None when the
    plugin is not there."""
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    )
    for name, options in entries:
        if name == "specs":
            return dict(options or {})
    return None


def _with_plugins(config: dict[str, Any], specs: dict[str, Any] | None) -> dict[str, Any]:
    """``config`` with the specs plugin's options replaced by ``specs``, or without the
    plugin when ``specs`` is None."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    kept = []
    for plugin in plugins:
        name = next(iter(plugin)) if isinstance(plugin, dict) else plugin
        if name != "specs":
            kept.append(plugin)
        elif specs is not None:
            kept.append({"specs": specs})
    return {**config, "plugins": kept}


SPECS_EXTENSION = "mkdocs_specs.markdown"
"""The plugin's Python-Markdown extension, for engines that run no MkDocs plugins."""
ASSETS = ["assets/mkdocs-specs/specs.css", "assets/mkdocs-specs/specs.js"]
"""Where ``mkdocs-specs assets`` writes the stylesheet and script, as the engines page lists
them in ``extra_css`` and ``extra_javascript``."""


def _split_extension(config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """``config`` without the specs extension in ``markdown_extensions`` nor its stylesheet
    and script in ``extra_css`` and ``extra_javascript`` (a site that builds with Zensical
    too lists them), and the extension's options there (None when it is not there)."""
    entries = config.get("markdown_extensions") or []
    if isinstance(entries, dict):
        entries = [{name: options} for name, options in entries.items()]
    kept, options = [], None
    for entry in entries:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name == SPECS_EXTENSION:
            options = dict((entry[name] if isinstance(entry, dict) else None) or {})
        else:
            kept.append(entry)
    plain = {**config, "markdown_extensions": kept}
    for key, asset in zip(("extra_css", "extra_javascript"), ASSETS, strict=True):
        if key in config:
            plain[key] = [e for e in config[key] or [] if e != asset]
    return plain, options


def _nav_patterns(docs: Path, documents: set[str]) -> list[str]:
    """``not_in_nav`` patterns that take ``documents`` (paths in ``docs``) out of the nav and
    nothing else: a folder whose Markdown pages are all documents, as high as can be, else the
    document's own path. Few patterns, for MkDocs matches each page against each of them."""
    pages: Counter[str] = Counter()
    held: Counter[str] = Counter()
    for path in docs.rglob("*.md"):
        page = path.relative_to(docs).as_posix()
        for folder in _folders(page):
            pages[folder] += 1
            held[folder] += page in documents
    patterns = set()
    for document in documents:
        top = next((f for f in _folders(document) if held[f] == pages[f]), None)
        patterns.add(f"/{top}/" if top else f"/{document}")
    return sorted(patterns)


def _folders(page: str) -> list[str]:
    """The folders that hold ``page``, from the top: ``a/b/c.md`` → ``a``, ``a/b``."""
    parts = page.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


URLS = ("http", "https")


def _carry_inputs(options: dict[str, Any], source: Path, work: Path) -> None:
    """Make the plugin's inputs that ``options`` name relative to the configuration's folder
    ``source`` resolve from ``work``, where the derived configurations are: the test reports
    of ``test_results`` are copied to the same places under ``work`` (a pattern must stay in
    the folder of ``mkdocs.yml``), the other sites' ``specs.json`` files of ``external`` are
    named by their absolute paths (URLs are left as they are)."""
    for pattern in options.get("test_results") or []:
        if not isinstance(pattern, str) or Path(pattern).is_absolute() or ".." in pattern:
            continue  # the plugin says what is wrong with it
        for name in glob.glob(pattern, root_dir=source, recursive=True):
            if (source / name).is_file():
                (work / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source / name, work / name)
    entries = options.get("external") or []
    if not isinstance(entries, list):
        return
    carried: list[Any] = []
    for entry in entries:
        where = entry.get("source") if isinstance(entry, dict) else entry
        if isinstance(where, str) and urllib.parse.urlsplit(where).scheme not in URLS:
            where = str(source / where.strip())
            entry = {**entry, "source": where} if isinstance(entry, dict) else where
        carried.append(entry)
    options["external"] = carried


def tree_site(tree: Path, config: Path | None, work: Path, theme: str) -> Site:
    """Write the two configurations of a real tree into ``work`` (nothing into the tree).

    ``config`` is an ``mkdocs.yml`` (it has ``site_name``) or the specs plugin's options alone
    (as under ``plugins: - specs:``), which get a plain site around them: the ``theme``, the
    realistic corpus' Markdown extensions, search. Either way ``docs_dir`` is ``tree``. The
    plain build is the same configuration without the specs plugin. Unless the configuration
    has its own ``nav``, the documents are kept out of MkDocs' automatic nav in both builds:
    the plugin's ``documents_in_nav: false``, and for the plain build ``not_in_nav`` patterns
    that name the same documents (found by reading the tree as ``mkdocs-specs check`` does)."""
    tree = tree.resolve()
    data = _load_yaml(config) if config else {}
    if config and "site_name" in data:
        site: dict[str, Any] = dict(data)
        options = _specs_options(site)
        if options is None:
            raise SystemExit(f"{config} does not use the specs plugin")
        for key in ("hooks",):  # paths MkDocs reads beside the configuration file
            if key in site:
                site[key] = [str((config.parent / h).resolve()) for h in site[key]]
        theme_config = site.get("theme")
        if isinstance(theme_config, dict) and "custom_dir" in theme_config:
            custom = (config.parent / str(theme_config["custom_dir"])).resolve()
            site["theme"] = {**theme_config, "custom_dir": str(custom)}
    else:
        options = dict(data or {})
        site = {
            "site_name": f"Benchmark of {tree.name}",
            "theme": {"name": theme},
            "markdown_extensions": [e.strip(" -") for e in EXTENSIONS.splitlines()],
            "plugins": ["search", {"specs": options}],
        }
    site["docs_dir"] = str(tree)
    options.pop("cache_dir", None)  # the build cache goes beside the derived configuration
    own_nav = "nav" in site
    if not own_nav:
        options["documents_in_nav"] = False
    options.setdefault("export", "specs.json")
    work.mkdir(parents=True, exist_ok=True)
    if config:
        _carry_inputs(options, config.parent.resolve(), work)
    _dump_yaml(_with_plugins(site, options), work / "specs-out.yml")
    print(f"{tree}: reading the documents", flush=True)
    from mkdocs_specs.cli.site import load_site

    # The tree's own documents: other sites' (`external`) are no pages of it.
    documents = {d.path for d in load_site(str(work / "specs-out.yml")).catalogue.local}
    plain, _ = _split_extension(_with_plugins(site, None))
    if not own_nav:
        patterns = _nav_patterns(tree, documents)
        given = str(site.get("not_in_nav") or "")
        plain["not_in_nav"] = "\n".join([*given.splitlines(), *patterns]) + "\n"
    _dump_yaml(plain, work / "plain-out.yml")
    return Site(f"tree {tree.name}", work, tree, len(documents), nav_in=None)


# --- Zensical ------------------------------------------------------------------------------

ZENSICAL_PLAIN = "zensical-plain.yml"
ZENSICAL_SPECS = "zensical-specs.yml"


@dataclass
class ZensicalResult:
    corpus: str
    documents: int
    build: Pair
    """``zensical build --clean`` of the site against the same with the extension."""
    index: Run
    """``mkdocs-specs index``, which writes the index pages before a Zensical build."""


def _zensical_docs(site: Site, name: str) -> str:
    """A docs folder for Zensical inside the site's folder, which Zensical wants as the
    project's root: for the build without the extension the site's own when it is there,
    else a copy (a real tree: nothing is written into it); for the build with it always a
    copy, into which the index pages are written."""
    inside = site.docs.resolve().is_relative_to(site.root.resolve())
    if inside and name == "plain":
        return site.docs.resolve().relative_to(site.root.resolve()).as_posix()
    folder = f"zensical-docs-{name}"
    shutil.rmtree(site.root / folder, ignore_errors=True)
    shutil.copytree(site.docs, site.root / folder, ignore=shutil.ignore_patterns(".git"))
    return folder


def zensical_site(site: Site) -> str:
    """Write ``zensical-plain.yml`` and ``zensical-specs.yml`` beside the site's MkDocs
    configurations, from them; return the second one's docs folder.

    Both have Zensical's theme (the site's own when it is Material; no web fonts), the plain
    configuration's ``not_in_nav`` (Zensical does not run the plugin, so its
    ``documents_in_nav`` is nothing to it) and a ``site_dir`` of their own. The second is the
    plugin's configuration with ``mkdocs_specs.markdown`` in ``markdown_extensions`` and the
    stylesheet and script in ``extra_css`` and ``extra_javascript``, over a copy of the docs
    folder into which ``mkdocs-specs assets`` and ``mkdocs-specs index`` of Zensical's
    environment then write, as the engines page says."""
    root = site.root
    plain, specs = _load_yaml(root / site.plain), _load_yaml(root / site.specs)
    theme = plain.get("theme")
    name = theme.get("name") if isinstance(theme, dict) else theme
    theme = dict(theme) if isinstance(theme, dict) and name == "material" else {"name": "material"}
    common = {"theme": {**theme, "font": False}}
    if "not_in_nav" in plain:
        common["not_in_nav"] = plain["not_in_nav"]
    specs, options = _split_extension(specs)
    options = {k: v for k, v in (options or {}).items() if k not in ("config_file", "docs_dir")}
    specs.pop("not_in_nav", None)
    plain.update(common, docs_dir=_zensical_docs(site, "plain"), site_dir="site-zensical-plain")
    _dump_yaml(plain, root / ZENSICAL_PLAIN)
    config = (root / ZENSICAL_SPECS).resolve()
    specs.update(
        common,
        docs_dir=_zensical_docs(site, "specs"),
        site_dir="site-zensical-specs",
        markdown_extensions=[
            *(specs.get("markdown_extensions") or []),
            {SPECS_EXTENSION: {**options, "config_file": str(config)}},
        ],
        extra_css=[*(specs.get("extra_css") or []), ASSETS[0]],
        extra_javascript=[*(specs.get("extra_javascript") or []), ASSETS[1]],
    )
    _dump_yaml(specs, config)
    return str(specs["docs_dir"])


def measure_zensical(site: Site, zensical: str, repeats: int) -> ZensicalResult:
    """``zensical build --clean`` of the site without the extension against the same with
    it, the extension's build cache emptied before each (``--clean`` empties Zensical's),
    after the index pages and the assets are written by Zensical's environment."""
    name = f"{site.corpus} N={site.documents}"
    print(f"{name}: Zensical, writing the configurations and the index pages", flush=True)
    docs = zensical_site(site)
    root, plain, specs = site.root, ZENSICAL_PLAIN, ZENSICAL_SPECS
    tools = str(Path(zensical).parent / "mkdocs-specs")
    timed([tools, "assets", "-f", specs], root)
    index_dir = (_specs_options(_load_yaml(root / specs)) or {}).get("index_dir", "specs-index")
    out = f"{docs}/{index_dir}"
    index = timed([tools, "index", "-f", specs, "--out", out, "--allow-docs-dir"], root)
    cache = build_cache(root / specs)
    print(f"{name}: Zensical builds, without the extension and with it", flush=True)
    # Zensical's builds take minutes: no warm-up round. The docs folders were just written
    # (or copied) and the index command has read the documents and imported the extension.
    build = alternate(
        [zensical, "build", "--clean", "-f", plain],
        [zensical, "build", "--clean", "-f", specs],
        root,
        repeats,
        env={"NO_COLOR": "1"},
        before_measured=lambda: shutil.rmtree(cache, ignore_errors=True),
        warm_up=False,
    )
    return ZensicalResult(site.corpus, site.documents, build, index)


# --- profile -------------------------------------------------------------------------------


def profile(site: Site, output: Path) -> None:
    """A cProfile of one plugin build of ``site``, its cache empty, written to ``output``; the
    30 functions of the plugin with the most cumulative time are printed."""
    import pstats

    shutil.rmtree(build_cache(site.root / site.specs), ignore_errors=True)
    command = [sys.executable, "-m", "cProfile", "-o", str(output.resolve())]
    command += mkdocs(site.specs, "site-specs")[1:]
    run = timed(command, site.root)
    print(f"{site.corpus} N={site.documents}: one plugin build, profiled: {run.seconds:.2f} s")
    stats = pstats.Stats(str(output))
    stats.sort_stats("cumulative").print_stats("mkdocs_specs", 30)
    print(f"The whole profile: {output} (python -m pstats {output})")


# --- mkdocs serve --------------------------------------------------------------------------

_BUILT = re.compile(r"Documentation built in")
_SERVING = re.compile(r"Serving on http")
"""MkDocs logs it once it watches the files: a save before it would go unseen."""


class Server:
    """A real ``mkdocs serve`` on a free port of 127.0.0.1, whose log is followed."""

    def __init__(self, root: Path, config: str, dirty: bool) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, "-m", "mkdocs", "serve", "-f", config]
        command += ["-a", f"127.0.0.1:{self.port}"] + (["--dirty"] if dirty else [])
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        self.builds: list[float] = []
        self.serving = self.ended = False
        self.last_lines: list[str] = []
        self.lock = threading.Condition()
        threading.Thread(target=self._follow, daemon=True).start()

    def _follow(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            line = raw.decode(errors="replace")
            with self.lock:
                self.last_lines = [*self.last_lines[-19:], line]
                if _BUILT.search(line):
                    self.builds.append(time.perf_counter())
                self.serving = self.serving or bool(_SERVING.search(line))
                self.lock.notify_all()
        with self.lock:
            self.ended = True
            self.lock.notify_all()

    def wait_build(self, count: int, timeout: float = 600, missing_ok: bool = False) -> float:
        """The time at which the ``count``-th build ended, once the server watches the files;
        with ``missing_ok``, ``nan`` when it has not ended after ``timeout`` seconds."""
        with self.lock:
            done = self.lock.wait_for(
                lambda: self.ended or (self.serving and len(self.builds) >= count), timeout
            )
            if not done and missing_ok and not self.ended:
                return math.nan
            if not done or len(self.builds) < count:
                why = "stopped" if self.ended else "did not finish a build in time"
                raise SystemExit(f"mkdocs serve {why}:\n" + "".join(self.last_lines))
            return self.builds[count - 1]

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


_SAVES = 3
"""Saves of one edit before giving up: MkDocs' file watcher misses one now and then."""


def _next_status(path: Path, statuses: Sequence[str]) -> str:
    """Write the first of ``statuses`` that the document does not have yet: a save that
    changes nothing may start no rebuild."""
    text = path.read_text(encoding="utf-8")
    current = re.search(r"(?m)^status: (.*)$", text)
    status = next(s for s in statuses if current is None or s != current.group(1).strip())
    path.write_text(re.sub(r"(?m)^status: .*$", f"status: {status}", text, count=1), "utf-8")
    return status


def measure_serve(root: Path, edits: int) -> dict[str, float | bool]:
    """Seconds from saving one document to the end of the rebuild, plugin off and on, with and
    without ``--dirty``; and whether the served indexes showed every edit."""
    document = root / "docs" / "design" / "des-1.md"
    results: dict[str, float | bool] = {}
    statuses = ("In Review", "Approved")
    for dirty in (False, True):
        for config in ("plain-out.yml", "specs-out.yml"):
            server = Server(root, config, dirty)
            try:
                server.wait_build(1)
                times = []
                for edit in range(edits):
                    for attempt in range(_SAVES):
                        time.sleep(1.0)  # a save, not a burst of them
                        saved = time.perf_counter()
                        status = _next_status(document, statuses)
                        last = attempt == _SAVES - 1
                        built = server.wait_build(edit + 2, 600 if last else 120, not last)
                        if not math.isnan(built):
                            break
                    times.append(built - saved)
                    if config.startswith("specs"):
                        results[f"correct{'-dirty' if dirty else ''}"] = results.get(
                            f"correct{'-dirty' if dirty else ''}", True
                        ) and _indexes_show(server, "design/des-1.md", status)
            finally:
                server.stop()
            name = f"{'dirty' if dirty else 'serve'}-{config.split('-')[0]}"
            results[name] = statistics.median(times)
            print(f"serve {name}: {results[name]:.2f} s", flush=True)
    return results


def _indexes_show(server: Server, path: str, status: str) -> bool:
    """True when specs.json, the home page and both status pages show ``path`` as ``status``."""
    records = json.loads(server.get("specs.json"))["documents"]
    record = next(r for r in records if r["path"] == path)
    if record["status"] != status:
        return False
    slug = {"In Review": "in-review", "Approved": "approved"}
    link = "design/des-1/"
    shown = server.get(f"specs-index/status/{slug[status]}/")
    other = server.get(f"specs-index/status/{slug[({*slug} - {status}).pop()]}/")
    return link in shown and link not in other and link in server.get("specs-index/")


# --- report --------------------------------------------------------------------------------


def versions(zensical: str | None = None) -> dict[str, str]:
    """Python's, the machine's and the packages' of this environment; Zensical's when given
    its command."""
    from importlib.metadata import version

    names = ("mkdocs", "mkdocs-specs", "markdown", "pymdown-extensions", "jinja2", "pyyaml")
    found = {name: version(name) for name in names}
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    if zensical is not None:
        said = subprocess.run([zensical, "--version"], capture_output=True, text=True, timeout=60)
        found["zensical"] = said.stdout.strip()
    return {
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}",
        **found,
    }


def _seconds(runs: Iterable[Run]) -> float:
    return _median(run.seconds for run in runs)


def table(
    results: list[SizeResult],
    serve: dict[str, float | bool] | None,
    serve_size: int,
    zensical: Sequence[ZensicalResult] = (),
) -> str:
    """The figures as Markdown: the builds (MkDocs', then Zensical's), check, the nav, the
    live preview, the targets."""
    builds = [
        "| corpus | N | plain build | with plugin | **ratio** | CPU ratio | RSS plain "
        "| RSS plugin | **RSS ratio** | ms/doc | plugin, cache warm | **warm / plain** |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    checks = [
        "| corpus | N | check floor | check | check / floor | check, unchanged "
        "| **unchanged / floor** |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c, u = r.check, r.check_unchanged
        builds.append(_build_row(r.corpus, r.documents, r.build_out, r.build_warm))
        if r.features is not None:
            label = f"{r.corpus}, {FEATURES_LABEL}"
            builds.append(_build_row(label, r.documents, r.features, r.features_warm))
        checks.append(
            f"| {r.corpus} | {r.documents:,} | {_seconds(c.base):.2f} s "
            f"| {_seconds(c.measured):.2f} s | {c.ratio:.2f} "
            f"| {_seconds(u.measured):.2f} s | **{u.ratio:.2f}** |"
        )
    notes = []
    for z in zensical:
        b = z.build
        extension, plain = _seconds(b.measured), _seconds(b.base)
        builds.append(
            f"| {z.corpus}, Zensical | {z.documents:,} | {plain:.2f} s | {extension:.2f} s "
            f"| **{b.ratio:.3f}** | {b.cpu_ratio:.3f} | {_median(x.rss_mb for x in b.base):.0f} MB "
            f"| {_median(x.rss_mb for x in b.measured):.0f} MB | **{b.rss_ratio:.3f}** "
            f"| {extension / z.documents * 1000:.2f} | — | — |"
        )
        notes.append(
            f"Zensical, {z.corpus}, N={z.documents:,}: `zensical build --clean` without the "
            f"extension and with it; `mkdocs-specs index` wrote the index pages before in "
            f"{z.index.seconds:.2f} s (with it, {(extension + z.index.seconds) / plain:.3f} "
            "times the plain build)."
        )
    if any(r.features is not None for r in results):
        notes.append(
            f"{FEATURES_LABEL.capitalize()}: the same site with coverage rules on its types "
            "(the Matrix page), a JUnit report naming every other document (`test_results`) "
            f"and the `specs.json` of another site of {EXTERNAL} documents (`external`), "
            "against the same plain build, in the same run."
        )
    lines = ["\n".join(builds)] + (["\n".join(checks)] if results else []) + notes
    for r in results:
        if r.build_in is not None:
            lines.append(
                f"Every document in MkDocs' automatic nav, {r.corpus}, N={r.documents:,}: plain "
                f"{r.build_in.base[0].seconds:.1f} s, with the plugin "
                f"{r.build_in.measured[0].seconds:.1f} s; with the documents out of the nav "
                f"(`not_in_nav` for the plain build, `documents_in_nav: false` for the "
                f"plugin): {_seconds(r.build_out.base):.1f} s and "
                f"{_seconds(r.build_out.measured):.1f} s."
            )
    dirty = None
    if serve:
        dirty = float(serve["dirty-specs"]) / float(serve["dirty-plain"])
        lines.append(
            f"| {serve_size:,} documents, one saved | plain | with plugin | ratio "
            "| indexes right |\n|---|---|---|---|---|\n"
            f"| `mkdocs serve` | {serve['serve-plain']:.2f} s | {serve['serve-specs']:.2f} s "
            f"| {float(serve['serve-specs']) / float(serve['serve-plain']):.3f} "
            f"| {'yes' if serve.get('correct') else 'NO'} |\n"
            f"| `mkdocs serve --dirty` | {serve['dirty-plain']:.2f} s "
            f"| {serve['dirty-specs']:.2f} s | **{dirty:.3f}** "
            f"| {'yes' if serve.get('correct-dirty') else 'NO'} |"
        )
    rows = targets(results, dirty)
    if rows:
        lines.append(
            "| target | wanted | measured | met |\n|---|---|---|---|\n"
            + "\n".join(
                f"| {name} | {wanted} | {shown} | {'yes' if met else 'no'} |"
                for name, wanted, shown, met in rows
            )
        )
    return "\n\n".join(lines)


FEATURES_LABEL = "coverage + tests + external"


def _build_row(label: str, documents: int, cold: Pair, warm: Pair | None) -> str:
    """A row of the builds' table: plain builds against plugin builds, cache empty and warm."""
    plugin = _seconds(cold.measured)
    warmed = (
        f"{_seconds(warm.measured):.2f} s | **{warm.ratio:.3f}**" if warm is not None else "— | —"
    )
    return (
        f"| {label} | {documents:,} | {_seconds(cold.base):.2f} s | {plugin:.2f} s "
        f"| **{cold.ratio:.3f}** | {cold.cpu_ratio:.3f} "
        f"| {_median(x.rss_mb for x in cold.base):.0f} MB "
        f"| {_median(x.rss_mb for x in cold.measured):.0f} MB | **{cold.rss_ratio:.3f}** "
        f"| {plugin / documents * 1000:.2f} | {warmed} |"
    )


def targets(results: list[SizeResult], dirty: float | None) -> list[tuple[str, str, str, bool]]:
    """The issue's targets that the run measured: name, bound, measure, whether it is met."""
    rows: list[tuple[str, str, str, bool]] = []

    def ratio(name: str, value: float, bound: float) -> None:
        rows.append((name, f"≤ {bound:.2f}", f"{value:.3f}", value <= bound))

    for r in results:
        if r.corpus == "synthetic" and r.documents >= 5000:
            ratio(f"build, synthetic, N={r.documents:,}", r.build_out.ratio, 1.10)
        elif r.corpus == "realistic" and r.documents >= 5000:
            ratio(f"build, realistic, N={r.documents:,}", r.build_out.ratio, 1.15)
        elif r.corpus.startswith("tree"):
            ratio(f"build, {r.corpus}", r.build_out.ratio, 1.15)
    if results:
        warmest = max(results, key=lambda r: r.build_warm.ratio)
        ratio(
            f"build, cache warm, nothing changed (largest: {warmest.corpus}, "
            f"N={warmest.documents:,})",
            warmest.build_warm.ratio,
            1.05,
        )
    corpora = list(dict.fromkeys(r.corpus for r in results))
    for corpus in corpora:
        mine = [r for r in results if r.corpus == corpus]
        most = max(max(r.build_out.rss_ratio, r.build_warm.rss_ratio) for r in mine)
        ratio(f"peak memory, {corpus}, every N (largest ratio)", most, 1.20)
    realistic = [r for r in results if r.corpus == "realistic"]
    if realistic:
        largest = max(realistic, key=lambda r: r.documents)
        seconds = _seconds(largest.check.measured)
        rows.append(
            (
                f"check, realistic, N={largest.documents:,}, cache empty (wall)",
                "< 2.0 s",
                f"{seconds:.2f} s",
                seconds < 2.0,
            )
        )
    for corpus in corpora:
        largest = max((r for r in results if r.corpus == corpus), key=lambda r: r.documents)
        rows.append(
            (
                f"check, {corpus}, N={largest.documents:,}, nothing changed / floor",
                "≤ 3",
                f"{largest.check_unchanged.ratio:.2f}",
                largest.check_unchanged.ratio <= 3.0,
            )
        )
    for corpus in corpora:
        mine = sorted((r for r in results if r.corpus == corpus), key=lambda r: r.documents)
        if len(mine) > 1:
            first, last = mine[0], mine[-1]
            cost = [_seconds(r.build_out.measured) / r.documents for r in (first, last)]
            ratio(
                f"ms/doc, {corpus}, N={last.documents:,} / N={first.documents:,}",
                cost[1] / cost[0],
                1.20,
            )
    if dirty is not None:
        ratio("serve --dirty, one edit", dirty, 2.0)
    return rows


def default_repeats(documents: int) -> int:
    """Blocks per size: fewer for the large sizes, whose builds take minutes."""
    return 3 if documents < 5000 else 2 if documents < 10000 else 1


def measure_history(docs: Path, repeats: int) -> None:
    """The freshness pass over the git history of ``docs`` (a folder in a work tree), as a
    build with ``review_every`` runs it: cold (the log read) and warm (the same commit, as
    ``mkdocs serve`` rebuilds); the git processes' peak memory from ``git log`` run alone."""
    from mkdocs_specs.read import history

    cold, warm = [], []
    for _ in range(repeats):
        history._LOGS.clear()
        start = time.perf_counter()
        found = history.read_history(str(docs))
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        history.read_history(str(docs))
        warm.append(time.perf_counter() - start)
    if found.note:
        raise SystemExit(f"{docs}: {found.note}")
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=docs, capture_output=True, text=True
    ).stdout.strip()
    print(
        f"git history of {docs}: {commits} commits, {len(found.changed)} paths; "
        f"cold {_median(cold):.2f} s (min {min(cold):.2f}), "
        f"warm {_median(warm):.3f} s (min {min(warm):.3f}), median of {repeats}"
    )


@dataclass
class HistoryResult:
    """Builds of a folder in a git work tree: plain against the plugin, the history of
    statuses off and on."""

    documents: int
    off: Pair
    """Plain builds against plugin builds without ``history``, the build cache emptied."""
    first: Pair
    """Against plugin builds with ``history: true``, the cache emptied: the history read."""
    again: Pair
    """Against the same, the cache warm on the same commit (as the next build, or serve)."""
    histories: int
    """Documents with a history in the last build's ``specs.json``."""


HISTORY = "specs-history.yml"


def measure_history_build(
    docs: Path, config: Path | None, work: Path, theme: str, repeats: int
) -> HistoryResult:
    """The plain build of ``docs`` (as ``--tree`` writes it) against the plugin's build
    without the ``history`` option and with it, first with its cache empty (the whole log
    read), then warm on the same commit; blocks of plain, plugin, plugin, plain, no warm-up
    round (the tree has just been read to write the configurations)."""
    site = tree_site(docs, config, work, theme)
    data = _load_yaml(work / site.specs)
    options = {**(_specs_options(data) or {})}
    options.update(history=True, cache_dir=".cache/plugin/specs-history")
    _dump_yaml(_with_plugins(data, options), work / HISTORY)
    plain = mkdocs(site.plain, "site-plain")
    caches = build_cache(work / site.specs), build_cache(work / HISTORY)
    name = f"{docs.name}, {site.documents} documents"

    def empty(cache: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(cache, ignore_errors=True)

    print(f"{name}: builds without the history of statuses, the cache empty", flush=True)
    off = alternate(
        plain,
        mkdocs(site.specs, "site-specs"),
        work,
        repeats,
        before_measured=empty(caches[0]),
        warm_up=False,
    )
    with_history = mkdocs(HISTORY, "site-history")
    print(f"{name}: builds with history: true, the cache empty (the history read)", flush=True)
    first = alternate(
        plain, with_history, work, repeats, before_measured=empty(caches[1]), warm_up=False
    )
    print(f"{name}: builds with history: true, the cache warm on the same commit", flush=True)
    again = alternate(plain, with_history, work, repeats, warm_up=False)
    records = json.loads((work / "site-history" / "specs.json").read_text(encoding="utf-8"))
    histories = sum(1 for record in records["documents"] if record.get("history"))
    return HistoryResult(site.documents, off, first, again, histories)


def history_table(result: HistoryResult) -> str:
    """The history builds as Markdown."""
    rows = [
        f"| {result.documents:,} documents ({result.histories:,} with a history) | plain build "
        "| with plugin | **ratio** | CPU ratio | **RSS ratio** |",
        "|---|---|---|---|---|---|",
    ]
    for label, pair in (
        ("`history` off, cache empty", result.off),
        ("`history: true`, cache empty (first read)", result.first),
        ("`history: true`, cache warm, same commit", result.again),
    ):
        rows.append(
            f"| {label} | {_seconds(pair.base):.2f} s | {_seconds(pair.measured):.2f} s "
            f"| **{pair.ratio:.3f}** | {pair.cpu_ratio:.3f} | **{pair.rss_ratio:.3f}** |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        nargs="+",
        choices=sorted(CORPORA),
        default=["synthetic", "realistic"],
        help="which generated sites (default: both)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument(
        "--repeats",
        type=int,
        help="blocks of base, measured, measured, base runs (default: 3 below 5,000 documents, "
        "2 below 10,000, 1 from 10,000)",
    )
    parser.add_argument("--theme", default="mkdocs")
    parser.add_argument(
        "--nav-size", type=int, default=1000, help="also build N with every document in the nav"
    )
    parser.add_argument("--serve-size", type=int, default=1000, help="0 to skip serve")
    parser.add_argument("--edits", type=int, default=3, help="saved edits per serve measure")
    parser.add_argument("--tree", type=Path, help="measure this folder of Markdown instead")
    parser.add_argument(
        "--config",
        type=Path,
        help="with --tree or --git-history: an mkdocs.yml that uses the specs plugin, or the "
        "plugin's options alone (default: none, the zero-configuration presets)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="only profile one plugin build (of the tree, or of the first corpus at the first "
        "size) into FILE and print its top 30",
    )
    parser.add_argument(
        "--zensical",
        metavar="PATH",
        help="also measure `zensical build --clean` of each site with the Python-Markdown "
        "extension against the same without it: the zensical command of an environment that "
        "has mkdocs-specs installed",
    )
    parser.add_argument(
        "--zensical-repeats",
        type=int,
        default=1,
        help="blocks of Zensical builds (default: 1, without a warm-up: they take minutes)",
    )
    parser.add_argument(
        "--only",
        choices=["zensical"],
        help="zensical: measure the Zensical builds alone (no MkDocs builds, check or serve)",
    )
    parser.add_argument("--keep", type=Path, help="folder for the sites (default: temporary)")
    parser.add_argument("--json", type=Path, help="write every run's figures here")
    parser.add_argument(
        "--git-history",
        type=Path,
        metavar="DOCS",
        help="only time the git history of DOCS, a folder in a work tree: the freshness pass "
        "(review_every's one git log per build), then the plain build of DOCS against the "
        "plugin's without the history of statuses and with `history: true` (its cache empty, "
        "then warm); --config as with --tree",
    )
    parser.add_argument(
        "--features",
        action="store_true",
        help="also build each generated site with the features of issue 21 on: coverage rules "
        "for its types, a generated JUnit report (test_results) and another generated site's "
        "specs.json (external), against the same plain build",
    )
    args = parser.parse_args()
    if args.config and not (args.tree or args.git_history):
        parser.error("--config goes with --tree or --git-history")
    if args.features and (args.tree or args.git_history or args.only):
        parser.error(
            "--features goes with the generated corpora, not with --tree, --git-history or --only"
        )
    if args.git_history:
        main_history(args)
        return
    zensical = None
    if args.zensical:
        zensical = shutil.which(args.zensical)
        if zensical is None:
            parser.error(f"--zensical: no command {args.zensical}")
        if not (Path(zensical).parent / "mkdocs-specs").is_file():
            parser.error(f"--zensical: no mkdocs-specs beside {zensical}")
    if args.only == "zensical" and zensical is None:
        parser.error("--only zensical needs --zensical")
    only_zensical = args.only == "zensical"

    base = args.keep or Path(tempfile.mkdtemp(prefix="mkdocs-specs-bench-"))
    results: list[SizeResult] = []
    zensical_results: list[ZensicalResult] = []
    serve = None
    try:
        # Each site is written when its turn comes (the large ones take room).
        makers: list[Callable[[], Site]] = [
            functools.partial(
                corpus_site, corpus, base / f"{corpus}-{n}", n, args.theme, args.features
            )
            for corpus in args.corpus
            for n in args.sizes
        ]
        if args.tree:
            tree = functools.partial(tree_site, args.tree, args.config, base / "tree", args.theme)
            makers = [tree]
        if args.profile:
            profile(makers[0](), args.profile)
            return
        for make in makers:
            site = make()
            if not only_zensical:
                repeats = args.repeats or default_repeats(site.documents)
                results.append(measure_site(site, repeats, site.documents == args.nav_size))
            if zensical is not None:
                zensical_results.append(measure_zensical(site, zensical, args.zensical_repeats))
        if args.serve_size and not args.tree and not only_zensical:
            root = base / f"serve{args.serve_size}"
            generate(root, args.serve_size, theme=args.theme)
            serve = measure_serve(root, args.edits)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    info = versions(zensical)
    print("\n" + "\n".join(f"- {k}: {v}" for k, v in info.items()) + "\n")
    print(table(results, serve, args.serve_size, zensical_results))
    if args.json:
        figures = {
            "versions": info,
            "sizes": [asdict(r) for r in results],
            "zensical": [asdict(r) for r in zensical_results],
            "serve": serve,
        }
        args.json.write_text(json.dumps(figures, indent=2))
    if serve is not None and not (serve.get("correct") and serve.get("correct-dirty")):
        raise SystemExit("the served indexes did not show an edit")


def main_history(args: argparse.Namespace) -> None:
    """``--git-history``: the freshness pass alone, then the builds with the history of
    statuses."""
    measure_history(args.git_history, args.repeats or 5)
    base = args.keep or Path(tempfile.mkdtemp(prefix="mkdocs-specs-bench-"))
    try:
        result = measure_history_build(
            args.git_history, args.config, base / "history", args.theme, args.repeats or 1
        )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    info = versions()
    print("\n" + "\n".join(f"- {k}: {v}" for k, v in info.items()) + "\n")
    print(history_table(result))
    if args.json:
        figures = {"versions": info, "history": asdict(result)}
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
