"""SHACL validation of the built graph, with each violation located in the CSV it came from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node, URIRef

from graph.errors import Problem
from graph.model.ontology import Ontology, local_name

__all__ = ["GRAPH", "shape_problems"]

GRAPH = "<graph>"


def _kebab(name: str) -> str:
    """``MinCountConstraintComponent`` -> ``min-count``.

    Examples
    --------
    >>> _kebab("MinCountConstraintComponent"), _kebab("SPARQLConstraintComponent")
    ('min-count', 'sparql')
    """
    stem = name.removesuffix("ConstraintComponent")
    if stem.isupper():
        return stem.lower()
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in stem).lstrip("-")


def _origin(origins: Mapping[Node, tuple[str, int]], *nodes: Node | None) -> tuple[str, int | None]:
    """The (file, row) of the first node that came from a row, else the graph as a whole."""
    for node in nodes:
        if node is not None and node in origins:
            return origins[node]
    return GRAPH, None


def shape_problems(
    graph: Graph,
    onto: Ontology,
    origins: Mapping[Node, tuple[str, int]],
    column_names: Mapping[URIRef, str],
) -> Iterator[Problem]:
    """Validate ``graph`` against the shapes; yield one Problem per violation.

    Parameters
    ----------
    graph : rdflib.Graph
        The built graph (ontology + facts + claims). It is not changed.
    onto : Ontology
        Holds the shapes.
    origins : Mapping
        For each node made from a row, its (file, row).
    column_names : Mapping
        For each property, the column it came from.

    Yields
    ------
    Problem
        Kind ``shacl-<component>``, e.g. ``shacl-min-count``; located at the
        focus node's row where it came from one, else at ``<graph>``.
    """
    conforms, results, _ = validate(graph, shacl_graph=onto.shapes, inplace=False, advanced=True)
    if conforms:
        return
    assert isinstance(results, Graph)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        component = results.value(result, SH.sourceConstraintComponent)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        file, row = _origin(origins, focus)
        column = column_names.get(path) if isinstance(path, URIRef) else None
        kind = "shacl-" + _kebab(local_name(component)) if component is not None else "shacl"
        about = f"focus {focus}" + (f", value {value}" if value is not None else "")
        found.append(Problem(file, row, column, kind, f"{message or 'violates a shape'} ({about})"))
    yield from sorted(found, key=lambda p: (p.file, p.row or 0, p.column or "", p.kind, p.message))
