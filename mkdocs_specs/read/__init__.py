"""Files to documents: discovery, decoding, one scan of the Markdown, metadata from every source,
and each document's own findings.
"""

from __future__ import annotations
