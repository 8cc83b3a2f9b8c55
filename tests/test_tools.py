"""The project's own tools: the mutation score reads mutmut's results as mutmut prints them."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).parent.parent / "tools"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_mutation_score_examples() -> None:
    result = doctest.testmod(load("mutation_score"))
    assert result.attempted >= 2
    assert result.failed == 0


def test_the_mutation_score_of_a_module() -> None:
    score = load("mutation_score")
    results = "\n".join(
        [
            "    graph.reach.x_source_cone__mutmut_1: killed",
            "    graph.reach.x_source_cone__mutmut_2: timeout",
            "    graph.reach.x_source_cone__mutmut_3: survived",
            "    graph.reach.x_source_cone__mutmut_4: no tests",
            "    graph.reach.x_source_cone__mutmut_5: not checked",
            "    graph.reachable.x_f__mutmut_1: killed",
        ]
    )
    found = score.statuses(results, "graph.reach")
    assert len(found) == 4
    lines = score.report("graph.reach", found)
    assert lines[0] == "graph.reach: 2 of 4 mutants killed (50.0 %)"
    assert lines[2:] == [
        "  survived: graph.reach.x_source_cone__mutmut_3",
        "  no tests: graph.reach.x_source_cone__mutmut_4",
    ]
