"""The generator: seeded, streamed, shaped like the curated graph and valid under its shapes."""

from __future__ import annotations

import statistics
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from graph import QueryError, default_ontology_dir, load_ontology
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.generate.ntriples import generate_lines, generated_ntriples, write_generated
from graph.model.shacl import shape_problems
from tests.conftest import SKG, cli

ENDS = {
    "supplies": ({"ChipSupplier"}, {"OEM"}),
    "exportsTo": ({"OEM", "ChipSupplier"}, {"Country"}),
    "pressures": ({"Government"}, {"OEM", "ChipSupplier"}),
    "sanctions": ({"Government"}, {"Country"}),
    "headquarteredIn": ({"OEM", "ChipSupplier"}, {"Country"}),
    "makes": ({"OEM"}, {"ProductCategory"}),
    "governs": ({"Government"}, {"Country"}),
    "partOf": ({"Government"}, {"Government"}),
    "issuedBy": ({"SanctionsMeasure", "Countermeasure"}, {"Government"}),
}
"""Each relation generated, with the classes of its subjects and of its objects."""


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    store = ox.Store()
    store.bulk_load(generated_ntriples(50_000, seed=3), format=ox.RdfFormat.N_TRIPLES)
    return project(store)


def in_degrees(G: nx.MultiDiGraph, relation: str, cls: str) -> Counter[str]:
    """For each node of class ``cls``, its number of ``relation`` edges in."""
    found = Counter(v for _, v, key in G.edges(keys=True) if key == relation)
    return Counter({node: found[node] for node, c in G.nodes(data="cls") if c == cls})


def out_degrees(G: nx.MultiDiGraph, relation: str, cls: str) -> Counter[str]:
    """For each node of class ``cls``, its number of ``relation`` edges out."""
    found = Counter(u for u, _, key in G.edges(keys=True) if key == relation)
    return Counter({node: found[node] for node, c in G.nodes(data="cls") if c == cls})


Degrees = Callable[[nx.MultiDiGraph, str, str], Counter[str]]


def with_ontology(data: str) -> Graph:
    graph = Graph()
    for triple in load_ontology(default_ontology_dir()).graph:
        graph.add(triple)
    return graph.parse(data=data, format="nt")


def test_the_same_seed_gives_the_same_lines_and_another_seed_others() -> None:
    one = "".join(generate_lines(2000, seed=7))
    assert one == "".join(generate_lines(2000, seed=7))
    assert one != "".join(generate_lines(2000, seed=8))


def test_a_sample_with_every_qualifier_passes_the_shapes() -> None:
    data = "".join(generate_lines(300, seed=0))
    for term in ("stance", "product", "startDate", "endDate", "startPrecision", "measure", "quote"):
        assert f"<{SKG}{term}>" in data, term
    for cls in ("Countermeasure", "SanctionsMeasure", "TradeObservation", "Source"):
        assert f"<{SKG}{cls}> .\n" in data, cls
    onto = load_ontology(default_ontology_dir())
    assert list(shape_problems(with_ontology(data), onto, {}, {})) == []


def test_the_shapes_do_see_a_generated_claim_without_a_source() -> None:
    graph = with_ontology("".join(generate_lines(40, seed=0)))
    claim = URIRef("https://w3id.org/sanctions-kg/id/claim-0")
    graph.remove((claim, URIRef(f"{SKG}source"), None))
    kinds = {p.kind for p in shape_problems(graph, load_ontology(default_ontology_dir()), {}, {})}
    assert "shacl-min-count" in kinds  # the claim's own shape
    assert "shacl-sparql" in kinds  # its relation triple now has no sourced claim


def test_the_projection_has_every_class_and_relation_each_edge_sourced(G: nx.MultiDiGraph) -> None:
    classes = {cls for _, cls in G.nodes(data="cls")}
    assert {"Government", "Country", "OEM", "ChipSupplier", "ProductCategory", "SanctionsMeasure"} <= classes
    assert all(label for _, label in G.nodes(data="label"))  # no edge to an entity never stated
    assert {key for _, _, key in G.edges(keys=True)} == set(ENDS)
    for u, v, key, claims in G.edges(keys=True, data="claims"):
        subjects, objects = ENDS[key]
        assert G.nodes[u]["cls"] in subjects, (u, key, v)
        assert G.nodes[v]["cls"] in objects, (u, key, v)
        assert any(claim.sources for claim in claims), (u, key, v)
        if key == "pressures":
            assert all(claim.stance for claim in claims), (u, key, v)


@pytest.mark.parametrize(
    ("degrees", "relation", "cls"),
    [
        (out_degrees, "supplies", "ChipSupplier"),
        (in_degrees, "exportsTo", "Country"),
        (out_degrees, "pressures", "Government"),
    ],
)
def test_degrees_are_heavy_tailed(G: nx.MultiDiGraph, degrees: Degrees, relation: str, cls: str) -> None:
    counts = list(degrees(G, relation, cls).values())
    assert max(counts) >= 5 * statistics.median(counts), sorted(counts)


def test_the_busiest_government_reaches_the_biggest_importer(G: nx.MultiDiGraph) -> None:
    [(government, _)] = out_degrees(G, "pressures", "Government").most_common(1)
    [(country, _)] = in_degrees(G, "exportsTo", "Country").most_common(1)
    chains = pressure_chains(G, government, country, max_hops=3)
    chain = next(c for c in chains if c.relations == ("pressures", "supplies", "exportsTo"))
    assert chain.nodes[0] == government
    assert chain.nodes[-1] == country


def peak_memory(relations: int) -> int:
    tracemalloc.start()
    try:
        for _ in generate_lines(relations, seed=1):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_relations() -> None:
    small, large = peak_memory(2_000), peak_memory(40_000)
    assert large < 2 * small, (small, large)


@pytest.mark.parametrize("triples", [3_000, 30_000, 300_000])
def test_generated_ntriples_gives_about_the_triples_asked_for(triples: int) -> None:
    store = ox.Store()
    store.bulk_load(generated_ntriples(triples), format=ox.RdfFormat.N_TRIPLES)
    assert abs(len(store) - triples) <= triples / 10, len(store)


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: generate_lines(0), "relations"),
        (lambda: generate_lines(10, seed=-1), "seed"),
        (lambda: generated_ntriples(-5), "triples"),
        (lambda: write_generated(Path("never-written.nt"), 0), "relations"),
    ],
)
def test_bad_input_names_its_parameter_at_once(call: Callable[[], object], parameter: str) -> None:
    with pytest.raises(QueryError) as caught:
        call()
    assert caught.value.parameter == parameter
    assert not Path("never-written.nt").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    out = tmp_path / "graph.nt"
    out.write_text("old\n", encoding="utf-8")

    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_generated(out, 20_000, progress=interrupt)
    assert list(tmp_path.iterdir()) == [out]
    assert out.read_text(encoding="utf-8") == "old\n"


def test_write_generated_reports_progress_up_to_the_relations(tmp_path: Path) -> None:
    seen: list[int] = []
    write_generated(tmp_path / "graph.nt", 20_000, progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 20_000
    assert len(seen) > 2


def test_the_command_writes_what_write_generated_writes(tmp_path: Path) -> None:
    out = tmp_path / "cli.nt"
    result = cli("generate", "--relations", "300", "--seed", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}"
    assert out.read_bytes() == write_generated(tmp_path / "api.nt", 300, seed=1).read_bytes()


def test_the_command_refuses_zero_relations_and_writes_nothing(tmp_path: Path) -> None:
    result = cli("generate", "--relations", "0", "--out", str(tmp_path / "graph.nt"))
    assert result.returncode == 1
    assert "parameter 'relations'" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_command_reports_an_unwritable_out_on_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = cli("generate", "--relations", "10", "--out", str(blocker / "graph.nt"))
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error:")
