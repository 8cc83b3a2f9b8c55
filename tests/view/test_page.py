"""The view's data and page, without a browser: what is drawn, how, and that nothing leaks."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

from graph import Build, QueryError, default_ontology_dir
from graph.analysis.asof import graph_as_of
from graph.analysis.claims import Claim
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.model.namespace import SKG
from graph.view.data import view_data
from graph.view.layout import LAYOUT_ABOVE
from graph.view.page import write_view
from graph.view.render import render_view
from graph.view.style import load_view_style
from tests.conftest import ID, cli

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "</script><script>alert(3)</script>",
    '"><svg onload=alert(4)>',
    "' onmouseover='alert(5)' x='",
    '<a href="javascript:alert(6)">href</a>',
    "{{ 7 * 7 }} {% raw %}",
    "line\u2028separator &amp; <!-- -->",
]


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)


def payload(html: str) -> dict[str, object]:
    """The JSON the page draws from, read back the way the page reads it."""
    found = re.search(r'<script id="view-data" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_every_class_relation_and_status_of_the_ontology_has_a_style(G: nx.MultiDiGraph) -> None:
    style = load_view_style()
    ontology = Graph().parse(default_ontology_dir() / "sanctions.ttl")
    relations = {str(r).removeprefix(str(SKG)) for r in ontology.subjects(RDF.type, SKG.Relation)}
    statuses = {str(s).removeprefix(str(SKG)) for s in ontology.subjects(RDF.type, SKG.Status)}
    assert relations <= set(style.relations), relations - set(style.relations)
    assert statuses == set(style.statuses)
    assert {cls for _, cls in G.nodes(data="cls")} <= set(style.classes)


def test_the_data_draw_every_entity_and_relation_with_its_claims(G: nx.MultiDiGraph) -> None:
    data = view_data(G)
    nodes, edges = data["nodes"], data["edges"]
    assert {n["id"] for n in nodes} == set(G)
    assert sorted((e["from"], e["relation"], e["to"]) for e in edges) == sorted(
        (u, k, v) for u, v, k in G.edges(keys=True)
    )
    style = load_view_style()
    lenovo = next(n for n in nodes if n["id"] == ID + "lenovo")
    assert (lenovo["color"], lenovo["shape"], lenovo["cls"]) == (
        style.classes["OEM"]["color"],
        style.classes["OEM"]["shape"],
        "OEM",
    )
    halted = [e for e in edges if "Halted" in e["statuses"]]
    assert halted
    assert all(e["status"] == "Halted" and e["dashes"] == style.statuses["Halted"]["dashes"] for e in halted)
    assert style.statuses["Halted"]["dashes"] != style.statuses["Active"]["dashes"]
    first = next(e for e in edges if e["from"] == ID + "lenovo" and e["to"] == ID + "russia")
    claims = G[ID + "lenovo"][ID + "russia"]["exportsTo"]["claims"]
    for claim in claims:
        assert all(source in first["title"] for source in claim.sources)
        assert claim.quote is None or claim.quote in first["title"]
    assert data["dates"] is not None
    assert data["dates"][0] <= data["dates"][1]
    assert data["chains"] is None
    assert {item["name"] for item in data["legend"]["classes"]} == {n["cls"] for n in nodes}


def test_chains_are_highlighted_and_the_rest_dimmed(G: nx.MultiDiGraph) -> None:
    us, russia = ID + "us-government", ID + "russia"
    chains = list(pressure_chains(G, us, russia))
    data = view_data(G, chains=chains)
    on = {node for chain in chains for node in chain.nodes}
    assert {n["id"] for n in data["nodes"] if n["chain"]} == on
    assert [c["text"] for c in data["chains"]] == [c.describe(G) for c in chains]
    lit = {n["color"] for n in data["nodes"] if n["chain"]}
    dim = {n["color"] for n in data["nodes"] if not n["chain"]}
    assert len(dim) == 1
    assert not lit & dim
    hops = {hop.triple for chain in chains for hop in chain.hops}
    assert {(e["from"], e["relation"], e["to"]) for e in data["edges"] if e["chain"]} == hops


def test_the_view_does_not_change_the_graph(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    before = copy.deepcopy(G)
    write_view(G, tmp_path / "v.html", chains=("us-government", "russia"), product="laptops", focus="lenovo")
    assert nx.utils.graphs_equal(G, before)
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))


def test_focus_product_and_as_of_choose_what_is_drawn(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = payload(write_view(G, tmp_path / "f.html", focus="lenovo", depth=1).read_text())
    drawn = {n["id"] for n in page["nodes"]}  # type: ignore[attr-defined]
    assert drawn == {ID + "lenovo", *G.successors(ID + "lenovo"), *G.predecessors(ID + "lenovo")}
    page = payload(write_view(G, tmp_path / "p.html", product="laptops").read_text())
    drawn = {n["id"] for n in page["nodes"]}  # type: ignore[attr-defined]
    assert ID + "laptops" in drawn
    assert ID + "smartphones" not in drawn
    for edge in page["edges"]:  # type: ignore[attr-defined]
        claims = G[edge["from"]][edge["to"]][edge["relation"]]["claims"]
        assert any(c.product in (None, "laptops") for c in claims)
    for day in (dt.date(2022, 1, 1), dt.date(2022, 4, 1)):
        page = payload(write_view(G, tmp_path / "d.html", as_of=day).read_text())
        assert page["title"] == f"sanctions-kg: as of {day.isoformat()}"
        H = graph_as_of(G, day)
        drawn_edges = {(e["from"], e["relation"], e["to"]): e for e in page["edges"]}  # type: ignore[attr-defined]
        assert set(drawn_edges) == {(u, k, v) for u, v, k in H.edges(keys=True)}
        assert len(drawn_edges) < G.number_of_edges()
        for (u, relation, v), edge in drawn_edges.items():
            claims = H.edges[u, v, relation]["claims"]
            assert edge["statuses"] == sorted({c.status for c in claims if c.status})
        assert {n["id"] for n in page["nodes"]} == set(G)  # type: ignore[attr-defined]
    lenovo_russia = (ID + "lenovo", "exportsTo", ID + "russia")
    drawn = {(e["from"], e["relation"], e["to"]) for e in page["edges"]}  # type: ignore[attr-defined]
    assert lenovo_russia not in drawn  # halted by 2022-04-01


def test_the_page_needs_no_network_and_no_bootstrap(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = write_view(G, tmp_path / "v.html").read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "bootstrap" not in html.lower()
    assert "default-src 'none'" in html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_labels_and_quotes_are_escaped(text: str) -> None:
    G = nx.MultiDiGraph(relations=("pressures",))
    G.add_node("a", cls="Government", label=text)
    G.add_node("b", cls="OEM", label="B")
    G.add_edge(
        "a", "b", key="pressures", relation="pressures", claims=(Claim("c", quote=text, sources=(text,)),)
    )
    html = render_view(view_data(G, title=text))
    before, rest = html.split('<script id="view-data" type="application/json">')
    carried, after = rest.split("</script>", 1)
    assert not re.search("[<>&\u2028]", carried)  # nothing in the data can end its script element
    if re.search("[<>&\"']", text):
        assert text not in before
        assert text not in after
    else:
        assert f'<h1 id="title">{text}</h1>' in before  # shown as it is, not evaluated
    data = payload(html)
    assert data["title"] == text
    assert data["nodes"][0]["label"] == text  # type: ignore[index]
    assert text in data["edges"][0]["title"]  # type: ignore[index]


def test_the_same_graph_gives_the_same_page(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    one = write_view(G, tmp_path / "1.html", chains=("us-government", "russia")).read_bytes()
    two = write_view(G, tmp_path / "2.html", chains=("us-government", "russia")).read_bytes()
    assert one == two


def test_large_graphs_get_a_layout_and_no_physics() -> None:
    G = nx.MultiDiGraph()
    for i in range(LAYOUT_ABOVE + 1):
        G.add_node(f"n{i}", cls=["Government", "ChipSupplier", "OEM", "Country"][i % 4])
    small = view_data(G.subgraph([f"n{i}" for i in range(10)]))
    large = view_data(G)
    assert small["options"]["physics"]["enabled"]
    assert "x" not in small["nodes"][0]
    assert not large["options"]["physics"]["enabled"]
    xs = {n["cls"]: n["x"] for n in large["nodes"]}
    assert xs["Government"] < xs["ChipSupplier"] < xs["OEM"] < xs["Country"]
    assert len({(n["x"], n["y"]) for n in large["nodes"]}) == G.number_of_nodes()


def test_bad_options_name_the_parameter_and_write_nothing(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    out.write_text("before")
    for options, parameter in [
        ({"focus": "lenovoo"}, "focus"),
        ({"depth": -1}, "depth"),
        ({"product": "laptopz"}, "product"),
        ({"chains": ("us-government", "rusia")}, "chains target"),
        ({"height": 0}, "height"),
    ]:
        with pytest.raises(QueryError) as error:
            write_view(G, out, **options)  # type: ignore[arg-type]
        assert error.value.parameter == parameter
    assert out.read_text() == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.html"]


def test_view_command(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    graph = str(build_dir / "sanctions-kg.nt")
    done = cli("view", "--graph", graph, "--out", str(out), "--chains", "us-government", "russia")
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    assert len(payload(out.read_text())["chains"]) == 9  # type: ignore[arg-type]
    for args, message in [
        (["--focus", "lenovoo"], "parameter 'focus': no entity 'lenovoo' in the graph; did you mean: lenovo"),
        (["--as-of", "2022-13-01"], "parameter 'as-of'"),
        (["--depth", "11"], "parameter 'depth'"),
    ]:
        failed = cli("view", "--graph", graph, "--out", str(tmp_path / "no.html"), *args)
        assert failed.returncode == 1
        assert message in failed.stderr
        assert "Traceback" not in failed.stderr
    assert not (tmp_path / "no.html").exists()
    (tmp_path / "a-file").write_text("")
    failed = cli("view", "--graph", graph, "--out", str(tmp_path / "a-file" / "graph.html"))
    assert failed.returncode == 1
    assert failed.stderr.startswith("error: ")
    assert "a-file" in failed.stderr
    assert "Traceback" not in failed.stderr
