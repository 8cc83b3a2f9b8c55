"""The compiled chain index: the product of a projection and a pattern's automaton as a
rustworkx graph, so that many chain searches on one graph run in compiled code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
import rustworkx as rx

from graph.analysis.chains import Hop
from graph.analysis.pattern import DEFAULT_PATTERN, Pattern, compile_pattern
from graph.errors import QueryError

__all__ = ["ChainIndex", "chain_index"]


@dataclass(frozen=True, eq=False)
class ChainIndex:
    """The product of one projection and one pattern's automaton, compiled into a rustworkx
    graph, so that many chain searches on the same graph run in compiled code.

    Build it with :func:`chain_index` and pass it to :func:`pressure_chains` or
    :func:`chains_into` as ``index=``; build it again after changing the graph.
    """

    graph: nx.MultiDiGraph
    pattern: Pattern
    product: rx.PyDiGraph
    states: Mapping[tuple[str, int], int]
    entities: tuple[int, ...]
    hops: Mapping[tuple[int, int], Hop]
    """For each edge of the product, its relation triple."""


def chain_index(G: nx.MultiDiGraph, pattern: str = DEFAULT_PATTERN) -> ChainIndex:
    """Index ``G`` for chain searches with ``pattern``: its cost is one pass over the edges,
    paid once and repaid by every search after it (see ``benchmarks/chains.py``).

    A state of the product is a (node, automaton state) pair, and each relation triple the
    pattern can take gives an edge between two states; ``G`` is not changed.

    Raises
    ------
    PatternError
        For a malformed pattern or an unknown relation in it.

    Examples
    --------
    >>> from graph import build, pressure_chains, resolve_entity
    >>> from graph.analysis.projection import project
    >>> G = project(build())
    >>> index = chain_index(G)
    >>> us, russia = resolve_entity(G, "us-government"), resolve_entity(G, "russia")
    >>> list(pressure_chains(G, us, russia, index=index)) == list(pressure_chains(G, us, russia))
    True
    """
    compiled = compile_pattern(pattern, G.graph.get("relations", ()))
    # Each automaton state is entered by one relation (the states a relation leads to are
    # that relation's own), so an edge of the product carries one relation triple; numbering
    # the states by (relation in, entity) then makes comparing two paths' state numbers
    # compare their hops' (relation, target): paths sort by themselves, in the search's order.
    entering: dict[int, set[str]] = {}
    for moves in compiled.transitions.values():
        for relation, following in moves.items():
            entering.setdefault(following, set()).add(relation)
    # (a check that no pattern can fail, so no test can run it: neither coverage nor mutants)
    if any(len(relations) > 1 for relations in entering.values()):  # pragma: no cover, no mutate block
        raise QueryError("an automaton state entered by two relations", parameter="pattern")
    relation_into = {state: min(relations) for state, relations in entering.items()}
    states: dict[tuple[str, int], int] = {}
    hops: dict[tuple[int, int], Hop] = {}
    taking = {
        relation: [
            (state, moves[relation]) for state, moves in compiled.transitions.items() if relation in moves
        ]
        for relation in {r for moves in compiled.transitions.values() for r in moves}
    }
    for node, following in G._succ.items():
        for other, keyed in following.items():
            for relation, data in keyed.items():
                for state, nxt in taking.get(relation, ()):
                    edge = (
                        states.setdefault((node, state), len(states)),
                        states.setdefault((other, nxt), len(states)),
                    )
                    hops[edge] = Hop(node, relation, other, data["claims"])
    # the start state has no relation into it: it sorts first (relation names begin in lower case)
    renumbered = sorted(states, key=lambda key: (relation_into.get(key[1], ""), *key))  # pragma: no mutate
    new = {states[key]: number for number, key in enumerate(renumbered)}
    numbers: dict[str, int] = {}
    product = rx.PyDiGraph(multigraph=False)  # pragma: no mutate - its edges are distinct anyway
    product.add_nodes_from(range(len(states)))
    product.add_edges_from_no_data(sorted((new[i], new[j]) for i, j in hops))
    return ChainIndex(
        graph=G,
        pattern=compiled,
        product=product,
        states={key: number for number, key in enumerate(renumbered)},
        entities=tuple(numbers.setdefault(node, len(numbers)) for node, _ in renumbered),
        hops={(new[i], new[j]): hop for (i, j), hop in hops.items()},
    )


def _indexed(index: ChainIndex, source: str, target: str, max_hops: int) -> list[tuple[Hop, ...]]:
    """The chains from ``source`` to ``target`` found in the index, in the order of the search.

    rustworkx gives the paths simple in (node, state); those that visit a node twice are
    dropped. The states are numbered in the search's order (see :func:`chain_index`), so
    sorting the paths sorts the chains.
    """
    pattern, entity = index.pattern, index.entities.__getitem__
    start = index.states.get((source, pattern.start))
    # (a path back to the source is dropped below as well: this only saves the search)
    if start is None or source == target:  # pragma: no mutate
        return []
    paths: list[list[int]] = []
    for accepting in sorted(pattern.accepting):
        end = index.states.get((target, accepting))
        if end is not None:
            found = rx.digraph_all_simple_paths(index.product, start, end, cutoff=max_hops + 1)
            paths.extend(path for path in found if len(set(map(entity, path))) == len(path))
    paths.sort()
    hop = index.hops.__getitem__
    return [tuple(map(hop, pairwise(path))) for path in paths]


def _check_index(G: nx.MultiDiGraph, index: ChainIndex, pattern: str | None) -> None:
    if index.graph is not G:
        raise QueryError("this index was built for another graph", parameter="index")
    if pattern is not None and pattern != index.pattern.text:
        raise QueryError(
            f"this index was built for the pattern {index.pattern.text!r}, not {pattern!r}",
            parameter="index",
        )
