"""The first pass over a FollowTheMoney file: the ids it holds, by what becomes of them, and the
entities each Address record belongs to. Memory holds ids (and, for an entity that points at an
Address, the hashes of the addresses it states itself), nothing else that grows with the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

from graph.importers.common import entity_iri, iri
from graph.importers.ftm.entities import entity
from graph.importers.ftm.read import _entity, _LeftOutError, _LineError, _lines
from graph.importers.ftm.schemata import NOT_MODELLED, handling
from graph.importers.ftm.write import _Writer

__all__: list[str] = []


@dataclass
class _Index:
    """The ids of a file: entities mapped (with the graph's IRI of those resolved), records of
    other schemata (by schema), and entity lines that are bad; for each Address, the entities
    that point at it, with the hashes of the addresses each states itself.
    """

    mapped: set[str] = field(default_factory=set)
    resolved: dict[str, str] = field(default_factory=dict)
    others: dict[str, str] = field(default_factory=dict)
    bad: set[str] = field(default_factory=set)
    addresses: dict[str, list[tuple[str, frozenset[int]]]] = field(default_factory=dict)
    absent: str = "not in the file"  # why a reference found nowhere is dangling

    def __contains__(self, ref: str) -> bool:
        return ref in self.mapped or ref in self.others or ref in self.bad or self.lookup(ref) is not None

    def lookup(self, ref: str) -> str | None:
        """The IRI of an entity not in the file that ``ref`` names (none: a file stands alone)."""
        return None

    def holders(self, ref: str) -> list[tuple[str, frozenset[int]]]:
        """The nodes of the entities that point at the Address ``ref``, each with the hashes of
        the addresses it states itself.
        """
        return self.addresses.get(ref, [])

    def node(self, ref: str) -> str:
        """The N-Triples term of a mapped entity."""
        return iri(self.resolved.get(ref) or entity_iri("ftm", ref))

    def target(self, proxy: EntityProxy, column: str) -> str:
        """The node of the entity a property refers to (its first value).

        Raises
        ------
        _LeftOutError
            If it refers to a record of a schema not modelled.
        _LineError
            ``missing-reference`` without a value, ``dangling-reference`` to an id not in the
            file or whose own line is bad.
        """
        ref = next(iter(proxy.get(column)), None)
        if ref is None:
            raise _LineError(column, "missing-reference", f"a {proxy.schema.name} needs its {column}")
        if ref in self.mapped:
            return self.node(ref)
        if ref in self.others:
            schema = self.others[ref]
            raise _LeftOutError(f"its {column} is a {schema}, {NOT_MODELLED}")
        found = self.lookup(ref) if ref not in self.bad else None
        if found is not None:
            return iri(found)
        why = "whose own line is bad" if ref in self.bad else self.absent
        raise _LineError(column, "dangling-reference", f"refers to {ref!r}, {why}")


def collect(path: Path, writer: _Writer) -> _Index:
    """The first pass: the ids of the file, by kind (its bad lines are reported later)."""
    index = _Index()
    for _, text in _lines(path):
        try:
            data, proxy = _entity(text)
        except _LineError:
            continue
        note(index, writer, data, proxy)
    return index


def note(index: _Index, writer: _Writer, data: dict[str, Any], proxy: EntityProxy) -> None:
    """Add one record to the index: by what becomes of it, and the Addresses it points at."""
    if handling(proxy.schema) not in ("organisation", "person"):
        index.others[data["id"]] = proxy.schema.name
        return
    try:
        writer.begin()
        writer.provenance(data, proxy)
        curated = entity(writer, data, proxy)
    except (_LineError, _LeftOutError):
        index.bad.add(data["id"])
        return
    index.mapped.add(data["id"])
    if curated is not None:
        index.resolved[data["id"]] = curated
    refs = proxy.get("addressEntity")
    own = frozenset(hash(v) for v in proxy.get("address")) if refs else frozenset()
    for ref in refs:
        index.addresses.setdefault(ref, []).append((index.node(data["id"]), own))
