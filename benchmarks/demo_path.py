"""The demo's path on a generated graph, as a user runs it: each step is the real command.

    python -m benchmarks.demo_path --relations 640000     # about 5 million triples

Steps: generate the graph, load it into an on-disk store, ask three named questions, search the
pressure chains from the busiest government to the most imported-to country, and draw a view
focused on the busiest device maker (each command projects the store again, as it would for a
user). Prints the wall-clock time of each step; this is a record of how long a user waits, not a
ratio (the ratios are in the other benchmarks).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main", "steps"]


def steps(folder: Path, relations: int) -> list[tuple[str, list[str]]]:
    """The commands of the path, named; generated ids with index 0 are the busiest."""
    data, store = str(folder / "graph.nt"), str(folder / "store")
    on = ["--store", store]
    return [
        ("generate", ["generate", "--relations", str(relations), "--out", data]),
        ("load", ["load", data, *on]),
        (
            "question: export-halts",
            ["query", "export-halts", "-p", "country=country-0", *on, "--format", "csv"],
        ),
        ("question: pressures-on", ["query", "pressures-on", "-p", "company=oem-0", *on, "--format", "csv"]),
        (
            "question: measures-in-force",
            ["query", "measures-in-force", "-p", "day=2022-03-01", *on, "--format", "csv"],
        ),
        ("chains", ["chains", "government-0", "country-0", "--max-hops", "4", *on, "--format", "csv"]),
        (
            "focused view",
            ["view", "--focus", "oem-0", "--depth", "1", *on, "--out", str(folder / "view.html")],
        ),
    ]


def main(argv: list[str] | None = None) -> list[tuple[str, float, int]]:
    """Run the path; print each step's time and how many lines it printed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relations", type=int, default=10_000)
    args = parser.parse_args(argv)
    program = str(Path(sys.executable).parent / "sanctions-kg")
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        for name, command in steps(Path(folder), args.relations):
            start = time.perf_counter()
            done = subprocess.run([program, *command], capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                sys.exit(f"{name} failed: {done.stderr.strip()}")
            lines = done.stdout.count("\n")
            timings.append((name, seconds, lines))
            print(f"{name:<30} {seconds:>8.1f} s  ({lines} lines of output)", flush=True)
        triples = subprocess.run(
            [
                program,
                "query",
                "-e",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                "--store",
                f"{folder}/store",
                "--format",
                "csv",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
    print(f"{'total':<30} {sum(t for _, t, _ in timings):>8.1f} s  for {triples} triples")
    return timings


if __name__ == "__main__":
    main()
