"""Pressure chains: the paths from an actor to a target whose relations match a pattern.

The search walks the graph and the pattern's automaton in step (the product of the two),
so a branch the pattern cannot complete is never entered: a backward search from the
target first marks, for each (node, automaton state), how many hops at least remain, and
the depth-first search only follows moves that can still end at the target within
``max_hops``. Chains are simple paths (no node twice).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx
import rustworkx as rx

from graph.analysis.asof import graph_as_of
from graph.analysis.pattern import DEFAULT_PATTERN, Pattern, compile_pattern
from graph.analysis.projection import Claim, label_of, products_made
from graph.analysis.reach import MAX_HOPS, search_distances
from graph.errors import QueryError
from graph.model.namespace import ID

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_HOPS",
    "Chain",
    "ChainIndex",
    "Hop",
    "chain_index",
    "chain_records",
    "chains_frame",
    "chains_into",
    "hop_rows",
    "pressure_chains",
    "resolve_entity",
]


@dataclass(frozen=True)
class Hop:
    """One step of a chain: ``source --relation--> target`` and the claims behind it."""

    source: str
    relation: str
    target: str
    claims: tuple[Claim, ...]

    @property
    def triple(self) -> tuple[str, str, str]:
        """The relation triple of the hop: (source, relation, target)."""
        return (self.source, self.relation, self.target)

    @property
    def stances(self) -> frozenset[str]:
        """The stances its claims give (``TowardsCompliance``, ``TowardsResistance``)."""
        return frozenset(c.stance for c in self.claims if c.stance)

    @property
    def sources(self) -> frozenset[str]:
        """The sources of its claims."""
        return frozenset(s for c in self.claims for s in c.sources)


@dataclass(frozen=True)
class Chain:
    """A chain of hops from an actor to a target."""

    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes along the chain, from actor to target."""
        return (self.hops[0].source, *(hop.target for hop in self.hops))

    @property
    def relations(self) -> tuple[str, ...]:
        """The relations along the chain."""
        return tuple(hop.relation for hop in self.hops)

    @property
    def stance(self) -> str | None:
        """Which way the chain pushes: the stance of its first hop, if its claims agree on one."""
        stances = self.hops[0].stances
        return next(iter(stances)) if len(stances) == 1 else None

    def describe(self, G: nx.MultiDiGraph) -> str:
        """The chain in words: ``A -pressures-> B -supplies-> C``."""
        parts = [label_of(G, self.hops[0].source)]
        for hop in self.hops:
            parts.append(f"-{hop.relation}-> {label_of(G, hop.target)}")
        return " ".join(parts)


def resolve_entity(G: nx.MultiDiGraph, name: str, *, parameter: str = "entity") -> str:
    """The node a user means by an id (``lenovo``), a full IRI, or an English label (``Lenovo``).

    Raises
    ------
    QueryError
        Naming the parameter, with close names, if nothing matches.
    """
    if name in G:
        return name
    if str(ID) + name in G:
        return str(ID) + name
    by_label = {
        str(data.get("label")).casefold(): node for node, data in G.nodes(data=True) if data.get("label")
    }
    if name.casefold() in by_label:
        return str(by_label[name.casefold()])
    names = [str(n).removeprefix(str(ID)) for n in G] + [
        str(d["label"]) for _, d in G.nodes(data=True) if d.get("label")
    ]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)  # pragma: no mutate - difflib's defaults
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"no entity {name!r} in the graph{hint}", parameter=parameter)


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
    >>> from graph import build
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
    >>> from graph import build
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


def _check_index(G: nx.MultiDiGraph, index: ChainIndex, pattern: str | None) -> None:
    if index.graph is not G:
        raise QueryError("this index was built for another graph", parameter="index")
    if pattern is not None and pattern != index.pattern.text:
        raise QueryError(
            f"this index was built for the pattern {index.pattern.text!r}, not {pattern!r}",
            parameter="index",
        )


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


def chain_records(G: nx.MultiDiGraph, chains: Iterator[Chain] | list[Chain]) -> list[dict[str, object]]:
    """Chains as plain records (for JSON): each with its text, stance and hops, and each hop with
    its claims (status, stance, product, dates, sources, quote).
    """
    records: list[dict[str, object]] = []
    for number, chain in enumerate(chains, start=1):
        hops = [
            {
                "source": hop.source,
                "relation": hop.relation,
                "target": hop.target,
                "claims": [
                    {
                        "claim": claim.id,
                        "status": claim.status,
                        "stance": claim.stance,
                        "product": claim.product,
                        "start": claim.start.isoformat() if claim.start else None,
                        "end": claim.end.isoformat() if claim.end else None,
                        "sources": list(claim.sources),
                        "quote": claim.quote,
                        "unverified": claim.unverified,
                    }
                    for claim in hop.claims
                ],
            }
            for hop in chain.hops
        ]
        records.append({"chain": number, "text": chain.describe(G), "stance": chain.stance, "hops": hops})
    return records


def hop_rows(G: nx.MultiDiGraph, chains: Iterator[Chain] | list[Chain]) -> list[dict[str, object]]:
    """Chains as rows, one per hop (for tables and CSV)."""
    rows: list[dict[str, object]] = []
    for number, chain in enumerate(chains, start=1):
        for step, hop in enumerate(chain.hops, start=1):
            rows.append(
                {
                    "chain": number,
                    "hop": step,
                    "source": label_of(G, hop.source),
                    "relation": hop.relation,
                    "target": label_of(G, hop.target),
                    "status": ";".join(sorted({c.status for c in hop.claims if c.status})),
                    "stance": ";".join(sorted(hop.stances)),
                    "sources": ";".join(sorted(hop.sources)),
                }
            )
    return rows


HOP_COLUMNS = ("chain", "hop", "source", "relation", "target", "status", "stance", "sources")


def chains_frame(G: nx.MultiDiGraph, chains: Iterable[Chain]) -> pd.DataFrame:
    """Chains as a table, one row per hop: chain and hop numbers (from 1), the labels of its
    ends, the relation, and its claims' statuses, stances and sources (``;``-separated).

    Examples
    --------
    >>> from graph import ID, build, project
    >>> G = project(build())
    >>> found = pressure_chains(G, str(ID["china-government"]), str(ID["russia"]))
    >>> frame = chains_frame(G, found)
    >>> frame[["chain", "hop", "relation", "target"]].tail(2)
       chain  hop   relation  target
    2      2    1  pressures  Xiaomi
    3      2    2  exportsTo  Russia
    """
    import pandas as pd  # noqa: PLC0415 - pandas only for a frame

    return pd.DataFrame(hop_rows(G, list(chains)), columns=list(HOP_COLUMNS))
