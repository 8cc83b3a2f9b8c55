"""The generated world's numbers: how many entities of each kind, and each one's fixed traits.

Degrees are heavy-tailed: a few suppliers feed many device makers, a few countries import from
many, a few governments pressure many. Nothing is held in memory but a few numbers: each
entity's fixed traits (home country, parent government, product, issuer) are computed from its
index and the seed, along a golden-ratio sequence.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

__all__ = ["CHIPS", "DAYS", "DEVICES", "FIRST_DAY", "PRODUCTS", "RESISTING", "Sizes", "sizes"]

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
FIRST_DAY, DAYS = dt.date(2019, 1, 1).toordinal(), 6 * 365
GOLDEN = 0.6180339887498949
RESISTING = 2
"""The home country of most device makers, whose government pushes them towards resistance."""


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


def _skewed(rng: random.Random, n: int, power: float = 3) -> int:
    """An index below ``n``, heavy-tailed: 0 is drawn most, then 1, and so on (O(1) a draw)."""
    return int(n * rng.random() ** power)
