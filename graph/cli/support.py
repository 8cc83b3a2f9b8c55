"""What the commands share: consoles, common options, and turning errors into messages."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from graph.errors import InputError, QueryError, SanctionsKGError
from graph.paths import default_data_dir

if TYPE_CHECKING:
    import pandas as pd
    import pyoxigraph as ox

    from graph.analysis.readers import Reader
    from graph.model.build import Build

# Commands import what they run when they run it (pandas, rdflib, pyoxigraph...), so that
# parsing the command line and --help cost only typer and rich.

__all__ = [
    "ColumnsOption",
    "DataOption",
    "DefaultGraphOption",
    "EndpointOption",
    "GraphOption",
    "OntologyOption",
    "PasswordOption",
    "StoreOption",
    "TimeoutOption",
    "UserOption",
    "WideOption",
    "WithOption",
    "check_columns",
    "err_console",
    "fail",
    "load_build",
    "out_console",
    "print_frame",
    "print_records",
    "print_table",
    "progress_bar",
    "source_reader",
    "source_store",
    "split_names",
    "working",
]

out_console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

GraphOption = Annotated[
    Path | None,
    typer.Option("--graph", help="Use this RDF file (e.g. build/sanctions-kg.nt) instead of building data/."),
]
DataOption = Annotated[
    Path | None, typer.Option("--data", help="Folder of the CSV tables (default: the curated data/).")
]
WithOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--with",
        help="Another folder of tables in the same format, built beside --data (your own entities "
        "and claims); repeat for more.",
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Use this on-disk store (made by `sanctions-kg load FILE --store DIR`)."),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option("--columns", help="Table format: show these columns (a,b,c) instead of the default ones."),
]
WideOption = Annotated[
    bool, typer.Option("--wide", help="Table format: show every column, as wide as it needs.")
]
OntologyOption = Annotated[
    Path | None,
    typer.Option(
        "--ontology", help="Folder of sanctions.ttl and shapes.ttl (default: the project's ontology/)."
    ),
]
EndpointOption = Annotated[
    str | None, typer.Option("--endpoint", help="Read this SPARQL 1.1 server (its query URL) instead.")
]
DefaultGraphOption = Annotated[
    str | None, typer.Option("--default-graph", help="With --endpoint: the graph to read.")
]
UserOption = Annotated[
    str | None, typer.Option("--user", help="With --endpoint: a user name (HTTP basic or digest).")
]
PasswordOption = Annotated[str | None, typer.Option("--password", help="With --endpoint: its password.")]
TimeoutOption = Annotated[
    int, typer.Option("--timeout", min=1, help="With --endpoint: seconds to wait for each answer.")
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


def print_frame(
    df: pd.DataFrame,
    fmt: str,
    title: str | None = None,
    *,
    default: Sequence[str] | None = None,
    columns: str | None = None,
    wide: bool = False,
) -> None:
    """Print a table as ``table`` (rich), ``csv`` or ``json`` (records) on stdout.

    The table shows the ``default`` columns (all when ``None``), the ``columns`` asked for
    (``a,b,c``), or every column with ``wide``, and leaves out those that do not fit the
    terminal, saying which it left out; ``csv`` and ``json`` always carry every column.

    Raises
    ------
    QueryError
        For another format, naming the ``format`` parameter, or an unknown column, naming
        ``columns``.
    """
    check_columns(fmt, columns, wide)
    if fmt == "csv":
        buffer = io.StringIO()
        df.to_csv(buffer, index=False)
        sys.stdout.write(buffer.getvalue())
        return
    if fmt == "json":
        sys.stdout.write(
            df.to_json(orient="records", indent=2, date_format="iso", default_handler=str) + "\n"
        )
        return
    if fmt != "table":
        raise QueryError(f"write it as table, json or csv, not {fmt}", parameter="format")
    import pandas as pd

    names = list(map(str, df.columns))
    rows = [["" if pd.isna(v) else str(v) for v in row] for row in df.itertuples(index=False)]
    print_table(names, rows, title, default=default, columns=columns, wide=wide)


def print_records(
    records: Sequence[Mapping[str, object]],
    names: Sequence[str],
    fmt: str,
    title: str | None = None,
    *,
    default: Sequence[str] | None = None,
    columns: str | None = None,
    wide: bool = False,
) -> None:
    """Print plain records (whose keys are ``names``) as ``table``, ``csv`` or ``json``, as
    :func:`print_frame` prints a frame, without pandas (the table shows the ``default`` columns).

    Raises
    ------
    QueryError
        For another format, naming the ``format`` parameter, or an unknown column, naming
        ``columns``.
    """
    check_columns(fmt, columns, wide)
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(names), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return
    if fmt == "json":
        sys.stdout.write(json.dumps(list(records), indent=2, ensure_ascii=False, default=str) + "\n")
        return
    if fmt != "table":
        raise QueryError(f"write it as table, json or csv, not {fmt}", parameter="format")
    rows = [["" if record.get(name) is None else str(record[name]) for name in names] for record in records]
    print_table(names, rows, title, default=default, columns=columns, wide=wide)


def print_table(
    names: Sequence[str],
    rows: Sequence[Sequence[str]],
    title: str | None = None,
    *,
    default: Sequence[str] | None = None,
    columns: str | None = None,
    wide: bool = False,
) -> None:
    """Print the cells of ``rows`` (one per name of ``names``) as a table for people: the
    ``default`` columns, or those asked for, or all with ``wide``; what the terminal holds.
    """
    from graph.display import choose_columns, render_table

    asked = split_names(columns)
    picked = choose_columns(names, default=default, columns=asked, wide=wide)
    where = [list(names).index(name) for name in picked]
    cells = [[row[i] for i in where] for row in rows]
    # Columns the user left out by naming others are not news; those that did not fit are.
    text = render_table(
        picked if asked else names, picked, cells, width=out_console.width, wide=wide, title=title
    )
    sys.stdout.write(text)


def check_columns(fmt: str, columns: str | None, wide: bool) -> None:
    """Refuse ``--columns`` and ``--wide`` beside a format other than ``table``.

    Raises
    ------
    QueryError
        Naming the ``columns`` (or ``wide``) parameter.
    """
    if fmt != "table" and (columns or wide):
        raise QueryError(
            f"{fmt} carries every column; --columns and --wide are for tables",
            parameter="columns" if columns else "wide",
        )


def split_names(text: str | None) -> list[str] | None:
    """The column names of a ``--columns a,b,c`` option (``None`` when it is not given)."""
    if text is None:
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def load_build(
    data: Path | None, ontology: Path | None, extra: list[Path] | None = None, *, reading: bool = False
) -> Build:
    """Build the graph from the data folder (and any extra ones) and the ontology folder, or
    exit with the problems. A command ``reading`` the graph (not ``build`` or ``validate``)
    skips the SHACL shapes for the project's own data and ontology, which its tests check on
    every change (several seconds of every command saved); data or an ontology you give is
    always checked.
    """
    from graph.model.build import build

    shacl = not reading or data is not None or ontology is not None or bool(extra)
    try:
        return build(data, ontology, extra_dirs=extra or (), display_dir=shown(data), shacl=shacl)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)


def source_store(
    graph: Path | None, store: Path | None, data: Path | None, ontology: Path | None
) -> ox.Store:
    """The store a command reads: an on-disk store, an RDF file, or a build of the data."""
    from graph.sparql.store import open_store, open_store_dir

    if graph is not None and store is not None:
        fail(SanctionsKGError("use --graph FILE or --store DIR, not both"))
    if store is not None:
        with working(f"opening {store}"):
            return open_store_dir(store)
    if graph is not None:
        with working(f"loading {graph}"):
            return open_store(graph)
    return open_store(load_build(data, ontology, reading=True))


def source_reader(
    graph: Path | None,
    store: Path | None,
    data: Path | None,
    ontology: Path | None,
    *,
    endpoint: str | None = None,
    default_graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: int = 30,
) -> Reader:
    """What a command that reads only part of the graph reads: a server (``--endpoint``), or
    the store of :func:`source_store`.
    """
    from graph.analysis.readers import EndpointReader, StoreReader
    from graph.sparql.endpoint import Endpoint

    if endpoint is None:
        return StoreReader(source_store(graph, store, data, ontology))
    if graph is not None or store is not None:
        fail(SanctionsKGError("read --endpoint URL, --graph FILE or --store DIR: one of them"))
    return EndpointReader(
        Endpoint(endpoint, default_graph=default_graph, timeout=timeout, user=user, password=password)
    )


@contextmanager
def working(description: str) -> Iterator[None]:
    """A spinner with the time elapsed on a terminal's stderr while something runs (nothing
    is shown when stderr is not a terminal).
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        bar.add_task(description, total=None)
        yield


@contextmanager
def progress_bar(
    description: str, total: int, *, unit: str = "bytes", done_so_far: bool = False
) -> Iterator[Callable[[int], object] | None]:
    """A progress bar on a terminal's stderr; yields the function that moves it (by a step,
    or to the amount done so far with ``done_so_far``), or ``None`` when stderr is not a
    terminal (so that callers can skip the counting).
    """
    if not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    amount = DownloadColumn() if unit == "bytes" else TextColumn("{task.completed:,}/{task.total:,} " + unit)
    columns = (TextColumn("{task.description}"), BarColumn(), amount, TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        if done_so_far:
            yield lambda done: bar.update(task, completed=done)
        else:
            yield lambda step: bar.advance(task, step)
