"""The projection to networkx: complete, typed, and without touching its input."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from graph import SKG, Build, open_store
from graph.generate import generated_ntriples
from graph.network import claims_of, label_of, project, project_around

ID = "https://w3id.org/sanctions-kg/id/"


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)


def test_one_edge_per_relation_triple(curated: Build, G: nx.MultiDiGraph) -> None:
    relations = set(curated.graph.subjects(RDF.type, SKG.Relation))
    triples = {(str(s), str(p).rsplit("#")[-1], str(o)) for s, p, o in curated.graph if p in relations}
    assert {(u, k, v) for u, v, k in G.edges(keys=True)} == triples


def test_every_edge_carries_its_claims(curated: Build, G: nx.MultiDiGraph) -> None:
    claims = sum(len(d["claims"]) for _, _, d in G.edges(data=True))
    assert claims == curated.report["claims"]
    halted = claims_of(G, ID + "intel", ID + "russia", "exportsTo")
    assert {c.status for c in halted} == {"Halted"}
    assert "devdiscourse-2022-03-04-intel" in {s for c in halted for s in c.sources}


def test_nodes_have_class_and_label(G: nx.MultiDiGraph) -> None:
    assert G.nodes[ID + "qualcomm"] == {"cls": "ChipSupplier", "label": "Qualcomm"}
    assert label_of(G, ID + "mofcom").startswith("Ministry of Commerce")


def test_the_input_is_not_changed(curated: Build) -> None:
    before = len(curated.graph)
    project(curated.graph)
    assert len(curated.graph) == before
    store = open_store(curated)
    size = len(store)
    project(store)
    assert len(store) == size


def test_a_store_and_a_graph_give_the_same_projection(curated: Build, G: nx.MultiDiGraph) -> None:
    other = project(open_store(curated))
    assert nx.utils.edges_equal(sorted(G.edges(keys=True)), sorted(other.edges(keys=True)))
    assert dict(G.nodes(data=True)) == dict(other.nodes(data=True))


def test_an_empty_store_projects_to_an_empty_graph() -> None:
    assert project(ox.Store()).number_of_nodes() == 0


CLAIMS = """
PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?claim ?s ?p ?o ?status ?stance ?product ?start ?end ?precision ?source ?quote ?unverified WHERE {
  ?claim a skg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?claim skg:status ?status }
  OPTIONAL { ?claim skg:stance ?stance }
  OPTIONAL { ?claim skg:product ?product }
  OPTIONAL { ?claim skg:startDate ?start }
  OPTIONAL { ?claim skg:endDate ?end }
  OPTIONAL { ?claim skg:startPrecision ?precision }
  OPTIONAL { ?claim skg:source ?source }
  OPTIONAL { ?claim skg:quote ?quote }
  OPTIONAL { ?claim skg:unverified ?unverified }
}"""


def local(term: Any) -> str | None:
    return str(term.value).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if term is not None else None


def claims_by_query(store: ox.Store) -> dict[tuple[str, str, str], set[tuple[Any, ...]]]:
    """The claims as the plain SPARQL reading gives them: what the projection must agree with."""
    rows: dict[str, dict[str, Any]] = {}
    result = store.query(CLAIMS)
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        claim = rows.setdefault(row["claim"].value, {"sources": set()})
        claim["key"] = (row["s"].value, local(row["p"]), row["o"].value)
        for name in ("status", "stance", "product", "precision"):
            claim[name] = local(row[name])
        for name in ("start", "end", "quote", "unverified"):
            claim[name] = row[name].value if row[name] is not None else None
        if row["source"] is not None:
            claim["sources"].add(local(row["source"]))
    found: dict[tuple[str, str, str], set[tuple[Any, ...]]] = {}
    for iri, c in rows.items():
        found.setdefault(c["key"], set()).add(
            (
                local(ox.NamedNode(iri)),
                c["status"],
                c["stance"],
                c["product"],
                c["start"],
                c["end"],
                c["precision"],
                tuple(sorted(c["sources"])),
                c["quote"],
                c["unverified"] == "true",
            )
        )
    return found


def claims_by_projection(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], set[tuple[Any, ...]]]:
    return {
        (u, k, v): {
            (
                c.id,
                c.status,
                c.stance,
                c.product,
                c.start.isoformat() if c.start else None,
                c.end.isoformat() if c.end else None,
                c.precision,
                c.sources,
                c.quote,
                c.unverified,
            )
            for c in claims
        }
        for u, v, k, claims in G.edges(keys=True, data="claims")
        if claims
    }


@pytest.mark.parametrize("kind", ["curated", "generated"])
def test_the_claims_are_those_the_sparql_reading_gives(curated: Build, kind: str) -> None:
    if kind == "curated":
        store = open_store(curated)
    else:
        store = ox.Store()
        store.bulk_load(generated_ntriples(20_000, seed=5), format=ox.RdfFormat.N_TRIPLES)
    expected = claims_by_query(store)
    assert len(expected) > 40
    assert claims_by_projection(project(store)) == expected


def summary(G: nx.MultiDiGraph) -> tuple[Any, ...]:
    nodes = sorted((n, d.get("cls"), d.get("label")) for n, d in G.nodes(data=True))
    edges = sorted((u, k, v, repr(c)) for u, v, k, c in G.edges(keys=True, data="claims"))
    return nodes, edges, G.graph["relations"]


@pytest.mark.parametrize("kind", ["curated", "generated"])
def test_a_projection_around_a_node_is_that_part_of_the_whole(curated: Build, kind: str) -> None:
    if kind == "curated":
        store, centres = open_store(curated), [ID + "lenovo", ID + "us-government", ID + "russia"]
    else:
        store = ox.Store()
        store.bulk_load(generated_ntriples(8_000, seed=9), format=ox.RdfFormat.N_TRIPLES)
        centres = [ID + "oem-0", ID + "oem-17", ID + "supplier-3", ID + "government-1"]
    whole = project(store)
    for centre in centres:
        for depth in (0, 1, 2):
            part = nx.ego_graph(whole, centre, radius=depth, undirected=True)
            near = project_around(store, centre, depth)
            assert summary(near) == summary(part), (centre, depth)
            assert near.number_of_nodes() >= 1 + (depth > 0)
