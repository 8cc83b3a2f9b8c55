"""Chokepoints, what-if and exposure: checked by what they claim, not by fixed answers alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings

from graph import Build, query_frame
from graph.analysis.claims import Claim
from graph.analysis.cuts import chokepoints, reachable_pairs
from graph.analysis.exposure import exposure
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.analysis.whatif import whatif
from graph.errors import PatternError
from tests.chain_graphs import ID, by_hand, graphs, store_of


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


def test_whatif_lists_each_chain_and_flow_before_and_after() -> None:
    G = small()
    table = whatif(
        G, "g", "t", remove_nodes=["b", "nobody"], remove_edges=[("c", "supplies", "a"), ("x", "makes", "y")]
    )
    assert list(table.columns) == ["kind", "description", "before", "after"]
    assert table.to_dict("records") == [
        {"kind": "chain", "description": "G -pressures-> A -exportsTo-> T", "before": True, "after": True},
        {"kind": "chain", "description": "G -pressures-> B -exportsTo-> T", "before": True, "after": False},
        {
            "kind": "chain",
            "description": "G -pressures-> C -supplies-> A -exportsTo-> T",
            "before": True,
            "after": False,
        },
        {"kind": "flow", "description": "A -exportsTo-> T", "before": True, "after": True},
        {"kind": "flow", "description": "B -exportsTo-> T", "before": True, "after": False},
    ]
    assert set(G) == {"g", "a", "b", "c", "t"}
    assert G.has_edge("c", "a", key="supplies")


def test_whatif_without_the_source_or_with_fewer_hops() -> None:
    G = small()
    gone = whatif(G, "g", "t", remove_nodes=["g"])
    assert gone.before.all()
    assert not gone.after.any()
    short = whatif(G, "g", "t", max_hops=2, pattern="pressures exportsTo")
    assert list(short[short.kind == "chain"].description) == [
        "G -pressures-> A -exportsTo-> T",
        "G -pressures-> B -exportsTo-> T",
    ]
    assert short.after.all()


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


def trade_graph() -> nx.MultiDiGraph:
    """Two companies in cn export to t, one making laptops; a third is elsewhere; cn exports too."""
    return by_hand(
        ("g", "pressures", "maker"),
        ("g", "pressures", "other"),
        ("g", "pressures", "abroad"),
        ("h", "pressures", "maker"),
        ("maker", "exportsTo", "t"),
        ("other", "exportsTo", "t"),
        ("abroad", "exportsTo", "t"),
        ("cn", "exportsTo", "t"),
        ("maker", "headquarteredIn", "cn"),
        ("other", "headquarteredIn", "cn"),
        ("abroad", "headquarteredIn", "elsewhere"),
        ("maker", "makes", ID + "laptops"),
        ("other", "makes", ID + "phones"),
        claims={
            ("g", "pressures", "maker"): (Claim("c1", stance="TowardsCompliance"),),
            ("h", "pressures", "maker"): (Claim("c2", stance="TowardsResistance"),),
            ("maker", "exportsTo", "t"): (Claim("c3"),),
            ("other", "exportsTo", "t"): (Claim("c4"),),
        },
    )


def test_exposure_counts_the_chains_into_the_exporters_of_the_product() -> None:
    table = exposure(trade_graph(), observations())
    assert len(table) == 1  # the same observation twice (once per source) is one row
    (row,) = table.to_dict("records")
    assert row == {
        "reporter": "cn",
        "partner": "t",
        "product": "Laptops",
        "basePeriod": "2022-02",
        "period": "2022-03",
        "changePercent": -40.0,
        "bound": "MoreThan",
        "statedAs": "more than 40 percent",
        "exporters": "cn, maker",
        "chains": 2,
        "towardsCompliance": 1,
        "towardsResistance": 1,
        "actors": "g, h",
    }


def test_exposure_for_all_goods_and_without_a_bound() -> None:
    table = exposure(
        trade_graph(), observations(product=ID + "all-goods", bound=None).drop(columns="observation")
    )
    assert len(table) == 2  # without observation ids, each row is its own
    row = table.iloc[0]
    assert row.exporters == "cn, maker, other"
    assert row.chains == 3
    assert row.bound is None
    assert row.actors == "g, h"


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


def test_whatif_removes_only_the_relation_named() -> None:
    G = by_hand(("g", "pressures", "a"), ("g", "supplies", "a"), ("a", "exportsTo", "t"))
    table = whatif(
        G, "g", "t", remove_edges=[("g", "supplies", "a")], pattern="(pressures|supplies) exportsTo"
    )
    assert table[table.kind == "chain"].after.tolist() == [True, False]
    table = whatif(
        G, "g", "t", remove_edges=[("g", "pressures", "a")], pattern="(pressures|supplies) exportsTo"
    )
    assert table[table.kind == "chain"].after.tolist() == [False, True]


def test_whatif_with_another_pattern_and_long_flows() -> None:
    G = by_hand(
        ("g", "pressures", "c"), ("c", "supplies", "d"), ("d", "exportsTo", "t"), ("g", "pressures", "d")
    )
    table = whatif(G, "g", "t", pattern="pressures supplies exportsTo")
    assert table.to_dict("records") == [
        {
            "kind": "chain",
            "description": "g -pressures-> c -supplies-> d -exportsTo-> t",
            "before": True,
            "after": True,
        },
        {"kind": "flow", "description": "d -exportsTo-> t", "before": True, "after": True},
    ]
    empty = whatif(G, "t", "g")
    assert empty.empty
    assert list(empty.columns) == ["kind", "description", "before", "after"]


def test_exposure_keeps_to_the_product_pattern_and_exporters() -> None:
    G = by_hand(
        ("g", "pressures", "maker"),
        ("k", "pressures", "maker"),
        ("g", "pressures", "s1"),
        ("s1", "supplies", "maker"),
        ("h", "pressures", "phones-only"),
        ("maker", "exportsTo", "t"),
        ("phones-only", "exportsTo", "t"),
        ("maker", "headquarteredIn", "cn"),
        ("phones-only", "headquarteredIn", "cn"),
        ("maker", "makes", ID + "laptops"),
        ("phones-only", "makes", ID + "laptops"),
        ("cn", "pressures", "t"),  # a relation, but no export from the reporter itself
        ("g2", "sanctions", "cn"),  # related to cn, not headquartered there
        ("g2", "exportsTo", "t"),
        ("g2", "makes", ID + "laptops"),
        claims={
            ("g", "pressures", "maker"): (Claim("c1", stance="TowardsCompliance"),),
            ("k", "pressures", "maker"): (Claim("c2", stance="TowardsCompliance"),),
            ("g", "pressures", "s1"): (Claim("c3", stance="TowardsResistance"),),
            ("maker", "exportsTo", "t"): (Claim("c4"),),
            ("phones-only", "exportsTo", "t"): (Claim("c5", product="phones"),),
        },
    )
    (row,) = exposure(G, observations(bound="MoreThan")).to_dict("records")
    assert row["exporters"] == "maker, phones-only"
    assert (row["chains"], row["towardsCompliance"], row["towardsResistance"]) == (3, 2, 1)
    assert row["actors"] == "g, k"
    assert row["bound"] == "MoreThan"
    (short,) = exposure(G, observations(), pattern="pressures exportsTo").to_dict("records")
    assert short["chains"] == 2
    (near,) = exposure(G, observations(), max_hops=2).to_dict("records")
    assert near["chains"] == 2


def test_an_exporter_is_one_that_exports() -> None:
    G = by_hand(
        ("g", "pressures", "seller"),
        ("g", "pressures", "helper"),
        ("seller", "exportsTo", "t"),
        ("helper", "supplies", "t"),  # headquartered in cn and related to t, but no export
        ("seller", "headquarteredIn", "cn"),
        ("helper", "headquarteredIn", "cn"),
        ("cn", "sanctions", "t"),
    )
    (row,) = exposure(G, observations(product=ID + "all-goods")).to_dict("records")
    assert row["exporters"] == "seller"


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


def test_whatif_ignores_a_relation_that_is_not_there() -> None:
    table = whatif(small(), "g", "t", remove_edges=[("g", "supplies", "a"), ("c", "pressures", "a")])
    assert table.after.all()


def test_reachable_pairs_need_the_relations_declared() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("s", "t", key="exportsTo")
    with pytest.raises(PatternError, match="the graph declares no relations"):
        reachable_pairs(G)
