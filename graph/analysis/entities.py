"""Entity resolution: the node of a projection a user means by an id, an IRI or a label."""

from __future__ import annotations

import difflib

import networkx as nx

from graph.errors import QueryError
from graph.model.namespace import ID

__all__ = ["resolve_entity"]


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
