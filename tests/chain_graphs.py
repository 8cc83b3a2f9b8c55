"""Small graphs for chain tests, written as RDF so they go through the same projection."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import pyoxigraph as ox
from hypothesis import strategies as st

SKG = "https://w3id.org/sanctions-kg/ontology#"
ID = "https://w3id.org/sanctions-kg/id/"
RELATIONS = ("sanctions", "pressures", "supplies", "exportsTo")
PROJECTED = (*RELATIONS, "makes", "headquarteredIn")
"""The relations of a graph made :func:`by_hand` (what a company makes, and where it is)."""
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

Edges = list[tuple[int, str, int]]


def store_of(edges: Edges, nodes: int) -> ox.Store:
    """A store holding the relation declarations and the given direct triples between n0..nk."""
    store = ox.Store()
    for relation in RELATIONS:
        store.add(ox.Quad(ox.NamedNode(SKG + relation), RDF_TYPE, ox.NamedNode(SKG + "Relation")))
    for i in range(nodes):
        store.add(ox.Quad(ox.NamedNode(f"{ID}n{i}"), RDF_TYPE, ox.NamedNode(SKG + "Actor")))
    for u, relation, v in edges:
        store.add(ox.Quad(ox.NamedNode(f"{ID}n{u}"), ox.NamedNode(SKG + relation), ox.NamedNode(f"{ID}n{v}")))
    return store


@st.composite
def graphs(draw: st.DrawFn, *, acyclic: bool = False, max_nodes: int = 7) -> tuple[Edges, int]:
    """Random graphs over the chain relations; ``acyclic`` keeps every edge going from a lower
    to a higher node number."""
    nodes = draw(st.integers(min_value=2, max_value=max_nodes))
    pair = st.tuples(st.integers(0, nodes - 1), st.sampled_from(RELATIONS), st.integers(0, nodes - 1))
    edges = draw(st.lists(pair, max_size=nodes * 3, unique=True))
    edges = [(u, r, v) for u, r, v in edges if u != v and (not acyclic or u < v)]
    return edges, nodes


def by_hand(
    *edges: tuple[str, str, str], claims: Mapping[tuple[str, str, str], tuple[object, ...]] | None = None
) -> nx.MultiDiGraph:
    """A projection-shaped graph whose successors are in the order the edges are given, each
    edge with the claims given for its triple (none by default)."""
    G = nx.MultiDiGraph(relations=PROJECTED)
    for u, relation, v in edges:
        G.add_edge(u, v, key=relation, relation=relation, claims=(claims or {}).get((u, relation, v), ()))
    return G
