"""The mutation score of one module, from what ``mutmut run`` recorded under ``mutants/``.

``python tools/mutation_score.py graph.asof`` prints how many of the module's mutants the
tests killed (a timeout counts as killed: the mutant made the search run away), then each
survivor, to be read with ``mutmut show NAME``. A line whose mutants no test can tell from it
(they only change speed, say) carries ``# pragma: no mutate`` and a comment saying why, so it
makes no mutants and is not counted.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

KILLED = frozenset({"killed", "timeout", "caught by type check"})


def statuses(results: str, module: str) -> dict[str, str]:
    """Each mutant of ``module`` in the text of ``mutmut results --all true``, with its status;
    mutants not run yet are left out.

    >>> statuses("    graph.asof.x_f__mutmut_1: killed\\n    graph.asofx.x_g__mutmut_1: survived\\n"
    ...          "    graph.asof.x_f__mutmut_2: not checked\\n", "graph.asof")
    {'graph.asof.x_f__mutmut_1': 'killed'}
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


def main(argv: list[str]) -> int:
    """Print the score of the module named in ``argv``; exit 1 if none of its mutants ran."""
    if len(argv) != 1:
        print("usage: python tools/mutation_score.py MODULE (e.g. graph.asof)", file=sys.stderr)
        return 2
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    done = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=False)
    found = statuses(done.stdout, argv[0])
    if not found:
        print(f"no mutants of {argv[0]} have been run: `make mutants MODULE=...` first", file=sys.stderr)
        return 1
    print("\n".join(report(argv[0], found)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
