"""Reading cells into RDF terms."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Literal, URIRef

from graph import ID, SKG, Build, default_data_dir, default_ontology_dir, load_ontology
from graph.model.convert import CellError, _cell_triples, parse_date, row_triples
from graph.model.ontology import individuals
from graph.model.schema import Column
from graph.model.tables import Row

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
    assert str(info.value).startswith(f"{text!r} is not a date")


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
    assert problems[0].message == "exportsTo needs a Country here; 'laptops' is a ProductCategory"
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


@pytest.mark.parametrize(("text", "value"), [("true", True), ("false", False)])
def test_booleans_are_read_as_written(text: str, value: bool) -> None:
    triples, problems = row_triples(claim_row(unverified=text), ONTO, INDEX)
    assert problems == []
    flags = [o for _, p, o in triples if p == SKG.unverified]
    assert flags == [Literal(value, datatype=XSD.boolean)]
    assert isinstance(flags[0], Literal)
    assert flags[0].toPython() is value


def test_a_date_to_the_day_has_no_precision_triple() -> None:
    triples, problems = row_triples(claim_row(startDate="2022-03-04", endDate="2022"), ONTO, INDEX)
    assert problems == []
    assert [o for _, p, o in triples if p == SKG.startPrecision] == []
    assert [o for _, p, o in triples if p == SKG.endPrecision] == [SKG.Year]


def test_text_is_a_plain_literal() -> None:
    """A string column is written without ``^^xsd:string`` (the same term in RDF 1.1, as
    parsers read it back), so the build's files compare equal to what is read from them."""
    triples, problems = row_triples(claim_row(quote="we have suspended all shipments"), ONTO, INDEX)
    assert problems == []
    (quote,) = [o for _, p, o in triples if p == SKG.quote]
    assert quote == Literal("we have suspended all shipments")
    assert isinstance(quote, Literal)
    assert quote.datatype is None
    assert quote.language is None


def test_an_unknown_subject_does_not_hide_the_objects_problem() -> None:
    _triples, problems = row_triples(claim_row(subject="nobody", object="laptops"), ONTO, INDEX)
    assert sorted((p.column, p.kind) for p in problems) == [
        ("object", "range-mismatch"),
        ("subject", "unknown-entity"),
    ]


def test_a_column_of_another_class_does_not_hide_the_next_cells_problem() -> None:
    """``notation`` belongs to product categories (the reader reports it as not applicable);
    the bad ``wikidata`` cell after it is still read and reported."""
    row = Row(
        "entities.csv", 3, "russia", SKG.Country, {"label": "Russia", "notation": "8471", "wikidata": "Q-1"}
    )
    triples, problems = row_triples(row, ONTO, INDEX)
    assert [(p.column, p.kind) for p in problems] == [("wikidata", "bad-pattern")]
    assert (ID.russia, RDFS.label, Literal("Russia", lang="en")) in triples


def test_the_curated_build_keeps_every_flag_and_precision(curated: Build) -> None:
    """Against the tables read by the csv module: one ``unverified true`` a flagged row,
    one precision triple a claim's date not known to the day."""
    tables = {}
    for path in sorted(default_data_dir().glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            tables[path.name] = list(csv.DictReader(f))
    rows = tables["claims.csv"]
    flagged = {ID[r["id"]] for table in tables.values() for r in table if r.get("unverified") == "true"}
    assert flagged, "the curated claims flag some as unverified"
    assert set(curated.graph.subjects(SKG.unverified, Literal(True))) == flagged
    for column, precision in (("startDate", SKG.startPrecision), ("endDate", SKG.endPrecision)):
        coarse = {ID[r["id"]] for r in rows if r[column] and len(r[column]) < 10}
        claims = {
            s
            for s, _ in curated.graph.subject_objects(precision)
            if (s, RDF.type, SKG.Claim) in curated.graph
        }
        assert claims == coarse
    assert any(len(r["startDate"]) < 10 for r in rows if r["startDate"])
    assert any(len(r["startDate"]) == 10 for r in rows)


@pytest.mark.parametrize(
    ("text", "lexical"), [("-40", "-40.0"), ("0.0000001", "0.0000001"), ("-66.67", "-66.67")]
)
def test_decimals_are_written_as_turtle_reads_them_back(text: str, lexical: str) -> None:
    row = Row("trade.csv", 4, "t-1", SKG.TradeObservation, {"changePercent": text})
    triples, _problems = row_triples(row, ONTO, INDEX)
    (change,) = [o for _, p, o in triples if p == SKG.changePercent]
    assert isinstance(change, Literal)
    assert (str(change), change.datatype) == (lexical, XSD.decimal)


@pytest.mark.parametrize(
    ("missing", "kind"),
    [("source", "missing-source"), ("subject", "missing-value"), ("relation", "missing-value")],
)
def test_a_missing_required_cell_says_what_is_missing(missing: str, kind: str) -> None:
    cells = claim_row().cells
    row = Row("claims.csv", 7, "c-1", SKG.Claim, {k: v for k, v in cells.items() if k != missing})
    _triples, problems = row_triples(row, ONTO, INDEX)
    assert [(p.column, p.kind) for p in problems] == [(missing, kind)]


def test_an_unknown_relation_is_reported_once() -> None:
    _triples, problems = row_triples(claim_row(relation="bribes"), ONTO, INDEX)
    assert [(p.column, p.kind) for p in problems] == [("relation", "unknown-relation")]


def known(cls: URIRef) -> str:
    return ", ".join(sorted(individuals(ONTO, cls)))


CELL_MESSAGES = [
    (claim_row(source=" ; "), "source", "missing-source", "'source' holds no value, only separators"),
    (
        claim_row(status="Stopped"),
        "status",
        "unknown-status",
        f"'Stopped' is not a Status; known: {known(SKG.Status)}",
    ),
    (claim_row(object="lenovoo"), "object", "unknown-entity", "unknown entity 'lenovoo'"),
    (claim_row(unverified="yes"), "unverified", "bad-boolean", "'yes' is not true or false"),
    (
        claim_row(startDate="soon"),
        "startDate",
        "bad-date",
        "'soon' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ),
    (claim_row(measure="lenovo"), "measure", "class-mismatch", "'lenovo' is a OEM, not a SanctionsMeasure"),
    (
        Row("trade.csv", 4, "t-1", SKG.TradeObservation, {"period": "2022-13"}),
        "period",
        "bad-date",
        "'2022-13' is not a month (YYYY-MM)",
    ),
    (
        Row("trade.csv", 4, "t-1", SKG.TradeObservation, {"changePercent": "-40%"}),
        "changePercent",
        "bad-number",
        "'-40%' is not a decimal number (e.g. -66.67)",
    ),
    (
        Row("entities.csv", 3, "russia", SKG.Country, {"label": "Russia", "wikidata": "Q-1"}),
        "wikidata",
        "bad-pattern",
        "'Q-1' does not match '^http://www\\\\.wikidata\\\\.org/entity/Q[1-9][0-9]*$'",
    ),
]


@pytest.mark.parametrize(("row", "column", "kind", "message"), CELL_MESSAGES)
def test_each_cell_problem_says_what_is_wrong(row: Row, column: str, kind: str, message: str) -> None:
    """The messages users read in the build's report (the kind and place are the contract;
    the words are checked here once so that none is lost)."""
    _triples, problems = row_triples(row, ONTO, INDEX)
    found = [p for p in problems if p.column == column]
    assert [(p.kind, p.message) for p in found] == [(kind, message)]


def test_a_missing_required_cell_names_the_class() -> None:
    cells = {k: v for k, v in claim_row().cells.items() if k != "relation"}
    _triples, problems = row_triples(Row("claims.csv", 7, "c-1", SKG.Claim, cells), ONTO, INDEX)
    assert [(p.column, p.kind, p.message) for p in problems] == [
        ("relation", "missing-value", "'relation' is required for a Claim")
    ]


def test_literals_keep_their_text_datatype_and_language() -> None:
    trade = Row("trade.csv", 4, "t-1", SKG.TradeObservation, {"period": "2022-03"})
    triples, _ = row_triples(trade, ONTO, INDEX)
    (period,) = [o for _, p, o in triples if p == SKG.period]
    assert isinstance(period, Literal)
    assert (str(period), period.datatype) == ("2022-03", XSD.gYearMonth)
    label = Row("entities.csv", 3, "russia", SKG.Country, {"label": "Russia"})
    (name,) = [o for _, p, o in row_triples(label, ONTO, INDEX)[0] if p == RDFS.label]
    assert isinstance(name, Literal)
    assert name.language == "en"


@pytest.mark.parametrize(("datatype", "text"), [(XSD.integer, "42"), (XSD.anyURI, "https://example.org/")])
def test_a_column_of_another_datatype_keeps_it(datatype: URIRef, text: str) -> None:
    """A datatype the reader has no rule for (an ontology may add one) is written as given."""
    row = Row("extra.csv", 2, "x", SKG.Claim, {"extra": text})
    column = Column("extra", SKG.note, datatype=datatype)
    triples = list(_cell_triples(ID.x, column, row.cells["extra"], lang=None, onto=ONTO, index=INDEX))
    assert triples == [(ID.x, SKG.note, Literal(text, datatype=datatype))]
    assert isinstance(triples[0][2], Literal)
    assert str(triples[0][2]) == text
