"""N-Triples terms of the generated graph: the ontology's terms, entities, literals and lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.generate.world import PRODUCTS
from graph.model.namespace import ID, SKG

__all__ = [
    "BOUNDS",
    "DATE",
    "DECIMAL",
    "LABEL",
    "NOTATION",
    "OBJECT",
    "PREDICATE",
    "SUBJECT",
    "TYPE",
    "YEAR_MONTH",
    "Pair",
    "T",
]

Pair = tuple[str, str]


T = {name: f"<{SKG[name]}>" for name in SKG.__annotations__}
"""Every term of the ontology in N-Triples form, by name."""
TYPE, LABEL, NOTATION, SUBJECT, PREDICATE, OBJECT = (
    f"<{t}>" for t in (RDF.type, RDFS.label, SKOS.notation, RDF.subject, RDF.predicate, RDF.object)
)
DATE, YEAR_MONTH, DECIMAL = (f"^^<{t}>" for t in (XSD.date, XSD.gYearMonth, XSD.decimal))
BOUNDS = tuple(T[name] for name in ("MoreThan", "Almost", "About", "Exactly"))


def _node(kind: str, index: int) -> str:
    return f"<{ID}{kind}-{index}>"


def _product(p: int) -> str:
    return f"<{ID}{PRODUCTS[p][0]}>"


def _text(text: str, suffix: str = "") -> str:
    """An N-Triples literal: ``text`` quoted and escaped, then a language tag or a datatype."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"{suffix}'


def _date(day: int) -> str:
    return f'"{dt.date.fromordinal(day).isoformat()}"{DATE}'


def _render(node: str, pairs: Iterable[Pair]) -> str:
    return "".join(f"{node} {key} {value} .\n" for key, value in pairs)
