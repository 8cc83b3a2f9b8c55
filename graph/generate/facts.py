"""The claims of a generated graph: the relations it states, each reified as a claim.

The world: national governments govern countries, and their agencies are ``partOf`` them;
governments issue sanctions measures, sanction countries and pressure chip suppliers and
Chinese-style device makers (towards compliance, or, from the government of the device
makers' home country, towards resistance); suppliers supply device makers; both are
headquartered in countries and export to them, some exports reduced or halted; device makers
make products of a fixed set of HS-coded categories. Every relation triple is stated by a
claim, reified as the build does it, with its status and a source and, as it comes, a stance,
product, dates, measure and quote.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterator

from graph.generate.names import _country, _government, _oem, _supplier
from graph.generate.terms import (
    OBJECT,
    PREDICATE,
    SUBJECT,
    TYPE,
    Pair,
    T,
    _date,
    _node,
    _product,
    _render,
    _text,
)
from graph.generate.world import CHIPS, DAYS, DEVICES, FIRST_DAY, PRODUCTS, RESISTING, _skewed, _World

__all__ = ["Fact"]

Fact = tuple[str, str, str, list[Pair]]
"""A relation to state: subject, relation, object (N-Triples terms) and its claim's pairs."""


def _dates(rng: random.Random, pairs: list[Pair], *, start: float, end: float) -> None:
    """With chance ``start``, add a start date (one time in five a month's first day, at month
    precision) and then, with chance ``end``, an end date after it.
    """
    if rng.random() >= start:
        return
    day = FIRST_DAY + 400 + rng.randrange(DAYS - 400)
    if rng.random() < 0.2:
        day = dt.date.fromordinal(day).replace(day=1).toordinal()
        pairs.append((T["startPrecision"], T["Month"]))
    pairs.append((T["startDate"], _date(day)))
    if rng.random() < end:
        pairs.append((T["endDate"], _date(day + 1 + rng.randrange(700))))


def _quote(rng: random.Random, pairs: list[Pair], words: Callable[[], str]) -> None:
    """Add a quote one time in four (the words are only made then)."""
    if rng.random() < 0.25:
        pairs.append((T["quote"], _text(words())))


def _measure_of(w: _World, rng: random.Random, g: int, pairs: list[Pair]) -> None:
    """Sometimes name the measure the claim rests on: one that government ``g`` issued."""
    m = rng.randrange(w.size.measures)
    if rng.random() < 0.5 and w.issuer(m) == g:
        pairs.append((T["measure"], _node("measure", m)))


def _company(w: _World, rng: random.Random) -> tuple[bool, int]:
    """A device maker (six times in ten) or a chip supplier, as (is a device maker, index)."""
    oem = rng.random() < 0.6
    return oem, rng.randrange(w.size.oems if oem else w.size.suppliers)


def _supplies(w: _World, rng: random.Random) -> Fact:
    s, o = _skewed(rng, w.size.suppliers), rng.randrange(w.size.oems)
    pairs = [(T["status"], T["Halted"] if rng.random() < 0.08 else T["Active"])]
    if rng.random() < 0.4:
        pairs.append((T["product"], _product(DEVICES + rng.randrange(CHIPS))))
    _dates(rng, pairs, start=0.2, end=0.3)
    _quote(rng, pairs, lambda: f"{_oem(o)} builds its devices with chips from {_supplier(s)}.")
    return _node("supplier", s), T["supplies"], _node("oem", o), pairs


def _exports(w: _World, rng: random.Random) -> Fact:
    oem, i = _company(w, rng)
    c = (_skewed(rng, w.size.countries, 5) + 1) % w.size.countries  # country-1 imports most
    c = (c + 1) % w.size.countries if c == (w.oem_home(i) if oem else w.supplier_home(i)) else c
    roll = rng.random()
    status = "Halted" if roll < 0.15 else "Reduced" if roll < 0.22 else "Active"
    pairs = [(T["status"], T[status])]
    if rng.random() < 0.5:
        pairs.append((T["product"], _product(w.made(i) if oem else DEVICES + rng.randrange(CHIPS))))
    _dates(rng, pairs, start=0.2 if status == "Active" else 1.0, end=0.3 if status == "Active" else 0.0)
    verb = {"Halted": "has suspended shipments to", "Reduced": "has cut its deliveries to"}.get(
        status, "sells in"
    )
    _quote(rng, pairs, lambda: f"{_oem(i) if oem else _supplier(i)} {verb} {_country(c)}.")
    return _node("oem" if oem else "supplier", i), T["exportsTo"], _node("country", c), pairs


def _pressures(w: _World, rng: random.Random) -> Fact:
    g = _skewed(rng, w.size.governments)
    oem, i = _company(w, rng)
    resists = (w.nation(g) == RESISTING) != (rng.random() < 0.05)
    status = T["Threatened"] if rng.random() < 0.2 else T["Active"]
    pairs = [(T["status"], status), (T["stance"], T["TowardsResistance" if resists else "TowardsCompliance"])]
    _measure_of(w, rng, g, pairs)
    _dates(rng, pairs, start=0.3, end=0.2)
    aim = "not to bow to foreign sanctions" if resists else "to comply with the sanctions"
    _quote(rng, pairs, lambda: f"{_government(w, g)} urged {_oem(i) if oem else _supplier(i)} {aim}.")
    return _node("government", g), T["pressures"], _node("oem" if oem else "supplier", i), pairs


def _sanctions(w: _World, rng: random.Random) -> Fact:
    g = _skewed(rng, w.size.governments)
    c = (_skewed(rng, w.size.countries) + 1) % w.size.countries  # country-1 is sanctioned most
    c = (c + 1) % w.size.countries if c == w.nation(g) else c
    pairs = [(T["status"], T["Active"])]
    _measure_of(w, rng, g, pairs)
    _dates(rng, pairs, start=0.6, end=0.1)
    _quote(rng, pairs, lambda: f"{_government(w, g)} imposed export controls on {_country(c)}.")
    return _node("government", g), T["sanctions"], _node("country", c), pairs


def _makes(w: _World, rng: random.Random) -> Fact:
    o, p = rng.randrange(w.size.oems), rng.randrange(DEVICES)
    pairs = [(T["status"], T["Active"])]
    _quote(rng, pairs, lambda: f"{_oem(o)} also makes {PRODUCTS[p][1].lower()}.")
    return _node("oem", o), T["makes"], _product(p), pairs


def _drawn(w: _World, rng: random.Random) -> Iterator[Fact]:
    """Claims without end, each of a kind drawn by its share (cumulative, in hundredths)."""
    kinds = ((40, _supplies), (74, _exports), (94, _pressures), (97, _sanctions), (100, _makes))
    while True:
        roll = rng.random() * 100
        yield next(kind for limit, kind in kinds if roll < limit)(w, rng)


def _skeleton(w: _World) -> Iterator[Fact]:
    """The structure: who governs, belongs to whom, issued what, sits where and makes what."""
    n, node = w.size, _node
    yield from ((node("government", c), T["governs"], node("country", c), []) for c in range(n.countries))
    for a in range(n.agencies):
        yield node("government", n.countries + a), T["partOf"], node("government", w.parent(a)), []
    for m in range(n.measures):
        yield node("measure", m), T["issuedBy"], node("government", w.issuer(m)), []
    for s in range(n.suppliers):
        yield node("supplier", s), T["headquarteredIn"], node("country", w.supplier_home(s)), []
    for o in range(n.oems):
        yield node("oem", o), T["headquarteredIn"], node("country", w.oem_home(o)), []
    yield from ((node("oem", o), T["makes"], _product(w.made(o)), []) for o in range(n.oems))


def _claims(w: _World, rng: random.Random) -> Iterator[str]:
    """Each claim with its relation triple: the skeleton first, then drawn ones."""
    facts = itertools.islice(itertools.chain(_skeleton(w), _drawn(w, rng)), w.size.relations)
    for number, (s, p, o, pairs) in enumerate(facts):
        head = [(TYPE, T["Claim"]), (SUBJECT, s), (PREDICATE, p), (OBJECT, o)]
        sources = [(T["source"], _node("source", _skewed(rng, w.size.sources, 2)))]
        if rng.random() < 0.1:
            sources.append((T["source"], _node("source", rng.randrange(w.size.sources))))
        status = [] if pairs else [(T["status"], T["Active"])]
        yield f"{s} {p} {o} .\n" + _render(_node("claim", number), head + status + pairs + sources)
