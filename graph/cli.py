"""The ``sanctions-kg`` command: parses options, calls the public API, formats the result."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from graph.build import Build, build
from graph.errors import InputError, SanctionsKGError
from graph.output import write_build
from graph.paths import default_data_dir

__all__ = ["app", "main"]

app = typer.Typer(
    name="sanctions-kg",
    help="A knowledge graph of sanctions and export-control pressure.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out_console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

DataOption = Annotated[
    Path | None, typer.Option("--data", help="Folder of the CSV tables (default: the curated data/).")
]
OntologyOption = Annotated[
    Path | None,
    typer.Option(
        "--ontology", help="Folder of sanctions.ttl and shapes.ttl (default: the project's ontology/)."
    ),
]


def _shown(data: Path | None) -> str:
    """How to name the data folder in messages: as given, or relative to here when possible."""
    if data is not None:
        return str(data).rstrip("/") or "/"
    relative = os.path.relpath(default_data_dir())
    return relative if not relative.startswith("..") else str(default_data_dir())


def _fail(error: SanctionsKGError | OSError) -> typer.Exit:
    if isinstance(error, InputError):
        for problem in error.problems:
            err_console.print(str(problem), markup=False)
        count = len(error.problems)
        err_console.print(f"{count} problem{'s' if count != 1 else ''}; nothing was written.", markup=False)
    else:
        err_console.print(f"error: {error}", markup=False)
    return typer.Exit(code=1)


def _build(data: Path | None, ontology: Path | None) -> Build:
    try:
        return build(data, ontology, display_dir=_shown(data))
    except (SanctionsKGError, OSError) as exc:
        raise _fail(exc) from None


def _counts_table(title: str, counts: dict[str, Any]) -> Table:
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
    ontology: OntologyOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the graph to.")] = Path("build"),
) -> None:
    """Check data/ against the ontology and write build/ (Turtle, N-Triples, JSON-LD, report)."""
    result = _build(data, ontology)
    try:
        paths = write_build(result, out)
    except OSError as exc:
        raise _fail(exc) from None
    _print_stats(result.report)
    for path in paths:
        out_console.print(f"wrote {path}", markup=False, highlight=False)


@app.command("validate")
def validate_command(data: DataOption = None, ontology: OntologyOption = None) -> None:
    """Run every check of the build, writing nothing."""
    report = _build(data, ontology).report
    out_console.print(
        f"ok: {report['triples']} triples, {report['claims']} claims, {report['sources']} sources",
        markup=False,
        highlight=False,
    )


@app.command("stats")
def stats_command(data: DataOption = None, ontology: OntologyOption = None) -> None:
    """Print what the graph holds: entities by class, triples by relation, totals."""
    _print_stats(_build(data, ontology).report)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
