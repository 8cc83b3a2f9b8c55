"""The benchmarks run (at a tiny size): a smoke test, not a measurement."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import chains, imports, sparql, views
from graph.view.data import view_data


def test_sparql_benchmark_prints_a_ratio_for_each_question(capsys: pytest.CaptureFixture[str]) -> None:
    sparql.main(["--triples", "3000"])
    lines = capsys.readouterr().out.splitlines()
    for name in sparql.QUESTIONS:
        [line] = [line for line in lines if line.startswith(name)]
        assert line.count("x") >= 3  # ratios against raw pyoxigraph, oxrdflib, rdflib


def test_chains_benchmark_prints_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    chains.main(["--triples", "3000", "--max-hops", "3"])
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split()[:6] == ["triples", "project", "(s)", "index", "(s)", "question"]
    assert len(lines) == 4  # one line a question
    assert all(line.count("x") == 4 for line in lines)  # networkx, rustworkx, SPARQL, unindexed


def test_chains_benchmark_counts_the_same_chains_every_way() -> None:
    import pyoxigraph as ox

    from benchmarks.generated import generate
    from graph.analysis.index import chain_index
    from graph.analysis.pattern import DEFAULT_PATTERN, compile_pattern
    from graph.analysis.projection import project
    from graph.analysis.search import pressure_chains

    store = ox.Store()
    store.bulk_load(generate(5000, seed=3), format=ox.RdfFormat.N_TRIPLES)
    G = project(store)
    s, t = chains.ends(G)
    pattern = compile_pattern(DEFAULT_PATTERN, G.graph["relations"])
    ours = sum(1 for _ in pressure_chains(G, s, t, max_hops=4))
    assert ours > 0
    assert sum(1 for _ in pressure_chains(G, s, t, max_hops=4, index=chain_index(G))) == ours
    assert chains.networkx_paths(G, pattern, s, t, 4) == ours
    assert chains.rustworkx_paths(chains.Rustworkx.of(G), G, pattern, s, t, hops=4) == ours
    result = store.query(chains.sparql_chains(pattern, 4, s, t))
    assert sum(1 for _ in result) == ours  # type: ignore[union-attr,misc]


def test_views_benchmark_prints_a_ratio_a_size(capsys: pytest.CaptureFixture[str]) -> None:
    views.main(["--nodes", "50", "120"])
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["nodes", "edges", "ours", "(s)", "add_node"]
    assert [line.split()[0] for line in lines] == ["50", "120"]
    assert all(line.endswith("x") for line in lines)


def test_views_benchmark_draws_the_same_graph_both_ways() -> None:
    G = views.sample_graph(60, seed=2)
    data = view_data(G)
    net = views.pyvis_network(data)
    assert [n["id"] for n in net.nodes] == [n["id"] for n in data["nodes"]] == sorted(G)
    assert len(net.edges) == len(data["edges"]) == G.number_of_edges()


def test_the_runner_writes_json_and_a_chart_of_the_families_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.__main__ import FAMILIES, main

    # The other families have smoke tests of their own above; here the runner itself is tested.
    assert set(FAMILIES) == {"load", "questions", "chains", "view", "startup"}
    records = main(["--triples", "3000", "--families", "load", "view", "--out", str(tmp_path)])
    saved = json.loads((tmp_path / "results.json").read_text())
    assert saved == records
    assert {r["family"] for r in saved} == {"load", "view"}
    loads = {r["way"]: r for r in saved if r["family"] == "load"}
    assert set(loads) == {"ours-disk", "ours-memory", "pyoxigraph-disk", "pyoxigraph-memory", "rdflib"}
    assert len({r["triples"] for r in loads.values()}) == 1  # every way loaded the same triples
    assert all(r["peak_bytes"] > 0 and r["seconds"] > 0 for r in loads.values())
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")
    assert "wrote" in capsys.readouterr().out


def test_startup_benchmark_times_every_help_and_two_commands_against_the_baseline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from benchmarks import startup

    records = startup.main(["--repeat", "1"])
    names = [r["command"] for r in records]
    assert len(names) == len(startup.COMMANDS) + 2
    assert names[0] == "sanctions-kg --help"
    assert {"sanctions-kg chains us-government russia --graph <build>"} <= set(names)
    for r in records:
        assert r["ratio"] == r["seconds"]["ours"] / r["seconds"]["baseline"]
        assert r["seconds"]["typer_app"] > 0
        assert r["peak_bytes"] > 0
    printed = capsys.readouterr().out
    assert printed.startswith("baseline: python -c 'import typer, rich'")
    assert printed.count("x baseline") == len(records)
    assert printed.count("x typer_app") == len(records)


def test_a_command_that_fails_is_an_error_not_a_timing() -> None:
    from benchmarks.startup import run_once

    with pytest.raises(RuntimeError, match="exited with 3"):
        run_once([sys.executable, "-c", "raise SystemExit(3)"])


def test_imports_benchmark_prints_ratios_and_its_files_import_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.importers.common import Known
    from graph.importers.ftm.run import import_ftm
    from graph.importers.trade.run import import_trade

    records = imports.main(["--lines", "200"])
    assert [(r["family"], r["size"]) for r in records] == [
        ("import-ftm", 20), ("import-ftm", 200), ("import-trade", 20), ("import-trade", 200),
    ]  # fmt: skip
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split()[:3] == ["format", "lines", "ours"]
    assert all(line.count("x") == 2 for line in lines[:4])  # time and memory against the baseline
    assert [line.split(":")[0] for line in lines[4:]] == ["ftm", "trade"]
    # the generated files are what the benchmark claims: every line imported, nothing left out
    ftm = import_ftm(imports.synthetic_ftm(tmp_path / "f.jsonl", 200), tmp_path / "f.nt", known=Known())
    assert (ftm.read, ftm.skipped, ftm.left_out, ftm.outside) == (200, [], {}, {})
    assert ftm.relations > 100
    trade = import_trade(imports.synthetic_trade(tmp_path / "t.csv", 240), tmp_path / "t.nt", known=Known())
    assert (trade.read, trade.skipped, trade.left_out, trade.read_as) == (240, [], {}, "UN Comtrade API")
    assert trade.relations == 2 * 240 - 2 - 2 * 12  # month on month and year on year, two series


def test_cone_benchmark_finds_the_same_chains_every_way(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import cone

    records = cone.main(["--relations", "2000", "--max-hops", "3"])
    found = {r["command"]: r["chains"] for r in records if r["chains"] is not None}
    assert set(found) == {
        "chains (ours)", "one SPARQL query, raw pyoxigraph", "networkx all_simple_edge_paths",
        "whole projection + pressure_chains", "chains --endpoint",
    }  # fmt: skip
    assert len(set(found.values())) == 1
    assert found["chains (ours)"] > 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(1 for line in lines if line.rstrip().endswith("x")) == 3  # a ratio a baseline
    assert "of the embedded store's time" in lines[-1]


def test_ownership_benchmark_captures_the_same_entities_both_ways(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import ownership

    records = ownership.main(["--stakes", "3000", "--listed", "30"])
    captured = {r["command"]: r["captured"] for r in records}
    assert set(captured) == {"ours", "sparql"}
    assert captured["ours"] == captured["sparql"] > 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].rstrip().endswith("x")  # the ratio
    assert not any("disagree" in line for line in lines)
