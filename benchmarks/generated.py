"""The generated graphs the benchmarks run on: :func:`graph.generate.ntriples.generated_ntriples`.

Governments govern, sanction and pressure; chip suppliers supply device makers with
heavy-tailed degrees; companies export to countries (a few import from many) and are
headquartered in them; every relation triple is backed by a sourced claim, and the
ontology is included. ``sanctions-kg generate`` writes the same facts to a file.
"""

from __future__ import annotations

from graph.generate.ntriples import generated_ntriples

__all__ = ["generate"]


def generate(triples: int, *, seed: int = 0) -> bytes:
    """N-Triples of about ``triples`` triples (ontology included), the same for the same seed."""
    return generated_ntriples(triples, seed=seed)
