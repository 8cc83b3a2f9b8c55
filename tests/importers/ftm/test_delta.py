"""apply_delta on OpenSanctions' own delta feeds (yente's test fixtures) and on feeds derived from
a real export: ADD, MOD and DEL change exactly what the record stated, a feed applied twice
changes nothing the second time, and a failing feed leaves the store as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph.errors import InputError
from graph.importers.common import known_from
from graph.importers.ftm.delta import DeltaReport, apply_delta
from graph.importers.ftm.run import import_ftm
from graph.sparql.store import load_store, open_store_dir
from tests.conftest import FIXTURES, ID, SKG, cli
from tests.importers.conftest import where

FTM = FIXTURES / "ftm"
ZALA = FTM / "yente_zala_entities.ftm.json"
FEEDS = sorted((FTM / "delta").glob("yente_t2_*.delta.json"))
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DEFAULT = ox.DefaultGraph()
SEAT = ox.NamedNode(SKG + "headquarteredIn")
SUBJECT, OBJECT = (
    ox.NamedNode(f"http://www.w3.org/1999/02/22-rdf-syntax-ns#{n}") for n in ("subject", "object")
)


def text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    assert not isinstance(term, ox.Triple)
    return term.value


def node(record: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}ftm-{record}")


def triples(directory: Path) -> set[ox.Triple]:
    """What the store states: its default graph."""
    return {q.triple for q in open_store_dir(directory).quads_for_pattern(None, None, None, DEFAULT)}


def quads(directory: Path) -> set[ox.Quad]:
    """Everything the store holds, what each record stated included."""
    return set(open_store_dir(directory).quads_for_pattern(None, None, None, None))


def labels(directory: Path, record: str) -> set[str]:
    store = open_store_dir(directory)
    return {text(q.object) for q in store.quads_for_pattern(node(record), LABEL, None, DEFAULT)}


def about(directory: Path, record: str) -> set[ox.Triple]:
    """The triples whose subject is the entity of ``record``."""
    return {t for t in triples(directory) if t.subject == node(record)}


def feed(folder: Path, name: str, lines: list[dict[str, Any]]) -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def zala_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in ZALA.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def curated_store(build_dir: Path, tmp_path: Path) -> Path:
    """A fresh on-disk store of the curated graph, as `sanctions-kg load --store` makes it."""
    load_store([build_dir / "sanctions-kg.nt"], tmp_path / "store")
    return tmp_path / "store"


def test_opensanctions_feeds_add_modify_and_delete_in_turn(curated_store: Path) -> None:
    curated = triples(curated_store)
    first = apply_delta(FEEDS[0], curated_store)
    assert (first.read, first.ops, first.removed, first.skipped) == (2, {"ADD": 2, "MOD": 0, "DEL": 0}, 0, [])
    organization, person = "NK-2T3S8Hu29ktYnKSTgQp2wL", "NK-2sJaJRaPJcWUfMbHjTtWcL"
    assert labels(curated_store, organization) == {"AL-QAIDA IN IRAQ"}
    assert ox.Triple(node(person), TYPE, ox.NamedNode(SKG + "Person")) in triples(curated_store)
    assert len(triples(curated_store)) == len(curated) + first.written

    second = apply_delta(FEEDS[1], curated_store)
    assert second.ops == {"ADD": 1, "MOD": 1, "DEL": 0}
    assert labels(curated_store, organization) == {"Foobar Foobargroup"}
    assert about(curated_store, "NK-500Poltergeist")
    assert second.removed > 0
    assert second.outside == {"addressEntity": 1}  # an Address neither the feed nor the store holds

    third = apply_delta(FEEDS[2], curated_store)
    assert (third.ops, third.absent, third.written) == ({"ADD": 0, "MOD": 0, "DEL": 1}, 0, 0)
    assert about(curated_store, "NK-500Poltergeist") == set()
    assert labels(curated_store, organization) == {"Foobar Foobargroup"}

    fourth = apply_delta(FEEDS[3], curated_store)
    assert fourth.ops == {"ADD": 1, "MOD": 0, "DEL": 0}
    assert labels(curated_store, "Q4365364") == {"Vladimir Nikolaevich PLOTNIKOV"}
    assert curated <= triples(curated_store)  # no feed touches what the curated graph states


def test_a_modified_entity_states_only_its_new_version(curated_store: Path) -> None:
    organization = "NK-2T3S8Hu29ktYnKSTgQp2wL"

    def seats() -> dict[str, set[str]]:
        """The countries it is said to be seated in: directly, and by each claim about it."""
        located = {
            text(t.object).removeprefix(ID) for t in about(curated_store, organization) if t.predicate == SEAT
        }
        store = open_store_dir(curated_store)
        claimed = {
            text(q.subject): {
                text(o.object).removeprefix(ID) for o in store.quads_for_pattern(q.subject, OBJECT, None)
            }
            for q in store.quads_for_pattern(None, SUBJECT, node(organization), DEFAULT)
        }
        return {"direct": located, "claimed": set().union(*claimed.values())}

    apply_delta(FEEDS[0], curated_store)
    assert seats() == {"direct": {"country-iq", "country-sy"}, "claimed": {"country-iq", "country-sy"}}
    apply_delta(FEEDS[1], curated_store)
    assert seats() == {"direct": {"country-ir"}, "claimed": {"country-ir"}}


def test_the_same_feed_twice_changes_nothing_the_second_time(curated_store: Path) -> None:
    apply_delta(FEEDS[0], curated_store)
    apply_delta(FEEDS[1], curated_store)
    held = quads(curated_store)
    again = apply_delta(FEEDS[1], curated_store)
    assert (again.ops, again.written, again.removed) == ({"ADD": 1, "MOD": 1, "DEL": 0}, 0, 0)
    assert quads(curated_store) == held
    apply_delta(FEEDS[2], curated_store)
    held = quads(curated_store)
    gone = apply_delta(FEEDS[2], curated_store)
    assert (gone.absent, gone.removed) == (1, 0)  # the DEL of an id no longer held is counted
    assert quads(curated_store) == held


def test_a_full_export_as_a_feed_states_what_a_plain_import_writes(
    curated_store: Path, tmp_path: Path
) -> None:
    curated = triples(curated_store)
    out = tmp_path / "zala.nt"
    plain = import_ftm(ZALA, out, known=known_from(open_store_dir(curated_store)))
    imported = {q.triple for q in ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES)}
    report = apply_delta(ZALA, curated_store)
    assert report.ops == {"ADD": 91, "MOD": 0, "DEL": 0}
    assert (report.entities, report.relations) == (plain.entities, plain.relations)
    assert report.left_out == plain.left_out
    assert triples(curated_store) == curated | imported
    assert report.written == len(imported - curated)


def test_deleting_every_record_leaves_the_curated_graph_and_what_lines_share(
    curated_store: Path, tmp_path: Path
) -> None:
    curated = triples(curated_store)
    apply_delta(ZALA, curated_store)
    lines = zala_lines()
    report = apply_delta(
        feed(tmp_path, "all.delta.json", [{"op": "DEL", "entity": {"id": line["id"]}} for line in lines]),
        curated_store,
    )
    assert (report.ops["DEL"], report.absent) == (91, 0)
    left = triples(curated_store) - curated
    shared = ("ftm-dataset-", "ftm-government-", "ftm-claim-ftm-government-", "country-")
    assert left  # sources, countries and governments the lines minted for each other
    assert all(text(t.subject).removeprefix(ID).startswith(shared) for t in left)
    store = open_store_dir(curated_store)
    assert list(store.named_graphs()) == []  # no record left: no ledger either


def test_a_feed_links_to_entities_an_earlier_feed_added(curated_store: Path, tmp_path: Path) -> None:
    lines = zala_lines()
    stakes = [line for line in lines if line["schema"] == "Ownership"]
    rest = [line for line in lines if line["schema"] != "Ownership"]
    apply_delta(feed(tmp_path, "rest.delta.json", [{"op": "ADD", "entity": e} for e in rest]), curated_store)
    later = apply_delta(
        feed(tmp_path, "stakes.delta.json", [{"op": "ADD", "entity": e} for e in stakes]), curated_store
    )
    assert later.outside == {}  # every owner and asset is found in the store
    assert later.relations == 14
    owns = ox.NamedNode(SKG + "owns")
    ends = {(text(t.subject), text(t.object)) for t in triples(curated_store) if t.predicate == owns}
    for stake in stakes:
        properties = stake["properties"]
        assert (node(properties["owner"][0]).value, node(properties["asset"][0]).value) in ends


def test_a_changed_stake_and_a_deleted_person(curated_store: Path, tmp_path: Path) -> None:
    apply_delta(ZALA, curated_store)
    lines = zala_lines()
    stake = next(
        line for line in lines if line["schema"] == "Ownership" and line["properties"].get("percentage")
    )
    person = next(line for line in lines if line["schema"] == "Person")
    changed = {**stake, "properties": {**stake["properties"], "percentage": ["25-50"]}}
    report = apply_delta(
        feed(
            tmp_path,
            "change.delta.json",
            [{"op": "MOD", "entity": changed}, {"op": "DEL", "entity": {"id": person["id"]}}],
        ),
        curated_store,
    )
    assert report.ops == {"ADD": 0, "MOD": 1, "DEL": 1}
    claim = ox.NamedNode(f"{ID}ftm-claim-{stake['id']}-owns")
    store = open_store_dir(curated_store)

    def value(term: str) -> set[str]:
        return {
            text(q.object) for q in store.quads_for_pattern(claim, ox.NamedNode(SKG + term), None, DEFAULT)
        }

    assert (value("shareMinimum"), value("shareMaximum"), value("shareStatedAs")) == (
        {"25"},
        {"50"},
        {"25-50"},
    )
    assert value("share") == set()
    left = about(curated_store, person["id"])
    assert {t.predicate.value.removeprefix(SKG) for t in left} == {"relatedTo"}  # no class, label, record
    assert report.stranded == [person["id"]]  # its family ties are other records, still in the feed's store
    ties = [
        line for line in lines if line["schema"] == "Family" and person["id"] in line["properties"]["person"]
    ]
    cut = apply_delta(
        feed(tmp_path, "ties.delta.json", [{"op": "DEL", "entity": {"id": tie["id"]}} for tie in ties]),
        curated_store,
    )
    assert cut.ops["DEL"] == len(ties) > 0
    assert about(curated_store, person["id"]) == set()


def test_a_failing_feed_changes_nothing_and_names_each_line(curated_store: Path, tmp_path: Path) -> None:
    apply_delta(FEEDS[0], curated_store)
    held = quads(curated_store)
    good = json.loads(FEEDS[3].read_text(encoding="utf-8"))
    bad = tmp_path / "bad.delta.json"
    bad.write_text(
        "\n".join(
            [
                json.dumps(good),
                json.dumps({"op": "UPSERT", "entity": {"id": "x"}}),
                json.dumps({"op": "DEL"}),
                json.dumps({"op": "ADD", "entity": {"schema": "Person", "properties": {}}}),
                json.dumps(
                    {"op": "MOD", "entity": {"id": "never-held", "schema": "Person", "properties": {}}}
                ),
                '{"op": "ADD", "entity": {"id"',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        apply_delta(bad, curated_store)
    assert where(caught.value.problems) == [
        ("bad.delta.json", 2, "op", "unknown-op"),
        ("bad.delta.json", 3, "entity", "missing-entity"),
        ("bad.delta.json", 4, "entity.id", "missing-id"),
        ("bad.delta.json", 5, "entity.id", "unknown-id"),
        ("bad.delta.json", 6, None, "bad-json"),
    ]
    assert quads(curated_store) == held
    skipped = apply_delta(bad, curated_store, skip_bad=True)
    assert (skipped.ops["ADD"], len(skipped.skipped)) == (1, 5)
    assert labels(curated_store, "Q4365364") == {"Vladimir Nikolaevich PLOTNIKOV"}


def test_a_store_loaded_plainly_refuses_to_change_its_records(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "zala.nt"
    curated = build_dir / "sanctions-kg.nt"
    load_store([curated], tmp_path / "known")
    import_ftm(ZALA, out, known=known_from(open_store_dir(tmp_path / "known")))
    load_store([curated, out], tmp_path / "store")
    held = quads(tmp_path / "store")
    person = next(line for line in zala_lines() if line["schema"] == "Person")
    with pytest.raises(InputError) as caught:
        apply_delta(feed(tmp_path, "mod.delta.json", [{"op": "MOD", "entity": person}]), tmp_path / "store")
    assert where(caught.value.problems) == [("mod.delta.json", 1, "entity.id", "not-from-a-feed")]
    assert quads(tmp_path / "store") == held


def test_the_report_file_lists_what_the_feed_left_out(curated_store: Path, tmp_path: Path) -> None:
    report = apply_delta(ZALA, curated_store, report_file=tmp_path / "report.json")
    assert isinstance(report, DeltaReport)
    written = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert len(written["records"]["leftOut"]) == sum(report.left_out.values()) == 12
    assert {(r["schema"], r["why"]) for r in written["records"]["leftOut"]} == set(report.left_out)


def test_cli_applies_a_feed_and_says_what_it_changed(curated_store: Path) -> None:
    done = cli("import", "ftm", str(FEEDS[0]), "--delta", "--store", str(curated_store))
    assert done.returncode == 0, done.stderr
    assert "read 2 lines: ADD 2, MOD 0, DEL 0;" in done.stdout
    assert f"triples added and 0 removed in {curated_store}" in done.stdout


def test_cli_refuses_a_delta_without_a_store_or_with_an_output(curated_store: Path, tmp_path: Path) -> None:
    alone = cli("import", "ftm", str(FEEDS[0]), "--delta")
    assert alone.returncode != 0
    assert "--delta: needs --store DIR" in alone.stderr
    assert "Traceback" not in alone.stderr
    both = cli("import", "ftm", str(FEEDS[0]), "--delta", "--store", str(curated_store), "--out", "x.nt")
    assert both.returncode != 0
    assert "--out: not used with --delta" in both.stderr
    missing = cli("import", "ftm", str(FEEDS[0]), "--delta", "--store", str(tmp_path / "nowhere"))
    assert missing.returncode != 0
    assert "no store here" in missing.stderr
    assert "Traceback" not in missing.stderr
    failing = cli("import", "ftm", str(FTM / "truncated.jsonl"), "--delta", "--store", str(curated_store))
    assert failing.returncode != 0
    assert "truncated.jsonl" in failing.stderr
    assert "Traceback" not in failing.stderr
