"""The MkDocs host: the plugin's options, its events, and the way MkDocs' files reach the core."""

from __future__ import annotations
