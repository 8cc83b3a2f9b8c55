"""UN Comtrade's numeric area codes read as countries: ISO 3166-1 numeric codes through
pycountry, and Comtrade's own codes (842 USA, 699 India, 251 France, 757 Switzerland; 0 World,
490 "Other Asia, nes", ...) from ``areas.csv`` beside this module (its origin is in the README
there).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pycountry
from followthemoney.types import registry

__all__: list[str] = []

WHY = {
    "group": "a group of countries, not a country",
    "area": "an area that is not a country (not elsewhere specified, bunkers, free zones, ...)",
    "former": "a retired code of a former area, whose borders are no present country's",
}


@dataclass(frozen=True)
class Area:
    """What a Comtrade code names: a country (its ISO alpha-2 code, lower case) or another area."""

    code: int
    name: str
    kind: str
    alpha2: str | None = None


def alpha2(code: str) -> str | None:
    """The ISO alpha-2 code (lower case) of an ISO alpha-3 country code, or None.

    >>> alpha2("CHN"), alpha2("RUS"), alpha2("W00"), alpha2("China")
    ('cn', 'ru', None, None)
    """
    if not re.fullmatch(r"[A-Z]{3}", code):
        return None
    found = registry.country.clean(code)
    return found if found is not None and re.fullmatch(r"[a-z]{2}", found) else None


@cache
def _table() -> dict[int, Area]:
    """Comtrade's own codes, from ``areas.csv``."""
    text = files(__package__).joinpath("areas.csv").read_text(encoding="utf-8")
    table: dict[int, Area] = {}
    for row in csv.DictReader(io.StringIO(text)):
        country = alpha2(row["iso3"]) if row["kind"] == "country" else None
        table[int(row["code"])] = Area(int(row["code"]), row["name"], row["kind"], country)
    return table


def area(code: str) -> Area | None:
    """The area a Comtrade numeric code names, or None for a code no list has.

    Examples
    --------
    >>> [area(code).alpha2 for code in ("842", "699", "251", "757", "156", "643")]
    ['us', 'in', 'fr', 'ch', 'cn', 'ru']
    >>> area("0"), area("490").kind, area("810").kind, area("999"), area("USA")
    (Area(code=0, name='World', kind='group', alpha2=None), 'group', 'former', None, None)
    """
    if not re.fullmatch(r"[0-9]{1,3}", code):
        return None
    number = int(code)
    known = _table().get(number)
    if known is not None:
        return known
    country = pycountry.countries.get(numeric=f"{number:03d}")
    if country is None:
        return None
    return Area(number, country.name, "country", country.alpha_2.lower())
