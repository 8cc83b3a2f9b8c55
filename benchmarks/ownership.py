"""The ownership rules as a user meets them, on generated ownership graphs kept on disk, beside
the same rule run as iterated SPARQL Update in raw pyoxigraph, in the same benchmark.

    python -m benchmarks.ownership                          # 250,000 and 1,000,000 stakes
    python -m benchmarks.ownership --stakes 100000 --listed 500

For each size: a seeded ownership graph (owners drawn heavy-tailed, Zipf-like: a few hold
stakes in thousands of companies, most in one; shares exact, as registers state them; a few
thousand parties listed by OFAC as OpenSanctions writes it), written as N-Triples beside the
curated build and loaded with ``sanctions-kg load --store``; then, each a fresh process from
start to last line:

- ``sanctions-kg ownership --rule ofac --format csv`` on the store (ours: the listings, then
  the stakes of the parties that may be caught, hop by hop, and the fixpoint in memory);
- the OFAC rule as SPARQL Update on a copy of the same store: insert the listed parties as
  captured, then ``INSERT { ?e a :Captured } WHERE { ... GROUP BY ?e HAVING (SUM(?share) >= 50) }``
  until a pass adds nothing (the copy is made before the clock starts).

Each line: seconds, peak memory (maximum resident set) and entities captured; the ratio of the
baseline's time to ours (above 1: ours is faster). Both must capture the same entities.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.cone import timed

__all__ = ["main", "write_graph"]

ID = "https://w3id.org/sanctions-kg/id/"
SKG = "https://w3id.org/sanctions-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
SHARES = (5, 10, 20, 25, 30, 40, 49, 50, 51, 60, 75, 100)

BASELINE = """
import sys
import pyoxigraph as ox
store = ox.Store(sys.argv[1])
PREFIXES = '''PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
'''
COUNT = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?e a <urn:benchmark:Captured> }"
store.update(PREFIXES + '''INSERT { ?p a <urn:benchmark:Captured> } WHERE {
  ?c rdf:predicate skg:sanctions ; rdf:object ?p ; skg:measure ?m . ?m rdfs:label "OFAC"@en }''')
STEP = PREFIXES + '''INSERT { ?e a <urn:benchmark:Captured> } WHERE {
  { SELECT ?e WHERE {
      ?owner a <urn:benchmark:Captured> .
      ?c rdf:subject ?owner ; rdf:predicate skg:owns ; rdf:object ?e ; skg:share ?share .
      FILTER NOT EXISTS { ?e a <urn:benchmark:Captured> }
    } GROUP BY ?e HAVING (SUM(?share) >= 50) } }'''
seeds = before = int(next(iter(store.query(COUNT)))["n"].value)
while True:
    store.update(STEP)
    after = int(next(iter(store.query(COUNT)))["n"].value)
    if after == before:
        break
    before = after
print(after - seeds)
"""


def _n(term: str) -> str:
    return f"<{term}>"


def write_graph(path: Path, stakes: int, listed: int, *, seed: int = 7) -> int:
    """Write a seeded ownership graph of ``stakes`` stakes and ``listed`` OFAC listings as
    N-Triples (claims with their sources, as the importers write them); its triple count.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_graph(Path(folder) / "g.nt", 100, 5)
    1116
    """
    rng = random.Random(seed)
    companies = max(stakes // 2, 1)
    owners = companies + listed
    weights = [1 / (rank + 1) for rank in range(owners)]  # Zipf-like: a few own very much
    source, measure = ID + "benchmark-source", ID + "benchmark-ofac"
    lines = [
        f"{_n(source)} {_n(RDF + 'type')} {_n(SKG + 'Source')} .",
        f'{_n(source)} {_n(LABEL)} "Generated ownership graph"@en .',
        f'{_n(source)} {_n(SKG + "publisher")} "benchmark" .',
        f"{_n(measure)} {_n(RDF + 'type')} {_n(SKG + 'SanctionsMeasure')} .",
        f'{_n(measure)} {_n(LABEL)} "OFAC"@en .',
        f"{_n(measure)} {_n(SKG + 'source')} {_n(source)} .",
    ]
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
        count = len(lines)

        def claim(key: str, s: str, relation: str, o: str, extra: list[str]) -> None:
            nonlocal count
            node = _n(ID + f"benchmark-claim-{key}")
            rows = [
                f"{_n(s)} {_n(SKG + relation)} {_n(o)} .",
                f"{node} {_n(RDF + 'type')} {_n(SKG + 'Claim')} .",
                f"{node} {_n(RDF + 'subject')} {_n(s)} .",
                f"{node} {_n(RDF + 'predicate')} {_n(SKG + relation)} .",
                f"{node} {_n(RDF + 'object')} {_n(o)} .",
                f"{node} {_n(SKG + 'status')} {_n(SKG + 'Active')} .",
                f"{node} {_n(SKG + 'source')} {_n(source)} .",
                *(f"{node} {term}" for term in extra),
            ]
            out.write("\n".join(rows) + "\n")
            count += len(rows)

        def party(n: int) -> str:
            return ID + (f"benchmark-company-{n}" if n < companies else f"benchmark-person-{n - companies}")

        for n in range(owners):
            kind = "Company" if n < companies else "Person"
            out.write(f"{_n(party(n))} {_n(RDF + 'type')} {_n(SKG + kind)} .\n")
            out.write(f'{_n(party(n))} {_n(LABEL)} "Generated {kind.lower()} {n}"@en .\n')
            count += 2
        government = ID + "us-government"
        for n, chosen in enumerate(rng.sample(range(owners), listed)):
            claim(
                f"listing-{n}",
                government,
                "sanctions",
                party(chosen),
                [f"{_n(SKG + 'measure')} {_n(measure)} ."],
            )
        held = rng.choices(range(owners), weights=weights, k=stakes)
        seen: set[tuple[int, int]] = set()
        for n, owner in enumerate(held):
            owned = rng.randrange(companies)
            if owned == owner or (owner, owned) in seen:
                owned = (owned + 1 + n) % companies
                if owned == owner or (owner, owned) in seen:
                    continue
            seen.add((owner, owned))
            share = rng.choice(SHARES)
            terms = [
                f'{_n(SKG + "share")} "{share}"^^{_n(DECIMAL)} .',
                f'{_n(SKG + "shareStatedAs")} "{share}" .',
            ]
            claim(f"stake-{n}", party(owner), "owns", party(owned), terms)
    return count


def _size(stakes: int, listed: int, folder: Path, curated: Path) -> list[dict[str, Any]]:
    tool = str(Path(sys.executable).with_name("sanctions-kg"))
    graph, store = folder / f"own{stakes}.nt", folder / f"own{stakes}"
    triples = write_graph(graph, stakes, listed)
    loaded, _, _ = timed([tool, "load", str(curated), str(graph), "--store", str(store)])
    print(f"\n{stakes:,} stakes, {listed:,} listed parties, {triples:,} triples (load {loaded:.1f} s)")
    seconds, peak, out = timed(
        [tool, "ownership", "--rule", "ofac", "--store", str(store), "--format", "csv"]
    )
    ours = sum(1 for line in out.splitlines()[1:] if ",captured," in line)
    name = "sanctions-kg ownership --rule ofac"
    print(f"  {name:<40} {seconds:>8.1f} s {peak / 1e6:>7.0f} MB {ours:>8,} captured")
    copy = folder / f"own{stakes}-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    base_seconds, base_peak, said = timed([sys.executable, "-c", BASELINE, str(copy)])
    theirs = int(said.split()[0])
    shutil.rmtree(copy, ignore_errors=True)
    print(
        f"  {'iterated SPARQL Update, raw pyoxigraph':<40} {base_seconds:>8.1f} s {base_peak / 1e6:>7.0f} MB "
        f"{theirs:>8,} captured {base_seconds / seconds:>7.2f}x"
    )
    if ours != theirs:
        print(f"  the two disagree: {ours} against {theirs} captured")
    return [
        {"stakes": stakes, "command": "ours", "seconds": seconds, "peak_bytes": peak, "captured": ours},
        {
            "stakes": stakes,
            "command": "sparql",
            "seconds": base_seconds,
            "peak_bytes": base_peak,
            "captured": theirs,
        },
    ]


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Generate, load and time each size; print a block a size."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stakes", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--listed", type=int, default=3_000)
    parser.add_argument("--folder", type=Path, default=None, help="Keep the generated files and stores here.")
    args = parser.parse_args(argv)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        tool = str(Path(sys.executable).with_name("sanctions-kg"))
        subprocess.run([tool, "build", "--out", str(folder / "curated")], check=True, capture_output=True)
        for stakes in args.stakes:
            records += _size(stakes, args.listed, folder, folder / "curated" / "sanctions-kg.nt")
    return records


if __name__ == "__main__":
    main()
