"""Rows to RDF: each cell read by its column's shape, each claim also written as its direct triple.

A claim row becomes a ``skg:Claim`` node (``rdf:subject`` / ``rdf:predicate`` /
``rdf:object`` and the claim terms) *and* the direct triple
``subject relation object``, so that simple queries and graph analysis need no
reification while every relation keeps its qualifiers and sources.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal

from rdflib.namespace import RDF, XSD
from rdflib.term import Literal, Node, URIRef

from graph.errors import Problem
from graph.model.columns import columns_of
from graph.model.namespace import ID, SKG
from graph.model.ontology import Ontology, individuals, is_subclass, local_name, precision_property, relations
from graph.model.schema import Column
from graph.model.tables import Row

__all__ = ["Triple", "parse_date", "row_triples"]

Triple = tuple[URIRef, URIRef, Node]
DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
YEAR_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
BOOLEANS = {"true": True, "false": False}


class CellError(ValueError):
    """A cell that cannot be read; ``kind`` says how."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def parse_date(text: str) -> tuple[dt.date, URIRef]:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date and its precision.

    A date known to the month is the first day of that month, with
    ``skg:Month`` precision (as Wikidata records dates).

    Examples
    --------
    >>> parse_date("2022-02-24")
    (datetime.date(2022, 2, 24), rdflib.term.URIRef('https://w3id.org/sanctions-kg/ontology#Day'))
    >>> parse_date("2022-03")[1] == SKG.Month
    True
    >>> parse_date("2022-02-30")
    Traceback (most recent call last):
    ...
    graph.model.convert.CellError: '2022-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)
    """
    match = DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)  # pragma: no mutate - replaced by the CellError below
        year, month, day = match.groups()
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise CellError("bad-date", f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    precision = SKG.Day if day else SKG.Month if month else SKG.Year
    return date, precision


def _decimal_lexical(number: Decimal) -> str:
    """The lexical form of a decimal as Turtle writes it back (no exponent, a fractional part).

    Examples
    --------
    >>> [_decimal_lexical(Decimal(text)) for text in ("-40", "3.8E+9", "-66.67")]
    ['-40.0', '3800000000.0', '-66.67']
    """
    # "f" and "F" differ only for infinities and NaN, which DECIMAL never admits
    text = format(number, "f")  # pragma: no mutate
    return text if "." in text else text + ".0"


def _literal(column: Column, text: str, lang: str | None) -> Literal:
    datatype = column.datatype
    if datatype == XSD.gYearMonth:
        if not YEAR_MONTH.match(text):
            raise CellError("bad-date", f"{text!r} is not a month (YYYY-MM)")
        return Literal(text, datatype=XSD.gYearMonth)
    if datatype == XSD.decimal:
        if not DECIMAL.match(text):
            raise CellError("bad-number", f"{text!r} is not a decimal number (e.g. -66.67)")
        return Literal(_decimal_lexical(Decimal(text)), datatype=XSD.decimal)
    if datatype == XSD.boolean:
        if text not in BOOLEANS:
            raise CellError("bad-boolean", f"{text!r} is not true or false")
        # rdflib types a bool as xsd:boolean whether or not it is said
        return Literal(BOOLEANS[text], datatype=XSD.boolean)  # pragma: no mutate
    if datatype == RDF.langString:
        return Literal(text, lang=lang or "en")
    if datatype == XSD.string:
        return Literal(text)  # the same term in RDF 1.1; written plain, as every parser reads it back
    return Literal(text, datatype=datatype)


def _reference(column: Column, text: str, onto: Ontology, index: Mapping[str, URIRef]) -> URIRef:
    cls = column.cls
    if cls is not None:
        values = individuals(onto, cls)
        if values:
            if text not in values:
                raise CellError(
                    f"unknown-{local_name(cls).lower()}",
                    f"{text!r} is not a {local_name(cls)}; known: " + ", ".join(sorted(values)),
                )
            return values[text]
    if cls is None and column.pattern is not None:
        return URIRef(text)  # an outside IRI, checked against the pattern by the caller
    if text not in index:
        raise CellError("unknown-entity", f"unknown entity {text!r}")
    if cls is not None and not is_subclass(onto, index[text], cls):
        raise CellError("class-mismatch", f"{text!r} is a {local_name(index[text])}, not a {local_name(cls)}")
    return ID[text]


def _cell_triples(
    subject: URIRef,
    column: Column,
    raw: str,
    *,
    lang: str | None,
    onto: Ontology,
    index: Mapping[str, URIRef],
) -> Iterator[Triple]:
    values = [v.strip() for v in raw.split(";") if v.strip()] if column.multiple else [raw]
    if not values:
        raise CellError(_missing_kind(column, onto), f"{column.name!r} holds no value, only separators")
    for text in values:
        if column.datatype == XSD.date:
            yield from _date_triples(subject, column, text, onto)
        else:
            yield subject, column.path, _term(column, text, lang=lang, onto=onto, index=index)


def _date_triples(subject: URIRef, column: Column, text: str, onto: Ontology) -> Iterator[Triple]:
    """A date and, if it is not known to the day, its precision."""
    date, precision = parse_date(text)
    # rdflib types a datetime.date as xsd:date whether or not it is said
    yield subject, column.path, Literal(date, datatype=XSD.date)  # pragma: no mutate
    precision_prop = precision_property(onto, column.path)
    if precision_prop is not None and precision != SKG.Day:
        yield subject, precision_prop, precision


def _term(
    column: Column, text: str, *, lang: str | None, onto: Ontology, index: Mapping[str, URIRef]
) -> Node:
    """The term of one value of a cell that is not a date, checked against the column's pattern."""
    term = (
        _literal(column, text, lang) if column.datatype is not None else _reference(column, text, onto, index)
    )
    if column.pattern is not None and not re.search(column.pattern, str(term)):
        raise CellError("bad-pattern", f"{text!r} does not match {column.pattern!r}")
    return term


def _missing_kind(column: Column, onto: Ontology) -> str:
    if column.cls is not None and is_subclass(onto, column.cls, SKG.Source):
        return "missing-source"
    return "missing-value"


def _claim_checks(
    row: Row,
    found: Mapping[URIRef, Node],
    onto: Ontology,
    index: Mapping[str, URIRef],
    names: Mapping[URIRef, str],
) -> Iterator[Problem]:
    predicate, subject, obj = (found.get(p) for p in (RDF.predicate, RDF.subject, RDF.object))
    # without the guard local_name(None) is "None", no relation: the guard only says why there is none
    info = relations(onto).get(local_name(predicate)) if predicate is not None else None  # pragma: no mutate
    if info is None:
        return
    for node, expected, path, kind in (
        (subject, info.domain, RDF.subject, "domain-mismatch"),
        (obj, info.range, RDF.object, "range-mismatch"),
    ):
        if not isinstance(node, URIRef):  # a subject or object cell that could not be read
            continue
        actual = index[local_name(node)]
        if not is_subclass(onto, actual, expected):
            yield Problem(
                row.file,
                row.number,
                names[path],
                kind,
                f"{info.name} needs a {local_name(expected)} here; "
                f"{local_name(node)!r} is a {local_name(actual)}",
            )


def row_triples(row: Row, onto: Ontology, index: Mapping[str, URIRef]) -> tuple[list[Triple], list[Problem]]:
    """The triples of one row, and the problems of its cells.

    Parameters
    ----------
    row : Row
        A row read by :func:`graph.model.tables.read_table`.
    onto : Ontology
        Gives the columns and how to read them.
    index : Mapping[str, URIRef]
        The class of every id in the data, for references between rows.

    Returns
    -------
    triples, problems : list of Triple, list of Problem
        A claim row also yields its direct triple.
    """
    subject = ID[row.id]
    columns = columns_of(onto, row.cls)
    triples: list[Triple] = [(subject, RDF.type, row.cls)]
    problems: list[Problem] = []
    for name, raw in row.cells.items():
        base, _, lang = name.partition("@")
        column = columns.get(base)
        if column is None:
            continue  # reported as not-applicable by the reader
        try:
            triples.extend(_cell_triples(subject, column, raw, lang=lang or None, onto=onto, index=index))
        except CellError as exc:
            problems.append(Problem(row.file, row.number, name, exc.kind, str(exc)))
    for column in columns.values():
        if column.required and column.name not in row.cells:
            problems.append(
                Problem(
                    row.file,
                    row.number,
                    column.name,
                    _missing_kind(column, onto),
                    f"{column.name!r} is required for a {local_name(row.cls)}",
                )
            )
    # (is_subclass(onto, cls, None) holds for every class, but only claim rows have the
    # rdf:subject, rdf:predicate and rdf:object the checks below read: no mutant here tells)
    if is_subclass(onto, row.cls, SKG.Claim):  # pragma: no mutate
        found = {p: o for _, p, o in triples if p in (RDF.subject, RDF.predicate, RDF.object)}
        names = {c.path: c.name for c in columns.values()}
        problems.extend(_claim_checks(row, found, onto, index, names))
        if not problems and len(found) == 3:
            s, p, o = found[RDF.subject], found[RDF.predicate], found[RDF.object]
            if isinstance(s, URIRef) and isinstance(p, URIRef):  # pragma: no mutate - always, once read
                triples.append((s, p, o))
    return triples, problems
