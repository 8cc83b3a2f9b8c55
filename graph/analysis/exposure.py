"""Exposure: modelled pressure (the chains into an export flow) beside observed trade. It takes
a projection (networkx) and returns a new table; it does not change the projection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from graph.analysis.cone import read_cone, subgraph
from graph.analysis.pattern import DEFAULT_PATTERN
from graph.analysis.projection import label_of, products_made
from graph.analysis.search import chains_into
from graph.model.namespace import ID

if TYPE_CHECKING:
    from graph.analysis.readers import Reader

__all__ = ["exposure", "exposure_read"]


def exposure(
    G: nx.MultiDiGraph,
    observations: pd.DataFrame,
    *,
    pattern: str = DEFAULT_PATTERN,
    max_hops: int = 6,
) -> pd.DataFrame:
    """Modelled pressure beside observed trade, for each observation.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection.
    observations : pandas.DataFrame
        Trade observations with columns ``reporter``, ``partner``, ``product`` (IRIs),
        ``productLabel``, ``basePeriod``, ``period``, ``changePercent``, ``bound``, ``statedAs``
        (the ``trade-changes`` question gives them; rows of one ``observation`` are taken once).
    pattern : str
        The relations a chain may follow.
    max_hops : int
        The longest chain counted.

    Returns
    -------
    pandas.DataFrame
        The observation, with ``exporters`` (the reporter's companies, or the reporter itself,
        that export the product to the partner), ``chains`` (pressure chains ending in those
        flows), how many push towards compliance and towards resistance, and ``actors`` (who
        starts them).
    """
    return _frame(lambda _: G, observations, pattern=pattern, max_hops=max_hops)


def _frame(
    graph_for: Callable[[tuple[str, str, str]], nx.MultiDiGraph],
    observations: pd.DataFrame,
    *,
    pattern: str,
    max_hops: int,
) -> pd.DataFrame:
    """The exposure table, each observation's row computed on ``graph_for((reporter, partner, product))``."""
    if "observation" in observations.columns:  # one row per observation, not per source
        observations = observations.drop_duplicates("observation")
    rows = [
        _row(graph_for((str(obs.reporter), str(obs.partner), str(obs.product))), obs, pattern, max_hops)
        # (read by name, index or not)
        for obs in observations.itertuples(index=False)  # pragma: no mutate
    ]
    return pd.DataFrame(rows)


def _row(G: nx.MultiDiGraph, obs: Any, pattern: str, max_hops: int) -> dict[str, object]:
    """One observation's row of the exposure table."""
    product = str(obs.product).removeprefix(str(ID))
    exporters = _exporters(G, str(obs.reporter), str(obs.partner), product)
    into = chains_into(
        G,
        str(obs.partner),
        pattern=pattern,
        max_hops=max_hops,
        product=None if product == "all-goods" else product,
    )
    chains = [chain for chain in into if chain.hops[-1].source in exporters]
    return {
        "reporter": label_of(G, str(obs.reporter)),
        "partner": label_of(G, str(obs.partner)),
        "product": obs.productLabel,
        "basePeriod": obs.basePeriod,
        "period": obs.period,
        "changePercent": obs.changePercent,
        "bound": str(obs.bound).rpartition("#")[2] if obs.bound is not None else None,
        "statedAs": obs.statedAs,
        "exporters": ", ".join(sorted(label_of(G, e) for e in exporters)),
        "chains": len(chains),
        "towardsCompliance": sum(1 for c in chains if c.stance == "TowardsCompliance"),
        "towardsResistance": sum(1 for c in chains if c.stance == "TowardsResistance"),
        "actors": ", ".join(sorted({label_of(G, c.hops[0].source) for c in chains})),
    }


def _exporters(G: nx.MultiDiGraph, reporter: str, partner: str, product: str) -> set[str]:
    """Who exports the product from the reporter to the partner: the reporter itself, and the
    companies headquartered there that export to the partner and make the product (for all
    goods, every such company).
    """
    found = {reporter} if G.has_edge(reporter, partner, key="exportsTo") else set()
    for company, _, relation in G.in_edges(reporter, keys=True):
        if relation != "headquarteredIn" or not G.has_edge(company, partner, key="exportsTo"):
            continue
        if product == "all-goods" or product in products_made(G, company):
            found.add(company)
    return found


def exposure_read(
    reader: Reader,
    observations: pd.DataFrame,
    *,
    pattern: str = DEFAULT_PATTERN,
    max_hops: int = 6,
) -> pd.DataFrame:
    """:func:`exposure`, reading for each observation only what it needs where the graph is
    kept: the reporter's exporters of the product to the partner, and the cone of the chains
    into the partner whose last hop starts at one of them (:func:`graph.analysis.cone.read_cone`).
    The same rows as :func:`exposure` on the whole projection.
    """
    around: dict[tuple[str, str, str], nx.MultiDiGraph] = {}

    def graph_for(key: tuple[str, str, str]) -> nx.MultiDiGraph:
        if key not in around:
            around[key] = _around(reader, *key, pattern=pattern, max_hops=max_hops)
        return around[key]

    return _frame(graph_for, observations, pattern=pattern, max_hops=max_hops)


def _around(
    reader: Reader, reporter: str, partner: str, product_iri: str, *, pattern: str, max_hops: int
) -> nx.MultiDiGraph:
    """What the exposure of one (reporter, partner, product) reads: the exporters' edges and the
    cone of chains into the partner through them.
    """
    names = reader.relations()
    iris = {name: iri for iri, name in names.items()}
    companies = [s for s, _, _ in reader.edges([(reporter, iris["headquarteredIn"])], forward=False)]
    sellers = sorted({reporter, *companies})
    exports = [
        (s, "exportsTo", o)
        for s, _, o in reader.edges([(n, iris["exportsTo"]) for n in sellers], forward=True)
        if o == partner
    ]
    makes = [(s, "makes", o) for s, _, o in reader.edges([(n, iris["makes"]) for n in sellers], forward=True)]
    seats = [(c, "headquarteredIn", reporter) for c in companies]
    small = subgraph(reader, [*exports, *makes, *seats], [reporter, partner])
    exporters = _exporters(small, reporter, partner, product_iri.removeprefix(str(ID)))
    if not exporters:
        return small
    cone = read_cone(reader, pattern, None, partner, max_hops=max_hops, last=exporters)
    return nx.compose(small, cone)
