"""The SPARQL commands: ``queries``, ``query``, ``serve`` and ``load``."""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.support import (
    ColumnsOption,
    DataOption,
    GraphOption,
    OntologyOption,
    StoreOption,
    WideOption,
    err_console,
    fail,
    load_build,
    out_console,
    progress_bar,
    source_store,
    split_names,
)
from graph.errors import QueryError, SanctionsKGError
from graph.sparql.formats import GRAPH_FORMAT_NAMES, RESULT_FORMAT_NAMES

if TYPE_CHECKING:
    from graph.sparql.queries import NamedQuery
    from graph.sparql.run import Target

__all__ = ["load_command", "queries_command", "query_command", "serve_command"]

FORMATS = ["table", *RESULT_FORMAT_NAMES, *GRAPH_FORMAT_NAMES]
EndpointOption = Annotated[
    str | None, typer.Option("--endpoint", help="Ask this SPARQL 1.1 server (its query URL) instead.")
]


def queries_command(
    fmt: Annotated[str, typer.Option("--format", help="table, or markdown (for documentation).")] = "table",
) -> None:
    """List the named questions: name, title and parameters."""
    from graph.display import render_table
    from graph.sparql.queries import catalogue, named_queries

    if fmt == "markdown":
        sys.stdout.write(catalogue())
        return
    if fmt != "table":
        fail(QueryError(f"write the list as table or markdown, not {fmt}", parameter="format"))
    names = ["name", "title", "parameters"]
    rows = [
        [name, query.title, ", ".join(f"{p.name} ({p.type})" for p in query.params)]
        for name, query in named_queries().items()
    ]
    sys.stdout.write(render_table(names, names, rows, width=out_console.width))


def _parse_params(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"write --param NAME=VALUE, not {pair!r}", parameter=name or pair)
        values[name.strip()] = value
    return values


def _pick_query(name: str | None, file: Path | None, expression: str | None) -> NamedQuery:
    from graph.sparql.queries import adhoc_query, named_query, query_file

    given = [x for x in (name, file, expression) if x is not None]
    if len(given) != 1:
        raise QueryError("give exactly one of: a query NAME, --file FILE, or -e 'SPARQL'")
    if name is not None:
        return named_query(name)
    if file is not None:
        return query_file(file)
    return adhoc_query(expression or "", origin="-e")


def _target(
    *,
    endpoint: str | None,
    default_graph: str | None,
    timeout: int,
    graph: Path | None,
    store: Path | None,
    data: Path | None,
    ontology: Path | None,
) -> Target:
    from graph.sparql.endpoint import Endpoint

    if endpoint is not None:
        if graph is not None or store is not None:
            raise QueryError("ask --endpoint URL, or read --graph FILE or --store DIR: one of them")
        return Endpoint(endpoint, default_graph=default_graph, timeout=timeout)
    return source_store(graph, store, data, ontology)


def query_command(
    name: Annotated[str | None, typer.Argument(help="A named question (see `sanctions-kg queries`).")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Run the query in this file.")] = None,
    expression: Annotated[
        str | None, typer.Option("-e", "--expression", help="Run this SPARQL text.")
    ] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = None,
    columns: ColumnsOption = None,
    wide: WideOption = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file (else print).")] = None,
    graph: GraphOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    default_graph: Annotated[
        str | None, typer.Option("--default-graph", help="With --endpoint: the graph to query.")
    ] = None,
    timeout: Annotated[int, typer.Option("--timeout", min=1, help="With --endpoint: seconds to wait.")] = 30,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Run a named question, a query file or a SPARQL text, and print or write its results."""
    import pyoxigraph as ox

    from graph.model.output import atomic_write
    from graph.sparql.results import render
    from graph.sparql.run import execute

    try:
        query = _pick_query(name, file, expression)
        values = _parse_params(param or [])
        target = _target(
            endpoint=endpoint,
            default_graph=default_graph,
            timeout=timeout,
            graph=graph,
            store=store,
            data=data,
            ontology=ontology,
        )
        result = execute(target, query, values)
        chosen = fmt or ("turtle" if isinstance(result, ox.QueryTriples) else "table")
        width = shutil.get_terminal_size((160, 24)).columns
        default = query.columns or None
        text = render(result, chosen, width=width, columns=split_names(columns), default=default, wide=wide)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    if out is None:
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
        return
    try:
        atomic_write({out.name: text}, out.parent)
    except OSError as exc:
        fail(exc)


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 7878,
    timeout: Annotated[
        int, typer.Option("--timeout", min=1, help="Seconds after which a query is cut.")
    ] = 30,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (Oxigraph), until interrupted."""
    from graph.sparql.server import run_server, serve_arguments, served_location
    from graph.sparql.store import open_store_dir

    banner = f"SPARQL endpoint: http://{host}:{port}/query (YASGUI at http://{host}:{port}/)"
    try:
        if store is not None:
            if graph is not None:
                raise SanctionsKGError("use --graph FILE or --store DIR, not both")
            open_store_dir(store)  # says so if there is no store there
            err_console.print(banner, markup=False)
            code = run_server(serve_arguments(store, host=host, port=port, timeout=timeout))
        else:
            source = graph if graph is not None else load_build(data, ontology, reading=True)
            with served_location(source) as location:
                err_console.print(banner, markup=False)
                code = run_server(serve_arguments(location, host=host, port=port, timeout=timeout))
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    if code not in (0, -signal.SIGINT, -signal.SIGTERM):
        raise typer.Exit(code=code)


def load_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files (.nt, .ttl, ...); by default the build of data/.")
    ] = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Bulk-load into a new on-disk store in this folder.")
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="Or upload to this Graph Store Protocol URL.")
    ] = None,
    graph: GraphOption = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="With --endpoint: replace the graph (PUT) instead of adding.")
    ] = False,
    user: Annotated[str | None, typer.Option("--user", help="User name, if the server asks.")] = None,
    password: Annotated[str | None, typer.Option("--password", help="Password, if the server asks.")] = None,
    timeout: Annotated[int, typer.Option("--timeout", min=1, help="Seconds to wait.")] = 300,
    with_ontology: Annotated[
        bool,
        typer.Option(
            "--with-ontology/--no-ontology",
            help="With --store: add the ontology if FILES lack it (the questions and chains need it).",
        ),
    ] = True,
    lenient: Annotated[
        bool,
        typer.Option(
            "--lenient", help="With --store: skip checking IRIs and literals (faster; trusted files)."
        ),
    ] = False,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Load RDF files (or the build) into an on-disk store (--store DIR), without rdflib, or
    upload them to a SPARQL server (--endpoint URL, SPARQL 1.1 Graph Store Protocol).
    """
    from graph.sparql.endpoint import Endpoint, http_post

    paths = [*(files or []), *([graph] if graph is not None else [])]
    try:
        if (store is None) == (endpoint is None):
            raise QueryError(
                "load into --store DIR or upload to --endpoint URL: one of them", parameter="store"
            )
        if store is not None:
            triples = _load_store(
                paths, store, data, ontology, with_ontology=with_ontology and bool(paths), lenient=lenient
            )
            out_console.print(f"loaded {triples} triples into {store}", markup=False)
            return
        if paths:
            body = b"".join(_as_ntriples(path) for path in paths)
        else:
            body = load_build(data, ontology, reading=True).graph.serialize(format="nt", encoding="utf-8")
        target = Endpoint(endpoint or "", timeout=timeout, user=user, password=password)
        http_post(target, body, content_type="text/turtle", accept="*/*", method="PUT" if replace else "POST")
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    triples = body.count(b"\n")
    out_console.print(f"loaded {triples} triples into {endpoint}", markup=False)


def _load_store(
    paths: list[Path],
    store: Path,
    data: Path | None,
    ontology: Path | None,
    *,
    with_ontology: bool,
    lenient: bool,
) -> int:
    """Bulk-load the files (or the build, through a temporary N-Triples file) into the store,
    with the ontology if asked and the files lack it.
    """
    from graph.model.output import ontology_ntriples
    from graph.sparql.store import load_store

    if not paths:
        with tempfile.TemporaryDirectory() as folder:
            built = Path(folder) / "graph.nt"
            load_build(data, ontology, reading=True).graph.serialize(
                destination=built, format="nt", encoding="utf-8"
            )
            return load_store([built], store)
    terms = ontology_ntriples(ontology) if with_ontology else None
    total = sum(path.stat().st_size for path in paths if path.is_file())
    with progress_bar(f"loading into {store}", total) as advance:
        return load_store(paths, store, progress=advance, ontology=terms, lenient=lenient)


def _as_ntriples(path: Path) -> bytes:
    import pyoxigraph as ox

    from graph.sparql.store import open_store

    return open_store(path).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
