"""What the plugin finds in a real tree of documents: findings per rule, invalid documents, and a
random sample of findings to read one by one, each with the line it is about.

    python benchmarks/corpus.py PATH/TO/TREE --options recipe.yml --sample 20

``TREE`` is used as ``docs_dir``; ``--options`` is a YAML file of the specs plugin's options (as
under ``plugins: - specs:`` in ``mkdocs.yml``; by default none, the zero-configuration
presets), and ``--site`` one of more ``mkdocs.yml`` settings (``exclude_docs``, say). Nothing
is built: the tree is read as ``mkdocs-specs check`` reads it, and what it says of the tree
(presets it would suggest) is printed too. ``--json`` writes the figures for a table.
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
from mkdocs_specs.mkdocs.files import (
    missing_templates,
    read_queries,
    site_advice,
    site_findings,
)
from mkdocs_specs.model import Finding, Severity


def read_tree(
    tree: Path, options: dict[str, Any], site: dict[str, Any] | None = None
) -> tuple[int, int, list[Finding], list[str]]:
    """Documents, invalid documents, every finding and what ``check`` says of ``tree``, read
    with the plugin's ``options`` and more ``mkdocs.yml`` settings (``site``)."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "mkdocs.yml"
        config.write_text(
            yaml.safe_dump(
                {
                    "site_name": "corpus",
                    "docs_dir": str(tree.resolve()),
                    "theme": {"name": "mkdocs"},
                    **(site or {}),
                    "plugins": [{"specs": options}],
                }
            ),
            encoding="utf-8",
        )
        loaded = load_site(str(config))
        findings = site_findings(
            loaded.catalogue,
            loaded.settings,
            missing_templates(loaded.catalogue, loaded.config.theme),
            read_queries(loaded.files, loaded.catalogue, loaded.settings),
        )
        said = site_advice(loaded.files, loaded.catalogue, loaded.settings)
    catalogue = loaded.catalogue
    return len(catalogue.documents), catalogue.invalid, findings, said


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
    parser.add_argument("--site", type=Path, help="YAML file of more mkdocs.yml settings")
    parser.add_argument("--sample", type=int, default=20, help="errors and warnings to show")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    options = yaml.safe_load(args.options.read_text(encoding="utf-8")) if args.options else {}
    site = yaml.safe_load(args.site.read_text(encoding="utf-8")) if args.site else {}
    documents, invalid, findings, said = read_tree(args.tree, options or {}, site or {})
    share = f"{100 * invalid / documents:.1f}%" if documents else "-"
    print(f"{args.tree}: {documents} documents, {invalid} invalid ({share})")
    for line in said:
        print(f"  says: {line}")
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
