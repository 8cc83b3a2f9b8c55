"""The ``view`` command: the graph as one interactive HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.analysis.pattern import DEFAULT_PATTERN
from graph.cli.chains import AsOfOption, HopsOption, PatternOption, as_of_day, projection
from graph.cli.support import DataOption, GraphOption, OntologyOption, StoreOption, fail, out_console, working
from graph.errors import SanctionsKGError

if TYPE_CHECKING:
    import networkx as nx

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
    depth: Annotated[int, typer.Option("--depth", help="How many relations from --focus, 0 to 10.")] = 1,
    pattern: PatternOption = DEFAULT_PATTERN,
    max_hops: HopsOption = 6,
    title: Annotated[str | None, typer.Option("--title", help="The page's heading.")] = None,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Write the graph as one self-contained, interactive HTML page (no network needed)."""
    from graph.view.page import write_view

    try:
        G = _focused(focus, depth, store) if focus is not None and chains is None else None
        if G is None:
            G = projection(graph, data, ontology, store)
        with working(f"drawing {out}"):
            path = write_view(
                G,
                out,
                chains=chains,
                as_of=as_of_day(as_of),
                product=product,
                focus=focus,
                depth=depth,
                pattern=pattern,
                max_hops=max_hops,
                title=title,
            )
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    out_console.print(f"wrote {path}", markup=False)


def _focused(focus: str, depth: int, store: Path | None) -> nx.MultiDiGraph | None:
    """From an on-disk store, only the part around the focus (named by id or IRI), read
    without projecting the whole store; ``None`` when that does not apply (then the whole
    graph is projected, which also finds an entity by its label, or says what is close).
    """
    import pyoxigraph as ox

    from graph.analysis.projection import project_around
    from graph.model.namespace import ID
    from graph.sparql.store import open_store_dir
    from graph.view.page import MAX_FOCUS_DEPTH

    if store is None or not 0 <= depth <= MAX_FOCUS_DEPTH:
        return None
    opened = open_store_dir(store)
    for candidate in (focus, f"{ID}{focus}"):
        if candidate.startswith(("http://", "https://")) and next(
            iter(opened.quads_for_pattern(ox.NamedNode(candidate), None, None)), None
        ):
            with working(f"reading the graph around {focus}"):
                return project_around(opened, candidate, depth)
    return None
