"""Shares as the sources state them: a percentage read into one figure, or a range or a bound
with its ends exclusive or not (as BODS 0.4 states a share: exact, minimum, maximum,
exclusiveMinimum, exclusiveMaximum), keeping the words it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Share", "read_share"]

# A bound's words -> (which end it gives, whether the share may not equal it).
BOUNDS = {
    ">": ("minimum", True),
    "more than": ("minimum", True),
    "over": ("minimum", True),
    "above": ("minimum", True),
    ">=": ("minimum", False),
    "≥": ("minimum", False),
    "at least": ("minimum", False),
    "not less than": ("minimum", False),
    "<": ("maximum", True),
    "less than": ("maximum", True),
    "under": ("maximum", True),
    "below": ("maximum", True),
    "<=": ("maximum", False),
    "≤": ("maximum", False),
    "at most": ("maximum", False),
    "up to": ("maximum", False),
    "not more than": ("maximum", False),
}
NUMBER = r"(\d+(?:\.\d+)?)\s*%?"
EXACT = re.compile(rf"{NUMBER}")
RANGE = re.compile(rf"(?:between\s+)?{NUMBER}\s*(?:-|–|—|to|and)\s*{NUMBER}")
BOUND = re.compile(rf"({'|'.join(re.escape(w) for w in sorted(BOUNDS, key=len, reverse=True))})\s*{NUMBER}")


@dataclass(frozen=True)
class Share:
    """A share in percent as a source states it: ``exact`` for one figure, else a ``minimum``
    and / or a ``maximum``, each exclusive or not; ``stated`` is the text as written.
    """

    stated: str
    exact: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    minimum_exclusive: bool = False
    maximum_exclusive: bool = False

    def bounds(self) -> tuple[Decimal, bool, Decimal, bool]:
        """The least and the greatest share it allows, each with whether the share may not
        equal it: an exact figure is both; a missing end is 0 or 100, which the share may equal.

        >>> Share("50", exact=Decimal(50)).bounds()
        (Decimal('50'), False, Decimal('50'), False)
        >>> Share(">25", minimum=Decimal(25), minimum_exclusive=True).bounds()
        (Decimal('25'), True, Decimal('100'), False)
        >>> Share("unknown").bounds()
        (Decimal('0'), False, Decimal('100'), False)
        """
        if self.exact is not None:
            return self.exact, False, self.exact, False
        low = (self.minimum, self.minimum_exclusive) if self.minimum is not None else (Decimal(0), False)
        high = (self.maximum, self.maximum_exclusive) if self.maximum is not None else (Decimal(100), False)
        return low[0], low[1], high[0], high[1]


def _percent(text: str, stated: str) -> Decimal:
    """A number from 0 to 100."""
    number = Decimal(text)
    if number > 100:
        raise ValueError(f"{stated!r} is not a percentage from 0 to 100")
    return number


def read_share(stated: str) -> Share:
    """Read a percentage as written (FollowTheMoney's ``percentage``, a register's band).

    Parameters
    ----------
    stated : str
        One figure (``50``, ``50.01``, ``100 %``), a range (``25-50``, ``25 to 50``, read as
        including both ends), or a bound (``>25``, ``more than 50%``, ``at least 25``, ``<10``,
        ``up to 10%``).

    Returns
    -------
    Share

    Raises
    ------
    ValueError
        If the text is none of these, or a figure is above 100, or a range is empty.

    Examples
    --------
    >>> read_share("50.01").exact, read_share(" 100 %").exact
    (Decimal('50.01'), Decimal('100'))
    >>> share = read_share("25-50")
    >>> share.minimum, share.maximum, share.minimum_exclusive, share.maximum_exclusive
    (Decimal('25'), Decimal('50'), False, False)
    >>> share = read_share(">25")
    >>> share.minimum, share.minimum_exclusive, share.maximum
    (Decimal('25'), True, None)
    >>> share = read_share("more than 50%")
    >>> share.stated, share.minimum, share.minimum_exclusive, share.exact
    ('more than 50%', Decimal('50'), True, None)
    >>> share = read_share("<10")
    >>> share.minimum, share.maximum, share.maximum_exclusive
    (None, Decimal('10'), True)
    >>> read_share("at least 25").minimum_exclusive, read_share("up to 10%").maximum_exclusive
    (False, False)
    >>> read_share("fifty")
    Traceback (most recent call last):
    ...
    ValueError: 'fifty' is not a percentage: one figure, a range (25-50) or a bound (>25)
    >>> read_share("50-25")
    Traceback (most recent call last):
    ...
    ValueError: '50-25' is an empty range
    """
    text = " ".join(stated.split()).casefold()
    if found := EXACT.fullmatch(text):
        return Share(stated, exact=_percent(found[1], stated))
    if found := RANGE.fullmatch(text):
        low, high = _percent(found[1], stated), _percent(found[2], stated)
        if high < low:
            raise ValueError(f"{stated!r} is an empty range")
        return Share(stated, minimum=low, maximum=high)
    if found := BOUND.fullmatch(text):
        end, exclusive = BOUNDS[found[1]]
        number = _percent(found[2], stated)
        if exclusive and number == (100 if end == "minimum" else 0):
            raise ValueError(f"{stated!r} is an empty range")
        if end == "minimum":
            return Share(stated, minimum=number, minimum_exclusive=exclusive)
        return Share(stated, maximum=number, maximum_exclusive=exclusive)
    raise ValueError(f"{stated!r} is not a percentage: one figure, a range (25-50) or a bound (>25)")
