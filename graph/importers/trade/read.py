"""Reading a trade statistics file in the shape of UN Comtrade's: its records as rows of
countries, HS code, month, flow and value, each bad cell and duplicate a located problem.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from followthemoney.types import registry

from graph.errors import InputError, Problem
from graph.model.namespace import SKG

__all__: list[str] = []

REQUIRED = ("reporterISO", "partnerISO", "cmdCode", "period", "flowCode", "primaryValue")
CLASSIFICATION = "classificationCode"
FLOWS = {"X": str(SKG.Export), "M": str(SKG.Import)}
YEARS = (1992, 1996, 2002, 2007, 2012, 2017, 2022)  # of the HS vintages H0 ... H6
VINTAGES = {f"H{i}": f"HS{year}" for i, year in enumerate(YEARS)}
VINTAGES |= {"HS": "HS as reported", "": "no classification given"}
HS_CODE = re.compile(r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL)$")
PERIOD = re.compile(r"^([0-9]{4})(0[1-9]|1[0-2])$")
SPLIT_IN_HS2022 = {"851712": "851713"}  # HS2017 code -> the HS2022 product it is counted as


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
