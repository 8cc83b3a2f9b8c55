"""FollowTheMoney records that relate entities: sanctions, the edges mapped to relations
(ownership, directorship, family, associate), and the records kept as properties of the
entity they belong to (addresses, identity documents).
"""

from __future__ import annotations

from followthemoney.proxy import EntityProxy

from graph.importers.common import date_terms, entity_iri, iri, literal
from graph.importers.ftm.index import _Index
from graph.importers.ftm.read import _date, _LeftOutError, _LineError
from graph.importers.ftm.schemata import CLAIM_TERMS, DOCUMENTS, KINDS, NOT_MODELLED, RELATIONS, UNREFERENCED
from graph.importers.ftm.write import LABEL, TYPE, XSD, P, _Writer
from graph.model.shares import read_share

__all__: list[str] = []

Terms = list[tuple[str, str]]


def dates(proxy: EntityProxy, starts: tuple[str, ...]) -> Terms:
    """Start (earliest of the first of ``starts`` given) and end (latest) as claim terms."""
    start = next((sorted(_date(v, c) for v in proxy.get(c))[0] for c in starts if proxy.get(c)), None)
    end = max((_date(v, "endDate") for v in proxy.get("endDate")), default=None)
    if start and end and end[0] <= start[0]:
        raise _LineError("endDate", "bad-date", f"ends on {end[0]}, not after it starts ({start[0]})")
    return date_terms(start, end)


def shares(proxy: EntityProxy) -> Terms:
    """The share of an Ownership as stated: the figures of its first ``percentage`` (one, or
    a range or bound with whether each end is exclusive) and every value as written.
    """
    found: Terms = []
    for n, value in enumerate(proxy.get("percentage", quiet=True)):
        try:
            share = read_share(value)
        except ValueError as exc:
            raise _LineError("percentage", "bad-number", str(exc)) from None
        found.append((P["shareStatedAs"], literal(value)))
        if n:
            continue
        for term, number in (
            ("share", share.exact),
            ("shareMinimum", share.minimum),
            ("shareMaximum", share.maximum),
        ):
            if number is not None:
                found.append((P[term], literal(format(number, "f"), datatype=XSD + "decimal")))
        for term, number, exclusive in (
            ("shareMinimumExclusive", share.minimum, share.minimum_exclusive),
            ("shareMaximumExclusive", share.maximum, share.maximum_exclusive),
        ):
            if number is not None:
                found.append((P[term], literal(str(exclusive).lower(), datatype=XSD + "boolean")))
    return found


def sanction(writer: _Writer, index: _Index, proxy: EntityProxy) -> None:
    """A Sanction: its measure, issued by a government that sanctions its entity."""
    codes = [writer.code(v, "country") for v in proxy.get("country")]
    when = dates(proxy, ("startDate", "listingDate"))
    target = index.target(proxy, "entity")
    if not codes:
        raise _LineError("country", "missing-country", "a sanction without a country has no government")
    government, measure = writer.government(codes[0]), iri(entity_iri("ftm", proxy.id or ""))
    names = ("authority", "program", "programId")
    label = next((v for n in names for v in proxy.get(n)), f"Sanction {proxy.id}")
    writer.add(measure, TYPE, P["SanctionsMeasure"])
    writer.add(measure, LABEL, literal(label, language="en"))
    writer.add(measure, P["record"], literal(proxy.id or ""))
    writer.sourced(measure)
    for reference in proxy.get("authorityId")[:1]:
        writer.add(measure, P["reference"], literal(reference))
    writer.entities += 1
    writer.claim(proxy.id or "", measure, "issuedBy", government, [])
    extra = [*when, (P["measure"], measure)]
    extra += [(P["program"], literal(v)) for v in (proxy.get("programId") or proxy.get("program"))[:1]]
    extra += [(P["reason"], literal(v)) for v in proxy.get("reason")]
    writer.claim(proxy.id or "", government, "sanctions", target, extra)


def edge(writer: _Writer, index: _Index, proxy: EntityProxy) -> None:
    """An edge of FollowTheMoney's model (``edge_source`` -> ``edge_target``) as its relation,
    its claim with the dates, the share of an Ownership, and the role or kind as written.
    """
    schema = proxy.schema
    extra = shares(proxy) + dates(proxy, ("startDate",))
    for name, term in CLAIM_TERMS.items():
        extra += [(P[term], literal(v)) for v in dict.fromkeys(proxy.get(name, quiet=True))]
    if schema.name in KINDS and not proxy.get("relationship"):
        extra.append((P["kind"], literal(KINDS[schema.name])))
    source, target = (index.target(proxy, end or "") for end in (schema.edge_source, schema.edge_target))
    writer.claim(proxy.id or "", source, RELATIONS[schema.name], target, extra)


def address(writer: _Writer, index: _Index, proxy: EntityProxy) -> None:
    """An Address: its full text as an address of each entity that points at it (unless that
    entity states the same address itself).
    """
    owners = index.holders(proxy.id or "")
    if not owners:
        raise _LeftOutError(UNREFERENCED)
    full = list(dict.fromkeys(proxy.get("full")))
    if not full:
        raise _LeftOutError(NOT_MODELLED)  # an address without its full text
    for node, own in owners:
        for value in full:
            if hash(value) not in own:
                writer.add(node, P["address"], literal(value))


def document(writer: _Writer, index: _Index, proxy: EntityProxy) -> None:
    """A Passport or other Identification: its number as an identifier of its holder."""
    numbers, term = DOCUMENTS[proxy.schema.name]
    values = list(dict.fromkeys(v for name in numbers for v in proxy.get(name, quiet=True)))
    if not values:
        raise _LeftOutError(NOT_MODELLED)  # a document without its number
    holder = index.target(proxy, "holder")
    for value in values:
        writer.add(holder, P[term], literal(value))
