"""Converting FollowTheMoney entities into N-Triples: companies, governments, sanctions and
ownerships, each relation with its claim and the line's provenance (see :mod:`graph.importers.ftm`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from graph.importers.common import ImportReport, Known, entity_iri, iri, literal
from graph.importers.ftm.read import (
    _date,
    _entity,
    _is_government,
    _is_organisation,
    _LineError,
    _lines,
    _share,
    _wikidata,
)
from graph.model.namespace import SKG

__all__: list[str] = []

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TYPE, SUBJECT, PREDICATE, OBJECT = (iri(RDF + n) for n in ("type", "subject", "predicate", "object"))
LABEL = iri("http://www.w3.org/2000/01/rdf-schema#label")
SAME = iri("http://www.w3.org/2002/07/owl#sameAs")
NOTATION = iri("http://www.w3.org/2004/02/skos/core#notation")
TERMS = """Active Claim Company Country Government Month SanctionsMeasure Source Year endDate endPrecision
firstSeen governs headquarteredIn issuedBy lastSeen measure owns program publisher reason record
reference sanctions share source startDate startPrecision status"""
P = {name: iri(str(SKG[name])) for name in TERMS.split()}
COMPANIES = {"Company", "OEM", "ChipSupplier"}


@dataclass
class _Converter:
    """Turns entities into N-Triples, one line at a time (:meth:`begin`, :meth:`convert`,
    :meth:`commit`): a line's triples and minted entities count only once committed. The
    first pass fills the ids of mapped entities (with the graph's IRI of those resolved), of
    entities of other schemata, and of entity lines that are bad.
    """

    known: Known
    fallback: str
    mapped: set[str] = field(default_factory=set)
    resolved: dict[str, str] = field(default_factory=dict)
    others: set[str] = field(default_factory=set)
    bad: set[str] = field(default_factory=set)
    minted: set[str] = field(default_factory=set)
    triples: list[str] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)
    entities: int = 0
    relations: int = 0
    meta: list[tuple[str, str]] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)

    def collect(self, path: Path) -> None:
        """The first pass: the ids of the file, by kind (its bad lines are reported later)."""
        for _, text in _lines(path):
            try:
                data, proxy = _entity(text)
            except _LineError:
                continue
            if not _is_organisation(proxy.schema):
                self.others.add(data["id"])
                continue
            try:
                self.begin()
                self.convert(data, proxy)
                _, curated = _wikidata(proxy, self.known)
            except _LineError:
                self.bad.add(data["id"])
                continue
            self.mapped.add(data["id"])
            if curated is not None:
                self.resolved[data["id"]] = curated

    def begin(self) -> None:
        """Start a line afresh."""
        self.triples, self.pending, self.entities, self.relations = [], set(), 0, 0

    def commit(self, report: ImportReport) -> str:
        """Count the line in ``report``; its N-Triples."""
        self.minted |= self.pending
        report.written += len(self.triples)
        report.entities += self.entities
        report.relations += self.relations
        return "".join(self.triples)

    def add(self, s: str, p: str, o: str) -> None:
        """One triple of N-Triples terms."""
        self.triples.append(f"{s} {p} {o} .\n")

    def fresh(self, node: str) -> bool:
        """Whether ``node`` is still to be minted (and mark it minted by this line)."""
        if node in self.minted or node in self.pending:
            return False
        self.pending.add(node)
        return True

    def convert(self, data: dict[str, Any], proxy: EntityProxy) -> None:
        """Convert one entity into :attr:`triples` (nothing for a schema not mapped)."""
        if _is_organisation(proxy.schema):
            action = self.organisation
        elif proxy.schema.is_a("Sanction"):
            action = self.sanction
        elif proxy.schema.is_a("Ownership"):
            action = self.ownership
        else:
            return
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
        action(proxy)

    def sourced(self, node: str) -> None:
        """``node`` skg:source each dataset of the line."""
        for name in self.datasets:
            self.add(node, P["source"], self.source(name))

    def source(self, name: str) -> str:
        """The Source of a dataset, written once."""
        node = iri(entity_iri("ftm-dataset", name))
        if self.fresh(node):
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
            self.add(node, TYPE, P["Government"])
            name = registry.country.names[code]
            self.add(node, LABEL, literal(f"Government of {name}", language="en"))
            self.claim(f"ftm-government-{code}", node, "governs", iri(country), [])
            self.entities += 1
        return node

    def organisation(self, proxy: EntityProxy) -> None:
        """A company or government body, with its countries."""
        codes = [self.code(v, c) for c in ("jurisdiction", "country") for v in proxy.get(c)]
        qid, curated = _wikidata(proxy, self.known)
        node = iri(curated or entity_iri("ftm", proxy.id or ""))
        cls = "Government" if _is_government(proxy) else "Company"
        if curated is None:
            self.add(node, TYPE, P[cls])
            label = (proxy.get("name") or [proxy.caption or proxy.id or ""])[0]
            self.add(node, LABEL, literal(label, language="en"))
        self.add(node, P["record"], literal(proxy.id or ""))
        if qid:
            self.add(node, SAME, iri(f"http://www.wikidata.org/entity/{qid}"))
        self.entities += 1
        if self.known.classes.get(curated or "", cls) in COMPANIES:
            for code in dict.fromkeys(codes):
                self.claim(f"{proxy.id}-{code}", node, "headquarteredIn", iri(self.country(code)), [])

    def target(self, proxy: EntityProxy, column: str) -> str | None:
        """The node of the entity a property refers to; ``None`` for one of a schema not mapped."""
        ref = (proxy.get(column) or [""])[0]
        if not ref or ref in self.others:
            return None
        if ref in self.mapped:
            return iri(self.resolved.get(ref) or entity_iri("ftm", ref))
        why = "whose own line is bad" if ref in self.bad else "not in the file"
        raise _LineError(column, "dangling-reference", f"refers to {ref!r}, {why}")

    def dates(self, proxy: EntityProxy, starts: tuple[str, ...]) -> list[tuple[str, str]]:
        """Start (earliest of the first of ``starts`` given) and end (latest) as claim terms."""
        found: list[tuple[str, str]] = []
        start = next((sorted(_date(v, c) for v in proxy.get(c))[0] for c in starts if proxy.get(c)), None)
        end = max((_date(v, "endDate") for v in proxy.get("endDate")), default=None)
        if start and end and end[0] <= start[0]:
            raise _LineError("endDate", "bad-date", f"ends on {end[0]}, not after it starts ({start[0]})")
        for which, value in (("start", start), ("end", end)):
            if value is not None:
                found.append((P[f"{which}Date"], literal(value[0].isoformat(), datatype=XSD + "date")))
                if value[1]:
                    found.append((P[f"{which}Precision"], P[value[1]]))
        return found

    def sanction(self, proxy: EntityProxy) -> None:
        """A Sanction: its measure, issued by a government that sanctions its entity."""
        codes = [self.code(v, "country") for v in proxy.get("country")]
        dates = self.dates(proxy, ("startDate", "listingDate"))
        target = self.target(proxy, "entity")
        if target is None:
            return
        if not codes:
            raise _LineError("country", "missing-country", "a sanction without a country has no government")
        government, measure = self.government(codes[0]), iri(entity_iri("ftm", proxy.id or ""))
        names = ("authority", "program", "programId")
        label = next((v for n in names for v in proxy.get(n)), f"Sanction {proxy.id}")
        self.add(measure, TYPE, P["SanctionsMeasure"])
        self.add(measure, LABEL, literal(label, language="en"))
        self.add(measure, P["record"], literal(proxy.id or ""))
        self.sourced(measure)
        for reference in proxy.get("authorityId")[:1]:
            self.add(measure, P["reference"], literal(reference))
        self.entities += 1
        self.claim(proxy.id or "", measure, "issuedBy", government, [])
        extra = [*dates, (P["measure"], measure)]
        extra += [(P["program"], literal(v)) for v in (proxy.get("programId") or proxy.get("program"))[:1]]
        extra += [(P["reason"], literal(v)) for v in proxy.get("reason")]
        self.claim(proxy.id or "", government, "sanctions", target, extra)

    def ownership(self, proxy: EntityProxy) -> None:
        """An Ownership: the owner owns the asset, with its share."""
        extra = [(P["share"], literal(_share(v), datatype=XSD + "decimal")) for v in proxy.get("percentage")]
        extra = extra[:1] + self.dates(proxy, ("startDate",))
        owner, asset = self.target(proxy, "owner"), self.target(proxy, "asset")
        if owner is not None and asset is not None:
            self.claim(proxy.id or "", owner, "owns", asset, extra)
