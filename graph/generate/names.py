"""The names of the generated entities, computed from their indices: made-up words and kinds."""

from __future__ import annotations

from collections.abc import Sequence

from graph.generate.world import _World

__all__ = ["PUBLISHERS"]

SYLLABLES = ("bel", "cor", "dan", "est", "fal", "gor", "hal", "ist", "kor", "lan", "mar", "nor")
PINYIN = ("hua", "xin", "zhong", "tian", "long", "mei", "kang", "rui", "hai", "feng", "jin", "teng")
CITIES = ("Shenzhen", "Dongguan", "Hangzhou", "Xiamen", "Chengdu", "Wuhan", "Suzhou", "Ningbo")
OEM_KINDS = ("Electronics", "Mobile", "Technology", "Communication", "Computer", "Intelligent Devices")
SUPPLIER_KINDS = ("Semiconductor", "Micro Devices", "Silicon", "Microelectronics", "Chips")
AGENCIES = ("Export Control Bureau", "Ministry of Commerce", "Treasury", "Customs Office", "Trade Ministry")
PUBLISHERS = ("The Trade Ledger", "Global Supply Wire", "Export Control Review", "Chip Industry Daily")


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
