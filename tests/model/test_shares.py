"""Shares read as the sources state them: one figure, a range, a bound, each end exclusive or not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.model.shares import Share, read_share

D = Decimal


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("50", Share("50", exact=D("50"))),
        ("50.01", Share("50.01", exact=D("50.01"))),
        (" 100 %", Share(" 100 %", exact=D("100"))),
        ("0", Share("0", exact=D("0"))),
        ("25-50", Share("25-50", minimum=D("25"), maximum=D("50"))),
        ("25 – 50 %", Share("25 – 50 %", minimum=D("25"), maximum=D("50"))),
        ("25% to 50%", Share("25% to 50%", minimum=D("25"), maximum=D("50"))),
        ("between 25 and 50", Share("between 25 and 50", minimum=D("25"), maximum=D("50"))),
        ("25-25", Share("25-25", minimum=D("25"), maximum=D("25"))),
        (">25", Share(">25", minimum=D("25"), minimum_exclusive=True)),
        (">= 25", Share(">= 25", minimum=D("25"))),
        ("≥25", Share("≥25", minimum=D("25"))),
        ("more than 50%", Share("more than 50%", minimum=D("50"), minimum_exclusive=True)),
        ("More Than 50 %", Share("More Than 50 %", minimum=D("50"), minimum_exclusive=True)),
        ("over 25", Share("over 25", minimum=D("25"), minimum_exclusive=True)),
        ("at least 75", Share("at least 75", minimum=D("75"))),
        ("not less than 10", Share("not less than 10", minimum=D("10"))),
        ("<10", Share("<10", maximum=D("10"), maximum_exclusive=True)),
        ("less than 10%", Share("less than 10%", maximum=D("10"), maximum_exclusive=True)),
        ("<=10", Share("<=10", maximum=D("10"))),
        ("up to 10%", Share("up to 10%", maximum=D("10"))),
        ("not more than 50", Share("not more than 50", maximum=D("50"))),
    ],
)
def test_each_form_is_read_with_its_words(stated: str, expected: Share) -> None:
    assert read_share(stated) == expected


@pytest.mark.parametrize(
    ("stated", "why"),
    [
        ("fifty", "is not a percentage: one figure"),
        ("", "is not a percentage: one figure"),
        ("50,5", "is not a percentage: one figure"),  # a decimal comma or a list: not guessed
        ("-5", "is not a percentage: one figure"),
        ("1e1", "is not a percentage: one figure"),
        ("about 50", "is not a percentage: one figure"),
        ("150", "is not a percentage from 0 to 100"),
        ("25-150", "is not a percentage from 0 to 100"),
        ("> 100", "is an empty range"),
        ("<0", "is an empty range"),
        ("50-25", "is an empty range"),
    ],
)
def test_what_cannot_be_read_says_why(stated: str, why: str) -> None:
    with pytest.raises(ValueError, match=why) as caught:
        read_share(stated)
    assert repr(stated) in str(caught.value)
