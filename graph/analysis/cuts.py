"""Reachability and chokepoints: which pairs a pattern joins, and what cuts an actor from a
target, over the product of a projection (networkx) and a pattern's automaton. Each takes a
projection and returns a new value; none changes it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.flow import boykov_kolmogorov

from graph.analysis.pattern import DEFAULT_PATTERN, Pattern, compile_pattern
from graph.analysis.reach import distances_to_target
from graph.analysis.search import pressure_chains

__all__ = ["Chokepoints", "chokepoints", "reachable_pairs"]

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


def _product_graph(G: nx.MultiDiGraph, pattern: Pattern, source: str, target: str, limit: int) -> nx.DiGraph:
    """The part of the product of ``G`` and the automaton that walks from the source to the
    target of at most ``limit`` hops can use, with the target's accepting states merged into
    one sink, and neither end entered twice (as in a chain). Each edge lists the relation
    triples it stands for.
    """
    to_target = distances_to_target(G, pattern, target, limit=limit)
    P = nx.DiGraph()
    start = (source, pattern.start)
    depth = {start: 0}
    queue = deque([start])
    while queue:
        node, state = queue.popleft()
        if node == target:
            continue
        for following, nxt, edge in _product_edges(G, pattern, node, state):
            left = to_target.get((following, nxt))
            if following == source or left is None or depth[(node, state)] + 1 + left > limit:
                continue  # a chain never comes back to where it starts, nor runs past the limit
            if following == target and nxt in pattern.accepting:
                head: tuple[str, int] | str = SINK
            else:
                head = (following, nxt)
                if head not in depth:
                    depth[head] = depth[(node, state)] + 1
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
    within ``max_hops`` (minimum cuts of the product graph of walks that short, mapped back to
    entities), and the nodes ranked by the number of chains through them.
    """
    chains = list(pressure_chains(G, source, target, pattern=pattern, max_hops=max_hops, as_of=as_of))
    through = Counter(node for chain in chains for node in chain.nodes[1:-1])
    ranking = tuple(sorted(through.items(), key=lambda item: (-item[1], item[0])))
    # (pressure_chains above has already refused a graph without relations)
    compiled = compile_pattern(pattern, G.graph.get("relations", ()))  # pragma: no mutate
    P = _product_graph(G, compiled, source, target, max_hops)
    start = (source, compiled.start)
    if SINK not in P or start not in P:
        return Chokepoints(frozenset(), frozenset(), ranking, len(chains))
    cut_nodes: frozenset[str] = frozenset()
    if not P.has_edge(start, SINK):
        # Boykov-Kolmogorov: several times faster than the default (Edmonds-Karp) on these
        # wide, shallow graphs, and the same cut: the cut read off any maximum flow's residual
        # network (the nodes the source still reaches) is the one closest to the source
        product_cut = nx.minimum_node_cut(P, start, SINK, flow_func=boykov_kolmogorov)
        cut_nodes = frozenset(node for node, _ in product_cut)
    _, (reached, _) = nx.minimum_cut(P, start, SINK, flow_func=boykov_kolmogorov)
    cut_edges = frozenset(
        triple
        for u, v, data in P.edges(data=True)
        if u in reached and v not in reached
        for triple in data["triples"]
    )
    return Chokepoints(cut_nodes, cut_edges, ranking, len(chains))
