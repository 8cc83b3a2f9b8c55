"""Converting trade rows into N-Triples: each series' month-on-month and year-on-year changes
as trade observations, with the countries and products they name (see :mod:`graph.importers.trade`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from followthemoney.types import registry
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.errors import Problem
from graph.importers.common import Known, entity_iri, iri, literal
from graph.importers.trade.read import FLOWS, SPLIT_IN_HS2022, VINTAGES, _Row
from graph.model.namespace import SKG

__all__: list[str] = []

WIDER_NOTE = (
    "Comtrade code {code} ({vintage}): telephones for cellular or other wireless networks, which "
    "holds smartphones and other mobile phones; counted as smartphones (HS2022 {target})."
)


def _month_text(month: int) -> str:
    """A count of months as ``YYYY-MM`` (an ``xsd:gYearMonth``).

    >>> _month_text(24266)
    '2022-03'
    """
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _change(value: Decimal, base: Decimal) -> Decimal:
    """The change from ``base`` to ``value`` in percent, rounded half up to 2 decimals.

    >>> _change(Decimal(120), Decimal(200)), _change(Decimal(100), Decimal(300))
    (Decimal('-40.00'), Decimal('-66.67'))
    """
    return ((value - base) / base * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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
