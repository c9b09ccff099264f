"""Other sites' ``specs.json`` (the ``external`` option): their documents, as data for the
catalogue of this site.

A source is a file (relative to the folder of ``mkdocs.yml``) or an ``http(s)`` URL. A URL is
fetched with a timeout and a bound on its size; the last good copy is kept in the plugin's
``cache_dir``, so that a build offline, or while the other site is down, lists the documents
it listed last time, with a warning. Each copy is validated against the published schema of
``specs.json`` before any of it is used. What goes wrong is one ``external`` finding naming the
source, never an exception.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin, urlsplit

import jsonschema

from ..findings import Reporter
from ..model import Document, External, Finding, Progress, SettingsError, TooLarge
from .files import read_at_most

MAX_SIZE = 64 * 1024 * 1024
"""The largest ``specs.json`` read: 10,000 documents with their fields take some 20 MB."""
TIMEOUT = 10.0
"""Seconds a URL may take to answer, by default (an entry's ``timeout`` changes it)."""
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class ExternalSource:
    """One entry of the ``external`` option."""

    name: str
    """The other site's name, shown beside its documents: ``payments``."""
    source: str
    """As written: a path relative to the folder of ``mkdocs.yml``, or a URL."""
    location: str
    """The file's absolute path, or the URL."""
    url: str | None = None
    """The other site's base URL, over the one its ``specs.json`` gives (``site_url``)."""
    timeout: float = TIMEOUT

    @property
    def remote(self) -> bool:
        """Fetched over HTTP rather than read from a file."""
        return urlsplit(self.location).scheme in _SCHEMES


def external_sources(entries: Sequence[object], base_dir: str) -> tuple[ExternalSource, ...]:
    """The ``external`` option's entries, checked: each a path or URL, or a mapping with
    ``source`` and optional ``name``, ``url`` and ``timeout``. Raises ``SettingsError``."""
    sources: list[ExternalSource] = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"external[{index}]"
        options: Mapping[str, Any] = {"source": entry} if isinstance(entry, str) else {}
        if isinstance(entry, Mapping):
            options = entry
            unknown = sorted(set(map(str, entry)) - {"name", "source", "url", "timeout"})
            if unknown:
                raise SettingsError(
                    f"{where}: unknown key '{unknown[0]}'; expected source, name, url, timeout"
                )
        source = options.get("source")
        if not isinstance(source, str) or not source.strip():
            raise SettingsError(
                f"{where}: expected a path or URL of a specs.json, or a mapping with 'source'"
            )
        source = source.strip()
        scheme = urlsplit(source).scheme
        remote = scheme in _SCHEMES
        if scheme and not remote and len(scheme) > 1:  # one letter: a Windows drive
            raise SettingsError(f"{where}: '{source}' is no file and no http(s) URL")
        name = options.get("name")
        if name is None:
            stem = os.path.basename(urlsplit(source).path.rstrip("/")) or "external"
            name = re.sub(r"[^a-z0-9_-]+", "-", stem.removesuffix(".json").lower()).strip("-_")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise SettingsError(
                f"{where}: name {name!r} must be lower-case letters, digits, '-' or '_' "
                "(at most 40), such as 'payments'"
            )
        if name in names:
            raise SettingsError(f"{where}: the name '{name}' is given to another source already")
        names.add(name)
        url = options.get("url")
        if url is not None and (not isinstance(url, str) or not _base_url(url)):
            raise SettingsError(
                f"{where}: url {url!r} must be the other site's http(s) address, such as "
                "'https://payments.example.com/', or a path from this host's root ('/payments/')"
            )
        timeout = options.get("timeout", TIMEOUT)
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise SettingsError(f"{where}: timeout must be a number of seconds above 0")
        location = source if remote else os.path.normpath(os.path.join(base_dir, source))
        sources.append(ExternalSource(name, source, location, url, float(timeout)))
    return tuple(sources)


def _base_url(url: str) -> bool:
    """An absolute http(s) URL, or a path from the root of this site's host (``/x/``)."""
    parts = urlsplit(url)
    if parts.scheme in _SCHEMES:
        return bool(parts.netloc)
    return not parts.scheme and not parts.netloc and url.startswith("/")


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    text = files("mkdocs_specs").joinpath("schemas/specs.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


Fetch = Callable[[str, float, int], bytes]
"""Gets a URL's body within a timeout, raising ``OSError`` (``TooLarge`` past the bound)."""


def fetch(url: str, timeout: float, limit: int) -> bytes:
    """The body of an http(s) URL, with the standard library; at most ``limit`` bytes."""
    if urlsplit(url).scheme not in _SCHEMES:  # pragma: no cover - checked with the options
        raise OSError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise OSError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        raise OSError(reason if isinstance(reason, str) else str(reason)) from None
    except (TimeoutError, ValueError) as error:
        raise OSError(str(error) or "timed out") from None
    if len(data) > limit:
        raise TooLarge(len(data))
    return data


@dataclass
class ExternalSites:
    """What the other sites' ``specs.json`` gave: their documents and the findings of reading
    them."""

    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    type_labels: dict[str, str] = field(default_factory=dict)
    """The other sites' types, name → label, for the types this site does not have."""


class ExternalReader:
    """Reads the sources of the ``external`` option, each build.

    A file is read on every build. A URL is fetched once per reader (``mkdocs serve`` keeps
    one for its whole session, so that a rebuild on every save neither waits for the network
    nor asks the other site again), and its last good copy is kept in ``cache_dir``.
    """

    def __init__(
        self,
        sources: Sequence[ExternalSource],
        cache_dir: str | None,
        severities: Mapping[str, str],
        get: Fetch = fetch,
    ) -> None:
        self.sources = tuple(sources)
        self.cache_dir = cache_dir
        self.severities = severities
        self.get = get
        self.fetched: MutableMapping[str, tuple[bytes | None, str | None]] = {}
        """URL → (its body or ``None``, why it was not fetched): each URL once per reader."""

    def read(self) -> ExternalSites:
        """Every source's documents, with the findings of reading them."""
        sites = ExternalSites()
        for source in self.sources:
            report = Reporter(source.source, self.severities)
            data = self._data(source, report)
            if data is not None:
                _documents(source, data, report, sites)
            sites.findings += report.findings
        return sites

    def _data(self, source: ExternalSource, report: Reporter) -> dict[str, Any] | None:
        """The source's JSON, valid against the schema, or ``None`` with a finding."""
        if not source.remote:
            try:
                raw = read_at_most(source.location, MAX_SIZE)
            except TooLarge as error:
                report("external", None, f"{_too_large(error)} ({source.name})")
                return None
            except OSError as error:
                said = error.strerror or str(error)
                report("external", None, f"cannot be read: {said}; expected a specs.json file")
                return None
            data, why = _valid(raw)
            if why is not None:
                report("external", None, f"{why} ({source.name})")
            return data
        if source.location not in self.fetched:
            self.fetched[source.location] = self._fetch(source)
        body, problem = self.fetched[source.location]
        if body is not None:
            data, why = _valid(body)
            if data is not None:
                self._keep(source, body)
                return data
            problem = why
        cached = self._cached(source)
        if cached is not None:
            report(
                "external",
                None,
                f"{problem}; its last good copy from {cached[1]} is shown ({source.name})",
            )
            return cached[0]
        report(
            "external",
            None,
            f"{problem}, and no copy of it is kept; none of its documents "
            f"are shown ({source.name})",
        )
        return None

    def _fetch(self, source: ExternalSource) -> tuple[bytes | None, str | None]:
        try:
            return self.get(source.location, source.timeout, MAX_SIZE), None
        except TooLarge as error:
            return None, _too_large(error)
        except OSError as error:
            return None, f"cannot be fetched: {error.strerror or error}"

    def _copy_path(self, source: ExternalSource) -> str | None:
        if not self.cache_dir:
            return None
        digest = hashlib.blake2b(source.location.encode(), digest_size=8).hexdigest()
        return os.path.join(self.cache_dir, "external", f"{source.name}-{digest}.json")

    def _keep(self, source: ExternalSource, raw: bytes) -> None:
        path = self._copy_path(source)
        if path is None:
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            temporary = f"{path}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                handle.write(raw)
            os.replace(temporary, path)
        except OSError:
            pass  # the next build fetches it again; a copy is a convenience

    def _cached(self, source: ExternalSource) -> tuple[dict[str, Any], str] | None:
        path = self._copy_path(source)
        if path is None:
            return None
        try:
            raw = read_at_most(path, MAX_SIZE)
            day = _day(os.stat(path).st_mtime)
        except OSError:
            return None
        data, _ = _valid(raw)
        return (data, day) if data is not None else None


def _day(stamp: float) -> str:
    return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")


def _too_large(error: TooLarge) -> str:
    return f"is larger than {MAX_SIZE:,} bytes ({error.size:,} bytes at least)"


def _valid(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """The JSON of ``raw`` when it is a valid ``specs.json``; else why not."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, "is not UTF-8 text; expected the specs.json another site built"
    except (json.JSONDecodeError, RecursionError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        return None, f"is not valid JSON{where}; expected the specs.json another site built"
    wrong = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if wrong is not None:
        at = "/".join(str(part) for part in wrong.absolute_path) or "the top"
        message = wrong.message if len(wrong.message) <= 200 else wrong.message[:200] + "..."
        return None, f"does not match the schema of specs.json at {at}: {message}"
    return data, None


def _documents(
    source: ExternalSource, data: dict[str, Any], report: Reporter, sites: ExternalSites
) -> None:
    base = source.url or data.get("site_url")
    if not isinstance(base, str) or not _base_url(base):
        base = None
        report(
            "external",
            None,
            f"gives no site_url, and its entry no url: its {len(data['documents'])} documents "
            f"are listed without links; expected url: https://... in the entry ({source.name})",
        )
    for kind in data["types"]:
        sites.type_labels.setdefault(kind["name"], kind["label"])
    for record in data["documents"]:
        sites.documents.append(_document(source, base, record))


def _document(source: ExternalSource, base: str | None, record: dict[str, Any]) -> Document:
    url = None
    if base is not None and isinstance(record["url"], str):
        joined = urljoin(base if base.endswith("/") else base + "/", record["url"])
        if urlsplit(joined).scheme in ("", *_SCHEMES) and not joined.startswith("//"):
            url = joined  # never a javascript: or data: link from another site's file
    relations = record["relations"]
    links = tuple(
        (name, target["id"])
        for name, targets in relations["outgoing"].items()
        for target in targets
        if isinstance(target.get("id"), str)
    ) + tuple(
        # What its own site could not resolve may name a document of this one.
        (reference["field"], reference["written"].strip())
        for reference in relations["unresolved"]
    )
    progress = record["progress"]
    return Document(
        path=f"{source.name}:{record['path']}",
        type=record["type"],
        title=record["title"],
        id=record["id"],
        status=record["status"],
        owners=tuple(record["owners"]),
        created=record["created"],
        updated=record["updated"],
        fields=record["fields"],
        progress=Progress(min(progress["done"], progress["total"]), progress["total"]),
        external=External(source.name, source.source, url, links),
    )
