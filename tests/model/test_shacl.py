"""SHACL runs on the built graph and its violations are located in the CSV."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import XSD

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


def test_a_share_range_that_is_empty_or_mixed_with_a_figure_is_a_violation(curated: Build) -> None:
    graph = copy(curated.graph)
    claim, other = ID["c-lenovo-cuts-russia"], ID["c-xiaomi-cuts-russia"]
    graph.add((claim, SKG.shareMinimum, Literal("50", datatype=XSD.decimal)))
    graph.add((claim, SKG.shareMaximum, Literal("25", datatype=XSD.decimal)))
    graph.add((claim, SKG.share, Literal("30", datatype=XSD.decimal)))
    graph.add((other, SKG.shareMinimumExclusive, Literal(True)))
    graph.add((other, SKG.share, Literal("101", datatype=XSD.decimal)))
    found = sorted(
        (p.kind, p.message.split(" (focus")[0]) for p in shape_problems(graph, curated.ontology, {}, {})
    )
    assert [kind for kind, _ in found] == [
        "shacl-max-inclusive",
        "shacl-sparql",
        "shacl-sparql",
        "shacl-sparql",
    ]
    assert [message for _, message in found[1:]] == [
        "a share is one figure or a range, not both",
        "a share's minimum exclusive flag needs the minimum",
        "a share's minimum is below its maximum (or equal to it, when neither is exclusive)",
    ]
