"""The columns of the CSV tables, read from the SHACL shapes.

Each property shape of a node shape is a column: ``sh:name`` is its name,
``sh:path`` the property it fills, ``sh:datatype`` / ``sh:class`` /
``sh:nodeKind`` / ``sh:pattern`` how a cell is read, ``sh:minCount 1`` makes it
required, and a shape without ``sh:maxCount 1`` takes several values separated
by ``;``. A row of class C has the columns of every shape targeting C or a
class above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib.namespace import RDF, SH
from rdflib.term import Literal, Node, URIRef

from graph.errors import OntologyError
from graph.model.ontology import Ontology, is_subclass

__all__ = ["Column", "columns_for_class"]


@dataclass(frozen=True)
class Column:
    """One column of a table, as a SHACL property shape describes it."""

    name: str
    path: URIRef
    datatype: URIRef | None = None
    cls: URIRef | None = None
    pattern: str | None = None
    required: bool = False
    multiple: bool = True
    order: Decimal = Decimal(0)


def _int(value: object) -> int | None:
    return int(value.toPython()) if isinstance(value, Literal) else None


def _column(onto: Ontology, shape: Node) -> Column:
    g = onto.shapes
    name = g.value(shape, SH.name)
    path = g.value(shape, SH.path)
    if not isinstance(name, Literal) or not isinstance(path, URIRef):
        raise OntologyError(f"property shape {shape} needs an sh:name and an IRI sh:path")
    datatype = g.value(shape, SH.datatype)
    cls = g.value(shape, SH["class"])
    pattern = g.value(shape, SH.pattern)
    order = g.value(shape, SH.order)
    min_count = _int(g.value(shape, SH.minCount))
    max_count = _int(g.value(shape, SH.maxCount))
    return Column(
        name=str(name),
        path=path,
        datatype=datatype if isinstance(datatype, URIRef) else None,
        cls=cls if isinstance(cls, URIRef) else None,
        pattern=str(pattern) if pattern is not None else None,
        required=bool(min_count),
        multiple=max_count != 1,
        order=Decimal(str(order)) if order is not None else Decimal(0),
    )


@cache
def columns_for_class(onto: Ontology, cls: URIRef) -> tuple[Column, ...]:
    """The columns a row of class ``cls`` may have, ordered by ``sh:order``.

    Raises
    ------
    OntologyError
        If two shapes give one column name to different properties.

    Examples
    --------
    >>> from graph.model.ontology import load_ontology
    >>> from graph.paths import default_ontology_dir
    >>> from graph.model.namespace import SKG
    >>> onto = load_ontology(default_ontology_dir())
    >>> [c.name for c in columns_for_class(onto, SKG.TradeObservation)][:5]
    ['reporter', 'partner', 'product', 'period', 'basePeriod']
    >>> names = [c.name for c in columns_for_class(onto, SKG.OEM)]
    >>> names[:4], names[-2:]
    (['label', 'wikidata', 'address', 'innCode'], ['source', 'note'])
    """
    found: dict[str, Column] = {}
    for node_shape in sorted(onto.shapes.subjects(RDF.type, SH.NodeShape), key=str):
        target = onto.shapes.value(node_shape, SH.targetClass)
        if not isinstance(target, URIRef) or not is_subclass(onto, cls, target):
            continue
        for prop_shape in onto.shapes.objects(node_shape, SH.property):
            column = _column(onto, prop_shape)
            known = found.get(column.name)
            if known is not None and known.path != column.path:
                raise OntologyError(f"column {column.name!r} names two properties for {cls}")
            found[column.name] = column
    return tuple(sorted(found.values(), key=lambda c: (c.order, c.name)))
