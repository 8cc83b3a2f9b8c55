"""The project's own tools: the mutation run's configuration and its score."""

from __future__ import annotations

import doctest
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mutants() -> ModuleType:
    return load("mutants")


def test_the_examples_of_the_mutation_tool(mutants: ModuleType) -> None:
    result = doctest.testmod(mutants)
    assert result.attempted >= 4
    assert result.failed == 0


def test_every_mirror_test_named_exists_and_every_module_named_too(mutants: ModuleType) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    named = config["tool"]["sanctions-kg"]["mutants"]
    assert "graph/analysis/asof.py" in named
    for module in named:
        assert (ROOT / module).is_file(), module
        for test in mutants.mirror_tests(config, module):
            assert (ROOT / test).is_file(), (module, test)


def test_a_run_on_one_module_keeps_the_rest_of_the_configuration(mutants: ModuleType) -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    table = mutants.mutmut_table(
        config["tool"]["mutmut"], "graph/analysis/reach.py", ["tests/analysis/test_reach.py"]
    )
    rewritten = tomllib.loads(mutants.TABLE.sub(table, text, count=1))
    assert rewritten["tool"]["mutmut"] == {
        **config["tool"]["mutmut"],
        "only_mutate": ["graph/analysis/reach.py"],
        "pytest_add_cli_args_test_selection": ["tests/analysis/test_reach.py"],
    }
    assert {k: v for k, v in rewritten.items() if k != "tool"} == {
        k: v for k, v in config.items() if k != "tool"
    }
    assert rewritten["tool"]["sanctions-kg"] == config["tool"]["sanctions-kg"]


def test_the_score_of_a_module(mutants: ModuleType) -> None:
    results = "\n".join(
        [
            "    graph.analysis.reach.x_source_cone__mutmut_1: killed",
            "    graph.analysis.reach.x_source_cone__mutmut_2: timeout",
            "    graph.analysis.reach.x_source_cone__mutmut_3: survived",
            "    graph.analysis.reach.x_source_cone__mutmut_4: no tests",
            "    graph.analysis.reach.x_source_cone__mutmut_5: not checked",
            "    graph.reachable.x_f__mutmut_1: killed",
        ]
    )
    found = mutants.statuses(results, "graph.analysis.reach")
    assert len(found) == 4
    lines = mutants.report("graph.analysis.reach", found)
    assert lines[0] == "graph.analysis.reach: 2 of 4 mutants killed (50.0 %)"
    assert lines[2:] == [
        "  survived: graph.analysis.reach.x_source_cone__mutmut_3",
        "  no tests: graph.analysis.reach.x_source_cone__mutmut_4",
    ]
