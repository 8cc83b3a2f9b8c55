"""Where the view puts its nodes, and how vis-network moves them: the layout and the options.

Above :data:`LAYOUT_ABOVE` nodes the positions are computed here once and physics is off;
the options come from pyvis's ``Network``.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

import networkx as nx
from pyvis.network import Network

if TYPE_CHECKING:
    from graph.view.style import ViewStyle

__all__ = ["LAYOUT_ABOVE", "layered_layout"]

LAYOUT_ABOVE = 1500
"""Above this many nodes, the layout is computed in Python and physics is off."""


def layered_layout(
    G: nx.MultiDiGraph, style: ViewStyle, *, spacing: float = 60.0
) -> dict[str, tuple[float, float]]:
    """Positions for a large graph: a band of columns per layer of the style (governments on
    the left, then suppliers, device makers, countries), busiest nodes first in each band.

    A layout like this costs one sort, where a force layout of thousands of nodes would keep a
    browser busy for minutes.

    >>> from graph.view.style import load_view_style
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", cls="Government"); G.add_node("ru", cls="Country")
    >>> positions = layered_layout(G, load_view_style())
    >>> positions["us"][0] < positions["ru"][0]
    True
    """
    layers: dict[int, list[str]] = {}
    for node, cls in G.nodes(data="cls"):
        layers.setdefault(int(style.of_class(cls)["layer"]), []).append(node)
    positions: dict[str, tuple[float, float]] = {}
    left = 0.0
    for layer in sorted(layers):
        members = sorted(layers[layer], key=lambda n: (-G.degree(n), n))
        columns = max(1, math.ceil(math.sqrt(len(members) / 8)))
        rows = math.ceil(len(members) / columns)
        for i, node in enumerate(members):
            column, row = divmod(i, rows)
            positions[node] = (left + column * spacing, (row - rows / 2) * spacing / 2)
        left += (columns + 2) * spacing * 2
    return positions


def _options(*, physics: bool) -> dict[str, Any]:
    """vis-network options, from pyvis's defaults."""
    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(physics)
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["interaction"].update({"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics})
    options["edges"]["smooth"] = {"enabled": physics, "type": "dynamic"}
    options["edges"]["color"] = {"inherit": False}
    options["layout"] = {"randomSeed": 7}  # the same drawing every time the page opens
    if physics:
        options["physics"].update({"solver": "forceAtlas2Based", "stabilization": {"iterations": 300}})
    return options
