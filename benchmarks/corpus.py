"""What the plugin finds in a real tree of documents: findings per rule, invalid documents, and a
random sample of findings to read one by one, each with the line it is about.

    python benchmarks/corpus.py PATH/TO/TREE --options recipe.yml --sample 20

``TREE`` is used as ``docs_dir``; ``--options`` is a YAML file of the specs plugin's options (as
under ``plugins: - specs:`` in ``mkdocs.yml``; by default none, the zero-configuration
presets). Nothing is built: the tree is read as ``mkdocs-specs check`` reads it. ``--json``
writes the figures for a table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from mkdocs_specs.cli.site import load_site
from mkdocs_specs.mkdocs.files import missing_templates, read_queries, site_findings
from mkdocs_specs.model import Finding, Severity


def read_tree(tree: Path, options: dict[str, Any]) -> tuple[int, int, list[Finding]]:
    """Documents, invalid documents and every finding of ``tree`` read with ``options``."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "mkdocs.yml"
        config.write_text(
            yaml.safe_dump(
                {
                    "site_name": "corpus",
                    "docs_dir": str(tree.resolve()),
                    "theme": {"name": "mkdocs"},
                    "plugins": [{"specs": options}],
                }
            ),
            encoding="utf-8",
        )
        site = load_site(str(config))
        findings = site_findings(
            site.catalogue,
            site.settings,
            missing_templates(site.catalogue, site.config.theme),
            read_queries(site.files, site.catalogue, site.settings),
        )
    catalogue = site.catalogue
    return len(catalogue.documents), catalogue.invalid, findings


def line_text(tree: Path, finding: Finding) -> str:
    """The line a finding is about, as the file has it (empty when there is none)."""
    if not finding.line:
        return ""
    try:
        with open(tree / finding.path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if number == finding.line:
                    return line.rstrip("\n")[:160]
    except OSError:
        pass
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--options", type=Path, help="YAML file of the plugin's options")
    parser.add_argument("--sample", type=int, default=20, help="errors and warnings to show")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    options = yaml.safe_load(args.options.read_text(encoding="utf-8")) if args.options else {}
    documents, invalid, findings = read_tree(args.tree, options or {})
    share = f"{100 * invalid / documents:.1f}%" if documents else "-"
    print(f"{args.tree}: {documents} documents, {invalid} invalid ({share})")
    per_rule = Counter((f.rule, f.severity.value) for f in findings)
    for (rule, severity), count in sorted(per_rule.items(), key=lambda item: -item[1]):
        print(f"  {count:6}  {severity:7}  {rule}")
    serious = [f for f in findings if f.severity is not Severity.INFO]
    sample = random.Random(args.seed).sample(serious, min(args.sample, len(serious)))
    if sample:
        print(f"\nA sample of {len(sample)} of {len(serious)} errors and warnings:")
    for finding in sorted(sample, key=lambda f: (f.path, f.line or 0)):
        print(f"\n- {finding}")
        text = line_text(args.tree, finding)
        if text:
            print(f"    > {text}")
    if args.json:
        record = {
            "tree": os.fspath(args.tree),
            "documents": documents,
            "invalid": invalid,
            "rules": {f"{rule} ({severity})": n for (rule, severity), n in per_rule.items()},
        }
        args.json.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
