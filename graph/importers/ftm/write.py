"""Writing one FollowTheMoney line as N-Triples: the line's buffer of triples, its provenance, the
claims of its relations, and the sources, countries and governments minted once for the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from graph.importers.common import ImportReport, Known, entity_iri, iri, literal
from graph.importers.ftm.read import _LineError
from graph.model.namespace import SKG

__all__: list[str] = []

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TYPE, SUBJECT, PREDICATE, OBJECT = (iri(RDF + n) for n in ("type", "subject", "predicate", "object"))
LABEL = iri("http://www.w3.org/2000/01/rdf-schema#label")
SAME = iri("http://www.w3.org/2002/07/owl#sameAs")
NOTATION = iri("http://www.w3.org/2004/02/skos/core#notation")
P = {name: iri(str(SKG[name])) for name in SKG.__annotations__}


@dataclass
class _Writer:
    """Turns one line at a time into N-Triples (:meth:`begin`, then the converters, then
    :meth:`commit`): a line's triples, minted entities and references outside the file count
    only once committed, so a bad or skipped line leaves nothing behind. What a line mints
    for every line that needs it (a dataset's source, a country, a government) is kept apart
    in ``common``: a delta feed removes what a record stated, never those.
    """

    known: Known
    fallback: str
    minted: set[str] = field(default_factory=set)
    triples: list[str] = field(default_factory=list)
    common: list[str] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)
    outside: list[tuple[str, str]] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    meta: list[tuple[str, str]] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)

    def begin(self) -> None:
        """Start a line afresh."""
        self.triples, self.common, self.pending, self.outside = [], [], set(), []
        self.entities = self.relations = 0

    def commit(self, report: ImportReport) -> str:
        """Count the line in ``report``; its N-Triples."""
        self.minted |= self.pending
        report.written += len(self.common) + len(self.triples)
        report.entities += self.entities
        report.relations += self.relations
        for column, _ in self.outside:
            report.outside[column] = report.outside.get(column, 0) + 1
        return "".join(self.common) + "".join(self.triples)

    def add(self, s: str, p: str, o: str) -> None:
        """One triple of N-Triples terms."""
        self.triples.append(f"{s} {p} {o} .\n")

    @contextmanager
    def _shared(self) -> Iterator[None]:
        """Write into ``common`` while inside."""
        own, self.triples = self.triples, self.common
        try:
            yield
        finally:
            self.common, self.triples = self.triples, own

    def fresh(self, node: str) -> bool:
        """Whether ``node`` is still to be minted (and mark it minted by this line)."""
        if node in self.minted or node in self.pending:
            return False
        self.pending.add(node)
        return True

    def provenance(self, data: dict[str, Any], proxy: EntityProxy) -> None:
        """The line's record id, ``first_seen`` / ``last_seen`` and datasets, for its claims."""
        self.meta = [(P["record"], literal(proxy.id or ""))]
        for key, term in (("first_seen", "firstSeen"), ("last_seen", "lastSeen")):
            if data.get(key):
                try:
                    seen = dt.datetime.fromisoformat(str(data[key])).isoformat()
                except ValueError:
                    raise _LineError(key, "bad-date", f"{data[key]!r} is not a date and time") from None
                self.meta.append((P[term], literal(seen, datatype=XSD + "dateTime")))
        self.datasets = data.get("datasets") or [self.fallback]
        if not isinstance(self.datasets, list) or not all(isinstance(d, str) for d in self.datasets):
            raise _LineError("datasets", "bad-json", "datasets must be a list of strings")

    def sourced(self, node: str) -> None:
        """``node`` skg:source each dataset of the line."""
        for name in self.datasets:
            self.add(node, P["source"], self.source(name))

    def source(self, name: str) -> str:
        """The Source of a dataset, written once."""
        node = iri(entity_iri("ftm-dataset", name))
        if self.fresh(node):
            with self._shared():
                self.add(node, TYPE, P["Source"])
                self.add(node, LABEL, literal(f"OpenSanctions dataset {name}", language="en"))
                self.add(node, P["publisher"], literal("OpenSanctions"))
        return node

    def claim(self, key: str, s: str, relation: str, o: str, extra: list[tuple[str, str]]) -> None:
        """The direct triple ``s relation o`` and its claim, with the line's provenance."""
        node = iri(entity_iri("ftm-claim", f"{key}-{relation}"))
        self.add(s, P[relation], o)
        for p, o2 in [(TYPE, P["Claim"]), (SUBJECT, s), (PREDICATE, P[relation]), (OBJECT, o)]:
            self.add(node, p, o2)
        for p, o2 in [(P["status"], P["Active"]), *self.meta, *extra]:
            self.add(node, p, o2)
        self.sourced(node)
        self.relations += 1

    def code(self, value: str, column: str) -> str:
        """A valid country code, lower case."""
        code = value.strip().lower()
        if code not in registry.country.names:
            raise _LineError(column, "unknown-country", f"{value!r} is not a country code")
        return code

    def country(self, code: str) -> str:
        """The graph's Country of ``code``, or one minted (written once); its IRI."""
        if code in self.known.countries:
            return self.known.countries[code]
        node = entity_iri("country", code)
        if self.fresh(iri(node)):
            with self._shared():
                self.add(iri(node), TYPE, P["Country"])
                self.add(iri(node), LABEL, literal(registry.country.names[code], language="en"))
                self.add(iri(node), NOTATION, literal(code.upper()))
            self.entities += 1
        return node

    def government(self, code: str) -> str:
        """The graph's government of the country ``code``, or one minted with its claim."""
        country = self.country(code)
        if country in self.known.governments:
            return iri(self.known.governments[country])
        node = iri(entity_iri("ftm-government", code))
        if self.fresh(node):
            with self._shared():
                self.add(node, TYPE, P["Government"])
                name = registry.country.names[code]
                self.add(node, LABEL, literal(f"Government of {name}", language="en"))
                self.claim(f"ftm-government-{code}", node, "governs", iri(country), [])
            self.entities += 1
        return node
