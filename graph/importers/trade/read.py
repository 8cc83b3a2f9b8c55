"""Reading the records of a trade file (see :mod:`graph.importers.trade.layouts`) as rows of
countries, commodity code, period, flow and value: each bad cell and duplicate a located
problem, and each good record that is no total between two countries counted with why.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from graph.errors import InputError, Problem
from graph.importers.trade.areas import WHY, Area, alpha2, area
from graph.importers.trade.layouts import Layout, other_header
from graph.model.namespace import SKG

__all__: list[str] = []

FLOWS = {"X": str(SKG.Export), "M": str(SKG.Import)}
# UN Comtrade's other flows (its reference as comtradr ships it: inst/extdata/flow.rds)
OTHER_FLOWS = {
    "RX": "re-export",
    "RM": "re-import",
    "DX": "domestic export",
    "FM": "foreign import",
    "MIP": "import of goods for inward processing",
    "MOP": "import of goods after outward processing",
    "XIP": "export of goods after inward processing",
    "XOP": "export of goods for outward processing",
}
FLOW_NUMBERS = {"1": "M", "2": "X", "3": "RX", "4": "RM"}  # the classic files' Trade Flow Code
YEARS = (1992, 1996, 2002, 2007, 2012, 2017, 2022)  # of the HS vintages H0 ... H6
VINTAGES = {f"H{i}": f"HS{year}" for i, year in enumerate(YEARS)}
VINTAGES |= {"HS": "HS as reported", "": "no classification given"}
VINTAGES |= {f"S{i}": f"SITC Rev. {i}" for i in range(1, 5)}
HS_CODE = re.compile(r"^([0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL)$")
SITC_CODE = re.compile(r"^([0-9]{1,5}|TOTAL)$")
MONTH = re.compile(r"^([0-9]{4})(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^[0-9]{4}$")
SPLIT_IN_HS2022 = {"851712": "851713"}  # HS2017 code -> the HS2022 product it is counted as
TOTALS = {"partner2": ("", "0"), "customs": ("", "C00"), "transport": ("", "0")}
BREAKDOWNS = {
    "partner2": "a part of its total by second partner (partner2Code not 0), never added to it",
    "customs": "a part of its total by customs procedure (customsCode not C00), never added to it",
    "transport": "a part of its total by mode of transport (motCode not 0), never added to it",
}
FLOW_WHY = "a flow the graph does not model (it has exports and imports)"


@dataclass(frozen=True, slots=True)
class Row:
    """One good record: the countries (alpha-2), the commodity code (with the zero a spreadsheet
    dropped put back: ``written`` is the code as the file has it), the period (a count of months,
    or a year when ``annual``), the flow and the value.
    """

    number: int
    reporter: str
    partner: str
    code: str
    vintage: str
    annual: bool
    period: int
    flow: str
    value: Decimal
    written: str = ""


Left = tuple[str, str]  # a good record left out: (what, why)


def number(text: str) -> Decimal | None:
    """A trade value: a finite number, not negative; else None.

    >>> number("1.5E3"), number("7903767147.0"), number("n/a"), number("-1"), number("NaN")
    (Decimal('1.5E+3'), Decimal('7903767147.0'), None, None, None)
    """
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def _period(layout: Layout, cells: dict[str, str]) -> tuple[bool, int] | tuple[str, str]:
    """(annual, year or count of months), or (column, message) of a bad period.

    >>> from graph.importers.trade.layouts import API, ISO, BULK
    >>> _period(API, {"frequency": "A", "period": "2024"}), _period(ISO, {"period": "202203"})
    ((True, 2024), (False, 24266))
    >>> _period(ISO, {"period": "2024"})
    ('period', "'2024' is not a month written YYYYMM")
    >>> _period(BULK, {"year": "2017"}), _period(API, {"frequency": "M", "period": "2024"})[0]
    ((True, 2017), 'period')
    """
    frequency = cells.get("frequency", "")
    field = "period" if "period" in layout.columns else "year"
    text = cells[field]
    month = MONTH.fullmatch(text)
    if layout.iso or frequency == "M" or (not frequency and field == "period" and len(text) == 6):
        if month:
            return False, int(month[1]) * 12 + int(month[2]) - 1
        return field, f"{text!r} is not a month written YYYYMM"
    if frequency in ("", "A"):
        return (True, int(text)) if YEAR.fullmatch(text) else (field, f"{text!r} is not a year written YYYY")
    return "frequency", f"{frequency!r} is not A (annual) or M (monthly)"


def _code(layout: Layout, code: str, vintage: str) -> str:
    """The commodity code with the leading zero put back that a spreadsheet dropped from an HS
    code in a classic file (``1`` -> ``01``); SITC codes have any number of digits.

    >>> from graph.importers.trade.layouts import CLASSIC_SHORT, ISO
    >>> _code(CLASSIC_SHORT, "1", "H5"), _code(CLASSIC_SHORT, "10121", "H5"), _code(ISO, "1", "H5")
    ('01', '010121', '1')
    """
    odd = code.isdigit() and len(code) in (1, 3, 5)
    return "0" + code if layout.pad and odd and not vintage.startswith("S") else code


def code_problem(code: str, vintage: str) -> tuple[str, str] | None:
    """What is wrong with a commodity code (kind, message), if anything.

    >>> code_problem("851712", "H5"), code_problem("851712", "H6")[0], code_problem("", "H6")[0]
    (None, 'bad-hs', 'empty-hs')
    >>> code_problem("7764", "S4"), code_problem("776", "H4")[0]
    (None, 'bad-hs')
    """
    if not code:
        return "empty-hs", "no commodity code"
    if vintage.startswith("S"):
        return None if SITC_CODE.fullmatch(code) else ("bad-hs", f"{code!r} is not a SITC code")
    if not HS_CODE.fullmatch(code):
        return "bad-hs", f"{code!r} is not an HS code of 2, 4 or 6 digits (or TOTAL)"
    if code in SPLIT_IN_HS2022 and vintage == "H6":
        return "bad-hs", f"{code} does not exist in HS2022 (H6), which split it into new codes"
    return None


def _country(layout: Layout, text: str) -> str | Area | None:
    """A reporter or partner: its alpha-2 code, the Comtrade area that is no country, or None."""
    if layout.iso:
        return alpha2(text)
    found = area(text)
    return found.alpha2 or found if found is not None else None


def _left_out(layout: Layout, cells: dict[str, str]) -> Left | None:
    """Why a record is no total between two countries of a modelled flow, if it is not."""
    for field, totals in TOTALS.items():
        if cells.get(field, "") not in totals:
            return f"{field} breakdown", BREAKDOWNS[field]
    flow = FLOW_NUMBERS.get(cells["flow"], cells["flow"]) if not layout.iso else cells["flow"]
    if flow in OTHER_FLOWS and not layout.strict:
        return f"{OTHER_FLOWS[flow]} ({flow})", FLOW_WHY
    for role in ("reporter", "partner"):
        found = _country(layout, cells[role])
        if isinstance(found, Area):
            return f"{role} {found.name} ({found.code})", WHY.get(found.kind, "not a country the graph knows")
    return None


def parse(file: str, row: int, layout: Layout, cells: dict[str, str]) -> Row | Left | list[Problem]:
    """One record as a row, as what was left out and why, or as the problems of its cells."""
    left = _left_out(layout, cells)
    if left is not None:
        return left
    problems: list[Problem] = []

    def bad(field: str, kind: str, message: str) -> None:
        problems.append(Problem(file, row, layout.columns.get(field, field), kind, message))

    countries = {role: _country(layout, cells[role]) for role in ("reporter", "partner")}
    for role, found in countries.items():
        if not isinstance(found, str):
            codes = "an ISO alpha-3 country code" if layout.iso else "a code of UN Comtrade's lists"
            bad(role, "unknown-country", f"{cells[role]!r} is not {codes}")
    period = _period(layout, cells)
    if isinstance(period[0], str):
        bad(period[0], "bad-period", str(period[1]))
    flow = FLOW_NUMBERS.get(cells["flow"], cells["flow"]) if not layout.iso else cells["flow"]
    if flow not in FLOWS:
        codes = "X (export) or M (import)" if layout.iso else "a flow of UN Comtrade's"
        bad("flow", "unknown-flow", f"{cells['flow']!r} is not {codes}")
    value = number(cells["value"])
    if value is None:
        bad("value", "bad-number", f"{cells['value']!r} is not a trade value in USD")
    vintage = cells.get("classification", "")
    if vintage not in VINTAGES:
        bad("classification", "unknown-classification", f"{vintage!r} is not H0 ... H6, HS or S1 ... S4")
    code = _code(layout, cells["code"], vintage)
    if found_problem := code_problem(code, vintage):
        bad("code", *found_problem)
    reporter, partner = countries["reporter"], countries["partner"]
    if problems or not isinstance(reporter, str) or not isinstance(partner, str) or value is None:
        return problems
    annual, when = period
    assert isinstance(annual, bool)
    assert isinstance(when, int)
    written = cells["code"] if code != cells["code"] else ""
    # one copy of each code, classification and flow, however many rows hold it
    code, vintage, flow = sys.intern(code), sys.intern(vintage), sys.intern(flow)
    return Row(row, reporter, partner, code, vintage, annual, when, flow, value, written)


def _cell(record: list[str], position: int | None) -> str:
    """A record's cell at a position, empty when the record is shorter or has no such column."""
    return record[position] if position is not None and position < len(record) else ""


#: A series: the countries, the code, the flow, whether annual, whether SITC.
Series = tuple[str, str, str, str, bool, bool]


def series_of(row: Row) -> Series:
    """The series a row belongs to.

    >>> series_of(Row(2, "cn", "ru", "8542", "H6", False, 24266, "X", Decimal(1)))
    ('cn', 'ru', '8542', 'X', False, False)
    """
    return (row.reporter, row.partner, row.code, row.flow, row.annual, row.vintage.startswith("S"))


@dataclass
class Rows:
    """The good rows of a file by series and period, the problems of the others, the good
    records left out, and how many records were read.
    """

    series: dict[Series, dict[int, Row]]
    problems: list[Problem]
    left_out: Counter[Left]
    read: int = 0

    @property
    def rows(self) -> list[Row]:
        """The good rows in the order of the file."""
        return sorted((row for periods in self.series.values() for row in periods.values()), key=_number)


def _number(row: Row) -> int:
    return row.number


def read_rows(file: str, layout: Layout, header: list[str], records: Iterable[list[str]], first: int) -> Rows:
    """Every record read: good rows, problems (bad cells, duplicates), records left out. Memory
    holds the good rows (each series' periods are compared), not the records.

    Raises
    ------
    InputError
        When a record is the header of a layout (two files put together): ``mixed-formats``.
    """
    found = Rows({}, [], Counter())
    index = {name: position for position, name in reversed(list(enumerate(header)))}
    for offset, record in enumerate(records):
        if not any(record):
            continue
        found.read += 1
        row = first + offset
        if (other := other_header(layout, record, header=False)) is not None:
            message = f"a header of the {other.label} in a file read as the {layout.label}"
            raise InputError([Problem(file, row, None, "mixed-formats", message)])
        cells = {field: _cell(record, index.get(name)) for field, name in layout.columns.items()}
        parsed = parse(file, row, layout, cells)
        if isinstance(parsed, tuple):
            found.left_out[parsed] += 1
        elif isinstance(parsed, list):
            found.problems.extend(parsed)
        else:
            periods = found.series.setdefault(series_of(parsed), {})
            if parsed.period in periods:
                earlier = periods[parsed.period].number
                message = f"a second value for this series and period (first at row {earlier})"
                field = "period" if "period" in layout.columns else "year"
                found.problems.append(Problem(file, row, layout.columns[field], "duplicate", message))
                continue
            periods[parsed.period] = parsed
    return found
