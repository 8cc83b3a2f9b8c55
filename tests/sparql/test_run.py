"""Parameters are typed bindings: never query text, on the embedded store or for a server."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph import Build
from graph.errors import QueryError
from graph.sparql.queries import NamedQuery, Param, adhoc_query, named_queries, named_query
from graph.sparql.results import python_value
from graph.sparql.run import bind_params, check_syntax, execute, to_term, with_values
from graph.sparql.store import open_store

INJECTION = 'x" } ; DROP ALL ; #'
BY_LABEL = NamedQuery(
    "by-label",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT DISTINCT ?label ?entity WHERE {\n"
    "  ?entity rdfs:label ?lang_label . FILTER(STR(?lang_label) = ?label) }",
    "by-label",
    params=(Param("label", "string", "a label"),),
)


@pytest.fixture(scope="module")
def store(curated: Build) -> ox.Store:
    return open_store(curated)


def rows(result: Any) -> Counter[Any]:
    if isinstance(result, ox.QueryTriples):
        return Counter(str(t) for t in result)
    names = [v.value for v in result.variables]
    return Counter(tuple(python_value(r[n]) for n in names) for r in result)


def test_a_string_value_is_matched_as_data(store: ox.Store) -> None:
    found = rows(execute(store, BY_LABEL, {"label": "Lenovo"}))
    assert found == Counter({("Lenovo", "https://w3id.org/sanctions-kg/id/lenovo"): 1})


def test_an_injection_is_data_on_the_embedded_store(store: ox.Store) -> None:
    before = len(store)
    assert rows(execute(store, BY_LABEL, {"label": INJECTION})) == Counter()
    assert len(store) == before


def test_an_injection_is_data_in_the_text_sent_to_a_server(store: ox.Store) -> None:
    text = with_values(BY_LABEL, bind_params(BY_LABEL, {"label": INJECTION}))
    result = store.query(text)  # the very text a server would get: one VALUES row, no DROP
    assert rows(result) == Counter()
    assert 'DROP ALL ; #")' in text
    assert len(store) > 0


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_string_round_trips_through_the_server_text(store: ox.Store, value: str) -> None:
    query = NamedQuery("echo", "SELECT ?v WHERE { }", "echo", params=(Param("v", "string", "any"),))
    text = with_values(query, bind_params(query, {"v": value}))
    result = store.query(text)
    assert isinstance(result, ox.QuerySolutions)
    [row] = list(result)
    assert row["v"].value == value


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_values_give_the_same_rows_as_substitution(store: ox.Store, name: str) -> None:
    """``execute`` passes parameters as a VALUES block; Oxigraph's substitutions (bound
    before evaluation) must give the same rows, for every named question."""
    query = named_queries()[name]
    values = query.example()
    bindings = bind_params(query, values)
    substituted = rows(
        store.query(query.text, substitutions={ox.Variable(k): v for k, v in bindings.items()})
    )
    assert substituted  # every example has answers on the curated graph
    assert rows(execute(store, query, values)) == substituted
    assert rows(store.query(with_values(query, bindings))) == substituted


def test_unknown_parameter_is_named() -> None:
    with pytest.raises(QueryError) as error:
        bind_params(named_query("export-halts"), {"country": "russia", "colour": "red"})
    assert error.value.parameter == "colour"
    assert "takes: country" in str(error.value)


def test_missing_parameter_is_named() -> None:
    with pytest.raises(QueryError) as error:
        bind_params(named_query("trade-changes"), {"reporter": "china"})
    assert error.value.parameter == "partner"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("entity", "Lenovo Group"),
        ("entity", "lenovo/../x"),
        ("date", "2022-02-30"),
        ("date", "15.03.2022"),
        ("month", "2022-13"),
        ("decimal", "1e5"),
        ("decimal", "NaN"),
        ("integer", "1.5"),
        ("boolean", "yes"),
        ("term", "NoSuchTerm"),
        ("term", "exportsTo>"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(kind: str, value: str) -> None:
    with pytest.raises(QueryError) as error:
        to_term(Param("p", kind), value, origin="q")
    assert error.value.parameter == "p"


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("entity", "lenovo", "<https://w3id.org/sanctions-kg/id/lenovo>"),
        ("term", "Halted", "<https://w3id.org/sanctions-kg/ontology#Halted>"),
        ("month", "2022-03", '"2022-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'),
        ("decimal", "-40", '"-40"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
        ("integer", "7", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'),
        ("boolean", "TRUE", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
    ],
)
def test_values_are_typed_by_the_declared_type(kind: str, value: str, expected: str) -> None:
    assert str(to_term(Param("p", kind), value)) == expected


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("SELECT ?x WHERE { ?x ?y }", 1, 26), ("PREFIX a: <http://x/>\nSELECT * WHERE {\n  ?s a:b \n}", 4, 1)],
)
def test_syntax_errors_have_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(QueryError) as error:
        check_syntax(adhoc_query(text, origin="-e"))
    assert (error.value.origin, error.value.line, error.value.column) == ("-e", line, column)


def test_where_group_is_found_past_iris_strings_and_comments() -> None:
    query = NamedQuery(
        "q", 'PREFIX a: <http://x/#>  # { not here\nCONSTRUCT { ?s a:p "{" } WHERE { ?s ?p ?o }', "q"
    )
    text = with_values(query, {"s": ox.NamedNode("http://x/s")})
    assert text.endswith("WHERE { VALUES (?s) { (<http://x/s>) }  ?s ?p ?o }")
