"""Interactive views: the graph as one self-contained HTML page that works with no network.

The page draws with vis-network, the library pyvis bundles, inlined from pyvis's package
(pyvis's ``cdn_resources="in_line"``); the options come from pyvis's ``Network``. The page
itself is our template: pyvis's own loads Bootstrap from a CDN, writes its heading as raw HTML
and turns any tooltip containing "href" into HTML, so a hostile label could run script there.
Here every label, quote and heading is escaped by Jinja, the data travel as JSON that cannot
close its script element, and tooltips are plain text.

How each class, relation and status is drawn is data (``view_style.json``), not code. Node and
edge lists are built directly (pyvis's ``add_node`` scans for duplicates: quadratic), and above
:data:`LAYOUT_ABOVE` nodes the positions are computed here once and physics is off.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict, Unpack

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph.analysis.asof import graph_as_of
from graph.analysis.chains import Chain, pressure_chains, resolve_entity
from graph.analysis.projection import Claim, label_of
from graph.errors import QueryError
from graph.model.namespace import ID
from graph.model.output import atomic_write

__all__ = [
    "LAYOUT_ABOVE",
    "MAX_FOCUS_DEPTH",
    "ViewOptions",
    "ViewPage",
    "ViewStyle",
    "load_view_style",
    "render_view",
    "view_data",
    "view_page",
    "write_view",
]

LAYOUT_ABOVE = 1500
"""Above this many nodes, the layout is computed in Python and physics is off."""

MAX_FOCUS_DEPTH = 10
"""The farthest a focused view reaches from its entity."""

STYLE_FILE = Path(__file__).with_name("style.json")
VIS_ASSETS = ("templates/lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.css")


@dataclass(frozen=True)
class ViewStyle:
    """How classes, relations and claim statuses are drawn (see ``view_style.json``).

    ``statuses`` is in order of precedence: an edge whose claims have several statuses is
    drawn with the first of them listed.
    """

    classes: Mapping[str, Mapping[str, Any]]
    other_class: Mapping[str, Any]
    relations: Mapping[str, Mapping[str, Any]]
    other_relation: Mapping[str, Any]
    statuses: Mapping[str, Mapping[str, Any]]
    unstated_status: Mapping[str, Any]

    def of_class(self, name: str | None) -> Mapping[str, Any]:
        """The style of a class, or the fallback for one the file does not name."""
        return self.classes.get(name or "", self.other_class)

    def of_relation(self, name: str) -> Mapping[str, Any]:
        """The style of a relation, or the fallback."""
        return self.relations.get(name, self.other_relation)

    def shown_status(self, statuses: Iterable[str]) -> str | None:
        """The status an edge is drawn with: the first in precedence among ``statuses``.

        >>> load_view_style().shown_status(["Active", "Halted"])
        'Halted'
        """
        present = set(statuses)
        return next((status for status in self.statuses if status in present), None)

    def of_status(self, name: str | None) -> Mapping[str, Any]:
        """The line style of a status (``None``: no claim states one)."""
        return self.statuses.get(name or "", self.unstated_status)


def load_view_style(path: Path = STYLE_FILE) -> ViewStyle:
    """Read a view style file.

    Raises
    ------
    QueryError
        Naming the file, if it is not a style file.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return ViewStyle(**{key: raw[key] for key in ViewStyle.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise QueryError(f"{path}: not a view style file ({exc})", parameter="style") from None


def _claim_text(claim: Claim) -> str:
    """One claim as tooltip lines: status, stance, product, dates, sources and quote."""
    head = " ".join(
        part
        for part in (
            claim.status or "stated",
            f"({claim.stance})" if claim.stance else "",
            f"[{claim.product}]" if claim.product else "",
            "unverified" if claim.unverified else "",
        )
        if part
    )
    dates = " to ".join(d.isoformat() for d in (claim.start, claim.end) if d)
    lines = [f"- {head}" + (f", {dates}" if dates else ""), f"  sources: {', '.join(claim.sources)}"]
    if claim.quote:
        lines.append(f"  \u201c{claim.quote}\u201d")
    return "\n".join(lines)


def _date_range(claims: Iterable[Claim]) -> tuple[str, str] | None:
    """The first and last day any of the claims names, as ISO dates."""
    days = [d for c in claims for d in (c.start, c.end) if d is not None]
    return (min(days).isoformat(), max(days).isoformat()) if days else None


def layered_layout(
    G: nx.MultiDiGraph, style: ViewStyle, *, spacing: float = 60.0
) -> dict[str, tuple[float, float]]:
    """Positions for a large graph: a band of columns per layer of the style (governments on
    the left, then suppliers, device makers, countries), busiest nodes first in each band.

    A layout like this costs one sort, where a force layout of thousands of nodes would keep a
    browser busy for minutes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("us", cls="Government"); G.add_node("ru", cls="Country")
    >>> positions = layered_layout(G, load_view_style())
    >>> positions["us"][0] < positions["ru"][0]
    True
    """
    layers: dict[int, list[str]] = {}
    for node, cls in G.nodes(data="cls"):
        layers.setdefault(int(style.of_class(cls)["layer"]), []).append(node)
    positions: dict[str, tuple[float, float]] = {}
    left = 0.0
    for layer in sorted(layers):
        members = sorted(layers[layer], key=lambda n: (-G.degree(n), n))
        columns = max(1, math.ceil(math.sqrt(len(members) / 8)))
        rows = math.ceil(len(members) / columns)
        for i, node in enumerate(members):
            column, row = divmod(i, rows)
            positions[node] = (left + column * spacing, (row - rows / 2) * spacing / 2)
        left += (columns + 2) * spacing * 2
    return positions


def _options(*, physics: bool) -> dict[str, Any]:
    """vis-network options, from pyvis's defaults."""
    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(physics)
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["interaction"].update({"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics})
    options["edges"]["smooth"] = {"enabled": physics, "type": "dynamic"}
    options["edges"]["color"] = {"inherit": False}
    options["layout"] = {"randomSeed": 7}  # the same drawing every time the page opens
    if physics:
        options["physics"].update({"solver": "forceAtlas2Based", "stabilization": {"iterations": 300}})
    return options


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


def view_data(
    G: nx.MultiDiGraph,
    *,
    chains: Iterable[Chain] | None = None,
    title: str = "sanctions-kg",
    style: ViewStyle | None = None,
    layout_above: int = LAYOUT_ABOVE,
) -> dict[str, Any]:
    """Everything the page draws, as plain data: nodes, edges, legend, chains and options.

    Every node and edge of ``G`` is drawn; those on ``chains`` (if asked for, even none) are
    highlighted, listed, and the rest dimmed. ``G`` is not changed.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", cls="Government", label="A"); G.add_node("b", cls="Country", label="B")
    >>> _ = G.add_edge("a", "b", key="sanctions", relation="sanctions", claims=())
    >>> data = view_data(G)
    >>> [n["label"] for n in data["nodes"]], data["edges"][0]["relation"]
    (['A', 'B'], 'sanctions')
    """
    style = style or load_view_style()
    asked = chains is not None
    chains = list(chains or ())
    on_nodes = {node for chain in chains for node in chain.nodes}
    on_edges = {hop.triple for chain in chains for hop in chain.hops}
    dim = bool(chains)
    positions = layered_layout(G, style) if G.number_of_nodes() > layout_above else {}
    nodes = []
    for node, attrs in sorted(G.nodes(data=True)):
        cls, label = attrs.get("cls"), label_of(G, node)
        look = style.of_class(cls)
        lit = not dim or node in on_nodes
        entry: dict[str, Any] = {
            "id": node,
            "label": label,
            "cls": cls or "",
            "shape": look["shape"],
            "color": look["color"] if lit else "#e3e3e3",
            "font": {"color": "#222222" if lit else "#b0b0b0"},
            "title": f"{label}\n{cls or 'no class'}\n{node}",
            "chain": node in on_nodes,
        }
        if node in positions:
            entry["x"], entry["y"] = positions[node]
        nodes.append(entry)
    edges = []
    all_claims: list[Claim] = []
    for number, (u, v, relation, stated) in enumerate(sorted(G.edges(keys=True, data="claims"))):
        claims = tuple(stated or ())
        all_claims.extend(claims)
        statuses = sorted({c.status for c in claims if c.status})
        shown = style.shown_status(statuses)
        line = style.of_status(shown)
        lit = not dim or (u, relation, v) in on_edges
        text = f"{label_of(G, u)} -{relation}-> {label_of(G, v)}"
        edges.append(
            {
                "id": number,
                "from": u,
                "to": v,
                "relation": relation,
                "statuses": statuses,
                "status": shown or "",
                "arrows": "to",
                "color": style.of_relation(relation)["color"] if lit else "#ececec",
                "dashes": line["dashes"],
                "width": line["width"] * (2 if dim and lit else 1),
                "title": "\n".join([text, *(_claim_text(c) for c in claims)]),
                "chain": (u, relation, v) in on_edges,
            }
        )
    present_classes = sorted({n["cls"] for n in nodes})
    present_relations = sorted({e["relation"] for e in edges})
    return {
        "title": title,
        "dates": _date_range(all_claims),
        "nodes": nodes,
        "edges": edges,
        "chains": [
            {"text": chain.describe(G), "nodes": list(chain.nodes), "stance": chain.stance}
            for chain in chains
        ]
        if asked
        else None,
        "legend": {
            "classes": [{"name": c or "no class", "value": c, **style.of_class(c)} for c in present_classes],
            "relations": [{"name": r, **style.of_relation(r)} for r in present_relations],
            "statuses": [{"name": s, **style.of_status(s)} for s in style.statuses],
        },
        "options": _options(physics=not positions),
    }


def _script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to end it.

    >>> str(_script_json({"label": "</script><b>"}))
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@cache
def _vis_assets() -> tuple[Markup, Markup]:
    """vis-network's script and style sheet, as pyvis ships them."""
    script, sheet = (
        resources.files("pyvis").joinpath(name).read_text(encoding="utf-8") for name in VIS_ASSETS
    )
    if "</script" in script.lower() or "</style" in sheet.lower():  # pragma: no cover - a bad pyvis
        raise QueryError("pyvis's vis-network bundle cannot be inlined", parameter="pyvis")
    return Markup(script), Markup(sheet)


@cache
def _template() -> Any:
    env = Environment(loader=PackageLoader("graph.view", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("view.html")


def render_view(data: Mapping[str, Any]) -> str:
    """The page for :func:`view_data`'s data: one HTML document with nothing to fetch."""
    script, sheet = _vis_assets()
    return str(_template().render(data=data, payload=_script_json(data), vis_script=script, vis_sheet=sheet))


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
        The chain pattern and longest chain (see :func:`graph.analysis.chains.pressure_chains`).
    title : str, optional
        The page's heading; by default it says what is drawn.
    height : int
        The height of the page when a notebook shows it inline, in CSS pixels.

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
    return ViewPage(render_view(view_data(shown, chains=found, title=heading)), height=height)


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
