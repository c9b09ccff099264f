"""What the user configures, checked and compiled once per build: document types, presets,
relations, and the settings object every stage reads.
"""

from __future__ import annotations
