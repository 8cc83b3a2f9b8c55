"""Asking the graph from Python: a question in, a typed DataFrame (or an rdflib graph) out.

>>> from graph import build, open_store, query_frame
>>> store = open_store(build())
>>> df = query_frame(store, "trade-changes", {"reporter": "china", "partner": "russia"}, compact=True)
>>> df[df.productLabel == "Laptops"][["changePercent", "bound", "statedAs"]].to_dict("records")
[{'changePercent': -40.0, 'bound': 'skg:MoreThan', 'statedAs': 'more than 40 percent'}]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pyoxigraph as ox
from rdflib import Graph

from graph.errors import QueryError
from graph.model.build import Build
from graph.sparql.queries import NamedQuery, adhoc_query, named_queries, named_query
from graph.sparql.results import to_frame, to_graph
from graph.sparql.run import ParamValue, Target, execute
from graph.sparql.store import open_store

__all__ = ["query_frame", "query_graph", "resolve_query"]

Source = Target | Build


def resolve_query(query: NamedQuery | str) -> NamedQuery:
    """A query given as a :class:`NamedQuery`, the name of a named question, or SPARQL text.

    Raises
    ------
    QueryError
        For a word that names no question (with close names).
    """
    if isinstance(query, NamedQuery):
        return query
    if query in named_queries() or not any(char.isspace() or char == "{" for char in query):
        return named_query(query)
    return adhoc_query(query, origin="query text")


def _run(source: Source, query: NamedQuery | str, params: Mapping[str, ParamValue] | None) -> object:
    target = open_store(source) if isinstance(source, Build) else source
    return execute(target, resolve_query(query), params)


def query_frame(
    source: Source,
    query: NamedQuery | str,
    params: Mapping[str, ParamValue] | None = None,
    *,
    compact: bool = False,
) -> pd.DataFrame:
    """Run a SELECT (or ASK) and return its rows as a DataFrame with typed columns.

    Parameters
    ----------
    source : pyoxigraph.Store, Endpoint or Build
        The embedded store, a SPARQL server, or a build (loaded into a new store).
    query : NamedQuery or str
        A named question by name (``"export-halts"``), or SPARQL text.
    params : Mapping, optional
        The parameters' values by name, typed by the question's declared parameter types.
    compact : bool, default False
        Write IRIs as compact names (``skg:Halted``, ``id:lenovo``) instead of full IRIs.

    Returns
    -------
    pandas.DataFrame
        Dates as datetime, months as monthly periods, numbers as numbers, booleans as booleans.

    Raises
    ------
    QueryError
        For a syntax error, a bad parameter, or a query that builds a graph (use :func:`query_graph`).
    EndpointError
        If a server cannot be reached or fails.
    """
    result = _run(source, query, params)
    if isinstance(result, ox.QueryTriples):
        raise QueryError("this query builds a graph; use query_graph", origin=resolve_query(query).origin)
    assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
    return to_frame(result, compact_iris=compact)


def query_graph(
    source: Source, query: NamedQuery | str, params: Mapping[str, ParamValue] | None = None
) -> Graph:
    """Run a CONSTRUCT or DESCRIBE and return the graph it builds (rdflib).

    Raises
    ------
    QueryError
        For a syntax error, a bad parameter, or a query that selects rows (use :func:`query_frame`).
    EndpointError
        If a server cannot be reached or fails.
    """
    result = _run(source, query, params)
    if not isinstance(result, ox.QueryTriples):
        raise QueryError("this query selects rows; use query_frame", origin=resolve_query(query).origin)
    return to_graph(result)
