"""Diagrams of relations: the geometry of a document's neighbourhood, and the whole graph.

Only positions and sizes are worked out here; the templates draw them (inline SVG for a
neighbourhood, Mermaid text for the whole graph where the site renders Mermaid).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue.relations import Relations
from ..model import Document
from ..read.statuses import status_tone

NODE_WIDTH = 200


NODE_HEIGHT = 40


GAP = 10


COLUMN_GAP = 70


LABEL_CHARS = 24
"""Longer names are cut (the node's tooltip and link keep the whole title)."""


MAX_GRAPH_NODES = 300
"""The whole graph is drawn up to this many documents; beyond, only its table is shown."""


MAX_NEIGHBOURS = 12
"""Documents drawn on each side of a neighbourhood; the card's list names all of them."""


def short_label(document: Document, size: int = LABEL_CHARS) -> str:
    """The ID and the title, cut to ``size`` characters: IDs may be shared across types."""
    doc_id, title = document.id, document.title
    text = f"{doc_id} {title}" if doc_id and doc_id not in title else title
    return text if len(text) <= size else text[: size - 1] + "…"


@dataclass(frozen=True, slots=True)
class Node:
    """A document drawn as a box."""

    document: Document
    x: int
    y: int
    caption: str
    """The relation it is shown for (``Depends on``); empty for the document itself."""
    current: bool = False

    @property
    def tone(self) -> str:
        """The status tone, for the box's colour."""
        return status_tone(self.document.status)

    @property
    def label(self) -> str:
        """The ID and title, cut to fit the box."""
        return short_label(self.document)


@dataclass(frozen=True, slots=True)
class Edge:
    """A line from one box to another, with an arrow at ``to``."""

    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(slots=True)
class Diagram:
    """Boxes and lines in a ``width`` by ``height`` picture."""

    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    hidden: int = 0
    """Linked documents left out of the picture (more than :data:`MAX_NEIGHBOURS` a side)."""

    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT


def neighbourhood(document: Document, relations: Relations) -> Diagram | None:
    """``document`` in the middle, the documents linking to it on the left, those it links to
    on the right; ``None`` when it has no links."""
    left = [
        (link.relation.inverse_display, link.source) for link in relations.incoming_of(document)
    ]
    right = [(link.relation.display, link.target) for link in relations.outgoing_of(document)]
    if not left and not right:
        return None
    hidden = max(len(left) - MAX_NEIGHBOURS, 0) + max(len(right) - MAX_NEIGHBOURS, 0)
    left, right = left[:MAX_NEIGHBOURS], right[:MAX_NEIGHBOURS]
    rows = max(len(left), len(right), 1)
    height = rows * (NODE_HEIGHT + GAP) - GAP
    columns = [0, NODE_WIDTH + COLUMN_GAP, 2 * (NODE_WIDTH + COLUMN_GAP)]
    if not left:
        columns = [0, 0, NODE_WIDTH + COLUMN_GAP]
    width = columns[2] + NODE_WIDTH if right else columns[1] + NODE_WIDTH
    middle_y = (height - NODE_HEIGHT) // 2
    diagram = Diagram(width, height, hidden=hidden)
    centre = Node(document, columns[1], middle_y, "", current=True)
    diagram.nodes.append(centre)
    for column, side, outgoing in ((columns[0], left, False), (columns[2], right, True)):
        top = (height - (len(side) * (NODE_HEIGHT + GAP) - GAP)) // 2
        for row, (caption, other) in enumerate(side):
            node = Node(other, column, top + row * (NODE_HEIGHT + GAP), caption)
            diagram.nodes.append(node)
            y_other = node.y + NODE_HEIGHT // 2
            y_centre = middle_y + NODE_HEIGHT // 2
            if outgoing:
                diagram.edges.append(Edge(centre.x + NODE_WIDTH, y_centre, node.x, y_other))
            else:
                diagram.edges.append(Edge(node.x + NODE_WIDTH, y_other, centre.x, y_centre))
    return diagram
