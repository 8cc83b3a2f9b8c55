"""Pressure chains as values: a chain is a tuple of hops, each a relation triple with the claims
behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.claims import Claim
from graph.analysis.projection import label_of

__all__ = ["Chain", "Hop"]


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
