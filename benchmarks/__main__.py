"""Every benchmark family at the sizes asked; the figures also as JSON and a chart.

    python -m benchmarks                                   # 100,000 triples: a few minutes
    python -m benchmarks --triples 100000 1000000 5000000  # the README's figures: about an hour

Families: ``load`` (time and peak memory against raw pyoxigraph and rdflib), ``questions``
(named questions against raw pyoxigraph, its substitutions, oxrdflib, and rdflib's engine up
to 30,000 triples), ``chains`` (against networkx, rustworkx and one SPARQL query) and ``view``
(against pyvis's add_node/add_edge, at a twentieth as many nodes as triples) and ``startup``
(each command's --help, chains and query on the curated build, as fresh processes, against
``python -c "import typer, rich"``; the same at every size). Writes
``results.json`` and ``chart.png`` (time and memory against size) into ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import chains, load, sparql, startup, views

__all__ = ["FAMILIES", "chart", "main"]

FAMILIES: dict[str, Callable[[int], list[dict[str, Any]]]] = {
    "load": lambda size: load.main(["--triples", str(size)]),
    "questions": lambda size: sparql.main(["--triples", str(size), "--rdflib-limit", "30000"]),
    "chains": lambda size: chains.main(["--triples", str(size)]),
    "view": lambda size: views.main(["--nodes", str(max(50, size // 20))]),
    "startup": lambda _size: startup.main(["--repeat", "3"]),
}


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file renamed into place."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(temp, 0o644)
    os.replace(temp, path)


def chart(records: Sequence[dict[str, Any]], out: Path) -> None:
    """Time and peak memory against size, on log scales, as a PNG."""
    import matplotlib as mpl  # noqa: PLC0415 - only here: a chart needs it, the timings do not

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    figure, (times, memory) = plt.subplots(1, 2, figsize=(11, 4.2))
    loads = [r for r in records if r["family"] == "load"]
    for way in load.WAYS:
        points = sorted((r["triples"], r["seconds"], r["peak_bytes"]) for r in loads if r["way"] == way)
        if points:
            times.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=f"load: {way}")
            memory.plot([p[0] for p in points], [p[2] / 1e6 for p in points], marker="o", label=way)
    for family, label in (
        ("chains", "chain search (slowest question)"),
        ("questions", "named question (slowest)"),
    ):
        sizes = sorted({r["size"] for r in records if r["family"] == family})
        slowest = [
            max(r["seconds"]["ours"] for r in records if r["family"] == family and r["size"] == s)
            for s in sizes
        ]
        if sizes:
            times.plot(sizes, slowest, marker="s", linestyle="--", label=label)
    for axes, title, unit in ((times, "time", "seconds"), (memory, "peak memory of a load", "MB")):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("triples")
        axes.set_ylabel(unit)
        axes.set_title(title)
        axes.grid(visible=True, which="both", alpha=0.3)
        axes.legend(fontsize=7)
    figure.tight_layout()
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".png")
    os.close(handle)
    figure.savefig(temp, dpi=110)
    plt.close(figure)
    os.chmod(temp, 0o644)
    os.replace(temp, out)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the families asked at each size; print as they go; write the JSON and the chart."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument("--families", nargs="+", choices=list(FAMILIES), default=list(FAMILIES))
    parser.add_argument("--out", type=Path, default=Path("build") / "benchmarks")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    for size in args.triples:
        for family in args.families:
            print(f"\n== {family}, {size:,} triples ==")
            records.extend(FAMILIES[family](size))
    _write(args.out / "results.json", json.dumps(records, indent=2).encode("utf-8"))
    chart(records, args.out / "chart.png")
    print(f"\nwrote {args.out / 'results.json'} and {args.out / 'chart.png'}")
    return records


if __name__ == "__main__":
    main()
