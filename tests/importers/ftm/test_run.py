"""import_ftm on real published files: every person, stake, sanction, directorship and family tie
of an OpenSanctions export kept, what is left out counted with why, and the report of each."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph

from graph import Build, open_store
from graph.errors import InputError
from graph.importers.common import ImportReport, Known, known_from
from graph.importers.ftm.run import import_ftm
from graph.importers.ftm.schemata import KEPT, NOT_MODELLED, UNREFERENCED
from graph.model.shacl import shape_problems
from tests.conftest import FIXTURES, ID, SKG, cli, select

FTM = FIXTURES / "ftm"
ZALA = FTM / "yente_zala_entities.ftm.json"
T1 = FTM / "yente_t1_eu_fsf_entities.ftm.json"
AUTHORITIES = FTM / "ftmq_eu_authorities_excerpt.ftm.json"
DONATIONS = FTM / "yente_parteispenden_excerpt.ftm.json"
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    out: Path
    store: ox.Store
    details: dict[str, Any]


def run(source: Path, folder: Path, known: Known) -> Imported:
    out, report_file = folder / "out.nt", folder / "report.json"
    report = import_ftm(source, out, known=known, report_file=report_file)
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    return Imported(report, out, store, json.loads(report_file.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def known(curated: Build) -> Known:
    return known_from(open_store(curated))


@pytest.fixture(scope="module")
def zala(known: Known, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return run(ZALA, tmp_path_factory.mktemp("zala"), known)


def count(store: ox.Store, query: str) -> dict[str, int]:
    return {row["key"].removeprefix(SKG): int(row["n"]) for row in select(store, query)}


def one(store: ox.Store, query: str, **bindings: str) -> dict[str, str]:
    [row] = select(store, f"SELECT * WHERE {{ {query} }}", **bindings)
    return row


def test_the_real_export_keeps_every_person_stake_sanction_and_tie(zala: Imported) -> None:
    lines = [json.loads(line) for line in ZALA.read_text(encoding="utf-8").splitlines()]
    assert Counter(line["schema"] for line in lines) == {
        "Sanction": 41, "Ownership": 14, "Company": 11, "Address": 11,
        "Person": 6, "Family": 4, "Directorship": 3, "Passport": 1,
    }  # fmt: skip
    assert (zala.report.read, zala.report.skipped) == (91, [])
    classes = count(zala.store, "SELECT (?c AS ?key) (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c")
    assert {c: classes[c] for c in ("Person", "Company", "SanctionsMeasure")} == {
        "Person": 6, "Company": 11, "SanctionsMeasure": 41,
    }  # fmt: skip
    claims = count(
        zala.store,
        "SELECT (?p AS ?key) (COUNT(?c) AS ?n) WHERE { ?c a skg:Claim ; rdf:predicate ?p } GROUP BY ?p",
    )
    assert {r: claims[r] for r in ("sanctions", "issuedBy", "owns", "directs", "relatedTo")} == {
        "sanctions": 41, "issuedBy": 41, "owns": 14, "directs": 3, "relatedTo": 4,
    }  # fmt: skip
    on_people = "SELECT ?c WHERE { ?c rdf:predicate skg:sanctions ; rdf:object ?p . ?p a skg:Person }"
    assert len(select(zala.store, on_people)) == 13
    owned_by_people = "SELECT ?c WHERE { ?c rdf:predicate skg:owns ; rdf:subject ?p . ?p a skg:Person }"
    assert len(select(zala.store, owned_by_people)) == 11


def test_what_is_left_out_is_counted_by_schema_and_why(zala: Imported) -> None:
    assert zala.report.left_out == {("Address", KEPT): 11, ("Passport", NOT_MODELLED): 1}
    assert zala.report.outside == {"addressEntity": 16}


def test_a_person_keeps_label_birth_date_identifiers_and_addresses(zala: Imported) -> None:
    person = "ftm-NK-aU5ybkbRFJucf8YMwsJvDw"
    row = one(
        zala.store,
        "?p a skg:Person ; rdfs:label ?label ; skg:birthDate ?birth ; skg:innCode ?inn .",
        p=person,
    )
    assert (row["label"], row["birth"], row["inn"]) == (
        "Alexander Vyacheslavovich ZAKHAROV",  # the caption OpenSanctions gave it
        "1965-09-21",
        "183111242406",
    )
    assert not select(zala.store, "SELECT * WHERE { ?p skg:birthDatePrecision ?x }", p=person)
    # Its own two addresses; its Address record's full text is the first of them, not written twice.
    addresses = select(zala.store, "SELECT * WHERE { ?p skg:address ?a }", p=person)
    assert sorted(a["a"] for a in addresses) == [
        "272 Pushkinskaya Street, Apt 41, Izhevsk, 426008",
        "IZHEVSK, 426008",
    ]
    assert (
        sum(
            "ftm-NK-aU5ybkbRFJucf8YMwsJvDw> <" + SKG + "address>" in line
            for line in zala.out.read_text().splitlines()
        )
        == 2
    )
    company = one(zala.store, "?c skg:innCode ?inn ; skg:ogrnCode ?ogrn .", c="ftm-NK-cPks3aTbes8k4aCerfBAzN")
    assert (company["inn"], company["ogrn"]) == ("9715478507", "1247700258651")


def test_stakes_keep_their_share_dates_and_role(zala: Imported) -> None:
    stake = one(
        zala.store,
        "?c rdf:subject ?owner ; rdf:predicate skg:owns ; rdf:object ?asset ; skg:share ?share ;"
        " skg:shareStatedAs ?stated ; skg:startDate ?start ; skg:endDate ?end .",
        c="ftm-claim-ru-770bdf5f22537fa2a94176f53fa87fe28ecf94fa-owns",
    )
    assert stake["owner"] == ID + "ftm-NK-aU5ybkbRFJucf8YMwsJvDw"
    assert stake["asset"] == ID + "ftm-NK-abdzbEBkqyT29GyREbiURZ"
    assert (stake["share"], stake["stated"], stake["start"], stake["end"]) == (
        "50", "50", "2015-11-25", "2023-03-02",
    )  # fmt: skip
    role = one(zala.store, "?c skg:role ?role .", c="ftm-claim-NK-3NyeuT6JeJDLhGEyH3JD52-owns")
    assert role["role"] == "subsidiary of"
    # A stake the register gives without a percentage has no share, and says nothing of one.
    unsized = "ftm-claim-ru-1099d5efed93ff280a45471ee42a16e6a2960c98-owns"
    assert not select(zala.store, "SELECT * WHERE { ?c skg:share|skg:shareStatedAs ?x }", c=unsized)


def test_directorships_and_family_ties_keep_role_and_kind(zala: Imported) -> None:
    director = one(
        zala.store,
        "?c rdf:subject ?who ; rdf:predicate skg:directs ; rdf:object ?org ; skg:role ?role ;"
        " skg:startDate ?start . ?who skg:directs ?org .",
        c="ftm-claim-ru-a9285fbd0d02aebe28295dd37885191822789ad8-directs",
    )
    assert (director["who"], director["org"]) == (
        ID + "ftm-NK-mCEmxFfuhfdjpC8gsxH74o", ID + "ftm-NK-abdzbEBkqyT29GyREbiURZ",
    )  # fmt: skip
    assert (director["role"], director["start"]) == ("ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", "2017-10-23")
    family = one(
        zala.store,
        "?c rdf:subject ?person ; rdf:predicate skg:relatedTo ; rdf:object ?relative ; skg:kind ?kind .",
        c="ftm-claim-ofac-ca72a3fb3628c63a6357bbbb2664e3f326f51c48-relatedTo",
    )
    assert (family["person"], family["relative"], family["kind"]) == (
        ID + "ftm-NK-2Tbri3s6GgNtAwsSXh4qpL", ID + "ftm-NK-aU5ybkbRFJucf8YMwsJvDw", "Family member of",
    )  # fmt: skip


def test_the_report_lists_each_record_left_out_and_each_outside_reference(zala: Imported) -> None:
    details = zala.details
    assert (details["file"], details["read"]) == (str(ZALA), 91)
    assert details["leftOut"] == [
        {"schema": "Address", "why": KEPT, "records": 11},
        {"schema": "Passport", "why": NOT_MODELLED, "records": 1},
    ]
    records = details["records"]
    assert len(records["leftOut"]) == 12
    assert records["leftOut"][-1] == {
        "line": 45, "id": "gb-fcdo-217caa5aa607244044b49706d04d8d6c5ec992bd", "schema": "Passport",
        "why": NOT_MODELLED,
    }  # fmt: skip
    assert records["bad"] == []
    assert len(records["outside"]) == 16
    assert {r["property"] for r in records["outside"]} == {"addressEntity"}
    assert records["outside"][0] == {
        "line": 1, "id": "NK-2Tbri3s6GgNtAwsSXh4qpL", "schema": "Person", "property": "addressEntity",
        "reference": "addr-bb65387b6e14a1dba2427e79358ba418377b9f28",
    }  # fmt: skip


def test_the_real_export_with_the_curated_graph_has_no_shape_violations(
    curated: Build, zala: Imported
) -> None:
    graph = Graph()
    for triple in curated.graph:
        graph.add(triple)
    graph.parse(zala.out, format="nt")
    assert list(shape_problems(graph, curated.ontology, {}, {})) == []


def test_eu_fsf_people_and_an_address_no_entity_points_at(known: Known, tmp_path: Path) -> None:
    imported = run(T1, tmp_path, known)  # its last line has no newline
    assert (imported.report.read, imported.report.skipped) == (7, [])
    assert imported.report.left_out == {("Address", UNREFERENCED): 1}
    assert imported.report.outside == {"addressEntity": 2}
    people = "SELECT ?p ?birth WHERE { ?p a skg:Person . OPTIONAL { ?p skg:birthDate ?birth } }"
    assert sorted(r.get("birth", "") for r in select(imported.store, people)) == [
        "", "1967-12-19", "1971-01-22", "1971-07-03",
    ]  # fmt: skip
    assert len(select(imported.store, "SELECT ?o WHERE { ?o a skg:Company }")) == 2


def test_public_bodies_without_caption_or_dates_are_governments(known: Known, tmp_path: Path) -> None:
    imported = run(AUTHORITIES, tmp_path, known)
    assert (imported.report.read, imported.report.entities, imported.report.left_out) == (5, 5, {})
    row = one(imported.store, "?b a skg:Government ; rdfs:label ?label .", b="ftm-eu-authorities-a29wp")
    assert row["label"] == "Article 29 Working Party"


def test_addresses_kept_from_address_records_and_payments_counted(known: Known, tmp_path: Path) -> None:
    imported = run(DONATIONS, tmp_path, known)
    assert imported.report.left_out == {("Payment", NOT_MODELLED): 8, ("Address", KEPT): 6}
    assert imported.report.outside == {"addressEntity": 3}
    row = one(
        imported.store,
        "?p a skg:Person ; rdfs:label ?label ; skg:address ?address .",
        p="ftm-f9c295f21b233ac878fbac4d271bb6fd13d7952a",
    )
    assert (row["label"], row["address"]) == ("Frau Lina Dachner", "Schillerstraße 19, 76135 Karlsruhe")
    # An Address with two spellings of its full text gives its entity both.
    both = "SELECT * WHERE { ?o skg:address ?a }"
    assert len(select(imported.store, both, o="ftm-62ad0fe6f56dbbf6fee57ce3da76e88c437024d5")) == 2
    # No datasets: the claims' source is the file.
    [source] = select(imported.store, "SELECT DISTINCT ?s WHERE { ?c skg:source ?s }")
    assert source["s"] == ID + "ftm-dataset-" + DONATIONS.name


def test_the_cli_ends_its_summary_with_what_it_left_out_and_writes_the_report(tmp_path: Path) -> None:
    out, report = tmp_path / "zala.nt", tmp_path / "report.json"
    done = cli("import", "ftm", str(ZALA), "--out", str(out), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == [
        "skipped: Address 11 (kept as properties of their entity), Passport 1 (not modelled)",
        "references to ids outside the file: 16 (addressEntity 16)",
    ]
    assert json.loads(report.read_text(encoding="utf-8"))["read"] == 91
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "zala.nt"]


def test_a_failing_import_writes_no_report(known: Known, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id":"o","schema":"Ownership","properties":{"owner":["x"],"asset":["x"]}}\n')
    with pytest.raises(InputError) as caught:
        import_ftm(source, tmp_path / "out.nt", known=known, report_file=tmp_path / "report.json")
    assert [(p.row, p.column, p.kind) for p in caught.value.problems] == [(1, "owner", "dangling-reference")]
    assert [p.name for p in tmp_path.iterdir()] == ["in.jsonl"]


def test_with_skip_bad_the_report_lists_the_bad_lines(known: Known, tmp_path: Path) -> None:
    source = FTM / "bad-number.jsonl"
    report = import_ftm(
        source, tmp_path / "out.nt", known=known, skip_bad=True, report_file=tmp_path / "r.json"
    )
    assert [(p.row, p.column, p.kind) for p in report.skipped] == [(3, "percentage", "bad-number")]
    bad = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["records"]["bad"]
    assert [(b["line"], b["property"], b["kind"]) for b in bad] == [(3, "percentage", "bad-number")]
    assert "'fifty' is not a percentage" in bad[0]["message"]
