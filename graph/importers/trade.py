"""Trade statistics in the shape of UN Comtrade's bulk files, as trade observations.

The input is a CSV (comma- or tab-separated, as Comtrade's downloads come) with Comtrade's
column names. Required: ``reporterISO`` and ``partnerISO`` (ISO 3166-1 alpha-3, ``CHN``),
``cmdCode`` (the HS code), ``period`` (``YYYYMM``: monthly data only), ``flowCode`` (``X``
export, ``M`` import; re-exports, re-imports and the other flows are refused) and
``primaryValue`` (US dollars). Optional: ``classificationCode`` (``H0`` ... ``H6``, or ``HS``
for "as reported"). Other columns (``reporterCode``, ``cmdDesc``, ...) are ignored.

Countries
    An alpha-3 code is read with FollowTheMoney's country type (only three capital letters,
    and only a code that gives an ISO alpha-2 country: Comtrade's areas such as ``W00``, the
    world, are refused), then found among the graph's countries (``Known.countries``). A
    country the graph lacks becomes a new ``skg:Country`` (``country-<alpha-2>``).
Products
    By ``skos:notation``; a 6-digit code without a product counts under its 4-digit heading
    when the graph has that (the observation's note says so); otherwise a new
    ``skg:ProductCategory`` ``"HS <code>"`` (``hs-<code>``).
HS2017 and HS2022
    HS2022 split 851712 (telephones for cellular or other wireless networks) into 851713
    (smartphones) and 851714 (other such telephones). A row with 851712 under an older or
    unnamed vintage (``H0`` ... ``H5``, ``HS``, or no ``classificationCode``) counts as the
    graph's product with notation 851713 (smartphones), and each observation made from it says
    in its note that the figure also holds other mobile phones. 851712 under ``H6`` is refused
    (``bad-hs``): the code does not exist in HS2022. Changes are computed within one
    ``cmdCode`` only, so an 851712 month is never compared with an 851713 month.
Changes
    A series is one (reporter, partner, ``cmdCode``, flow). For each month of a series that
    has the month before, a month-on-month observation; for each that has the same month a
    year before, a year-on-year one: ``changePercent`` = (value - base) / base x 100, rounded
    half up to 2 decimals, ``bound`` ``skg:Exactly``, ``valueUSD`` the month's value, ``flow``,
    and the file as ``source`` (a ``skg:Source`` published by UN Comtrade). A base of 0 gives
    no change: it is listed in ``report.skipped`` as ``zero-base`` at the base's row.
Bad input
    Every problem is located (file, row with the header as row 1, column): ``missing-column``
    (row 1; never skipped), ``bad-period``, ``unknown-country``, ``bad-number``,
    ``unknown-flow``, ``empty-hs``, ``bad-hs``, ``unknown-classification``, ``duplicate`` (a
    second value for one series and month). Nothing is written then; with ``skip_bad`` the rows
    are left out and listed in ``report.skipped``.

The report counts the new entities (countries, products, the source) as ``entities``, and
the observations as ``relations``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from followthemoney.types import registry
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known, entity_iri, iri, literal
from graph.model.namespace import SKG
from graph.model.output import streamed

__all__ = ["import_trade"]

REQUIRED = ("reporterISO", "partnerISO", "cmdCode", "period", "flowCode", "primaryValue")
CLASSIFICATION = "classificationCode"
FLOWS = {"X": str(SKG.Export), "M": str(SKG.Import)}
YEARS = (1992, 1996, 2002, 2007, 2012, 2017, 2022)  # of the HS vintages H0 ... H6
VINTAGES = {f"H{i}": f"HS{year}" for i, year in enumerate(YEARS)}
VINTAGES |= {"HS": "HS as reported", "": "no classification given"}
HS_CODE = re.compile(r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL)$")
PERIOD = re.compile(r"^([0-9]{4})(0[1-9]|1[0-2])$")
SPLIT_IN_HS2022 = {"851712": "851713"}  # HS2017 code -> the HS2022 product it is counted as
WIDER_NOTE = (
    "Comtrade code {code} ({vintage}): telephones for cellular or other wireless networks, which "
    "holds smartphones and other mobile phones; counted as smartphones (HS2022 {target})."
)
PUBLISHER = "UN Comtrade"


@dataclass(frozen=True)
class _Row:
    """One good record: the alpha-2 codes, the HS code as given, the month as a count of months."""

    number: int
    reporter: str
    partner: str
    code: str
    vintage: str
    month: int
    flow: str
    value: Decimal


def _alpha2(code: str) -> str | None:
    """The ISO alpha-2 code (lower case) of an alpha-3 country code, or None.

    >>> _alpha2("CHN"), _alpha2("RUS"), _alpha2("W00"), _alpha2("China")
    ('cn', 'ru', None, None)
    """
    if not re.fullmatch(r"[A-Z]{3}", code):
        return None
    found = registry.country.clean(code)
    return found if found is not None and re.fullmatch(r"[a-z]{2}", found) else None


def _month(period: str) -> int | None:
    """A ``YYYYMM`` period as a count of months (year x 12 + month - 1), or None.

    >>> _month("202203"), _month("2022"), _month("202213")
    (24266, None, None)
    """
    found = PERIOD.fullmatch(period)
    return int(found[1]) * 12 + int(found[2]) - 1 if found else None


def _month_text(month: int) -> str:
    """A count of months as ``YYYY-MM`` (an ``xsd:gYearMonth``).

    >>> _month_text(24266)
    '2022-03'
    """
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _number(text: str) -> Decimal | None:
    """A trade value: a finite number, not negative; else None.

    >>> _number("1.5E3"), _number("n/a"), _number("-1"), _number("NaN")
    (Decimal('1.5E+3'), None, None, None)
    """
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def _change(value: Decimal, base: Decimal) -> Decimal:
    """The change from ``base`` to ``value`` in percent, rounded half up to 2 decimals.

    >>> _change(Decimal(120), Decimal(200)), _change(Decimal(100), Decimal(300))
    (Decimal('-40.00'), Decimal('-66.67'))
    """
    return ((value - base) / base * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the records of a CSV or tab-separated file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), None, None, "bad-encoding", f"not UTF-8: {exc}")]) from None
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if "\t" in first else ",")
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        problem = Problem(str(path), len(records) + 2, None, "bad-csv", str(exc))
        raise InputError([problem]) from None
    return (records[0] if records else []), records[1:]


def _hs_problem(code: str, vintage: str) -> tuple[str, str] | None:
    """What is wrong with an HS code (kind, message), if anything.

    >>> _hs_problem("851712", "H5"), _hs_problem("851712", "H6")[0], _hs_problem("", "H6")[0]
    (None, 'bad-hs', 'empty-hs')
    """
    if not code:
        return "empty-hs", "no HS code"
    if not HS_CODE.fullmatch(code):
        return "bad-hs", f"{code!r} is not an HS code of 2, 4 or 6 digits (or TOTAL)"
    if code in SPLIT_IN_HS2022 and vintage == "H6":
        return "bad-hs", f"{code} does not exist in HS2022 (H6), which split it into new codes"
    return None


def _parse(file: str, number: int, cells: dict[str, str]) -> _Row | list[Problem]:
    """One record as a row, or the problems of its cells."""
    problems: list[Problem] = []

    def bad(column: str, kind: str, message: str) -> None:
        problems.append(Problem(file, number, column, kind, message))

    reporter, partner = _alpha2(cells["reporterISO"]), _alpha2(cells["partnerISO"])
    for column, found in (("reporterISO", reporter), ("partnerISO", partner)):
        if found is None:
            bad(column, "unknown-country", f"{cells[column]!r} is not an ISO alpha-3 country code")
    month = _month(cells["period"])
    if month is None:
        bad("period", "bad-period", f"{cells['period']!r} is not a month written YYYYMM")
    flow = cells["flowCode"]
    if flow not in FLOWS:
        bad("flowCode", "unknown-flow", f"{flow!r} is not X (export) or M (import)")
    value = _number(cells["primaryValue"])
    if value is None:
        bad("primaryValue", "bad-number", f"{cells['primaryValue']!r} is not a trade value in USD")
    code, vintage = cells["cmdCode"], cells.get(CLASSIFICATION, "")
    if vintage not in VINTAGES:
        bad(CLASSIFICATION, "unknown-classification", f"{vintage!r} is not an HS vintage (H0 ... H6)")
    if hs_problem := _hs_problem(code, vintage):
        bad("cmdCode", *hs_problem)
    if problems or reporter is None or partner is None or month is None or value is None:
        return problems
    return _Row(number, reporter, partner, code, vintage, month, flow, value)


def _rows(file: str, header: list[str], records: list[list[str]]) -> tuple[list[_Row], list[Problem]]:
    """The good rows, and the problems of the others (bad cells, duplicates)."""
    rows: list[_Row] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str, str, int], int] = {}
    for index, record in enumerate(records):
        if not any(cell.strip() for cell in record):
            continue
        cells = {name: cell.strip() for name, cell in zip(header, record, strict=False)}
        cells = {name: cells.get(name, "") for name in (*REQUIRED, CLASSIFICATION)}
        parsed = _parse(file, index + 2, cells)
        if isinstance(parsed, list):
            problems.extend(parsed)
            continue
        key = (parsed.reporter, parsed.partner, parsed.code, parsed.flow, parsed.month)
        if key in seen:
            message = f"a second value for this series and month (first at row {seen[key]})"
            problems.append(Problem(file, parsed.number, "period", "duplicate", message))
            continue
        seen[key] = parsed.number
        rows.append(parsed)
    return rows, problems


class _Writer:
    """The N-Triples lines of an import, with each new entity written once."""

    def __init__(self, known: Known, source: str) -> None:
        self.known, self.source = known, source
        self.lines: list[str] = []
        self.minted: set[str] = set()
        self.observations = 0

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{iri(subject)} {iri(predicate)} {obj} .\n")

    def entity(self, subject: str, cls: str, label: str, notation: str) -> str:
        if subject not in self.minted:
            self.minted.add(subject)
            self.add(subject, str(RDF.type), iri(cls))
            self.add(subject, str(RDFS.label), literal(label, language="en"))
            self.add(subject, str(SKOS.notation), literal(notation))
            self.add(subject, str(SKG.source), iri(self.source))
        return subject

    def country(self, alpha2: str) -> str:
        known = self.known.countries.get(alpha2)
        if known is not None:
            return known
        name = registry.country.names.get(alpha2, alpha2.upper())
        return self.entity(entity_iri("country", alpha2), str(SKG.Country), name, alpha2.upper())

    def product(self, row: _Row) -> tuple[str, str]:
        """The product of a row's HS code, and what to note about how it was found."""
        products, code = self.known.products, row.code
        target = SPLIT_IN_HS2022.get(code)
        if target is not None and target in products:
            note = WIDER_NOTE.format(code=code, vintage=VINTAGES[row.vintage], target=target)
            return products[target], note
        if code in products:
            return products[code], ""
        if len(code) == 6 and code[:4] in products:
            note = f"HS {code} counted under its heading {code[:4]} (the graph has no product {code})."
            return products[code[:4]], note
        return self.entity(entity_iri("hs", code), str(SKG.ProductCategory), f"HS {code}", code), ""

    def observation(self, row: _Row, base: _Row, kind: str) -> None:
        period, base_period = _month_text(row.month), _month_text(base.month)
        subject = entity_iri(
            "trade", f"{row.reporter}-{row.partner}-{row.code}-{row.flow}-{period}-{base_period}"
        )
        product, product_note = self.product(row)
        month_type, decimal = str(XSD.gYearMonth), str(XSD.decimal)
        note = f"Computed from UN Comtrade's values ({kind}: {period} against {base_period})."
        self.add(subject, str(RDF.type), iri(str(SKG.TradeObservation)))
        self.add(subject, str(SKG.reporter), iri(self.country(row.reporter)))
        self.add(subject, str(SKG.partner), iri(self.country(row.partner)))
        self.add(subject, str(SKG.product), iri(product))
        self.add(subject, str(SKG.period), literal(period, datatype=month_type))
        self.add(subject, str(SKG.basePeriod), literal(base_period, datatype=month_type))
        change = _change(row.value, base.value)
        self.add(subject, str(SKG.changePercent), literal(f"{change:f}", datatype=decimal))
        self.add(subject, str(SKG.bound), iri(str(SKG.Exactly)))
        self.add(subject, str(SKG.valueUSD), literal(f"{row.value:f}", datatype=decimal))
        self.add(subject, str(SKG.flow), iri(FLOWS[row.flow]))
        self.add(subject, str(SKG.source), iri(self.source))
        self.add(subject, str(SKG.note), literal(f"{note} {product_note}".strip()))
        self.observations += 1


def _observe(writer: _Writer, rows: list[_Row], file: str) -> list[Problem]:
    """Write the changes of every series; return the zero bases met."""
    series: dict[tuple[str, str, str, str], dict[int, _Row]] = defaultdict(dict)
    for row in rows:
        series[(row.reporter, row.partner, row.code, row.flow)][row.month] = row
    zero: list[Problem] = []
    for key in sorted(series):
        months = series[key]
        for month in sorted(months):
            for lag, kind in ((1, "month-on-month"), (12, "year-on-year")):
                base = months.get(month - lag)
                if base is None:
                    continue
                if base.value == 0:
                    message = f"no {kind} change for {_month_text(month)}: the base month's value is 0"
                    zero.append(Problem(file, base.number, "primaryValue", "zero-base", message))
                    continue
                writer.observation(months[month], base, kind)
    return zero


def import_trade(path: Path, out: Path, *, known: Known, skip_bad: bool = False) -> ImportReport:
    """Import a trade statistics CSV in the shape of UN Comtrade's as trade observations.

    Parameters
    ----------
    path : Path
        The CSV (or tab-separated) file, with Comtrade's column names.
    out : Path
        The N-Triples file to write (replaced only when the import succeeds).
    known : Known
        The graph's countries and products the observations link to.
    skip_bad : bool, default False
        Leave bad records out and list them in the report, instead of stopping.

    Returns
    -------
    ImportReport
        Records read, triples written, new entities, observations (``relations``), and the
        records skipped and zero bases met (``skipped``).

    Raises
    ------
    InputError
        With every located problem of the file; nothing is written then.
    """
    file = str(path)
    header, records = _read(path)
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(Problem(file, 1, name, "missing-column", "a required column") for name in missing)
    rows, problems = _rows(file, header, records)
    if problems and not skip_bad:
        raise InputError(problems)
    source = entity_iri("trade-source", path.stem)
    writer = _Writer(known, source)
    writer.add(source, str(RDF.type), iri(str(SKG.Source)))
    writer.add(source, str(RDFS.label), literal(path.name, language="en"))
    writer.add(source, str(SKG.publisher), literal(PUBLISHER))
    zero = _observe(writer, rows, file)
    with streamed(out) as stream:
        stream.writelines(writer.lines)
    skipped = sorted([*problems, *zero], key=lambda p: (p.row or 0, p.column or "", p.kind))
    return ImportReport(
        read=sum(1 for record in records if any(cell.strip() for cell in record)),
        written=len(writer.lines),
        entities=len(writer.minted) + 1,
        relations=writer.observations,
        skipped=skipped,
    )
