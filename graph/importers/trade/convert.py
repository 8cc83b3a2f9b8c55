"""Converting trade rows into N-Triples: each series' changes (month on month and year on year
for monthly figures, year on year for annual ones) as trade observations, with the countries
and products they name (see :mod:`graph.importers.trade`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from followthemoney.types import registry
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.errors import Problem
from graph.importers.common import Known, entity_iri, iri, literal
from graph.importers.trade.products import hierarchy, known_product
from graph.importers.trade.read import FLOWS, Left, Row
from graph.model.namespace import SKG

__all__: list[str] = []

UNPAIRED = (
    "records with nothing to compare with",
    "no other period of their series (countries, code, flow, frequency) in the file",
)


def period_text(row: Row) -> str:
    """A row's period as ``YYYY`` (an ``xsd:gYear``) or ``YYYY-MM`` (an ``xsd:gYearMonth``).

    >>> from decimal import Decimal
    >>> row = Row(2, "cn", "ru", "8542", "H6", False, 24266, "X", Decimal(1))
    >>> period_text(row), period_text(Row(2, "cn", "ru", "8542", "H6", True, 2024, "X", Decimal(1)))
    ('2022-03', '2024')
    """
    if row.annual:
        return f"{row.period:04d}"
    return f"{row.period // 12:04d}-{row.period % 12 + 1:02d}"


def _change(value: Decimal, base: Decimal) -> Decimal:
    """The change from ``base`` to ``value`` in percent, rounded half up to 2 decimals.

    >>> _change(Decimal(120), Decimal(200)), _change(Decimal(100), Decimal(300))
    (Decimal('-40.00'), Decimal('-66.67'))
    """
    return ((value - base) / base * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class Writer:
    """The N-Triples lines of an import, with each new entity written once."""

    def __init__(self, known: Known, source: str) -> None:
        self.known, self.source = known, source
        self.lines: list[str] = []
        self.minted: set[str] = set()
        self.categories: dict[str, str] = {}  # HS code -> new category
        self.observations = 0

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{iri(subject)} {iri(predicate)} {obj} .\n")

    def entity(self, subject: str, cls: str, label: str, notation: str | None) -> str:
        if subject not in self.minted:
            self.minted.add(subject)
            self.add(subject, str(RDF.type), iri(cls))
            self.add(subject, str(RDFS.label), literal(label, language="en"))
            if notation is not None:
                self.add(subject, str(SKOS.notation), literal(notation))
            self.add(subject, str(SKG.source), iri(self.source))
        return subject

    def country(self, alpha2: str) -> str:
        known = self.known.countries.get(alpha2)
        if known is not None:
            return known
        name = registry.country.names.get(alpha2, alpha2.upper())
        return self.entity(entity_iri("country", alpha2), str(SKG.Country), name, alpha2.upper())

    def product(self, row: Row) -> tuple[str, str]:
        """The product of a row's commodity code, and what to note about how it was found."""
        found, note = known_product(self.known.products, row)
        if found is not None:
            return found, note
        if row.vintage.startswith("S"):
            label = f"SITC {row.code}"  # no skos:notation: the graph's notations are HS codes
            return self.entity(entity_iri("sitc", row.code), str(SKG.ProductCategory), label, None), ""
        label = f"HS {row.code}"
        category = self.entity(entity_iri("hs", row.code), str(SKG.ProductCategory), label, row.code)
        self.categories[row.code] = category
        return category, ""

    def observation(self, row: Row, base: Row, kind: str) -> None:
        period, base_period = period_text(row), period_text(base)
        code = f"sitc{row.code}" if row.vintage.startswith("S") else row.code
        series = f"{row.reporter}-{row.partner}-{code}-{row.flow}"
        subject = entity_iri("trade", f"{series}-{period}-{base_period}")
        product, product_note = self.product(row)
        cls, prop, base_prop, when = (
            (SKG.AnnualTradeObservation, SKG.year, SKG.baseYear, XSD.gYear)
            if row.annual
            else (SKG.TradeObservation, SKG.period, SKG.basePeriod, XSD.gYearMonth)
        )
        self.add(subject, str(RDF.type), iri(str(cls)))
        self.add(subject, str(SKG.reporter), iri(self.country(row.reporter)))
        self.add(subject, str(SKG.partner), iri(self.country(row.partner)))
        self.add(subject, str(SKG.product), iri(product))
        self.add(subject, str(prop), literal(period, datatype=str(when)))
        self.add(subject, str(base_prop), literal(base_period, datatype=str(when)))
        change, decimal = _change(row.value, base.value), str(XSD.decimal)
        self.add(subject, str(SKG.changePercent), literal(f"{change:f}", datatype=decimal))
        self.add(subject, str(SKG.bound), iri(str(SKG.Exactly)))
        self.add(subject, str(SKG.valueUSD), literal(f"{row.value:f}", datatype=decimal))
        self.add(subject, str(SKG.flow), iri(FLOWS[row.flow]))
        if row.vintage:
            self.add(subject, str(SKG.classification), literal(row.vintage))
        self.add(subject, str(SKG.source), iri(self.source))
        note = " ".join(_notes(row, base, kind, product_note))
        self.add(subject, str(SKG.note), literal(note))
        self.observations += 1

    def links(self) -> None:
        """The ``skos:broader`` links of the new HS categories."""
        for narrower, wider in hierarchy(self.known.products, self.categories):
            self.add(narrower, str(SKOS.broader), iri(wider))


def _notes(row: Row, base: Row, kind: str, product_note: str) -> Iterator[str]:
    yield f"Computed from UN Comtrade's values ({kind}: {period_text(row)} against {period_text(base)})."
    if base.vintage != row.vintage:
        yield f"The base period's figures are published under {base.vintage or 'no classification'}."
    if product_note:
        yield product_note
    if row.written:
        yield f"The file writes the code {row.written}, which lost its leading zero: read as {row.code}."


def observe(
    writer: Writer, rows: list[Row], file: str, value_column: str
) -> tuple[list[Problem], Counter[Left]]:
    """Write the changes of every series; return the zero bases met and the rows unpaired."""
    series: dict[tuple[str, str, str, str, bool, bool], dict[int, Row]] = defaultdict(dict)
    for row in rows:
        key = (row.reporter, row.partner, row.code, row.flow, row.annual, row.vintage.startswith("S"))
        series[key][row.period] = row
    zero: list[Problem] = []
    paired: set[int] = set()
    for key in sorted(series):
        periods = series[key]
        lags = ((1, "year-on-year"),) if key[4] else ((1, "month-on-month"), (12, "year-on-year"))
        for period in sorted(periods):
            for lag, kind in lags:
                base = periods.get(period - lag)
                if base is None:
                    continue
                paired |= {base.number, periods[period].number}
                if base.value == 0:
                    message = f"no {kind} change for {period_text(periods[period])}: the base's value is 0"
                    zero.append(Problem(file, base.number, value_column, "zero-base", message))
                    continue
                writer.observation(periods[period], base, kind)
    writer.links()
    unpaired = sum(1 for row in rows if row.number not in paired)
    return zero, Counter({UNPAIRED: unpaired} if unpaired else {})
