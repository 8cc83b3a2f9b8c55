"""Mutation testing of one module against the tests that mirror it (mutmut), and its score.

``python tools/mutants.py graph/analysis/asof.py`` copies the project into ``build/mutation/asof/``,
writes there a ``[tool.mutmut]`` that mutates only that module and runs only its mirror tests
(``[tool.sanctions-kg.mutants]`` in ``pyproject.toml`` names them; by default the test named after
it in the same folder of ``tests/``, ``tests/analysis/test_asof.py``), runs ``mutmut run`` in the
copy, and prints how many mutants the tests killed and each survivor (``mutmut show NAME`` in
that folder shows it). A timeout counts as killed: the mutant made the search run away.
``--whole-suite`` runs every test of the project's own ``[tool.mutmut]`` selection instead, to
see whether a survivor dies elsewhere.
Each run starts afresh (mutmut's own reuse of earlier results kept stale verdicts for
functions whose tests had changed).

A line whose mutants no test can tell from it (they only change speed, say) carries
``# pragma: no mutate`` and a comment saying why, so it makes no mutants and is not counted.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("graph", "tests", "data", "ontology", "benchmarks", "tools", "README.md", "pyproject.toml")
KILLED = frozenset({"killed", "timeout", "caught by type check"})
TABLE = re.compile(r"^\[tool\.mutmut\]\n(?:(?!\[).*\n|\n)*", re.M)


def mirror_tests(config: dict[str, Any], module: str) -> list[str]:
    """The tests that mirror ``module`` (``graph/analysis/asof.py``), as the project's
    configuration names them; by default ``tests/<folder>/test_<module>.py`` for
    ``graph/<folder>/<module>.py``, and ``tests/test_<module>.py`` for a module of ``graph/`` itself.

    >>> mirror_tests({"tool": {"sanctions-kg": {"mutants": {"graph/a.py": ["tests/t.py"]}}}}, "graph/a.py")
    ['tests/t.py']
    >>> mirror_tests({}, "graph/analysis/asof.py")
    ['tests/analysis/test_asof.py']
    >>> mirror_tests({}, "graph/errors.py")
    ['tests/test_errors.py']
    """
    named = config.get("tool", {}).get("sanctions-kg", {}).get("mutants", {})
    path = Path(module)
    folder = Path("tests", *path.parent.parts[1:])
    return list(named.get(module, [(folder / f"test_{path.stem}.py").as_posix()]))


def mutmut_table(base: dict[str, Any], module: str, tests: list[str] | None) -> str:
    """The ``[tool.mutmut]`` of a run on ``module``: the project's, mutating only that module,
    and with ``tests`` as the selection (the project's own when ``None``).

    >>> print(mutmut_table({"source_paths": ["graph"]}, "graph/a.py", ["tests/t.py"]))
    [tool.mutmut]
    source_paths = ["graph"]
    only_mutate = ["graph/a.py"]
    pytest_add_cli_args_test_selection = ["tests/t.py"]
    <BLANKLINE>
    """
    table = {**base, "only_mutate": [module]}
    if tests is not None:
        table["pytest_add_cli_args_test_selection"] = tests
    lines = ["[tool.mutmut]", *(f"{key} = {json.dumps(value)}" for key, value in table.items())]
    return "\n".join(lines) + "\n"


def statuses(results: str, module: str) -> dict[str, str]:
    """Each mutant of ``module`` (``graph.analysis.asof``) in the text of ``mutmut results --all true``,
    with its status; mutants not run yet are left out.

    >>> statuses("    graph.analysis.asof.x_f__mutmut_1: killed\\n    graph.asofx.x_g__mutmut_1: survived\\n"
    ...          "    graph.analysis.asof.x_f__mutmut_2: not checked\\n", "graph.analysis.asof")
    {'graph.analysis.asof.x_f__mutmut_1': 'killed'}
    """
    found = {}
    for line in results.splitlines():
        name, _, status = line.strip().partition(": ")
        if name.startswith(module + ".x") and status != "not checked":
            found[name] = status
    return found


def report(module: str, found: dict[str, str]) -> list[str]:
    """The score and each survivor, as lines to print.

    >>> report("m", {"m.x_f__mutmut_1": "killed", "m.x_f__mutmut_2": "survived"})
    ['m: 1 of 2 mutants killed (50.0 %)', '  killed 1, survived 1', '  survived: m.x_f__mutmut_2']
    """
    counts = Counter(found.values())
    killed = sum(counts[status] for status in KILLED)
    lines = [
        f"{module}: {killed} of {len(found)} mutants killed ({100 * killed / len(found):.1f} %)",
        "  " + ", ".join(f"{status} {n}" for status, n in sorted(counts.items())),
    ]
    lines += [f"  {status}: {name}" for name, status in sorted(found.items()) if status not in KILLED]
    return lines


def workspace(module: str, *, whole_suite: bool) -> Path:
    """A fresh copy of the project set up to mutate ``module``."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    tests = None if whole_suite else mirror_tests(config, module)
    where = ROOT / "build" / "mutation" / (Path(module).stem + ("-whole-suite" if whole_suite else ""))
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, where / name, ignore=ignore)
        else:
            shutil.copy2(source, where / name)
    table = mutmut_table(config["tool"]["mutmut"], module, tests)
    (where / "pyproject.toml").write_text(TABLE.sub(table, text, count=1), encoding="utf-8")
    return where


def main(argv: list[str]) -> int:
    """Run the mutants of the module named in ``argv`` and print its score."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("module", help="a module of the package, e.g. graph/analysis/asof.py")
    parser.add_argument("--whole-suite", action="store_true", help="run every test, not the mirror tests")
    args = parser.parse_args(argv)
    module = Path(args.module).as_posix()
    if not (ROOT / module).is_file() or not module.startswith("graph/") or not module.endswith(".py"):
        parser.error(f"MODULE: {module!r} is not a module of graph/ (e.g. graph/analysis/asof.py)")
    where = workspace(module, whole_suite=args.whole_suite)
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    subprocess.run([mutmut, "run"], cwd=where, check=False)
    done = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=where, capture_output=True, text=True, check=True
    )
    dotted = module.removesuffix(".py").replace("/", ".")
    found = statuses(done.stdout, dotted)
    if not found:
        print(f"no mutant of {module} was run (see mutmut's output above)", file=sys.stderr)
        return 1
    print("\n".join(report(dotted, found)))
    print(f"(in {where.relative_to(ROOT)}: `mutmut show NAME` there shows a mutant)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
