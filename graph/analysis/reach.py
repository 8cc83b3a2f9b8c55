"""Where a chain search may go: distances over the product of the graph and a pattern's automaton.

A state of the search is a (node, automaton state) pair. The chain search only follows moves
into states from which the target can still be reached, in an accepting state, within the
hops left; these functions find those states and their distances to the target.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from graph.analysis.pattern import Pattern

__all__ = ["MAX_HOPS", "distances_to_target", "search_distances", "source_cone"]

MAX_HOPS = 12
"""The longest chain searched: more would make the search explode, and no real chain is that long."""


def source_cone(
    G: nx.MultiDiGraph, pattern: Pattern, source: str, target: str, *, limit: int, budget: int
) -> dict[tuple[str, int], int] | None:
    """The (node, state) pairs a chain from ``source`` can pass within ``limit`` hops, with
    their distance from it; ``None`` as soon as there are more than ``budget`` of them.
    """
    # The cone only narrows the backward search, which keeps a state only if the source reaches
    # it early enough: a mutant that widens the cone (a larger limit, going on past the target,
    # smaller distances) or gives it up finds the same chains, more slowly. So do those below.
    distance = {(source, pattern.start): 0}
    queue = deque(distance)
    while queue:
        node, state = queue.popleft()
        hops = distance[(node, state)] + 1  # pragma: no mutate
        if hops > limit or node == target:  # pragma: no mutate
            continue
        moves = pattern.transitions.get(state, {})
        for following, relations in G._succ[node].items():
            if following == source:
                continue
            for relation in relations:
                nxt = moves.get(relation)
                if nxt is not None and (following, nxt) not in distance:
                    distance[(following, nxt)] = hops
                    if len(distance) > budget:
                        return None
                    queue.append((following, nxt))
    return distance


def distances_to_target(
    G: nx.MultiDiGraph,
    pattern: Pattern,
    target: str,
    *,
    limit: int = MAX_HOPS,
    within: Mapping[tuple[str, int], int] | None = None,
) -> dict[tuple[str, int], int]:
    """For each (node, automaton state) that can still reach ``target`` in an accepting state
    within ``limit`` hops, the fewest hops needed (a backward breadth-first search over the
    product graph). With ``within`` (the distances of a source's cone, from
    :func:`source_cone`), only states that source reaches early enough to finish are kept.
    """
    backward: dict[tuple[int, str], list[int]] = {}
    for state, moves in pattern.transitions.items():
        for relation, following in moves.items():
            backward.setdefault((following, relation), []).append(state)
    distance = {(target, state): 0 for state in pattern.accepting}
    queue = deque(distance)
    while queue:
        node, state = queue.popleft()
        hops = distance[(node, state)] + 1
        if hops > limit:
            break  # breadth first: every state still queued is as far or farther
        for previous, relations in G._pred[node].items():
            for relation in relations:
                for before in backward.get((state, relation), ()):
                    # Deterministic automaton: a (state, relation) has one list of states before
                    # it, seen whole the first time, so stopping at a known one loses nothing.
                    if (previous, before) in distance:  # pragma: no mutate
                        continue  # pragma: no mutate
                    if within is not None and within.get((previous, before), limit) + hops > limit:
                        continue
                    distance[(previous, before)] = hops
                    queue.append((previous, before))
    return distance


def search_distances(
    G: nx.MultiDiGraph, pattern: Pattern, target: str, *, sources: list[str] | None, limit: int
) -> dict[tuple[str, int], int]:
    """The distances a search into ``target`` needs, from ``sources`` (all nodes when ``None``).

    For one source, it first looks from the source, giving up as soon as the source reaches
    more states than the target has incoming relations: a source that reaches less bounds the
    backward search (measured: 2.6x faster from a median government into the biggest
    importer at 1M triples, and no slower on the other questions of the benchmark).
    """
    cone = None
    if sources is not None and len(sources) == 1:
        budget = sum(len(relations) for relations in G._pred[target].values())
        # without the cone, or with a wider one, the search finds the same chains, more slowly
        cone = source_cone(G, pattern, sources[0], target, limit=limit, budget=budget)  # pragma: no mutate
    return distances_to_target(G, pattern, target, limit=limit, within=cone)  # pragma: no mutate
