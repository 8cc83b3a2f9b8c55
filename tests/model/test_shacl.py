"""SHACL runs on the built graph and its violations are located in the CSV."""

from __future__ import annotations

from rdflib import Graph

from graph import ID, SKG, Build
from graph.model.shacl import GRAPH, shape_problems


def copy(graph: Graph) -> Graph:
    new = Graph()
    for triple in graph:
        new.add(triple)
    return new


def test_curated_graph_conforms(curated: Build) -> None:
    assert list(shape_problems(curated.graph, curated.ontology, {}, {})) == []


def test_direct_triple_without_claim_is_a_violation(curated: Build) -> None:
    graph = copy(curated.graph)
    graph.add((ID.lenovo, SKG.exportsTo, ID.ukraine))
    # not located at lenovo's row: the entity is not what is wrong, the missing claim is
    problems = list(shape_problems(graph, curated.ontology, {ID.lenovo: ("entities.csv", 12)}, {}))
    assert [(p.file, p.row, p.kind) for p in problems] == [(GRAPH, None, "shacl-sparql")]
    assert str(ID.lenovo) in problems[0].message


def test_violation_is_located_at_the_row_and_column_it_came_from(curated: Build) -> None:
    graph = copy(curated.graph)
    claim = ID["c-lenovo-cuts-russia"]
    graph.add((claim, SKG.status, SKG.Active))
    problems = list(
        shape_problems(graph, curated.ontology, {claim: ("claims.csv", 60)}, {SKG.status: "status"})
    )
    assert [(p.file, p.row, p.column, p.kind) for p in problems] == [
        ("claims.csv", 60, "status", "shacl-max-count")
    ]


def test_unlocated_violation_names_the_graph(curated: Build) -> None:
    graph = copy(curated.graph)
    graph.remove((ID["c-lenovo-cuts-russia"], SKG.source, None))
    problems = list(shape_problems(graph, curated.ontology, {}, {}))
    assert {(p.file, p.kind) for p in problems} >= {(GRAPH, "shacl-min-count")}
