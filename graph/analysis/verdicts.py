"""An ownership rule's verdicts (:mod:`graph.analysis.ownership`) as people and programs read
them: plain records (JSON), flat rows (a table, CSV), a DataFrame, a tooltip's text, the part of
the graph they rest on (for a drawing), and the rules side by side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from graph.analysis.claims import Claim
from graph.analysis.ownership import LISTED, NOT_CAPTURED, OWNS, Ownership, Stake, Verdict, ownership
from graph.analysis.rules import Rule, load_rule
from graph.model.namespace import ID

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from graph.analysis.readers import Reader
    from graph.analysis.sources import Source

__all__ = [
    "ROW_COLUMNS",
    "compare_rules",
    "evidence_text",
    "ownership_frame",
    "ownership_graph",
    "ownership_records",
    "ownership_rows",
]


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _claim_record(claim: Claim) -> dict[str, Any]:
    return {
        "claim": claim.id,
        "share": claim.share.stated if claim.share else None,
        "interest": claim.interest,
        "start": claim.start.isoformat() if claim.start else None,
        "end": claim.end.isoformat() if claim.end else None,
        "sources": list(claim.sources),
    }


def _head(result: Ownership, v: Verdict) -> dict[str, Any]:
    """What a record and a row of a verdict begin with: the entity, its verdict and bounds."""
    return {
        "entity": v.entity.removeprefix(str(ID)),
        "label": result.labels.get(v.entity),
        "verdict": v.verdict,
        "basis": v.basis,
        "low": _number(v.low),
        "high": _number(v.high),
    }


def ownership_records(result: Ownership, verdicts: Iterable[Verdict] | None = None) -> list[dict[str, Any]]:
    """Verdicts as plain records (for JSON): each with its bounds, its stakes (owner, relation,
    claims with share as stated, dates and sources), its chain and the chain's listings.
    """
    label = result.labels.get
    records = []
    for v in result.caught() if verdicts is None else verdicts:
        records.append(
            {
                **_head(result, v),
                "stakes": [
                    {
                        "owner": s.owner.removeprefix(str(ID)),
                        "ownerLabel": label(s.owner),
                        "relation": s.relation,
                        "claims": [_claim_record(c) for c in s.claims],
                    }
                    for s in v.stakes
                ],
                "chain": [n.removeprefix(str(ID)) for n in v.chain],
                "listings": [
                    {
                        "party": item.party.removeprefix(str(ID)),
                        "issuer": item.issuer.removeprefix(str(ID)),
                        "measure": item.claim.measure,
                        "authority": item.authority,
                        "program": item.claim.program,
                        "start": item.claim.start.isoformat() if item.claim.start else None,
                        "sources": list(item.claim.sources),
                    }
                    for item in v.listings
                ],
                "rule": result.rule.id,
                "day": result.day.isoformat(),
            }
        )
    return records


def _stake_text(result: Ownership, stake: Stake) -> str:
    """A stake in a table cell: ``Owner 30 (from 2020-01-01 to 2021-06-30; sources: a)``.

    >>> from graph.model.shares import read_share
    >>> claim = Claim("c", share=read_share("25-60"), start=dt.date(2020, 1, 1), sources=("src",))
    >>> found = Ownership(load_rule("ofac"), dt.date(2024, 1, 1), {}, {"x": "X"})
    >>> _stake_text(found, Stake("x", "a", "owns", (claim,)))
    'X 25-60 (from 2020-01-01; sources: src)'
    """
    parts = []
    for claim in stake.claims:
        share = claim.share.stated if claim.share else "share not stated"
        dates = (
            (f"from {claim.start or '?'}" + (f" to {claim.end}" if claim.end else ""))
            if claim.start or claim.end
            else ""
        )
        sources = f"sources: {', '.join(claim.sources)}" if claim.sources else "no source"
        parts.append(f"{share} ({'; '.join(filter(None, [dates, sources]))})")
    owner = result.labels.get(stake.owner) or stake.owner.removeprefix(str(ID))
    verb = "" if stake.relation == OWNS else "controls: "
    return f"{owner} {verb}{'; '.join(parts)}"


ROW_COLUMNS = ("entity", "label", "verdict", "basis", "low", "high", "stakes", "chain", "listing")
"""The columns of :func:`ownership_rows` and :func:`ownership_frame`."""


def ownership_rows(result: Ownership, verdicts: Iterable[Verdict] | None = None) -> list[dict[str, Any]]:
    """Verdicts as flat rows (for a table or CSV): one an entity, its stakes, chain and listings
    as text, its bounds as numbers written as the sources write them.
    """
    label = result.labels.get
    rows = []
    for v in result.caught() if verdicts is None else verdicts:
        rows.append(
            {
                **_head(result, v),
                "stakes": " | ".join(_stake_text(result, s) for s in v.stakes),
                "chain": " <- ".join(label(n) or n.removeprefix(str(ID)) for n in v.chain),
                "listing": " | ".join(
                    f"{item.authority or item.claim.measure or 'listed'}"
                    + (f" ({item.claim.program})" if item.claim.program else "")
                    + f", {', '.join(item.claim.sources) or 'no source'}"
                    for item in v.listings
                ),
            }
        )
    return rows


def evidence_text(result: Ownership, verdict: Verdict) -> str:
    """A verdict's evidence in a few lines of text (a view's tooltip): its bounds and basis, the
    stakes counted, the chain to a listing and the listing's measure and sources.
    """
    [row] = ownership_rows(result, [verdict])
    lines = [f"{result.rule.name}, {result.day}: {verdict.verdict}"]
    if verdict.verdict != LISTED:
        lines.append(f"{row['basis'] or 'no stake'} {row['low']} to {row['high']} %")
        lines += [f"- {_stake_text(result, s)}" for s in verdict.stakes]
        lines.append(f"chain: {row['chain']}")
    lines.append(f"listing: {row['listing'] or 'none'}")
    return "\n".join(lines)


def ownership_graph(reader: Reader, result: Ownership) -> nx.MultiDiGraph:
    """The part of the graph a rule's verdicts rest on, as a projection: the listed parties and
    their listings, the captured and undetermined entities, and the stakes counted.
    """
    from graph.analysis.cone import subgraph  # noqa: PLC0415 - the projection only for a drawing

    shown = [v for v in result.verdicts.values() if v.verdict != NOT_CAPTURED]
    edges = {(s.owner, s.relation, s.owned) for v in shown for s in v.stakes}
    edges |= {(x.issuer, "sanctions", x.party) for v in shown for x in v.listings}
    return subgraph(reader, sorted(edges), [v.entity for v in shown])


def ownership_frame(result: Ownership, verdicts: Iterable[Verdict] | None = None) -> pd.DataFrame:
    """Verdicts as a table (:func:`ownership_rows`; ``low`` and ``high`` as numbers)."""
    import pandas as pd  # noqa: PLC0415 - pandas only for a table

    frame = pd.DataFrame(ownership_rows(result, verdicts), columns=list(ROW_COLUMNS))
    return frame.astype({"low": float, "high": float})


def compare_rules(
    source: Source | Reader,
    rules: Sequence[str | Rule] | None = None,
    *,
    day: dt.date | None = None,
    entities: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rules side by side on the same graph and day: one row an entity any of them catches (or
    each of ``entities``, IRIs), one column a rule (its verdict; ``not in force`` for a rule not
    in force that day).
    """
    import pandas as pd  # noqa: PLC0415 - as above

    from graph.analysis.rules import known_rules  # noqa: PLC0415 - only to compare them all
    from graph.errors import QueryError  # noqa: PLC0415 - as above

    chosen = [r if isinstance(r, Rule) else load_rule(r) for r in (rules or known_rules())]
    when = day or dt.date.today()
    results: dict[str, Ownership | None] = {}
    for rule in chosen:
        try:
            results[rule.id] = ownership(source, rule, day=when)
        except QueryError as exc:
            if exc.parameter != "as-of":
                raise
            results[rule.id] = None
    labels: dict[str, str | None] = {}
    found: set[str] = set()
    for result in results.values():
        if result is not None:
            labels.update(result.labels)
            found |= {v.entity for v in result.caught()}
    rows = []
    for entity in sorted(found if entities is None else entities, key=lambda e: (labels.get(e) or "", e)):
        row: dict[str, Any] = {"entity": entity.removeprefix(str(ID)), "label": labels.get(entity)}
        for rule_id, result in results.items():
            row[rule_id] = "not in force" if result is None else result.of(entity).verdict
        rows.append(row)
    return pd.DataFrame(rows, columns=["entity", "label", *results])
