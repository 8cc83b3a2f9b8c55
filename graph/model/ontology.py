"""The ontology and shapes as data: loading them, and the lookups the code is generic over.

Nothing in this package names a relation, a class or a column except through
these lookups: ``ontology/sanctions.ttl`` says which relations exist and their
domain and range; ``ontology/shapes.ttl`` says which columns a table has.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node, URIRef

from graph.errors import OntologyError
from graph.model.namespace import SKG

__all__ = [
    "Ontology",
    "RelationInfo",
    "individuals",
    "is_subclass",
    "load_ontology",
    "local_name",
    "precision_property",
    "relations",
    "subclasses",
]

ONTOLOGY_FILE = "sanctions.ttl"
SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True, eq=False)
class Ontology:
    """The OWL ontology and the SHACL shapes, parsed. Treat both graphs as read-only.

    Attributes
    ----------
    graph : rdflib.Graph
        The ontology (classes, relations, controlled values, alignments).
    shapes : rdflib.Graph
        The SHACL shapes, which are also the schema of the CSV tables.
    """

    graph: Graph
    shapes: Graph


@dataclass(frozen=True)
class RelationInfo:
    """A relation of the ontology: its IRI, its name, and its domain and range classes."""

    iri: URIRef
    name: str
    domain: URIRef
    range: URIRef


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OntologyError(f"{path}: no such file") from exc
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise OntologyError(f"{path}: cannot be read as Turtle: {exc}") from exc
    return graph


def load_ontology(directory: str | Path) -> Ontology:
    """Load ``sanctions.ttl`` and ``shapes.ttl`` from ``directory``.

    Parameters
    ----------
    directory : str or Path
        The folder holding the two files (the project's ``ontology/``).

    Returns
    -------
    Ontology

    Raises
    ------
    OntologyError
        If a file is missing or is not valid Turtle.
    """
    folder = Path(directory)
    return Ontology(graph=_parse(folder / ONTOLOGY_FILE), shapes=_parse(folder / SHAPES_FILE))


def local_name(iri: Node) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    Examples
    --------
    >>> local_name(SKG.exportsTo)
    'exportsTo'
    >>> local_name(URIRef("https://w3id.org/sanctions-kg/id/lenovo"))
    'lenovo'
    """
    text = str(iri)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


@cache
def subclasses(onto: Ontology, cls: URIRef) -> frozenset[URIRef]:
    """``cls`` and every class below it (transitively) in the ontology."""
    found = {cls}
    frontier = [cls]
    while frontier:
        for sub in onto.graph.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return frozenset(found)


def is_subclass(onto: Ontology, sub: URIRef, sup: URIRef) -> bool:
    """Whether ``sub`` is ``sup`` or below it.

    Examples
    --------
    >>> from graph.paths import default_ontology_dir
    >>> onto = load_ontology(default_ontology_dir())
    >>> is_subclass(onto, SKG.OEM, SKG.Actor), is_subclass(onto, SKG.Country, SKG.Company)
    (True, False)
    """
    return sub in subclasses(onto, sup)


@cache
def relations(onto: Ontology) -> dict[str, RelationInfo]:
    """The relations of the ontology (instances of ``skg:Relation``) by name.

    Raises
    ------
    OntologyError
        If a relation lacks a single domain or range.

    Examples
    --------
    >>> from graph.paths import default_ontology_dir
    >>> info = relations(load_ontology(default_ontology_dir()))["exportsTo"]
    >>> local_name(info.domain), local_name(info.range)
    ('Actor', 'Country')
    """
    found: dict[str, RelationInfo] = {}
    for iri in sorted(onto.graph.subjects(RDF.type, SKG.Relation), key=str):
        if not isinstance(iri, URIRef):
            continue
        domain = onto.graph.value(iri, RDFS.domain)
        range_ = onto.graph.value(iri, RDFS.range)
        if not isinstance(domain, URIRef) or not isinstance(range_, URIRef):
            raise OntologyError(f"relation {iri} needs one rdfs:domain and one rdfs:range class")
        found[local_name(iri)] = RelationInfo(iri, local_name(iri), domain, range_)
    return found


@cache
def individuals(onto: Ontology, cls: URIRef) -> dict[str, URIRef]:
    """The named individuals of a class of the ontology, by local name.

    Examples
    --------
    >>> from graph.paths import default_ontology_dir
    >>> sorted(individuals(load_ontology(default_ontology_dir()), SKG.Stance))
    ['TowardsCompliance', 'TowardsResistance']
    """
    return {
        local_name(s): s
        for s in onto.graph.subjects(RDF.type, cls)
        if isinstance(s, URIRef) and s != OWL.Class
    }


def precision_property(onto: Ontology, prop: URIRef) -> URIRef | None:
    """The property recording the precision of a date property, if the ontology names one."""
    value = onto.graph.value(prop, SKG.precisionProperty)
    return value if isinstance(value, URIRef) else None
