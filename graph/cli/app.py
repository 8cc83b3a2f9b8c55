"""The ``sanctions-kg`` command: parses options, calls the public API, formats the result."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph.cli.chains import chains_command, chokepoints_command, exposure_command, whatif_command
from graph.cli.generate import generate_command
from graph.cli.imports import import_app, link_app
from graph.cli.ownership import ownership_command
from graph.cli.sparql import load_command, queries_command, query_command, serve_command
from graph.cli.support import DataOption, OntologyOption, WithOption, fail, load_build, out_console
from graph.cli.view import view_command

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["app", "main"]

app = typer.Typer(
    name="sanctions-kg",
    help="A knowledge graph of sanctions and export-control pressure.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain help and usage errors: rich's help formatter imports rich.markdown and
    # markdown-it (0.15 s, twice what parsing costs), which every --help would pay.
    rich_markup_mode=None,
)


def _counts_table(title: str, counts: dict[str, Any]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    table.add_column("name")
    table.add_column("count", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    return table


def _print_stats(report: dict[str, Any]) -> None:
    out_console.print(_counts_table("Entities by class", report["classes"]))
    out_console.print(_counts_table("Direct triples by relation", report["relations"]))
    totals = {key: report[key] for key in ("triples", "claims", "sources", "tradeObservations")}
    out_console.print(_counts_table("Totals", totals))


@app.command("build")
def build_command(
    data: DataOption = None,
    extra: WithOption = None,
    ontology: OntologyOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the graph to.")] = Path("build"),
) -> None:
    """Check data/ against the ontology and write build/ (Turtle, N-Triples, JSON-LD, report)."""
    from graph.model.output import write_build

    result = load_build(data, ontology, extra)
    try:
        paths = write_build(result, out)
    except OSError as exc:
        fail(exc)
    _print_stats(result.report)
    for path in paths:
        out_console.print(f"wrote {path}", markup=False)


@app.command("validate")
def validate_command(
    data: DataOption = None, extra: WithOption = None, ontology: OntologyOption = None
) -> None:
    """Run every check of the build, writing nothing."""
    report = load_build(data, ontology, extra).report
    out_console.print(
        f"ok: {report['triples']} triples, {report['claims']} claims, {report['sources']} sources",
        markup=False,
    )


@app.command("stats")
def stats_command(data: DataOption = None, extra: WithOption = None, ontology: OntologyOption = None) -> None:
    """Print what the graph holds: entities by class, triples by relation, totals."""
    _print_stats(load_build(data, ontology, extra).report)


app.command("queries")(queries_command)
app.command("query")(query_command)
app.command("serve")(serve_command)
app.command("load")(load_command)
app.command("chains")(chains_command)
app.command("chokepoints")(chokepoints_command)
app.command("whatif")(whatif_command)
app.command("exposure")(exposure_command)
app.command("ownership")(ownership_command)
app.command("view")(view_command)
app.add_typer(import_app, name="import")
app.add_typer(link_app, name="link")
app.command("generate")(generate_command)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
