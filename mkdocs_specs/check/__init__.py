"""The checks: the rules a finding comes from, a document's fields, sections and template residue,
and the checks across documents.
"""

from __future__ import annotations
