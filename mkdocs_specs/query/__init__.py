"""Query blocks: a ```` ```specs ```` block, in any page, that lists, counts or charts documents."""

from __future__ import annotations
