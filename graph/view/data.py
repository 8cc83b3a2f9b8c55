"""The drawing as plain data: the nodes, edges, legend, chains and options the page draws.

Node and edge lists are built directly from the projection (pyvis's ``add_node`` scans for
duplicates: quadratic), each drawn as the style says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph.analysis.asof import HALTED
from graph.analysis.chains import Chain
from graph.analysis.claims import Claim
from graph.analysis.projection import label_of
from graph.analysis.records import claim_record
from graph.view.layout import LAYOUT_ABOVE, _options, layered_layout
from graph.view.style import ViewStyle, load_view_style

if TYPE_CHECKING:
    from graph.analysis.details import PageDetails

__all__ = ["view_data"]


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


def _claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as the page's panel and day slider read it: its record, and the precision of its dates."""
    return {**claim_record(claim), "precision": claim.precision}


def _days(claims: Iterable[Claim]) -> list[str]:
    """Every day a claim starts or ends on, in order: the stops of the page's day slider."""
    return sorted({d.isoformat() for c in claims for d in (c.start, c.end) if d is not None})


def _date_range(claims: Iterable[Claim]) -> tuple[str, str] | None:
    """The first and last day any of the claims names, as ISO dates."""
    days = [d for c in claims for d in (c.start, c.end) if d is not None]
    return (min(days).isoformat(), max(days).isoformat()) if days else None


def view_data(
    G: nx.MultiDiGraph,
    *,
    chains: Iterable[Chain] | None = None,
    marks: Mapping[str, tuple[str, str]] | None = None,
    details: PageDetails | None = None,
    title: str = "sanctions-kg",
    style: ViewStyle | None = None,
    layout_above: int = LAYOUT_ABOVE,
) -> dict[str, Any]:
    """Everything the page draws, as plain data: nodes, edges, legend, chains and options.

    Every node and edge of ``G`` is drawn; those on ``chains`` (if asked for, even none) are
    highlighted, listed, and the rest dimmed. ``marks`` gives nodes a verdict (``captured``,
    ``undetermined``, ``listed``: a border of the style's ``verdicts``) and its evidence, as
    text, added to the node's tooltip. ``details`` (:func:`graph.analysis.details.page_details`)
    gives each node its labels in every language, identifiers and Wikidata link, and each cited
    source its publisher, date and title, for the page's search and panel. ``G`` is not changed.

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
            "names": (details.names(node) if details else []) or [label],
            "facts": [list(fact) for fact in (details.facts.get(node, ()) if details else ())],
        }
        if node in (marks or {}):
            verdict, evidence = (marks or {})[node]
            mark = style.verdicts.get(verdict, {})
            entry["verdict"] = verdict
            entry["color"] = {"background": entry["color"], "border": mark.get("border", "#000000")}
            entry["borderWidth"] = mark.get("width", 3)
            entry["shapeProperties"] = {"borderDashes": mark.get("dashes", False)}
            entry["title"] += f"\n{evidence}"
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
                "claims": [_claim_record(c) for c in claims],
            }
        )
    present_classes = sorted({n["cls"] for n in nodes})
    present_relations = sorted({e["relation"] for e in edges})
    numbers = {(e["from"], e["relation"], e["to"]): e["id"] for e in edges}
    return {
        "title": title,
        "dates": _date_range(all_claims),
        "days": _days(all_claims),
        "sources": dict(details.sources) if details else {},
        "halted": HALTED,
        "nodes": nodes,
        "edges": edges,
        "chains": [
            {
                "text": chain.describe(G),
                "nodes": list(chain.nodes),
                "edges": [numbers[hop.triple] for hop in chain.hops if hop.triple in numbers],
                "stance": chain.stance,
            }
            for chain in chains
        ]
        if asked
        else None,
        "legend": {
            "classes": [{"name": c or "no class", "value": c, **style.of_class(c)} for c in present_classes],
            "relations": [{"name": r, **style.of_relation(r)} for r in present_relations],
            "statuses": [{"name": s, **style.of_status(s)} for s in style.statuses],
            "verdicts": [
                {"name": v, **style.verdicts[v]}
                for v in style.verdicts
                if v in {n.get("verdict") for n in nodes}
            ],
        },
        "options": _options(physics=not positions),
    }
