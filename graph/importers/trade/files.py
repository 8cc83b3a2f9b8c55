"""Reading a trade file as a header and records of text cells: a CSV or tab-separated file, or
the JSON of UN Comtrade's API (``{"elapsedTime", "count", "data": [...], "error"}``), whose
records' keys make the header. Numbers are kept as written (``7903767147.0``), ``null`` is an
empty cell and ``true`` / ``false`` are ``True`` / ``False``, as pandas writes them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, Problem

__all__: list[str] = []


@dataclass(frozen=True)
class Table:
    """A file's header and records; ``first`` is the row number of the first record (2 in a CSV,
    whose header is row 1; 1 in the JSON, where row N is the N-th record of ``data``).
    """

    header: list[str]
    records: list[list[str]]
    first: int
    json: bool = False


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), None, None, "bad-encoding", f"not UTF-8: {exc}")]) from None


def _csv(path: Path, text: str) -> Table:
    """The header and records of a CSV or tab-separated text."""
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if "\t" in first else ",")
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        problem = Problem(str(path), len(records) + 2, None, "bad-csv", str(exc))
        raise InputError([problem]) from None
    header = [name.strip() for name in records[0]] if records else []
    return Table(header, [[cell.strip() for cell in record] for record in records[1:]], 2)


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
    text = _text(path)
    if text.lstrip().startswith("{"):
        return _json(path, text)
    return _csv(path, text)
