"""The projection to networkx: complete, typed, and without touching its input."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from graph import SKG, Build, open_store
from graph.network import claims_of, label_of, project

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
