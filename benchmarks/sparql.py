"""The query path: our runner on the embedded Oxigraph store against raw pyoxigraph, rdflib over
Oxigraph (oxrdflib) and rdflib's own engine, for the named questions, printed as ratios.

    python -m benchmarks.sparql --triples 100000

A ratio is (time of the other path) / (time of ours): above 1 means ours is faster.
"""

from __future__ import annotations

import argparse
from typing import Any

import pyoxigraph as ox
import rdflib

from benchmarks.common import best_of, scaled_ntriples
from graph.queries import named_queries
from graph.sparql import bind_params, execute

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
        "--rdflib-limit",
        type=int,
        default=200_000,
        help="skip rdflib's own engine above this size (it does not finish in time)",
    )
    args = parser.parse_args(argv)
    records: list[dict[str, Any]] = []
    for triples in args.triples:
        records.extend(run(triples, rdflib_limit=args.rdflib_limit))
    return records


def run(triples: int, *, rdflib_limit: int) -> list[dict[str, Any]]:
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
    print(f"{'question':<20} {'ours (s)':>9} {'raw pyoxigraph':>15} {'oxrdflib':>9} {'rdflib':>9}")
    records = []
    for name in QUESTIONS:
        query = named_queries()[name]
        values = query.example()
        bindings = {ox.Variable(k): v for k, v in bind_params(query, values).items()}
        ours = best_of(lambda: consume(execute(store, query, values)))  # noqa: B023
        raw = best_of(lambda: consume(store.query(query.text, substitutions=bindings)))  # noqa: B023
        init = {k.value: to_rdflib(v) for k, v in bindings.items()}
        via = best_of(lambda: consume(oxrdf.query(query.text, initBindings=init)), repeat=3)  # noqa: B023
        slow = (
            best_of(lambda: consume(native.query(query.text, initBindings=init)), repeat=1)  # noqa: B023
            if native is not None
            else None
        )
        print(
            f"{name:<20} {ours:>9.4f} {raw / ours:>14.2f}x {via / ours:>8.2f}x "
            f"{(f'{slow / ours:.1f}x' if slow is not None else 'skipped'):>9}"
        )
        records.append(
            {
                "family": "questions",
                "size": len(store),
                "question": name,
                "seconds": {"ours": ours, "pyoxigraph": raw, "oxrdflib": via, "rdflib": slow},
            }
        )
    return records


if __name__ == "__main__":
    main()
