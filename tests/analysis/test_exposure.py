"""Exposure: the chains into the exporters of each observed change in trade."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph import Build, query_frame
from graph.analysis.claims import Claim
from graph.analysis.exposure import exposure
from tests.analysis.graphs import observations
from tests.chain_graphs import ID, by_hand


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


def test_a_products_chains_are_the_chains_into_the_partner_whose_last_hop_carries_it() -> None:
    """What exposure relies on to search each partner once: on a generated graph, for every
    partner and product, the chains asked for with the product are those found without it whose
    last hop carries the product, in the same order."""
    import pyoxigraph as ox

    from graph.analysis.projection import project
    from graph.analysis.search import _deals_in, chains_into
    from graph.generate.ntriples import generated_ntriples

    store = ox.Store()
    store.bulk_load(generated_ntriples(6_000, seed=3), format=ox.RdfFormat.N_TRIPLES)
    G = project(store)
    partners = sorted({v for _, v, key in G.edges(keys=True) if key == "exportsTo"})[:6]
    products = sorted({c.product for _, _, claims in G.edges(data="claims") for c in claims if c.product})[:8]
    assert partners
    assert products
    compared = 0
    for partner in partners:
        every = list(chains_into(G, partner, max_hops=4))
        for product in products:
            asked = list(chains_into(G, partner, max_hops=4, product=product))
            kept = [c for c in every if _deals_in(G, c.hops[-1].triple, c.hops[-1].claims, product)]
            assert asked == kept
            compared += len(asked)
    assert compared > 0
