"""What the commands share: consoles, common options, and turning errors into messages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from graph.build import Build, build
from graph.errors import InputError, SanctionsKGError
from graph.paths import default_data_dir

__all__ = ["DataOption", "OntologyOption", "err_console", "fail", "load_build", "out_console"]

out_console = Console(highlight=False)
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


def shown(data: Path | None) -> str:
    """How to name the data folder in messages: as given, or relative to here when possible."""
    if data is not None:
        return str(data).rstrip("/") or "/"
    relative = os.path.relpath(default_data_dir())
    return relative if not relative.startswith("..") else str(default_data_dir())


def fail(error: SanctionsKGError | OSError) -> NoReturn:
    """Print an error the way users read it (every located problem on its own line) and exit 1."""
    if isinstance(error, InputError):
        for problem in error.problems:
            err_console.print(str(problem), markup=False)
        count = len(error.problems)
        err_console.print(f"{count} problem{'s' if count != 1 else ''}; nothing was written.", markup=False)
    else:
        err_console.print(f"error: {error}", markup=False)
    raise typer.Exit(code=1)


def load_build(data: Path | None, ontology: Path | None) -> Build:
    """Build the graph from the data and ontology folders, or exit with the problems."""
    try:
        return build(data, ontology, display_dir=shown(data))
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
