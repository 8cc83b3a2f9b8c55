"""Loading: our on-disk and in-memory loads against raw pyoxigraph ``bulk_load`` and rdflib's
``Graph.parse``, as ratios of time and of peak memory.

    python -m benchmarks.load --triples 100000 1000000

Each load runs in a fresh Python process of its own, so that its peak memory (the process's
maximum resident set) is its own; the times are measured inside those processes. Ratios are
(their figure) / (ours): above 1, ours is faster or smaller. rdflib is skipped above
``--rdflib-max`` triples (it takes minutes and gigabytes there).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from benchmarks.generated import generate
from graph.sparql.store import load_store, open_store

__all__ = ["WAYS", "load_once", "main", "measure"]

WAYS = ("ours-disk", "ours-memory", "pyoxigraph-disk", "pyoxigraph-memory", "rdflib")


def load_once(way: str, data: Path, folder: Path) -> int:
    """Load ``data`` one way; return the number of triples loaded."""
    if way == "ours-disk":
        return load_store([data], folder / "store")
    if way == "ours-memory":
        return len(open_store(data))
    if way == "pyoxigraph-disk":
        store = ox.Store(str(folder / "raw"))
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        return len(store)
    if way == "pyoxigraph-memory":
        store = ox.Store()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
        return len(store)
    return len(Graph().parse(data, format="nt"))


def _child(way: str, data: Path) -> None:
    """In a process of its own: load, then print the time, peak memory and count as JSON."""
    with tempfile.TemporaryDirectory(dir=data.parent) as folder:
        start = time.perf_counter()
        count = load_once(way, data, Path(folder))
        seconds = time.perf_counter() - start
    peak = _high_water_mark()
    print(json.dumps({"way": way, "seconds": seconds, "peak_bytes": peak, "triples": count}))


def _high_water_mark() -> int:
    """The peak resident memory of the process, in bytes.

    ``VmHWM`` starts afresh at exec; ``ru_maxrss`` keeps the parent's pages counted at fork,
    which hid a 5M-triple load's own peak behind the parent's.
    """
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # pragma: no cover - not Linux


def measure(way: str, data: Path) -> dict[str, Any]:
    """Run one load in a fresh process; its figures."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--child", way, str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run(triples: int, *, rdflib_max: int) -> list[dict[str, Any]]:
    """Generate a graph of about ``triples`` triples and load it every way; a record each."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "graph.nt"
        data.write_bytes(generate(triples))
        ways = [w for w in WAYS if w != "rdflib" or triples <= rdflib_max]
        return [{"family": "load", "size": triples, **measure(way, data)} for way in ways]


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Print a line per size: our times and peaks, and the ratios of the others to ours."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--rdflib-max", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, metavar=("WAY", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return []
    print(f"{'triples':>9} {'way':<18} {'time (s)':>9} {'peak (MB)':>10} {'time/ours':>10} {'peak/ours':>10}")
    records: list[dict[str, Any]] = []
    for triples in args.triples:
        found = {r["way"]: r for r in run(triples, rdflib_max=args.rdflib_max)}
        records.extend(found.values())
        for way, record in found.items():
            ours = found["ours-disk" if way.endswith("disk") else "ours-memory"]
            seconds, peak = record["seconds"], record["peak_bytes"]
            print(
                f"{record['triples']:>9} {way:<18} {seconds:>9.2f} {peak / 1e6:>10.0f} "
                f"{seconds / ours['seconds']:>9.2f}x {peak / ours['peak_bytes']:>9.2f}x"
            )
    return records


if __name__ == "__main__":
    main()
