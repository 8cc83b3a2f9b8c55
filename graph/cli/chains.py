"""The chain commands: ``chains``, ``chokepoints``, ``whatif`` and ``exposure``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.analysis.pattern import DEFAULT_PATTERN
from graph.analysis.reach import MAX_HOPS
from graph.cli.support import (
    ColumnsOption,
    DataOption,
    GraphOption,
    OntologyOption,
    StoreOption,
    WideOption,
    check_columns,
    fail,
    out_console,
    print_frame,
    print_records,
    print_table,
    source_store,
    working,
)
from graph.errors import QueryError, SanctionsKGError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "as_of_day",
    "chains_command",
    "chokepoints_command",
    "exposure_command",
    "projection",
    "whatif_command",
]

PatternOption = Annotated[str, typer.Option("--pattern", help="Relations a chain may follow, as a pattern.")]
HopsOption = Annotated[int, typer.Option("--max-hops", help=f"Longest chain, 1 to {MAX_HOPS}.")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", help="The graph as of this day (YYYY-MM-DD).")]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv.")]

#: What the exposure table shows by default: its other columns come with --wide or --columns.
EXPOSURE_COLUMNS = ("reporter", "partner", "product", "period", "changePercent", "exporters", "chains")


def as_of_day(text: str | None) -> dt.date | None:
    """The day of ``--as-of``, or ``None``; a located error for anything but YYYY-MM-DD."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"{text!r} is not a day (YYYY-MM-DD)", parameter="as-of") from None


def projection(
    graph: Path | None, data: Path | None, ontology: Path | None, store: Path | None = None
) -> nx.MultiDiGraph:
    """The projection of the graph a command reads (see :func:`graph.cli.support.source_store`)."""
    from graph.analysis.projection import project

    source = source_store(graph, store, data, ontology)
    with working("projecting the graph"):
        return project(source)


def _with_ends(
    source: str,
    target: str,
    graph: Path | None,
    data: Path | None,
    ontology: Path | None,
    store: Path | None = None,
) -> tuple[nx.MultiDiGraph, str, str]:
    """The projection, and the nodes the user means by SOURCE and TARGET."""
    from graph.analysis.entities import resolve_entity

    G = projection(graph, data, ontology, store)
    return G, resolve_entity(G, source, parameter="source"), resolve_entity(G, target, parameter="target")


def chains_command(
    source: Annotated[str, typer.Argument(help="Where the pressure starts: an id or a label.")],
    target: Annotated[str, typer.Argument(help="Where it ends: an id or a label.")],
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    product: Annotated[
        str | None, typer.Option("--product", help="Only chains ending in this product.")
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
    columns: ColumnsOption = None,
    wide: WideOption = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """List the pressure chains from SOURCE to TARGET, with the claims and sources of each hop."""
    from graph.analysis.projection import label_of
    from graph.analysis.records import HOP_COLUMNS, chain_records, hop_rows
    from graph.analysis.search import pressure_chains

    try:
        check_columns(fmt, columns, wide)
        G, start, end = _with_ends(source, target, graph, data, ontology, store)
        found = list(
            pressure_chains(
                G, start, end, pattern=pattern, max_hops=max_hops, product=product, as_of=as_of_day(as_of)
            )
        )
        if fmt == "json":
            sys.stdout.write(json.dumps(chain_records(G, found), indent=2, ensure_ascii=False) + "\n")
            return
        title = f"{len(found)} chains from {label_of(G, start)} to {label_of(G, end)}"
        print_records(hop_rows(G, found), HOP_COLUMNS, fmt, title, columns=columns, wide=wide)
    except SanctionsKGError as exc:
        fail(exc)


def chokepoints_command(
    source: Annotated[str, typer.Argument(help="Where the pressure starts: an id or a label.")],
    target: Annotated[str, typer.Argument(help="Where it ends: an id or a label.")],
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    as_of: AsOfOption = None,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Show what cuts SOURCE from TARGET: a minimum set of nodes, of edges, and the busiest nodes."""
    from graph.analysis.cuts import chokepoints
    from graph.analysis.projection import label_of

    try:
        G, start, end = _with_ends(source, target, graph, data, ontology, store)
        found = chokepoints(G, start, end, pattern=pattern, max_hops=max_hops, as_of=as_of_day(as_of))
    except SanctionsKGError as exc:
        fail(exc)
    out_console.print(f"{found.chains} chains from {label_of(G, start)} to {label_of(G, end)}", markup=False)
    nodes = ", ".join(sorted(label_of(G, n) for n in found.nodes)) or "none"
    out_console.print(f"remove these nodes to cut every chain: {nodes}", markup=False)
    edges = (
        "; ".join(sorted(f"{label_of(G, u)} -{r}-> {label_of(G, v)}" for u, r, v in found.edges)) or "none"
    )
    out_console.print(f"or these relations: {edges}", markup=False)
    print_table(["node", "chains through it"], [[label_of(G, n), str(c)] for n, c in found.ranking])


def whatif_command(
    source: Annotated[str, typer.Argument(help="Where the pressure starts: an id or a label.")],
    target: Annotated[str, typer.Argument(help="Where it ends: an id or a label.")],
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="An entity to remove (repeatable).")
    ] = None,
    remove_edge: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-edge", help="A relation triple to remove, as SUBJECT:RELATION:OBJECT (repeatable)."
        ),
    ] = None,
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    fmt: FormatOption = "table",
    columns: ColumnsOption = None,
    wide: WideOption = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """What if these entities or relations were gone: which chains and export flows survive?"""
    from graph.analysis.entities import resolve_entity
    from graph.analysis.whatif import whatif

    try:
        G, start, end = _with_ends(source, target, graph, data, ontology, store)
        nodes = [resolve_entity(G, name, parameter="remove") for name in remove or []]
        edges = []
        for text in remove_edge or []:
            parts = text.split(":")
            if len(parts) != 3:
                raise QueryError(f"write SUBJECT:RELATION:OBJECT, not {text!r}", parameter="remove-edge")
            subject, relation, obj = parts
            edges.append(
                (
                    resolve_entity(G, subject, parameter="remove-edge"),
                    relation,
                    resolve_entity(G, obj, parameter="remove-edge"),
                )
            )
        table = whatif(
            G, start, end, remove_nodes=nodes, remove_edges=edges, pattern=pattern, max_hops=max_hops
        )
        print_frame(table, fmt, columns=columns, wide=wide)
    except SanctionsKGError as exc:
        fail(exc)


def exposure_command(
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    fmt: FormatOption = "table",
    columns: ColumnsOption = None,
    wide: WideOption = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Modelled pressure beside observed trade, for every trade observation in the graph."""
    from graph.analysis.exposure import exposure
    from graph.analysis.projection import project
    from graph.sparql.questions import query_frame

    try:
        opened = source_store(graph, store, data, ontology)
        with working("projecting the graph"):
            G = project(opened)
        observations = query_frame(opened, "trade-observations")
        table = exposure(G, observations, pattern=pattern, max_hops=max_hops)
        print_frame(table, fmt, default=EXPOSURE_COLUMNS, columns=columns, wide=wide)
    except SanctionsKGError as exc:
        fail(exc)
