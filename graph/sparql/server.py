"""Serving the graph as a read-only SPARQL 1.1 endpoint with Oxigraph's server.

The server is the ``oxigraph`` program of the ``oxigraph`` package (the same
storage format as ``pyoxigraph``): the graph is bulk-loaded into an on-disk store
with ``oxigraph load``, then served by ``oxigraph serve-read-only``, which refuses
updates, cuts queries at a timeout, and has a YASGUI page at ``/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import SanctionsKGError
from graph.model.build import Build

__all__ = ["load_location", "oxigraph_program", "run_server", "serve_arguments", "served_location"]


def oxigraph_program() -> str:
    """The path of the ``oxigraph`` server program.

    Raises
    ------
    SanctionsKGError
        If it is not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside) if beside.exists() else None)
    if found is None:
        raise SanctionsKGError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def load_location(ntriples: Path, location: Path) -> None:
    """Bulk-load an N-Triples file into the Oxigraph store folder ``location``.

    Raises
    ------
    SanctionsKGError
        With the loader's own message, if it fails.
    """
    if not ntriples.is_file():
        raise SanctionsKGError(f"{ntriples}: no such file")
    done = subprocess.run(
        [oxigraph_program(), "load", "--location", str(location), "--file", str(ntriples)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"},
    )
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip()).split("Stack backtrace:")[0].strip()
        raise SanctionsKGError(f"oxigraph load failed: {message}")


@contextmanager
def served_location(source: Build | Path) -> Iterator[Path]:
    """A temporary Oxigraph store folder holding the build (or RDF file), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="sanctions-kg-serve-") as folder:
        location = Path(folder) / "store"
        if isinstance(source, Build):
            data = Path(folder) / "graph.nt"
            source.graph.serialize(destination=data, format="nt", encoding="utf-8")
        else:
            data = source
        load_location(data, location)
        yield location


def serve_arguments(location: Path, *, host: str, port: int, timeout: int) -> list[str]:
    """The command line of the read-only server.

    Examples
    --------
    >>> serve_arguments(Path("db"), host="127.0.0.1", port=7878, timeout=30)[1:]
    ['serve-read-only', '--location', 'db', '--bind', '127.0.0.1:7878', '--timeout-s', '30']
    """
    return [
        oxigraph_program(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--timeout-s",
        str(timeout),
    ]


def run_server(arguments: list[str]) -> int:
    """Run the server in the foreground until it stops or this process is interrupted or
    terminated; the server is stopped with it (never left behind). Returns its exit code.
    """
    child = subprocess.Popen(arguments)

    def stop(signum: int, _frame: object) -> None:
        child.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return child.wait()
    except KeyboardInterrupt:
        child.send_signal(signal.SIGINT)
        return child.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child.poll() is None:
            child.kill()
            child.wait()
