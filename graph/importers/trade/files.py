"""Reading a trade file as a header and records of text cells: a CSV or tab-separated file, or
the JSON of UN Comtrade's API (``{"elapsedTime", "count", "data": [...], "error"}``), whose
records' keys make the header. Numbers are kept as written (``7903767147.0``), ``null`` is an
empty cell and ``true`` / ``false`` are ``True`` / ``False``, as pandas writes them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, Problem

__all__: list[str] = []


@dataclass(frozen=True)
class Table:
    """A file's header and records; ``first`` is the row number of the first record (2 in a CSV,
    whose header is row 1; 1 in the JSON, where row N is the N-th record of ``data``). A CSV's
    records are read as they are iterated (once), so that memory does not hold the file.
    """

    header: list[str]
    records: Iterable[list[str]]
    first: int
    json: bool = False


def _encoding_error(path: Path, exc: UnicodeDecodeError) -> InputError:
    return InputError([Problem(str(path), None, None, "bad-encoding", f"not UTF-8: {exc}")])


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _encoding_error(path, exc) from None


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return stream.readline()
    except UnicodeDecodeError as exc:
        raise _encoding_error(path, exc) from None


def _records(path: Path, delimiter: str) -> Iterator[list[str]]:
    """The records of a CSV file after its header, each cell stripped, read as they are asked for."""
    row = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, delimiter=delimiter)
            next(reader, None)
            for record in reader:
                row += 1
                yield [cell.strip() for cell in record]
    except csv.Error as exc:
        raise InputError([Problem(str(path), row + 1, None, "bad-csv", str(exc))]) from None
    except UnicodeDecodeError as exc:
        raise _encoding_error(path, exc) from None


def _csv(path: Path, first: str) -> Table:
    """The header and records of a CSV or tab-separated file whose first line is ``first``."""
    delimiter = "\t" if "\t" in first else ","
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error as exc:
        raise InputError([Problem(str(path), 1, None, "bad-csv", str(exc))]) from None
    return Table([name.strip() for name in header], _records(path, delimiter), 2)


def _cell(value: object) -> str:
    """A JSON value as the text of a cell.

    >>> [_cell(v) for v in (None, True, False, "H3", "7903767147.0")]
    ['', 'True', 'False', 'H3', '7903767147.0']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    return str(value).strip()


def _json(path: Path, text: str) -> Table:
    """The records of the API's ``data``, with the union of their keys as the header."""
    file = str(path)
    try:
        document = json.loads(text, parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(file, exc.lineno, None, "bad-json", exc.msg)]) from None
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, list) or not all(isinstance(record, dict) for record in data):
        message = 'not a UN Comtrade API response: no "data" list of records'
        raise InputError([Problem(file, None, None, "bad-json", message)])
    error = document.get("error")
    if error:
        raise InputError([Problem(file, None, "error", "api-error", f"the API answered: {error}")])
    header = list(dict.fromkeys(key for record in data for key in record))
    records = [[_cell(record.get(name)) for name in header] for record in data]
    return Table(header, records, 1, json=True)


def read_table(path: Path) -> Table:
    """The header and records of a trade file: the API's JSON when it starts with ``{``, else
    a CSV (tab-separated when its first line has a tab).
    """
    first = _first_line(path)
    if first.lstrip().startswith("{") or (not first.strip() and _text(path).lstrip().startswith("{")):
        return _json(path, _text(path))
    return _csv(path, first)
