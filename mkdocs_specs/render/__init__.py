"""The catalogue to pages: the generated pages and what they show, the cards, progress bars,
query results and diagrams, specs.json, and new documents from their templates.
"""

from __future__ import annotations
