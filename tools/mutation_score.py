"""The mutation score of one module, from what ``mutmut run`` recorded under ``mutants/``.

``python tools/mutation_score.py graph.asof`` prints how many of the module's mutants the
tests killed (a timeout counts as killed: the mutant made the search run away), then each
survivor, to be read with ``mutmut show NAME``. A line the tests cannot tell apart from its
mutants (it only changes speed, say) carries ``# pragma: no mutate`` and a comment saying why,
so it makes no mutants and is not counted.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

KILLED = {"killed", "timeout", "caught by type check"}


def statuses(module: str, mutmut: str) -> dict[str, str]:
    """Each recorded mutant of ``module`` (``graph.asof``) and its status."""
    done = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True)
    found = {}
    for line in done.stdout.splitlines():
        name, _, status = line.strip().partition(": ")
        if name.startswith(module + ".x"):
            found[name] = status
    return found


def main(argv: list[str]) -> int:
    """Print the score of the module named in ``argv``; exit 1 if nothing was recorded."""
    if len(argv) != 1:
        print("usage: python tools/mutation_score.py MODULE (e.g. graph.asof)", file=sys.stderr)
        return 2
    module = argv[0]
    found = statuses(module, str(Path(sys.executable).with_name("mutmut")))
    checked = {name: status for name, status in found.items() if status != "not checked"}
    if not checked:
        print(f"no mutants of {module} have been run: `make mutants MODULE=...` first", file=sys.stderr)
        return 1
    counts = Counter(checked.values())
    killed = sum(counts[status] for status in KILLED)
    print(f"{module}: {killed} of {len(checked)} mutants killed ({100 * killed / len(checked):.1f} %)")
    print("  " + ", ".join(f"{status} {n}" for status, n in sorted(counts.items())))
    for name, status in sorted(checked.items()):
        if status not in KILLED:
            print(f"  {status}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
