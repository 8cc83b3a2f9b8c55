"""The entities of a generated graph described: their classes, labels and details.

Products, countries, governments, suppliers, device makers, sources and sanctions measures;
and trade observations, which the graph gives last.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from graph.generate.names import PUBLISHERS, _country, _government, _oem, _supplier
from graph.generate.terms import (
    BOUNDS,
    DECIMAL,
    LABEL,
    NOTATION,
    TYPE,
    YEAR_MONTH,
    Pair,
    T,
    _date,
    _node,
    _product,
    _render,
    _text,
)
from graph.generate.world import DAYS, FIRST_DAY, PRODUCTS, RESISTING, _skewed, _World

__all__ = []


def _entities(w: _World, rng: random.Random) -> Iterator[str]:
    """Products, countries, governments, suppliers, device makers and sources."""
    for p, (_, label, code) in enumerate(PRODUCTS):
        yield _render(_product(p), [(TYPE, T["ProductCategory"]), *_labelled(label, (NOTATION, _text(code)))])
    n = w.size
    for kind, cls, count, name in (
        ("country", "Country", n.countries, _country),
        ("government", "Government", n.governments, lambda g: _government(w, g)),
        ("supplier", "ChipSupplier", n.suppliers, _supplier),
        ("oem", "OEM", n.oems, _oem),
    ):
        yield from (_render(_node(kind, i), [(TYPE, T[cls]), *_labelled(name(i))]) for i in range(count))
    for i in range(n.sources):
        publisher = PUBLISHERS[i % len(PUBLISHERS)]
        label = f"{publisher} report {i // len(PUBLISHERS) + 1} on sanctions and supply chains"
        published = _date(FIRST_DAY + rng.randrange(DAYS))
        more = ((T["publisher"], _text(publisher)), (T["published"], published))
        yield _render(_node("source", i), [(TYPE, T["Source"]), *_labelled(label, *more)])


def _labelled(label: str, *more: Pair) -> list[Pair]:
    return [(LABEL, _text(label, "@en")), *more]


def _measures(w: _World, rng: random.Random) -> Iterator[str]:
    """Sanctions measures, each with a source (the resisting government's: countermeasures)."""
    for m in range(w.size.measures):
        g, day = w.issuer(m), FIRST_DAY + 365 + rng.randrange(DAYS - 365)
        counter = w.nation(g) == RESISTING
        what = "rules countering foreign sanctions" if counter else "export controls"
        pairs = [
            (TYPE, T["Countermeasure" if counter else "SanctionsMeasure"]),
            *_labelled(f"{_government(w, g)}: {what}"),
            (T["source"], _node("source", rng.randrange(w.size.sources))),
            (T["published"], _date(day)),
            (T["reference"], _text(f"{dt.date.fromordinal(day).year}-{m + 1}")),
        ]
        if rng.random() < 0.5:
            pairs.append((T["inForce"], _date(day + rng.randrange(60))))
        yield _render(_node("measure", m), pairs)


def _observations(w: _World, rng: random.Random) -> Iterator[str]:
    """Trade observations: a reporter's exports to a partner of a product, month on month."""
    n = w.size.countries
    for i in range(w.size.observations):
        reporter, partner = (_skewed(rng, n, 4) + RESISTING) % n, (_skewed(rng, n, 4) + 1) % n
        month, change = rng.randrange(1, 6 * 12), rng.randrange(-990, 1500) / 10
        period, base = (f'"{2019 + m // 12}-{m % 12 + 1:02d}"{YEAR_MONTH}' for m in (month, month - 1))
        pairs = [
            (TYPE, T["TradeObservation"]),
            (T["reporter"], _node("country", reporter)),
            (T["partner"], _node("country", (partner + 1) % n if partner == reporter else partner)),
            (T["product"], _product(rng.randrange(len(PRODUCTS)))),
            (T["period"], period),
            (T["basePeriod"], base),
            (T["changePercent"], _text(f"{change:.1f}", DECIMAL)),
            (T["bound"], rng.choice(BOUNDS)),
            (T["source"], _node("source", _skewed(rng, w.size.sources, 2))),
        ]
        if rng.random() < 0.3:
            pairs.append((T["statedAs"], _text(f"{abs(change):.0f} percent")))
        if rng.random() < 0.3:
            pairs.append((T["valueUSD"], _text(str(rng.randrange(10**5, 10**10)), DECIMAL)))
        yield _render(_node("trade", i), pairs)
