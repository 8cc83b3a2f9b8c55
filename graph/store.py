"""The embedded query store: Oxigraph, in memory, loaded from a build or from RDF files.

rdflib's own SPARQL engine is not on the query path: it was 8 to 44 times
slower than Oxigraph at a million triples (see the note of the SPARQL issue).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.build import Build
from graph.errors import SanctionsKGError

__all__ = ["open_store"]

FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def open_store(source: Build | str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding a build, or the RDF file ``source``.

    Parameters
    ----------
    source : Build or str or Path
        A :class:`~graph.build.Build`, or a file (``.nt``, ``.ttl``, ``.jsonld``, ...).

    Raises
    ------
    SanctionsKGError
        If the file is missing, of an unknown kind, or not valid RDF (with its line).

    Examples
    --------
    >>> from graph import build
    >>> len(open_store(build())) > 1000
    True
    """
    store = ox.Store()
    if isinstance(source, Build):
        data = source.graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return store
    path = Path(source)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SanctionsKGError(f"{path}: unknown RDF file kind; use one of {', '.join(FORMATS)}")
    try:
        store.bulk_load(path=str(path), format=fmt)
    except FileNotFoundError:
        raise SanctionsKGError(f"{path}: no such file") from None
    except (SyntaxError, OSError, ValueError) as exc:
        raise SanctionsKGError(f"{path}: {exc}") from None
    return store
