"""The projection to networkx: complete, typed, and without touching its input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib.namespace import RDF

from graph import SKG, Build, open_store
from graph.analysis.projection import claims_of, label_of, products_made, project, project_around
from graph.generate.ntriples import generated_ntriples

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


SKG_NS = "https://w3id.org/sanctions-kg/ontology#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
BLANK = ox.BlankNode("unnamed")


def n(name: str) -> ox.NamedNode:
    return ox.NamedNode(name if "://" in name else ID + name)


def s(name: str) -> ox.NamedNode:
    return ox.NamedNode(SKG_NS + name)


def rdf(name: str) -> ox.NamedNode:
    return ox.NamedNode(RDF_NS + name)


def small_store(graph: ox.NamedNode | ox.DefaultGraph | None = None) -> list[ox.Quad]:
    """Two companies, one relation with two claims (statuses differing), one without any claim,
    an untyped endpoint, an entity of two classes and two labels, and a statement that is no claim."""
    where = graph or ox.DefaultGraph()
    triples: list[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (s("exportsTo"), rdf("type"), s("Relation")),
        (s("supplies"), rdf("type"), s("Relation")),
        (n("a"), rdf("type"), s("OEM")),
        (n("a"), LABEL, ox.Literal("A", language="en")),
        (n("a"), LABEL, ox.Literal("Ä", language="de")),
        (n("b"), rdf("type"), s("Country")),
        (n("b"), rdf("type"), s("Actor")),
        (n("b"), LABEL, ox.Literal("Zed", language="en")),
        (n("b"), LABEL, ox.Literal("Bee", language="en-GB")),
        (n("c"), rdf("type"), s("OEM")),
        (n("a"), s("exportsTo"), n("b")),
        (n("a"), s("supplies"), n("c")),
        (n("c"), s("exportsTo"), n("untyped")),
        (n("k1"), rdf("type"), s("Claim")),
        (n("k1"), rdf("subject"), n("a")),
        (n("k1"), rdf("predicate"), s("exportsTo")),
        (n("k1"), rdf("object"), n("b")),
        (n("k1"), s("status"), s("Halted")),
        (n("k1"), s("status"), s("Active")),
        (n("k1"), s("source"), n("src-2")),
        (n("k1"), s("source"), n("src-1")),
        (
            n("k1"),
            s("unverified"),
            ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ),
        (n("k2"), rdf("type"), s("Claim")),
        (n("k2"), rdf("subject"), n("a")),
        (n("k2"), rdf("predicate"), s("exportsTo")),
        (n("k2"), rdf("object"), n("b")),
        (
            n("k2"),
            s("endDate"),
            ox.Literal("2022-05-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ),
        (n("k3"), rdf("type"), s("Claim")),  # no object: not a claim the projection can place
        (n("k3"), rdf("subject"), n("a")),
        (n("k3"), rdf("predicate"), s("supplies")),
        (n("https://example.org/st"), rdf("type"), rdf("Statement")),  # reified, but no skg:Claim
        (n("https://example.org/st"), rdf("subject"), n("a")),
        (n("https://example.org/st"), rdf("predicate"), s("supplies")),
        (n("https://example.org/st"), rdf("object"), n("c")),
        (n("https://example.org/bare"), rdf("subject"), n("a")),  # not even typed
        (n("k5"), rdf("type"), s("Claim")),  # no subject
        (n("k5"), rdf("predicate"), s("exportsTo")),
        (n("k5"), rdf("object"), n("b")),
        (BLANK, rdf("type"), s("Claim")),  # a claim without a name is not read
        (BLANK, rdf("subject"), n("a")),
        (BLANK, rdf("predicate"), s("exportsTo")),
        (BLANK, rdf("object"), n("b")),
        # its real class sorts after the classes the projection leaves out, and after its link
        (n("zeb"), rdf("type"), s("Zebra")),
        (n("zeb"), rdf("type"), s("Source")),
        (n("zeb"), rdf("type"), s("TradeObservation")),
        (n("zeb"), rdf("type"), s("Claim")),
        (
            n("zeb"),
            ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
            n("http://www.wikidata.org/entity/Q1"),
        ),
        (n("zeb"), LABEL, ox.Literal("Zebra", language="en")),
        (n("zeb"), s("note"), ox.Literal("Aardvark", language="en")),
        (n("zeb"), s("supplies"), n("a")),
    ]
    return [ox.Quad(a, b, c, where) for a, b, c in triples]


def test_a_small_store_projected_exactly() -> None:
    store = ox.Store()
    store.extend(small_store())
    G = project(store)
    assert G.graph["relations"] == ("exportsTo", "supplies")
    assert dict(G.nodes(data=True)) == {
        ID + "a": {"cls": "OEM", "label": "A"},
        ID + "b": {"cls": "Actor", "label": "Bee"},  # the first class and English label by name
        ID + "c": {"cls": "OEM", "label": None},
        ID + "untyped": {"cls": None, "label": None},
        ID + "zeb": {"cls": "Zebra", "label": "Zebra"},
    }
    assert {(u, k, v): d["relation"] for u, v, k, d in G.edges(keys=True, data=True)} == {
        (ID + "a", "exportsTo", ID + "b"): "exportsTo",
        (ID + "a", "supplies", ID + "c"): "supplies",
        (ID + "c", "exportsTo", ID + "untyped"): "exportsTo",
        (ID + "zeb", "supplies", ID + "a"): "supplies",
    }
    k1, k2 = claims_of(G, ID + "a", ID + "b", "exportsTo")
    assert (k1.id, k1.status, k1.sources, k1.unverified, k1.end) == (
        "k1",
        "Active",
        ("src-1", "src-2"),
        True,
        None,
    )
    assert (k2.id, k2.status, k2.sources, k2.unverified, k2.end) == (
        "k2",
        None,
        (),
        False,
        dt.date(2022, 5, 1),
    )
    assert claims_of(G, ID + "a", ID + "c", "supplies") == ()  # k3 has no object; st is no claim
    assert claims_of(G, ID + "c", ID + "a", "supplies") == ()  # no such edge
    for centre, depth in ((ID + "a", 2), (ID + "c", 1), (ID + "untyped", 1), (ID + "zeb", 1)):
        near = project_around(store, centre, depth)
        assert summary(near) == summary(nx.ego_graph(G, centre, radius=depth, undirected=True)), centre
        assert dict(near.nodes(data=True)) == {node: G.nodes[node] for node in near}
        assert all(d["relation"] == k for _, _, k, d in near.edges(keys=True, data=True))


def test_only_the_default_graph_is_read() -> None:
    store = ox.Store()
    store.extend(small_store())
    before = summary(project(store))
    around = summary(project_around(store, ID + "a", 2))
    elsewhere = ox.NamedNode("https://example.org/elsewhere")
    store.extend(q for q in small_store(elsewhere) if q.subject != n("https://example.org/st"))
    store.add(ox.Quad(n("a"), s("exportsTo"), n("d"), elsewhere))
    store.add(ox.Quad(n("x"), s("exportsTo"), n("a"), elsewhere))
    store.add(ox.Quad(n("b"), s("supplies"), n("a"), elsewhere))
    store.add(ox.Quad(n("k1"), s("status"), s("Abandoned"), elsewhere))
    store.add(ox.Quad(n("b"), rdf("type"), s("Aardvark"), elsewhere))
    store.add(ox.Quad(n("b"), LABEL, ox.Literal("Aaa", language="en"), elsewhere))
    store.add(ox.Quad(n("k6"), rdf("type"), s("Claim"), elsewhere))
    store.add(ox.Quad(n("k6"), rdf("subject"), n("a"), elsewhere))
    store.add(ox.Quad(n("k6"), rdf("predicate"), s("exportsTo"), elsewhere))
    store.add(ox.Quad(n("k6"), rdf("object"), n("b"), elsewhere))
    store.add(ox.Quad(n("k4"), rdf("type"), s("Claim"), elsewhere))
    store.add(ox.Quad(n("d"), rdf("type"), s("SanctionsMeasure"), elsewhere))
    assert summary(project(store)) == before
    assert summary(project_around(store, ID + "a", 2)) == around


def test_labels_and_products_of_nodes(G: nx.MultiDiGraph) -> None:
    H = nx.MultiDiGraph()
    H.add_node(ID + "x", label=None)
    H.add_edge(ID + "x", ID + "laptops", key="makes")
    H.add_edge(ID + "x", ID + "phones", key="makes")
    H.add_edge(ID + "x", ID + "t", key="exportsTo")
    assert label_of(H, ID + "x") == "x"
    assert label_of(H, ID + "nowhere") == "nowhere"
    assert label_of(G, ID + "lenovo") == "Lenovo"
    assert products_made(H, ID + "x") == {"laptops", "phones"}
    assert products_made(H, ID + "t") == set()
