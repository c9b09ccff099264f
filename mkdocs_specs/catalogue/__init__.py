"""Documents to a catalogue: member files attached, statuses derived, links resolved both ways,
checks across documents, and the groups the pages show.
"""

from __future__ import annotations
