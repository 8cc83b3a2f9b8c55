"""Where a chain search may go: the source's cone, the distances to the target, and the chains
they let through, against a search that knows nothing of either (all simple paths, filtered)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

from graph import Build, QueryError
from graph.analysis.pattern import DEFAULT_PATTERN, compile_pattern
from graph.analysis.projection import project
from graph.analysis.reach import distances_to_target, source_cone
from graph.analysis.search import chains_into, pressure_chains
from tests.chain_graphs import ID, RELATIONS, by_hand, graphs, store_of

Hops = list[tuple[str, str, str]]


def with_room(*edges: tuple[str, str, str]) -> nx.MultiDiGraph:
    """A graph :func:`by_hand` with five more exporters into ``t``, which no source reaches: they
    give a single source's cone a budget (the target's incoming relations) to be used at all."""
    return by_hand(*edges, *((f"x{i}", "exportsTo", "t") for i in range(5)))


def found(G: nx.MultiDiGraph, source: str, target: str, **options: Any) -> list[Hops]:
    return [[h.triple for h in c.hops] for c in pressure_chains(G, source, target, **options)]


def expected(G: nx.MultiDiGraph, source: str, target: str, pattern: str, max_hops: int) -> list[Hops]:
    """Every simple path of at most ``max_hops`` relations the pattern accepts, in the documented
    order (at each step by relation, then node)."""
    compiled = compile_pattern(pattern, RELATIONS)
    chains = []
    for path in nx.all_simple_edge_paths(G, source, target, cutoff=max_hops):
        state: int | None = compiled.start
        for _, _, relation in path:
            state = compiled.step(state, relation) if state is not None else None
        if state is not None and state in compiled.accepting:
            chains.append([(u, relation, v) for u, v, relation in path])
    return sorted(chains, key=lambda hops: [(relation, v) for _, relation, v in hops])


@settings(max_examples=80, deadline=None)
@given(graphs(max_nodes=6))
def test_chains_are_every_simple_path_the_pattern_accepts(graph: tuple[list[Any], int]) -> None:
    G = project(store_of(*graph))
    for pattern, max_hops in [(DEFAULT_PATTERN, 5), ("(supplies|exportsTo)+", 3), ("pressures+", 4)]:
        for source in G:
            for target in G:
                if source != target:
                    assert found(G, source, target, pattern=pattern, max_hops=max_hops) == expected(
                        G, source, target, pattern, max_hops
                    ), (pattern, source, target)


def test_a_way_back_to_the_source_does_not_hide_the_way_on() -> None:
    """s pressures a; a pressures s back, then b; b exports to t. Other exporters into t give the
    source's cone room, so it is the cone that bounds the search."""
    G = with_room(
        ("s", "pressures", "a"), ("a", "pressures", "s"), ("a", "pressures", "b"), ("b", "exportsTo", "t")
    )
    pattern = compile_pattern(DEFAULT_PATTERN, RELATIONS)
    cone = source_cone(G, pattern, "s", "t", limit=6, budget=6)
    assert cone is not None
    assert {node for node, _ in cone} == {"s", "a", "b", "t"}
    chain = [("s", "pressures", "a"), ("a", "pressures", "b"), ("b", "exportsTo", "t")]
    assert found(G, "s", "t") == found(G, "s", "t", max_hops=3) == [chain]
    assert found(G, "s", "t", max_hops=2) == []


def test_the_cone_gives_up_past_its_budget() -> None:
    G = with_room(("s", "pressures", "a"), ("a", "pressures", "b"), ("b", "exportsTo", "t"))
    pattern = compile_pattern(DEFAULT_PATTERN, RELATIONS)
    assert source_cone(G, pattern, "s", "t", limit=6, budget=3) is None
    assert source_cone(G, pattern, "s", "t", limit=6, budget=4) is not None
    assert found(G, "s", "t") == [[("s", "pressures", "a"), ("a", "pressures", "b"), ("b", "exportsTo", "t")]]


def test_distances_count_the_hops_left() -> None:
    G = by_hand(("s", "pressures", "a"), ("a", "supplies", "b"), ("b", "exportsTo", "t"))
    pattern = compile_pattern(DEFAULT_PATTERN, RELATIONS)
    distance = distances_to_target(G, pattern, "t")
    assert distance[("s", pattern.start)] == 3
    assert distances_to_target(G, pattern, "t", limit=2).get(("s", pattern.start)) is None


def test_two_sources_searched_at_once_find_the_chains_of_each() -> None:
    """The cone of one source must not bound the search for another."""
    G = by_hand(
        ("s1", "pressures", "a"), ("a", "exportsTo", "t"), ("s2", "pressures", "b"), ("b", "exportsTo", "t")
    )
    at_once = [[h.triple for h in c.hops] for c in chains_into(G, "t", sources=["s1", "s2"])]
    assert at_once == found(G, "s1", "t") + found(G, "s2", "t")
    assert [hops[0][0] for hops in at_once] == ["s1", "s2"]


def test_two_sources_on_the_curated_graph(curated: Build) -> None:
    G = project(curated)
    us, beijing, russia = ID + "us-government", ID + "china-government", ID + "russia"
    at_once = list(chains_into(G, russia, sources=[us, beijing]))
    assert at_once == list(pressure_chains(G, us, russia)) + list(pressure_chains(G, beijing, russia))
    assert {c.nodes[0] for c in at_once} == {us, beijing}


@settings(max_examples=60, deadline=None)
@given(graphs(max_nodes=6))
def test_any_two_sources_at_once_equal_each_in_turn(graph: tuple[list[Any], int]) -> None:
    G = project(store_of(*graph))
    nodes = sorted(G)
    for target in nodes:
        for first in nodes:
            for second in nodes:
                if len({first, second, target}) == 3:
                    at_once = [c.hops for c in chains_into(G, target, sources=[first, second])]
                    each = [c.hops for s in (first, second) for c in pressure_chains(G, s, target)]
                    assert at_once == each


def test_chains_of_one_to_twelve_hops() -> None:
    """The documented range of ``max_hops``: a chain of 12 pressures is found, 13 is refused."""
    G = with_room(*((f"n{i}", "pressures", f"n{i + 1}") for i in range(12)))
    assert [len(hops) for hops in found(G, "n0", "n12", pattern="pressures+", max_hops=12)] == [12]
    assert found(G, "n0", "n12", pattern="pressures+", max_hops=11) == []
    assert [len(hops) for hops in found(G, "n0", "n1", pattern="pressures+", max_hops=1)] == [1]
    for refused in (0, 13):
        with pytest.raises(QueryError, match="out of range"):
            found(G, "n0", "n12", pattern="pressures+", max_hops=refused)


def test_a_state_reached_again_later_keeps_its_first_distance() -> None:
    """s reaches x in one hop and again in three; x exports to t. Within three hops the chain
    s -> x -> t is found: the later way to x must not make x look farther from s."""
    G = by_hand(
        ("s", "pressures", "x"),
        ("s", "pressures", "a"),
        ("a", "pressures", "b"),
        ("b", "pressures", "x"),
        ("x", "exportsTo", "t"),
    )
    pattern = compile_pattern(DEFAULT_PATTERN, RELATIONS)
    cone = source_cone(G, pattern, "s", "t", limit=3, budget=6)
    assert cone is not None
    pressured = pattern.transitions[pattern.start]["pressures"]
    assert cone[("x", pressured)] == 1
    assert found(G, "s", "t", max_hops=3) == [[("s", "pressures", "x"), ("x", "exportsTo", "t")]]
