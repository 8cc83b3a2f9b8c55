"""Converting one FollowTheMoney line: each schema to what :func:`~.schemata.handling` says
becomes of it (see :mod:`graph.importers.ftm` for the mapping), and the references to ids
outside the file found on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from graph.importers.ftm.entities import entity
from graph.importers.ftm.index import _Index
from graph.importers.ftm.read import _LeftOutError
from graph.importers.ftm.relations import address, document, edge, sanction
from graph.importers.ftm.schemata import KEPT, NOT_MODELLED, handling
from graph.importers.ftm.write import _Writer

__all__: list[str] = []

RECORDS: dict[str, Callable[[_Writer, _Index, EntityProxy], None]] = {
    "sanction": sanction,
    "relation": edge,
    "address": address,
    "document": document,
}


def convert(writer: _Writer, index: _Index, data: dict[str, Any], proxy: EntityProxy) -> str | None:
    """Convert one line into the writer's buffer, and note its references outside the file.

    Returns
    -------
    str or None
        ``None`` for a record imported; why it is counted among those left out when it is
        kept as properties of its entity (an Address, a Passport).

    Raises
    ------
    _LeftOutError
        For a record left out (a schema not modelled, an edge to one): why, to be counted.
    _LineError
        For a bad line.
    """
    what = handling(proxy.schema)
    if what == "skipped":
        raise _LeftOutError(NOT_MODELLED)
    writer.provenance(data, proxy)
    if what in ("organisation", "person"):
        entity(writer, data, proxy)
    else:
        RECORDS[what](writer, index, proxy)
    writer.outside = [
        (prop.name, value)
        for prop, value in proxy.itervalues()
        if prop.type == registry.entity and value not in index
    ]
    return KEPT if what in ("address", "document") else None
