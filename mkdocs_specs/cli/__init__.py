"""The ``mkdocs-specs`` command line: a thin adapter over the core, like the plugin, with one
module per command.

It reads ``mkdocs.yml`` with MkDocs' own loader (so ``!ENV``, ``INHERIT`` and Material's tags
work), takes the specs plugin's options from it, lists the site's files as ``mkdocs build``
does and hands them to the same pipeline as the plugin (:mod:`.site`). No site is built.
"""

from __future__ import annotations

import click

from .assets import assets
from .check import check
from .index import index
from .new import new


@click.group(name="mkdocs-specs", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-specs", message="mkdocs-specs %(version)s")
def main() -> None:
    """Check spec documents, write new ones from their templates and export the index pages,
    with the settings of the specs plugin in mkdocs.yml."""


main.add_command(check)
main.add_command(new)
main.add_command(index)
main.add_command(assets)
