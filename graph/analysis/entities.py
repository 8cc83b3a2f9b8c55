"""Entity resolution: the node a user means by an id, an IRI or a label, in a projection
(:func:`resolve_entity`) or where the graph is kept (:func:`find_entity`, :func:`find_actors`,
through a :class:`~graph.analysis.readers.Reader`, reading only what the name needs). A name
that several entities bear is listed, never decided; a country named where an actor is
expected stands for the government(s) that ``governs`` it, and the answer says so.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from graph.errors import QueryError
from graph.model.namespace import ID

if TYPE_CHECKING:
    from graph.analysis.readers import Reader

__all__ = ["Actors", "find_actors", "find_entity", "resolve_entity"]

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # what may follow the id namespace in a name


def _several(name: str, found: list[tuple[str, str | None, str | None]], parameter: str) -> QueryError:
    """The error for a name that several entities bear: each with its id, label and class."""
    listed = "; ".join(
        f"{node.removeprefix(str(ID))} ({label or 'no label'}, {cls or 'no class'})"
        for node, label, cls in found
    )
    return QueryError(
        f"{name!r} names {len(found)} entities; give one of their ids: {listed}", parameter=parameter
    )


def resolve_entity(G: nx.MultiDiGraph, name: str, *, parameter: str = "entity") -> str:
    """The node a user means by an id (``lenovo``), a full IRI, or an English label (``Lenovo``).

    Raises
    ------
    QueryError
        Naming the parameter: with close names if nothing matches, with each entity if several
        bear the label.
    """
    if name in G:
        return name
    if str(ID) + name in G:
        return str(ID) + name
    by_label: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        if data.get("label"):
            by_label.setdefault(str(data["label"]).casefold(), []).append(str(node))
    matches = sorted(by_label.get(name.casefold(), []))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise _several(
            name, [(n, G.nodes[n].get("label"), G.nodes[n].get("cls")) for n in matches], parameter
        )
    names = [str(n).removeprefix(str(ID)) for n in G] + [
        str(d["label"]) for _, d in G.nodes(data=True) if d.get("label")
    ]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)  # pragma: no mutate - difflib's defaults
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"no entity {name!r} in the graph{hint}", parameter=parameter)


def find_entity(reader: Reader, name: str, *, parameter: str = "entity") -> str:
    """The node a user means, as :func:`resolve_entity` finds it, read where the graph is kept.

    Raises
    ------
    QueryError
        As :func:`resolve_entity` (the hint: labels that contain the name).
    """
    if "://" in name:
        try:
            ox.NamedNode(name)
        except ValueError as exc:
            raise QueryError(f"{name!r} is not an IRI: {exc}", parameter=parameter) from None
    candidates = [name] if "://" in name else [str(ID) + name] if SLUG.fullmatch(name) else []
    for candidate in candidates:
        if reader.exists(candidate):
            return candidate
    matches = reader.labelled(name) if name else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        attributes = reader.nodes(matches)
        found = [(n, attributes[n]["label"], attributes[n]["cls"]) for n in matches]
        raise _several(name, found, parameter)
    stem = name[: max(3, len(name) * 2 // 3)]  # what a typo at the end leaves
    like = reader.similar(stem) if name else []
    names = [node.removeprefix(str(ID)) for node, _ in like] + [label for _, label in like]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)  # pragma: no mutate - difflib's defaults
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"no entity {name!r} in the graph{hint}", parameter=parameter)


@dataclass(frozen=True)
class Actors:
    """Who a name stands for as an actor: one entity, or the governments of a country named
    (``note`` says so).
    """

    nodes: tuple[str, ...]
    note: str | None = None


def find_actors(reader: Reader, name: str, *, parameter: str = "source") -> Actors:
    """The actor(s) a user means: the entity named, or, for a country, the government(s) that
    ``governs`` it (a country pressures no one; its government does).

    Examples
    --------
    >>> from graph import build, open_store
    >>> from graph.analysis.readers import StoreReader
    >>> found = find_actors(StoreReader(open_store(build())), "United States")
    >>> [n.removeprefix(str(ID)) for n in found.nodes]
    ['us-government']
    >>> found.note
    'United States: the country; starting from its government, Government of the United States'
    """
    node = find_entity(reader, name, parameter=parameter)
    attributes = reader.nodes([node])[node]
    if attributes["cls"] != "Country":
        return Actors((node,))
    governments = reader.governments(node)
    if not governments:
        return Actors((node,))
    labels = reader.nodes(governments)
    names = ", ".join(labels[g]["label"] or g.removeprefix(str(ID)) for g in governments)
    plural = "s" if len(governments) > 1 else ""
    country = attributes["label"] or node.removeprefix(str(ID))
    return Actors(
        tuple(governments), f"{country}: the country; starting from its government{plural}, {names}"
    )
