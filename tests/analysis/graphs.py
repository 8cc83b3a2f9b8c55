"""Small graphs and trade observations shared by the tests of chokepoints, what-if and exposure."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from tests.chain_graphs import ID, by_hand


def small() -> nx.MultiDiGraph:
    """g pressures a and b; a and b export to t; g pressures c, who supplies a."""
    G = by_hand(
        ("g", "pressures", "a"),
        ("g", "pressures", "b"),
        ("g", "pressures", "c"),
        ("c", "supplies", "a"),
        ("a", "exportsTo", "t"),
        ("b", "exportsTo", "t"),
    )
    for node in G:
        G.nodes[node]["label"] = node.upper()
    return G


def observations(**changes: Any) -> pd.DataFrame:
    row = {
        "observation": "o1",
        "reporter": "cn",
        "partner": "t",
        "product": ID + "laptops",
        "productLabel": "Laptops",
        "basePeriod": "2022-02",
        "period": "2022-03",
        "changePercent": -40.0,
        "bound": "https://w3id.org/sanctions-kg/ontology#MoreThan",
        "statedAs": "more than 40 percent",
    }
    return pd.DataFrame([{**row, **changes}, {**row, **changes}])
