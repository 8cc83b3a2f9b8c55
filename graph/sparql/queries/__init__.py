"""The library of named questions: ``*.rq`` files shipped in this package.

Each file starts with a header of comment lines::

    # title: Who cut or halted exports to a country
    # description: Companies whose exports ... with the source and its words.
    # param: country entity The country the exports go to
    # example: country=russia
    # columns: exporterLabel status since product source

A parameter is a variable of the query (``?country``) that the caller binds; its
type says how a value is read (see :data:`PARAM_TYPES`); an example value shows how to
call it (and is what the tests and benchmarks ask); the columns, if given, are those a
table of the results shows by default (``--wide`` shows all). A query file written by
a user may carry the same header and is read the same way.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from graph.errors import QueryError

__all__ = [
    "PARAM_TYPES",
    "NamedQuery",
    "Param",
    "adhoc_query",
    "catalogue",
    "named_queries",
    "named_query",
    "parse_query",
    "query_file",
]

PARAM_TYPES: dict[str, str] = {
    "entity": "an entity of the graph by its id (lenovo) or full IRI",
    "term": "a term of the skg ontology by its name (Halted, exportsTo)",
    "iri": "any absolute IRI",
    "string": "a plain string",
    "date": "a day, YYYY-MM-DD (xsd:date)",
    "month": "a month, YYYY-MM (xsd:gYearMonth)",
    "decimal": "a decimal number (xsd:decimal)",
    "integer": "a whole number (xsd:integer)",
    "boolean": "true or false (xsd:boolean)",
}
HEADER = re.compile(r"^#\s*(title|description|param|example|columns)\s*:\s*(.*?)\s*$")
PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s+([a-z]+)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A parameter of a query: the variable it binds, its type and what it means."""

    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header: name, title, description, parameters, examples, and
    the ``columns`` a table of its results shows by default (all when empty).

    ``origin`` says where it came from (``query export-halts``, a file name, ``-e``),
    for error messages.
    """

    name: str
    text: str
    origin: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, if the query declares one."""
        return next((p for p in self.params if p.name == name), None)

    def example(self) -> dict[str, str]:
        """The example values of its parameters, by name."""
        return dict(self.examples)


def parse_query(text: str, *, name: str, origin: str) -> NamedQuery:
    """Read a query's header.

    Raises
    ------
    QueryError
        For a ``# param:`` line that cannot be read or names an unknown type (with its line).

    Examples
    --------
    >>> q = parse_query("# title: T\\n# param: day date The day\\nASK {}", name="t", origin="t.rq")
    >>> q.title, q.params
    ('T', (Param(name='day', type='date', description='The day'),))
    """
    fields: dict[str, str] = {}
    params: list[Param] = []
    examples: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = HEADER.match(line.strip())
        if match is None:
            continue
        key, value = match.groups()
        if key == "example":
            param, sep, example = value.partition("=")
            if not sep or not param.strip():
                raise QueryError(f"write '# example: name=value', not {value!r}", origin=origin, line=number)
            examples.append((param.strip(), example.strip()))
            continue
        if key != "param":
            fields.setdefault(key, value)
            continue
        found = PARAM.match(value)
        if found is None or found.group(2) not in PARAM_TYPES:
            raise QueryError(
                f"cannot read parameter {value!r}: write '# param: name type description' with a type "
                f"among {', '.join(PARAM_TYPES)}",
                origin=origin,
                line=number,
            )
        params.append(Param(*found.groups()))
    return NamedQuery(
        name,
        text,
        origin,
        fields.get("title", ""),
        fields.get("description", ""),
        tuple(params),
        tuple(examples),
        tuple(fields.get("columns", "").split()),
    )


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named question of the library, by name (the file name without ``.rq``)."""
    found: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            found[name] = parse_query(entry.read_text(encoding="utf-8"), name=name, origin=f"query {name}")
    return found


def named_query(name: str) -> NamedQuery:
    """The named question ``name``.

    Raises
    ------
    QueryError
        If there is none, suggesting close names.

    Examples
    --------
    >>> named_query("export-halts").params[0].name
    'country'
    >>> named_query("export-halt")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: unknown query 'export-halt'; did you mean: export-halts?
    """
    library = named_queries()
    if name in library:
        return library[name]
    close = difflib.get_close_matches(name, library, n=3, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}?" if close else "; `sanctions-kg queries` lists them"
    raise QueryError(f"unknown query {name!r}{hint}")


def query_file(path: str | Path) -> NamedQuery:
    """A query read from a file (its header, if any, is read like the library's).

    Raises
    ------
    QueryError
        If the file cannot be read.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query file: {exc}", origin=str(file)) from None
    return parse_query(text, name=file.stem, origin=str(file))


def adhoc_query(text: str, *, origin: str = "query") -> NamedQuery:
    """A query given as text (e.g. on the command line)."""
    return parse_query(text, name="adhoc", origin=origin)


def catalogue() -> str:
    """The named questions as a Markdown table (name, title, parameters, description).

    Examples
    --------
    >>> catalogue().splitlines()[0]
    '| name | question | parameters | what it answers |'
    """
    lines = ["| name | question | parameters | what it answers |", "| --- | --- | --- | --- |"]
    for name, query in named_queries().items():
        example = query.example()
        params = ", ".join(f"`{p.name}` ({p.type}, e.g. `{example.get(p.name, '')}`)" for p in query.params)
        params = params or "none"
        description = query.description.replace("|", "\\|")
        lines.append(f"| `{name}` | {query.title} | {params} | {description} |")
    return "\n".join(lines) + "\n"
