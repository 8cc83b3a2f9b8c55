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
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso(folder: Path) -> Iterator[str]:
    """A Virtuoso server of its own, in ``folder``; yields its base URL."""
    program = need("virtuoso-t")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
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
