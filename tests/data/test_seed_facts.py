"""Every fact of the founding source is in the built graph, with its source and qualifiers,
each checked by a SPARQL query over the written N-Triples (not over the Python objects)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.conftest import SKG, select

WSJ = "wsj-2022-05-lenovo-xiaomi"

TRADE = """
SELECT ?obs ?reporter ?partner ?product ?change ?bound ?stated ?period ?base ?src WHERE {
  ?obs a skg:TradeObservation ; skg:reporter ?reporter ; skg:partner ?partner ;
       skg:product ?product ; skg:changePercent ?change ; skg:bound ?bound ;
       skg:period ?period ; skg:basePeriod ?base ; skg:source ?src .
  OPTIONAL { ?obs skg:statedAs ?stated }
}"""


@pytest.mark.parametrize(
    ("product", "change", "bound", "stated"),
    [
        ("laptops", "-40", "MoreThan", "more than 40 percent"),
        ("smartphones", "-66.67", "Almost", "almost two-thirds"),
        ("base-stations", "-98", "Exactly", "98 percent"),
        ("all-goods", "-27", "Exactly", "27%"),
    ],
)
def test_export_falls_march_against_february_with_qualifiers(
    store: ox.Store, product: str, change: str, bound: str, stated: str
) -> None:
    rows = select(store, TRADE, product=product, reporter="china", partner="russia", src=WSJ)
    rows = [r for r in rows if r["period"] == "2022-03" and r["base"] == "2022-02"]
    assert len(rows) == 1, rows
    row = rows[0]
    assert float(row["change"]) == float(change)
    assert row["bound"].endswith("#" + bound)
    assert row["stated"] == stated


def test_laptop_fall_is_more_than_40_percent_on_the_wsj_source(store: ox.Store) -> None:
    rows = select(
        store,
        """
        SELECT ?product ?src ?bound ?change WHERE {
          ?obs skg:product ?product ; skg:bound ?bound ; skg:changePercent ?change ; skg:source ?src .
        }""",
        product="laptops",
    )
    assert [(r["bound"].rsplit("#")[-1], r["change"], r["src"].rsplit("/")[-1]) for r in rows] == [
        ("MoreThan", "-40", WSJ)
    ]


CLAIM = """
SELECT ?relation ?claim ?subject ?object ?status ?stance ?src ?quote ?start WHERE {
  ?subject ?relation ?object .
  ?claim a skg:Claim ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
         skg:status ?status ; skg:source ?src .
  OPTIONAL { ?claim skg:stance ?stance }
  OPTIONAL { ?claim skg:quote ?quote }
  OPTIONAL { ?claim skg:startDate ?start }
}"""


def claims(store: ox.Store, subject: str, relation: str, obj: str) -> list[dict[str, str]]:
    return select(store, CLAIM, subject=subject, object=obj, relation=SKG + relation)


def local(value: str) -> str:
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def summary(rows: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    return {(local(r["status"]), local(r.get("stance", "")), local(r["src"])) for r in rows}


@pytest.mark.parametrize("oem", ["lenovo", "xiaomi"])
def test_device_makers_cut_off_russia_per_wsj(store: ox.Store, oem: str) -> None:
    rows = claims(store, oem, "exportsTo", "russia")
    wsj = [r for r in rows if local(r["src"]) == WSJ]
    assert [local(r["status"]) for r in wsj] == ["Halted"]
    assert "people familiar" in wsj[0]["quote"]


@pytest.mark.parametrize("oem", ["lenovo", "xiaomi"])
def test_contrary_reports_are_kept_beside_the_founding_source(store: ox.Store, oem: str) -> None:
    statuses = summary(claims(store, oem, "exportsTo", "russia"))
    assert ("Halted", "", WSJ) in statuses
    assert ("Active", "", "xiaomist-2022-05-kommersant") in statuses


@pytest.mark.parametrize("oem", ["lenovo", "xiaomi"])
def test_us_pressures_device_makers_directly_and_threatens_them(store: ox.Store, oem: str) -> None:
    found = summary(claims(store, "us-government", "pressures", oem))
    assert ("Active", "TowardsCompliance", WSJ) in found
    assert ("Threatened", "TowardsCompliance", WSJ) in found


@pytest.mark.parametrize("oem", ["lenovo", "xiaomi"])
def test_us_chip_suppliers_supply_and_pressure_device_makers(store: ox.Store, oem: str) -> None:
    assert ("Active", "", WSJ) in summary(claims(store, "us-chip-suppliers", "supplies", oem))
    assert ("Active", "TowardsCompliance", WSJ) in summary(
        claims(store, "us-chip-suppliers", "pressures", oem)
    )


def test_us_chip_suppliers_keep_their_products_out_of_russia(store: ox.Store) -> None:
    rows = claims(store, "us-chip-suppliers", "exportsTo", "russia")
    assert summary(rows) == {("Halted", "", WSJ)}
    assert "preventing their products from entering Russia" in rows[0]["quote"]
    assert summary(claims(store, "us-government", "pressures", "us-chip-suppliers")) == {
        ("Active", "TowardsCompliance", WSJ)
    }


@pytest.mark.parametrize("oem", ["lenovo", "xiaomi"])
def test_beijing_pushes_towards_resistance(store: ox.Store, oem: str) -> None:
    assert ("Active", "TowardsResistance", WSJ) in summary(
        claims(store, "china-government", "pressures", oem)
    )
    mofcom = [r for r in claims(store, "mofcom", "pressures", oem) if local(r["src"]) == WSJ]
    assert [(local(r["stance"]), r["start"]) for r in mofcom] == [("TowardsResistance", "2022-04-01")]
    assert "external coercion" in mofcom[0]["quote"]


def test_mofcom_is_part_of_chinas_government(store: ox.Store) -> None:
    assert summary(claims(store, "mofcom", "partOf", "china-government")) == {("Active", "", WSJ)}


def test_beijing_opposes_the_sanctions(store: ox.Store) -> None:
    assert summary(claims(store, "china-government", "opposes", "us-russia-sanctions-2022")) == {
        ("Active", "", WSJ)
    }


def test_us_sanctions_russia_from_late_february_2022(store: ox.Store) -> None:
    rows = select(
        store,
        """
        SELECT ?gov ?target ?src ?claim ?start ?precision ?measure WHERE {
          ?claim rdf:subject ?gov ; rdf:predicate skg:sanctions ; rdf:object ?target ;
                 skg:startDate ?start ; skg:startPrecision ?precision ; skg:measure ?measure ;
                 skg:source ?src .
        }""",
        gov="us-government",
        target="russia",
        src=WSJ,
    )
    assert [(r["start"], local(r["precision"]), local(r["measure"])) for r in rows] == [
        ("2022-02-01", "Month", "us-russia-sanctions-2022")
    ]


def test_countermeasures_exist_but_were_not_used(store: ox.Store) -> None:
    rows = select(
        store,
        """
        SELECT ?src ?measure ?status ?stance WHERE {
          ?measure a skg:Countermeasure .
          ?claim skg:measure ?measure ; skg:status ?status ; skg:stance ?stance ; skg:source ?src .
        }""",
        src=WSJ,
    )
    assert rows
    assert {(local(r["status"]), local(r["stance"])) for r in rows} == {("Threatened", "TowardsResistance")}


def test_shanghai_quarantine_disrupted_chinas_trade(store: ox.Store) -> None:
    assert summary(claims(store, "shanghai-quarantine-2022", "disrupts", "china")) == {("Active", "", WSJ)}


@pytest.mark.parametrize(
    ("supplier", "oem"),
    [("intel", "lenovo"), ("amd", "lenovo"), ("nvidia", "lenovo"), ("qualcomm", "xiaomi")],
)
def test_named_supplier_links_are_sourced(store: ox.Store, supplier: str, oem: str) -> None:
    rows = claims(store, supplier, "supplies", oem)
    assert rows
    assert all(local(r["src"]) != WSJ for r in rows)


@pytest.mark.parametrize("maker", ["intel", "amd", "nvidia", "qualcomm"])
def test_chip_makers_halts_are_sourced(store: ox.Store, maker: str) -> None:
    assert {s for s, _, _ in summary(claims(store, maker, "exportsTo", "russia"))} == {"Halted"}


def test_unverified_facts_stay_marked(store: ox.Store) -> None:
    rows = select(
        store,
        """
        SELECT ?s ?claim WHERE { ?claim rdf:subject ?s ; skg:unverified true . }""",
        s="tsmc",
    )
    assert len(rows) == 1


def test_every_direct_relation_has_a_sourced_claim(store: ox.Store) -> None:
    rows = select(
        store,
        """
        SELECT ?s ?p ?o WHERE {
          ?p a skg:Relation . ?s ?p ?o .
          FILTER NOT EXISTS { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; skg:source ?src }
        }""",
    )
    assert rows == []
