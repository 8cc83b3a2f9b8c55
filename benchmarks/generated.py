"""A seeded generator of graphs shaped like the curated one, for benchmarks.

Governments govern and sanction countries and pressure chip suppliers and device makers;
chip suppliers supply device makers, with heavy-tailed degrees (a few suppliers feed many);
suppliers and device makers export to countries and are headquartered in them; device
makers make products. Every relation has its claim with a status,
a source and, for pressure, a stance, so a relation costs about seven triples.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import cache

from rdflib import Graph

from graph import default_ontology_dir

__all__ = ["generate"]

ID = "https://w3id.org/sanctions-kg/id/"
SKG = "https://w3id.org/sanctions-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TRIPLES_PER_RELATION = 7


@cache
def _ontology() -> str:
    return Graph().parse(default_ontology_dir() / "sanctions.ttl").serialize(format="nt")


def _skewed(rng: random.Random, names: list[str]) -> str:
    """A name picked with weight 1/rank: a few are picked very often."""
    return rng.choices(names, weights=[1 / (i + 1) for i in range(len(names))])[0]


def _lines(relations: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    countries = [f"country-{i}" for i in range(max(5, relations // 5000))]
    governments = [f"government-{i}" for i in range(len(countries))]
    suppliers = [f"supplier-{i}" for i in range(max(3, relations // 100))]
    oems = [f"oem-{i}" for i in range(max(5, relations // 20))]
    for cls, names in (
        ("Country", countries),
        ("Government", governments),
        ("ChipSupplier", suppliers),
        ("OEM", oems),
        ("ProductCategory", [f"product-{i}" for i in range(8)]),
    ):
        for name in names:
            yield f'<{ID}{name}> <{RDF}type> <{SKG}{cls}> .\n<{ID}{name}> <{LABEL}> "{name}"@en .\n'
    yield f"<{ID}source-0> <{RDF}type> <{SKG}Source> .\n"
    kinds = [
        ("supplies", 0.3),
        ("exportsTo", 0.25),
        ("pressures", 0.15),
        ("sanctions", 0.04),
        ("headquarteredIn", 0.14),
        ("makes", 0.1),
        ("governs", 0.02),
    ]
    products = [f"product-{i}" for i in range(8)]
    for number in range(relations):
        kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
        if kind == "supplies":
            s, o = _skewed(rng, suppliers), rng.choice(oems)
        elif kind == "exportsTo":
            s, o = rng.choice(oems + suppliers), _skewed(rng, countries)
        elif kind == "pressures":
            s, o = _skewed(rng, governments), rng.choice(suppliers + oems)
        elif kind == "sanctions":
            s, o = _skewed(rng, governments), rng.choice(countries)
        elif kind == "headquarteredIn":
            s, o = rng.choice(oems + suppliers), _skewed(rng, countries)
        elif kind == "makes":
            s, o = rng.choice(oems), rng.choice(products)
        else:
            s, o = rng.choice(governments), rng.choice(countries)
        claim = f"<{ID}claim-{number}>"
        status = rng.choice(["Active", "Active", "Reduced", "Halted", "Threatened"])
        yield (
            f"<{ID}{s}> <{SKG}{kind}> <{ID}{o}> .\n{claim} <{RDF}type> <{SKG}Claim> .\n"
            f"{claim} <{RDF}subject> <{ID}{s}> .\n{claim} <{RDF}predicate> <{SKG}{kind}> .\n"
            f"{claim} <{RDF}object> <{ID}{o}> .\n{claim} <{SKG}status> <{SKG}{status}> .\n"
            f"{claim} <{SKG}source> <{ID}source-0> .\n"
        )
        if kind == "pressures":
            stance = rng.choice(["TowardsCompliance", "TowardsCompliance", "TowardsResistance"])
            yield f"{claim} <{SKG}stance> <{SKG}{stance}> .\n"


def generate(triples: int, *, seed: int = 0) -> bytes:
    """N-Triples of about ``triples`` triples (ontology included), the same for the same seed."""
    ontology = _ontology()
    relations = max(10, (triples - ontology.count("\n")) // TRIPLES_PER_RELATION)
    return (ontology + "".join(_lines(relations, seed))).encode("utf-8")
