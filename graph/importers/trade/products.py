"""Which product category a commodity code counts as: the graph's category of that HS code
(``skos:notation``), else of its heading (4 digits), else of its chapter (2 digits); else a new
category of its own. New HS categories meet the graph's through ``skos:broader`` by notation
prefix, among the codes the graph and the file carry (no code is made up).
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from graph.importers.trade.read import SPLIT_IN_HS2022, VINTAGES, Row

__all__: list[str] = []

WIDER_NOTE = (
    "Comtrade code {code} ({vintage}): telephones for cellular or other wireless networks, which "
    "holds smartphones and other mobile phones; counted as smartphones (HS2022 {target})."
)
LEVELS = {4: "heading", 2: "chapter"}


def known_product(products: Mapping[str, str], row: Row) -> tuple[str | None, str]:
    """The graph's product a row counts as (None: none), and what to note about how.

    Examples
    --------
    >>> from decimal import Decimal
    >>> products = {"8542": "ic", "851713": "phones", "85": "electrical", "TOTAL": "all"}
    >>> def row(code, vintage="H5"):
    ...     return Row(2, "cn", "us", code, vintage, True, 2020, "M", Decimal(1))
    >>> known_product(products, row("8542")), known_product(products, row("854239"))[0]
    (('ic', ''), 'ic')
    >>> known_product(products, row("8517"))
    ('electrical', 'HS 8517 counted under its chapter 85 (the graph has no product 8517).')
    >>> known_product(products, row("851712"))[0], known_product(products, row("7764", "S4"))
    ('phones', (None, ''))
    >>> known_product(products, row("TOTAL", "S4"))
    ('all', '')
    """
    code = row.code
    if code == "TOTAL" and code in products:
        return products[code], ""
    if row.vintage.startswith("S"):
        return None, ""  # the graph's notations are HS codes
    target = SPLIT_IN_HS2022.get(code)
    if target is not None and target in products:
        return products[target], WIDER_NOTE.format(code=code, vintage=VINTAGES[row.vintage], target=target)
    if code in products:
        return products[code], ""
    for length, level in LEVELS.items():
        if len(code) > length and code[:length] in products:
            note = f"HS {code} counted under its {level} {code[:length]} (the graph has no product {code})."
            return products[code[:length]], note
    return None, ""


def broader(code: str, codes: Set[str]) -> str | None:
    """The nearest code above an HS code (its heading, then its chapter) among ``codes``.

    >>> broader("854239", {"85", "8542"}), broader("854239", {"85"}), broader("85", {"85"})
    ('8542', '85', None)
    """
    for length in LEVELS:
        if len(code) > length and code[:length] in codes:
            return code[:length]
    return None


def hierarchy(products: Mapping[str, str], minted: Mapping[str, str]) -> list[tuple[str, str]]:
    """The ``skos:broader`` links (narrower, broader) that new HS categories make: from each
    new one to the nearest category above it, and from each of the graph's to a new one when
    that is the nearest above it.

    >>> hierarchy({"8542": "ic", "854231": "cpu"}, {"85": "hs-85", "854239": "hs-854239"})
    [('ic', 'hs-85'), ('hs-854239', 'ic')]
    """
    entities = {**products, **minted}
    links = []
    for code, entity in sorted(entities.items()):
        above = broader(code, entities.keys())
        if above is not None and (code in minted or above in minted):
            links.append((entity, entities[above]))
    return links
