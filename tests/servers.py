"""Real SPARQL servers for tests, each started on a free port on 127.0.0.1 and stopped after."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
WAIT_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_answering(url: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll ``url`` with an ASK query until the server answers (or give up, naming why)."""
    query = urllib.parse.urlencode({"query": "ASK { }"})
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{url}?{query}", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {WAIT_SECONDS} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def running(arguments: list[str], url: str, *, cwd: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        arguments, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_answering(url, process)
        yield process
    finally:
        stop(process)


def need(program: str) -> str:
    """The path of a program the test needs; missing is a failure in CI, a skip elsewhere."""
    found = shutil.which(program) or (str(BIN / program) if (BIN / program).exists() else None)
    if found is None:
        message = f"{program} is not installed (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso(folder: Path, *, max_rows: int = 100_000) -> Iterator[str]:
    """A Virtuoso server of its own, in ``folder``, answering at most ``max_rows`` rows a
    query (what it does past that: cut the answer short); yields its base URL."""
    program = need("virtuoso-t")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    settings = {"dir": folder, "sql_port": sql_port, "http_port": http_port, "max_rows": max_rows}
    ini.write_text(VIRTUOSO_INI.format(**settings), encoding="utf-8")
    done = subprocess.run(
        [program, "+configfile", str(ini), "+wait"],
        cwd=folder,
        capture_output=True,
        timeout=WAIT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"virtuoso did not start: {done.stderr.decode(errors='replace')}")
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_answering(f"{base}/sparql")
        yield base
    finally:
        isql = shutil.which("isql-vt") or shutil.which("isql")
        if isql is not None:
            subprocess.run(
                [isql, str(sql_port), "dba", "dba", "-K"], capture_output=True, timeout=60, check=False
            )
        _kill_leftover(folder / "virtuoso.lck")


def _kill_leftover(lock: Path) -> None:
    """Stop a Virtuoso that the shutdown command did not stop (its pid is in its lock file)."""
    if not lock.exists():
        return
    for line in lock.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("VIRT_PID="):
            with suppress(ValueError, ProcessLookupError):
                os.kill(int(line.removeprefix("VIRT_PID=")), signal.SIGKILL)


TEST_GRAPH = "urn:sanctions-kg:test"


def _cli(*args: str) -> None:
    done = subprocess.run([str(BIN / "sanctions-kg"), *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@contextmanager
def served(*options: str, timeout: int = 1) -> Iterator[str]:
    """`sanctions-kg serve` with these options (``--store DIR``; none: the curated build),
    read-only, queries cut after ``timeout`` seconds; yields its query URL."""
    need("oxigraph")
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    command = [str(BIN / "sanctions-kg"), "serve", "--port", str(port), "--timeout", str(timeout), *options]
    with running(command, url):
        yield url


@contextmanager
def oxigraph_filled(folder: Path, *files: Path) -> Iterator[str]:
    """A writable Oxigraph server, filled by `sanctions-kg load --endpoint` (the curated build
    when no file is given); yields its query URL."""
    program = need("oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running(
        [program, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"], f"{base}/query"
    ):
        _cli("load", *map(str, files), "--endpoint", f"{base}/store?default")
        yield f"{base}/query"


@contextmanager
def virtuoso_filled(folder: Path, *files: Path, max_rows: int = 100_000) -> Iterator[str]:
    """A Virtuoso of its own, filled by `sanctions-kg load` into the named graph TEST_GRAPH
    (digest authentication, user and password dba); yields its query URL."""
    folder.mkdir(parents=True, exist_ok=True)
    with virtuoso(folder, max_rows=max_rows) as base:
        target = f"{base}/sparql-graph-crud-auth?graph-uri={TEST_GRAPH}"
        _cli("load", *map(str, files), "--endpoint", target, "--user", "dba", "--password", "dba")
        yield f"{base}/sparql"
