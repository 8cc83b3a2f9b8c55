"""The query path: our runner on the embedded Oxigraph store against raw pyoxigraph, rdflib over
Oxigraph (oxrdflib) and rdflib's own engine, for the named questions, printed as ratios.

    python -m benchmarks.sparql --triples 100000

A ratio is (time of the other path) / (time of ours): above 1 means ours is faster. "raw
pyoxigraph" and oxrdflib run the same text ours sends (parameters in a VALUES block) straight
on the store and through rdflib's API: the ratios are our overhead and rdflib's.
"substitutions" passes the parameters as pyoxigraph's ``substitutions`` instead, which
Oxigraph plans before binding them (measured up to ``--substitutions-limit`` triples: above,
one question can take minutes).
"""

from __future__ import annotations

import argparse
from typing import Any

import pyoxigraph as ox
import rdflib

from benchmarks.common import best_of, scaled_ntriples
from graph.sparql.queries import named_queries
from graph.sparql.run import bind_params, execute, with_values

QUESTIONS = (
    "export-halts",
    "trade-changes",
    "pressures-on",
    "sources",
    "pressure-reach",
    "disputed-relations",
)


def consume(result: Any) -> int:
    """Read every row of a result (queries are lazy), and count them."""
    return sum(1 for _ in result)


def to_rdflib(term: object) -> rdflib.term.Identifier:
    """A pyoxigraph term as rdflib's, for rdflib's initBindings."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    assert isinstance(term, ox.Literal)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """Generate a graph of each size asked, load it into each engine, and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000])
    parser.add_argument(
        "--substitutions-limit",
        type=int,
        default=200_000,
        help="skip pyoxigraph's substitutions above this size (some plans take minutes)",
    )
    parser.add_argument(
        "--rdflib-limit",
        type=int,
        default=200_000,
        help="skip rdflib's own engine above this size (it does not finish in time)",
    )
    args = parser.parse_args(argv)
    records: list[dict[str, Any]] = []
    for triples in args.triples:
        records.extend(
            run(triples, rdflib_limit=args.rdflib_limit, substitutions_limit=args.substitutions_limit)
        )
    return records


def run(triples: int, *, rdflib_limit: int, substitutions_limit: int = 200_000) -> list[dict[str, Any]]:
    """One size: the graph, its engines, a line and a record per question."""
    data = scaled_ntriples(triples)
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    print(f"{len(store)} triples")
    oxrdf = rdflib.Graph(store="Oxigraph")
    oxrdf.parse(data=data.decode("utf-8"), format="nt")
    native = None
    if len(store) <= rdflib_limit:
        native = rdflib.Graph()
        native.parse(data=data.decode("utf-8"), format="nt")
    print(
        f"{'question':<20} {'ours (s)':>9} {'raw pyoxigraph':>15} {'substitutions':>14} "
        f"{'oxrdflib':>9} {'rdflib':>9}"
    )
    records = []
    for name in QUESTIONS:
        query = named_queries()[name]
        values = query.example()
        bindings = {ox.Variable(k): v for k, v in bind_params(query, values).items()}
        ours = best_of(lambda: consume(execute(store, query, values)))  # noqa: B023
        text = with_values(query, bind_params(query, values))
        raw = best_of(lambda: consume(store.query(text)))  # noqa: B023
        substituted = (
            best_of(lambda: consume(store.query(query.text, substitutions=bindings)), repeat=1)  # noqa: B023
            if len(store) <= substitutions_limit
            else None
        )
        init = {k.value: to_rdflib(v) for k, v in bindings.items()}
        via = best_of(lambda: consume(oxrdf.query(text)), repeat=3)  # noqa: B023
        slow = (
            best_of(lambda: consume(native.query(query.text, initBindings=init)), repeat=1)  # noqa: B023
            if native is not None
            else None
        )
        shown = {
            key: f"{value / ours:.2f}x" if value is not None else "skipped"
            for key, value in (("substitutions", substituted), ("rdflib", slow))
        }
        print(
            f"{name:<20} {ours:>9.4f} {raw / ours:>14.2f}x {shown['substitutions']:>14} "
            f"{via / ours:>8.2f}x {shown['rdflib']:>9}"
        )
        records.append(
            {
                "family": "questions",
                "size": len(store),
                "question": name,
                "seconds": {
                    "ours": ours,
                    "pyoxigraph": raw,
                    "substitutions": substituted,
                    "oxrdflib": via,
                    "rdflib": slow,
                },
            }
        )
    return records


if __name__ == "__main__":
    main()
