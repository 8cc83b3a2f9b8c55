"""Claims: the evidence behind an edge of the projection (:class:`Claim`), and how claims are
read from a store, in bulk or one at a time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import RDF

from graph.model.namespace import SKG
from graph.model.shares import Share

__all__ = ["Claim"]


@dataclass(frozen=True)
class Claim:
    """The evidence behind an edge: one claim with its qualifiers and sources.

    ``status``, ``stance``, ``product`` and ``measure`` are local names (``Halted``,
    ``TowardsCompliance``, ``laptops``, ``bis-russia-ear-rule``); ``sources`` are source ids;
    ``program`` is a listing's programme as the source names it; ``share`` is the share a stake
    claims, as stated; ``interest`` the kind of interest as the source names it (BODS
    ``shareholding``, ``votingRights``, ...).
    """

    id: str
    status: str | None = None
    stance: str | None = None
    product: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    sources: tuple[str, ...] = ()
    quote: str | None = None
    unverified: bool = False
    measure: str | None = None
    program: str | None = None
    share: Share | None = None
    interest: str | None = None


def _name(term: Any) -> str:
    """The local name of an IRI term: what follows its last ``#`` or ``/``."""
    value: str = term.value
    return value[max(value.rfind("#"), value.rfind("/")) + 1 :]


def _local(term: Any) -> str | None:
    return _name(term) if term is not None else None


def _value(term: Any) -> str | None:
    return term.value if term is not None else None


def _date(term: Any) -> dt.date | None:
    return dt.date.fromisoformat(term.value) if term is not None else None


def _values(store: ox.Store, predicate: str) -> dict[str, list[Any]]:
    """Every subject of ``predicate`` in the default graph with its objects: one index scan,
    much cheaper than an OPTIONAL per claim property (left joins) on millions of triples.
    """
    found: dict[str, list[Any]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph()):
        if isinstance(quad.subject, ox.NamedNode):
            found[quad.subject.value].append(quad.object)
    return found


def _claim_subjects(store: ox.Store) -> set[str]:
    """The IRIs typed ``skg:Claim`` in the default graph."""
    typed, claim = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SKG.Claim))
    # (any other link to skg:Claim, or a claim in another graph, names nothing the claim
    # properties, read from the default graph only, can make a claim of)
    pattern = store.quads_for_pattern(None, typed, claim, ox.DefaultGraph())  # pragma: no mutate
    return {q.subject.value for q in pattern if isinstance(q.subject, ox.NamedNode)}


CLAIM_TERMS = tuple(
    str(term)
    for term in (
        RDF.subject,
        RDF.predicate,
        RDF.object,
        SKG.status,
        SKG.stance,
        SKG.product,
        SKG.startDate,
        SKG.endDate,
        SKG.startPrecision,
        SKG.source,
        SKG.quote,
        SKG.unverified,
        SKG.measure,
        SKG.program,
        SKG.share,
        SKG.shareMinimum,
        SKG.shareMaximum,
        SKG.shareMinimumExclusive,
        SKG.shareMaximumExclusive,
        SKG.shareStatedAs,
        SKG.interestType,
    )
)
"""The properties of a claim the projection reads (IRIs as strings: plain keys, cheap to hash)."""
(SUBJECT, PREDICATE, OBJECT, STATUS, STANCE, PRODUCT, START, END, PRECISION, SOURCE, QUOTE, UNVERIFIED) = (
    CLAIM_TERMS[:12]
)
MEASURE, PROGRAM, EXACT, MINIMUM, MAXIMUM, MINIMUM_OPEN, MAXIMUM_OPEN, STATED, INTEREST = CLAIM_TERMS[12:]


def _true(term: Any) -> bool:
    return term is not None and term.value in ("true", "1")  # xsd:boolean: both mean true


def _share(first: Callable[[str], Any]) -> Share | None:
    """A stake's share from its claim's terms (``first`` gives the first value of a term), or
    ``None`` if the claim states none.

    >>> values = {MINIMUM: ox.Literal("25"), MINIMUM_OPEN: ox.Literal("true"), STATED: ox.Literal(">25")}
    >>> share = _share(values.get)
    >>> share.stated, share.minimum, share.minimum_exclusive, share.maximum
    ('>25', Decimal('25'), True, None)
    >>> _share({}.get) is None
    True
    """
    exact, low, high, stated = first(EXACT), first(MINIMUM), first(MAXIMUM), first(STATED)
    if exact is None and low is None and high is None and stated is None:
        return None
    figures = [Decimal(t.value) if t is not None else None for t in (exact, low, high)]
    words = stated.value if stated is not None else next(t.value for t in (exact, low, high) if t is not None)
    return Share(
        words,
        exact=figures[0],
        minimum=figures[1],
        maximum=figures[2],
        minimum_exclusive=_true(first(MINIMUM_OPEN)),
        maximum_exclusive=_true(first(MAXIMUM_OPEN)),
    )


def _claim(claim: str, objects: Callable[[str], Sequence[Any]]) -> tuple[tuple[str, str, str], Claim] | None:
    """A claim and its relation triple, from ``objects`` (the objects of each of its
    properties); ``None`` if it lacks its subject, predicate or object.
    """

    def first(term: str) -> Any:
        # the first value by its text (pyoxigraph's terms order by it too), or None
        return min(objects(term), key=lambda t: t.value, default=None)  # pragma: no mutate

    s, p, o = first(SUBJECT), first(PREDICATE), first(OBJECT)
    if s is None or p is None or o is None:
        return None
    quote, unverified = first(QUOTE), first(UNVERIFIED)
    return (s.value, _name(p), o.value), Claim(
        id=_name(ox.NamedNode(claim)),
        status=_local(first(STATUS)),
        stance=_local(first(STANCE)),
        product=_local(first(PRODUCT)),
        start=_date(first(START)),
        end=_date(first(END)),
        precision=_local(first(PRECISION)),
        sources=tuple(sorted({_name(t) for t in objects(SOURCE)})),
        quote=_value(quote),
        unverified=_true(unverified),
        measure=_local(first(MEASURE)),
        program=_value(first(PROGRAM)),
        share=_share(first),
        interest=_value(first(INTEREST)),
    )


def _claims(store: ox.Store) -> dict[tuple[str, str, str], list[Claim]]:
    tables = {term: _values(store, term) for term in CLAIM_TERMS}
    found: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in sorted(_claim_subjects(store)):
        read = _claim(claim, lambda term: tables[term].get(claim, ()))  # noqa: B023
        if read is not None:
            found[read[0]].append(read[1])
    return found


def _claim_of(store: ox.Store, claim: ox.NamedNode) -> tuple[tuple[str, str, str], Claim] | None:
    """One claim read from its own triples: its relation triple and its Claim."""
    values: dict[str, list[Any]] = defaultdict(list)
    for quad in store.quads_for_pattern(claim, None, None, ox.DefaultGraph()):
        values[quad.predicate.value].append(quad.object)
    if str(SKG.Claim) not in {t.value for t in values.get(str(RDF.type), [])}:
        return None
    return _claim(claim.value, lambda term: values.get(term, ()))
