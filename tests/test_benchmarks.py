"""The benchmarks run (at a tiny size): a smoke test, not a measurement."""

from __future__ import annotations

import pytest

from benchmarks import sparql


def test_sparql_benchmark_prints_a_ratio_for_each_question(capsys: pytest.CaptureFixture[str]) -> None:
    sparql.main(["--triples", "3000"])
    lines = capsys.readouterr().out.splitlines()
    for name in sparql.QUESTIONS:
        [line] = [line for line in lines if line.startswith(name)]
        assert line.count("x") >= 3  # ratios against raw pyoxigraph, oxrdflib, rdflib
