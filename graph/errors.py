"""Errors of sanctions-kg: one family, each problem carrying where it was found.

::

    SanctionsKGError                 base of every error this package raises
    ├── InputError                   bad input: carries every Problem found, not just the first
    ├── OntologyError                the ontology or shapes files are unusable
    ├── QueryError                   a query that cannot run: syntax (line, column), name, parameter
    ├── EndpointError                a SPARQL server unreachable or refusing: its URL and why
    └── PatternError                 a chain pattern that cannot be read: its position and why

A :class:`Problem` is a value: file, row, column, kind and message. Tests assert
the location and kind, never the wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "EndpointError",
    "InputError",
    "OntologyError",
    "PatternError",
    "Problem",
    "QueryError",
    "SanctionsKGError",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the input.

    Parameters
    ----------
    file : str
        The file the problem is in, as given (e.g. ``"data/claims.csv"``).
    row : int or None
        The row, counting the header as row 1 (as spreadsheets do); ``None``
        for a problem of the whole file.
    column : str or None
        The column's name, or ``None`` for a problem of the whole row.
    kind : str
        A stable, machine-readable kind such as ``"unknown-entity"``.
    message : str
        What is wrong, for people.

    Examples
    --------
    >>> str(Problem("data/claims.csv", 14, "object", "unknown-entity", 'unknown entity "lenovoo"'))
    'data/claims.csv, row 14, column "object": unknown-entity: unknown entity "lenovoo"'
    >>> str(Problem("data/claims.csv", None, None, "missing-file", "no such file"))
    'data/claims.csv: missing-file: no such file'
    """

    file: str
    row: int | None
    column: str | None
    kind: str
    message: str

    @property
    def location(self) -> tuple[str, int | None, str | None]:
        """The (file, row, column) of the problem."""
        return (self.file, self.row, self.column)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.kind}: {self.message}"


class SanctionsKGError(Exception):
    """Base of every error raised by sanctions-kg."""


class OntologyError(SanctionsKGError):
    """The ontology or the shapes cannot be used (unreadable, or missing a needed term)."""


class InputError(SanctionsKGError):
    """Bad input, with every problem that was found.

    Examples
    --------
    >>> err = InputError([Problem("a.csv", 2, "id", "bad-id", "not a slug")])
    >>> err.problems[0].kind
    'bad-id'
    >>> print(err)
    1 problem in the input:
    a.csv, row 2, column "id": bad-id: not a slug
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input:"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class QueryError(SanctionsKGError):
    """A query that cannot run: a syntax error (with its line and column), an unknown
    name, a bad or missing parameter.

    Attributes
    ----------
    origin : str
        Where the query came from (a named query, a file, the command line).
    line, column : int or None
        The position of a syntax error in the query text (1-based), where known.
    parameter : str or None
        The parameter at fault, where one is.
    """

    def __init__(
        self,
        message: str,
        *,
        origin: str = "",
        line: int | None = None,
        column: int | None = None,
        parameter: str | None = None,
    ) -> None:
        self.origin = origin
        self.line = line
        self.column = column
        self.parameter = parameter
        parts = [origin] if origin else []
        if line is not None:
            parts.append(f"line {line}" + (f", column {column}" if column is not None else ""))
        if parameter is not None:
            parts.append(f"parameter {parameter!r}")
        where = ", ".join(parts)
        super().__init__(f"{where}: {message}" if where else message)


class EndpointError(SanctionsKGError):
    """A SPARQL server that could not be reached or refused a request; names the URL and why."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class PatternError(SanctionsKGError):
    """A chain pattern that cannot be read: where (0-based offset into the pattern) and why."""

    def __init__(self, pattern: str, position: int, message: str) -> None:
        self.pattern = pattern
        self.position = position
        pointer = " " * position + "^"
        super().__init__(f"pattern {pattern!r}, at {position}: {message}\n  {pattern}\n  {pointer}")
