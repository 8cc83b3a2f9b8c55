"""Converting trade rows into N-Triples: each series' changes (month on month and year on year
for monthly figures, year on year for annual ones) as trade observations, with the countries
and products they name (see :mod:`graph.importers.trade`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import IO

from followthemoney.types import registry
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.errors import Problem
from graph.importers.common import Known, entity_iri, iri, literal
from graph.importers.trade.products import hierarchy, known_product
from graph.importers.trade.read import FLOWS, Left, Row, Series
from graph.model.namespace import SKG

__all__: list[str] = []

SKG_, TYPE, DECIMAL = str(SKG), str(RDF.type), str(XSD.decimal)
_ANNUAL = (SKG_ + "AnnualTradeObservation", SKG_ + "year", SKG_ + "baseYear", str(XSD.gYear))
_MONTHLY = (SKG_ + "TradeObservation", SKG_ + "period", SKG_ + "basePeriod", str(XSD.gYearMonth))


@cache
def _term(value: str) -> str:
    """The N-Triples term of an IRI that many triples share (a predicate, a class, a country)."""
    return iri(value)


@cache
def _country_names() -> dict[str, str]:
    """English country names by alpha-2 code, as followthemoney has them."""
    return dict(registry.country.names)


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
    """Writes the N-Triples of an import to a stream as they come, each new entity once."""

    def __init__(self, known: Known, source: str, stream: IO[str]) -> None:
        self.known, self.source, self.stream = known, source, stream
        self.written = 0
        self.minted: set[str] = set()
        self.categories: dict[str, str] = {}  # HS code -> new category
        self.countries: dict[str, str] = {}  # alpha-2 -> the graph's country or a new one
        self.observations = 0

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.stream.write(f"{iri(subject)} {_term(predicate)} {obj} .\n")
        self.written += 1

    def _lines(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        """The triples of one subject: (predicate IRI, object term) pairs."""
        term = iri(subject)
        self.stream.write("".join(f"{term} {_term(p)} {o} .\n" for p, o in pairs))
        self.written += len(pairs)

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
        if alpha2 not in self.countries:
            known = self.known.countries.get(alpha2)
            if known is None:
                name = _country_names().get(alpha2, alpha2.upper())
                known = self.entity(entity_iri("country", alpha2), str(SKG.Country), name, alpha2.upper())
            self.countries[alpha2] = known
        return self.countries[alpha2]

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
        cls, prop, base_prop, when = _ANNUAL if row.annual else _MONTHLY
        change = _change(row.value, base.value)
        pairs = [
            (TYPE, _term(cls)),
            (SKG_ + "reporter", _term(self.country(row.reporter))),
            (SKG_ + "partner", _term(self.country(row.partner))),
            (SKG_ + "product", _term(product)),
            (prop, literal(period, datatype=when)),
            (base_prop, literal(base_period, datatype=when)),
            (SKG_ + "changePercent", literal(f"{change:f}", datatype=DECIMAL)),
            (SKG_ + "bound", _term(SKG_ + "Exactly")),
            (SKG_ + "valueUSD", literal(f"{row.value:f}", datatype=DECIMAL)),
            (SKG_ + "flow", _term(FLOWS[row.flow])),
        ]
        if row.vintage:
            pairs.append((SKG_ + "classification", literal(row.vintage)))
        pairs.append((SKG_ + "source", _term(self.source)))
        pairs.append((SKG_ + "note", literal(" ".join(_notes(row, base, kind, product_note)))))
        self._lines(subject, pairs)
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
    writer: Writer, series: dict[Series, dict[int, Row]], file: str, value_column: str
) -> tuple[list[Problem], Counter[Left]]:
    """Write the changes of every series; return the zero bases met and the rows unpaired."""
    zero: list[Problem] = []
    unpaired = 0
    for key in sorted(series):
        periods = series[key]
        lags = ((1, "year-on-year"),) if key[4] else ((1, "month-on-month"), (12, "year-on-year"))
        for period in sorted(periods):
            unpaired += not any(period - lag in periods or period + lag in periods for lag, _ in lags)
            for lag, kind in lags:
                base = periods.get(period - lag)
                if base is None:
                    continue
                if base.value == 0:
                    message = f"no {kind} change for {period_text(periods[period])}: the base's value is 0"
                    zero.append(Problem(file, base.number, value_column, "zero-base", message))
                    continue
                writer.observation(periods[period], base, kind)
    writer.links()
    return zero, Counter({UNPAIRED: unpaired} if unpaired else {})
