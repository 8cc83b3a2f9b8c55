"""Pressure chains on the curated graph, and against SPARQL property paths on generated graphs."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

from graph import Build, QueryError, default_data_dir, open_store
from graph.analysis.asof import graph_as_of
from graph.analysis.chains import Chain
from graph.analysis.claims import Claim
from graph.analysis.cuts import reachable_pairs
from graph.analysis.entities import resolve_entity
from graph.analysis.index import chain_index
from graph.analysis.pattern import DEFAULT_PATTERN, parse_pattern, to_sparql_path
from graph.analysis.projection import project
from graph.analysis.reach import MAX_HOPS
from graph.analysis.records import chain_records, chains_frame, hop_rows
from graph.analysis.search import chains_into, pressure_chains
from graph.errors import PatternError
from tests.chain_graphs import ID, SKG, by_hand, graphs, store_of

WSJ = "wsj-2022-05-lenovo-xiaomi"
HOP_COLUMNS = ["chain", "hop", "source", "relation", "target", "status", "stance", "sources"]
"""The columns of a table of chains, one row a hop, as the docs give them."""


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)


def chains(G: nx.MultiDiGraph, source: str, target: str, **options: Any) -> list[Chain]:
    return list(pressure_chains(G, ID + source, ID + target, **options))


def path(chain: Chain) -> list[str]:
    out = [chain.hops[0].source.removeprefix(ID)]
    for hop in chain.hops:
        out += [hop.relation, hop.target.removeprefix(ID)]
    return out


def test_the_founding_chain_with_its_sources(G: nx.MultiDiGraph) -> None:
    found = {tuple(path(c)): c for c in chains(G, "us-government", "russia")}
    chain = found[
        ("us-government", "pressures", "us-chip-suppliers", "supplies", "lenovo", "exportsTo", "russia")
    ]
    assert [WSJ in hop.sources for hop in chain.hops] == [True, True, True]
    assert chain.stance == "TowardsCompliance"


def test_beijing_pushes_the_other_way(G: nx.MultiDiGraph) -> None:
    found = chains(G, "china-government", "russia")
    assert {tuple(path(c)) for c in found} == {
        ("china-government", "pressures", "lenovo", "exportsTo", "russia"),
        ("china-government", "pressures", "xiaomi", "exportsTo", "russia"),
    }
    assert {c.stance for c in found} == {"TowardsResistance"}


def test_every_chain_matches_the_pattern_is_simple_and_short(G: nx.MultiDiGraph) -> None:
    for pattern, hops in [
        (DEFAULT_PATTERN, 6),
        ("pressures exportsTo", 2),
        ("pressures supplies exportsTo", 3),
    ]:
        found = chains(G, "us-government", "russia", pattern=pattern, max_hops=hops)
        assert found, pattern
        for chain in found:
            assert len(set(chain.nodes)) == len(chain.nodes)
            assert len(chain.hops) <= hops
            if pattern != DEFAULT_PATTERN:
                assert " ".join(chain.relations) == pattern


def test_max_hops_prunes(G: nx.MultiDiGraph) -> None:
    longest = max(len(c.hops) for c in chains(G, "us-government", "russia"))
    assert longest == 3
    assert {len(c.hops) for c in chains(G, "us-government", "russia", max_hops=2)} == {2}


def test_product_keeps_chains_ending_in_that_product(G: nx.MultiDiGraph) -> None:
    laptops = {
        c.hops[-1].source.removeprefix(ID) for c in chains(G, "us-government", "russia", product="laptops")
    }
    smartphones = {
        c.hops[-1].source.removeprefix(ID)
        for c in chains(G, "us-government", "russia", product="smartphones")
    }
    assert "lenovo" in laptops
    assert "xiaomi" not in laptops
    assert "xiaomi" in smartphones
    assert "lenovo" not in smartphones


def test_as_of_drops_chains_halted_by_then(G: nx.MultiDiGraph) -> None:
    before = {tuple(path(c)) for c in chains(G, "us-government", "russia", as_of=dt.date(2022, 2, 15))}
    after = {tuple(path(c)) for c in chains(G, "us-government", "russia", as_of=dt.date(2022, 4, 1))}
    assert ("us-government", "pressures", "lenovo", "exportsTo", "russia") in before - after


def test_the_graph_is_not_changed(G: nx.MultiDiGraph) -> None:
    before = (sorted(G.edges(keys=True)), dict(G.nodes(data=True)))
    list(pressure_chains(G, ID + "us-government", ID + "russia", as_of=dt.date(2022, 5, 1)))
    graph_as_of(G, dt.date(2022, 5, 1))
    assert (sorted(G.edges(keys=True)), dict(G.nodes(data=True))) == before


@pytest.mark.parametrize("hops", [0, -1, MAX_HOPS + 1, 1000])
def test_max_hops_out_of_range_is_refused(G: nx.MultiDiGraph, hops: int) -> None:
    with pytest.raises(QueryError, match="out of range") as error:
        chains(G, "us-government", "russia", max_hops=hops)
    assert error.value.parameter == "max_hops"


def test_a_bad_pattern_is_refused(G: nx.MultiDiGraph) -> None:
    with pytest.raises(PatternError, match="unknown relation 'pressure'"):
        chains(G, "us-government", "russia", pattern="pressure+ exportsTo")


def test_entities_by_id_label_or_close_name(G: nx.MultiDiGraph) -> None:
    assert resolve_entity(G, "lenovo") == resolve_entity(G, "Lenovo") == ID + "lenovo"
    with pytest.raises(QueryError, match="did you mean: lenovo") as error:
        resolve_entity(G, "lenovoo", parameter="source")
    assert error.value.parameter == "source"


def sparql_pairs(store: Any, pattern: str) -> set[tuple[str, str]]:
    """The pairs the pattern's SPARQL 1.1 property path joins, asked of Oxigraph."""
    path_text = to_sparql_path(parse_pattern(pattern))
    query = f"PREFIX skg: <{SKG}> SELECT DISTINCT ?s ?t WHERE {{ ?s {path_text} ?t }}"
    return {(row["s"].value, row["t"].value) for row in store.query(query)}


def chain_pairs(G: nx.MultiDiGraph, pattern: str) -> set[tuple[str, str]]:
    return {
        (s, t)
        for s in G
        for t in G
        if s != t
        and next(iter(pressure_chains(G, s, t, pattern=pattern, max_hops=MAX_HOPS)), None) is not None
    }


PAIR_PATTERNS = [
    DEFAULT_PATTERN,
    "pressures+ exportsTo",
    "(supplies|exportsTo)+",
    "sanctions pressures? supplies*",
]


def test_curated_pairs_match_the_sparql_property_path(curated: Build, G: nx.MultiDiGraph) -> None:
    store = open_store(curated)
    expected = sparql_pairs(store, DEFAULT_PATTERN)
    assert expected
    assert reachable_pairs(G) == expected
    assert chain_pairs(G, DEFAULT_PATTERN) == expected


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_reachable_pairs_equal_the_property_path_on_any_graph(graph: tuple[list[Any], int]) -> None:
    edges, nodes = graph
    store = store_of(edges, nodes)
    G = project(store)
    for pattern in PAIR_PATTERNS:
        assert reachable_pairs(G, pattern) == sparql_pairs(store, pattern), pattern


@settings(max_examples=60, deadline=None)
@given(graphs(acyclic=True))
def test_chain_pairs_equal_the_property_path_without_cycles(graph: tuple[list[Any], int]) -> None:
    edges, nodes = graph
    store = store_of(edges, nodes)
    G = project(store)
    for pattern in PAIR_PATTERNS:
        assert chain_pairs(G, pattern) == sparql_pairs(store, pattern), pattern


def test_with_a_cycle_a_walk_may_reach_what_no_simple_chain_does() -> None:
    """x pressures y, y pressures x, x supplies z, z exports to t: the property path (a walk)
    reaches t from x through x again; a chain may not repeat x, so it finds none."""
    store = store_of([(0, "pressures", 1), (1, "pressures", 0), (0, "supplies", 2), (2, "exportsTo", 3)], 4)
    G = project(store)
    pair = (ID + "n0", ID + "n3")
    assert pair in sparql_pairs(store, DEFAULT_PATTERN)
    assert pair in reachable_pairs(G)
    assert pair not in chain_pairs(G, DEFAULT_PATTERN)
    assert chain_pairs(G, DEFAULT_PATTERN) <= reachable_pairs(G)


def test_chains_into_is_every_source_asked_in_turn(G: nx.MultiDiGraph) -> None:
    russia = ID + "russia"
    at_once = [c.describe(G) for c in chains_into(G, russia)]
    one_by_one = [c.describe(G) for s in sorted(G) if s != russia for c in pressure_chains(G, s, russia)]
    assert at_once == one_by_one
    assert len(at_once) > 10


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_chains_into_equals_one_search_a_source(graph: tuple[list[Any], int]) -> None:
    edges, nodes = graph
    G = project(store_of(edges, nodes))
    for target in sorted(G):
        at_once = [c.hops for c in chains_into(G, target, max_hops=5)]
        one_by_one = [
            c.hops for s in sorted(G) if s != target for c in pressure_chains(G, s, target, max_hops=5)
        ]
        assert at_once == one_by_one


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_the_index_finds_the_same_chains_in_the_same_order(graph: tuple[list[Any], int]) -> None:
    edges, nodes = graph
    G = project(store_of(edges, nodes))
    for pattern in [*PAIR_PATTERNS, "pressures supplies? pressures*"]:
        index = chain_index(G, pattern)
        for hops in (1, 3, 5):
            for target in sorted(G):
                assert [c.hops for c in chains_into(G, target, max_hops=hops, index=index)] == [
                    c.hops for c in chains_into(G, target, max_hops=hops, pattern=pattern)
                ], (pattern, hops, target)


def test_the_index_on_the_curated_graph(G: nx.MultiDiGraph) -> None:
    index = chain_index(G)
    cases: list[tuple[str, str, dict[str, Any]]] = [
        ("us-government", "russia", {}),
        ("us-government", "russia", {"product": "laptops"}),
        ("china-government", "russia", {"max_hops": 2}),
        ("us-government", "russia", {"as_of": dt.date(2022, 1, 1)}),
    ]
    for source, target, options in cases:
        with_index = chains(G, source, target, index=index, **options)
        assert with_index == chains(G, source, target, **options)
        assert with_index, (source, target, options)
    assert chains(G, "us-government", "russia", index=index, product="laptops") != chains(
        G, "us-government", "russia", index=index
    )


def test_an_index_answers_only_for_its_graph_and_pattern(G: nx.MultiDiGraph) -> None:
    index = chain_index(G, "pressures exportsTo")
    with pytest.raises(QueryError, match="another graph") as error:
        chains(G.copy(), "us-government", "russia", index=index)
    assert error.value.parameter == "index"
    with pytest.raises(QueryError, match="built for the pattern 'pressures exportsTo'"):
        chains(G, "us-government", "russia", index=index, pattern=DEFAULT_PATTERN)
    assert chains(G, "us-government", "russia", index=index) == chains(
        G, "us-government", "russia", pattern="pressures exportsTo"
    )
    with pytest.raises(PatternError, match="unknown relation"):
        chain_index(G, "pressures bribes")


def claims_table() -> dict[str, dict[str, str]]:
    """The curated claims as the csv module reads them, by id: what the records must carry."""
    with (default_data_dir() / "claims.csv").open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def as_day(text: str) -> str | None:
    """A claim's date cell as the day it stands for (a month or a year from its first day)."""
    return {4: f"{text}-01-01", 7: f"{text}-01", 10: text}[len(text)] if text else None


def test_chain_records_carry_each_claim_as_the_table_states_it(G: nx.MultiDiGraph) -> None:
    found = chains(G, "us-government", "russia")
    records = chain_records(G, found)
    table = claims_table()
    assert [r["chain"] for r in records] == list(range(1, len(found) + 1))
    assert [r["text"] for r in records] == [c.describe(G) for c in found]
    assert [r["stance"] for r in records] == [c.stance for c in found]
    seen = set()
    for record, chain in zip(records, found, strict=True):
        hops = record["hops"]
        assert isinstance(hops, list)
        assert [(h["source"], h["relation"], h["target"]) for h in hops] == [hop.triple for hop in chain.hops]
        for hop in hops:
            for claim in hop["claims"]:
                row = table[claim["claim"]]
                seen.add(claim["claim"])
                assert (ID + row["subject"], row["relation"], ID + row["object"]) == (
                    hop["source"],
                    hop["relation"],
                    hop["target"],
                )
                assert claim == {
                    "claim": row["id"],
                    "status": row["status"] or None,
                    "stance": row["stance"] or None,
                    "product": row["product"] or None,
                    "start": as_day(row["startDate"]),
                    "end": as_day(row["endDate"]),
                    "sources": sorted(s.strip() for s in row["source"].split(";")),
                    "quote": row["quote"] or None,
                    "unverified": row["unverified"] == "true",
                }
    lenovo_halts = [c for c, row in table.items() if row["subject"] == "lenovo" and row["status"] == "Halted"]
    assert set(lenovo_halts) <= seen
    assert any(table[c]["startDate"] for c in seen)
    assert any(table[c]["unverified"] == "true" for c in seen)


def test_hop_rows_one_a_hop(G: nx.MultiDiGraph) -> None:
    found = chains(G, "china-government", "russia")
    rows = hop_rows(G, found)
    assert [(r["chain"], r["hop"]) for r in rows] == [(1, 1), (1, 2), (2, 1), (2, 2)]
    first = rows[0]
    assert (first["source"], first["relation"], first["target"]) == (
        "Government of the People's Republic of China",
        "pressures",
        "Lenovo",
    )
    hop = found[0].hops[0]
    assert first["status"] == ";".join(sorted({c.status for c in hop.claims if c.status}))
    assert first["stance"] == "TowardsResistance"
    assert first["sources"] == ";".join(sorted(hop.sources))
    assert ";" in str(rows[1]["status"])  # Lenovo's exports: active, then halted
    frame = chains_frame(G, found)
    assert list(frame.columns) == HOP_COLUMNS
    assert frame.to_dict("records") == rows


def test_entities_by_full_iri_and_any_case(G: nx.MultiDiGraph) -> None:
    assert resolve_entity(G, ID + "lenovo") == ID + "lenovo"
    assert resolve_entity(G, "LENOVO") == ID + "lenovo"
    with pytest.raises(QueryError) as error:
        resolve_entity(G, "zzzzzzzz")
    assert "did you mean" not in str(error.value)
    assert error.value.parameter == "entity"


def test_a_product_is_carried_by_a_claim_about_it_or_by_what_the_exporter_makes() -> None:
    """e1 makes laptops, e2 makes nothing we know, e3 makes smartphones, e4 makes smartphones
    but a claim says it exports laptops; e5 makes laptops, and its only claim is about phones."""
    about = {
        ("e4", "exportsTo", "t"): (Claim("c4", product="laptops"),),
        ("e5", "exportsTo", "t"): (Claim("c5", product="smartphones"),),
        **{(e, "exportsTo", "t"): (Claim(f"c-{e}"),) for e in ("e1", "e2", "e3")},
    }
    exporters = ("e1", "e2", "e3", "e4", "e5")
    G = by_hand(
        *((("s", "pressures", e)) for e in exporters),
        *(((e, "exportsTo", "t")) for e in exporters),
        ("e1", "makes", ID + "laptops"),
        ("e3", "makes", ID + "smartphones"),
        ("e4", "makes", ID + "smartphones"),
        ("e5", "makes", ID + "laptops"),
        claims=about,
    )
    for index in (None, chain_index(G)):
        laptops = [c.hops[-1].source for c in pressure_chains(G, "s", "t", product="laptops", index=index)]
        assert laptops == ["e1", "e2", "e4"]
        phones = [c.hops[-1].source for c in pressure_chains(G, "s", "t", product="smartphones", index=index)]
        assert phones == ["e2", "e3", "e5"]
        assert len(list(pressure_chains(G, "s", "t", index=index))) == 5


def test_a_move_that_fails_the_product_does_not_hide_the_next() -> None:
    """e exports phones to t, and supplies f, who exports laptops to t: asked for laptops, the
    failed last hop from e must not stop the search from going on through f."""
    G = by_hand(
        ("s", "pressures", "e"),
        ("e", "exportsTo", "t"),
        ("e", "supplies", "f"),
        ("f", "exportsTo", "t"),
        claims={
            ("e", "exportsTo", "t"): (Claim("c1", product="phones"),),
            ("f", "exportsTo", "t"): (Claim("c2", product="laptops"),),
        },
    )
    assert [c.nodes for c in pressure_chains(G, "s", "t", product="laptops")] == [("s", "e", "f", "t")]


def test_unknown_ends_name_their_parameter(G: nx.MultiDiGraph) -> None:
    russia = ID + "russia"
    with pytest.raises(QueryError) as error:
        list(pressure_chains(G, "nowhere", russia))
    assert (error.value.parameter, str(error.value).split(": ", 1)[-1]) == (
        "source",
        "no node 'nowhere' in the graph",
    )
    with pytest.raises(QueryError) as error:
        list(chains_into(G, "nowhere"))
    assert error.value.parameter == "target"
    assert "no node 'nowhere' in the graph" in str(error.value)
    with pytest.raises(QueryError) as error:
        chains(G, "us-government", "russia", max_hops=13)
    assert (
        "13 is out of range: a chain has at least 1 hop, and more than 12 would make the search explode"
        in str(error.value)
    )
    index = chain_index(G, "pressures exportsTo")
    with pytest.raises(QueryError) as error:
        chains(G, "us-government", "russia", index=index, pattern=DEFAULT_PATTERN)
    assert error.value.parameter == "index"
    with pytest.raises(QueryError, match="this index was built for another graph"):
        chains(G.copy(), "us-government", "russia", index=index)


def test_a_graph_without_relations_declared() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("s", "t", key="exportsTo", relation="exportsTo", claims=())
    for search in (lambda: chain_index(G), lambda: list(pressure_chains(G, "s", "t"))):
        with pytest.raises(PatternError, match="the graph declares no relations"):
            search()


def test_the_default_longest_chain_is_six_hops() -> None:
    for length, found in ((6, 1), (7, 0)):
        G = by_hand(
            *((f"n{i}", "pressures", f"n{i + 1}") for i in range(length - 1)),
            (f"n{length - 1}", "exportsTo", "t"),
        )
        assert len(list(pressure_chains(G, "n0", "t"))) == found
        assert len(list(chains_into(G, "t", sources=["n0"]))) == found


def test_an_index_searches_with_its_own_pattern_as_of_a_day() -> None:
    edges = [
        ("s", "pressures", "a"),
        ("a", "supplies", "b"),
        ("b", "exportsTo", "t"),
        ("a", "exportsTo", "t"),
    ]
    G = by_hand(*edges, claims={edge: (Claim(f"c{i}"),) for i, edge in enumerate(edges)})
    index = chain_index(G, "pressures exportsTo")
    day = dt.date(2022, 1, 1)
    assert [c.nodes for c in pressure_chains(G, "s", "t", index=index, as_of=day)] == [("s", "a", "t")]
    assert len(list(pressure_chains(G, "s", "t", as_of=day))) == 2


def test_records_and_rows_of_a_hop_with_several_claims() -> None:
    claims = (
        Claim(
            "c1",
            status="Active",
            stance="TowardsCompliance",
            sources=("b-src", "a-src"),
            end=dt.date(2022, 5, 1),
        ),
        Claim(
            "c2", status="Halted", stance="TowardsResistance", sources=("c-src",), start=dt.date(2022, 3, 1)
        ),
    )
    G = by_hand(("s", "pressures", "t"), claims={("s", "pressures", "t"): claims})
    found = list(pressure_chains(G, "s", "t", pattern="pressures"))
    (record,) = chain_records(G, found)
    hop = record["hops"][0]  # type: ignore[index]
    assert [(c["claim"], c["start"], c["end"]) for c in hop["claims"]] == [
        ("c1", None, "2022-05-01"),
        ("c2", "2022-03-01", None),
    ]
    assert record["stance"] is None  # its claims disagree
    (row,) = hop_rows(G, found)
    assert (row["status"], row["stance"], row["sources"]) == (
        "Active;Halted",
        "TowardsCompliance;TowardsResistance",
        "a-src;b-src;c-src",
    )


def test_no_chains_make_an_empty_table_with_its_columns(G: nx.MultiDiGraph) -> None:
    frame = chains_frame(G, [])
    assert frame.empty
    assert list(frame.columns) == HOP_COLUMNS


def test_names_as_users_give_them_and_the_hint_when_none_fits(G: nx.MultiDiGraph) -> None:
    assert resolve_entity(G, "us-government") == ID + "us-government"  # an id whose label differs
    assert resolve_entity(G, "Government of the United States") == ID + "us-government"
    for name, said in [
        ("Lenovoo", "no entity 'Lenovoo' in the graph; did you mean: Lenovo, lenovo?"),
        ("zzzzzzzz", "no entity 'zzzzzzzz' in the graph"),
    ]:
        with pytest.raises(QueryError) as error:
            resolve_entity(G, name)
        assert str(error.value) == f"parameter 'entity': {said}"


def test_a_chain_in_words(G: nx.MultiDiGraph) -> None:
    first = chains(G, "china-government", "russia")[0]
    assert (
        first.describe(G)
        == "Government of the People's Republic of China -pressures-> Lenovo -exportsTo-> Russia"
    )


def test_an_index_of_another_graph_says_so(G: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryError) as error:
        chains(G.copy(), "us-government", "russia", index=chain_index(G))
    assert str(error.value) == "parameter 'index': this index was built for another graph"
