"""Chokepoints, what-if and exposure: checked by what they claim, not by fixed answers alone."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

from graph import Build, query_frame
from graph.analysis import chokepoints, exposure, reachable_pairs, whatif
from graph.chains import pressure_chains
from graph.network import project
from tests.chain_graphs import ID, graphs, store_of


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)


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


def test_whatif_without_the_us_chip_suppliers(G: nx.MultiDiGraph) -> None:
    table = whatif(G, ID + "us-government", ID + "russia", remove_nodes=[ID + "us-chip-suppliers"])
    chains = table[table.kind == "chain"]
    lost = chains[~chains.after]
    assert len(chains) == 9
    assert len(lost) == 5
    assert all("Large US chip companies" in text for text in lost.description)
    flows = table[table.kind == "flow"].set_index("description")
    assert bool(flows.loc["Lenovo -exportsTo-> Russia", "after"]) is True
    assert G.has_node(ID + "us-chip-suppliers")  # the caller's graph keeps it


def test_whatif_removing_an_edge(G: nx.MultiDiGraph) -> None:
    table = whatif(
        G, ID + "china-government", ID + "russia", remove_edges=[(ID + "lenovo", "exportsTo", ID + "russia")]
    )
    assert table[table.kind == "chain"].after.tolist() == [False, True]


def test_exposure_beside_observed_trade(curated: Build, G: nx.MultiDiGraph) -> None:
    table = exposure(G, query_frame(curated, "trade-observations"))
    assert len(table) == 5  # one row per observation, not per source
    rows: dict[tuple[str, str], Any] = {(str(r.product), str(r.basePeriod)): r for r in table.itertuples()}
    laptops = rows[("Laptops", "2022-02")]
    assert (laptops.changePercent, laptops.bound, laptops.statedAs) == (
        -40.0,
        "MoreThan",
        "more than 40 percent",
    )
    assert laptops.exporters == "China, Lenovo"
    assert laptops.towardsCompliance > 0
    assert laptops.towardsResistance > 0
    assert rows[("Telecommunication base stations", "2022-02")].chains == 0
    assert rows[("All goods", "2022-02")].chains >= laptops.chains
