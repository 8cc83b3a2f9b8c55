"""Result formats: the W3C ones, read back by another client (rdflib's parsers), and DataFrames."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from graph import Build, query_frame, query_graph
from graph.errors import QueryError
from graph.sparql.queries import named_query
from graph.sparql.results import render, to_frame
from graph.sparql.run import execute
from graph.sparql.store import open_store

ID = "https://w3id.org/sanctions-kg/id/"


@pytest.fixture(scope="module")
def store(curated: Build) -> ox.Store:
    return open_store(curated)


def trade(store: ox.Store) -> ox.QuerySolutions:
    result = execute(store, named_query("trade-changes"), {"reporter": "china", "partner": "russia"})
    assert isinstance(result, ox.QuerySolutions)
    return result


def reference_rows(store: ox.Store) -> set[tuple[str, ...]]:
    result = trade(store)
    names = [v.value for v in result.variables]
    return {tuple(row[n].value if row[n] is not None else "" for n in names) for row in result}


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_w3c_formats_are_read_back_by_rdflib(store: ox.Store, fmt: str) -> None:
    data = render(trade(store), fmt)
    parsed = Result.parse(io.BytesIO(data), format=fmt)
    names = [str(v) for v in parsed.vars or []]
    assert names[:3] == ["reporter", "partner", "product"]
    got = {
        tuple(str(value) if (value := row.asdict().get(n)) is not None else "" for n in names)  # type: ignore[union-attr]
        for row in parsed
    }
    assert got == reference_rows(store)


def test_tsv_is_read_back(store: ox.Store) -> None:
    """rdflib's TSV reader fails on a bare negative decimal (``-7.7``), which the TSV format
    allows, so TSV is read back by Oxigraph's reader and checked line by line."""
    data = render(trade(store), "tsv")
    lines = data.decode().splitlines()
    assert lines[0].split("\t")[:2] == ["?reporter", "?partner"]
    assert all(line.count("\t") == lines[0].count("\t") for line in lines)
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    got = {tuple(row[n].value if row[n] is not None else "" for n in names) for row in parsed}
    assert {tuple(v.removesuffix(".0") for v in row) for row in got} == {
        tuple(v.removesuffix(".0") for v in row) for row in reference_rows(store)
    }


def test_json_is_the_w3c_structure(store: ox.Store) -> None:
    document = json.loads(render(trade(store), "json"))
    assert set(document) == {"head", "results"}
    binding = document["results"]["bindings"][0]
    assert binding["reporter"] == {"type": "uri", "value": ID + "china"}
    assert binding["changePercent"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"


def test_xml_is_in_the_w3c_namespace(store: ox.Store) -> None:
    root = ET.fromstring(render(trade(store), "xml"))
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"


def test_ask_results(store: ox.Store) -> None:
    from graph.sparql.queries import adhoc_query

    result = execute(store, adhoc_query("ASK { ?s ?p ?o }"))
    assert render(result, "table") == b"true\n"
    assert json.loads(render(execute(store, adhoc_query("ASK { ?s ?p ?o }")), "json"))["boolean"] is True


def test_construct_as_turtle_and_ntriples(store: ox.Store) -> None:
    for fmt, rdflib_format in [("turtle", "turtle"), ("nt", "nt")]:
        result = execute(store, named_query("neighbourhood"), {"entity": "lenovo"})
        graph = Graph().parse(data=render(result, fmt).decode(), format=rdflib_format)
        assert (
            URIRef(ID + "lenovo"),
            URIRef("https://w3id.org/sanctions-kg/ontology#exportsTo"),
            URIRef(ID + "russia"),
        ) in graph


def test_wrong_format_for_the_result_kind(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="turtle"):
        render(execute(store, named_query("neighbourhood"), {"entity": "lenovo"}), "csv")
    with pytest.raises(QueryError, match="table"):
        render(trade(store), "turtle")


def test_table_lists_every_row(store: ox.Store) -> None:
    text = render(trade(store), "table", width=400).decode()
    assert "almost two-thirds" in text
    assert text.rstrip().endswith("6 rows")


def test_frame_columns_are_typed(store: ox.Store) -> None:
    df = to_frame(trade(store))
    assert df.changePercent.dtype == "float64"
    assert str(df.period.dtype) == "period[M]"
    days = query_frame(store, "timeline")
    assert pd.api.types.is_datetime64_any_dtype(days.startDate)
    sources = query_frame(store, "sources")
    assert str(sources.facts.dtype) == "Int64"


def test_frame_compact_names(store: ox.Store) -> None:
    df = to_frame(trade(store), compact_iris=True)
    assert set(df.reporter) == {"id:china"}
    assert set(df.bound) >= {"skg:MoreThan", "skg:Almost"}


def test_query_graph_returns_an_rdflib_graph(store: ox.Store) -> None:
    graph = query_graph(store, "neighbourhood", {"entity": "lenovo"})
    assert (URIRef(ID + "lenovo"), None, Literal("Lenovo", lang="en")) in graph


def test_frame_and_graph_refuse_the_other_kind(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="query_graph"):
        query_frame(store, "neighbourhood", {"entity": "lenovo"})
    with pytest.raises(QueryError, match="query_frame"):
        query_graph(store, "sources")


def test_a_query_may_be_sparql_text_or_a_build(curated: Build) -> None:
    df = query_frame(
        curated, "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/sanctions-kg/ontology#Claim> }"
    )
    assert df.n.tolist() == [70]
    with pytest.raises(QueryError, match="did you mean: sources"):
        query_frame(curated, "source")
