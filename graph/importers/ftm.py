"""OpenSanctions / FollowTheMoney entities and sanctions, as N-Triples beside the curated graph.

The input is FollowTheMoney JSON lines (``id``, ``schema``, ``properties`` of lists of strings,
``datasets``, ``first_seen``, ``last_seen``), read twice: the first pass collects the ids of the
file, the second converts and writes as it goes; memory holds those ids and nothing else that
grows with the file.

- Company, Organization, LegalEntity, PublicBody -> ``skg:Company``, or ``skg:Government`` for a
  PublicBody or a topic ``gov`` / ``gov.*`` (but not ``gov.soe``, ``gov.igo``, ``gov.religion``):
  first ``name`` -> ``rdfs:label``@en, id -> ``skg:record``, ``wikidataId`` -> ``owl:sameAs``; a
  company's ``jurisdiction`` and ``country`` -> ``skg:headquarteredIn`` (a government body's are
  checked, not written: that relation is a company's). Entity resolution by
  Wikidata id: an entity whose item the graph already has IS that entity (its IRI, and no second
  class or label); others are minted as ``id:ftm-<id>``.
- Sanction -> ``skg:SanctionsMeasure`` ``id:ftm-<id>`` (label: ``authority``, ``program`` or
  ``programId``; ``skg:reference``: ``authorityId``) ``skg:issuedBy`` the government of its first
  ``country``, which ``skg:sanctions`` its ``entity``; that claim has the start date (earliest
  ``startDate``, else ``listingDate``), the end date (latest ``endDate``), ``skg:program``
  (``programId``, else ``program``), ``skg:reason``, ``skg:measure``. The government is the
  graph's (``us`` -> ``us-government``), else one is minted: ``id:ftm-government-<code>``,
  "Government of <country>", with a ``skg:governs`` claim.
- Ownership -> ``owner skg:owns asset``, its claim with ``skg:share`` (``percentage``, a decimal
  from 0 to 100) and dates.
- Other schemata (Person, Vessel, Directorship, UnknownLink, ...) are skipped silently, and so is a
  relation whose other end is of one (a Sanction of a Person). A reference is its first value.

Each relation is a direct triple and a claim ``id:ftm-claim-<id>-<relation>``: status Active,
``skg:record``, ``skg:firstSeen``/``skg:lastSeen``, and as ``skg:source`` a ``skg:Source`` per
dataset (``id:ftm-dataset-<name>``; the file's name for a line without one). A country code the
graph lacks mints a Country once (``id:country-<code>``, English name, ``skos:notation``). Dates
known to the month or year are their first day, with ``skg:Month``/``skg:Year`` precision.

Problems, each at (file, line, property): ``bad-json``, ``unknown-schema``, ``missing-id``,
``bad-date``, ``unknown-country``, ``bad-number``, ``bad-wikidata-id``, ``missing-country`` (a
Sanction without one), ``dangling-reference`` (to an id not in the file, or whose line is bad).
All are raised together as an ``InputError`` and nothing is written; with ``skip_bad`` each bad
line is left out whole and its problem listed in ``ImportReport.skipped``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from followthemoney.types import registry

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known, entity_iri, iri, literal
from graph.model.namespace import SKG
from graph.model.output import streamed

__all__ = ["import_ftm"]

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
NOT_GOVERNMENT = {"gov.soe", "gov.igo", "gov.religion"}
COMPANIES = {"Company", "OEM", "ChipSupplier"}
PROGRESS_EVERY = 10_000


class _LineError(Exception):
    """A problem of the line being converted: the property at fault, its kind, and why."""

    def __init__(self, column: str | None, kind: str, message: str) -> None:
        super().__init__(message)
        self.column, self.kind, self.message = column, kind, message


def _is_organisation(schema: Schema) -> bool:
    """Whether entities of ``schema`` are mapped to companies or governments.

    >>> [_is_organisation(model.schemata[n]) for n in ("Company", "LegalEntity", "Person")]
    [True, True, False]
    """
    return schema.name == "LegalEntity" or schema.is_a("Organization")


def _is_government(proxy: EntityProxy) -> bool:
    """Whether an organisation is a government body: a PublicBody, or a ``gov`` topic.

    >>> company = {"id": "x", "schema": "Company"}
    >>> _is_government(model.get_proxy({**company, "properties": {"topics": ["gov.national"]}}))
    True
    >>> _is_government(model.get_proxy({**company, "properties": {"topics": ["gov.soe"]}}))
    False
    """
    return proxy.schema.name == "PublicBody" or any(
        t == "gov" or (t.startswith("gov.") and t not in NOT_GOVERNMENT) for t in proxy.get("topics")
    )


def _date(value: str, column: str) -> tuple[dt.date, str | None]:
    """A FollowTheMoney date as a day and its precision (``None`` when known to the day).

    >>> _date("2023-11", "startDate")
    (datetime.date(2023, 11, 1), 'Month')
    >>> _date("2023-11-02T10:00:00", "startDate")
    (datetime.date(2023, 11, 2), None)
    """
    cleaned = registry.date.clean(value)
    if cleaned is None:
        raise _LineError(column, "bad-date", f"{value!r} is not a date")
    text = cleaned[:10]  # YYYY, YYYY-MM or YYYY-MM-DD
    return dt.date.fromisoformat(text + "-01-01"[: 10 - len(text)]), {4: "Year", 7: "Month"}.get(len(text))


def _share(value: str) -> str:
    """A percentage as an ``xsd:decimal`` lexical form.

    >>> _share("50.5"), _share(" 100 %")
    ('50.5', '100')
    """
    try:
        number = Decimal(value.strip().removesuffix("%").strip())
    except InvalidOperation:
        raise _LineError("percentage", "bad-number", f"{value!r} is not a number") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise _LineError("percentage", "bad-number", f"{value!r} is not a percentage from 0 to 100")
    return format(number, "f")


def _entity(text: bytes) -> tuple[dict[str, Any], EntityProxy]:
    """Read one line: its JSON and its entity; raise :class:`_LineError` for a malformed one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _LineError(None, "bad-json", f"not a JSON object: {exc}") from None
    if not isinstance(data, dict):
        raise _LineError(None, "bad-json", "not a JSON object")
    if not isinstance(data.get("schema"), str) or model.get(data["schema"]) is None:
        raise _LineError("schema", "unknown-schema", f"unknown schema {data.get('schema')!r}")
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise _LineError("id", "missing-id", "the entity has no id")
    properties = data.get("properties", {})
    for name, values in properties.items() if isinstance(properties, dict) else [("properties", 0)]:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise _LineError(name, "bad-json", "a property's value must be a list of strings")
    try:
        return data, model.get_proxy(data)
    except InvalidData as exc:
        raise _LineError("schema", "unknown-schema", str(exc)) from None


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


def _wikidata(proxy: EntityProxy, known: Known) -> tuple[str | None, str | None]:
    """The entity's Wikidata id (the first) and the graph's entity with that id, if any."""
    qid = next(iter(proxy.get("wikidataId")), None)
    if qid is not None and not (qid[:1] == "Q" and qid[1:].isdigit() and qid[1:2] != "0"):
        raise _LineError("wikidataId", "bad-wikidata-id", f"{qid!r} is not a Wikidata item id")
    return qid, known.by_wikidata.get(qid) if qid else None


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a file with their numbers (1-based)."""
    with path.open("rb") as handle:
        for number, text in enumerate(handle, 1):
            if text.strip():
                yield number, text


def import_ftm(
    path: Path,
    out: Path,
    *,
    known: Known,
    skip_bad: bool = False,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Import a FollowTheMoney JSON-lines file as N-Triples (see the module for the mapping).

    Parameters
    ----------
    path : Path
        The entities, one JSON object a line.
    out : Path
        The N-Triples file to write; replaced only when the import succeeds.
    known : Known
        The graph's entities to link to: countries, governments, Wikidata ids.
    skip_bad : bool, default False
        Leave bad lines out and list them in the report, instead of raising.
    progress : callable, optional
        Called with the number of lines converted so far (the second pass), every
        10,000 lines and at the end.

    Returns
    -------
    ImportReport
        Lines read, triples written, entities (mapped, and countries and governments minted),
        relations, and the lines skipped.

    Raises
    ------
    InputError
        With every problem (file, line, property, kind), unless ``skip_bad``; nothing is written.

    Examples
    --------
    >>> import json, tempfile
    >>> line = {"id": "co-1", "schema": "Company", "properties": {"name": ["Acme"], "country": ["de"]}}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     source = Path(folder) / "in.jsonl"
    ...     _ = source.write_text(json.dumps(line) + "\\n", encoding="utf-8")
    ...     report = import_ftm(source, Path(folder) / "out.nt", known=Known())
    >>> report.read, report.entities, report.relations, report.skipped
    (1, 2, 1, [])
    """
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "missing-file", "no such file")])
    converter = _Converter(known, path.name)
    converter.collect(path)
    report, problems = ImportReport(), []
    with streamed(out) as stream:
        for number, text in _lines(path):
            report.read += 1
            try:
                converter.begin()
                converter.convert(*_entity(text))
            except _LineError as bad:
                problems.append(Problem(str(path), number, bad.column, bad.kind, bad.message))
            else:
                if not problems or skip_bad:
                    stream.write(converter.commit(report))
            if progress is not None and report.read % PROGRESS_EVERY == 0:
                progress(report.read)
        if problems and not skip_bad:
            raise InputError(problems)
    report.skipped = problems
    if progress is not None:
        progress(report.read)
    return report
