"""Generated graphs shaped like the curated one, of any size, streamed and seeded.

The graph's lines come in order: the entities (:mod:`graph.generate.entities`), the claims
(:mod:`graph.generate.facts`), then trade observations; the sizes of its world are
:func:`graph.generate.world.sizes`.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from graph.errors import QueryError
from graph.generate.entities import _entities, _measures, _observations
from graph.generate.facts import _claims
from graph.generate.world import PRODUCTS, _World, sizes
from graph.model.output import ontology_ntriples, streamed

__all__ = ["generate_lines", "generated_ntriples", "write_generated"]

TRIPLES_PER_CLAIM = 7.95
"""About how many distinct triples a claim adds (its relation triple is sometimes another's)."""


def _check(number: int, name: str) -> None:
    least = 0 if name == "seed" else 1
    if number < least:
        raise QueryError(f"{number} is out of range: it must be at least {least}", parameter=name)


def _chunks(relations: int, seed: int) -> Iterator[tuple[int, str]]:
    """The graph as blocks of whole lines, each with the number of claims written by its end."""
    rng = random.Random(seed)
    w = _World(sizes(relations), tuple(rng.random() for _ in range(5)))
    yield from ((0, text) for text in itertools.chain(_entities(w, rng), _measures(w, rng)))
    yield from enumerate(_claims(w, rng), start=1)
    yield from ((relations, text) for text in _observations(w, rng))


def generate_lines(relations: int, *, seed: int = 0) -> Iterator[str]:
    """The N-Triples lines of a generated graph's facts (not the ontology), one at a time.

    Parameters
    ----------
    relations : int
        How many claims to state, each with its relation triple (at least 1). The number of
        entities of each kind follows from it (:func:`sizes`); below ``sizes(n).skeleton``,
        only the first of the structural relations are stated.
    seed : int, default 0
        The seed of the ``random.Random`` that draws everything (at least 0).

    Returns
    -------
    Iterator[str]
        One line at a time, each ending in a newline: the same lines for the same
        ``relations`` and ``seed``. Memory does not grow with ``relations``.

    Raises
    ------
    QueryError
        Naming ``relations`` or ``seed`` if it is out of range (at once, not at the first line).

    Examples
    --------
    >>> lines = list(generate_lines(300, seed=1))
    >>> lines == list(generate_lines(300, seed=1)) != list(generate_lines(300, seed=2))
    True
    >>> supplies = [line.split() for line in lines if "#supplies>" in line]
    >>> supplies[0][0], supplies[0][2]
    ('<https://w3id.org/sanctions-kg/id/supplier-0>', '<https://w3id.org/sanctions-kg/id/oem-5>')
    """
    _check(relations, "relations")
    _check(seed, "seed")
    return (line for _, text in _chunks(relations, seed) for line in text.splitlines(keepends=True))


def write_generated(
    out: str | Path, relations: int, *, seed: int = 0, progress: Callable[[int], object] | None = None
) -> Path:
    """Write a generated graph's facts to ``out`` as N-Triples, all or nothing.

    The lines go to a temporary file beside ``out``, renamed into place at the end; on any
    error it is removed and ``out`` is left as it was.

    Parameters
    ----------
    out : str or Path
        The file to write (its folder is made if missing).
    relations, seed : int
        As for :func:`generate_lines`.
    progress : callable, optional
        Called now and then with the number of claims written so far, and at the end with
        ``relations``.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    QueryError
        For ``relations`` or ``seed`` out of range, before anything is written.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_generated(Path(folder, "g.nt"), 300, seed=1)
    ...     path.read_text(encoding="utf-8") == "".join(generate_lines(300, seed=1))
    True
    """
    _check(relations, "relations")
    _check(seed, "seed")
    target = Path(out)
    with streamed(target) as stream:
        chunks = _chunks(relations, seed)
        while batch := list(itertools.islice(chunks, 4096)):
            stream.write("".join(text for _, text in batch))
            if progress is not None:
                progress(batch[-1][0])
    if progress is not None:
        progress(relations)
    return target


@cache
def _ontology() -> str:
    """The ontology as sorted N-Triples, its blank nodes named by content (the same every run)."""
    return ontology_ntriples().decode("utf-8")


def _expected(relations: int) -> float:
    """About how many distinct triples :func:`generate_lines` gives for ``relations``."""
    n = sizes(relations)
    entities = 2 * (n.countries + n.governments + n.suppliers + n.oems) + 3 * len(PRODUCTS)
    return entities + 4 * n.sources + 6.5 * n.measures + 9.6 * n.observations + TRIPLES_PER_CLAIM * relations


def generated_ntriples(triples: int, *, seed: int = 0) -> bytes:
    """N-Triples of a generated graph of about ``triples`` triples, the ontology's included.

    Parameters
    ----------
    triples : int
        About how many distinct triples to give (at least 1; but the ontology alone has a
        few hundred, and a generated graph has at least one claim).
    seed : int, default 0
        As for :func:`generate_lines`.

    Returns
    -------
    bytes
        UTF-8 N-Triples: the ontology's lines (sorted), then those of :func:`generate_lines`
        for the number of relations that gives about ``triples`` triples.

    Raises
    ------
    QueryError
        Naming ``triples`` or ``seed`` if it is out of range.

    Examples
    --------
    >>> data = generated_ntriples(3000, seed=1)
    >>> 2700 <= data.count(b"\\n") <= 3300, data == generated_ntriples(3000, seed=1)
    (True, True)
    """
    _check(triples, "triples")
    _check(seed, "seed")
    ontology = _ontology()
    wanted = triples - ontology.count("\n")
    low, high = 1, max(1, wanted)
    while low < high:  # the most relations whose expected triples are not more than wanted
        middle = (low + high + 1) // 2
        low, high = (middle, high) if _expected(middle) <= wanted else (low, middle - 1)
    return (ontology + "".join(generate_lines(low, seed=seed))).encode("utf-8")
