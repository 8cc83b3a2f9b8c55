"""The first pass over a FollowTheMoney file: the ids it holds, by what becomes of them, and the
entities each Address record belongs to. Memory holds ids (and, for an entity that points at an
Address, the hashes of the addresses it states itself), nothing else that grows with the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

    def __contains__(self, ref: str) -> bool:
        return ref in self.mapped or ref in self.others or ref in self.bad

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
        why = "whose own line is bad" if ref in self.bad else "not in the file"
        raise _LineError(column, "dangling-reference", f"refers to {ref!r}, {why}")


def collect(path: Path, writer: _Writer) -> _Index:
    """The first pass: the ids of the file, by kind (its bad lines are reported later)."""
    index = _Index()
    for _, text in _lines(path):
        try:
            data, proxy = _entity(text)
        except _LineError:
            continue
        if handling(proxy.schema) not in ("organisation", "person"):
            index.others[data["id"]] = proxy.schema.name
            continue
        try:
            writer.begin()
            writer.provenance(data, proxy)
            curated = entity(writer, data, proxy)
        except (_LineError, _LeftOutError):
            index.bad.add(data["id"])
            continue
        index.mapped.add(data["id"])
        if curated is not None:
            index.resolved[data["id"]] = curated
        refs = proxy.get("addressEntity")
        own = frozenset(hash(v) for v in proxy.get("address")) if refs else frozenset()
        for ref in refs:
            index.addresses.setdefault(ref, []).append((index.node(data["id"]), own))
    return index
