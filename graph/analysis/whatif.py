"""What-if: which chains, and which export flows they end in, survive removing nodes or relation
triples from a projection. The projection is copied, never changed.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import pandas as pd

from graph.analysis.chains import Chain
from graph.analysis.cuts import Edge
from graph.analysis.pattern import DEFAULT_PATTERN
from graph.analysis.projection import label_of
from graph.analysis.search import pressure_chains

__all__ = ["whatif"]


def whatif(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    remove_nodes: Iterable[str] = (),
    remove_edges: Iterable[Edge] = (),
    pattern: str = DEFAULT_PATTERN,
    max_hops: int = 6,
) -> pd.DataFrame:
    """Remove nodes or relation triples and report which chains, and which export flows into
    ``target`` that chains end in, survive.

    Returns
    -------
    pandas.DataFrame
        One row per chain (``kind`` "chain") and per export flow (``kind`` "flow"), with
        ``description``, ``before`` and ``after`` (whether it exists).
    """
    H = G.copy()
    H.remove_nodes_from([n for n in remove_nodes if n in H])
    for u, relation, v in remove_edges:
        if H.has_edge(u, v, key=relation):
            H.remove_edge(u, v, key=relation)

    def run(graph: nx.MultiDiGraph) -> list[Chain]:
        if source not in graph or target not in graph:
            return []
        return list(pressure_chains(graph, source, target, pattern=pattern, max_hops=max_hops))

    before, after = run(G), run(H)
    rows = []
    after_text = {chain.describe(G) for chain in after}
    for chain in before:
        text = chain.describe(G)
        rows.append({"kind": "chain", "description": text, "before": True, "after": text in after_text})
    flows_before = {chain.hops[-1].triple for chain in before}
    flows_after = {chain.hops[-1].triple for chain in after}
    for exporter, relation, importer in sorted(flows_before):
        description = f"{label_of(G, exporter)} -{relation}-> {label_of(G, importer)}"
        rows.append(
            {
                "kind": "flow",
                "description": description,
                "before": True,
                "after": (exporter, relation, importer) in flows_after,
            }
        )
    return pd.DataFrame(rows, columns=["kind", "description", "before", "after"])
