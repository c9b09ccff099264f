"""The test suite. ``SPECS_HOST=properdocs`` runs it under ProperDocs, MkDocs' drop-in fork:
from here on every ``mkdocs.*`` import (the plugin's, the tests') is ProperDocs' module, as it
is under the ``properdocs`` command, and commands run ``python -m properdocs``."""

import os

HOST = os.environ.get("SPECS_HOST", "mkdocs")
if HOST == "properdocs":
    import properdocs.replacement  # noqa: F401
elif HOST != "mkdocs":
    raise RuntimeError(f"SPECS_HOST must be 'mkdocs' or 'properdocs', not {HOST!r}")
