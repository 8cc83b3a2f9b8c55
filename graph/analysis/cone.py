"""The cone of a question: the part of the graph that chains matching a pattern, from some
sources to a target within a hop limit, can use, read from where the graph is kept (see
:mod:`graph.analysis.readers`) without reading the rest.

A chain of at most ``L`` hops passes through (node, automaton state) pairs, each ``d_f`` hops
from a source and ``d_b`` hops from the target with ``d_f + d_b <= L``. The reader grows a
forward frontier from the sources and a backward one from the target, one hop at a time, each
time the side whose frontier has fewer nodes, until their depths add up to ``L`` (the frontier
batched: one index lookup, or one query, per node and relation the automaton allows there).
Every edge of every chain is then among the edges read: an edge within the forward depth was
read from its tail, any later one from its head. Distances over what was read keep only the
edges that can lie on a chain (``d_f(u, q) + 1 + d_b(v, q') <= L``); only then are their claims
and their ends' classes and labels read, and the ``makes`` of the exporters of the last hop
(which ``--product`` asks about).

The result is a projection (as :func:`graph.analysis.projection.project` makes) holding those
edges: the chain search, chokepoints, what-if and exposure give on it what they give on the
whole projection, and a test holds them equal.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from graph.analysis.pattern import Pattern, compile_pattern
from graph.analysis.readers import Edge, Reader, Triple
from graph.model.namespace import SKG

__all__ = ["Cone", "read_around", "read_cone", "subgraph"]

Pair = tuple[str, int]  # a node and a state of the automaton
MAKES = str(SKG.makes)


@dataclass
class Cone:
    """What a cone read found: the edges read (by IRI), and the depths each side reached."""

    pattern: Pattern
    names: dict[str, str]  # relation IRI -> name
    sources: list[str] | None
    targets: frozenset[str]
    limit: int
    last: frozenset[str] | None
    read: set[Triple] = field(default_factory=set)


def _backward_moves(pattern: Pattern) -> dict[tuple[int, str], list[int]]:
    """For each (state after, relation), the states before it."""
    back: dict[tuple[int, str], list[int]] = defaultdict(list)
    for state, moves in pattern.transitions.items():
        for relation, following in moves.items():
            back[(following, relation)].append(state)
    return back


def _nodes(frontier: Iterable[Pair]) -> int:
    return len({node for node, _ in frontier})


def _grow_forward(reader: Reader, cone: Cone, distance: dict[Pair, int], frontier: list[Pair]) -> list[Pair]:
    """Read one hop forward from the frontier; the pairs reached for the first time."""
    iris = {name: iri for iri, name in cone.names.items()}
    states: dict[str, list[int]] = defaultdict(list)
    for node, state in frontier:
        if node not in cone.targets:  # a chain ends at its target
            states[node].append(state)
    wanted = sorted(
        {(n, iris[r]) for n, ss in states.items() for s in ss for r in cone.pattern.transitions.get(s, {})}
    )
    reached: list[Pair] = []
    for s, p, o in reader.edges(wanted, forward=True):
        cone.read.add((s, p, o))
        for state in states[s]:
            nxt = cone.pattern.step(state, cone.names[p])
            if nxt is not None and (o, nxt) not in distance:
                distance[(o, nxt)] = distance[(s, state)] + 1
                reached.append((o, nxt))
    return reached


def _grow_backward(
    reader: Reader,
    cone: Cone,
    distance: dict[Pair, int],
    frontier: list[Pair],
    back: dict[tuple[int, str], list[int]],
) -> list[Pair]:
    """Read one hop backward from the frontier; the pairs reached for the first time."""
    iris = {name: iri for iri, name in cone.names.items()}
    states: dict[str, list[int]] = defaultdict(list)
    for node, state in frontier:
        states[node].append(state)
    into: dict[int, set[str]] = defaultdict(set)  # the relations that lead into each state
    for after, relation in back:
        into[after].add(relation)
    wanted = sorted({(n, iris[r]) for n, ss in states.items() for s in ss for r in into[s]})
    reached: list[Pair] = []
    for s, p, o in reader.edges(wanted, forward=False):
        if _outside(cone, s, o):
            continue  # a chain passes the target only at its end; exposure's last hops are given
        cone.read.add((s, p, o))
        for after in states[o]:
            for before in back.get((after, cone.names[p]), ()):
                if (s, before) not in distance:
                    distance[(s, before)] = distance[(o, after)] + 1
                    reached.append((s, before))
    return reached


def _outside(cone: Cone, before: str, after: str) -> bool:
    """Whether a move backward from ``after`` to ``before`` leaves every chain: a chain passes its
    target only at its end (when there is one target), and its last hop starts at one of ``last``.
    """
    if len(cone.targets) == 1 and before in cone.targets:
        return True
    return after in cone.targets and cone.last is not None and before not in cone.last


def _steps(
    cone: Cone, back: dict[tuple[int, str], list[int]], move: tuple[str, int, str, str], *, forward: bool
) -> list[int]:
    """The states a move over an edge read leads to: from (node, state) over ``relation`` to
    ``other``, forward along the automaton or backward against it.
    """
    node, state, relation, other = move
    if forward:
        nxt = cone.pattern.step(state, relation)
        return [] if nxt is None else [nxt]
    if _outside(cone, other, node):
        return []  # as when reading: the target only at the end, exposure's last hops given
    return list(back.get((state, relation), ()))


def _distances(cone: Cone, *, forward: bool, back: dict[tuple[int, str], list[int]]) -> dict[Pair, int]:
    """Breadth-first distances over the edges read: from the sources (``forward``) or to the target."""
    adjacent: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, p, o in cone.read:
        end, other = (s, o) if forward else (o, s)
        adjacent[end].append((cone.names[p], other))
    pattern = cone.pattern
    starts = (
        [(s, pattern.start) for s in cone.sources or ()]
        if forward
        else [(t, a) for t in sorted(cone.targets) for a in pattern.accepting]
    )
    distance = dict.fromkeys(starts, 0)
    queue = deque(distance)
    while queue:
        node, state = queue.popleft()
        hops = distance[(node, state)] + 1
        if hops > cone.limit or (forward and node in cone.targets):
            continue
        for relation, other in adjacent[node]:
            for nxt in _steps(cone, back, (node, state, relation, other), forward=forward):
                if (other, nxt) not in distance:
                    distance[(other, nxt)] = hops
                    queue.append((other, nxt))
    return distance


def _kept(cone: Cone, back: dict[tuple[int, str], list[int]]) -> list[Edge]:
    """The edges read that can lie on a chain within the limit, as the projection keys them."""
    to_target = _distances(cone, forward=False, back=back)
    from_sources = _distances(cone, forward=True, back=back) if cone.sources is not None else None
    kept: set[Edge] = set()
    for s, p, o in cone.read:
        relation = cone.names[p]
        for state in cone.pattern.transitions:
            nxt = cone.pattern.step(state, relation)
            if nxt is None or (o, nxt) not in to_target:
                continue
            if from_sources is None:
                ok = (s, state) in to_target and to_target[(o, nxt)] + 1 <= cone.limit
            else:
                before = from_sources.get((s, state))
                ok = before is not None and before + 1 + to_target[(o, nxt)] <= cone.limit
            if ok:
                kept.add((s, relation, o))
                break
    return sorted(kept)


def read_cone(
    reader: Reader,
    pattern: str,
    sources: Sequence[str] | None,
    target: str | Collection[str],
    *,
    max_hops: int,
    last: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """The projection of the part of the graph that chains from ``sources`` to ``target`` can use.

    Parameters
    ----------
    reader : Reader
        Where the graph is kept (:class:`~graph.analysis.readers.StoreReader`,
        :class:`~graph.analysis.readers.EndpointReader`).
    pattern : str
        The relations a chain may follow (see :mod:`graph.analysis.pattern`).
    sources : sequence of str, optional
        Where chains start; ``None`` for chains from anywhere (then only the backward reach
        from the target is read).
    target : str or collection of str
        Where they end (several: the union of the cones into each).
    max_hops : int
        The longest chain.
    last : collection of str, optional
        Only chains whose last hop starts at one of these (the exporters of an exposure row).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as :func:`graph.analysis.projection.project` has them, for the edges
        that can lie on such a chain (with the ``makes`` of the last hops' exporters); the
        graph's ``relations`` are the ontology's, ``cone_read`` counts the triples read.

    Examples
    --------
    >>> from graph import ID, build, open_store
    >>> from graph.analysis.readers import StoreReader
    >>> from graph.analysis.search import pressure_chains
    >>> us, russia = str(ID["us-government"]), str(ID["russia"])
    >>> from graph.analysis.projection import project
    >>> store = open_store(build())
    >>> pattern = "sanctions+ supplies* exportsTo"
    >>> G = read_cone(StoreReader(store), pattern, [us], russia, max_hops=4)
    >>> whole = project(store)
    >>> found = list(pressure_chains(G, us, russia, pattern=pattern, max_hops=4))
    >>> found == list(pressure_chains(whole, us, russia, pattern=pattern, max_hops=4))
    True
    >>> G.number_of_edges() < whole.number_of_edges()
    True
    """
    names = reader.relations()
    compiled = compile_pattern(pattern, names.values())
    targets = frozenset([target] if isinstance(target, str) else target)
    chosen = None if sources is None else list(sources)
    cone = Cone(compiled, names, chosen, targets, max_hops, None if last is None else frozenset(last))
    back = _backward_moves(compiled)
    forward = {(s, compiled.start): 0 for s in cone.sources or ()}
    backward = {(t, a): 0 for t in sorted(targets) for a in compiled.accepting}
    ahead, behind = list(forward), list(backward)
    depth = 0
    while depth < max_hops and behind and (cone.sources is None or ahead):
        if cone.sources is not None and _nodes(ahead) <= _nodes(behind):
            ahead = _grow_forward(reader, cone, forward, ahead)
        else:
            behind = _grow_backward(reader, cone, backward, behind, back)
        depth += 1
    edges = _kept(cone, back)
    return _projection(reader, cone, edges)


def _projection(reader: Reader, cone: Cone, edges: list[Edge]) -> nx.MultiDiGraph:
    """The kept edges as a projection: their claims, their ends' classes and labels, and the
    ``makes`` of the exporters of the last hops.
    """
    exporters = sorted({s for s, _, o in edges if o in cone.targets})
    makes = [(s, cone.names[p], o) for s, p, o in reader.edges([(e, MAKES) for e in exporters], forward=True)]
    return subgraph(reader, [*edges, *makes], [*(cone.sources or ()), *cone.targets])


def subgraph(reader: Reader, edges: Iterable[Edge], nodes: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The projection of given relation triples (subject, relation name, object) and nodes,
    with the claims of the triples and the classes and labels of every node, as
    :func:`graph.analysis.projection.project` has them.
    """
    every = sorted(set(edges))
    names = sorted({n for s, _, o in every for n in (s, o)} | set(nodes))
    attributes = reader.nodes(names)
    claims = reader.claims(every)
    G = nx.MultiDiGraph(relations=tuple(sorted(reader.relations().values())))
    for node in names:
        G.add_node(node, **attributes[node])
    for s, relation, o in every:
        G.add_edge(s, o, key=relation, relation=relation, claims=claims.get((s, relation, o), ()))
    G.graph["cone_read"] = reader.read
    return G


def read_around(reader: Reader, centre: str, depth: int) -> nx.MultiDiGraph:
    """The projection of the entities within ``depth`` relations of ``centre`` (either
    direction) and every relation among them, as
    :func:`graph.analysis.projection.project_around` reads it from a store, from any reader.
    """
    relations = sorted(reader.relations())
    seen, frontier = {centre}, {centre}
    for _ in range(depth):
        pairs = [(node, p) for node in sorted(frontier) for p in relations]
        reached = {o for _, _, o in reader.edges(pairs, forward=True)}
        reached |= {s for s, _, _ in reader.edges(pairs, forward=False)}
        frontier = reached - seen
        seen |= reached
    pairs = [(node, p) for node in sorted(seen) for p in relations]
    names = reader.relations()
    edges = [(s, names[p], o) for s, p, o in reader.edges(pairs, forward=True) if o in seen]
    return subgraph(reader, edges, seen)
