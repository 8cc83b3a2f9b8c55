"""Interactive views: the graph as one self-contained HTML page that works with no network.

:func:`view_page` chooses what to draw (as of a day, about a product, around an entity, the
chains between two), turns it into data (:mod:`graph.view.data`) and HTML
(:mod:`graph.view.render`), and returns a :class:`ViewPage`, which a notebook shows inline and
``write`` saves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

import networkx as nx
from markupsafe import Markup

from graph.analysis.asof import graph_as_of
from graph.analysis.chains import Chain
from graph.analysis.entities import resolve_entity
from graph.analysis.projection import label_of
from graph.analysis.search import pressure_chains
from graph.errors import QueryError
from graph.model.namespace import ID
from graph.model.output import atomic_write
from graph.view.data import view_data
from graph.view.render import render_view

if TYPE_CHECKING:
    from graph.analysis.details import PageDetails
    from graph.analysis.ownership import Ownership

__all__ = ["MAX_FOCUS_DEPTH", "ViewOptions", "ViewPage", "view_page", "write_view"]

MAX_FOCUS_DEPTH = 10
"""The farthest a focused view reaches from its entity."""


def _selected(
    G: nx.MultiDiGraph, *, product: str | None, focus: str | None, depth: int, keep: set[str]
) -> nx.MultiDiGraph:
    """The part of ``G`` to draw (a read-only view: ``G`` is not changed)."""
    H = G
    if product is not None:
        kind, named = G.nodes[product].get("cls"), product.removeprefix(str(ID))
        nodes = [n for n, cls in G.nodes(data="cls") if cls != kind or n == product]
        H = nx.subgraph_view(
            H.subgraph(nodes),
            filter_edge=lambda u, v, k: any(c.product in (None, named) for c in G[u][v][k]["claims"]),
        )
    if focus is not None:
        near = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), focus, cutoff=depth)
        H = H.subgraph(set(near) | keep)
    return H


@dataclass(frozen=True)
class ViewPage:
    """A drawn view: one HTML page with nothing to fetch.

    ``write`` saves it; in a notebook it shows inline (``_repr_html_``), in a sandboxed frame
    whose document is the page itself, so it needs no file and no server.
    """

    html: str = field(repr=False)
    height: int = 720
    """The height of the inline frame, in CSS pixels."""

    def write(self, out: str | Path) -> Path:
        """Write the page to ``out`` (through a temporary file renamed into place); return the path."""
        path = Path(out)
        atomic_write({path.name: self.html.encode("utf-8")}, path.parent)
        return path

    def _repr_html_(self) -> str:
        frame = Markup(
            '<iframe class="sanctions-kg-view" sandbox="allow-scripts" srcdoc="{}" '
            'style="width: 100%; height: {}px; border: 0"></iframe>'
        )
        return str(frame.format(self.html, int(self.height)))


def view_page(
    G: nx.MultiDiGraph,
    *,
    chains: tuple[str, str] | None = None,
    as_of: dt.date | None = None,
    product: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    pattern: str | None = None,
    max_hops: int = 6,
    title: str | None = None,
    height: int = 720,
    ownership: Ownership | None = None,
    details: PageDetails | None = None,
) -> ViewPage:
    """Draw ``G`` as a page: show it inline in a notebook, or ``.write(path)`` it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projection (:func:`graph.analysis.projection.project`); it is not changed.
    chains : (str, str), optional
        Highlight every pressure chain from the first entity to the second (ids or labels),
        list them beside the graph, and dim the rest.
    as_of : datetime.date, optional
        Draw the graph as of that day (:func:`graph.analysis.asof.graph_as_of`).
    product : str, optional
        Draw only relations about that product (or about no product), and no other product.
    focus : str, optional
        Draw only the entities within ``depth`` relations of this one (either direction).
    depth : int
        How far from ``focus`` to draw, 0 to 10.
    pattern, max_hops
        The chain pattern and longest chain (see :func:`graph.analysis.search.pressure_chains`).
    title : str, optional
        The page's heading; by default it says what is drawn.
    height : int
        The height of the page when a notebook shows it inline, in CSS pixels.
    ownership : Ownership, optional
        An ownership rule's verdicts (:func:`graph.analysis.ownership.ownership`): the entities
        it lists, captures or leaves undetermined are marked, their evidence in the tooltip.
    details : PageDetails, optional
        What the page's search and panel show beyond the projection: each entity's labels in
        every language, identifiers and Wikidata link, each source's publisher, date and title
        (:func:`graph.analysis.details.page_details`; without it, labels and source ids).

    Raises
    ------
    QueryError
        Naming the parameter, for an unknown entity or product or a depth out of range.

    Examples
    --------
    >>> from graph import build, project
    >>> page = view_page(project(build()), focus="lenovo")
    >>> page.html.startswith("<!DOCTYPE html>"), "srcdoc=" in page._repr_html_()
    (True, True)
    """
    if not 0 <= depth <= MAX_FOCUS_DEPTH:
        raise QueryError(
            f"{depth} is out of range: a focus depth is 0 to {MAX_FOCUS_DEPTH}", parameter="depth"
        )
    H = graph_as_of(G, as_of) if as_of is not None else G
    product_node = resolve_entity(H, product, parameter="product") if product is not None else None
    product_id = product_node.removeprefix(str(ID)) if product_node is not None else None
    found: list[Chain] | None = None
    ends: tuple[str, str] | None = None
    if chains is not None:
        ends = (
            resolve_entity(H, chains[0], parameter="chains source"),
            resolve_entity(H, chains[1], parameter="chains target"),
        )
        found = list(pressure_chains(H, *ends, pattern=pattern, max_hops=max_hops, product=product_id))
    centre = resolve_entity(H, focus, parameter="focus") if focus is not None else None
    keep = {node for chain in found or () for node in chain.nodes}
    shown = _selected(H, product=product_node, focus=centre, depth=depth, keep=keep)
    heading = title or _heading(H, chains=found, ends=ends, as_of=as_of, product=product_node, focus=centre)
    if height < 1:
        raise QueryError(f"{height} is out of range: a height is at least 1 pixel", parameter="height")
    marks = _marks(ownership) if ownership is not None else None
    data = view_data(shown, chains=found, marks=marks, details=details, title=heading)
    return ViewPage(render_view(data), height=height)


def _marks(result: Ownership) -> dict[str, tuple[str, str]]:
    """Each listed, captured or undetermined entity's verdict and evidence, for the drawing."""
    from graph.analysis.ownership import NOT_CAPTURED  # noqa: PLC0415 - only when asked
    from graph.analysis.verdicts import evidence_text  # noqa: PLC0415 - as above

    return {
        entity: (verdict.verdict, evidence_text(result, verdict))
        for entity, verdict in result.verdicts.items()
        if verdict.verdict != NOT_CAPTURED
    }


class ViewOptions(TypedDict, total=False):
    """The options of :func:`view_page`, for the functions that pass them on."""

    chains: tuple[str, str] | None
    as_of: dt.date | None
    product: str | None
    focus: str | None
    depth: int
    pattern: str | None
    max_hops: int
    title: str | None
    height: int
    ownership: Ownership | None
    details: PageDetails | None


def write_view(
    G: nx.MultiDiGraph, out: str | Path = Path("build") / "graph.html", **options: Unpack[ViewOptions]
) -> Path:
    """Write the view of ``G`` to ``out`` (through a temporary file) and return its path.

    The options are those of :func:`view_page`; nothing is written when one is wrong.
    """
    return view_page(G, **options).write(out)


def _heading(
    G: nx.MultiDiGraph,
    *,
    chains: list[Chain] | None,
    ends: tuple[str, str] | None,
    as_of: dt.date | None,
    product: str | None,
    focus: str | None,
) -> str:
    """What the page shows, in words."""
    parts = ["sanctions-kg"]
    if chains is not None and ends is not None:
        parts.append(f"{len(chains)} pressure chains from {label_of(G, ends[0])} to {label_of(G, ends[1])}")
    if focus is not None:
        parts.append(f"around {label_of(G, focus)}")
    if product is not None:
        parts.append(f"{label_of(G, product)} only")
    if as_of is not None:
        parts.append(f"as of {as_of.isoformat()}")
    return ": ".join(parts[:2]) + (", " + ", ".join(parts[2:]) if len(parts) > 2 else "")
