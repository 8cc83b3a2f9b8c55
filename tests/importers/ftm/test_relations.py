"""The records that relate entities: a stake's share as stated, a relation's role or kind, an
identity document's number on its holder."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.importers.common import Known
from graph.importers.ftm.run import import_ftm
from tests.conftest import ID, select

XSD = "http://www.w3.org/2001/XMLSchema#"
PEOPLE = [
    {"id": "p-1", "schema": "Person", "properties": {"name": ["Test Person One"]}},
    {"id": "p-2", "schema": "Person", "properties": {"name": ["Test Person Two"]}},
    {"id": "c-1", "schema": "Company", "properties": {"name": ["Test Company"]}},
]


def imported(tmp_path: Path, *lines: dict[str, object]) -> ox.Store:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in [*PEOPLE, *lines]), encoding="utf-8")
    import_ftm(source, tmp_path / "out.nt", known=Known())
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "out.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def terms(store: ox.Store, claim: str) -> dict[str, tuple[str, str]]:
    """The claim's share terms: local name -> (value, datatype)."""
    found = {}
    for quad in store.quads_for_pattern(ox.NamedNode(claim), None, None):
        name = quad.predicate.value.rsplit("#", 1)[-1]
        if name.startswith("share") and isinstance(quad.object, ox.Literal):
            found[name] = (quad.object.value, quad.object.datatype.value.removeprefix(XSD))
    return found


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("50.01", {"share": ("50.01", "decimal")}),
        (
            "25-50",
            {
                "shareMinimum": ("25", "decimal"),
                "shareMinimumExclusive": ("false", "boolean"),
                "shareMaximum": ("50", "decimal"),
                "shareMaximumExclusive": ("false", "boolean"),
            },
        ),
        (">25", {"shareMinimum": ("25", "decimal"), "shareMinimumExclusive": ("true", "boolean")}),
        ("more than 50%", {"shareMinimum": ("50", "decimal"), "shareMinimumExclusive": ("true", "boolean")}),
        ("<10", {"shareMaximum": ("10", "decimal"), "shareMaximumExclusive": ("true", "boolean")}),
    ],
)
def test_a_stake_keeps_its_share_as_stated(
    stated: str, expected: dict[str, tuple[str, str]], tmp_path: Path
) -> None:
    stake = {"owner": ["p-1"], "asset": ["c-1"], "percentage": [stated], "startDate": ["1965"]}
    store = imported(tmp_path, {"id": "o-1", "schema": "Ownership", "properties": stake})
    claim = "https://w3id.org/sanctions-kg/id/ftm-claim-o-1-owns"
    assert terms(store, claim) == {**expected, "shareStatedAs": (stated, "string")}
    [row] = select(store, "SELECT * WHERE { ?c skg:startDate ?start ; skg:startPrecision ?p }", c=claim)
    assert (row["start"], row["p"]) == ("1965-01-01", "https://w3id.org/sanctions-kg/ontology#Year")


def test_relations_without_their_words_take_the_kind_of_their_record(tmp_path: Path) -> None:
    store = imported(
        tmp_path,
        {"id": "f-1", "schema": "Family", "properties": {"person": ["p-1"], "relative": ["p-2"]}},
        {"id": "a-1", "schema": "Associate", "properties": {"person": ["p-1"], "associate": ["p-2"]}},
        {"id": "a-2", "schema": "Associate", "properties": {"person": ["p-2"], "associate": ["p-1"],
                                                            "relationship": ["business partner"]}},
        {"id": "d-1", "schema": "Directorship", "properties": {"director": ["c-1"], "organization": ["c-1"]}},
    )  # fmt: skip
    rows = select(store, "SELECT ?c ?kind WHERE { ?c skg:kind ?kind }")
    claims = ((r["c"].removeprefix(ID + "ftm-claim-").removesuffix("-relatedTo"), r["kind"]) for r in rows)
    assert sorted(claims) == [
        ("a-1", "associate"), ("a-2", "business partner"), ("f-1", "family"),
    ]  # fmt: skip
    # A company can direct a company; a directorship that names no role has none.
    assert select(
        store, "SELECT * WHERE { ?c ?p ?c }", c="ftm-c-1", p="https://w3id.org/sanctions-kg/ontology#directs"
    )
    assert not select(store, "SELECT * WHERE { ?c skg:role ?role }")


def test_a_passport_number_is_an_identifier_of_its_holder(tmp_path: Path) -> None:
    passport = {"holder": ["p-1"], "number": ["TEST-0001"], "passportNumber": ["TEST-0001"]}
    identification = {"holder": ["p-2"], "number": ["ID-0002"], "type": ["national id"]}
    store = imported(
        tmp_path,
        {"id": "pp-1", "schema": "Passport", "properties": passport},
        {"id": "id-1", "schema": "Identification", "properties": identification},
    )
    rows = select(store, "SELECT ?p ?n WHERE { ?p skg:passportNumber|skg:idNumber ?n }")
    assert sorted((r["p"].rsplit("-", 1)[-1], r["n"]) for r in rows) == [("1", "TEST-0001"), ("2", "ID-0002")]
