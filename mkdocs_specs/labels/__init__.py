"""Every word the pages show, from one catalogue: a JSON file per language (``en.json``, ...),
chosen by the theme's language, with the user's ``labels`` over it, and plural rules.
"""
