"""The OpenSanctions / FollowTheMoney importer: mapping, entity resolution, bad input, the CLI, and
the import queried and searched together with the curated graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from graph import Build, open_store, query_frame
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known, known_from
from graph.importers.ftm.run import import_ftm
from graph.model.shacl import shape_problems
from graph.sparql.store import load_store, open_store_dir
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import ID, SKG, cli, select

FIXTURES = ALL_FIXTURES / "ftm"
GOOD = FIXTURES / "good.jsonl"
WIKIDATA = "http://www.wikidata.org/entity/"

# Each bad fixture: its one problem as (line, property, kind), and a label of a good line.
BAD = {
    "truncated": (3, None, "bad-json", "Test Beta Ltd"),
    "unknown-schema": (2, "schema", "unknown-schema", "Test Alpha Ltd"),
    "missing-id": (2, "id", "missing-id", "Test Alpha Ltd"),
    "bad-date": (3, "startDate", "bad-date", "Test Beta Ltd"),
    "unknown-country": (2, "country", "unknown-country", "Test Alpha Ltd"),
    "bad-number": (3, "percentage", "bad-number", "Test Beta Ltd"),
    "dangling": (2, "entity", "dangling-reference", "Test Alpha Ltd"),
}


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    out: Path
    store: ox.Store
    progress: list[int]


@pytest.fixture(scope="module")
def known(curated: Build) -> Known:
    return known_from(open_store(curated))


@pytest.fixture(scope="module")
def imported(known: Known, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    out = tmp_path_factory.mktemp("ftm") / "good.nt"
    progress: list[int] = []
    report = import_ftm(GOOD, out, known=known, progress=progress.append)
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    return Imported(report, out, store, progress)


def ask(store: ox.Store, query: str, **bindings: str) -> bool:
    return bool(select(store, f"SELECT * WHERE {{ {query} }}", **bindings))


def test_the_good_fixture_imports_every_mapped_line(imported: Imported) -> None:
    report = imported.report
    assert (report.read, report.skipped) == (11, [])  # the blank line is not a record
    # Mapped: 3 companies (one resolved to Xiaomi), 2 government bodies, 1 person, 4 measures;
    # minted: Germany, the governments of Germany and Ukraine.
    assert report.entities == 13
    # 3 headquarteredIn, 4 sanctions, 4 issuedBy, 1 owns, 2 governs.
    assert report.relations == 14
    assert (report.left_out, report.outside) == ({}, {})
    assert report.written == len(imported.store) == len(imported.out.read_text().splitlines())
    assert imported.progress == [11]


def test_the_us_sanction_lands_on_the_curated_entities_with_its_claim(imported: Imported) -> None:
    [row] = select(
        imported.store,
        """SELECT * WHERE {
             ?us skg:sanctions ?xiaomi .
             ?claim a skg:Claim ; rdf:subject ?us ; rdf:predicate skg:sanctions ; rdf:object ?xiaomi ;
                    skg:status skg:Active ; skg:measure ?measure ; skg:program ?program ;
                    skg:startDate ?start ; skg:startPrecision ?precision ; skg:source ?source ;
                    skg:firstSeen ?first ; skg:lastSeen ?last ; skg:reason ?reason ;
                    skg:record "trade-csl-test-0001" .
             FILTER NOT EXISTS { ?claim skg:endDate ?end }
           }""",
        us="us-government",
        xiaomi="xiaomi",
    )
    assert row["claim"] == ID + "ftm-claim-trade-csl-test-0001-sanctions"
    assert (row["program"], row["start"], row["precision"]) == ("US-BIS-EL", "2023-11-01", SKG + "Month")
    assert row["source"] == ID + "ftm-dataset-test_trade_csl"
    assert (row["first"], row["last"]) == ("2023-11-03T12:00:00", "2024-02-01T08:30:00")
    assert row["reason"] == "Test fixture: invented listing reason"
    [measure] = select(
        imported.store,
        """SELECT * WHERE {
             ?measure a skg:SanctionsMeasure ; rdfs:label ?label ; skg:reference ?reference ;
                      skg:source ?source ; skg:issuedBy ?us .
             ?c rdf:subject ?measure ; rdf:predicate skg:issuedBy ; rdf:object ?us ; skg:source ?source .
           }""",
        measure=row["measure"],
        us="us-government",
    )
    assert measure["label"] == "Entity List (EL) - Bureau of Industry and Security"
    assert measure["reference"] == "88 FR 76128"
    [dataset] = select(
        imported.store,
        "SELECT * WHERE { ?d a skg:Source ; rdfs:label ?label ; skg:publisher ?publisher }",
        d=row["source"],
    )
    assert dataset["publisher"] == "OpenSanctions"


def test_a_wikidata_id_the_graph_knows_resolves_to_the_curated_entity(imported: Imported) -> None:
    store = imported.store
    assert ask(store, "?x owl:sameAs ?q ; skg:record 'NK-test-xiaomi' .", x="xiaomi", q=WIKIDATA + "Q1636958")
    assert ask(store, "?x skg:headquarteredIn ?cn .", x="xiaomi", cn="china")
    # The curated entity keeps its own class and label: the import adds neither.
    assert not ask(store, "?x a ?class .", x="xiaomi")
    assert not ask(store, "?x rdfs:label ?label .", x="xiaomi")
    assert not ask(store, "?x ?p ?o .", x="ftm-NK-test-xiaomi")


def test_the_ownership_carries_its_share_and_dates(imported: Imported) -> None:
    [row] = select(
        imported.store,
        """SELECT * WHERE {
             ?owner skg:owns ?asset .
             ?claim rdf:subject ?owner ; rdf:predicate skg:owns ; rdf:object ?asset ; skg:share ?share ;
                    skg:startDate ?start ; skg:startPrecision ?precision ; skg:source ?source .
           }""",
        owner="ftm-NK-test-holding",
        asset="ftm-NK-test-parts",
    )
    assert (row["share"], row["start"], row["precision"]) == ("51.5", "2020-01-01", SKG + "Year")
    assert ask(imported.store, "?c skg:shareStatedAs '51.5' .", c=row["claim"])
    assert not ask(imported.store, "?c skg:shareMinimum|skg:shareMaximum ?bound .", c=row["claim"])
    share = next(iter(imported.store.quads_for_pattern(None, ox.NamedNode(SKG + "share"), None)))
    assert isinstance(share.object, ox.Literal)
    assert share.object.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def test_a_country_the_graph_lacks_is_minted_once_with_its_government(imported: Imported) -> None:
    store = imported.store
    assert ask(store, "?de a skg:Country ; rdfs:label 'Germany'@en ; skos:notation 'DE' .", de="country-de")
    assert ask(store, "?co skg:headquarteredIn ?de .", co="ftm-NK-test-holding", de="country-de")
    assert ask(store, "?g a skg:Government ; rdfs:label 'Government of Germany'@en .", g="ftm-government-de")
    assert ask(
        store,
        "?g skg:governs ?de . [] rdf:subject ?g ; rdf:predicate skg:governs ; rdf:object ?de ;"
        " skg:source [] .",
        g="ftm-government-de",
        de="country-de",
    )
    assert ask(store, "?g skg:sanctions ?parts .", g="ftm-government-de", parts="ftm-NK-test-parts")
    # Germany (a company's and a sanction's country) is written once; so is each dataset.
    country = ox.NamedNode(ID + "country-de")
    assert len(list(store.quads_for_pattern(country, None, None))) == 3
    assert len(select(store, "SELECT ?s WHERE { ?s a skg:Source }")) == 2
    # A curated country without a government gets a minted one that governs the curated country.
    ua = {"g": "ftm-government-ua", "ua": "ukraine", "co": "ftm-NK-test-holding"}
    assert ask(store, "?g skg:governs ?ua ; skg:sanctions ?co .", **ua)
    [start] = select(
        store, "SELECT * WHERE { ?c skg:startDate ?d }", c="ftm-claim-test-sanction-ua-sanctions"
    )
    assert start["d"] == "2022-04-15"  # the earliest listing date, when there is no startDate


def test_public_bodies_and_gov_topics_are_governments_and_a_person_is_a_person(imported: Imported) -> None:
    store = imported.store
    assert ask(store, "?m a skg:Government .", m="ftm-NK-test-ministry")
    assert ask(store, "?m a skg:Government .", m="ftm-NK-test-cabinet")
    assert ask(store, "?m a skg:Company .", m="ftm-NK-test-parts")  # an Organization without gov topics
    assert not ask(store, "?m skg:headquarteredIn ?c .", m="ftm-NK-test-ministry")
    # A Person and the sanction on it were left out silently before; both are imported now.
    assert ask(
        store,
        "?p a skg:Person ; rdfs:label 'Test Person'@en ; skg:record 'NK-test-person' .",
        p="ftm-NK-test-person",
    )
    assert not ask(store, "?p skg:headquarteredIn ?c .", p="ftm-NK-test-person")
    assert ask(
        store,
        "?us skg:sanctions ?p . ?c rdf:subject ?us ; rdf:predicate skg:sanctions ; rdf:object ?p ;"
        " skg:record 'test-sanction-person' ; skg:program 'Test program' .",
        us="us-government",
        p="ftm-NK-test-person",
    )


def test_the_import_with_the_curated_graph_has_no_shape_violations(
    curated: Build, imported: Imported
) -> None:
    graph = Graph()
    for triple in curated.graph:
        graph.add(triple)
    graph.parse(imported.out, format="nt")
    assert list(shape_problems(graph, curated.ontology, {}, {})) == []


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_line_is_located_and_nothing_is_written(name: str, known: Known, tmp_path: Path) -> None:
    line, column, kind, _ = BAD[name]
    source = FIXTURES / f"{name}.jsonl"
    with pytest.raises(InputError) as caught:
        import_ftm(source, tmp_path / "new.nt", known=known)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column, problem.kind) == (str(source), line, column, kind)
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file left
    before = tmp_path / "before.nt"
    before.write_bytes(b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    with pytest.raises(InputError):
        import_ftm(source, before, known=known)
    assert before.read_bytes().startswith(b"<http://example.org/a>")
    assert list(tmp_path.iterdir()) == [before]


@pytest.mark.parametrize("name", sorted(BAD))
def test_skip_bad_imports_the_good_lines_and_lists_the_problem(
    name: str, known: Known, tmp_path: Path
) -> None:
    line, column, kind, good_label = BAD[name]
    report = import_ftm(FIXTURES / f"{name}.jsonl", tmp_path / "out.nt", known=known, skip_bad=True)
    assert [(p.row, p.column, p.kind) for p in report.skipped] == [(line, column, kind)]
    text = (tmp_path / "out.nt").read_text(encoding="utf-8")
    assert f'"{good_label}"@en' in text
    assert report.written == len(text.splitlines())


def test_a_reference_to_a_skipped_line_is_reported_too(known: Known, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id":"NK-test-a","schema":"Company","properties":{"name":["A"],"country":["qq"]}}\n'
        '{"id":"test-own","schema":"Ownership","properties":{"owner":["NK-test-a"],"asset":["NK-test-a"]}}\n',
        encoding="utf-8",
    )
    report = import_ftm(source, tmp_path / "out.nt", known=known, skip_bad=True)
    assert [(p.row, p.column, p.kind) for p in report.skipped] == [
        (1, "country", "unknown-country"),
        (2, "owner", "dangling-reference"),
    ]
    assert report.relations == 0


ALPHA = '{"id":"NK-test-a","schema":"Company","properties":{"name":["A"]}}'


@pytest.mark.parametrize(
    ("line", "column", "kind"),
    [
        (
            '{"id":"s","schema":"Sanction","properties":{"entity":["NK-test-a"]}}',
            "country",
            "missing-country",
        ),
        (
            '{"id":"c","schema":"Company","properties":{"wikidataId":["1636958"]}}',
            "wikidataId",
            "bad-wikidata-id",
        ),
        (
            '{"id":"s","schema":"Sanction","properties":{"entity":["NK-test-a"],"country":["us"],'
            '"startDate":["2023-05-02"],"endDate":["2023-05"]}}',
            "endDate",
            "bad-date",
        ),
        (
            '{"id":"c","schema":"Company","properties":{"name":["C"]},"first_seen":"last week"}',
            "first_seen",
            "bad-date",
        ),
        ('{"id":"c","schema":"Company","properties":{"name":"C"}}', "name", "bad-json"),
        ('{"id":"c","schema":"Company","caption":["C"],"properties":{}}', "caption", "bad-json"),
        (
            '{"id":"o","schema":"Ownership","properties":{"owner":["NK-test-a"],"asset":["NK-test-a"],'
            '"percentage":["150"]}}',
            "percentage",
            "bad-number",
        ),
        (
            '{"id":"o","schema":"Ownership","properties":{"owner":["NK-test-a"],"asset":["NK-test-a"],'
            '"percentage":["50-25"]}}',
            "percentage",
            "bad-number",
        ),
        ('{"id":"s","schema":"Sanction","properties":{"country":["us"]}}', "entity", "missing-reference"),
        (
            '{"id":"d","schema":"Directorship","properties":{"director":["NK-test-a"]}}',
            "organization",
            "missing-reference",
        ),
        (
            '{"id":"f","schema":"Family","properties":{"person":["NK-test-a"],"relative":["NK-elsewhere"]}}',
            "relative",
            "dangling-reference",
        ),
        (
            '{"id":"p","schema":"Passport","properties":{"holder":["NK-elsewhere"],"number":["X1"]}}',
            "holder",
            "dangling-reference",
        ),
        ('{"id":"p","schema":"Person","properties":{"birthDate":["the 1960s"]}}', "birthDate", "bad-date"),
        ('{"id":"c","schema":"Company","properties":{},"datasets":"ds"}', "datasets", "bad-json"),
        ("[1, 2]", None, "bad-json"),
    ],
)
def test_other_bad_lines_are_located(
    line: str, column: str | None, kind: str, known: Known, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f"{ALPHA}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_ftm(source, tmp_path / "out.nt", known=known)
    assert [(p.row, p.column, p.kind) for p in caught.value.problems] == [(2, column, kind)]


def test_a_missing_file_is_a_located_problem(known: Known, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        import_ftm(tmp_path / "nope.jsonl", tmp_path / "out.nt", known=known)
    assert caught.value.problems == (
        Problem(str(tmp_path / "nope.jsonl"), None, None, "missing-file", "no such file"),
    )


def test_the_cli_imports_and_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "ftm.nt"
    done = cli("import", "ftm", str(GOOD), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "read 11 records: 13 entities, 14 relations" in done.stdout
    assert "skipped:" not in done.stdout  # every record of the file is imported
    assert out.is_file()


def test_the_cli_reports_a_bad_line_without_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "ftm.nt"
    source = FIXTURES / "bad-number.jsonl"
    done = cli("import", "ftm", str(source), "--out", str(out))
    assert done.returncode == 1
    assert f'{source}, row 3, column "percentage": bad-number:' in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not out.exists()
    skipped = cli("import", "ftm", str(source), "--out", str(out), "--skip-bad")
    assert skipped.returncode == 0
    assert "skipped:" in skipped.stderr
    assert "1 skipped" in skipped.stdout


def test_the_import_answers_questions_and_extends_chains_with_the_curated_graph(
    build_dir: Path, imported: Imported, tmp_path: Path
) -> None:
    load_store([build_dir / "sanctions-kg.nt", imported.out], tmp_path / "store")
    store = open_store_dir(tmp_path / "store")
    frame = query_frame(store, "claims-about", {"entity": "xiaomi"})
    mine = frame[frame["claim"] == ID + "ftm-claim-trade-csl-test-0001-sanctions"]
    assert mine[["subject", "relation", "source"]].to_dict("records") == [
        {
            "subject": ID + "us-government",
            "relation": SKG + "sanctions",
            "source": ID + "ftm-dataset-test_trade_csl",
        }
    ]
    sanctions = query_frame(store, "sanctions")
    assert ((sanctions["target"] == ID + "xiaomi") & (sanctions["sanctioner"] == ID + "us-government")).any()
    G = project(store)
    us, russia = ID + "us-government", ID + "russia"
    chains = list(pressure_chains(G, us, russia, pattern="sanctions exportsTo"))
    [chain] = [c for c in chains if c.nodes == (us, ID + "xiaomi", russia)]
    first = chain.hops[0]
    assert first.relation == "sanctions"
    assert "ftm-claim-trade-csl-test-0001-sanctions" in {c.id for c in first.claims}
    assert "ftm-dataset-test_trade_csl" in first.sources
