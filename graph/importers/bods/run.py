"""Reading BODS 0.4 statements and writing them as N-Triples: every statement imported, or
counted as left out with why, or refused with its place (statement number, field). The mapping
is described in :mod:`graph.importers.bods`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known, date_terms, entity_iri, iri, literal
from graph.model.namespace import SKG
from graph.model.output import streamed

__all__ = ["import_bods"]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TYPE, SUBJECT, PREDICATE, OBJECT = (iri(RDF + n) for n in ("type", "subject", "predicate", "object"))
LABEL = iri("http://www.w3.org/2000/01/rdf-schema#label")
P = {name: iri(str(SKG[name])) for name in SKG.__annotations__}

OWNS = ("shareholding", "rightsToSurplusAssetsOnDissolution", "rightsToProfitOrIncome")
CONTROLS = (
    "votingRights",
    "appointmentOfBoard",
    "otherInfluenceOrControl",
    "controlViaCompanyRulesOrArticles",
    "controlByLegalFramework",
)
DIRECTS = ("seniorManagingOfficial", "boardMember", "boardChair")
RELATION = {
    **dict.fromkeys(OWNS, "owns"),
    **dict.fromkeys(CONTROLS, "controls"),
    **dict.fromkeys(DIRECTS, "directs"),
}
GOVERNMENTS = ("stateBody", "state")
RECORD_TYPES = ("entity", "person", "relationship")


class _BadStatementError(Exception):
    """A statement that cannot be read: the field at fault, the kind and why."""

    def __init__(self, column: str | None, kind: str, message: str) -> None:
        super().__init__(message)
        self.column, self.kind, self.message = column, kind, message


def _day(value: Any, column: str) -> tuple[dt.date, str | None]:
    """A BODS date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or a date and time) and its precision.

    >>> _day("1965-11", "birthDate")
    (datetime.date(1965, 11, 1), 'Month')
    >>> _day("2019-09-11T11:17:23Z", "statementDate")
    (datetime.date(2019, 9, 11), None)
    """
    text = str(value)[:10]
    try:
        day = dt.date.fromisoformat(text + "-01-01"[: 10 - len(text)])
    except ValueError:
        raise _BadStatementError(column, "bad-date", f"{value!r} is not a date") from None
    if len(text) not in (4, 7, 10):
        raise _BadStatementError(column, "bad-date", f"{value!r} is not a date")
    return day, {4: "Year", 7: "Month"}.get(len(text))


def _percent(value: Any, column: str) -> Decimal:
    """A share figure from 0 to 100."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise _BadStatementError(column, "bad-number", f"{value!r} is not a number") from None
    if isinstance(value, bool) or not number.is_finite() or not 0 <= number <= 100:
        raise _BadStatementError(column, "bad-number", f"{value!r} is not a percentage from 0 to 100")
    return number


def _share_terms(share: Any, column: str) -> list[tuple[str, str]]:
    """A BODS share object as claim terms: its figures, whether each bound is exclusive, and
    the object as written.

    >>> [p.rsplit("#", 1)[1][:-1] for p, _ in _share_terms({"minimum": 25, "exclusiveMaximum": 50}, "share")]
    ['shareMinimum', 'shareMinimumExclusive', 'shareMaximum', 'shareMaximumExclusive', 'shareStatedAs']
    """
    if not isinstance(share, dict):
        raise _BadStatementError(column, "bad-number", "a share is an object (exact, minimum, maximum, ...)")
    number = {key: _percent(share[key], f"{column}.{key}") for key in share if key in FIGURES}
    terms: list[tuple[str, str]] = []
    decimal = XSD + "decimal"
    if "exact" in number:
        terms.append((P["share"], literal(format(number["exact"], "f"), datatype=decimal)))
    for end, closed, open_ in (
        ("Minimum", "minimum", "exclusiveMinimum"),
        ("Maximum", "maximum", "exclusiveMaximum"),
    ):
        if closed in number and open_ in number:
            raise _BadStatementError(f"{column}.{open_}", "bad-number", f"give {closed} or {open_}, not both")
        if closed in number or open_ in number:
            value, exclusive = (number[open_], "true") if open_ in number else (number[closed], "false")
            terms.append((P[f"share{end}"], literal(format(value, "f"), datatype=decimal)))
            terms.append((P[f"share{end}Exclusive"], literal(exclusive, datatype=XSD + "boolean")))
    low = number.get("minimum", number.get("exclusiveMinimum"))
    high = number.get("maximum", number.get("exclusiveMaximum"))
    if low is not None and high is not None and (high < low or (high == low and len(number) > 2)):
        raise _BadStatementError(column, "bad-number", f"{json.dumps(share)} is an empty range")
    if not terms:
        return []
    return [*terms, (P["shareStatedAs"], literal(json.dumps(share, ensure_ascii=False)))]


FIGURES = ("exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _statements(path: Path) -> Iterator[tuple[int, Any]]:
    """The statements of a file, numbered from 1: a JSON array, or one statement a line."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        try:
            statements = json.loads(text)
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            raise InputError([Problem(str(path), line, None, "bad-json", f"not JSON: {exc}")]) from None
        yield from enumerate(statements, start=1)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except ValueError as exc:
                raise InputError([Problem(str(path), number, None, "bad-json", f"not JSON: {exc}")]) from None


@dataclass
class _Record:
    """A record's latest statement, and its place in the file."""

    number: int
    statement: Mapping[str, Any]
    closed_on: dt.date | None = None


def _check(statement: Any) -> tuple[str, str, dt.date]:
    """A statement's record id, type and date; a :class:`_BadStatementError` for a statement without them."""
    if not isinstance(statement, dict):
        raise _BadStatementError(None, "bad-json", "a statement is a JSON object")
    for name in ("statementId", "recordId"):
        if not isinstance(statement.get(name), str) or not statement[name]:
            raise _BadStatementError(name, "missing", f"a statement needs a {name}")
    kind = statement.get("recordType")
    if kind not in RECORD_TYPES:
        raise _BadStatementError(
            "recordType", "bad-value", f"{kind!r} is not one of {', '.join(RECORD_TYPES)}"
        )
    if not isinstance(statement.get("recordDetails"), dict):
        raise _BadStatementError("recordDetails", "missing", "a statement needs its recordDetails")
    day, _ = _day(statement.get("statementDate", ""), "statementDate")
    return statement["recordId"], kind, day


@dataclass
class _Writer:
    """The triples of one statement; the sources minted once for the file."""

    file: str
    triples: list[str] = field(default_factory=list)
    minted: set[str] = field(default_factory=set)

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append(f"{s} {p} {o} .\n")

    def source(self, statement: Mapping[str, Any]) -> str:
        """The Source of a statement: its publisher's publication (the file's, without one)."""
        publisher = (statement.get("publicationDetails") or {}).get("publisher") or {}
        name = str(publisher.get("name") or self.file)
        node = iri(entity_iri("bods-source", name))
        if node not in self.minted:
            self.minted.add(node)
            self.add(node, TYPE, P["Source"])
            self.add(node, LABEL, literal(f"BODS publication by {name}", language="en"))
            self.add(node, P["publisher"], literal(name))
        return node


def _node(record_id: str) -> str:
    return iri(entity_iri("bods", record_id))


def _entity(writer: _Writer, statement: Mapping[str, Any]) -> None:
    details, node = statement["recordDetails"], _node(statement["recordId"])
    kind = (details.get("entityType") or {}).get("type") or "unknownEntity"
    writer.add(node, TYPE, P["Government" if kind in GOVERNMENTS else "Company"])
    name = details.get("name") or f"Unnamed {kind} {statement['recordId']}"
    writer.add(node, LABEL, literal(str(name), language="en"))
    for identifier in details.get("identifiers") or []:
        if not isinstance(identifier, dict) or not identifier.get("id"):
            continue  # a scheme named without an id (e.g. "not registered") identifies nothing
        term = "leiCode" if identifier.get("scheme") == "XI-LEI" else "registrationNumber"
        writer.add(node, P[term], literal(str(identifier["id"])))
    writer.add(node, P["record"], literal(statement["recordId"]))
    writer.add(node, P["source"], writer.source(statement))


def _person(writer: _Writer, statement: Mapping[str, Any]) -> None:
    details, node = statement["recordDetails"], _node(statement["recordId"])
    writer.add(node, TYPE, P["Person"])
    names = [n for n in details.get("names") or [] if isinstance(n, dict)]
    legal = [n for n in names if n.get("type") == "legal"] or names
    full = next(
        (
            n.get("fullName") or " ".join(filter(None, (n.get("givenName"), n.get("familyName"))))
            for n in legal
        ),
        "",
    )
    if not full:
        kind = details.get("personType") or "unknownPerson"
        reason = (details.get("unspecifiedPersonDetails") or {}).get("reason")
        full = f"{'Anonymous' if kind == 'anonymousPerson' else 'Unknown'} person" + (
            f" ({reason})" if reason else ""
        )
    writer.add(node, LABEL, literal(full, language="en"))
    if details.get("birthDate"):
        day, precision = _day(details["birthDate"], "recordDetails.birthDate")
        writer.add(node, P["birthDate"], literal(day.isoformat(), datatype=XSD + "date"))
        if precision:
            writer.add(node, P["birthDatePrecision"], P[precision])
    writer.add(node, P["record"], literal(statement["recordId"]))
    writer.add(node, P["source"], writer.source(statement))


def _dates(interest: Mapping[str, Any], column: str, closed_on: dt.date | None) -> list[tuple[str, str]]:
    """An interest's start and end as claim terms (a closed record's interests end when it closed)."""
    start = _day(interest["startDate"], f"{column}.startDate") if interest.get("startDate") else None
    end = _day(interest["endDate"], f"{column}.endDate") if interest.get("endDate") else None
    if end is None and closed_on is not None:
        end = (closed_on, None)
    if start and end and end[0] <= start[0]:
        raise _BadStatementError(
            f"{column}.endDate", "bad-date", f"ends on {end[0]}, not after it starts ({start[0]})"
        )
    return date_terms(start, end)


def _relationship(
    writer: _Writer, record: _Record, present: set[str], report: ImportReport
) -> list[tuple[str, str]]:
    """The claims of a relationship's interests; what it leaves out, as (what, why)."""
    statement = record.statement
    details = statement["recordDetails"]
    subject, party = details.get("subject"), details.get("interestedParty")
    left: list[tuple[str, str]] = []
    if isinstance(party, dict):
        reason = party.get("reason") or "no reason given"
        return [("interest of an unspecified party", reason)] * max(1, len(details.get("interests") or []))
    for name, value in (("subject", subject), ("interestedParty", party)):
        if not isinstance(value, str) or value not in present:
            report.outside[name] = report.outside.get(name, 0) + 1
            return [("relationship", "names a record outside the file")]
    components = bool(details.get("componentRecords"))
    for n, interest in enumerate(details.get("interests") or [], start=1):
        column = f"recordDetails.interests[{n}]"
        if not isinstance(interest, dict):
            raise _BadStatementError(column, "bad-json", "an interest is a JSON object")
        kind = interest.get("type")
        if interest.get("directOrIndirect") == "indirect":
            why = (
                "its chain is imported from its component records"
                if components
                else "no component records: the chain is not known"
            )
            left.append(("indirect interest", why))
            continue
        if kind not in RELATION:
            left.append((f"interest {kind or 'of no type'}", "not modelled"))
            continue
        relation = RELATION[kind]
        extra = [(P["interestType"], literal(kind)), (P["record"], literal(statement["recordId"]))]
        if relation == "directs":
            extra.append((P["role"], literal(kind)))
        if "share" in interest:
            extra += _share_terms(interest["share"], f"{column}.share")
        extra += _dates(interest, column, record.closed_on)
        claim = iri(entity_iri("bods-claim", f"{statement['statementId']}-{n}"))
        s, o = _node(party), _node(subject)  # the interested party owns, controls or directs the subject
        writer.add(s, P[relation], o)
        for p, value in [(TYPE, P["Claim"]), (SUBJECT, s), (PREDICATE, P[relation]), (OBJECT, o)]:
            writer.add(claim, p, value)
        writer.add(claim, P["status"], P["Active"])
        for p, value in extra:
            writer.add(claim, p, value)
        writer.add(claim, P["source"], writer.source(statement))
        report.relations += 1
    return left


def _latest(path: Path, problems: list[Problem], report: ImportReport) -> dict[str, _Record]:
    """Each record's latest statement (a closed record keeps the day it closed)."""
    records: dict[str, _Record] = {}
    for number, statement in _statements(path):
        report.read += 1
        try:
            record_id, _, day = _check(statement)
        except _BadStatementError as bad:
            problems.append(Problem(str(path), number, bad.column, bad.kind, bad.message))
            continue
        known = records.get(record_id)
        if known is not None:
            _left(report, "statement", "superseded by a later statement of its record")
            if _check(known.statement)[2] > day:
                continue
        closed = day if statement.get("recordStatus") == "closed" else None
        records[record_id] = _Record(number, statement, closed)
    return records


def _left(report: ImportReport, what: str, why: str) -> None:
    report.left_out[(what, why)] = report.left_out.get((what, why), 0) + 1


def import_bods(path: Path, out: Path, *, known: Known | None = None, skip_bad: bool = False) -> ImportReport:
    """Import a BODS 0.4 file as N-Triples (see :mod:`graph.importers.bods` for the mapping).

    Parameters
    ----------
    path : Path
        BODS statements: a JSON array, or one statement a line.
    out : Path
        The N-Triples file to write; replaced only when the import succeeds.
    known : Known, optional
        The graph's entities (kept for the importers' common signature; BODS records name
        their own entities, which are not matched to the graph's).
    skip_bad : bool, default False
        Leave bad statements out and list them in the report, instead of raising.

    Returns
    -------
    ImportReport
        Statements read, triples written, entities, relations (one an interest imported), the
        statements skipped, and what was left out by (what, why).

    Raises
    ------
    InputError
        With every problem (file, statement number, field, kind), unless ``skip_bad``;
        nothing is written.
    """
    del known
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "missing-file", "no such file")])
    report, problems = ImportReport(read_as="BODS 0.4"), list[Problem]()
    records = _latest(path, problems, report)
    present = {r for r, record in records.items() if record.statement["recordType"] != "relationship"}
    writer = _Writer(path.name)
    with streamed(out) as stream:
        for record_id in sorted(records, key=lambda r: records[r].number):
            record = records[record_id]
            kind, before = record.statement["recordType"], len(writer.triples)
            minted, relations = set(writer.minted), report.relations
            try:
                if kind == "relationship":
                    for what, why in _relationship(writer, record, present, report):
                        _left(report, what, why)
                else:
                    (_entity if kind == "entity" else _person)(writer, record.statement)
                    report.entities += 1
            except _BadStatementError as bad:
                del writer.triples[before:]  # nothing of a bad statement stays
                writer.minted, report.relations = minted, relations
                problems.append(Problem(str(path), record.number, bad.column, bad.kind, bad.message))
        if problems and not skip_bad:
            raise InputError(problems)
        report.skipped = sorted(problems)
        stream.writelines(writer.triples)
        report.written = len(writer.triples)
    return report
