"""The build: deterministic, complete in its report, atomic in its writes, pure in its inputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from graph import ID, SKG, Build, build, default_data_dir, serialize, summarize, write_build
from graph.model.output import OUTPUT_FILES, atomic_write

BUILD_SCRIPT = "import sys; from graph import build, write_build; write_build(build(), sys.argv[1])"


def build_in_subprocess(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", BUILD_SCRIPT, str(out)], check=True, env=env)


def test_two_builds_are_byte_identical_across_processes(tmp_path: Path) -> None:
    build_in_subprocess(tmp_path / "a", "1")
    build_in_subprocess(tmp_path / "b", "2")
    for name in OUTPUT_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("sanctions-kg.ttl", ox.RdfFormat.TURTLE),
        ("sanctions-kg.nt", ox.RdfFormat.N_TRIPLES),
        ("sanctions-kg.jsonld", ox.RdfFormat.JSON_LD),
    ],
)
def test_outputs_parse_back_to_the_same_graph(
    build_dir: Path, curated: Build, name: str, fmt: ox.RdfFormat
) -> None:
    """Each file, read by another parser (Oxigraph's), is the graph that was built."""
    triples = ox.parse(path=str(build_dir / name), format=fmt)
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert ntriples is not None
    parsed = Graph().parse(data=ntriples.decode("utf-8"), format="nt")
    assert isomorphic(parsed, curated.graph), name


def test_report_counts_match_the_graph(build_dir: Path, curated: Build) -> None:
    report = json.loads((build_dir / "report.json").read_text(encoding="utf-8"))
    graph = curated.graph
    assert report["triples"] == len(graph)
    assert report["claims"] == len(set(graph.subjects(RDF.type, SKG.Claim)))
    assert report["sources"] == len(set(graph.subjects(RDF.type, SKG.Source)))
    assert report["relations"]["exportsTo"] == len(list(graph.triples((None, SKG.exportsTo, None))))
    assert report["classes"]["OEM"] == 4


def test_each_claim_is_also_a_direct_triple(curated: Build) -> None:
    graph = curated.graph
    for claim in graph.subjects(RDF.type, SKG.Claim):
        s = graph.value(claim, RDF.subject)
        p = graph.value(claim, RDF.predicate)
        o = graph.value(claim, RDF.object)
        assert (s, p, o) in graph, claim


def test_halted_relation_keeps_its_triple(curated: Build) -> None:
    assert (ID.intel, SKG.exportsTo, ID.russia) in curated.graph


def test_month_precision_dates(curated: Build) -> None:
    claim = ID["c-dji-suspends-russia"]
    assert str(curated.graph.value(claim, SKG.startDate)) == "2022-04-01"
    assert curated.graph.value(claim, SKG.startPrecision) == SKG.Month
    exact = ID["c-bis-sanctions-russia"]
    assert curated.graph.value(exact, SKG.startPrecision) is None


def test_labels_in_three_languages(curated: Build) -> None:
    langs = {getattr(lit, "language", None) for lit in curated.graph.objects(ID.russia, RDFS.label)}
    assert langs == {"en", "zh", "ru"}


def test_summarize_does_not_change_the_graph(curated: Build) -> None:
    before = len(curated.graph)
    summarize(curated.graph, curated.ontology)
    serialize(curated)
    assert len(curated.graph) == before


def test_build_does_not_touch_its_input(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    build(data)
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_atomic_write_leaves_nothing_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    real_fdopen = os.fdopen
    calls = {"n": 0}

    def failing_fdopen(fd: int, mode: str = "r") -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            os.close(fd)
            raise OSError("disk full")
        return real_fdopen(fd, mode)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(OSError, match="disk full"):
        atomic_write({"a.txt": b"new a", "b.txt": b"new b"}, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old a"


def test_write_build_writes_every_output(tmp_path: Path, curated: Build) -> None:
    paths = write_build(curated, tmp_path / "out")
    assert sorted(p.name for p in paths) == sorted(OUTPUT_FILES)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUT_FILES)
