"""Who else an ownership rule catches, with the evidence: the listed parties of a rule's lists in
force on a day, then the fixpoint of the entities that they, and the entities already caught,
own (or control, where the rule counts control) past the rule's threshold.

Shares are taken as the sources state them. A stake stated as a range, or not stated at all
(0 to 100 %), gives each aggregate a lower and an upper bound, so there are two fixpoints: one
over the lower bounds (what is surely caught) and one over the upper bounds (what may be). An
entity is ``captured`` when the first holds it, ``undetermined`` when only the second does, and
``not captured`` otherwise; a listed party is ``listed``. Both fixpoints are monotone, so their
order of work changes nothing but the evidence's order.

A rule that adds stakes of different listed parties up (``aggregate``) grows one fixpoint from
all of them; one that does not (the UK's) grows one from each listed party, counting only that
party's holdings and those of the entities it has caught, and an entity is caught when any of
them catches it.

Only what the question touches is read (:func:`read_ownership`): the listings, then the stakes
held by the parties that may be caught, hop by hop, from a store, a file, a build or a server.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from graph.analysis.asof import HALTED, in_force
from graph.analysis.claims import Claim
from graph.analysis.rules import Rule, load_rule, rule_window
from graph.model.namespace import ID, SKG

if TYPE_CHECKING:
    from graph.analysis.readers import Reader
    from graph.analysis.sources import Source

__all__ = [
    "Listing",
    "Ownership",
    "Stake",
    "Verdict",
    "capture",
    "ownership",
    "read_ownership",
]

LISTED, CAPTURED, UNDETERMINED, NOT_CAPTURED = "listed", "captured", "undetermined", "not captured"
RANK = {LISTED: 3, CAPTURED: 2, UNDETERMINED: 1, NOT_CAPTURED: 0}
OWNS, CONTROLS = "owns", "controls"
NOT_IN_FORCE = "stakes not in force on the day"
ZERO, HUNDRED = Decimal(0), Decimal(100)


@dataclass(frozen=True)
class Stake:
    """What ``owner`` holds of ``owned`` by one relation (``owns``, or ``controls``), with the
    claims of it in force on the day asked.
    """

    owner: str
    owned: str
    relation: str
    claims: tuple[Claim, ...]

    @property
    def control_only(self) -> bool:
        """Control that states no share (board appointment, other influence): it captures alone
        where a rule counts control.
        """
        return self.relation == CONTROLS and all(c.share is None for c in self.claims)

    @cached_property
    def bounds(self) -> tuple[Decimal, bool, Decimal, bool]:
        """The least and greatest share its claims allow, each with whether the share may not
        equal it: the hull of its claims' shares (sources that disagree widen it; a claim that
        states no share allows 0 to 100 %).

        >>> from graph.model.shares import Share
        >>> thirty = Share("30", exact=Decimal(30))
        >>> range_ = Share(">25", minimum=Decimal(25), minimum_exclusive=True)
        >>> Stake("x", "a", "owns", (Claim("c1", share=thirty), Claim("c2", share=range_))).bounds
        (Decimal('25'), True, Decimal('100'), False)
        >>> Stake("x", "a", "owns", (Claim("c1"),)).bounds
        (Decimal('0'), False, Decimal('100'), False)
        """
        ends = [
            c.share.bounds() if c.share is not None else (ZERO, False, HUNDRED, False) for c in self.claims
        ]
        low = min(e[0] for e in ends)
        high = max(e[2] for e in ends)
        return (
            low,
            all(e[1] for e in ends if e[0] == low),
            high,
            all(e[3] for e in ends if e[2] == high),
        )


@dataclass(frozen=True)
class Listing:
    """A listing that seeds a rule: ``party`` listed by ``issuer``, as ``claim`` states it, under
    a measure whose label is ``authority``.
    """

    party: str
    issuer: str
    claim: Claim
    authority: str | None


@dataclass(frozen=True)
class Verdict:
    """What a rule makes of one entity, and why.

    ``low`` and ``high`` bound the aggregate share (or voting rights, by ``basis``) that listed
    and caught parties hold; ``stakes`` are the stakes counted; ``chain`` runs from the entity to
    a listed party through the holders that caught it; ``listings`` are that party's listings.
    """

    entity: str
    verdict: str
    basis: str | None = None
    low: Decimal = ZERO
    high: Decimal = ZERO
    stakes: tuple[Stake, ...] = ()
    chain: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()


@dataclass(frozen=True)
class Ownership:
    """A rule's verdicts on a day: every entity the question touched, with what was read."""

    rule: Rule
    day: dt.date
    verdicts: Mapping[str, Verdict]
    labels: Mapping[str, str | None]
    read: int = 0
    skipped: Mapping[str, int] = field(default_factory=dict)

    def caught(self) -> list[Verdict]:
        """The captured and undetermined entities: captured first, then by label and id."""
        found = [v for v in self.verdicts.values() if v.verdict in (CAPTURED, UNDETERMINED)]
        return sorted(found, key=lambda v: (-RANK[v.verdict], self.labels.get(v.entity) or "", v.entity))

    def of(self, entity: str) -> Verdict:
        """The verdict on ``entity``: ``not captured`` with no evidence if nothing reached it."""
        return self.verdicts.get(entity, Verdict(entity, NOT_CAPTURED))


# -- the fixpoint -----------------------------------------------------------------------------


def _reaches(rule: Rule, value: Decimal, open_: bool, *, upper: bool) -> bool:
    """Whether an aggregate bound meets the rule's threshold: surely (``upper`` false: ``value``
    is a lower bound, ``open_`` when the share is more than it) or possibly (an upper bound,
    ``open_`` when the share is less than it).
    """
    threshold = rule.threshold
    if upper:
        return value > threshold or (value == threshold and rule.comparison == ">=" and not open_)
    return value > threshold or (value == threshold and (rule.comparison == ">=" or open_))


@dataclass
class _Sum:
    value: Decimal = ZERO
    open: bool = False

    def add(self, value: Decimal, open_: bool) -> None:
        self.value += value
        self.open = self.open or open_


def _closure(
    rule: Rule,
    roots: Iterable[str],
    out: Mapping[str, Sequence[Stake]],
    *,
    upper: bool,
    fetch: Callable[[list[str]], None] | None = None,
) -> dict[str, str | None]:
    """The parties a rule catches from ``roots`` over the stakes in ``out`` (by owner): each
    with the holder whose stake made it join (``None`` for a root). The holders are taken a
    wave at a time (those that joined in the wave before); ``fetch``, if given, is called with
    each wave first, to read their stakes into ``out``.
    """
    members: dict[str, str | None] = dict.fromkeys(roots)
    sums: dict[tuple[str, str], _Sum] = defaultdict(_Sum)
    wave = sorted(members)
    while wave:
        if fetch is not None:
            fetch(wave)
        joined: list[str] = []
        for holder in wave:
            for stake in out.get(holder, ()):
                owned = stake.owned
                if owned in members or (stake.relation == CONTROLS and not rule.control):
                    continue
                if stake.control_only:
                    joins = True
                else:
                    low, low_open, high, high_open = stake.bounds
                    total = sums[(owned, stake.relation)]
                    total.add(high if upper else low, high_open if upper else low_open)
                    joins = _reaches(rule, total.value, total.open, upper=upper)
                if joins:
                    members[owned] = holder
                    joined.append(owned)
        wave = joined
    return members


def _groups(rule: Rule, roots: Iterable[str]) -> list[tuple[str, ...]]:
    """The parties whose holdings count together: all listed parties, or each alone."""
    ordered = sorted(set(roots))
    return [tuple(ordered)] if rule.aggregate else [(root,) for root in ordered]


def _chain(entity: str, parents: Mapping[str, str | None]) -> tuple[str, ...]:
    chain = [entity]
    while (parent := parents.get(chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return tuple(chain)


def _evidence(
    rule: Rule,
    entity: str,
    into: Sequence[Stake],
    sure: Mapping[str, str | None],
    maybe: Mapping[str, str | None],
) -> Verdict:
    """One group's verdict on ``entity``: the stakes its surely and possibly caught parties hold."""
    verdict = CAPTURED if entity in sure else UNDETERMINED if entity in maybe else NOT_CAPTURED
    counted = [s for s in into if s.owner in maybe and (s.relation == OWNS or rule.control)]
    bases: list[tuple[str | None, Decimal, Decimal]] = []
    for relation, name in ((OWNS, "ownership"), (CONTROLS, "voting rights")):
        stakes = [s for s in counted if s.relation == relation and not s.control_only]
        if stakes:
            low = sum((s.bounds[0] for s in stakes if s.owner in sure), ZERO)
            high = sum((s.bounds[2] for s in stakes), ZERO)
            bases.append((name, low, high))
    if any(s.control_only for s in counted):
        bases.append(
            ("control", HUNDRED if any(s.owner in sure for s in counted if s.control_only) else ZERO, HUNDRED)
        )
    basis, low, high = max(bases, key=lambda b: (b[1], b[2]), default=(None, ZERO, ZERO))
    parents = sure if verdict == CAPTURED else maybe
    chain = _chain(entity, parents) if verdict != NOT_CAPTURED else ()
    return Verdict(entity, verdict, basis, low, high, tuple(counted), chain)


def _effective(
    roots: Sequence[str], out: Mapping[str, Sequence[Stake]], *, upper: bool
) -> dict[str, Decimal]:
    """The share (0 to 100) that ``roots`` hold of each entity they reach by ``owns``, directly
    or through any entity, the shares multiplied along each chain and added over the chains
    (``indirect = "multiplied"``): the least solution of ``h(e) = sum(share(o, e) * h(o) / 100)``
    with ``h`` 100 at the roots and at most 100, reached from below (cycles of cross-holdings
    converge; a sweep stops when nothing changes by more than 10**-12 of a percent, or after
    1,000). Exclusive bounds count as inclusive here: a lower bound only lowers, an upper bound
    only raises, what is held, so no verdict is surer than the shares allow.
    """
    order, seen = list(roots), set(roots)
    into: dict[str, list[Stake]] = defaultdict(list)
    for holder in order:  # breadth first: one sweep settles a chain without cycles
        for stake in out.get(holder, ()):
            if stake.relation == OWNS:
                into[stake.owned].append(stake)
                if stake.owned not in seen:
                    seen.add(stake.owned)
                    order.append(stake.owned)
    held = {node: HUNDRED if n < len(roots) else ZERO for n, node in enumerate(order)}  # roots first
    for _ in range(1_000):
        change = ZERO
        for node in order[len(roots) :]:
            total = sum(
                ((s.bounds[2] if upper else s.bounds[0]) * held[s.owner] / HUNDRED for s in into[node]), ZERO
            )
            total = min(total, HUNDRED)
            change = max(change, total - held[node])
            held[node] = total
        if change <= Decimal("1e-12"):
            break
    return held


def _multiplied(
    rule: Rule,
    group: Sequence[str],
    entity: str,
    into: Mapping[str, Sequence[Stake]],
    held: tuple[Mapping[str, Decimal], Mapping[str, Decimal]],
) -> Verdict:
    """One group's verdict on ``entity`` when indirect holdings multiply along chains
    (``held``: the lower and upper bounds of what the group holds of each entity); the chain
    runs back through the biggest holder each time, to a listed party.
    """
    low, high = held
    owned = [s for s in into.get(entity, ()) if s.relation == OWNS and high.get(s.owner, ZERO) > 0]
    control = [
        s for s in into.get(entity, ()) if rule.control and s.owner in group and s.relation == CONTROLS
    ]
    basis = "ownership" if owned else None
    sure = _reaches(rule, low.get(entity, ZERO), False, upper=False)
    maybe = _reaches(rule, high.get(entity, ZERO), False, upper=True)
    if any(s.control_only for s in control):
        sure, maybe, basis = True, True, "control"
    verdict = CAPTURED if sure else UNDETERMINED if maybe else NOT_CAPTURED
    chain = [entity]
    while chain[-1] not in group:
        holders = [
            s
            for s in into.get(chain[-1], ())
            if s.relation == OWNS and s.owner not in chain and high.get(s.owner, ZERO) > 0
        ]
        if not holders:
            break
        biggest = max(holders, key=lambda s: (s.bounds[2] * high[s.owner], s.owner))
        chain.append(biggest.owner)
    return Verdict(
        entity,
        verdict,
        basis,
        low.get(entity, ZERO),
        high.get(entity, ZERO),
        tuple(owned + control),
        tuple(chain),
    )


def capture(rule: Rule, listings: Sequence[Listing], stakes: Iterable[Stake]) -> dict[str, Verdict]:
    """A rule's verdict on every party the listings and stakes touch.

    Parameters
    ----------
    rule : Rule
        The rule (see :func:`graph.analysis.rules.load_rule`).
    listings : sequence of Listing
        The listings of the rule's lists in force on the day.
    stakes : iterable of Stake
        The stakes in force on the day (others count as not held).

    Returns
    -------
    dict
        Entity -> :class:`Verdict`: ``listed`` for the listed parties, else captured,
        undetermined or not captured (an entity some listed or caught party holds a stake in).

    Examples
    --------
    OFAC FAQ 401: X owns 50 % of A and 10 % of B, A owns 40 % of B: A and B are blocked.

    >>> from graph.model.shares import Share
    >>> def stake(owner, owned, share):
    ...     claim = Claim(f"{owner}-{owned}", share=Share(share, exact=Decimal(share)))
    ...     return Stake(owner, owned, "owns", (claim,))
    >>> x = Listing("X", "us", Claim("listing"), "OFAC")
    >>> stakes = [stake("X", "A", "50"), stake("X", "B", "10"), stake("A", "B", "40")]
    >>> found = capture(load_rule("ofac"), [x], stakes)
    >>> {entity: v.verdict for entity, v in sorted(found.items())}
    {'A': 'captured', 'B': 'captured', 'X': 'listed'}
    >>> found["B"].low, found["B"].chain
    (Decimal('50'), ('B', 'A', 'X'))
    """
    by_party: dict[str, list[Listing]] = defaultdict(list)
    for listing in listings:
        by_party[listing.party].append(listing)
    out: dict[str, list[Stake]] = defaultdict(list)
    into: dict[str, list[Stake]] = defaultdict(list)
    for stake in stakes:
        out[stake.owner].append(stake)
        into[stake.owned].append(stake)
    verdicts: dict[str, Verdict] = {
        party: Verdict(party, LISTED, listings=tuple(found)) for party, found in by_party.items()
    }
    for group in _groups(rule, by_party):
        if rule.indirect == "multiplied":
            held = (_effective(group, out, upper=False), _effective(group, out, upper=True))
            reached = [n for n, share in held[1].items() if share > 0]
        else:
            sure = _closure(rule, group, out, upper=False)
            maybe = _closure(rule, group, out, upper=True)
            reached = list(maybe)
        touched = {s.owned for h in reached for s in out.get(h, ()) if s.relation == OWNS or rule.control}
        for entity in sorted(touched - set(by_party)):
            if rule.indirect == "multiplied":
                found = _multiplied(rule, group, entity, into, held)
            else:
                found = _evidence(rule, entity, into[entity], sure, maybe)
            chain_root = found.chain[-1] if found.chain else None
            found = replace(found, listings=tuple(by_party.get(chain_root or "", ())))
            best = verdicts.get(entity)
            if best is None or (RANK[found.verdict], found.low, found.high) > (
                RANK[best.verdict],
                best.low,
                best.high,
            ):
                verdicts[entity] = found
    return verdicts


# -- reading what the question touches ---------------------------------------------------------


def _current(claims: Iterable[Claim], day: dt.date) -> tuple[Claim, ...]:
    """The claims in force on ``day`` that do not say the relation was halted."""
    return tuple(c for c in claims if in_force(c, day) and c.status != HALTED)


def _listings(reader: Reader, rule: Rule, day: dt.date, skipped: dict[str, int]) -> list[Listing]:
    """The listings in force on ``day`` that the rule's lists name."""
    sanctions, governs = str(SKG.sanctions), str(SKG.governs)
    edges = [(s, "sanctions", o) for s, _, o in reader.triples(sanctions)]
    claims = reader.claims(edges)
    issuers = sorted({s for s, _, _ in edges})
    countries: dict[str, list[str]] = defaultdict(list)
    for s, _, o in reader.edges([(issuer, governs) for issuer in issuers], forward=True):
        countries[s].append(o.removeprefix(str(ID)))
    measures = sorted({str(ID) + c.measure for found in claims.values() for c in found if c.measure})
    labels = {m: a["label"] for m, a in reader.nodes(measures).items()}
    found: list[Listing] = []
    for s, _, o in sorted(edges):
        for claim in claims.get((s, "sanctions", o), ()):
            authority = labels.get(str(ID) + claim.measure) if claim.measure else None
            wanted = any(
                selector.matches(
                    countries=countries[s],
                    issuer=s.removeprefix(str(ID)),
                    authority=authority,
                    program=claim.program,
                    measure=claim.measure,
                )
                for selector in rule.lists
            )
            if not wanted:
                skipped["listings of other lists"] = skipped.get("listings of other lists", 0) + 1
            elif not _current([claim], day):
                skipped["listings not in force on the day"] = (
                    skipped.get("listings not in force on the day", 0) + 1
                )
            else:
                found.append(Listing(o, s, claim, authority))
    return found


def read_ownership(reader: Reader, rule: Rule, day: dt.date, *, also: Collection[str] = ()) -> Ownership:
    """A rule's verdicts on ``day``, reading only the listings and the stakes held by the
    parties that may be caught (hop by hop: the stakes of the parties the upper-bound fixpoint
    adds, until it adds none). Labels are read for the entities listed, captured or
    undetermined, the owners of their stakes, and ``also`` (entities asked about).

    Raises
    ------
    QueryError
        If the rule was not in force on ``day`` (the message gives its windows).
    """
    rule_window(rule, day)
    skipped: dict[str, int] = {}
    listings = _listings(reader, rule, day, skipped)
    relations = {str(SKG.owns): OWNS} | ({str(SKG.controls): CONTROLS} if rule.control else {})
    out: dict[str, list[Stake]] = {}

    def fetch(wave: list[str]) -> None:
        """Read the stakes in force on the day of the holders not read yet."""
        fresh = [node for node in wave if node not in out]
        pairs = [(node, predicate) for node in fresh for predicate in relations]
        triples = [(s, relations[p], o) for s, p, o in reader.edges(pairs, forward=True)]
        claims = reader.claims(triples)
        for node in fresh:
            out[node] = []
        for s, relation, o in sorted(triples):
            current = _current(claims.get((s, relation, o), ()), day)
            if current:
                out[s].append(Stake(s, o, relation, current))
            else:
                skipped[NOT_IN_FORCE] = skipped.get(NOT_IN_FORCE, 0) + 1

    seeds = sorted({x.party for x in listings})
    if rule.indirect == "multiplied":  # a stake counts through any entity: read every descendant
        wave = seeds
        while wave:
            fetch(wave)
            wave = sorted({s.owned for node in wave for s in out[node] if s.relation == OWNS} - set(out))
    else:  # what any group may catch is within what all the listed parties together may catch
        _closure(replace(rule, aggregate=True), seeds, out, upper=True, fetch=fetch)
    stakes = [stake for held in out.values() for stake in held]
    verdicts = capture(rule, listings, stakes)
    shown = [v for v in verdicts.values() if v.verdict != NOT_CAPTURED] + [
        verdicts[e] for e in also if e in verdicts
    ]
    named = {v.entity for v in shown} | {s.owner for v in shown for s in v.stakes} | set(also)
    labels = {node: a["label"] for node, a in reader.nodes(sorted(named)).items()}
    return Ownership(rule, day, verdicts, labels, reader.read, skipped)


def ownership(
    source: Source | Reader,
    rule: str | Rule = "ofac",
    *,
    day: dt.date | None = None,
    also: Collection[str] = (),
) -> Ownership:
    """A rule's verdicts on a day (today by default), read from a store, a build, a file, a
    server or a reader (``also``: entities, by IRI, whose verdict is asked for, not captured
    or not, to be labelled too).

    Examples
    --------
    >>> from graph import build
    >>> found = ownership(build(), "ofac", day=dt.date(2022, 4, 1))
    >>> found.rule.id, found.caught()
    ('ofac', [])
    """
    from graph.analysis.readers import EndpointReader, StoreReader  # noqa: PLC0415 - a reader only when asked
    from graph.analysis.sources import open_reader  # noqa: PLC0415 - as above

    reader = source if isinstance(source, StoreReader | EndpointReader) else open_reader(source)  # type: ignore[arg-type]
    chosen = rule if isinstance(rule, Rule) else load_rule(rule)
    return read_ownership(reader, chosen, day or dt.date.today(), also=also)
