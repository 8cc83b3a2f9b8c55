"""The graph as networkx: one node per entity, one edge per relation triple, with its claims.

The projection reads a store (or a build) and builds a new ``MultiDiGraph``; it never
changes its input. Nodes are entity IRIs with ``cls`` and ``label``; edges are keyed by
relation name and carry ``relation`` and ``claims`` (a tuple of :class:`Claim`). The
graph's own attributes hold the ontology's relation names (``relations``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph

from graph.model.build import Build
from graph.model.namespace import ID, SKG
from graph.sparql.store import open_store

__all__ = ["Claim", "claims_of", "label_of", "products_made", "project", "project_around"]

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


@dataclass(frozen=True)
class Claim:
    """The evidence behind an edge: one claim with its qualifiers and sources.

    ``status``, ``stance`` and ``product`` are local names (``Halted``, ``TowardsCompliance``,
    ``laptops``); ``sources`` are source ids.
    """

    id: str
    status: str | None = None
    stance: str | None = None
    product: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    sources: tuple[str, ...] = ()
    quote: str | None = None
    unverified: bool = False


def _name(term: Any) -> str:
    """The local name of an IRI term: what follows its last ``#`` or ``/``."""
    value: str = term.value
    return value[max(value.rfind("#"), value.rfind("/")) + 1 :]


def _local(term: Any) -> str | None:
    return _name(term) if term is not None else None


def _date(term: Any) -> dt.date | None:
    return dt.date.fromisoformat(term.value) if term is not None else None


def _rows(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _values(store: ox.Store, predicate: str) -> dict[str, list[Any]]:
    """Every subject of ``predicate`` in the default graph with its objects: one index scan,
    much cheaper than an OPTIONAL per claim property (left joins) on millions of triples.
    """
    found: dict[str, list[Any]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph()):
        if isinstance(quad.subject, ox.NamedNode):
            found[quad.subject.value].append(quad.object)
    return found


def _claim_subjects(store: ox.Store) -> set[str]:
    """The IRIs typed ``skg:Claim`` in the default graph."""
    typed, claim = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SKG.Claim))
    # (any other link to skg:Claim, or a claim in another graph, names nothing the claim
    # properties, read from the default graph only, can make a claim of)
    pattern = store.quads_for_pattern(None, typed, claim, ox.DefaultGraph())  # pragma: no mutate
    return {q.subject.value for q in pattern if isinstance(q.subject, ox.NamedNode)}


CLAIM_TERMS = tuple(
    str(term)
    for term in (
        RDF.subject,
        RDF.predicate,
        RDF.object,
        SKG.status,
        SKG.stance,
        SKG.product,
        SKG.startDate,
        SKG.endDate,
        SKG.startPrecision,
        SKG.source,
        SKG.quote,
        SKG.unverified,
    )
)
"""The properties of a claim the projection reads (IRIs as strings: plain keys, cheap to hash)."""
SUBJECT, PREDICATE, OBJECT, STATUS, STANCE, PRODUCT, START, END, PRECISION, SOURCE, QUOTE, UNVERIFIED = (
    CLAIM_TERMS
)


def _claim(claim: str, objects: Callable[[str], Sequence[Any]]) -> tuple[tuple[str, str, str], Claim] | None:
    """A claim and its relation triple, from ``objects`` (the objects of each of its
    properties); ``None`` if it lacks its subject, predicate or object.
    """

    def first(term: str) -> Any:
        # the first value by its text (pyoxigraph's terms order by it too), or None
        return min(objects(term), key=lambda t: t.value, default=None)  # pragma: no mutate

    s, p, o = first(SUBJECT), first(PREDICATE), first(OBJECT)
    if s is None or p is None or o is None:
        return None
    quote, unverified = first(QUOTE), first(UNVERIFIED)
    return (s.value, _name(p), o.value), Claim(
        id=_name(ox.NamedNode(claim)),
        status=_local(first(STATUS)),
        stance=_local(first(STANCE)),
        product=_local(first(PRODUCT)),
        start=_date(first(START)),
        end=_date(first(END)),
        precision=_local(first(PRECISION)),
        sources=tuple(sorted({_name(t) for t in objects(SOURCE)})),
        quote=quote.value if quote is not None else None,
        unverified=unverified is not None and unverified.value == "true",
    )


def _claims(store: ox.Store) -> dict[tuple[str, str, str], list[Claim]]:
    tables = {term: _values(store, term) for term in CLAIM_TERMS}
    found: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in sorted(_claim_subjects(store)):
        read = _claim(claim, lambda term: tables[term].get(claim, ()))  # noqa: B023
        if read is not None:
            found[read[0]].append(read[1])
    return found


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


def _claim_of(store: ox.Store, claim: ox.NamedNode) -> tuple[tuple[str, str, str], Claim] | None:
    """One claim read from its own triples: its relation triple and its Claim."""
    values: dict[str, list[Any]] = defaultdict(list)
    for quad in store.quads_for_pattern(claim, None, None, ox.DefaultGraph()):
        values[quad.predicate.value].append(quad.object)
    if str(SKG.Claim) not in {t.value for t in values.get(str(RDF.type), [])}:
        return None
    return _claim(claim.value, lambda term: values.get(term, ()))


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
