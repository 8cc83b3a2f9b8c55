"""The chain commands: ``chains``, ``chokepoints``, ``whatif`` and ``exposure``."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.analysis.pattern import DEFAULT_PATTERN
from graph.analysis.reach import MAX_HOPS
from graph.cli.support import (
    ColumnsOption,
    DataOption,
    DefaultGraphOption,
    EndpointOption,
    GraphOption,
    OntologyOption,
    PasswordOption,
    StoreOption,
    TimeoutOption,
    UserOption,
    WideOption,
    check_columns,
    err_console,
    fail,
    out_console,
    print_frame,
    print_records,
    print_table,
    source_reader,
    source_store,
    working,
)
from graph.errors import QueryError, SanctionsKGError

if TYPE_CHECKING:
    import networkx as nx

    from graph.analysis.readers import Reader

__all__ = [
    "Question",
    "as_of_day",
    "ask",
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


@dataclass(frozen=True)
class Question:
    """A chain question as read from the graph: the cone around it, and who its ends are."""

    G: nx.MultiDiGraph
    sources: tuple[str, ...]
    target: str
    note: str | None


def _checked(pattern: str, max_hops: int) -> None:
    """Refuse a bad pattern or hop limit before anything is read."""
    from graph.analysis.pattern import parse_pattern
    from graph.analysis.search import _check_hops

    _check_hops(max_hops)
    parse_pattern(pattern)


def ask(
    reader: Reader, source: str, target: str, *, pattern: str, max_hops: int, one: bool = False
) -> Question:
    """Resolve SOURCE (a country stands for its governments) and TARGET, and read the cone of
    the chains between them. ``one``: the question needs a single source.
    """
    from graph.analysis.cone import read_cone
    from graph.analysis.entities import find_actors, find_entity

    _checked(pattern, max_hops)
    actors = find_actors(reader, source, parameter="source")
    if one and len(actors.nodes) > 1:
        names = ", ".join(actors.nodes)
        raise QueryError(f"{source!r} stands for several actors ({names}); name one", parameter="source")
    end = find_entity(reader, target, parameter="target")
    with working("reading the chains' part of the graph"):
        G = read_cone(reader, pattern, list(actors.nodes), end, max_hops=max_hops)
    return Question(G, actors.nodes, end, actors.note)


def _say(note: str | None, fmt: str = "table") -> None:
    """Say how a name was read: on stdout beside a table, on stderr beside csv or json."""
    if note is not None:
        (out_console if fmt == "table" else err_console).print(note, markup=False, soft_wrap=True)


def chains_command(
    source: Annotated[
        str, typer.Argument(help="Where the pressure starts: an id or a label (a country: its government).")
    ],
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
    endpoint: EndpointOption = None,
    default_graph: DefaultGraphOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = 30,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """List the pressure chains from SOURCE to TARGET, with the claims and sources of each hop."""
    from graph.analysis.projection import label_of
    from graph.analysis.records import HOP_COLUMNS, chain_records, hop_rows, iter_hop_rows
    from graph.analysis.search import chains_into

    try:
        check_columns(fmt, columns, wide)
        day = as_of_day(as_of)
        reader = source_reader(
            graph, store, data, ontology,
            endpoint=endpoint, default_graph=default_graph, user=user, password=password, timeout=timeout,
        )  # fmt: skip
        asked = ask(reader, source, target, pattern=pattern, max_hops=max_hops)
        if product is not None:  # a product the graph does not hold is a mistake, not "any product"
            from graph.analysis.entities import find_entity
            from graph.model.namespace import ID

            product = find_entity(reader, product, parameter="product").removeprefix(str(ID))
        G = asked.G
        search = chains_into(
            G,
            asked.target,
            sources=asked.sources,
            pattern=pattern,
            max_hops=max_hops,
            product=product,
            as_of=day,
        )
        _say(asked.note, fmt)
        if fmt == "csv":  # written as the chains are found: a long listing is never held whole
            rows = iter_hop_rows(G, search)
            first = next(rows, None)  # a refused product or day is refused before anything is written
            writer = csv.DictWriter(sys.stdout, fieldnames=list(HOP_COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(itertools.chain([first] if first is not None else [], rows))
            return
        found = list(search)
        if fmt == "json":
            sys.stdout.write(json.dumps(chain_records(G, found), indent=2, ensure_ascii=False) + "\n")
            return
        starts = ", ".join(label_of(G, s) for s in asked.sources)
        title = f"{len(found)} chains from {starts} to {label_of(G, asked.target)}"
        print_records(hop_rows(G, found), HOP_COLUMNS, fmt, title, columns=columns, wide=wide)
    except SanctionsKGError as exc:
        fail(exc)


def chokepoints_command(
    source: Annotated[
        str, typer.Argument(help="Where the pressure starts: an id or a label (a country: its government).")
    ],
    target: Annotated[str, typer.Argument(help="Where it ends: an id or a label.")],
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    as_of: AsOfOption = None,
    graph: GraphOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    default_graph: DefaultGraphOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = 30,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Show what cuts SOURCE from TARGET: a minimum set of nodes, of edges, and the busiest nodes."""
    from graph.analysis.cuts import chokepoints
    from graph.analysis.projection import label_of

    try:
        day = as_of_day(as_of)
        reader = source_reader(
            graph, store, data, ontology,
            endpoint=endpoint, default_graph=default_graph, user=user, password=password, timeout=timeout,
        )  # fmt: skip
        asked = ask(reader, source, target, pattern=pattern, max_hops=max_hops, one=True)
        G, start, end = asked.G, asked.sources[0], asked.target
        found = chokepoints(G, start, end, pattern=pattern, max_hops=max_hops, as_of=day)
    except SanctionsKGError as exc:
        fail(exc)
    _say(asked.note)
    out_console.print(f"{found.chains} chains from {label_of(G, start)} to {label_of(G, end)}", markup=False)
    nodes = ", ".join(sorted(label_of(G, n) for n in found.nodes)) or "none"
    out_console.print(f"remove these nodes to cut every chain: {nodes}", markup=False)
    edges = (
        "; ".join(sorted(f"{label_of(G, u)} -{r}-> {label_of(G, v)}" for u, r, v in found.edges)) or "none"
    )
    out_console.print(f"or these relations: {edges}", markup=False)
    print_table(["node", "chains through it"], [[label_of(G, n), str(c)] for n, c in found.ranking])


def _edge_parts(text: str) -> tuple[str, str, str]:
    """A ``--remove-edge`` SUBJECT:RELATION:OBJECT as its three parts, or a located error."""
    parts = text.split(":")
    if len(parts) != 3:
        raise QueryError(f"write SUBJECT:RELATION:OBJECT, not {text!r}", parameter="remove-edge")
    return parts[0], parts[1], parts[2]


def _removed_edge(reader: Reader, parts: tuple[str, str, str]) -> tuple[str, str, str]:
    """A ``--remove-edge`` triple, its ends found in the graph."""
    from graph.analysis.entities import find_entity

    subject, relation, obj = parts
    return (
        find_entity(reader, subject, parameter="remove-edge"),
        relation,
        find_entity(reader, obj, parameter="remove-edge"),
    )


def whatif_command(
    source: Annotated[
        str, typer.Argument(help="Where the pressure starts: an id or a label (a country: its government).")
    ],
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
    endpoint: EndpointOption = None,
    default_graph: DefaultGraphOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = 30,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """What if these entities or relations were gone: which chains and export flows survive?"""
    from graph.analysis.entities import find_entity
    from graph.analysis.whatif import whatif

    try:
        check_columns(fmt, columns, wide)
        _checked(pattern, max_hops)
        edges_parts = [_edge_parts(text) for text in remove_edge or []]  # checked before any read
        reader = source_reader(
            graph, store, data, ontology,
            endpoint=endpoint, default_graph=default_graph, user=user, password=password, timeout=timeout,
        )  # fmt: skip
        asked = ask(reader, source, target, pattern=pattern, max_hops=max_hops, one=True)
        nodes = [find_entity(reader, name, parameter="remove") for name in remove or []]
        edges = [_removed_edge(reader, parts) for parts in edges_parts]
        table = whatif(
            asked.G,
            asked.sources[0],
            asked.target,
            remove_nodes=nodes,
            remove_edges=edges,
            pattern=pattern,
            max_hops=max_hops,
        )
        _say(asked.note, fmt)
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
    endpoint: EndpointOption = None,
    default_graph: DefaultGraphOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = 30,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Modelled pressure beside observed trade, for every trade observation in the graph."""
    from graph.analysis.exposure import exposure_read
    from graph.analysis.readers import EndpointReader, StoreReader
    from graph.sparql.questions import query_frame

    try:
        check_columns(fmt, columns, wide)
        _checked(pattern, max_hops)
        reader = source_reader(
            graph, store, data, ontology,
            endpoint=endpoint, default_graph=default_graph, user=user, password=password, timeout=timeout,
        )  # fmt: skip
        assert isinstance(reader, StoreReader | EndpointReader)
        target = reader.store if isinstance(reader, StoreReader) else reader.endpoint
        observations = query_frame(target, "trade-observations")
        with working("reading the chains into each observed flow"):
            table = exposure_read(reader, observations, pattern=pattern, max_hops=max_hops)
        print_frame(table, fmt, default=EXPOSURE_COLUMNS, columns=columns, wide=wide)
    except SanctionsKGError as exc:
        fail(exc)
