"""What-if: each chain and flow before and after a removal, checked by what it claims."""

from __future__ import annotations

import networkx as nx

from graph.analysis.whatif import whatif
from tests.analysis.graphs import small
from tests.chain_graphs import ID, by_hand


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


def test_whatif_ignores_a_relation_that_is_not_there() -> None:
    table = whatif(small(), "g", "t", remove_edges=[("g", "supplies", "a"), ("c", "pressures", "a")])
    assert table.after.all()
