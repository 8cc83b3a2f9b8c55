"""The named questions: well-formed headers, and the answers of the founding case."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyoxigraph as ox
import pytest

from graph import Build, query_frame
from graph.errors import QueryError
from graph.sparql.queries import PARAM_TYPES, named_queries, named_query, parse_query, query_file
from graph.sparql.run import check_syntax, execute
from graph.sparql.store import open_store

ID = "https://w3id.org/sanctions-kg/id/"
SKG = "https://w3id.org/sanctions-kg/ontology#"


@pytest.fixture(scope="module")
def store(curated: Build) -> ox.Store:
    return open_store(curated)


def frame(store: ox.Store, name: str, **values: Any) -> pd.DataFrame:
    return query_frame(store, name, values)


def test_at_least_fourteen_named_questions() -> None:
    assert len(named_queries()) >= 14


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_question_is_documented_and_parses(name: str) -> None:
    query = named_queries()[name]
    assert query.name == name  # an example line once renamed its query
    assert query.title
    assert query.description
    assert all(p.type in PARAM_TYPES and p.description for p in query.params)
    check_syntax(query)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_question_answers_something_on_the_curated_graph(store: ox.Store, name: str) -> None:
    query = named_queries()[name]
    result = execute(store, query, query.example())
    assert len(list(result)) > 0  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(n for n, q in named_queries().items() if q.params))
def test_parameters_are_projected_so_every_row_says_what_was_asked(store: ox.Store, name: str) -> None:
    query = named_queries()[name]
    form = check_syntax(query)
    if isinstance(form, ox.QuerySolutions):
        assert {p.name for p in query.params} <= {v.value for v in form.variables}


def test_export_halts_to_russia(store: ox.Store) -> None:
    df = frame(store, "export-halts", country="russia")
    wsj = df[df.source == ID + "wsj-2022-05-lenovo-xiaomi"]
    assert set(wsj.exporter) >= {ID + "lenovo", ID + "xiaomi", ID + "us-chip-suppliers"}
    assert set(df.status) == {SKG + "Halted", SKG + "Reduced"}
    dji = df[df.exporter == ID + "dji"]
    assert set(dji.since) == {pd.Timestamp("2022-04-01")}
    assert set(dji.precision) == {SKG + "Month"}


def test_trade_changes_keep_their_qualifiers(store: ox.Store) -> None:
    df = frame(store, "trade-changes", reporter="china", partner="russia")
    march = df[(df.period == pd.Period("2022-03", "M")) & (df.basePeriod == pd.Period("2022-02", "M"))]
    by_product = {
        row.productLabel: (row.changePercent, str(row.bound).rsplit("#")[-1], row.statedAs)
        for row in march.itertuples()
    }
    assert by_product == {
        "Laptops": (-40.0, "MoreThan", "more than 40 percent"),
        "Smartphones": (-66.67, "Almost", "almost two-thirds"),
        "Telecommunication base stations": (-98.0, "Exactly", "98 percent"),
        "All goods": (-27.0, "Exactly", "27%"),
    }
    assert df.changePercent.dtype == "float64"
    assert str(df.period.dtype) == "period[M]"


def test_pressure_on_lenovo_directly_and_through_suppliers(store: ox.Store) -> None:
    df = frame(store, "pressures-on", company="lenovo")
    direct = df[df.via.isna()]
    through = df[df.via.notna()]
    assert (ID + "china-government", SKG + "TowardsResistance") in set(
        zip(direct.actor, direct.stance, strict=True)
    )
    assert (ID + "us-government", ID + "us-chip-suppliers", SKG + "TowardsCompliance") in set(
        zip(through.actor, through.via, through.stance, strict=True)
    )


def test_measures_in_force_follow_the_day(store: ox.Store) -> None:
    before = frame(store, "measures-in-force", day="2022-02-23")
    after = frame(store, "measures-in-force", day="2022-02-24")
    assert ID + "bis-russia-ear-rule" not in set(before.measure)
    assert ID + "bis-russia-ear-rule" in set(after.measure)
    assert set(after.reference.dropna()) == {"87 FR 12226"}


def test_countermeasures_exist_but_were_not_used(store: ox.Store) -> None:
    df = frame(store, "countermeasures", government="china-government")
    assert list(df.measure) == [ID + "mofcom-blocking-rules"]
    assert list(df.used) == [False]
    assert frame(store, "countermeasures", government="us-government").empty


def test_disputed_relations_show_both_sides(store: ox.Store) -> None:
    df = frame(store, "disputed-relations")
    lenovo = df[(df.subject == ID + "lenovo") & (df.object == ID + "russia")]
    assert set(lenovo.status) == {SKG + "Halted", SKG + "Active"}


def test_entities_without_wikidata(store: ox.Store) -> None:
    missing = set(frame(store, "without-wikidata").entity)
    assert {ID + "lenovo", ID + "dji"} <= missing
    assert ID + "xiaomi" not in missing


def test_pressure_reaches_russia_from_washington_and_beijing(store: ox.Store) -> None:
    actors = set(frame(store, "pressure-reach", country="russia").actor)
    assert {ID + "us-government", ID + "china-government"} <= actors


def test_neighbourhood_is_a_graph(store: ox.Store) -> None:
    result = execute(store, named_query("neighbourhood"), {"entity": "lenovo"})
    assert isinstance(result, ox.QueryTriples)
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in result}
    assert (ID + "lenovo", SKG + "exportsTo", ID + "russia") in triples


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(QueryError, match="did you mean: pressures-on"):
        named_query("pressure-on")


def test_a_bad_param_line_is_located() -> None:
    with pytest.raises(QueryError) as error:
        parse_query("# title: x\n# param: day datetime when\nASK {}", name="x", origin="x.rq")
    assert (error.value.origin, error.value.line) == ("x.rq", 2)


def test_query_file_reads_its_header(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "mine.rq"
    path.write_text(
        "# title: Mine\n# param: who entity someone\nSELECT ?who WHERE { ?who ?p ?o }", encoding="utf-8"
    )
    query = query_file(path)
    assert (query.name, query.title, [p.name for p in query.params]) == ("mine", "Mine", ["who"])
    with pytest.raises(QueryError, match="cannot read"):
        query_file(Path(str(tmp_path)) / "missing.rq")


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_parameter_has_an_example(name: str) -> None:
    query = named_queries()[name]
    assert set(query.example()) == {p.name for p in query.params}


def test_a_bad_example_line_is_located() -> None:
    with pytest.raises(QueryError) as error:
        parse_query("# param: day date when\n# example: day\nASK {}", name="x", origin="x.rq")
    assert error.value.line == 2
