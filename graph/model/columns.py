"""The tables of ``data/`` and their columns: the file of each table and the classes its rows
may have, the columns of a class, and the checks of a table's header.

Which columns a table has comes from the shapes (:func:`graph.model.schema.columns_for_class`),
never from code; :mod:`graph.model.tables` reads the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib.namespace import RDF
from rdflib.term import URIRef

from graph.errors import Problem
from graph.model.namespace import SKG
from graph.model.ontology import Ontology, local_name, subclasses
from graph.model.schema import Column, columns_for_class

__all__ = ["TABLES", "TableSpec", "columns_of"]

ID_COLUMN = "id"
CLASS_COLUMN = "class"
LANG_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class TableSpec:
    """A table of ``data/``: its file name and the classes its rows may have.

    Where ``class_column`` is true a ``class`` column picks each row's class;
    else every row is of ``roots[0]``.
    """

    file: str
    roots: tuple[URIRef, ...]
    class_column: bool = False


TABLES: tuple[TableSpec, ...] = (
    TableSpec("sources.csv", (SKG.Source,)),
    TableSpec("entities.csv", (SKG.Actor, SKG.ProductCategory, SKG.Event), class_column=True),
    TableSpec("measures.csv", (SKG.SanctionsMeasure,), class_column=True),
    TableSpec("trade.csv", (SKG.TradeObservation,)),
    TableSpec("claims.csv", (SKG.Claim,)),
)


def _classes(onto: Ontology, spec: TableSpec) -> dict[str, URIRef]:
    """The classes a row of the table may name, by local name (skg terms only)."""
    found = {
        local_name(c): c for root in spec.roots for c in subclasses(onto, root) if str(c).startswith(str(SKG))
    }
    return dict(sorted(found.items()))


def columns_of(onto: Ontology, cls: URIRef) -> dict[str, Column]:
    """The columns of a row of class ``cls`` by name, language-tagged forms aside."""
    return {c.name: c for c in columns_for_class(onto, cls)}


def _base_column(name: str) -> tuple[str, str | None]:
    """Split ``"label@zh"`` into ``("label", "zh")``.

    Examples
    --------
    >>> _base_column("label@zh"), _base_column("note")
    (('label', 'zh'), ('note', None))
    """
    base, sep, lang = name.partition("@")
    return (base, lang) if sep else (name, None)


def _check_header(header: list[str], spec: TableSpec, onto: Ontology, display: str) -> Iterable[Problem]:
    classes = list(_classes(onto, spec).values())
    allowed = {name for c in classes for name in columns_of(onto, c)}
    required = {ID_COLUMN} | ({CLASS_COLUMN} if spec.class_column else set())
    required |= set.intersection(
        *({n for n, col in columns_of(onto, c).items() if col.required} for c in classes)
    )
    seen: set[str] = set()
    for name in header:
        base, lang = _base_column(name)
        if name in seen:
            yield Problem(display, 1, name, "duplicate-column", f"column {name!r} appears twice")
        seen.add(name)
        if name in (ID_COLUMN, CLASS_COLUMN if spec.class_column else ID_COLUMN):
            continue
        if base not in allowed:
            yield Problem(
                display,
                1,
                name,
                "unknown-column",
                f"no shape of {spec.file} has a column {base!r}; known: " + ", ".join(sorted(allowed)),
            )
        elif lang is not None and (
            not LANG_TAG.match(lang)
            or not any(
                columns_of(onto, c)[base].datatype == RDF.langString
                for c in classes
                if base in columns_of(onto, c)
            )
        ):
            yield Problem(
                display, 1, name, "bad-language", f"column {name!r}: {base!r} takes no language tag {lang!r}"
            )
    for name in sorted(required - seen):
        yield Problem(display, 1, name, "missing-column", f"required column {name!r} is missing")
