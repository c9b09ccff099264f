"""mkdocs-specs: an MkDocs plugin that turns a folder of Markdown specifications, designs and
change requests into a living spec portal.

The core (everything but ``plugin``, ``config``, ``mkdocs_files`` and ``cli``) knows nothing of
MkDocs; the plugin and the command line adapt it.
"""
