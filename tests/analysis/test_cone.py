"""The cone reader: what it reads gives the same chains, chokepoints, what-ifs and exposure as the
whole projection (same values, same order), on the curated graph and on generated ones, and it
never reads a relation outside the forward reach of the source or the backward reach of the target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generated import generate
from graph import Build, open_store
from graph.analysis.cone import read_cone
from graph.analysis.cuts import chokepoints
from graph.analysis.entities import find_actors, find_entity, resolve_entity
from graph.analysis.exposure import _by_cones, exposure, exposure_read
from graph.analysis.pattern import DEFAULT_PATTERN
from graph.analysis.projection import project
from graph.analysis.readers import StoreReader, Triple
from graph.analysis.search import chains_into, pressure_chains
from graph.analysis.whatif import whatif
from graph.errors import QueryError
from graph.sparql.questions import query_frame
from tests.conftest import ID

PATTERNS = (
    DEFAULT_PATTERN,
    "sanctions+ supplies* exportsTo",
    "(sanctions|pressures)+ exportsTo",
    "pressures supplies exportsTo",
    "(pressures|supplies)* exportsTo",
    "pressures+",
)
DAYS = (None, dt.date(2022, 2, 15), dt.date(2022, 4, 1), dt.date(2023, 6, 1))


@dataclass
class Logged(StoreReader):
    """A store reader that keeps every relation triple it read (to check where it read)."""

    seen: set[Triple] = field(default_factory=set)

    def edges(self, pairs: Iterable[tuple[str, str]], *, forward: bool) -> list[Triple]:
        found = super().edges(pairs, forward=forward)
        self.seen.update(found)
        return found


@pytest.fixture(scope="module")
def store(curated: Build) -> ox.Store:
    return open_store(curated)


@pytest.fixture(scope="module")
def whole(store: ox.Store) -> nx.MultiDiGraph:
    return project(store)


def same_chains(store: ox.Store, whole: nx.MultiDiGraph, source: str, target: str, **question: object) -> int:
    """Assert the cone's chains are the whole projection's, in the same order; how many."""
    pattern, hops = str(question.get("pattern", DEFAULT_PATTERN)), int(str(question.get("max_hops", 6)))
    product = question.get("product")
    day = question.get("as_of")
    assert product is None or isinstance(product, str)
    assert day is None or isinstance(day, dt.date)
    cone = read_cone(StoreReader(store), pattern, [source], target, max_hops=hops)
    ask = {"pattern": pattern, "max_hops": hops, "product": product, "as_of": day}
    expected = list(pressure_chains(whole, source, target, **ask))  # type: ignore[arg-type]
    assert list(pressure_chains(cone, source, target, **ask)) == expected  # type: ignore[arg-type]
    return len(expected)


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("hops", [1, 2, 3, 4, 6])
def test_curated_chains_from_the_cone_are_the_whole_projections(
    store: ox.Store, whole: nx.MultiDiGraph, pattern: str, hops: int
) -> None:
    found = 0
    for source in ("us-government", "china-government", "qualcomm"):
        for day in DAYS:
            for product in (None, "laptops", "smartphones"):
                found += same_chains(
                    store,
                    whole,
                    ID + source,
                    ID + "russia",
                    pattern=pattern,
                    max_hops=hops,
                    product=product,
                    as_of=day,
                )
    if hops >= 2 and pattern == DEFAULT_PATTERN:
        assert found > 0  # the comparison compared chains, not two empty lists


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    pattern=st.sampled_from(PATTERNS),
    hops=st.integers(1, 5),
    pick=st.integers(0, 50),
    day=st.sampled_from(DAYS),
)
def test_generated_chains_from_the_cone_are_the_whole_projections(
    seed: int, pattern: str, hops: int, pick: int, day: dt.date | None
) -> None:
    graph = ox.Store()
    graph.bulk_load(generate(4000, seed=seed), format=ox.RdfFormat.N_TRIPLES)
    G = project(graph)
    governments = sorted(n for n, d in G.nodes(data=True) if d["cls"] in ("Government", "Agency"))
    countries = sorted(n for n, d in G.nodes(data=True) if d["cls"] == "Country")
    source, target = governments[pick % len(governments)], countries[pick % len(countries)]
    same_chains(graph, G, source, target, pattern=pattern, max_hops=hops, as_of=day)


def test_chokepoints_whatif_and_exposure_read_from_the_cone_are_the_whole_projections(
    store: ox.Store, whole: nx.MultiDiGraph
) -> None:
    us, russia = ID + "us-government", ID + "russia"
    cone = read_cone(StoreReader(store), DEFAULT_PATTERN, [us], russia, max_hops=6)
    assert chokepoints(cone, us, russia) == chokepoints(whole, us, russia)
    removed = {
        "remove_nodes": [ID + "lenovo"],
        "remove_edges": [(ID + "qualcomm", "supplies", ID + "xiaomi")],
    }
    assert whatif(cone, us, russia, **removed).equals(whatif(whole, us, russia, **removed))  # type: ignore[arg-type]
    observations = query_frame(store, "trade-observations")
    expected = exposure(whole, observations)
    assert expected["chains"].sum() > 0
    assert exposure_read(StoreReader(store), observations).equals(expected)
    assert _by_cones(StoreReader(store), observations, pattern=DEFAULT_PATTERN, max_hops=6).equals(expected)


def test_the_reader_reads_only_the_reach_of_the_question(curated: Build) -> None:
    """The curated graph beside a generated one ten times its size that no chain of the
    question can enter: what the reader reads stays within the curated graph's reach."""
    graph = open_store(curated)
    curated_size = len(graph)
    graph.bulk_load(generate(10 * curated_size, seed=1), format=ox.RdfFormat.N_TRIPLES)
    reader = Logged(graph)
    us, russia = ID + "us-government", ID + "russia"
    cone = read_cone(reader, DEFAULT_PATTERN, [us], russia, max_hops=6)
    whole = project(graph)
    forward = nx.descendants(whole, us) | {us}
    backward = nx.ancestors(whole, russia) | {russia}
    assert reader.seen
    assert all(s in forward or o in backward for s, _, o in reader.seen)
    assert len(reader.seen) < whole.number_of_edges() / 20
    assert reader.read < curated_size  # claims and labels included
    assert list(pressure_chains(cone, us, russia)) == list(pressure_chains(whole, us, russia))


def test_a_country_named_as_the_actor_is_its_government(store: ox.Store) -> None:
    reader = StoreReader(store)
    actors = find_actors(reader, "united-states")
    assert actors.nodes == (ID + "us-government",)
    assert actors.note is not None
    assert actors.note.startswith("United States: the country; starting from its government")
    assert find_actors(reader, "Lenovo").nodes == (ID + "lenovo",)  # not a country: itself
    assert find_actors(reader, "Lenovo").note is None


def test_a_label_several_entities_bear_lists_them(store: ox.Store) -> None:
    graph = ox.Store()
    graph.extend(store)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    graph.add(ox.Quad(ox.NamedNode(ID + "xiaomi"), label, ox.Literal("Lenovo", language="en")))
    with pytest.raises(
        QueryError, match=r"'Lenovo' names 2 entities; give one of their ids: lenovo \(Lenovo"
    ):
        find_entity(StoreReader(graph), "Lenovo", parameter="source")
    with pytest.raises(QueryError, match="names 2 entities"):
        resolve_entity(project(graph), "Lenovo")


def test_a_name_found_nowhere_gets_a_hint(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="no entity 'Lenovoo' in the graph; did you mean: Lenovo"):
        find_entity(StoreReader(store), "Lenovoo")
    with pytest.raises(QueryError, match="is not an IRI"):
        find_entity(StoreReader(store), "http://exa mple/x")


def test_chains_from_several_sources_are_each_sources(store: ox.Store, whole: nx.MultiDiGraph) -> None:
    sources = [ID + "us-government", ID + "china-government"]
    cone = read_cone(StoreReader(store), DEFAULT_PATTERN, sources, ID + "russia", max_hops=6)
    expected = list(chains_into(whole, ID + "russia", sources=sources))
    assert expected
    assert list(chains_into(cone, ID + "russia", sources=sources)) == expected
