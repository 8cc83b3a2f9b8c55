"""The graph as networkx: one node per entity, one edge per relation triple, with its claims.

The projection reads a store (or a build) and builds a new ``MultiDiGraph``; it never
changes its input. Nodes are entity IRIs with ``cls`` and ``label``; edges are keyed by
relation name and carry ``relation`` and ``claims`` (a tuple of :class:`Claim`). The
graph's own attributes hold the ontology's relation names (``relations``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from graph.build import Build
from graph.namespace import ID, SKG
from graph.store import open_store

__all__ = ["Claim", "claims_of", "label_of", "products_made", "project"]

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
CLAIMS = f"""
PREFIX skg: <{SKG_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?claim ?s ?p ?o ?status ?stance ?product ?start ?end ?precision ?source ?quote ?unverified WHERE {{
  ?claim a skg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL {{ ?claim skg:status ?status }}
  OPTIONAL {{ ?claim skg:stance ?stance }}
  OPTIONAL {{ ?claim skg:product ?product }}
  OPTIONAL {{ ?claim skg:startDate ?start }}
  OPTIONAL {{ ?claim skg:endDate ?end }}
  OPTIONAL {{ ?claim skg:startPrecision ?precision }}
  OPTIONAL {{ ?claim skg:source ?source }}
  OPTIONAL {{ ?claim skg:quote ?quote }}
  OPTIONAL {{ ?claim skg:unverified ?unverified }}
}}"""


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


def _local(term: Any) -> str | None:
    if term is None:
        return None
    value: str = term.value
    return value[max(value.rfind("#"), value.rfind("/")) + 1 :]


def _date(term: Any) -> dt.date | None:
    return dt.date.fromisoformat(term.value) if term is not None else None


def _rows(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _claims(store: ox.Store) -> dict[tuple[str, str, str], list[Claim]]:
    fields: dict[str, dict[str, Any]] = {}
    sources: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, CLAIMS):
        claim_id = row["claim"].value
        if row["source"] is not None:
            sources[claim_id].add(_local(row["source"]) or "")
        if claim_id in fields:
            continue
        fields[claim_id] = {
            "key": (row["s"].value, _local(row["p"]) or "", row["o"].value),
            "id": _local(row["claim"]) or claim_id,
            "status": _local(row["status"]),
            "stance": _local(row["stance"]),
            "product": _local(row["product"]),
            "start": _date(row["start"]),
            "end": _date(row["end"]),
            "precision": _local(row["precision"]),
            "quote": row["quote"].value if row["quote"] is not None else None,
            "unverified": row["unverified"] is not None and row["unverified"].value == "true",
        }
    found: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim_id, values in sorted(fields.items()):
        key = values.pop("key")
        found[key].append(Claim(sources=tuple(sorted(sources[claim_id])), **values))
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
        store.bulk_load(source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    G = nx.MultiDiGraph(relations=tuple(sorted(_local(r["p"]) or "" for r in _rows(store, RELATIONS))))
    for row in _rows(store, NODES):
        attrs = {"cls": _local(row["class"]), "label": row["label"].value if row["label"] else None}
        known = G.nodes.get(row["entity"].value)
        if known is None or (known["label"] is None and attrs["label"] is not None):
            G.add_node(row["entity"].value, **attrs)
    claims = _claims(store)
    for row in _rows(store, EDGES):
        s, relation, o = row["s"].value, _local(row["p"]) or "", row["o"].value
        for node in (s, o):
            if node not in G:
                G.add_node(node, cls=None, label=None)
        G.add_edge(s, o, key=relation, relation=relation, claims=tuple(claims.get((s, relation, o), ())))
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
