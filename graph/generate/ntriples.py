"""Generated graphs shaped like the curated one, of any size, streamed and seeded.

The world: national governments govern countries, and their agencies are ``partOf`` them;
governments issue sanctions measures, sanction countries and pressure chip suppliers and
Chinese-style device makers (towards compliance, or, from the government of the device
makers' home country, towards resistance); suppliers supply device makers; both are
headquartered in countries and export to them, some exports reduced or halted; device makers
make products of a fixed set of HS-coded categories. Every relation triple is stated by a
claim, reified as the build does it, with its status and a source and, as it comes, a stance,
product, dates, measure and quote. Trade observations come last.

Degrees are heavy-tailed: a few suppliers feed many device makers, a few countries import from
many, a few governments pressure many. Nothing is held in memory but a few numbers: names are
computed from indices, and each entity's fixed traits (home country, parent government, product,
issuer) from its index and the seed, along a golden-ratio sequence.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.errors import QueryError
from graph.model.namespace import ID, SKG
from graph.model.output import ontology_ntriples, streamed

__all__ = ["Sizes", "generate_lines", "generated_ntriples", "sizes", "write_generated"]

Pair = tuple[str, str]
Fact = tuple[str, str, str, list[Pair]]
"""A relation to state: subject, relation, object (N-Triples terms) and its claim's pairs."""

T = {name: f"<{SKG[name]}>" for name in SKG.__annotations__}
"""Every term of the ontology in N-Triples form, by name."""
TYPE, LABEL, NOTATION, SUBJECT, PREDICATE, OBJECT = (
    f"<{t}>" for t in (RDF.type, RDFS.label, SKOS.notation, RDF.subject, RDF.predicate, RDF.object)
)
DATE, YEAR_MONTH, DECIMAL = (f"^^<{t}>" for t in (XSD.date, XSD.gYearMonth, XSD.decimal))
BOUNDS = tuple(T[name] for name in ("MoreThan", "Almost", "About", "Exactly"))
PRODUCTS = (
    ("laptops", "Laptops", "847130"),
    ("smartphones", "Smartphones", "851713"),
    ("base-stations", "Telecommunication base stations", "851761"),
    ("servers", "Processing units (servers)", "847150"),
    ("drones", "Unmanned aircraft", "8806"),
    ("integrated-circuits", "Electronic integrated circuits", "8542"),
    ("processors", "Processors and controllers (integrated circuits)", "854231"),
    ("memories", "Memories (integrated circuits)", "854232"),
    ("all-goods", "All goods", "TOTAL"),
)
"""The product categories (id, label, HS code): five kinds of device, three of chip, all goods."""
DEVICES, CHIPS = 5, 3
SYLLABLES = ("bel", "cor", "dan", "est", "fal", "gor", "hal", "ist", "kor", "lan", "mar", "nor")
PINYIN = ("hua", "xin", "zhong", "tian", "long", "mei", "kang", "rui", "hai", "feng", "jin", "teng")
CITIES = ("Shenzhen", "Dongguan", "Hangzhou", "Xiamen", "Chengdu", "Wuhan", "Suzhou", "Ningbo")
OEM_KINDS = ("Electronics", "Mobile", "Technology", "Communication", "Computer", "Intelligent Devices")
SUPPLIER_KINDS = ("Semiconductor", "Micro Devices", "Silicon", "Microelectronics", "Chips")
AGENCIES = ("Export Control Bureau", "Ministry of Commerce", "Treasury", "Customs Office", "Trade Ministry")
PUBLISHERS = ("The Trade Ledger", "Global Supply Wire", "Export Control Review", "Chip Industry Daily")
FIRST_DAY, DAYS = dt.date(2019, 1, 1).toordinal(), 6 * 365
GOLDEN = 0.6180339887498949
RESISTING = 2
"""The home country of most device makers, whose government pushes them towards resistance."""
TRIPLES_PER_CLAIM = 7.95
"""About how many distinct triples a claim adds (its relation triple is sometimes another's)."""


@dataclass(frozen=True)
class Sizes:
    """How many entities of each kind a generated graph of ``relations`` claims has."""

    relations: int
    countries: int
    agencies: int
    suppliers: int
    oems: int
    measures: int
    sources: int
    observations: int

    @property
    def governments(self) -> int:
        """National governments (``government-i`` governs ``country-i``), then agencies."""
        return self.countries + self.agencies

    @property
    def skeleton(self) -> int:
        """The claims stated first: governs, partOf, issuedBy, headquarteredIn, makes."""
        return self.countries + self.agencies + self.measures + self.suppliers + 2 * self.oems


def sizes(relations: int) -> Sizes:
    """The number of entities of each kind in a generated graph of ``relations`` claims.

    Returns
    -------
    Sizes
        Countries ~ relations / 5000 (at least 12), as many national governments and half as
        many agencies, suppliers ~ / 100, device makers ~ / 20, measures ~ / 2000,
        sources ~ / 50, trade observations ~ / 500.

    Examples
    --------
    >>> s = sizes(1_000_000)
    >>> s.countries, s.governments, s.suppliers, s.oems, s.sources
    (200, 300, 10000, 50000, 20000)
    """
    countries = max(12, relations // 5000)
    return Sizes(
        relations=relations,
        countries=countries,
        agencies=max(4, countries // 2),
        suppliers=max(3, relations // 100),
        oems=max(5, relations // 20),
        measures=max(3, relations // 2000),
        sources=max(5, relations // 50),
        observations=max(3, relations // 500),
    )


@dataclass(frozen=True)
class _World:
    """The sizes, and the seed's offsets of the golden-ratio sequences traits are read from."""

    size: Sizes
    offsets: tuple[float, ...]

    def trait(self, which: int, index: int, n: int, power: float) -> int:
        """A fixed, heavy-tailed choice below ``n`` for entity ``index``: no state, no draw."""
        return int(n * ((self.offsets[which] + index * GOLDEN) % 1.0) ** power)

    def supplier_home(self, s: int) -> int:
        return self.trait(0, s, self.size.countries, 3)

    def oem_home(self, o: int) -> int:
        return (self.trait(1, o, self.size.countries, 4) + RESISTING) % self.size.countries

    def parent(self, agency: int) -> int:
        return self.trait(2, agency, self.size.countries, 3)

    def made(self, o: int) -> int:
        return self.trait(3, o, DEVICES, 2)

    def issuer(self, m: int) -> int:
        return self.trait(4, m, self.size.governments, 3)

    def nation(self, g: int) -> int:
        """The country whose government ``g`` is, or is an agency of."""
        return g if g < self.size.countries else self.parent(g - self.size.countries)


def _check(number: int, name: str) -> None:
    least = 0 if name == "seed" else 1
    if number < least:
        raise QueryError(f"{number} is out of range: it must be at least {least}", parameter=name)


def _skewed(rng: random.Random, n: int, power: float = 3) -> int:
    """An index below ``n``, heavy-tailed: 0 is drawn most, then 1, and so on (O(1) a draw)."""
    return int(n * rng.random() ** power)


def _word(index: int, syllables: Sequence[str]) -> str:
    """A made-up name, another for each index (its digits in base ``len(syllables)``).

    >>> _word(0, SYLLABLES), _word(13, SYLLABLES), _word(2 * 12 + 1, PINYIN)
    ('Belbel', 'Corcor', 'Xinzhong')
    """
    parts: list[str] = []
    while index or len(parts) < 2:
        index, digit = divmod(index, len(syllables))
        parts.append(syllables[digit])
    return "".join(parts).capitalize()


def _country(c: int) -> str:
    return _word(c * 7 + 3, SYLLABLES) + "ia"


def _government(w: _World, g: int) -> str:
    if g < w.size.countries:
        return f"Government of {_country(g)}"
    agency = g - w.size.countries
    return f"{_country(w.parent(agency))} {AGENCIES[agency % len(AGENCIES)]} {agency // len(AGENCIES) + 1}"


def _supplier(s: int) -> str:
    return f"{_word(s * 7 + 3, SYLLABLES[::-1])} {SUPPLIER_KINDS[s % len(SUPPLIER_KINDS)]}"


def _oem(o: int) -> str:
    brand, city = divmod(o, len(CITIES))
    return f"{CITIES[city]} {_word(brand + 13, PINYIN)} {OEM_KINDS[o % len(OEM_KINDS)]}"


def _node(kind: str, index: int) -> str:
    return f"<{ID}{kind}-{index}>"


def _product(p: int) -> str:
    return f"<{ID}{PRODUCTS[p][0]}>"


def _text(text: str, suffix: str = "") -> str:
    """An N-Triples literal: ``text`` quoted and escaped, then a language tag or a datatype."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"{suffix}'


def _date(day: int) -> str:
    return f'"{dt.date.fromordinal(day).isoformat()}"{DATE}'


def _render(node: str, pairs: Iterable[Pair]) -> str:
    return "".join(f"{node} {key} {value} .\n" for key, value in pairs)


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


def _chunks(relations: int, seed: int) -> Iterator[tuple[int, str]]:
    """The graph as blocks of whole lines, each with the number of claims written by its end."""
    rng = random.Random(seed)
    w = _World(sizes(relations), tuple(rng.random() for _ in range(5)))
    yield from ((0, text) for text in itertools.chain(_entities(w, rng), _measures(w, rng)))
    yield from enumerate(_claims(w, rng), start=1)
    yield from ((relations, text) for text in _observations(w, rng))


def generate_lines(relations: int, *, seed: int = 0) -> Iterator[str]:
    """The N-Triples lines of a generated graph's facts (not the ontology), one at a time.

    Parameters
    ----------
    relations : int
        How many claims to state, each with its relation triple (at least 1). The number of
        entities of each kind follows from it (:func:`sizes`); below ``sizes(n).skeleton``,
        only the first of the structural relations are stated.
    seed : int, default 0
        The seed of the ``random.Random`` that draws everything (at least 0).

    Returns
    -------
    Iterator[str]
        One line at a time, each ending in a newline: the same lines for the same
        ``relations`` and ``seed``. Memory does not grow with ``relations``.

    Raises
    ------
    QueryError
        Naming ``relations`` or ``seed`` if it is out of range (at once, not at the first line).

    Examples
    --------
    >>> lines = list(generate_lines(300, seed=1))
    >>> lines == list(generate_lines(300, seed=1)) != list(generate_lines(300, seed=2))
    True
    >>> supplies = [line.split() for line in lines if "#supplies>" in line]
    >>> supplies[0][0], supplies[0][2]
    ('<https://w3id.org/sanctions-kg/id/supplier-0>', '<https://w3id.org/sanctions-kg/id/oem-5>')
    """
    _check(relations, "relations")
    _check(seed, "seed")
    return (line for _, text in _chunks(relations, seed) for line in text.splitlines(keepends=True))


def write_generated(
    out: str | Path, relations: int, *, seed: int = 0, progress: Callable[[int], object] | None = None
) -> Path:
    """Write a generated graph's facts to ``out`` as N-Triples, all or nothing.

    The lines go to a temporary file beside ``out``, renamed into place at the end; on any
    error it is removed and ``out`` is left as it was.

    Parameters
    ----------
    out : str or Path
        The file to write (its folder is made if missing).
    relations, seed : int
        As for :func:`generate_lines`.
    progress : callable, optional
        Called now and then with the number of claims written so far, and at the end with
        ``relations``.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    QueryError
        For ``relations`` or ``seed`` out of range, before anything is written.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_generated(Path(folder, "g.nt"), 300, seed=1)
    ...     path.read_text(encoding="utf-8") == "".join(generate_lines(300, seed=1))
    True
    """
    _check(relations, "relations")
    _check(seed, "seed")
    target = Path(out)
    with streamed(target) as stream:
        chunks = _chunks(relations, seed)
        while batch := list(itertools.islice(chunks, 4096)):
            stream.write("".join(text for _, text in batch))
            if progress is not None:
                progress(batch[-1][0])
    if progress is not None:
        progress(relations)
    return target


@cache
def _ontology() -> str:
    """The ontology as sorted N-Triples, its blank nodes named by content (the same every run)."""
    return ontology_ntriples().decode("utf-8")


def _expected(relations: int) -> float:
    """About how many distinct triples :func:`generate_lines` gives for ``relations``."""
    n = sizes(relations)
    entities = 2 * (n.countries + n.governments + n.suppliers + n.oems) + 3 * len(PRODUCTS)
    return entities + 4 * n.sources + 6.5 * n.measures + 9.6 * n.observations + TRIPLES_PER_CLAIM * relations


def generated_ntriples(triples: int, *, seed: int = 0) -> bytes:
    """N-Triples of a generated graph of about ``triples`` triples, the ontology's included.

    Parameters
    ----------
    triples : int
        About how many distinct triples to give (at least 1; but the ontology alone has a
        few hundred, and a generated graph has at least one claim).
    seed : int, default 0
        As for :func:`generate_lines`.

    Returns
    -------
    bytes
        UTF-8 N-Triples: the ontology's lines (sorted), then those of :func:`generate_lines`
        for the number of relations that gives about ``triples`` triples.

    Raises
    ------
    QueryError
        Naming ``triples`` or ``seed`` if it is out of range.

    Examples
    --------
    >>> data = generated_ntriples(3000, seed=1)
    >>> 2700 <= data.count(b"\\n") <= 3300, data == generated_ntriples(3000, seed=1)
    (True, True)
    """
    _check(triples, "triples")
    _check(seed, "seed")
    ontology = _ontology()
    wanted = triples - ontology.count("\n")
    low, high = 1, max(1, wanted)
    while low < high:  # the most relations whose expected triples are not more than wanted
        middle = (low + high + 1) // 2
        low, high = (middle, high) if _expected(middle) <= wanted else (low, middle - 1)
    return (ontology + "".join(generate_lines(low, seed=seed))).encode("utf-8")
