"""Reading cells into RDF terms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Literal

from graph import ID, SKG, default_ontology_dir, load_ontology
from graph.convert import CellError, parse_date, row_triples
from graph.tables import Row

ONTO = load_ontology(default_ontology_dir())
INDEX = {"lenovo": SKG.OEM, "russia": SKG.Country, "laptops": SKG.ProductCategory, "src": SKG.Source}


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_parse_date_reads_every_iso_day(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == (day, SKG.Day)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_parse_date_month_and_year_are_first_days(day: dt.date) -> None:
    assert parse_date(day.isoformat()[:7]) == (day.replace(day=1), SKG.Month)
    assert parse_date(day.isoformat()[:4]) == (day.replace(month=1, day=1), SKG.Year)


@pytest.mark.parametrize("text", ["2022-13", "2022-02-30", "22-03-01", "March 2022", "2022/03/01", ""])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(CellError) as info:
        parse_date(text)
    assert info.value.kind == "bad-date"


def claim_row(**cells: str) -> Row:
    base = {
        "subject": "lenovo",
        "relation": "exportsTo",
        "object": "russia",
        "status": "Halted",
        "source": "src",
    }
    return Row("claims.csv", 7, "c-1", SKG.Claim, {**base, **cells})


def test_claim_row_yields_claim_and_direct_triple() -> None:
    triples, problems = row_triples(claim_row(startDate="2022-03", product="laptops"), ONTO, INDEX)
    assert problems == []
    claim = ID["c-1"]
    assert (ID.lenovo, SKG.exportsTo, ID.russia) in triples
    assert (claim, RDF.type, SKG.Claim) in triples
    assert (claim, SKG.status, SKG.Halted) in triples
    assert (claim, SKG.startDate, Literal(dt.date(2022, 3, 1), datatype=XSD.date)) in triples
    assert (claim, SKG.startPrecision, SKG.Month) in triples
    assert (claim, SKG.product, ID.laptops) in triples


def test_several_sources_are_split_on_semicolons() -> None:
    index = {**INDEX, "other": SKG.Source}
    triples, problems = row_triples(claim_row(source="src ; other"), ONTO, index)
    assert problems == []
    assert {o for _, p, o in triples if p == SKG.source} == {ID.src, ID.other}


def test_a_bad_claim_gets_no_direct_triple() -> None:
    triples, problems = row_triples(claim_row(object="laptops"), ONTO, INDEX)
    assert [(p.column, p.kind) for p in problems] == [("object", "range-mismatch")]
    assert (ID.lenovo, SKG.exportsTo, ID.laptops) not in triples


def test_language_columns() -> None:
    row = Row("entities.csv", 3, "russia", SKG.Country, {"label": "Russia", "label@ru": "Россия"})
    triples, problems = row_triples(row, ONTO, INDEX)
    assert problems == []
    labels = {o for _, p, o in triples if p == RDFS.label}
    assert labels == {Literal("Russia", lang="en"), Literal("Россия", lang="ru")}


def test_all_cell_problems_of_a_row_are_reported_together() -> None:
    _triples, problems = row_triples(
        claim_row(status="Stopped", startDate="soon", unverified="yes"), ONTO, INDEX
    )
    assert sorted((p.column, p.kind) for p in problems) == [
        ("startDate", "bad-date"),
        ("status", "unknown-status"),
        ("unverified", "bad-boolean"),
    ]
