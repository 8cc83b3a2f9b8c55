"""The ``generate`` command: a large, realistic graph of generated facts, as N-Triples."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from graph.cli.support import fail, out_console, progress_bar
from graph.errors import SanctionsKGError

__all__ = ["PROGRESS_ABOVE", "generate_command"]

PROGRESS_ABOVE = 50_000
"""Above this many relations, a progress bar is shown on a terminal's stderr while writing."""


def generate_command(
    relations: Annotated[
        int, typer.Option("--relations", help="How many relations (claims) to generate, at least 1.")
    ],
    out: Annotated[Path, typer.Option("--out", help="The N-Triples file to write.")],
    seed: Annotated[int, typer.Option("--seed", help="The seed: the same seed, the same file.")] = 0,
) -> None:
    """Write a generated graph shaped like the curated one (facts only, not the ontology)."""
    from graph.generate.ntriples import write_generated

    try:
        bar = (
            progress_bar("generating", relations, unit="relations", done_so_far=True)
            if relations > PROGRESS_ABOVE
            else nullcontext(None)
        )
        with bar as progress:
            path = write_generated(out, relations, seed=seed, progress=progress)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    out_console.print(f"wrote {path}", markup=False)
