"""Chokepoints and reachable pairs: checked by what they claim, not by fixed answers alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

from graph.analysis.claims import Claim
from graph.analysis.cuts import chokepoints, reachable_pairs
from graph.analysis.exposure import exposure
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.analysis.whatif import whatif
from graph.errors import PatternError
from tests.analysis.graphs import observations, small
from tests.chain_graphs import ID, by_hand, graphs, store_of


def without(G: nx.MultiDiGraph, nodes: Any = (), edges: Any = ()) -> nx.MultiDiGraph:
    H = G.copy()
    H.remove_nodes_from(nodes)
    for u, relation, v in edges:
        H.remove_edge(u, v, key=relation)
    return H


def test_removing_the_chokepoints_cuts_every_chain(G: nx.MultiDiGraph) -> None:
    us, russia = ID + "us-government", ID + "russia"
    found = chokepoints(G, us, russia)
    assert found.chains == 9
    assert found.nodes
    assert not list(pressure_chains(without(G, nodes=found.nodes), us, russia))
    assert not list(pressure_chains(without(G, edges=found.edges), us, russia))
    assert found.ranking[0] == (ID + "us-chip-suppliers", 5)


def test_no_chain_no_chokepoint(G: nx.MultiDiGraph) -> None:
    found = chokepoints(G, ID + "russia", ID + "us-government")
    assert (found.nodes, found.edges, found.ranking, found.chains) == (frozenset(), frozenset(), (), 0)


def has_chain(G: nx.MultiDiGraph, source: str, target: str) -> bool:
    return next(iter(pressure_chains(G, source, target, max_hops=12)), None) is not None


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_a_cut_disconnects_on_any_graph(graph: tuple[list[Any], int]) -> None:
    edges, nodes = graph
    G = project(store_of(edges, nodes))
    for source, target in sorted(p for p in reachable_pairs(G) if p[0] != p[1]):
        found = chokepoints(G, source, target, max_hops=12)
        if not has_chain(G, source, target):
            continue
        assert found.edges
        assert not has_chain(without(G, edges=found.edges), source, target)
        if found.nodes:
            assert not has_chain(without(G, nodes=found.nodes), source, target)


def test_a_direct_link_has_no_node_to_cut() -> None:
    G = by_hand(("g", "pressures", "a"), ("a", "exportsTo", "t"), ("g", "exportsTo", "t"))
    found = chokepoints(G, "g", "t", pattern="pressures? exportsTo")
    assert found.chains == 2
    assert found.nodes == frozenset()
    assert len(found.edges) == 2
    assert ("g", "exportsTo", "t") in found.edges  # every cut holds the direct link
    assert not list(pressure_chains(without(G, edges=found.edges), "g", "t", pattern="pressures? exportsTo"))
    assert found.ranking == (("a", 1),)


def test_chokepoints_rank_by_chains_then_name() -> None:
    found = chokepoints(small(), "g", "t")
    assert found.chains == 3
    assert found.ranking == (("a", 2), ("b", 1), ("c", 1))
    assert found.nodes == frozenset({"a", "b"})
    assert len(found.edges) == 2


def chain_of(length: int) -> nx.MultiDiGraph:
    """n0 pressures n1 ... n(length-1), who exports to t: one chain of ``length`` hops."""
    edges = [(f"n{i}", "pressures", f"n{i + 1}") for i in range(length - 1)]
    return by_hand(*edges, (f"n{length - 1}", "exportsTo", "t"))


def test_the_analyses_look_six_hops_deep_by_default() -> None:
    for length, found in ((6, 1), (7, 0)):
        G = chain_of(length)
        assert chokepoints(G, "n0", "t").chains == found
        assert len(whatif(G, "n0", "t")) == 2 * found  # a chain and its flow
        (row,) = exposure(G, observations(reporter=f"n{length - 1}", product=ID + "all-goods")).to_dict(
            "records"
        )
        assert ("n0" in row["actors"].split(", ")) is bool(found)


def test_chokepoints_as_of_a_day_and_ties_by_name() -> None:
    claims = {
        ("g", "pressures", "z"): (Claim("c1"),),
        ("g", "pressures", "y"): (Claim("c2"),),
        ("z", "exportsTo", "t"): (Claim("c3", status="Halted", start=dt.date(2022, 3, 1)),),
        ("y", "exportsTo", "t"): (Claim("c4"),),
    }
    G = by_hand(*claims, claims=claims)
    assert chokepoints(G, "g", "t").ranking == (("y", 1), ("z", 1))
    assert chokepoints(G, "g", "t", as_of=dt.date(2022, 4, 1)).ranking == (("y", 1),)
    assert chokepoints(G, "g", "t", as_of=dt.date(2022, 2, 1)).chains == 2


def test_two_relations_into_the_target_are_both_cut() -> None:
    """Three ways from g to a, and two relations from a to t: the cheapest cut is a's two."""
    ways = [("g", "pressures", "a"), ("g", "pressures", "b"), ("b", "pressures", "a")]
    ways += [("g", "pressures", "c"), ("c", "pressures", "a")]
    G = by_hand(*ways, ("a", "exportsTo", "t"), ("a", "supplies", "t"))
    pattern = "pressures+ (exportsTo|supplies)"
    found = chokepoints(G, "g", "t", pattern=pattern)
    assert found.chains == 6
    assert found.nodes == frozenset({"a"})
    assert found.edges == frozenset({("a", "exportsTo", "t"), ("a", "supplies", "t")})
    assert not list(pressure_chains(without(G, edges=found.edges), "g", "t", pattern=pattern))


def test_ranking_ties_by_name_not_by_the_order_found() -> None:
    G = by_hand(
        ("g", "pressures", "a"),
        ("g", "pressures", "b"),
        ("a", "supplies", "z"),
        ("b", "supplies", "y"),
        ("z", "exportsTo", "t"),
        ("y", "exportsTo", "t"),
    )
    assert chokepoints(G, "g", "t").ranking == (("a", 1), ("b", 1), ("y", 1), ("z", 1))


def test_the_hops_asked_for_are_the_hops_searched() -> None:
    assert chokepoints(small(), "g", "t", max_hops=2).chains == 2
    chains = whatif(small(), "g", "t", max_hops=2)
    assert len(chains[chains.kind == "chain"]) == 2


def test_reachable_pairs_need_the_relations_declared() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("s", "t", key="exportsTo")
    with pytest.raises(PatternError, match="the graph declares no relations"):
        reachable_pairs(G)
