"""The ``generate`` command: a large, realistic graph of generated facts, as N-Triples."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.cli_support import err_console, fail, out_console
from graph.errors import SanctionsKGError
from graph.generate import write_generated

__all__ = ["PROGRESS_ABOVE", "generate_command"]

PROGRESS_ABOVE = 50_000
"""Above this many relations, a progress bar is shown on a terminal's stderr while writing."""


@contextmanager
def _progress(relations: int) -> Iterator[Callable[[int], None] | None]:
    """The function that moves a progress bar to a number of relations written, or ``None``
    when there is nothing to show (few relations, or stderr is not a terminal).
    """
    if relations <= PROGRESS_ABOVE or not err_console.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("generating", total=relations)
        yield lambda done: bar.update(task, completed=done)


def generate_command(
    relations: Annotated[
        int, typer.Option("--relations", help="How many relations (claims) to generate, at least 1.")
    ],
    out: Annotated[Path, typer.Option("--out", help="The N-Triples file to write.")],
    seed: Annotated[int, typer.Option("--seed", help="The seed: the same seed, the same file.")] = 0,
) -> None:
    """Write a generated graph shaped like the curated one (facts only, not the ontology)."""
    try:
        with _progress(relations) as progress:
            path = write_generated(out, relations, seed=seed, progress=progress)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    out_console.print(f"wrote {path}", markup=False)
