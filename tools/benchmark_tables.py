"""Markdown tables of a ``python -m benchmarks`` run, for the README's "Scale" section.

python tools/benchmark_tables.py build/benchmarks/results.json
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any


def ratio(theirs: float | None, ours: float) -> str:
    """Their time over ours, or a dash when they did not run."""
    return f"{theirs / ours:.2f}x" if theirs is not None else "—"


def spread(values: list[float]) -> str:
    """A range of ratios."""
    return f"{min(values):.2f}–{max(values):.2f}x" if values else "—"


def load_table(records: list[dict[str, Any]]) -> list[str]:
    """Load time and peak memory, ours against the others, by size."""
    by_size: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in records:
        by_size[r["size"]][r["way"]] = r
    lines = [
        "| triples | ours on disk | ours in memory | raw pyoxigraph (disk / memory) | rdflib `parse` | peak: ours (disk / memory) | peak: raw | peak: rdflib |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in sorted(by_size):
        w = by_size[size]
        disk, mem = w["ours-disk"], w["ours-memory"]
        rd = w.get("rdflib")
        lines.append(
            f"| {disk['triples']:,} | {disk['seconds']:.1f} s | {mem['seconds']:.1f} s "
            f"| {ratio(w['pyoxigraph-disk']['seconds'], disk['seconds'])} / {ratio(w['pyoxigraph-memory']['seconds'], mem['seconds'])} "
            f"| {ratio(rd['seconds'], mem['seconds']) if rd else '—'} "
            f"| {disk['peak_bytes'] / 1e6:,.0f} / {mem['peak_bytes'] / 1e6:,.0f} MB "
            f"| {ratio(w['pyoxigraph-disk']['peak_bytes'], disk['peak_bytes'])} / {ratio(w['pyoxigraph-memory']['peak_bytes'], mem['peak_bytes'])} "
            f"| {ratio(rd['peak_bytes'], mem['peak_bytes']) if rd else '—'} |"
        )
    return lines


def question_table(records: list[dict[str, Any]]) -> list[str]:
    """Named questions: the range of ratios over the questions, by size."""
    by_size: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_size[r["size"]].append(r)
    lines = [
        "| triples | slowest question (ours) | raw pyoxigraph | pyoxigraph substitutions | oxrdflib | rdflib's engine |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for size in sorted(by_size):
        rows = by_size[size]
        cells = []
        for key in ("pyoxigraph", "substitutions", "oxrdflib", "rdflib"):
            cells.append(
                spread([r["seconds"][key] / r["seconds"]["ours"] for r in rows if r["seconds"][key]])
            )
        slowest = max(rows, key=lambda r: r["seconds"]["ours"])
        lines.append(
            f"| {size:,} | {slowest['question']} {slowest['seconds']['ours']:.3f} s | "
            + " | ".join(cells)
            + " |"
        )
    return lines


def chain_table(records: list[dict[str, Any]]) -> list[str]:
    """Chain search, a row per size and question."""
    lines = [
        "| triples (projection, index) | question | chains | ours | networkx | rustworkx | one SPARQL query | unindexed |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in sorted(records, key=lambda r: (r["size"], r["question"])):
        s = r["seconds"]
        lines.append(
            f"| {r['size']:,} ({r['projection']:.1f} s, {r['index']:.1f} s) | {r['question']} | {r['chains']:,} "
            f"| {s['ours']:.4f} s | {ratio(s['networkx'], s['ours'])} | {ratio(s['rustworkx'], s['ours'])} "
            f"| {ratio(s['sparql'], s['ours'])} | {ratio(s['unindexed'], s['ours'])} |"
        )
    return lines


def view_table(records: list[dict[str, Any]]) -> list[str]:
    """The view against pyvis's add_node path."""
    lines = ["| nodes | ours | pyvis add_node/add_edge |", "| --- | --- | --- |"]
    for r in sorted(records, key=lambda r: r["size"]):
        lines.append(
            f"| {r['size']:,} | {r['seconds']['ours']:.2f} s | {ratio(r['seconds']['pyvis'], r['seconds']['ours'])} |"
        )
    return lines


def main() -> None:
    """Print the four tables."""
    records = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    family: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        family[r["family"]].append(r)
    for make, name in (
        (load_table, "load"),
        (question_table, "questions"),
        (chain_table, "chains"),
        (view_table, "view"),
    ):
        print("\n".join(make(family[name])), end="\n\n")


if __name__ == "__main__":
    main()
