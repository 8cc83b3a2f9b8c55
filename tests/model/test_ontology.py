"""The ontology holds the public contract: the names users' queries rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import URIRef

from graph import SKG, OntologyError, default_ontology_dir, load_ontology
from graph.model.ontology import individuals, is_subclass, precision_property, relations

ONTO = load_ontology(default_ontology_dir())
CLASSES = [
    "Government",
    "Country",
    "Company",
    "OEM",
    "ChipSupplier",
    "ProductCategory",
    "SanctionsMeasure",
    "TradeObservation",
    "Source",
    "Claim",
    "Person",
]
RELATIONS = [
    "supplies",
    "sanctions",
    "pressures",
    "exportsTo",
    "headquarteredIn",
    "governs",
    "issuedBy",
    "partOf",
    "owns",
    "directs",
    "relatedTo",
]


@pytest.mark.parametrize("name", CLASSES)
def test_contract_classes_exist(name: str) -> None:
    assert (SKG[name], RDF.type, OWL.Class) in ONTO.graph
    assert ONTO.graph.value(SKG[name], RDFS.label) is not None
    assert ONTO.graph.value(SKG[name], SKOS.definition) is not None


def test_device_makers_and_chip_suppliers_are_companies() -> None:
    assert is_subclass(ONTO, SKG.OEM, SKG.Company)
    assert is_subclass(ONTO, SKG.ChipSupplier, SKG.Company)


@pytest.mark.parametrize("name", RELATIONS)
def test_contract_relations_have_domain_range_label_definition(name: str) -> None:
    info = relations(ONTO)[name]
    assert info.iri == SKG[name]
    assert ONTO.graph.value(info.iri, RDFS.label) is not None
    assert ONTO.graph.value(info.iri, SKOS.definition) is not None
    assert (info.iri, RDF.type, OWL.ObjectProperty) in ONTO.graph


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (SKG.Status, {"Active", "Reduced", "Halted", "Threatened"}),
        (SKG.Stance, {"TowardsCompliance", "TowardsResistance"}),
        (SKG.Bound, {"MoreThan", "Almost", "About", "Exactly"}),
    ],
)
def test_controlled_values(cls: URIRef, values: set[str]) -> None:
    assert set(individuals(ONTO, cls)) == values


@pytest.mark.parametrize(
    ("prop", "range_"),
    [
        (SKG.startDate, XSD.date),
        (SKG.endDate, XSD.date),
        (SKG.period, XSD.gYearMonth),
        (SKG.basePeriod, XSD.gYearMonth),
        (SKG.changePercent, XSD.decimal),
        (SKG.product, SKG.ProductCategory),
        (SKG.partner, SKG.Country),
        (SKG.reporter, SKG.Country),
        (SKG.source, SKG.Source),
        (SKG.status, SKG.Status),
        (SKG.stance, SKG.Stance),
        (SKG.bound, SKG.Bound),
    ],
)
def test_claim_and_trade_terms_ranges(prop: URIRef, range_: URIRef) -> None:
    assert ONTO.graph.value(prop, RDFS.range) == range_


def test_source_is_a_kind_of_provenance() -> None:
    assert (SKG.source, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ONTO.graph


def test_alignments_to_standard_vocabularies() -> None:
    supers = {
        c: set(ONTO.graph.objects(c, RDFS.subClassOf))
        for c in (SKG.Company, SKG.Country, SKG.ProductCategory)
    }
    assert URIRef("http://www.w3.org/ns/org#FormalOrganization") in supers[SKG.Company]
    assert URIRef("https://schema.org/Country") in supers[SKG.Country]
    assert SKOS.Concept in supers[SKG.ProductCategory]


def test_missing_ontology_file_is_an_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="no such file"):
        load_ontology(tmp_path)


def test_bad_turtle_is_an_ontology_error(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "sanctions.ttl").write_text("@prefix : <x#> .\n:a :b", encoding="utf-8")
    (folder / "shapes.ttl").write_text("", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"sanctions\.ttl"):
        load_ontology(folder)


def test_people_are_actors_aligned_to_schema_org_and_foaf_and_can_be_sanctioned_and_own() -> None:
    assert is_subclass(ONTO, SKG.Person, SKG.Actor)
    supers = set(ONTO.graph.objects(SKG.Person, RDFS.subClassOf))
    assert {URIRef("https://schema.org/Person"), URIRef("http://xmlns.com/foaf/0.1/Person")} <= supers
    found = relations(ONTO)
    for name in ("sanctions", "owns", "directs"):
        assert is_subclass(ONTO, SKG.Person, found[name].range), name
    for name in ("owns", "directs", "relatedTo"):
        assert is_subclass(ONTO, SKG.Person, found[name].domain), name
    assert (found["relatedTo"].domain, found["relatedTo"].range) == (SKG.Person, SKG.Person)


IDENTIFIERS = [
    "innCode",
    "ogrnCode",
    "leiCode",
    "imoNumber",
    "taxNumber",
    "registrationNumber",
    "passportNumber",
]


@pytest.mark.parametrize("name", IDENTIFIERS)
def test_identifiers_are_schema_org_identifiers_named_by_their_scheme(name: str) -> None:
    assert (SKG[name], RDFS.subPropertyOf, URIRef("https://schema.org/identifier")) in ONTO.graph
    assert ONTO.graph.value(SKG[name], RDFS.range) == XSD.string
    assert ONTO.graph.value(SKG[name], SKOS.definition) is not None


@pytest.mark.parametrize(
    ("prop", "range_"),
    [
        (SKG.share, XSD.decimal),
        (SKG.shareMinimum, XSD.decimal),
        (SKG.shareMaximum, XSD.decimal),
        (SKG.shareMinimumExclusive, XSD.boolean),
        (SKG.shareMaximumExclusive, XSD.boolean),
        (SKG.shareStatedAs, XSD.string),
        (SKG.role, XSD.string),
        (SKG.kind, XSD.string),
        (SKG.address, XSD.string),
        (SKG.birthDate, XSD.date),
        (SKG.birthDatePrecision, SKG.DatePrecision),
    ],
)
def test_stake_person_and_role_terms_ranges(prop: URIRef, range_: URIRef) -> None:
    assert ONTO.graph.value(prop, RDFS.range) == range_


def test_a_birth_date_names_its_precision_as_the_start_date_does() -> None:
    assert precision_property(ONTO, SKG.birthDate) == SKG.birthDatePrecision
    assert precision_property(ONTO, SKG.startDate) == SKG.startPrecision
