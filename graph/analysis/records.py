"""Chains as records, rows and tables: plain data for JSON, CSV and pandas."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import networkx as nx

from graph.analysis.chains import Chain
from graph.analysis.claims import Claim
from graph.analysis.projection import label_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["chain_records", "chains_frame", "claim_record", "hop_rows", "iter_hop_rows"]


def claim_record(claim: Claim) -> dict[str, object]:
    """A claim as a plain record: its id, status, stance, product, dates (ISO days), sources,
    quote and whether it is unverified.
    """
    return {
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
                "claims": [claim_record(claim) for claim in hop.claims],
            }
            for hop in chain.hops
        ]
        records.append({"chain": number, "text": chain.describe(G), "stance": chain.stance, "hops": hops})
    return records


def hop_rows(G: nx.MultiDiGraph, chains: Iterator[Chain] | list[Chain]) -> list[dict[str, object]]:
    """Chains as rows, one per hop (for tables and CSV)."""
    return list(iter_hop_rows(G, chains))


def iter_hop_rows(G: nx.MultiDiGraph, chains: Iterable[Chain]) -> Iterator[dict[str, object]]:
    """:func:`hop_rows` one at a time, as the chains come (a long listing is written as it is
    found, not held whole).
    """
    for number, chain in enumerate(chains, start=1):
        for step, hop in enumerate(chain.hops, start=1):
            yield (
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


HOP_COLUMNS = ("chain", "hop", "source", "relation", "target", "status", "stance", "sources")


def chains_frame(G: nx.MultiDiGraph, chains: Iterable[Chain]) -> pd.DataFrame:
    """Chains as a table, one row per hop: chain and hop numbers (from 1), the labels of its
    ends, the relation, and its claims' statuses, stances and sources (``;``-separated).

    Examples
    --------
    >>> from graph import ID, build, pressure_chains, project
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
