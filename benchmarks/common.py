"""What the benchmarks share: a graph of a chosen size made from the curated one, and timing."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

from rdflib import Graph, URIRef

from graph import ID, build

__all__ = ["best_of", "scaled_ntriples"]


def scaled_ntriples(triples: int) -> bytes:
    """N-Triples of about ``triples`` triples: the curated facts copied with renamed ids (copy k
    of ``id:lenovo`` is ``id:lenovo-k``), the ontology once, so every question finds k times the
    rows. Copies are joined through the countries, which are shared, as real data would be.
    """
    curated = build(shacl=False).graph
    shared = {ID[name] for name in ("russia", "china", "united-states", "ukraine", "belarus")}
    facts = [t for t in curated if str(t[0]).startswith(str(ID))]
    ontology = [t for t in curated if not str(t[0]).startswith(str(ID))]
    copies = max(1, (triples - len(ontology)) // max(1, len(facts)))

    def rename(term: Any, k: int) -> Any:
        if isinstance(term, URIRef) and str(term).startswith(str(ID)) and term not in shared:
            return URIRef(f"{term}-{k}") if k else term
        return term

    out = Graph()
    for triple in ontology:
        out.add(triple)
    lines = [out.serialize(format="nt", encoding="utf-8")]
    for k in range(copies):
        part = Graph()
        for s, p, o in facts:
            part.add((rename(s, k), p, rename(o, k)))
        lines.append(part.serialize(format="nt", encoding="utf-8"))
    return b"".join(lines)


def best_of(run: Callable[[], object], *, repeat: int = 5) -> float:
    """The median of ``repeat`` timings of ``run`` in seconds (garbage collected before each)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
