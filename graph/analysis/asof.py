"""The graph as of a day: only the claims in force that day, and without relations halted by then.

A claim is in force on day D when ``start <= D < end`` (an unknown start or end does not
limit it). An edge drops out on D when a claim dated on or before D says it was halted and
no later-dated claim in force says otherwise, or when none of its claims is in force yet.
An edge whose only claims are halts dated after D was still running on D: it stays, with
those claims as its evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from graph.analysis.claims import Claim

__all__ = ["HALTED", "claims_as_of", "graph_as_of", "in_force"]

HALTED = "Halted"


def in_force(claim: Claim, day: dt.date) -> bool:
    """Whether the claim holds on ``day`` (``start <= day < end``; unknown bounds do not limit).

    Examples
    --------
    >>> c = Claim("c", start=dt.date(2022, 3, 1), end=dt.date(2022, 5, 1))
    >>> in_force(c, dt.date(2022, 3, 1)), in_force(c, dt.date(2022, 5, 1))
    (True, False)
    """
    return (claim.start is None or claim.start <= day) and (claim.end is None or day < claim.end)


def claims_as_of(claims: Iterable[Claim], day: dt.date) -> tuple[Claim, ...] | None:
    """The evidence an edge keeps on ``day``, or ``None`` if the edge drops out that day.

    Examples
    --------
    >>> halt = Claim("h", status="Halted", start=dt.date(2022, 4, 1))
    >>> claims_as_of([halt], dt.date(2022, 5, 1)) is None      # halted by then
    True
    >>> claims_as_of([halt], dt.date(2022, 3, 1)) == (halt,)   # still running then
    True
    """
    claims = tuple(claims)
    current = tuple(c for c in claims if in_force(c, day))
    halts = [c.start for c in current if c.status == HALTED and c.start is not None]
    if halts:
        last_halt = max(halts)
        resumed = any(c.status != HALTED and c.start is not None and c.start > last_halt for c in current)
        if not resumed:
            return None
    if current:
        return current
    later_halts = tuple(c for c in claims if c.status == HALTED and c.start is not None and c.start > day)
    return later_halts or None


def graph_as_of(G: nx.MultiDiGraph, day: dt.date) -> nx.MultiDiGraph:
    """A new graph holding the edges of ``G`` as of ``day``, each with its claims of that day.

    ``G`` is not changed; nodes are all kept.
    """
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, key, data in G.edges(keys=True, data=True):
        kept = claims_as_of(data["claims"], day)
        if kept is not None:
            H.add_edge(u, v, key=key, **{**data, "claims": kept})
    return H
