"""How long a command takes before it answers, as a user meets it: each run a fresh process.

    python -m benchmarks.startup [--repeat 5]

Times ``sanctions-kg --help``, every command's ``--help``, and ``chains`` and ``query`` on the
curated build (written first, into a temporary folder), from start to last line, against
``python -c "import typer, rich"`` (what parsing a command line with typer costs at the least),
run in the same benchmark. Prints each median, its ratio to the baseline and the peak memory
(maximum resident set) of the process, and its ratio to the smallest typer program with two
commands (``typer_app``), run the same way: ``python -c APP hello --help`` beside a command's
``--help``, ``python -c APP hello x`` beside a command that runs, since typer coerces every
option of a command it runs or describes through pydantic, which ``import typer`` does not load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["COMMANDS", "main", "run_once"]

#: Commands whose ``--help`` is timed (``[]`` is the top-level help).
COMMANDS: tuple[tuple[str, ...], ...] = (
    (),
    ("build",),
    ("validate",),
    ("stats",),
    ("queries",),
    ("query",),
    ("serve",),
    ("load",),
    ("chains",),
    ("chokepoints",),
    ("whatif",),
    ("exposure",),
    ("ownership",),
    ("view",),
    ("generate",),
    ("import", "ftm"),
    ("import", "bods"),
    ("import", "trade"),
    ("link", "wikidata"),
)


#: The smallest typer program with two commands, as a second baseline.
TYPER_APP = """
import typer
app = typer.Typer(add_completion=False, rich_markup_mode=None)
@app.command()
def hello(name: str, count: int = 1) -> None:
    print(name * count)
@app.command()
def bye() -> None:
    pass
app()
"""


def run_once(argv: list[str]) -> tuple[float, int]:
    """Run ``argv`` as a fresh process: its wall-clock seconds and peak resident bytes.

    >>> seconds, peak = run_once([sys.executable, "-c", "pass"])
    >>> seconds > 0 and peak > 0
    True
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        with subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors) as process:
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"{' '.join(argv)} exited with {process.returncode}: {message}")
    return seconds, usage.ru_maxrss * 1024  # ru_maxrss is in kilobytes on Linux


def _median(argv: list[str], repeat: int) -> tuple[float, int]:
    runs = [run_once(argv) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def _command() -> list[str]:
    """The installed ``sanctions-kg`` beside this interpreter (as a user runs it)."""
    beside = Path(sys.executable).with_name("sanctions-kg")
    found = str(beside) if beside.exists() else shutil.which("sanctions-kg")
    if found is None:
        raise RuntimeError("sanctions-kg is not installed: pip install -e .")
    return [found]


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Time every command, print a line each, and return the records."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each command (the median is kept).")
    args = parser.parse_args(argv)
    tool = _command()
    baseline, baseline_peak = _median([sys.executable, "-c", "import typer, rich"], args.repeat)
    print(f"baseline: python -c 'import typer, rich': {baseline:.3f} s, {baseline_peak / 1e6:.0f} MB peak")
    app = [sys.executable, "-c", TYPER_APP]
    app_help = _median([*app, "--help"], args.repeat)[0]
    app_command_help = _median([*app, "hello", "--help"], args.repeat)[0]
    app_run = _median([*app, "hello", "x"], args.repeat)[0]
    print(
        f"typer_app: --help {app_help:.3f} s, hello --help {app_command_help:.3f} s, hello x {app_run:.3f} s"
    )
    records: list[dict[str, Any]] = []

    def record(name: str, command: list[str], typer_app: float) -> None:
        seconds, peak = _median(command, args.repeat)
        ratio = seconds / baseline
        print(
            f"{name:<48} {seconds:6.3f} s  {ratio:5.1f}x baseline  {seconds / typer_app:5.1f}x typer_app"
            f"  {peak / 1e6:5.0f} MB peak"
        )
        records.append(
            {
                "family": "startup",
                "command": name,
                "seconds": {"ours": seconds, "baseline": baseline, "typer_app": typer_app},
                "ratio": ratio,
                "peak_bytes": peak,
            }
        )

    for words in COMMANDS:
        help_of = app_command_help if words else app_help
        record(" ".join(("sanctions-kg", *words, "--help")), [*tool, *words, "--help"], help_of)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([*tool, "build", "--out", folder], check=True, capture_output=True)
        built = str(Path(folder) / "sanctions-kg.nt")
        record(
            "sanctions-kg chains us-government russia --graph <build>",
            [*tool, "chains", "us-government", "russia", "--graph", built],
            app_run,
        )
        record(
            "sanctions-kg query sanctions --graph <build>",
            [*tool, "query", "sanctions", "--graph", built],
            app_run,
        )
    return records


if __name__ == "__main__":
    main()
