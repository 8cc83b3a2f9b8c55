"""Pressure chains: the paths from an actor to a target whose relations match a pattern.

The search walks the graph and the pattern's automaton in step (the product of the two),
so a branch the pattern cannot complete is never entered: a backward search from the
target first marks, for each (node, automaton state), how many hops at least remain, and
the depth-first search only follows moves that can still end at the target within
``max_hops``. Chains are simple paths (no node twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import networkx as nx
import rustworkx as rx

from graph.analysis.asof import graph_as_of
from graph.analysis.chains import Chain, Hop
from graph.analysis.claims import Claim
from graph.analysis.index import ChainIndex, _check_index, _indexed
from graph.analysis.pattern import DEFAULT_PATTERN, Pattern, compile_pattern
from graph.analysis.projection import products_made
from graph.analysis.reach import MAX_HOPS, search_distances
from graph.errors import QueryError

__all__ = ["chains_into", "pressure_chains"]


def _check_hops(max_hops: int) -> None:
    if not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(
            f"{max_hops} is out of range: a chain has at least 1 hop, and more than {MAX_HOPS} "
            "would make the search explode while no real pressure chain is that long",
            parameter="max_hops",
        )


def _deals_in(G: nx.MultiDiGraph, hop: tuple[str, str, str], claims: tuple[Claim, ...], product: str) -> bool:
    """Whether the last hop carries the product: a claim about it, or a claim about no product
    from an exporter that makes the product (or says nothing of what it makes).
    """
    if any(c.product == product for c in claims):
        return True
    made = products_made(G, hop[0])
    return any(c.product is None for c in claims) and (not made or product in made)


def pressure_chains(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    pattern: str | None = None,
    max_hops: int = 6,
    product: str | None = None,
    as_of: dt.date | None = None,
    index: ChainIndex | None = None,
) -> Iterator[Chain]:
    """Yield the chains from ``source`` to ``target`` whose relations match ``pattern``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection (:func:`graph.analysis.projection.project`); it is not changed.
    source, target : str
        Nodes of ``G`` (entity IRIs; see :func:`resolve_entity` for ids and labels).
    pattern : str, optional
        A regular pattern over relation names (see :mod:`graph.analysis.pattern`); by default the
        index's, or :data:`graph.analysis.pattern.DEFAULT_PATTERN`.
    max_hops : int
        The longest chain to return, 1 to :data:`MAX_HOPS`.
    product : str, optional
        A product id (``laptops``): keep chains whose last hop carries that product.
    as_of : datetime.date, optional
        Search the graph as of that day (:func:`graph.analysis.asof.graph_as_of`).
    index : ChainIndex, optional
        :func:`chain_index` of ``G``, to search in compiled code: the same chains in the same
        order. Not used with ``as_of``, which searches another graph.

    Yields
    ------
    Chain
        In a stable order (relations, then node ids, at each step).

    Raises
    ------
    PatternError
        For a malformed pattern or an unknown relation in it.
    QueryError
        For a node not in the graph, ``max_hops`` out of range, or an index of another graph
        or pattern.

    Examples
    --------
    >>> from graph import build, resolve_entity
    >>> from graph.analysis.projection import project
    >>> G = project(build())
    >>> us, russia = resolve_entity(G, "us-government"), resolve_entity(G, "russia")
    >>> chains = list(pressure_chains(G, us, russia))
    >>> "Government of the United States -pressures-> Lenovo -exportsTo-> Russia" in [
    ...     c.describe(G) for c in chains]
    True
    """
    yield from chains_into(
        G,
        target,
        sources=[source],
        pattern=pattern,
        max_hops=max_hops,
        product=product,
        as_of=as_of,
        index=index,
    )


def chains_into(
    G: nx.MultiDiGraph,
    target: str,
    *,
    sources: Iterable[str] | None = None,
    pattern: str | None = None,
    max_hops: int = 6,
    product: str | None = None,
    as_of: dt.date | None = None,
    index: ChainIndex | None = None,
) -> Iterator[Chain]:
    """Yield the chains into ``target`` from each of ``sources`` (by default, from every node
    that has one, in node order), searching the graph once for all of them.

    The options and errors are those of :func:`pressure_chains`, which asks this for one source.
    """
    _check_hops(max_hops)
    if index is not None:
        _check_index(G, index, pattern)
        pattern = index.pattern.text
    compiled = compile_pattern(pattern or DEFAULT_PATTERN, G.graph.get("relations", ()))
    chosen = None if sources is None else list(sources)
    for node in chosen or ():
        if node not in G:
            raise QueryError(f"no node {node!r} in the graph", parameter="source")
    if target not in G:
        raise QueryError(f"no node {target!r} in the graph", parameter="target")
    if index is not None and as_of is None:
        yield from _from_index(index, target, chosen, max_hops, product)
    else:
        H = graph_as_of(G, as_of) if as_of is not None else G
        yield from _searched(H, compiled, target, chosen, max_hops=max_hops, product=product)


def _searched(
    H: nx.MultiDiGraph,
    compiled: Pattern,
    target: str,
    chosen: list[str] | None,
    *,
    max_hops: int,
    product: str | None,
) -> Iterator[Chain]:
    """The chains of :func:`chains_into`, by a depth-first search pruned by the distances left."""
    # without the sources the distances are wider, never narrower: the same chains, found slower
    distance = search_distances(H, compiled, target, sources=chosen, limit=max_hops)  # pragma: no mutate
    if chosen is None:
        chosen = sorted(node for node, state in distance if state == compiled.start and node != target)
    moves: dict[tuple[str, int], list[tuple[str, int, int, Hop]]] = {}

    def useful(node: str, state: int) -> list[tuple[str, int, int, Hop]]:
        """The moves from (node, state) that can still end at the target, sorted, built once."""
        # The moves are kept once built: a mutant that forgets them builds them again, and only
        # states with moves are ever asked (a state without is only ever the target's).
        found = moves.get((node, state))  # pragma: no mutate
        if found is None:
            found = []
            steps = compiled.transitions.get(state, {})  # pragma: no mutate
            for following, relation, data in (
                (v, k, d) for v, keyed in H._succ[node].items() for k, d in keyed.items()
            ):
                nxt = steps.get(relation)
                remaining = distance.get((following, nxt)) if nxt is not None else None  # pragma: no mutate
                if nxt is None or remaining is None:
                    continue
                if (
                    following == target
                    and product is not None
                    and not _deals_in(H, (node, relation, following), data["claims"], product)
                ):
                    continue
                found.append((following, nxt, remaining, Hop(node, relation, following, data["claims"])))
            found.sort(key=lambda move: (move[3].relation, move[0]))
            moves[(node, state)] = found  # pragma: no mutate
        return found

    for source in chosen:
        if (source, compiled.start) not in distance:
            continue
        path: list[Hop] = []
        visited = {source}
        stack = [iter(useful(source, compiled.start))]
        while stack:  # depth first, without recursion: one iterator of moves a level
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                if path:
                    visited.discard(path.pop().target)
                continue
            following, nxt, remaining, hop = step
            # (the last hop, remaining 0, checks the length exactly: weaker bounds only search more)
            if following in visited or len(path) + 1 + remaining > max_hops:  # pragma: no mutate
                continue
            if following == target:
                if nxt in compiled.accepting:
                    yield Chain((*path, hop))
                continue
            path.append(hop)
            visited.add(following)
            stack.append(iter(useful(following, nxt)))


def _from_index(
    index: ChainIndex, target: str, sources: list[str] | None, max_hops: int, product: str | None
) -> Iterator[Chain]:
    """The chains of :func:`chains_into`, found in the index."""
    if sources is None:
        ends = [index.states[(target, s)] for s in index.pattern.accepting if (target, s) in index.states]
        names = list(index.states)
        before = {names[i] for end in ends for i in rx.ancestors(index.product, end)}
        sources = sorted(node for node, state in before if state == index.pattern.start and node != target)
    for source in sources:
        for hops in _indexed(index, source, target, max_hops):
            if product is None or _deals_in(index.graph, hops[-1].triple, hops[-1].claims, product):
                yield Chain(hops)
