"""The graph as networkx: one node per entity, one edge per relation triple, with its claims.

The projection reads a store (or a build) and builds a new ``MultiDiGraph``; it never
changes its input. Nodes are entity IRIs with ``cls`` and ``label``; edges are keyed by
relation name and carry ``relation`` and ``claims`` (a tuple of
:class:`~graph.analysis.claims.Claim`). The graph's own attributes hold the ontology's
relation names (``relations``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph

from graph.analysis.claims import Claim, _claim_of, _claims, _name
from graph.model.build import Build
from graph.model.namespace import ID, SKG
from graph.sparql.store import open_store

__all__ = ["claims_of", "label_of", "products_made", "project", "project_around"]

SKG_NS = str(SKG._NS)
NODES = f"""
PREFIX skg: <{SKG_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?class ?label WHERE {{
  ?entity a ?class .
  FILTER(STRSTARTS(STR(?entity), "{ID}"))
  FILTER(?class NOT IN (skg:Claim, skg:Source, skg:TradeObservation))
  OPTIONAL {{ ?entity rdfs:label ?label . FILTER(LANGMATCHES(LANG(?label), "en")) }}
}}"""
EDGES = f"""
PREFIX skg: <{SKG_NS}>
SELECT ?s ?p ?o WHERE {{ ?p a skg:Relation . ?s ?p ?o }}"""
RELATIONS = f"""
PREFIX skg: <{SKG_NS}>
SELECT ?p WHERE {{ ?p a skg:Relation }}"""


def _rows(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def project(source: Build | Graph | ox.Store) -> nx.MultiDiGraph:
    """The graph as a networkx ``MultiDiGraph`` of entities and relation triples.

    Parameters
    ----------
    source : Build, rdflib.Graph or pyoxigraph.Store
        What to project; it is not changed.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: entity IRIs, with ``cls`` (class name) and ``label``. Edges: one per relation
        triple, keyed by relation name, with ``relation`` and ``claims`` (tuple of Claim).

    Examples
    --------
    >>> from graph import build
    >>> G = project(build())
    >>> lenovo, russia = str(ID["lenovo"]), str(ID["russia"])
    >>> G.nodes[lenovo]["cls"], G.has_edge(lenovo, russia, key="exportsTo")
    ('OEM', True)
    """
    if isinstance(source, ox.Store):
        store = source
    elif isinstance(source, Build):
        store = open_store(source)
    else:
        store = ox.Store()
        text = source.serialize(format="nt", encoding="utf-8")  # pragma: no mutate - bulk_load takes text too
        store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES)
    G = nx.MultiDiGraph(relations=tuple(sorted(_name(r["p"]) for r in _rows(store, RELATIONS))))
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, NODES):
        classes[row["entity"].value].add(_name(row["class"]))
        if row["label"] is not None:
            labels[row["entity"].value].add(row["label"].value)
    for entity, named in classes.items():  # the first class and label by name, as project_around
        G.add_node(entity, cls=min(named), label=min(labels[entity], default=None))
    claims = _claims(store)
    for row in _rows(store, EDGES):
        s, relation, o = row["s"].value, _name(row["p"]), row["o"].value
        for node in (s, o):
            if node not in G:
                G.add_node(node, cls=None, label=None)
        G.add_edge(s, o, key=relation, relation=relation, claims=tuple(claims.get((s, relation, o), ())))
    return G


def _node_attrs(store: ox.Store, node: str) -> dict[str, Any]:
    """A node's class and English label, as :func:`project` gives them."""
    subject = ox.NamedNode(node)
    skip = {str(SKG.Claim), str(SKG.Source), str(SKG.TradeObservation)}
    classes = sorted(
        _name(q.object)
        for q in store.quads_for_pattern(subject, ox.NamedNode(str(RDF.type)), None, ox.DefaultGraph())
        if isinstance(q.object, ox.NamedNode) and q.object.value not in skip and node.startswith(str(ID))
    )
    labels = sorted(
        q.object.value
        for q in store.quads_for_pattern(subject, ox.NamedNode(str(RDFS.label)), None, ox.DefaultGraph())
        # a literal without a language is no English label, whatever stands in for its language
        if isinstance(q.object, ox.Literal)
        and (q.object.language or "").lower().startswith("en")  # pragma: no mutate
    )
    return {"cls": classes[0] if classes else None, "label": labels[0] if labels else None}


def project_around(store: ox.Store, centre: str, depth: int) -> nx.MultiDiGraph:
    """The part of :func:`project`'s graph within ``depth`` relations of ``centre`` (either
    direction), with every relation among those entities and its claims, read from the store
    around the centre only: on a store of millions of triples, seconds instead of the minutes
    a whole projection takes.

    Examples
    --------
    >>> from graph import build, open_store
    >>> near = project_around(open_store(build()), str(ID["lenovo"]), 1)
    >>> str(ID["russia"]) in near, str(ID["belarus"]) in near
    (True, False)
    """
    relations = {row["p"].value for row in _rows(store, RELATIONS)}
    G = nx.MultiDiGraph(relations=tuple(sorted(_name(ox.NamedNode(r)) for r in relations)))
    seen, frontier = {centre}, {centre}
    for _ in range(depth):
        reached: set[str] = set()
        for node in frontier:
            term = ox.NamedNode(node)
            for q in store.quads_for_pattern(term, None, None, ox.DefaultGraph()):
                if q.predicate.value in relations and isinstance(q.object, ox.NamedNode):
                    reached.add(q.object.value)
            for q in store.quads_for_pattern(None, None, term, ox.DefaultGraph()):
                if q.predicate.value in relations and isinstance(q.subject, ox.NamedNode):
                    reached.add(q.subject.value)
        frontier = reached - seen
        seen |= reached
    for node in sorted(seen):
        G.add_node(node, **_node_attrs(store, node))
    # (reading every triple into the node instead finds the same claims, more slowly)
    rdf_subject = ox.NamedNode(str(RDF.subject))  # pragma: no mutate
    for node in sorted(seen):
        term = ox.NamedNode(node)
        triples = {
            (node, q.predicate.value, q.object.value)
            for q in store.quads_for_pattern(term, None, None, ox.DefaultGraph())
            if q.predicate.value in relations
            and isinstance(q.object, ox.NamedNode)
            and q.object.value in seen
        }
        claims: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
        for q in store.quads_for_pattern(None, rdf_subject, term, ox.DefaultGraph()):  # pragma: no mutate
            read = _claim_of(store, q.subject) if isinstance(q.subject, ox.NamedNode) else None
            if read is not None:
                claims[read[0]].append(read[1])
        for s, p, o in sorted(triples):
            relation = _name(ox.NamedNode(p))
            found = sorted(claims.get((s, relation, o), ()), key=lambda c: c.id)
            G.add_edge(s, o, key=relation, relation=relation, claims=tuple(found))
    return G


def label_of(G: nx.MultiDiGraph, node: str) -> str:
    """A node's label, or its id when it has none."""
    label = G.nodes[node].get("label") if node in G else None
    return str(label) if label else node.removeprefix(str(ID))


def products_made(G: nx.MultiDiGraph, node: str) -> set[str]:
    """The ids of the product categories a company ``makes``."""
    return {
        str(v).removeprefix(str(ID)) for _, v, relation in G.out_edges(node, keys=True) if relation == "makes"
    }


def claims_of(G: nx.MultiDiGraph, u: str, v: str, relation: str) -> tuple[Claim, ...]:
    """The claims behind the edge ``u --relation--> v`` (empty if there is no such edge)."""
    data = G.get_edge_data(u, v, key=relation)
    return tuple(data["claims"]) if data else ()
