"""The graph as of a day: which claims are in force, which edges drop out, what is kept."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph import Build
from graph.analysis.asof import claims_as_of, graph_as_of, in_force
from graph.analysis.claims import Claim
from graph.analysis.projection import project
from tests.chain_graphs import ID

D = dt.date


def active(name: str, start: dt.date | None = None, end: dt.date | None = None) -> Claim:
    return Claim(name, status="Active", start=start, end=end)


def halt(name: str, start: dt.date | None = None, end: dt.date | None = None) -> Claim:
    return Claim(name, status="Halted", start=start, end=end)


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)


@pytest.mark.parametrize(
    ("claim", "day", "expected"),
    [
        (active("a"), D(2022, 1, 1), True),
        (active("a", start=D(2022, 3, 1)), D(2022, 2, 28), False),
        (active("a", start=D(2022, 3, 1)), D(2022, 3, 1), True),
        (active("a", end=D(2022, 5, 1)), D(2022, 4, 30), True),
        (active("a", end=D(2022, 5, 1)), D(2022, 5, 1), False),
        (active("a", D(2022, 3, 1), D(2022, 5, 1)), D(2022, 2, 1), False),
        (active("a", D(2022, 3, 1), D(2022, 5, 1)), D(2022, 6, 1), False),
    ],
)
def test_in_force_from_start_until_before_end(claim: Claim, day: dt.date, expected: bool) -> None:
    assert in_force(claim, day) is expected


def test_an_edge_whose_claims_have_not_started_drops_out() -> None:
    later = active("later", start=D(2023, 1, 1))
    assert claims_as_of([later], D(2022, 6, 1)) is None
    assert claims_as_of([later], D(2023, 1, 1)) == (later,)


def test_an_edge_whose_claims_have_ended_drops_out() -> None:
    assert claims_as_of([active("over", end=D(2022, 1, 1))], D(2022, 6, 1)) is None


def test_halted_then_resumed() -> None:
    """Running, halted in March 2022, resumed in January 2023 (as the docstring tells it)."""
    running, halted, resumed = (
        active("running", start=D(2021, 1, 1)),
        halt("halted", start=D(2022, 3, 1)),
        active("resumed", start=D(2023, 1, 1)),
    )
    claims = [running, halted, resumed]
    assert claims_as_of(claims, D(2021, 6, 1)) == (running,)
    assert claims_as_of(claims, D(2022, 6, 1)) is None  # an earlier active claim does not resume it
    assert claims_as_of(claims, D(2023, 6, 1)) == (running, halted, resumed)


def test_a_resumption_dated_with_the_halt_does_not_resume_it() -> None:
    claims = [halt("halted", start=D(2022, 3, 1)), active("same day", start=D(2022, 3, 1))]
    assert claims_as_of(claims, D(2022, 6, 1)) is None


def test_the_latest_of_several_halts_counts() -> None:
    claims = [
        halt("first", start=D(2022, 3, 1)),
        active("back", start=D(2022, 6, 1)),
        halt("again", start=D(2022, 9, 1)),
    ]
    assert claims_as_of(claims, D(2022, 7, 1)) == tuple(claims[:2])
    assert claims_as_of(claims, D(2022, 10, 1)) is None


def test_a_halted_claim_does_not_resume_another() -> None:
    claims = [halt("first", start=D(2022, 3, 1)), halt("later report", start=D(2022, 4, 1))]
    assert claims_as_of(claims, D(2022, 5, 1)) is None


def test_undated_halts_do_not_drop_an_edge_but_are_evidence() -> None:
    claims = [active("running", start=D(2021, 1, 1)), halt("undated")]
    assert claims_as_of(claims, D(2022, 6, 1)) == tuple(claims)


def test_halts_still_to_come_are_the_evidence_of_a_running_edge() -> None:
    future = halt("future", start=D(2022, 4, 1))
    ended = active("ended", end=D(2022, 1, 1))
    assert claims_as_of([ended, future], D(2022, 3, 1)) == (future,)
    assert claims_as_of([ended, active("later", start=D(2022, 5, 1))], D(2022, 3, 1)) is None


def test_the_curated_graph_on_a_day_keeps_what_is_in_force(G: nx.MultiDiGraph) -> None:
    day = D(2022, 3, 1)
    H = graph_as_of(G, day)
    assert 0 < H.number_of_edges() < G.number_of_edges()
    for u, v, key, data in H.edges(keys=True, data=True):
        assert data["claims"], (u, key, v)
        assert data["claims"] == claims_as_of(G.edges[u, v, key]["claims"], day)
        assert {k: x for k, x in data.items() if k != "claims"} == {
            k: x for k, x in G.edges[u, v, key].items() if k != "claims"
        }
    dropped = set(G.edges(keys=True)) - set(H.edges(keys=True))
    assert all(claims_as_of(G.edges[e]["claims"], day) is None for e in dropped)


def test_claims_dated_later_are_not_in_force_on_the_curated_graph(G: nx.MultiDiGraph) -> None:
    day = D(2022, 3, 1)
    starting_later = [
        (u, v, k)
        for u, v, k, data in G.edges(keys=True, data=True)
        if all(c.start is not None and c.start > day for c in data["claims"])
        and not any(c.status == "Halted" for c in data["claims"])
    ]
    assert starting_later, "the curated graph has relations claimed only from after the day"
    H = graph_as_of(G, day)
    assert not any(H.has_edge(*edge) for edge in starting_later)
    for _, _, data in H.edges(data=True):
        for claim in data["claims"]:
            assert in_force(claim, day) or (claim.status == "Halted" and claim.start and claim.start > day)


def test_every_node_is_kept_with_its_attributes(G: nx.MultiDiGraph) -> None:
    H = graph_as_of(G, D(1990, 1, 1))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert H.nodes[ID + "lenovo"]["label"] == "Lenovo"
    assert H.graph == G.graph
    assert any(H.degree(node) == 0 for node in H), "some nodes have no edge left that day"


def test_lenovo_exports_before_and_after_the_halt(G: nx.MultiDiGraph) -> None:
    lenovo, russia = ID + "lenovo", ID + "russia"
    assert graph_as_of(G, D(2022, 2, 15)).has_edge(lenovo, russia, key="exportsTo")
    assert not graph_as_of(G, D(2022, 4, 1)).has_edge(lenovo, russia, key="exportsTo")


def test_the_graph_is_not_changed(G: nx.MultiDiGraph) -> None:
    before = (sorted(G.edges(keys=True, data=True)), dict(G.nodes(data=True)), dict(G.graph))
    graph_as_of(G, D(2022, 5, 1))
    assert (sorted(G.edges(keys=True, data=True)), dict(G.nodes(data=True)), dict(G.graph)) == before


def test_a_halt_that_ends_the_day_it_starts_is_no_evidence() -> None:
    """Dated on the day, not after it, and never in force: the edge has nothing that day."""
    assert claims_as_of([halt("empty", start=D(2022, 3, 1), end=D(2022, 3, 1))], D(2022, 3, 1)) is None
