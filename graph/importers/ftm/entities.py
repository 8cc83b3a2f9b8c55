"""FollowTheMoney entities as entities of the graph: organisations (companies, or government
bodies) and people, with their identifiers, addresses, birth dates and, for a company, the
countries it is headquartered in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from followthemoney.proxy import EntityProxy

from graph.importers.common import entity_iri, iri, literal
from graph.importers.ftm.read import _date, _is_government, _label, _wikidata
from graph.importers.ftm.schemata import IDENTIFIERS, handling
from graph.importers.ftm.write import LABEL, SAME, TYPE, XSD, P, _Writer

__all__: list[str] = []

COMPANIES = {"Company", "OEM", "ChipSupplier"}


def entity(writer: _Writer, data: dict[str, Any], proxy: EntityProxy) -> str | None:
    """An organisation or a person, into the writer's buffer; the graph's IRI of the entity
    when it resolves to one by its Wikidata id (then no second class or label is written).
    """
    person = handling(proxy.schema) == "person"
    codes = [] if person else [writer.code(v, c) for c in ("jurisdiction", "country") for v in proxy.get(c)]
    qid, curated = _wikidata(proxy, writer.known)
    node = iri(curated or entity_iri("ftm", proxy.id or ""))
    cls = "Person" if person else "Government" if _is_government(proxy) else "Company"
    if curated is None:
        writer.add(node, TYPE, P[cls])
        writer.add(node, LABEL, literal(_label(data, proxy), language="en"))
    writer.add(node, P["record"], literal(proxy.id or ""))
    if qid:
        writer.add(node, SAME, iri(f"http://www.wikidata.org/entity/{qid}"))
    details(writer, node, proxy)
    writer.entities += 1
    if writer.known.classes.get(curated or "", cls) in COMPANIES:
        for code in dict.fromkeys(codes):
            writer.claim(f"{proxy.id}-{code}", node, "headquarteredIn", iri(writer.country(code)), [])
    return curated


def details(writer: _Writer, node: str, proxy: EntityProxy) -> None:
    """The entity's identifiers (each under its scheme's term), addresses and birth dates. Of
    several birth dates, one within a more precise one is left out (it says nothing more), and
    where those kept differ in precision the coarsest is written: the precision is the entity's.
    """
    present = {prop.name for prop in proxy.iterprops()}
    for name in (n for n in (*IDENTIFIERS, "address") if n in present):
        for value in dict.fromkeys(proxy.get(name)):
            writer.add(node, P[name], literal(value))
    if "birthDate" not in present:
        return
    births = _keep_precise({_date(v, "birthDate") for v in proxy.get("birthDate")})
    for day, _ in births:
        writer.add(node, P["birthDate"], literal(day.isoformat(), datatype=XSD + "date"))
    coarsest = next((p for p in ("Year", "Month") if any(b[1] == p for b in births)), None)
    if coarsest is not None:
        writer.add(node, P["birthDatePrecision"], P[coarsest])


Dated = tuple[dt.date, str | None]
WIDTH = {"Year": 4, "Month": 7, None: 10}  # the characters of an ISO date a precision knows


def _keep_precise(dates: set[Dated]) -> list[Dated]:
    """The dates in order, less those a more precise date of the set falls within (``1965``
    beside ``1965-09-21`` says nothing more).

    >>> year, day = (dt.date(1965, 1, 1), "Year"), (dt.date(1965, 9, 21), None)
    >>> _keep_precise({year, day}) == [day], _keep_precise({year}) == [year]
    (True, True)
    """

    def within(date: Dated, other: Dated) -> bool:
        width = WIDTH[date[1]]
        return WIDTH[other[1]] > width and other[0].isoformat()[:width] == date[0].isoformat()[:width]

    kept = [d for d in dates if not any(within(d, other) for other in dates)]
    return sorted(kept, key=lambda d: (d[0], WIDTH[d[1]]))
