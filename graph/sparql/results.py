"""Query results out: the W3C result formats, a table for people, pandas DataFrames, graphs.

SELECT and ASK results are written as SPARQL 1.1 Query Results JSON, XML, CSV or
TSV by Oxigraph's serializers; CONSTRUCT and DESCRIBE results as Turtle or N-Triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph.display import choose_columns, render_table
from graph.errors import QueryError
from graph.model.namespace import ID, SKG
from graph.sparql.formats import GRAPH_FORMAT_NAMES, RESULT_FORMAT_NAMES

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Graph

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "compact",
    "python_value",
    "render",
    "to_frame",
    "to_graph",
]

RESULT_FORMATS = dict(
    zip(
        RESULT_FORMAT_NAMES,
        (
            ox.QueryResultsFormat.CSV,
            ox.QueryResultsFormat.TSV,
            ox.QueryResultsFormat.JSON,
            ox.QueryResultsFormat.XML,
        ),
        strict=True,
    )
)
GRAPH_FORMATS = dict(zip(GRAPH_FORMAT_NAMES, (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES), strict=True))
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {
    "skg": str(SKG._NS),
    "id": str(ID),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": XSD,
}
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def compact(iri: str) -> str:
    """An IRI as a compact name where a known prefix fits.

    Examples
    --------
    >>> compact("https://w3id.org/sanctions-kg/ontology#Halted"), compact("http://example.org/x")
    ('skg:Halted', 'http://example.org/x')
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


INTEGERS = (
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "negativeInteger",
    "nonPositiveInteger",
    "unsignedInt",
    "unsignedLong",
)


@cache
def literal_readers() -> dict[str, Callable[[str], Any]]:
    """How a literal of each XSD datatype is read into Python (pandas only when first asked)."""
    import pandas as pd  # noqa: PLC0415 - a table for people needs no pandas

    return {
        **dict.fromkeys(INTEGERS, int),
        **dict.fromkeys(("decimal", "double", "float"), float),
        **dict.fromkeys(("date", "dateTime"), pd.Timestamp),
        "gYearMonth": lambda text: pd.Period(text, freq="M"),
        "boolean": lambda text: text in ("true", "1"),
    }


def python_value(term: Term | None, *, compact_iris: bool = False) -> Any:
    """A term as a Python value: IRIs as strings (or compact names), numbers as numbers,
    ``xsd:date`` as a Timestamp, ``xsd:gYearMonth`` as a monthly Period, booleans as bools.

    Examples
    --------
    >>> python_value(ox.Literal("-40.0", datatype=ox.NamedNode(XSD + "decimal")))
    -40.0
    >>> python_value(ox.Literal("2022-03", datatype=ox.NamedNode(XSD + "gYearMonth")))
    Period('2022-03', 'M')
    >>> python_value(ox.NamedNode(str(SKG.Halted)), compact_iris=True)
    'skg:Halted'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact(term.value) if compact_iris else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    reader = literal_readers().get(term.datatype.value.removeprefix(XSD))
    try:
        return reader(term.value) if reader is not None else term.value
    except ValueError:
        return term.value


def _column(values: list[Any]) -> pd.Series:
    import pandas as pd  # noqa: PLC0415 - pandas only for a frame

    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    if kinds <= {int}:
        return pd.Series(values, dtype="Int64")
    if kinds <= {int, float}:
        return pd.Series([float(v) if v is not None else None for v in values], dtype="float64")
    if kinds <= {pd.Timestamp}:
        return pd.Series(pd.to_datetime(values))
    if kinds <= {pd.Period}:
        return pd.Series(pd.PeriodIndex(values, freq="M"))
    if kinds <= {bool}:
        return pd.Series(values, dtype="boolean")
    return pd.Series([v if v is not None else None for v in values], dtype="object")


def to_frame(result: ox.QuerySolutions | ox.QueryBoolean, *, compact_iris: bool = False) -> pd.DataFrame:
    """The rows of a SELECT (or the answer of an ASK) as a DataFrame with typed columns.

    Each column takes the type its values share: ``Int64``, ``float64``,
    ``datetime64``, ``period[M]``, ``boolean``, else ``object`` (strings).
    """
    import pandas as pd  # noqa: PLC0415 - pandas only for a frame

    if isinstance(result, ox.QueryBoolean):
        return pd.DataFrame({"boolean": pd.Series([bool(result)], dtype="boolean")})
    names = [v.value for v in result.variables]
    rows = [[python_value(row[name], compact_iris=compact_iris) for name in names] for row in result]
    return pd.DataFrame(
        {name: _column([row[i] for row in rows]) for i, name in enumerate(names)}, columns=names
    )


def to_graph(triples: Iterable[ox.Triple]) -> Graph:
    """CONSTRUCT or DESCRIBE results as an rdflib graph."""
    from rdflib import Graph  # noqa: PLC0415 - rdflib only for a graph

    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph.parse(data=(data or b"").decode("utf-8"), format="nt")


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    value = python_value(term, compact_iris=True)
    return str(value)


def _table(
    result: ox.QuerySolutions,
    width: int,
    columns: Sequence[str] | None,
    default: Sequence[str] | None,
    wide: bool,
) -> Iterator[str]:
    names = [v.value for v in result.variables]
    picked = choose_columns(names, default=default, columns=columns, wide=wide)
    rows = [[_cell(row[name]) for name in picked] for row in result]
    # Columns the user left out by naming others are not news; those that did not fit are.
    yield render_table(picked if columns else names, picked, rows, width=width, wide=wide)
    yield f"{len(rows)} row{'s' if len(rows) != 1 else ''}\n"


def render(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    fmt: str,
    *,
    width: int = 160,
    columns: Sequence[str] | None = None,
    default: Sequence[str] | None = None,
    wide: bool = False,
) -> bytes:
    """A query result written in ``fmt``: ``table`` (for people), ``csv``, ``tsv``, ``json``,
    ``xml`` (SELECT/ASK), or ``turtle``, ``nt`` (CONSTRUCT/DESCRIBE). A table shows the
    ``columns`` asked for, else every column with ``wide``, else the ``default`` ones (all
    when ``None``), as many as ``width`` holds; the W3C formats always carry every variable.

    Raises
    ------
    QueryError
        If the format does not fit the result's kind, or a column is not in the result.
    """
    if isinstance(result, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(
                f"a graph result is written as {' or '.join(GRAPH_FORMATS)}, not {fmt}", parameter="format"
            )
        prefixes = PREFIXES if fmt == "turtle" else None
        return ox.serialize(result, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            return f"{'true' if result else 'false'}\n".encode()
        return "".join(_table(result, width, columns, default, wide)).encode("utf-8")
    if columns or wide:
        raise QueryError("only the table format shows a choice of columns", parameter="columns")
    if fmt not in RESULT_FORMATS:
        raise QueryError(
            f"a SELECT or ASK result is written as table or {', '.join(RESULT_FORMATS)}, not {fmt}",
            parameter="format",
        )
    return result.serialize(format=RESULT_FORMATS[fmt]) or b""
