"""The build: ``data/`` and ``ontology/`` in, one checked RDF graph out.

Every problem of the input is collected before anything is raised; SHACL runs
on the result and its violations are reported the same way. The result is a
value (:class:`Build`) that the query, path and view layers take as input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node, URIRef

from graph.errors import InputError
from graph.model.columns import columns_of
from graph.model.convert import Triple, row_triples
from graph.model.namespace import ID, SKG
from graph.model.ontology import Ontology, load_ontology, local_name, relations
from graph.model.tables import read_tables
from graph.paths import default_data_dir, default_ontology_dir

__all__ = ["Build", "build", "summarize"]

PREFIXES = {
    "skg": SKG._NS,
    "id": ID,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "prov": PROV,
    "xsd": XSD,
}


@dataclass(frozen=True, eq=False)
class Build:
    """The result of a build: the graph (ontology + facts + claims) and its summary.

    Treat ``graph`` as read-only; copy it before changing it.
    """

    graph: Graph
    ontology: Ontology
    report: dict[str, Any] = field(default_factory=dict)


def summarize(graph: Graph, onto: Ontology) -> dict[str, Any]:
    """Counts of a built graph: triples, entities by class, direct triples by relation,
    claims, sources and trade observations.

    Only nodes of the ``id/`` namespace are counted as entities, each under its
    asserted class.
    """
    classes: Counter[str] = Counter()
    for node, cls in graph.subject_objects(RDF.type):
        if str(node).startswith(str(ID)) and isinstance(cls, URIRef):
            classes[local_name(cls)] += 1
    by_relation = {
        name: sum(1 for _ in graph.triples((None, info.iri, None))) for name, info in relations(onto).items()
    }
    return {
        "triples": len(graph),
        "classes": dict(sorted(classes.items())),
        "relations": dict(sorted(by_relation.items())),
        "claims": classes.get(local_name(SKG.Claim), 0),
        "sources": classes.get(local_name(SKG.Source), 0),
        "tradeObservations": classes.get(local_name(SKG.TradeObservation), 0),
    }


def _triples(
    data_dir: Path, onto: Ontology, display: str | None, extra: Sequence[tuple[Path, str]]
) -> tuple[list[Triple], dict[Node, tuple[str, int]], dict[URIRef, str]]:
    rows, problems = read_tables(data_dir, onto, display_dir=display, extra_dirs=extra)
    index: dict[str, URIRef] = {}
    for row in rows:
        if row.id:
            index.setdefault(row.id, row.cls)  # a duplicate is reported; the first one counts
    triples: list[Triple] = []
    origins: dict[Node, tuple[str, int]] = {}
    column_names: dict[URIRef, str] = {}
    for row in rows:
        if not row.complete:
            continue
        found, trouble = row_triples(row, onto, index)
        triples.extend(found)
        problems.extend(trouble)
        origins.setdefault(ID[row.id], (row.file, row.number))
        column_names.update({c.path: c.name for c in columns_of(onto, row.cls).values()})
    if problems:
        raise InputError(problems)
    return triples, origins, column_names


def build(
    data_dir: str | Path | None = None,
    ontology_dir: str | Path | None = None,
    *,
    extra_dirs: Iterable[str | Path] = (),
    display_dir: str | None = None,
    shacl: bool = True,
) -> Build:
    """Read and check ``data/`` against ``ontology/``; return the graph.

    Parameters
    ----------
    data_dir : str or Path, optional
        The folder of CSV tables (default: the project's ``data/``); it holds every table.
    ontology_dir : str or Path, optional
        The folder of ``sanctions.ttl`` and ``shapes.ttl`` (default: the project's ``ontology/``).
    extra_dirs : iterable of str or Path
        More folders of tables in the same format, built into the same graph: your own
        entities and claims beside the curated ones. Each holds only the tables it needs; its
        rows may refer to any id of any folder, and ids must be unique across all of them.
        Problems name them as given.
    display_dir : str, optional
        How to name ``data_dir`` in problems (default: as given).
    shacl : bool, default True
        Whether to validate the result against the SHACL shapes.

    Returns
    -------
    Build

    Raises
    ------
    InputError
        With every problem of the input (file, row, column, kind), if there is any.
    OntologyError
        If the ontology or shapes cannot be read.

    Examples
    --------
    >>> result = build()
    >>> result.report["relations"]["exportsTo"] > 0
    True
    """
    data = Path(data_dir) if data_dir is not None else default_data_dir()
    onto = load_ontology(ontology_dir if ontology_dir is not None else default_ontology_dir())
    extra = tuple((Path(folder), str(folder)) for folder in extra_dirs)
    triples, origins, column_names = _triples(data, onto, display_dir, extra)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for triple in onto.graph:
        graph.add(triple)
    for triple in triples:
        graph.add(triple)
    if shacl:
        from graph.model.shacl import shape_problems  # noqa: PLC0415 - pyshacl only when shapes are checked

        problems = list(shape_problems(graph, onto, origins, column_names))
        if problems:
            raise InputError(problems)
    return Build(graph=graph, ontology=onto, report=summarize(graph, onto))
