"""Where a question reads the graph: an embedded store, an on-disk store, an RDF file, a build,
or a SPARQL 1.1 server, each as a :class:`~graph.analysis.readers.Reader`.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.analysis.readers import EndpointReader, Reader, StoreReader
from graph.model.build import Build
from graph.sparql.endpoint import Endpoint

__all__ = ["Source", "open_reader"]

Source = ox.Store | Build | Endpoint | str | Path
"""What a question can read: a store, a build, a server, or a path (an on-disk store's folder
or an RDF file)."""


def open_reader(source: Source) -> Reader:
    """A reader of ``source``: index lookups on a store, queries to a server.

    Raises
    ------
    SanctionsKGError
        For a path that is neither an on-disk store nor a readable RDF file.

    Examples
    --------
    >>> from graph import build
    >>> reader = open_reader(build())
    >>> "exportsTo" in reader.relations().values()
    True
    """
    from graph.sparql.store import open_store, open_store_dir  # noqa: PLC0415 - a store only when asked

    if isinstance(source, Endpoint):
        return EndpointReader(source)
    if isinstance(source, ox.Store):
        return StoreReader(source)
    if isinstance(source, Build):
        return StoreReader(open_store(source))
    path = Path(source)
    if path.is_dir():
        return StoreReader(open_store_dir(path))
    return StoreReader(open_store(path))
