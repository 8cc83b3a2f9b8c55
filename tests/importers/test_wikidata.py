"""``link_wikidata``: items of a local Wikidata file matched to the graph's entities by name
and country, with the graph's own links confirmed, new ones proposed, and conflicts shown.

``items.json`` is in the shape of the dump (an array). Real items: Xiaomi (Q1636958, which
the curated graph links), Lenovo (Q14799, which it does not), Russia (Q159), Douglas Adams
(Q42, matching nothing). Items numbered Q9990000xx are invented for the test: a second
"Xiaomi Inc.", a government item whose country disagrees, a disambiguation page named
"Lenovo", and two items named "DJI".
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from graph import Build
from graph.errors import InputError
from graph.importers.common import Known, known_from
from graph.importers.wikidata.match import Link
from graph.importers.wikidata.run import link_wikidata, write_links
from graph.model.shacl import shape_problems
from tests.conftest import FIXTURES as ALL_FIXTURES
from tests.conftest import ID, cli

FIXTURES = ALL_FIXTURES / "wikidata"
ITEMS = FIXTURES / "items.json"


@pytest.fixture(scope="module")
def known(store: ox.Store) -> Known:
    return known_from(store)


@pytest.fixture(scope="module")
def links(known: Known) -> list[Link]:
    return link_wikidata(ITEMS, known)


def short(links: list[Link]) -> list[tuple[str, str, str]]:
    return [(k.entity.removeprefix(ID), k.wikidata, k.status) for k in links]


def test_statuses_in_order(links: list[Link]) -> None:
    assert short(links) == [
        ("dji", "Q999000004", "conflict"),
        ("dji", "Q999000005", "conflict"),
        ("china-government", "Q999000002", "conflict"),
        ("lenovo", "Q14799", "proposed"),
        ("russia", "Q159", "confirmed"),
        ("xiaomi", "Q1636958", "confirmed"),
        ("xiaomi", "Q999000001", "conflict"),
        ("", "Q42", "unmatched"),
        ("", "Q999000003", "unmatched"),
    ]


def test_reasons_say_why(links: list[Link]) -> None:
    by = {(k.entity.removeprefix(ID), k.wikidata): k for k in links}
    assert by["xiaomi", "Q1636958"].row() == {
        "entity": ID + "xiaomi",
        "label": "Xiaomi",
        "wikidata": "Q1636958",
        "wikidataLabel": "Xiaomi",
        "status": "confirmed",
        "reason": 'the label "Xiaomi" matches "Xiaomi", and the graph already links them',
    }
    assert "the graph links the entity to Q1636958" in by["xiaomi", "Q999000001"].reason
    assert "countries disagree" in by["china-government", "Q999000002"].reason
    assert "is Russia, the graph's is China" in by["china-government", "Q999000002"].reason
    assert "Russia agrees" in by["russia", "Q159"].reason
    assert "so does 1 other item" in by["dji", "Q999000004"].reason
    assert "the graph has no link" in by["lenovo", "Q14799"].reason
    assert "disambiguation" in by["", "Q999000003"].reason


def test_entity_data_shape(known: Known) -> None:
    assert short(link_wikidata(FIXTURES / "entitydata.json", known)) == [("xiaomi", "Q1636958", "confirmed")]


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(data))
    return path


def item(qid: str, label: str, *aliases: str, country: str = "") -> dict[str, object]:
    claim = {"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": country}}}, "rank": "normal"}
    return {
        "id": qid,
        "labels": {"en": {"language": "en", "value": label}},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
        "claims": {"P17": [claim]} if country else {},
    }


def test_names_are_normalised(known: Known, tmp_path: Path) -> None:
    data = [item("Q14799", "LENOVO GROUP LTD."), item("Q128896", "Advanced Micro Devices, Inc.")]
    assert short(link_wikidata(write(tmp_path, data), known)) == [
        ("amd", "Q128896", "confirmed"),
        ("lenovo", "Q14799", "proposed"),
    ]


def test_the_graphs_item_with_other_names_is_a_conflict(known: Known, tmp_path: Path) -> None:
    [link] = link_wikidata(write(tmp_path, {"entities": {"Q1636958": item("Q1636958", "Redmi")}}), known)
    assert (link.entity, link.wikidata, link.status) == (ID + "xiaomi", "Q1636958", "conflict")


def test_an_item_linked_elsewhere_or_matching_two_entities_is_a_conflict(tmp_path: Path) -> None:
    a, b, c, us, firm = ID + "acme", ID + "acme-ltd", ID + "zeta", ID + "united-states", ID + "us-firm"
    known = Known(
        classes={a: "Company", b: "Company", c: "Company", us: "Country", firm: "Company"},
        labels={a: "Acme", b: "Acme Ltd", c: "Zeta", us: "United States", firm: "United States"},
        by_wikidata={"Q1": c, "Q30": us},
    )
    data = [
        item("Q1", "Zeta"),
        item("Q2", "Acme", country="Q30"),
        item("Q3", "Zeta Corp."),
        item("Q30", "USA", "United States"),
    ]
    found = link_wikidata(write(tmp_path, data), known)
    assert short(found) == [
        ("acme", "Q2", "conflict"),
        ("acme-ltd", "Q2", "conflict"),
        ("united-states", "Q30", "confirmed"),
        ("us-firm", "Q30", "conflict"),
        ("zeta", "Q1", "confirmed"),
        ("zeta", "Q3", "conflict"),
    ]
    reasons = [k.reason for k in found]
    # a company's country is not known to the lookup, so P17 neither confirms nor refutes
    assert "so does 1 other entity" in reasons[0]
    assert "countr" not in reasons[0]
    assert "the graph links Q30 to United States" in reasons[3]
    assert "the graph links the entity to Q1" in reasons[5]


@pytest.mark.parametrize(("name", "kind"), [("not_json.json", "bad-json"), ("bad_shape.json", "bad-shape")])
def test_bad_files(known: Known, name: str, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        link_wikidata(FIXTURES / name, known)
    assert [(Path(p.file).name, p.row, p.column, p.kind) for p in caught.value.problems] == [
        (name, None, None, kind)
    ]


def test_an_entity_without_id_is_bad_shape(known: Known, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        link_wikidata(write(tmp_path, [{"labels": {}}]), known)
    assert [p.kind for p in caught.value.problems] == ["bad-shape"]


def test_write_links_writes_proposed_only(curated: Build, links: list[Link], tmp_path: Path) -> None:
    out = write_links(links, tmp_path / "links.nt")
    assert out.read_text() == (
        f"<{ID}lenovo> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q14799> .\n"
    )
    together = Graph()
    for triple in curated.graph:
        together.add(triple)
    together.parse(out, format="nt")
    assert list(shape_problems(together, curated.ontology, {}, {})) == []


def test_cli_csv_and_out(build_dir: Path, links: list[Link], tmp_path: Path) -> None:
    out, graph_file = tmp_path / "links.nt", str(build_dir / "sanctions-kg.nt")
    done = cli("link", "wikidata", str(ITEMS), "--format", "csv", "--out", str(out), "--graph", graph_file)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["entity"].removeprefix(ID), r["wikidata"], r["status"]) for r in rows] == short(links)
    assert out.read_text().count("owl#sameAs") == 1


def test_cli_bad_file_exit_1(build_dir: Path, tmp_path: Path) -> None:
    graph_file = str(build_dir / "sanctions-kg.nt")
    done = cli("link", "wikidata", str(FIXTURES / "not_json.json"), "--graph", graph_file)
    assert done.returncode == 1
    assert "not_json.json: bad-json" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_a_match_in_another_country_does_not_make_a_proposal_ambiguous(tmp_path: Path) -> None:
    gov, here, there = ID + "gov", ID + "here", ID + "there"
    known = Known(
        classes={gov: "Government", here: "Country", there: "Country"},
        labels={gov: "Government of Here", here: "Here", there: "There"},
        by_wikidata={"Q100": here, "Q200": there},
        governments={here: gov},
    )
    data = [
        item("Q5", "Government of Here", country="Q100"),
        item("Q6", "Government of Here", country="Q200"),
    ]
    found = link_wikidata(write(tmp_path, data), known)
    assert short(found) == [("gov", "Q5", "proposed"), ("gov", "Q6", "conflict")]
    assert "country (P17) Here agrees" in found[0].reason
    assert "is There, the graph's is Here" in found[1].reason
