"""The FollowTheMoney importer at two sizes: time, and peak memory, to show that memory does not
grow with the file beyond the set of its ids.

    python -m benchmarks.import_ftm                    # 10,000 and 100,000 lines
    python -m benchmarks.import_ftm --lines 1000000    # 100,000 and 1,000,000 lines

A synthetic file of ``--lines`` lines (and one of a tenth as many) is generated in a temporary
folder: companies (a few with government topics), sanctions and ownerships between them, and
persons, in the shape of OpenSanctions' entities. Each import runs in a fresh
Python process, so its peak memory (maximum resident set) is its own; the importer links to
an empty graph (:class:`~graph.importers.common.Known`), so the figure is the importer's, not
the curated build's. The last line gives the ratios of the larger size to the smaller, and
what the set of the larger file's ids alone takes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from graph.importers.common import Known
from graph.importers.ftm.run import import_ftm

__all__ = ["id_set_bytes", "main", "measure", "synthetic"]

COUNTRIES = ("us", "cn", "ru", "de", "fr", "gb", "jp", "in", "tr", "ae", "kz", "by")


def _line(i: int, companies: int, rng: random.Random) -> dict[str, Any]:
    """Line ``i`` of a file with ``companies`` companies: a company, sanction, ownership or person."""
    seen = {"datasets": ["bench_dataset"], "first_seen": "2023-11-03T12:00:00"}
    kind = i % 10
    if kind < 5:
        props: dict[str, list[str]] = {"name": [f"Bench Company {i}"], "country": [rng.choice(COUNTRIES)]}
        if i % 50 == 0:
            props["topics"] = ["gov.national"]
        return {"id": f"bench-co-{i // 10 * 5 + kind}", "schema": "Company", "properties": props, **seen}
    target = f"bench-co-{rng.randrange(companies)}"
    if kind < 8:
        props = {"entity": [target], "country": [rng.choice(COUNTRIES)], "programId": ["BENCH-PROGRAM"]}
        props["startDate"] = [f"20{rng.randrange(10, 24)}-{rng.randrange(1, 13):02d}"]
        return {"id": f"bench-sanction-{i}", "schema": "Sanction", "properties": props, **seen}
    if kind == 8:
        props = {"owner": [f"bench-co-{rng.randrange(companies)}"], "asset": [target]}
        props["percentage"] = [f"{rng.randrange(1, 100)}.5"]
        return {"id": f"bench-own-{i}", "schema": "Ownership", "properties": props, **seen}
    return {"id": f"bench-person-{i}", "schema": "Person", "properties": {"name": [f"Bench Person {i}"]}}


def synthetic(path: Path, lines: int, *, seed: int = 7) -> Path:
    """Write a synthetic FollowTheMoney JSON-lines file of ``lines`` lines; return its path.

    Every reference points at a company of the file (some forward, as in real exports).
    """
    rng = random.Random(seed)
    companies = lines // 10 * 5 + min(lines % 10, 5)  # lines 0-4 of every ten
    with path.open("w", encoding="utf-8") as stream:
        for i in range(lines):
            stream.write(json.dumps(_line(i, companies, rng), separators=(",", ":")) + "\n")
    return path


def id_set_bytes(lines: int) -> int:
    """About what a set of the ids of a synthetic file of ``lines`` lines takes in memory."""
    ids = {f"bench-sanction-{i:07d}" for i in range(lines)}
    return sys.getsizeof(ids) + sum(sys.getsizeof(i) for i in ids)


def _child(source: Path, out: Path) -> None:
    """In a process of its own: import, then print the time, peak memory and counts as JSON."""
    start = time.perf_counter()
    report = import_ftm(source, out, known=Known())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    figures = {"seconds": seconds, "peak_bytes": peak, "read": report.read, "written": report.written}
    print(json.dumps(figures))


def measure(source: Path, out: Path) -> dict[str, Any]:
    """Import ``source`` in a fresh process; its figures."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.import_ftm", "--child", str(source), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Print a line per size (a tenth of ``--lines``, then ``--lines``), then the ratios."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, metavar=("FILE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(Path(args.child[0]), Path(args.child[1]))
        return []
    print(f"{'lines':>9} {'triples':>10} {'time (s)':>9} {'lines/s':>9} {'peak (MB)':>10}")
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        for lines in (max(1, args.lines // 10), args.lines):
            source = synthetic(Path(folder) / f"ftm-{lines}.jsonl", lines)
            record = {"family": "import-ftm", "size": lines, **measure(source, Path(folder) / "out.nt")}
            records.append(record)
            print(
                f"{lines:>9} {record['written']:>10} {record['seconds']:>9.2f} "
                f"{lines / record['seconds']:>9.0f} {record['peak_bytes'] / 1e6:>10.0f}"
            )
            source.unlink()
    small, large = records
    print(
        f"{large['size'] / small['size']:.0f}x the lines: "
        f"{large['seconds'] / small['seconds']:.1f}x the time, "
        f"{large['peak_bytes'] / small['peak_bytes']:.2f}x the peak memory "
        f"(+{(large['peak_bytes'] - small['peak_bytes']) / 1e6:.0f} MB; "
        f"the ids alone take about {id_set_bytes(large['size']) / 1e6:.0f} MB)"
    )
    return records


if __name__ == "__main__":
    main()
