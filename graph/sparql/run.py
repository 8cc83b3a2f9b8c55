"""Running queries: parameters as typed bindings, on the embedded store or on a SPARQL server.

Parameters are typed RDF terms, and they go in a ``VALUES`` block at the start of the
query's ``WHERE`` group, written by Oxigraph's serializer: a value is never spliced into
the query as text, so ``x" } ; DROP ALL ; #`` stays a string. Servers need this (the SPARQL
1.1 Protocol has no parameters), and the embedded store gets the same: Oxigraph plans a query
before its ``substitutions`` are bound, so a question about one company was planned as if
about all of them (``pressures-on`` took over 100 s on a million generated triples with
substitutions and 0.5 s with ``VALUES``). A test checks that every named question returns
the same rows either way.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

import pyoxigraph as ox

from graph.errors import EndpointError, QueryError
from graph.model.namespace import ID, SKG
from graph.sparql.endpoint import Endpoint, http_post
from graph.sparql.queries import NamedQuery, Param

__all__ = [
    "Result",
    "Target",
    "bind_params",
    "check_syntax",
    "execute",
    "remote_select",
    "to_term",
    "with_rows",
    "with_values",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Target = ox.Store | Endpoint
ParamValue = str | int | Decimal | float | bool | dt.date

XSD = "http://www.w3.org/2001/XMLSchema#"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TERM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
POSITION = re.compile(r"error at (\d+):(\d+)")
IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"


def _literal(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def _entity(text: str) -> Term:
    if "://" in text:
        return ox.NamedNode(text)
    if not SLUG.match(text):
        raise ValueError("an entity id is a slug such as lenovo")
    return ox.NamedNode(str(ID[text]))


def _term(text: str) -> Term:
    if not TERM_NAME.match(text) or not hasattr(SKG, text):
        raise ValueError("not a term of the skg ontology")
    return ox.NamedNode(str(SKG[text]))


def _date(text: str) -> Term:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError("not a day, YYYY-MM-DD")
    dt.date.fromisoformat(text)  # rejects 2022-02-30
    return _literal(text, "date")


def _month(text: str) -> Term:
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text):
        raise ValueError("not a month, YYYY-MM")
    return _literal(text, "gYearMonth")


def _decimal(text: str) -> Term:
    if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", text):
        raise ValueError("not a decimal number")
    return _literal(text, "decimal")


def _integer(text: str) -> Term:
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise ValueError("not a whole number")
    return _literal(text, "integer")


def _boolean(text: str) -> Term:
    if text.lower() not in ("true", "false"):
        raise ValueError("not true or false")
    return _literal(text.lower(), "boolean")


READERS: dict[str, Callable[[str], Term]] = {
    "entity": _entity,
    "term": _term,
    "iri": ox.NamedNode,
    "string": ox.Literal,
    "date": _date,
    "month": _month,
    "decimal": _decimal,
    "integer": _integer,
    "boolean": _boolean,
}


def to_term(param: Param, value: ParamValue, *, origin: str = "") -> Term:
    """The RDF term a value of the parameter stands for, typed by the parameter's type.

    Raises
    ------
    QueryError
        Naming the parameter, if the value is not of its type.

    Examples
    --------
    >>> to_term(Param("company", "entity"), "lenovo")
    <NamedNode value=https://w3id.org/sanctions-kg/id/lenovo>
    >>> to_term(Param("day", "date"), "2022-03-15")
    <Literal value=2022-03-15 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    >>> to_term(Param("name", "string"), 'x" } ; DROP ALL ; #')
    <Literal value=x" } ; DROP ALL ; # datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    text = (
        value.isoformat()
        if isinstance(value, dt.date)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )
    try:
        return READERS[param.type](text)
    except ValueError as exc:
        raise QueryError(f"{text!r}: {exc}", origin=origin, parameter=param.name) from None


def bind_params(query: NamedQuery, values: Mapping[str, ParamValue]) -> dict[str, Term]:
    """Check ``values`` against the query's declared parameters and type them.

    Raises
    ------
    QueryError
        For an unknown parameter (naming the ones the query takes) or a missing one.
    """
    for name in values:
        if query.param(name) is None:
            takes = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(
                f"unknown parameter; this query takes: {takes}", origin=query.origin, parameter=name
            )
    bound: dict[str, Term] = {}
    for param in query.params:
        if param.name not in values:
            raise QueryError(
                f"missing ({param.type}: {param.description})", origin=query.origin, parameter=param.name
            )
        bound[param.name] = to_term(param, values[param.name], origin=query.origin)
    return bound


def check_syntax(query: NamedQuery) -> Result:
    """Parse the query (by running it on an empty store); return the empty result, whose type
    tells the query form.

    Raises
    ------
    QueryError
        With the line and column of a syntax error.
    """
    try:
        return ox.Store().query(query.text)
    except SyntaxError as exc:
        position = POSITION.search(str(exc))
        line, column = (int(position.group(1)), int(position.group(2))) if position else (None, None)
        raise QueryError(f"syntax error: {exc}", origin=query.origin, line=line, column=column) from None


def _where_brace(text: str) -> int:
    r"""The offset of the ``{`` that opens the query's ``WHERE`` group, skipping IRIs, strings
    and comments (the first ``{`` after the keyword WHERE, or else the first ``{``).

    Examples
    --------
    >>> q = 'PREFIX a: <http://x/#> # a { in a comment\nCONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }'
    >>> q[_where_brace(q):]
    '{ ?s ?p ?o }'
    """
    first = where_seen = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif char == "<" and (iri := IRIREF.match(text, i)):
            i = iri.end()
        elif char in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else char
            i += len(quote)
            while i < len(text) and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif char == "{":
            if where_seen:
                return i
            first = i if first is None else first
            i += 1
        elif text[i : i + 5].upper() == "WHERE" and not text[i - 1 : i].isalnum():
            where_seen = True
            i += 5
        else:
            i += 1
    if first is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return first


def with_values(query: NamedQuery, bindings: Mapping[str, Term]) -> str:
    """The query text with the bindings as a ``VALUES`` block opening its WHERE group (see
    the module's notes). Terms are written by Oxigraph.

    Examples
    --------
    >>> q = NamedQuery("q", "SELECT ?s WHERE { ?s ?p ?o }", "q")
    >>> print(with_values(q, {"s": ox.Literal('x" } ; DROP ALL ; #')}))
    SELECT ?s WHERE { VALUES (?s) { ("x\\" } ; DROP ALL ; #") }  ?s ?p ?o }
    """
    if not bindings:
        return query.text
    at = _where_brace(query.text) + 1
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{query.text[:at]} VALUES ({names}) {{ ({terms}) }} {query.text[at:]}"


def with_rows(text: str, names: Sequence[str], rows: Iterable[Sequence[Term]]) -> str:
    """The query ``text`` with ``rows`` of terms as a ``VALUES`` block of the variables ``names``
    opening its WHERE group, each term written by Oxigraph (a batch of bindings for a server).

    Examples
    --------
    >>> rows = [[ox.NamedNode("http://a")], [ox.Literal("b")]]
    >>> print(with_rows("SELECT ?o WHERE { ?s ?p ?o }", ["s"], rows))
    SELECT ?o WHERE { VALUES (?s) { (<http://a>) ("b") }  ?s ?p ?o }
    """
    at = _where_brace(text) + 1
    variables = " ".join(f"?{name}" for name in names)
    block = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    return f"{text[:at]} VALUES ({variables}) {{ {block} }} {text[at:]}"


def remote_select(endpoint: Endpoint, text: str) -> list[dict[str, Term]]:
    """Run a SELECT on a server; its rows, each a dict of the variables bound.

    Raises
    ------
    EndpointError
        If the server cannot be reached, fails, or answers with results that cannot be read.
    """
    form = ox.Store().query("SELECT * WHERE {}")  # what _remote expects: solutions
    result = _remote(endpoint, NamedQuery("select", text, endpoint.url), {}, form)
    assert isinstance(result, ox.QuerySolutions)
    names = [variable.value for variable in result.variables]
    return [{name: row[name] for name in names if row[name] is not None} for row in result]


def _remote(endpoint: Endpoint, query: NamedQuery, bindings: Mapping[str, Term], form: Result) -> Result:
    fields = [("query", with_values(query, bindings))]
    if endpoint.default_graph:
        fields.append(("default-graph-uri", endpoint.default_graph))
    body = urllib.parse.urlencode(fields).encode("utf-8")
    graph = isinstance(form, ox.QueryTriples)
    data, content_type = http_post(
        endpoint,
        body,
        content_type="application/x-www-form-urlencoded",
        accept=GRAPH_ACCEPT if graph else SELECT_ACCEPT,
    )
    try:
        if graph:
            fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.N_TRIPLES
            return _triples_result(ox.parse(data, format=fmt))
        checked = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if isinstance(checked, ox.QuerySolutions):
            for _ in checked:
                pass  # the parser is lazy: read it all once, so that a broken answer fails here
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        tail = data[-200:].decode("utf-8", errors="replace").strip()
        if "cancelled" in tail:
            raise EndpointError(endpoint.url, f"the server cut the query short: {tail[-80:]}") from None
        raise EndpointError(endpoint.url, f"answered with results that cannot be read: {exc}") from None


def _triples_result(triples: object) -> Result:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)  # type: ignore[attr-defined]
    return store.query("CONSTRUCT WHERE { ?s ?p ?o }")


def execute(target: Target, query: NamedQuery, values: Mapping[str, ParamValue] | None = None) -> Result:
    """Run a query on the embedded store or a SPARQL server, with its parameters bound.

    Parameters
    ----------
    target : pyoxigraph.Store or Endpoint
        Where to run it.
    query : NamedQuery
        A named question, a query file or an ad-hoc query.
    values : Mapping, optional
        The parameters' values, by name; typed by the declared parameter types.

    Returns
    -------
    pyoxigraph.QuerySolutions, QueryBoolean or QueryTriples

    Raises
    ------
    QueryError
        For a syntax error (line, column) or a bad, unknown or missing parameter.
    EndpointError
        If the server cannot be reached or fails.
    """
    bindings = bind_params(query, values or {})
    form = check_syntax(query)
    if isinstance(target, Endpoint):
        return _remote(target, query, bindings, form)
    try:
        return target.query(with_values(query, bindings))
    except (RuntimeError, SyntaxError, ValueError) as exc:
        raise QueryError(str(exc), origin=query.origin) from None
