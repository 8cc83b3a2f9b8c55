"""The layouts of UN Comtrade's files, told apart by their headers: which column holds each
field, and which columns a file of that layout must have.

Fields: ``reporter`` and ``partner`` (Comtrade's numeric area codes, or ISO alpha-3 codes in the
``iso`` layout), ``partner2``, ``customs`` and ``transport`` (the breakdowns: a total has
``0``, ``C00``, ``0`` or nothing), ``code`` (the commodity code), ``classification``,
``frequency`` (``A`` or ``M``), ``period`` (``YYYY`` or ``YYYYMM``), ``year``, ``flow`` and
``value`` (US dollars, as the reporter published it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__: list[str] = []


@dataclass(frozen=True)
class Layout:
    """One layout: its name, what the summary calls it, and its columns by field.

    ``family`` groups the layouts that share column names (``api``: camelCase; ``classic``:
    words); ``required`` fields must be in the header; ``iso`` layouts name countries by ISO alpha-3
    codes; ``strict`` keeps the rules of the first importer (every flow but exports and imports,
    and every code that is no ISO country, is bad input); ``pad`` restores the leading zero that
    spreadsheets drop from HS codes (``1`` -> ``01``, ``101`` -> ``0101``).
    """

    name: str
    label: str
    family: str
    columns: Mapping[str, str]
    required: frozenset[str]
    iso: bool = False
    strict: bool = False
    pad: bool = False

    def required_names(self) -> set[str]:
        """The names of the required columns."""
        return {self.columns[field] for field in self.required}

    def missing(self, header: Sequence[str]) -> list[str]:
        """The required columns the header lacks, in the layout's order."""
        return [self.columns[f] for f in self.columns if f in self.required and self.columns[f] not in header]


def _layout(name: str, label: str, columns: Mapping[str, str], optional: str = "", **flags: bool) -> Layout:
    required = frozenset(columns) - set(optional.split())
    family = "api" if name in ("comtrade-api", "comtrade-iso") else "classic"
    return Layout(name, label, family, columns, required, **flags)


API = _layout(
    "comtrade-api",
    "UN Comtrade API",
    {
        "frequency": "freqCode",
        "period": "period",
        "reporter": "reporterCode",
        "flow": "flowCode",
        "partner": "partnerCode",
        "partner2": "partner2Code",
        "classification": "classificationCode",
        "code": "cmdCode",
        "customs": "customsCode",
        "transport": "motCode",
        "value": "primaryValue",
    },
)
CLASSIC = _layout(
    "comtrade-classic",
    "UN Comtrade classic CSV",
    {
        "classification": "Classification",
        "year": "Year",
        "period": "Period",
        "flow": "Trade Flow Code",
        "reporter": "Reporter Code",
        "partner": "Partner Code",
        "partner2": "2nd Partner Code",
        "customs": "Customs Proc. Code",
        "transport": "Mode of Transport Code",
        "code": "Commodity Code",
        "value": "Trade Value (US$)",
        "reporter-iso": "Reporter ISO",
    },
    optional="partner2 customs transport",
    pad=True,
)
CLASSIC_SHORT = _layout(
    "comtrade-classic-short",
    "UN Comtrade classic CSV, short (no ISO columns)",
    {
        "classification": "Classification",
        "year": "Year",
        "flow": "Trade Flow Code",
        "reporter": "Reporter Code",
        "partner": "Partner Code",
        "code": "Commodity Code",
        "value": "Trade Value (US$)",
    },
    pad=True,
)
BULK = _layout(
    "comtrade-bulk",
    "UN Comtrade bulk file",
    {
        "year": "Year",
        "reporter": "Reporter Code",
        "flow": "Trade Flow Code",
        "partner": "Partner Code",
        "classification": "Classification",
        "code": "Commodity Code",
        "value": "Value",
    },
    pad=True,
)
ISO = _layout(
    "comtrade-iso",
    "Comtrade-shaped CSV with ISO country codes",
    {
        "reporter": "reporterISO",
        "partner": "partnerISO",
        "code": "cmdCode",
        "period": "period",
        "flow": "flowCode",
        "value": "primaryValue",
        "classification": "classificationCode",
    },
    optional="classification",
    iso=True,
    strict=True,
)
LAYOUTS = (API, CLASSIC, CLASSIC_SHORT, BULK, ISO)  # the first complete one is the file's


def detect(header: Sequence[str]) -> tuple[Layout, list[str]]:
    """The layout of a header, and the required columns it lacks (none when it is complete).

    A header with every column of a layout is of the first such layout; otherwise it is of the
    layout it lacks fewest columns of.

    >>> detect(["freqCode", "period", "reporterCode", "reporterISO", "flowCode", "partnerCode",
    ...         "partner2Code", "classificationCode", "cmdCode", "customsCode", "motCode",
    ...         "primaryValue"])[0].name
    'comtrade-api'
    >>> detect(["Year", "Reporter Code", "Trade Flow Code", "Partner Code", "Classification",
    ...         "Commodity Code", "Value"])[0].name
    'comtrade-bulk'
    >>> layout, missing = detect(["period", "reporterISO", "partnerISO", "cmdCode", "primaryValue"])
    >>> layout.name, missing
    ('comtrade-iso', ['flowCode'])
    """
    found = [(len(layout.missing(header)), index) for index, layout in enumerate(LAYOUTS)]
    layout = LAYOUTS[min(found)[1]]
    return layout, layout.missing(header)


def other_header(layout: Layout, cells: Sequence[str], *, header: bool) -> Layout | None:
    """The layout whose header is in ``cells``, when it shows a file that mixes layouts (two
    downloads put together): in the header, a layout of another family; in a record, any.

    >>> classic = ["Classification", "Year", "Trade Flow Code", "Reporter Code", "Partner Code",
    ...            "Commodity Code", "Trade Value (US$)"]
    >>> other_header(API, [*API.columns.values(), *classic], header=True).name
    'comtrade-classic-short'
    >>> other_header(CLASSIC, [*CLASSIC.columns.values()], header=True) is None
    True
    >>> other_header(API, API.columns.values(), header=False).name
    'comtrade-api'
    """
    values = set(cells)
    for other in LAYOUTS:
        if (not header or other.family != layout.family) and other.required_names() <= values:
            return other
    return None
