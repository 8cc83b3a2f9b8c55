"""Chain search against the ways one could do without it, on generated graphs, as ratios.

    python -m benchmarks.chains --triples 100000 1000000

For each size and each of four questions (from the busiest or a median pressuring government
to the biggest or a median importing country): our search (``pressure_chains`` with a
``chain_index``, built once like the projection and timed on its own), against
networkx ``all_simple_edge_paths`` + a filter by the pattern, rustworkx ``all_simple_paths``
+ the same filter, and the same question asked as one SPARQL query of Oxigraph (a UNION of
the relation sequences the pattern allows). A ratio
is (their time) / (our time): above 1, ours is faster. The projection is built once and
reused; its cost is printed on its own. The last column is our search without the index
(the pure-Python search a single question uses) against the indexed one. rustworkx's cutoff
counts nodes, so it gets max_hops + 1; both path libraries return a path once per parallel
edge.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox
import rustworkx as rx

from benchmarks.common import best_of
from benchmarks.generated import generate
from graph.analysis.index import chain_index
from graph.analysis.pattern import DEFAULT_PATTERN, Pattern, compile_pattern
from graph.analysis.projection import project
from graph.analysis.search import pressure_chains

SKG = "https://w3id.org/sanctions-kg/ontology#"


def ends(G: nx.MultiDiGraph) -> tuple[str, str]:
    """The busiest pressuring government and the most exported-to country."""
    return pairs(G)[0][1:]


def pairs(G: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """The questions asked: (name, source, target) from the busiest or the median pressuring
    government to the most or the median exported-to country.
    """
    pressure = [
        n
        for n, _ in Counter(
            u for u, _, k in G.edges(keys=True) if k in ("pressures", "sanctions")
        ).most_common()
    ]
    imports = [n for n, _ in Counter(v for _, v, k in G.edges(keys=True) if k == "exportsTo").most_common()]
    top_gov, mid_gov = pressure[0], pressure[len(pressure) // 2]
    top_country, mid_country = imports[0], imports[len(imports) // 2]
    return [
        ("busiest->biggest", top_gov, top_country),
        ("busiest->median", top_gov, mid_country),
        ("median->median", mid_gov, mid_country),
        ("median->biggest", mid_gov, top_country),
    ]


def accepts(pattern: Pattern, relations: list[str]) -> bool:
    """Whether the pattern accepts this sequence of relations."""
    state: int | None = pattern.start
    for relation in relations:
        state = pattern.step(state, relation) if state is not None else None
    return state is not None and state in pattern.accepting


def words(pattern: Pattern, max_hops: int) -> Iterator[tuple[str, ...]]:
    """Every relation sequence of at most ``max_hops`` the pattern accepts."""
    frontier: list[tuple[int, tuple[str, ...]]] = [(pattern.start, ())]
    for _ in range(max_hops):
        following = []
        for state, word in frontier:
            for relation, nxt in pattern.transitions.get(state, {}).items():
                following.append((nxt, (*word, relation)))
                if nxt in pattern.accepting:
                    yield (*word, relation)
        frontier = following


def sparql_chains(pattern: Pattern, max_hops: int, source: str, target: str) -> str:
    """One SELECT of every simple chain: a UNION branch per accepted relation sequence."""
    branches = []
    for word in words(pattern, max_hops):
        nodes = [f"<{source}>", *(f"?n{i}" for i in range(1, len(word))), f"<{target}>"]
        triples = " . ".join(f"{nodes[i]} <{SKG}{r}> {nodes[i + 1]}" for i, r in enumerate(word))
        distinct = [f"{a} != {b}" for i, a in enumerate(nodes) for b in nodes[i + 1 :] if "?" in a + b]
        where = triples + (f" . FILTER({' && '.join(distinct)})" if distinct else "")
        branches.append(f"{{ {where} }}")
    return "SELECT * WHERE { " + " UNION ".join(branches) + " }"


def networkx_paths(G: nx.MultiDiGraph, pattern: Pattern, s: str, t: str, hops: int) -> int:
    """How many simple paths networkx finds that the pattern accepts."""
    return sum(
        1
        for path in nx.all_simple_edge_paths(G, s, t, cutoff=hops)
        if accepts(pattern, [k for _, _, k in path])
    )


@dataclass(frozen=True)
class Rustworkx:
    """The same graph in rustworkx, with the node names by index and back."""

    graph: Any
    index: dict[str, int]
    names: list[str]

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> Rustworkx:
        """Copy the nodes and (collapsed) edges of ``G``."""
        names = list(G)
        index = {name: i for i, name in enumerate(names)}
        graph = rx.PyDiGraph()
        graph.add_nodes_from(names)
        graph.add_edges_from_no_data(sorted({(index[u], index[v]) for u, v in G.edges()}))
        return cls(graph, index, names)


def rustworkx_paths(
    copy: Rustworkx, G: nx.MultiDiGraph, pattern: Pattern, s: str, t: str, *, hops: int
) -> int:
    """How many (path, relation choice) rustworkx's simple paths give that the pattern accepts."""
    found = 0
    for path in rx.all_simple_paths(copy.graph, copy.index[s], copy.index[t], cutoff=hops + 1):
        nodes = [copy.names[i] for i in path]
        options = [list(G[nodes[i]][nodes[i + 1]]) for i in range(len(nodes) - 1)]
        stack: list[tuple[int, int | None]] = [(0, pattern.start)]
        while stack:  # every relation choice along the node path that the pattern accepts
            i, state = stack.pop()
            if state is None:
                continue
            if i == len(options):
                found += state in pattern.accepting
                continue
            stack.extend((i + 1, pattern.step(state, relation)) for relation in options[i])
    return found


def run(triples: int, max_hops: int) -> list[dict[str, Any]]:
    """Generate, load and project one graph; time each way on each question; a line each."""
    data = generate(triples)
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    start = time.perf_counter()
    G = project(store)
    projection = time.perf_counter() - start
    start = time.perf_counter()
    index = chain_index(G)
    indexing = time.perf_counter() - start
    pattern = compile_pattern(DEFAULT_PATTERN, G.graph["relations"])
    copy = Rustworkx.of(G)
    records = []
    for name, s, t in pairs(G):
        ours = best_of(lambda: sum(1 for _ in pressure_chains(G, s, t, max_hops=max_hops, index=index)))  # noqa: B023
        plain = best_of(lambda: sum(1 for _ in pressure_chains(G, s, t, max_hops=max_hops)), repeat=3)  # noqa: B023
        count = sum(1 for _ in pressure_chains(G, s, t, max_hops=max_hops, index=index))
        nx_time = best_of(lambda: networkx_paths(G, pattern, s, t, max_hops), repeat=3)  # noqa: B023
        rx_time = best_of(lambda: rustworkx_paths(copy, G, pattern, s, t, hops=max_hops), repeat=3)  # noqa: B023
        query = sparql_chains(pattern, max_hops, s, t)
        sparql = best_of(lambda: sum(1 for _ in store.query(query)), repeat=3)  # type: ignore[union-attr,misc]  # noqa: B023
        print(
            f"{len(store):>9} {projection:>11.2f} {indexing:>9.2f} {name:>17} {count:>7} {ours:>10.4f} "
            f"{nx_time / ours:>10.1f}x {rx_time / ours:>9.2f}x {sparql / ours:>9.1f}x {plain / ours:>9.1f}x"
        )
        records.append(
            {
                "family": "chains",
                "size": len(store),
                "question": name,
                "chains": count,
                "projection": projection,
                "index": indexing,
                "seconds": {
                    "ours": ours,
                    "unindexed": plain,
                    "networkx": nx_time,
                    "rustworkx": rx_time,
                    "sparql": sparql,
                },
            }
        )
    return records


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Print one line of ratios per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--max-hops", type=int, default=4)
    args = parser.parse_args(argv)
    print(
        f"{'triples':>9} {'project (s)':>11} {'index (s)':>9} {'question':>17} {'chains':>7} "
        f"{'ours (s)':>10} {'networkx':>11} {'rustworkx':>10} {'SPARQL':>10} {'unindexed':>10}"
    )
    return [record for triples in args.triples for record in run(triples, args.max_hops)]


if __name__ == "__main__":
    main()
