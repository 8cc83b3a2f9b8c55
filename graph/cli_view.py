"""The ``view`` command: the graph as one interactive HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.cli_chains import AsOfOption, GraphOption, HopsOption, PatternOption, _day, _projection
from graph.cli_support import DataOption, OntologyOption, StoreOption, fail, out_console, working
from graph.errors import SanctionsKGError
from graph.pattern import DEFAULT_PATTERN
from graph.view import write_view

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
    try:
        G = _projection(graph, data, ontology, store)
        with working(f"drawing {out}"):
            path = write_view(
                G,
                out,
                chains=chains,
                as_of=_day(as_of),
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
