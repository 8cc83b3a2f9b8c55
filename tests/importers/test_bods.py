"""The BODS 0.4 import: the canonical fixtures of ``bods-v04-fixtures`` and the published examples
of the standard (tests/fixtures/bods/) go through whole, every statement imported or counted
with why; stakes keep their share as stated; bad statements are located."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from bods_fixtures import list_cases, load
from rdflib import Graph

from graph import Build
from graph.errors import InputError
from graph.importers.bods.run import import_bods
from graph.importers.common import ImportReport, Known
from graph.model.shacl import shape_problems
from tests.conftest import FIXTURES, ID, cli, select

EXAMPLES = sorted((FIXTURES / "bods").glob("*.json"))


def _imported(statements: Any, tmp_path: Path, name: str = "in.json") -> tuple[ImportReport, ox.Store, Path]:
    source = tmp_path / name
    source.write_text(json.dumps(statements), encoding="utf-8")
    return _run(source, tmp_path)


def _run(source: Path, tmp_path: Path) -> tuple[ImportReport, ox.Store, Path]:
    out = tmp_path / "out.nt"
    report = import_bods(source, out, known=Known())
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    return report, store, out


def _accounted(report: ImportReport, statements: list[dict[str, Any]]) -> None:
    """Every statement is a record imported or a superseded one; every interest a claim or left out."""
    records = {s["recordId"]: s for s in statements}
    superseded = report.left_out.get(("statement", "superseded by a later statement of its record"), 0)
    assert report.read == len(statements) == len(records) + superseded
    people_and_entities = sum(1 for s in records.values() if s["recordType"] != "relationship")
    assert report.entities == people_and_entities
    latest: dict[str, dict[str, Any]] = {}
    for s in statements:  # the fixtures date their statements in order
        latest[s["recordId"]] = s
    interests = sum(
        max(1, len(s["recordDetails"].get("interests") or []))
        if isinstance(s["recordDetails"].get("interestedParty"), dict)
        else len(s["recordDetails"].get("interests") or [])
        for s in latest.values()
        if s["recordType"] == "relationship"
    )
    left = sum(n for (what, _), n in report.left_out.items() if what != "statement")
    assert report.relations + left == interests


@pytest.mark.parametrize("case", list_cases())
def test_every_canonical_fixture_goes_through_whole(case: str, tmp_path: Path) -> None:
    fixture = load(case)
    report, _, _ = _imported(fixture.statements, tmp_path)
    assert report.skipped == []
    _accounted(report, fixture.statements)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_published_example_goes_through_whole(path: Path, tmp_path: Path) -> None:
    report, _, _ = _run(path, tmp_path)
    assert report.skipped == []
    _accounted(report, json.loads(path.read_text(encoding="utf-8")))


def test_direct_ownership_keeps_both_interests_with_share_and_start(tmp_path: Path) -> None:
    _, store, _ = _imported(load("core/01-direct-ownership").statements, tmp_path)
    rows = select(
        store,
        """SELECT ?relation ?type ?share ?start ?label WHERE {
            ?c a skg:Claim ; rdf:subject ?s ; rdf:predicate ?relation ; rdf:object ?o ;
               skg:interestType ?type ; skg:share ?share ; skg:startDate ?start .
            ?s rdfs:label ?label } ORDER BY ?type""",
    )
    assert [(r["relation"].rsplit("#")[1], r["type"], r["share"], r["start"], r["label"]) for r in rows] == [
        ("owns", "shareholding", "75", "2010-01-01", "Jane Smith"),
        ("controls", "votingRights", "75", "2010-01-01", "Jane Smith"),
    ]


def test_a_share_range_keeps_its_bounds_exclusive_or_not_and_its_words(tmp_path: Path) -> None:
    _, store, _ = _run(FIXTURES / "bods" / "pep_share_range_voting.json", tmp_path)
    [row] = select(
        store,
        """SELECT ?low ?lowOpen ?high ?highOpen ?stated WHERE {
            ?c skg:interestType "shareholding" ; skg:shareMinimum ?low ; skg:shareMinimumExclusive ?lowOpen ;
               skg:shareMaximum ?high ; skg:shareMaximumExclusive ?highOpen ; skg:shareStatedAs ?stated }""",
    )
    assert (row["low"], row["lowOpen"], row["high"], row["highOpen"]) == ("25", "false", "50", "true")
    assert json.loads(row["stated"]) == {"minimum": 25, "exclusiveMaximum": 50}


def test_updates_keep_the_latest_statement_and_closed_interests_end(tmp_path: Path) -> None:
    source = FIXTURES / "bods" / "fermcat_updates_enddate.json"
    statements = json.loads(source.read_text(encoding="utf-8"))
    report, store, _ = _run(source, tmp_path)
    assert report.left_out[("statement", "superseded by a later statement of its record")] == 16
    ends = select(store, "SELECT ?c ?end WHERE { ?c a skg:Claim ; skg:endDate ?end }")
    closed = [
        i
        for s in statements
        for i in s["recordDetails"].get("interests") or []
        if i.get("endDate") and s is [t for t in statements if t["recordId"] == s["recordId"]][-1]
    ]
    assert sorted(r["end"] for r in ends) == sorted(i["endDate"][:10] for i in closed)


def test_an_indirect_chain_is_read_from_its_components_not_counted_twice(tmp_path: Path) -> None:
    report, store, _ = _run(FIXTURES / "bods" / "indirect_ownership_chain.json", tmp_path)
    assert report.left_out == {
        ("indirect interest", "its chain is imported from its component records"): 1,
        ("interest of no type", "not modelled"): 1,
    }
    [row] = select(
        store, "SELECT ?s ?o ?share WHERE { ?c rdf:subject ?s ; rdf:object ?o ; skg:share ?share }"
    )
    assert (row["s"], row["o"], row["share"]) == (ID + "bods-d4ab89ea169a", ID + "bods-ad3f6c2fcc9e", "60")


def test_the_output_has_no_shape_violations_beside_the_curated_graph(curated: Build, tmp_path: Path) -> None:
    graph = Graph()
    for triple in curated.graph:
        graph.add(triple)
    for path in EXAMPLES:
        _, _, out = _run(path, tmp_path)
        graph.parse(out, format="nt")
    assert list(shape_problems(graph, curated.ontology, {}, {})) == []


def _statement(**details: Any) -> dict[str, Any]:
    base = load("core/01-direct-ownership").statements[2]
    return {**base, "recordDetails": {**base["recordDetails"], **details}}


@pytest.mark.parametrize(
    ("share", "column"),
    [
        ({"exact": "fifty"}, "recordDetails.interests[1].share.exact"),
        ({"exact": 150}, "recordDetails.interests[1].share.exact"),
        ({"minimum": 60, "maximum": 40}, "recordDetails.interests[1].share"),
        ({"minimum": 10, "exclusiveMinimum": 10}, "recordDetails.interests[1].share.exclusiveMinimum"),
    ],
)
def test_a_share_that_cannot_be_read_names_file_statement_and_field(
    share: dict[str, Any], column: str, tmp_path: Path
) -> None:
    statements = load("core/01-direct-ownership").statements
    bad = _statement(interests=[{"type": "shareholding", "share": share}])
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([*statements[:2], bad]), encoding="utf-8")
    out = tmp_path / "out.nt"
    with pytest.raises(InputError) as raised:
        import_bods(source, out, known=Known())
    assert [(p.row, p.column, p.kind) for p in raised.value.problems] == [(3, column, "bad-number")]
    assert not out.exists()  # nothing half-written


def test_bad_statements_are_skipped_on_request_and_the_rest_imported(tmp_path: Path) -> None:
    statements = load("core/01-direct-ownership").statements
    bad = {**statements[1], "recordType": "persona"}
    source = tmp_path / "bad.json"
    source.write_text(json.dumps([statements[0], bad]), encoding="utf-8")
    report = import_bods(source, tmp_path / "out.nt", known=Known(), skip_bad=True)
    assert [(p.row, p.column, p.kind) for p in report.skipped] == [(2, "recordType", "bad-value")]
    assert report.entities == 1


def test_the_command_imports_and_a_broken_file_is_a_located_error(tmp_path: Path) -> None:
    out = tmp_path / "out.nt"
    done = cli("import", "bods", str(FIXTURES / "bods" / "indirect_ownership_chain.json"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "read 6 records: 3 entities, 1 relations" in done.stdout
    assert "indirect interest 1 (its chain is imported from its component records)" in done.stdout
    broken = tmp_path / "broken.json"
    broken.write_text('[{"statementId": "s1",\n  "recordId": ]', encoding="utf-8")
    done = cli("import", "bods", str(broken), "--out", str(tmp_path / "x.nt"))
    assert done.returncode == 1
    assert "broken.json, row 2: bad-json" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.nt").exists()
