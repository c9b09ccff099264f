"""The features of issue 21 switched on for a generated site: coverage rules and the Matrix page,
a JUnit report of test results, and another site's documents (``external``).

``write_features`` writes, beside a site's ``specs-out.yml``, a ``specs-features.yml`` that
is the same with:

- coverage rules for the corpus' types (:data:`COVERAGE`) over the relations its documents
  have, and ``tests_from`` on one type, so that the ``coverage`` and ``tests`` rules run, the
  Matrix page is made and its cards get their flags;
- ``test_results`` naming ``test-results/junit.xml``, a report whose test cases name every
  other document (:data:`TESTED`), by a ``spec`` property and by the ID in brackets in their
  names; one in ten fails, one in twenty is skipped;
- ``external`` naming ``external/other-specs.json``: the ``specs.json`` of a synthetic site of
  :data:`EXTERNAL` documents numbered apart from this site's, read and exported as the plugin
  exports its own (nothing built);
- a ``cache_dir`` of its own, so that the plain plugin build and this one do not set each
  other's build cache aside.

The history of statuses needs git: ``run.py --git-history`` measures it on a real clone.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import yaml

EXTERNAL = 300
"""Documents of the other site whose ``specs.json`` the ``external`` option reads."""
EXTERNAL_FIRST = 100_000
"""Its documents' first number: its IDs are not this site's."""
TESTED = 2
"""Every ``TESTED``-th document (in the catalogue's order) is named by test cases."""
CACHE_DIR = ".cache/plugin/specs-features"

COVERAGE: dict[str, dict[str, dict[str, Any]]] = {
    "synthetic": {
        "feature-spec": {
            "tests_from": "Complete",
            "coverage": [{"relation": "implements", "type": "change-request"}],
        },
        "feature-design": {"coverage": [{"relation": "implements", "type": "change-request"}]},
    },
    "realistic": {
        "kep": {
            "tests_from": "Implemented",
            "coverage": [{"relation": "related", "type": "kep"}],
        },
        "feature-design": {"coverage": [{"relation": "related", "type": "feature-design"}]},
        "feature-spec": {"coverage": [{"relation": "depends_on", "type": "feature-spec"}]},
    },
}
"""Per corpus, the types' options added: each rule over a relation its generator writes."""

FEATURES = "specs-features.yml"


def write_features(root: Path, corpus: str, specs: str = "specs-out.yml") -> str:
    """Write the report, the other site's ``specs.json`` and ``specs-features.yml`` beside
    ``root/specs`` (a configuration of the generated ``corpus``); return the last one's name."""
    from mkdocs_specs.cli.site import load_site

    config = yaml.safe_load((root / specs).read_text(encoding="utf-8"))
    options = _options(config)
    types = options.setdefault("types", {})
    for name, added in COVERAGE[corpus].items():
        types[name] = {**(types.get(name) or {}), **added}
    options.update(
        cache_dir=CACHE_DIR,
        test_results=["test-results/*.xml"],
        external=[{"name": "other", "source": "external/other-specs.json"}],
    )
    ids = [d.id for d in load_site(str(root / specs)).catalogue.documents if d.id]
    write_report(root / "test-results" / "junit.xml", ids[::TESTED])
    write_external(root / "external")
    (root / FEATURES).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return FEATURES


def _options(config: dict[str, Any]) -> dict[str, Any]:
    """The specs plugin's options in ``config`` (a generated one: a list of plugins)."""
    for index, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "specs" in plugin:
            options: dict[str, Any] = dict(plugin["specs"] or {})
            plugin["specs"] = options
            return options
        if plugin == "specs":
            options = {}
            config["plugins"][index] = {"specs": options}
            return options
    raise ValueError("no specs plugin in the configuration")


def write_report(path: Path, ids: list[str], seed: int = 0) -> None:
    """A JUnit XML report as pytest writes it: two test cases for each of ``ids``, one naming
    it by a ``spec`` property, one by the ID in brackets in its name."""
    rng = random.Random(seed)
    cases = []
    for n, spec in enumerate(ids):
        for way in ("property", "name"):
            outcome = rng.random()
            child = (
                "<failure message='assert False'>AssertionError</failure>"
                if outcome < 0.1
                else "<skipped message='not on this platform'/>"
                if outcome < 0.15
                else ""
            )
            name = f"test_case_{n}_{way}" + (f"[{spec}]" if way == "name" else "")
            properties = (
                f"<properties><property name='spec' value={quoteattr(spec)}/></properties>"
                if way == "property"
                else ""
            )
            cases.append(
                f"    <testcase classname='tests.test_feature_{n % 40}' name={quoteattr(name)} "
                f"time='0.01'>{properties}{child}</testcase>"
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<testsuites>\n  <testsuite name='pytest'>\n"
        + "\n".join(cases)
        + "\n  </testsuite>\n</testsuites>\n",
        encoding="utf-8",
    )


def write_external(folder: Path, documents: int = EXTERNAL) -> Path:
    """``folder/other-specs.json``: the export of a synthetic site of ``documents``, written
    (with its own site) under ``folder/site``."""
    from generate import generate

    from mkdocs_specs.cli.site import load_site
    from mkdocs_specs.render.export import export

    site = folder / "site"
    generate(site, documents, seed=1, first=EXTERNAL_FIRST)
    catalogue = load_site(str(site / "specs-out.yml")).catalogue
    data = export(
        catalogue,
        lambda path: path.removesuffix(".md") + "/",
        site_url="https://other.example/",
    )
    target = folder / "other-specs.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    return target
