"""The chain commands as a user meets them, on generated graphs kept on disk and on a server:
each command a fresh process from start to last line, beside what a user could do instead,
run in the same benchmark.

    python -m benchmarks.cone                                  # about a million triples
    python -m benchmarks.cone --relations 640000 2560000       # about 5 and 20 million

For each size: ``sanctions-kg generate`` and ``sanctions-kg load --store`` (timed, for the
record); then, from the busiest pressuring government to the most exported-to country, with
``--max-hops``:

- ``chains`` on the on-disk store (ours: the cone of the question, read by index lookups);
- one SPARQL query in raw pyoxigraph on the same store, listing the same chains (a UNION
  branch per relation sequence the pattern accepts within the hop limit, with distinctness
  filters);
- networkx ``all_simple_edge_paths`` over the relation edges read from the N-Triples file,
  kept when the pattern accepts their relations (skipped above ``--networkx-max`` triples);
- the whole-graph projection (``project`` of the store, then ``pressure_chains``), what every
  chain command did before;
- ``chokepoints``, ``whatif --remove`` (its busiest device maker) and ``exposure``;
- ``chains --endpoint`` against ``sanctions-kg serve --store`` of the same store.

Each line: the time, the peak memory (maximum resident set) and the chains found, and the
ratio of the baseline's time to ours (above 1: ours is faster).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

__all__ = ["main"]

PATTERN = "(sanctions|pressures)+ supplies* exportsTo"
BUSIEST = """PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
SELECT ?node (COUNT(*) AS ?n) WHERE { { ?node skg:pressures ?x } UNION { ?node skg:sanctions ?x } }
GROUP BY ?node ORDER BY DESC(?n) ?node LIMIT 1"""
BIGGEST = """PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
SELECT ?node (COUNT(*) AS ?n) WHERE { ?x skg:exportsTo ?node }
GROUP BY ?node ORDER BY DESC(?n) ?node LIMIT 1"""
SUPPLIED = """PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
SELECT ?node (COUNT(*) AS ?n) WHERE { ?x skg:supplies ?node }
GROUP BY ?node ORDER BY DESC(?n) ?node LIMIT 1"""

SPARQL_CHILD = """
import sys
import pyoxigraph as ox
from benchmarks.chains import sparql_chains
from graph.analysis.pattern import compile_pattern
store = ox.Store.read_only(sys.argv[1])
relations = [q.subject.value.rpartition("#")[2] for q in store.quads_for_pattern(
    None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ox.NamedNode("https://w3id.org/sanctions-kg/ontology#Relation"))]
pattern = compile_pattern(sys.argv[5], relations)
print(sum(1 for _ in store.query(sparql_chains(pattern, int(sys.argv[4]), sys.argv[2], sys.argv[3]))))
"""
NETWORKX_CHILD = """
import sys
import networkx as nx
import pyoxigraph as ox
from benchmarks.chains import accepts
from graph.analysis.pattern import compile_pattern
SKG = "https://w3id.org/sanctions-kg/ontology#"
G = nx.MultiDiGraph()
wanted = {"sanctions", "pressures", "supplies", "exportsTo"}
for quad in ox.parse(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES):
    p = quad.predicate.value
    if p.startswith(SKG) and p[len(SKG):] in wanted:
        G.add_edge(quad.subject.value, quad.object.value, key=p[len(SKG):])
pattern = compile_pattern(sys.argv[5], sorted(wanted))
paths = nx.all_simple_edge_paths(G, sys.argv[2], sys.argv[3], cutoff=int(sys.argv[4]))
print(sum(1 for path in paths if accepts(pattern, [k for _, _, k in path])))
"""
WHOLE_CHILD = """
import sys
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains
from graph.sparql.store import open_store_dir
G = project(open_store_dir(sys.argv[1]))
found = pressure_chains(G, sys.argv[2], sys.argv[3], pattern=sys.argv[5], max_hops=int(sys.argv[4]))
print(sum(1 for _ in found))
"""


def timed(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``argv`` as a fresh process: its seconds, peak resident bytes and standard output.

    >>> seconds, peak, out = timed([sys.executable, "-c", "print(7)"])
    >>> out.strip(), seconds > 0, peak > 0
    ('7', True, True)
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        with subprocess.Popen(argv, stdout=out, stderr=errors, env=env) as process:
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(
                f"{' '.join(argv[:4])} exited {process.returncode}: {errors.read().decode()[-500:]}"
            )
        out.seek(0)
        return seconds, usage.ru_maxrss * 1024, out.read().decode("utf-8", "replace")


def _chains(csv_text: str) -> int:
    """How many chains a ``--format csv`` listing holds (its last chain's number)."""
    rows = csv_text.strip().splitlines()[1:]
    return int(rows[-1].split(",", 1)[0]) if rows else 0


def _one(store: Path, query: str) -> str:
    [row] = list(ox.Store.read_only(str(store)).query(query))  # type: ignore[arg-type]
    return str(row["node"].value)


@contextmanager
def _served(store: Path) -> Iterator[str]:
    """``sanctions-kg serve --store`` on a free port of 127.0.0.1; its query URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/query"
    tool = str(Path(sys.executable).with_name("sanctions-kg"))
    command = [tool, "serve", "--store", str(store), "--port", str(port), "--timeout", "3600"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            for _ in range(600):
                try:
                    with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=5):
                        break
                except OSError:
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()


def _size(relations: int, args: argparse.Namespace, folder: Path) -> list[dict[str, Any]]:
    tool = str(Path(sys.executable).with_name("sanctions-kg"))
    source, store = folder / f"g{relations}.nt", folder / f"s{relations}"
    made, _, _ = timed([tool, "generate", "--relations", str(relations), "--out", str(source)])
    loaded, _, said = timed([tool, "load", str(source), "--store", str(store)])
    triples = int(said.split()[1])
    government, country, maker = (_one(store, q) for q in (BUSIEST, BIGGEST, SUPPLIED))
    hops = str(args.max_hops)
    ends = [government, country, hops, PATTERN]
    print(f"\n{triples:,} triples (generate {made:.1f} s, load {loaded:.1f} s): {government} -> {country}")
    question = ["--max-hops", hops, "--store", str(store)]
    runs: list[tuple[str, list[str], bool]] = [
        ("chains (ours)", [tool, "chains", government, country, *question, "--format", "csv"], True),
        ("one SPARQL query, raw pyoxigraph", [sys.executable, "-c", SPARQL_CHILD, str(store), *ends], False),
        ("networkx all_simple_edge_paths", [sys.executable, "-c", NETWORKX_CHILD, str(source), *ends], False),
        ("whole projection + pressure_chains", [sys.executable, "-c", WHOLE_CHILD, str(store), *ends], False),
        ("chokepoints (ours)", [tool, "chokepoints", government, country, *question], True),
        (
            "whatif (ours)",
            [tool, "whatif", government, country, "--remove", maker, *question, "--format", "csv"],
            True,
        ),
        (
            "exposure (ours)",
            [tool, "exposure", "--max-hops", hops, "--store", str(store), "--format", "csv"],
            True,
        ),
    ]
    records: list[dict[str, Any]] = []
    ours = 0.0
    for name, argv, mine in runs:
        if name.startswith("networkx") and triples > args.networkx_max:
            print(f"  {name:<38} skipped above {args.networkx_max:,} triples")
            continue
        seconds, peak, out = timed(argv)
        found = _chains(out) if name.startswith("chains") else int(out.split()[0]) if not mine else None
        if name == "chains (ours)":
            ours = seconds
        ratio = "" if mine else f"{seconds / ours:>7.2f}x"
        count = f"{found:>8,} chains" if found is not None else " " * 15
        print(f"  {name:<38} {seconds:>8.1f} s {peak / 1e6:>7.0f} MB {count} {ratio}")
        records.append(
            {"size": triples, "command": name, "seconds": seconds, "peak_bytes": peak, "chains": found}
        )
    with _served(store) as url:
        remote = [
            tool,
            "chains",
            government,
            country,
            "--max-hops",
            hops,
            "--endpoint",
            url,
            "--timeout",
            "3600",
        ]
        seconds, peak, out = timed([*remote, "--format", "csv"])
    print(f"  {'chains --endpoint (sanctions-kg serve)':<38} {seconds:>8.1f} s {peak / 1e6:>7.0f} MB "
          f"{_chains(out):>8,} chains {seconds / ours:>7.2f}x of the embedded store's time")  # fmt: skip
    record = {"size": triples, "command": "chains --endpoint", "seconds": seconds, "peak_bytes": peak}
    records.append({**record, "chains": _chains(out)})
    return records


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Generate, load and time each size; print a block a size."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--relations", type=int, nargs="+", default=[128_000])
    parser.add_argument("--max-hops", type=int, default=4)
    parser.add_argument("--networkx-max", type=int, default=6_000_000)
    parser.add_argument("--folder", type=Path, default=None, help="Keep the generated files and stores here.")
    args = parser.parse_args(argv)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for relations in args.relations:
            records += _size(relations, args, folder)
    return records


if __name__ == "__main__":
    main()
