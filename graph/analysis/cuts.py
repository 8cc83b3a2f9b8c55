"""Analyses over chains: reachability, chokepoints, what-if, and modelled exposure against
observed trade. Each takes a projection (networkx) and returns a new value; none changes it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.analysis.chains import Chain, chains_into, pressure_chains
from graph.analysis.pattern import DEFAULT_PATTERN, Pattern, compile_pattern
from graph.analysis.projection import label_of, products_made
from graph.model.namespace import ID

__all__ = ["Chokepoints", "chokepoints", "exposure", "reachable_pairs", "whatif"]

Edge = tuple[str, str, str]
SINK = "\0sink"


def _product_edges(
    G: nx.MultiDiGraph, pattern: Pattern, node: str, state: int
) -> Iterable[tuple[str, int, Edge]]:
    for _, following, relation in G.out_edges(node, keys=True):
        nxt = pattern.step(state, relation)
        if nxt is not None:
            yield following, nxt, (node, relation, following)


def reachable_pairs(G: nx.MultiDiGraph, pattern: str = DEFAULT_PATTERN) -> set[tuple[str, str]]:
    """Every (source, target) joined by a walk whose relations match ``pattern``: what a SPARQL
    1.1 property path finds (walks may repeat nodes; chains may not, see the chains docs).
    """
    compiled = compile_pattern(pattern, G.graph.get("relations", ()))
    pairs: set[tuple[str, str]] = set()
    for source in G:
        seen = {(source, compiled.start)}
        queue = deque(seen)
        while queue:
            node, state = queue.popleft()
            if state in compiled.accepting and (node, state) != (source, compiled.start):
                pairs.add((source, node))
            for following, nxt, _ in _product_edges(G, compiled, node, state):
                if (following, nxt) not in seen:
                    seen.add((following, nxt))
                    queue.append((following, nxt))
    return pairs


@dataclass(frozen=True)
class Chokepoints:
    """What cuts an actor from a target under a pattern.

    ``nodes``: a minimum set of nodes (neither end) whose removal leaves no chain; empty when
    a direct link needs none or when no chain exists. ``edges``: a minimum set of relation
    triples with the same effect. ``ranking``: nodes by how many chains pass through them.
    """

    nodes: frozenset[str]
    edges: frozenset[Edge]
    ranking: tuple[tuple[str, int], ...]
    chains: int


def _product_graph(G: nx.MultiDiGraph, pattern: Pattern, source: str, target: str) -> nx.DiGraph:
    """The part of the product of ``G`` and the automaton reachable from the source, with the
    target's accepting states merged into one sink, and neither end entered twice (as in a
    chain). Each edge lists the relation triples it stands for.
    """
    P = nx.DiGraph()
    start = (source, pattern.start)
    seen = {start}
    queue = deque([start])
    while queue:
        node, state = queue.popleft()
        if node == target:
            continue
        for following, nxt, edge in _product_edges(G, pattern, node, state):
            if following == source:
                continue  # a chain never comes back to where it starts
            if following == target and nxt in pattern.accepting:
                head: tuple[str, int] | str = SINK
            else:
                head = (following, nxt)
                if head not in seen:
                    seen.add(head)
                    queue.append(head)
            if not P.has_edge((node, state), head):
                P.add_edge((node, state), head, triples=set())
            P[(node, state)][head]["triples"].add(edge)
    for _, _, data in P.edges(data=True):
        data["capacity"] = len(data["triples"])
    return P


def chokepoints(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    pattern: str = DEFAULT_PATTERN,
    max_hops: int = 6,
    as_of: dt.date | None = None,
) -> Chokepoints:
    """The nodes and edges whose removal disconnects ``source`` from ``target`` under ``pattern``
    (minimum cuts of the product graph, mapped back to entities), and the nodes ranked by the
    number of chains through them.
    """
    chains = list(pressure_chains(G, source, target, pattern=pattern, max_hops=max_hops, as_of=as_of))
    through = Counter(node for chain in chains for node in chain.nodes[1:-1])
    ranking = tuple(sorted(through.items(), key=lambda item: (-item[1], item[0])))
    # (pressure_chains above has already refused a graph without relations)
    compiled = compile_pattern(pattern, G.graph.get("relations", ()))  # pragma: no mutate
    P = _product_graph(G, compiled, source, target)
    start = (source, compiled.start)
    if SINK not in P or start not in P:
        return Chokepoints(frozenset(), frozenset(), ranking, len(chains))
    cut_nodes: frozenset[str] = frozenset()
    if not P.has_edge(start, SINK):
        product_cut = nx.minimum_node_cut(P, start, SINK)
        cut_nodes = frozenset(node for node, _ in product_cut)
    _, (reached, _) = nx.minimum_cut(P, start, SINK)
    cut_edges = frozenset(
        triple
        for u, v, data in P.edges(data=True)
        if u in reached and v not in reached
        for triple in data["triples"]
    )
    return Chokepoints(cut_nodes, cut_edges, ranking, len(chains))


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


def exposure(
    G: nx.MultiDiGraph,
    observations: pd.DataFrame,
    *,
    pattern: str = DEFAULT_PATTERN,
    max_hops: int = 6,
) -> pd.DataFrame:
    """Modelled pressure beside observed trade, for each observation.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection.
    observations : pandas.DataFrame
        Trade observations with columns ``reporter``, ``partner``, ``product`` (IRIs),
        ``productLabel``, ``basePeriod``, ``period``, ``changePercent``, ``bound``, ``statedAs``
        (the ``trade-changes`` question gives them; rows of one ``observation`` are taken once).
    pattern : str
        The relations a chain may follow.
    max_hops : int
        The longest chain counted.

    Returns
    -------
    pandas.DataFrame
        The observation, with ``exporters`` (the reporter's companies, or the reporter itself,
        that export the product to the partner), ``chains`` (pressure chains ending in those
        flows), how many push towards compliance and towards resistance, and ``actors`` (who
        starts them).
    """
    rows = []
    if "observation" in observations.columns:  # one row per observation, not per source
        observations = observations.drop_duplicates("observation")
    for obs in observations.itertuples(index=False):  # pragma: no mutate - read by name, index or not
        product = str(obs.product).removeprefix(str(ID))
        exporters = _exporters(G, str(obs.reporter), str(obs.partner), product)
        into = chains_into(
            G,
            str(obs.partner),
            pattern=pattern,
            max_hops=max_hops,
            product=None if product == "all-goods" else product,
        )
        chains = [chain for chain in into if chain.hops[-1].source in exporters]
        rows.append(
            {
                "reporter": label_of(G, str(obs.reporter)),
                "partner": label_of(G, str(obs.partner)),
                "product": obs.productLabel,
                "basePeriod": obs.basePeriod,
                "period": obs.period,
                "changePercent": obs.changePercent,
                "bound": str(obs.bound).rpartition("#")[2] if obs.bound is not None else None,
                "statedAs": obs.statedAs,
                "exporters": ", ".join(sorted(label_of(G, e) for e in exporters)),
                "chains": len(chains),
                "towardsCompliance": sum(1 for c in chains if c.stance == "TowardsCompliance"),
                "towardsResistance": sum(1 for c in chains if c.stance == "TowardsResistance"),
                "actors": ", ".join(sorted({label_of(G, c.hops[0].source) for c in chains})),
            }
        )
    return pd.DataFrame(rows)


def _exporters(G: nx.MultiDiGraph, reporter: str, partner: str, product: str) -> set[str]:
    """Who exports the product from the reporter to the partner: the reporter itself, and the
    companies headquartered there that export to the partner and make the product (for all
    goods, every such company).
    """
    found = {reporter} if G.has_edge(reporter, partner, key="exportsTo") else set()
    for company, _, relation in G.in_edges(reporter, keys=True):
        if relation != "headquarteredIn" or not G.has_edge(company, partner, key="exportsTo"):
            continue
        if product == "all-goods" or product in products_made(G, company):
            found.add(company)
    return found
