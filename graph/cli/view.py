"""The ``view`` command: the graph as one interactive HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.analysis.pattern import DEFAULT_PATTERN
from graph.cli.chains import AsOfOption, HopsOption, PatternOption, as_of_day
from graph.cli.support import (
    DataOption,
    DefaultGraphOption,
    EndpointOption,
    GraphOption,
    OntologyOption,
    PasswordOption,
    StoreOption,
    TimeoutOption,
    UserOption,
    fail,
    out_console,
    source_reader,
    source_store,
    working,
)
from graph.errors import QueryError, SanctionsKGError

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from graph.analysis.readers import Reader

__all__ = ["view_command"]


def view_command(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path("build/graph.html"),
    chains: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--chains", help="Highlight the pressure chains from SOURCE to TARGET.", metavar="SOURCE TARGET"
        ),
    ] = None,
    as_of: AsOfOption = None,
    product: Annotated[
        str | None, typer.Option("--product", help="Only relations about this product (or no product).")
    ] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Only the entities near this one.")] = None,
    ownership: Annotated[
        str | None,
        typer.Option(
            "--ownership",
            help="Draw what this ownership rule (ofac, eu, uk, bis-affiliates) catches on the --as-of day "
            "(today by default), each entity marked with its verdict and evidence.",
        ),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="How many relations from --focus, 0 to 10.")] = 1,
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    title: Annotated[str | None, typer.Option("--title", help="The page's heading.")] = None,
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
    """Write the graph as one self-contained, interactive HTML page (no network needed).

    With --chains, only the part of the graph those chains can use is read and drawn; with
    --focus, only the part around the entity.
    """
    from graph.view.page import write_view

    try:
        day = as_of_day(as_of)
        where = {"endpoint": endpoint, "default_graph": default_graph, "user": user, "password": password}
        if ownership is not None:
            if chains is not None or focus is not None:
                raise SanctionsKGError("--ownership: draw it alone (not with --chains or --focus)")
            _ownership_page(
                ownership,
                day,
                out,
                title,
                source_reader(graph, store, data, ontology, timeout=timeout, **where),
            )
            return
        if chains is not None or endpoint is not None:
            reader = source_reader(graph, store, data, ontology, timeout=timeout, **where)
            G, ends, centre = _read(reader, chains, focus, depth, product, pattern=pattern, max_hops=max_hops)
        else:
            from graph.analysis.projection import project
            from graph.analysis.readers import StoreReader

            embedded = StoreReader(source_store(graph, store, data, ontology))
            reader = embedded
            # a focus on an on-disk store reads only its part of it
            G = _focused(focus, depth, embedded.store) if focus is not None and store is not None else None
            if G is None:
                with working("projecting the graph"):
                    G = project(embedded.store)
            ends, centre = chains, focus
        from graph.analysis.details import page_details

        with working("reading the details of what is drawn"):
            details = page_details(reader, G)
        with working(f"drawing {out}"):
            path = write_view(
                G,
                out,
                chains=ends,
                as_of=day,
                product=product,
                focus=centre,
                depth=depth,
                pattern=pattern,
                max_hops=max_hops,
                title=title,
                details=details,
            )
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    out_console.print(f"wrote {path}", markup=False)


def _read(
    reader: Reader,
    chains: tuple[str, str] | None,
    focus: str | None,
    depth: int,
    product: str | None,
    *,
    pattern: str,
    max_hops: int,
) -> tuple[nx.MultiDiGraph, tuple[str, str] | None, str | None]:
    """The part of the graph a page draws, read where it is kept: the cone of the chains, or the
    neighbourhood of the focus (a server has no whole-graph page: it would read everything).
    """
    from networkx import compose

    from graph.analysis.cone import read_around, subgraph
    from graph.analysis.entities import find_entity
    from graph.cli.chains import ask
    from graph.view.page import MAX_FOCUS_DEPTH

    if chains is not None:
        asked = ask(reader, *chains, pattern=pattern, max_hops=max_hops, one=True)
        G = asked.G
        if product is not None:  # the page names the product's node even when no chain has it
            G = compose(G, subgraph(reader, [], [find_entity(reader, product, parameter="product")]))
        return G, (asked.sources[0], asked.target), focus
    if focus is None:
        raise SanctionsKGError(
            "--endpoint: draw --chains SOURCE TARGET or --focus ENTITY (not the whole graph)"
        )
    if not 0 <= depth <= MAX_FOCUS_DEPTH:
        raise QueryError(f"{depth} is out of range: 0 to {MAX_FOCUS_DEPTH}", parameter="depth")
    centre = find_entity(reader, focus, parameter="focus")
    with working(f"reading the graph around {focus}"):
        return read_around(reader, centre, depth), None, centre


def _focused(focus: str, depth: int, opened: ox.Store) -> nx.MultiDiGraph | None:
    """From an on-disk store, only the part around the focus (named by id or IRI), read
    without projecting the whole store; ``None`` when that does not apply (then the whole
    graph is projected, which also finds an entity by its label, or says what is close).
    """
    import pyoxigraph as ox

    from graph.analysis.projection import project_around
    from graph.model.namespace import ID
    from graph.view.page import MAX_FOCUS_DEPTH

    if not 0 <= depth <= MAX_FOCUS_DEPTH:
        return None
    for candidate in (focus, f"{ID}{focus}"):
        if candidate.startswith(("http://", "https://")) and next(
            iter(opened.quads_for_pattern(ox.NamedNode(candidate), None, None)), None
        ):
            with working(f"reading the graph around {focus}"):
                return project_around(opened, candidate, depth)
    return None


def _ownership_page(rule: str, day: dt.date | None, out: Path, title: str | None, reader: Reader) -> None:
    """Draw what a rule catches on a day, each entity marked with its verdict and evidence."""
    from graph.analysis.details import page_details
    from graph.analysis.ownership import ownership
    from graph.analysis.rules import load_rule
    from graph.analysis.verdicts import ownership_graph
    from graph.view.page import write_view

    chosen = load_rule(rule)  # an id, or a rule file's path
    when = day or dt.date.today()
    result = ownership(reader, chosen, day=when)  # a day outside the rule's window is refused first
    G = ownership_graph(reader, result)
    heading = title or f"What the {chosen.name} catches on {when}"
    with working(f"drawing {out}"):
        path = write_view(G, out, title=heading, ownership=result, details=page_details(reader, G))
    out_console.print(f"wrote {path}", markup=False)
