"""``python -m mkdocs_specs.cli``: the command line, as the ``mkdocs-specs`` script runs it."""

from . import main

if __name__ == "__main__":
    main()
