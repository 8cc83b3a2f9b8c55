"""Reading the CSV tables of ``data/`` into rows, with every structural problem found.

This module knows files, encodings, records, ids and classes; it makes no RDF (see
:mod:`graph.model.convert`). Which tables there are and which columns they have is
:mod:`graph.model.columns`, from the shapes, never from code.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib.term import URIRef

from graph.errors import Problem
from graph.model.columns import (
    CLASS_COLUMN,
    ID_COLUMN,
    TABLES,
    TableSpec,
    _base_column,
    _check_header,
    _classes,
    columns_of,
)
from graph.model.ontology import Ontology, local_name

__all__ = ["Row", "read_table", "read_tables"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Row:
    """One data row: where it is, its id and class, and its non-empty cells (stripped).

    A row of a table whose header is broken is not ``complete``: it has no cells, and
    serves only so that references to its id do not fail as well.
    """

    file: str
    number: int
    id: str
    cls: URIRef
    cells: Mapping[str, str]
    complete: bool = True


def _record_number(prefix: str) -> int:
    r"""The number of the CSV record (header = 1) in which the text after ``prefix`` starts,
    counting records, not lines, as every problem does: the record a marker put there falls in.

    Examples
    --------
    >>> _record_number(""), _record_number("a,b\n"), _record_number('a,b\n"x\ny",')
    (1, 2, 2)
    >>> _record_number('a,b\n"x\ny",1\n')
    3
    """
    # Any character after the prefix starts the record it falls in, and universal newlines read
    # "\r\n" and "\r" as one line end each, as the csv module does: mutants here change nothing.
    return sum(1 for _ in csv.reader(io.StringIO(prefix + "x", newline="")))  # pragma: no mutate


def _decode(data: bytes, display: str) -> str | Problem:
    """The text of a table, or where it stops being UTF-8."""
    try:
        return data.decode("utf-8-sig")  # pragma: no mutate - codec names are case-insensitive
    except UnicodeDecodeError as exc:
        # the bytes before the error decode cleanly, whatever the codec's options
        row = _record_number(data[: exc.start].decode("utf-8-sig"))  # pragma: no mutate
        return Problem(
            display,
            row,
            None,
            "bad-encoding",
            f"not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})",
        )


def _row(
    record: list[str],
    number: int,
    *,
    header: list[str],
    spec: TableSpec,
    classes: Mapping[str, URIRef],
    onto: Ontology,
    display: str,
) -> tuple[Row | None, list[Problem]]:
    problems: list[Problem] = []
    if len(record) != len(header):
        problems.append(
            Problem(display, number, None, "bad-row", f"{len(record)} cells, the header has {len(header)}")
        )
        return None, problems
    # (the lengths were just compared, so zip's strictness is never put to the test)
    pairs = zip(header, record, strict=True)  # pragma: no mutate
    cells = {name: value.strip() for name, value in pairs if value.strip()}
    row_id = cells.pop(ID_COLUMN, "")
    if not SLUG.match(row_id):
        kind = "missing-value" if not row_id else "bad-id"
        problems.append(
            Problem(
                display,
                number,
                ID_COLUMN,
                kind,
                f"id {row_id!r} is not a slug (lower-case letters, digits, single hyphens)",
            )
        )
    cls = spec.roots[0]
    if spec.class_column:
        name = cells.pop(CLASS_COLUMN, "")
        if name not in classes:
            problems.append(
                Problem(
                    display,
                    number,
                    CLASS_COLUMN,
                    "unknown-class",
                    f"unknown class {name!r}; known: " + ", ".join(classes),
                )
            )
            return None, problems
        cls = classes[name]
    applicable = columns_of(onto, cls)
    for name in cells:
        if _base_column(name)[0] not in applicable:
            problems.append(
                Problem(display, number, name, "not-applicable", f"a {local_name(cls)} has no {name!r}")
            )
    return Row(display, number, row_id, cls, cells), problems


def read_table(
    path: Path, spec: TableSpec, onto: Ontology, *, display: str | None = None
) -> tuple[list[Row], list[Problem]]:
    """Read one table; return its rows and every problem found in it.

    Parameters
    ----------
    path : Path
        The CSV file (UTF-8, a header row, comma-separated, RFC 4180 quoting).
    spec : TableSpec
        What the table holds.
    onto : Ontology
        The ontology and shapes that give the columns.
    display : str, optional
        How to name the file in problems (default: ``path`` as given).

    Returns
    -------
    rows, problems : list of Row, list of Problem
        Rows with a problem of their own that makes them unreadable are left out.
    """
    shown = display if display is not None else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], [Problem(shown, None, None, "missing-file", "no such file")]
    except OSError as exc:
        # (an OSError from reading a file always has its strerror: str(exc) is only a fallback)
        why = exc.strerror or str(exc)  # pragma: no mutate
        return [], [Problem(shown, None, None, "unreadable-file", why)]
    text = _decode(data, shown)
    if isinstance(text, Problem):
        return [], [text]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    problems: list[Problem] = []
    number = 0  # the last record read; the header is record 1
    try:
        header = [name.strip() for name in next(reader, [])]
        number = 1
        if not header:
            return [], [Problem(shown, 1, None, "missing-header", "the file is empty")]
        problems.extend(_check_header(header, spec, onto, shown))
        complete = not problems
        classes = _classes(onto, spec)
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            row, found = _row(
                record, number, header=header, spec=spec, classes=classes, onto=onto, display=shown
            )
            if complete:
                problems.extend(found)
            if row is not None:
                rows.append(row if complete else replace(row, cells={}, complete=False))
    except csv.Error as exc:
        problems.append(Problem(shown, number + 1, None, "bad-csv", str(exc)))
    return rows, problems


def read_tables(
    data_dir: Path,
    onto: Ontology,
    *,
    display_dir: str | None = None,
    extra_dirs: Sequence[tuple[Path, str]] = (),
) -> tuple[list[Row], list[Problem]]:
    """Read every table of :data:`TABLES` from ``data_dir`` and from each extra folder, and check
    that ids are unique across all of them.

    Every table of ``data_dir`` must exist; an extra folder (given with the name to show in
    problems) holds only the tables it needs, but at least one.
    """
    rows, problems = _read_folder(data_dir, onto, display_dir if display_dir is not None else str(data_dir))
    for folder, display in extra_dirs:
        found, trouble = _read_folder(folder, onto, display, optional=True)
        rows.extend(found)
        problems.extend(trouble)
    problems.extend(_duplicate_ids(rows))
    return rows, problems


def _read_folder(
    folder: Path, onto: Ontology, display: str, *, optional: bool = False
) -> tuple[list[Row], list[Problem]]:
    if optional:
        if folder.is_file():
            return [], [Problem(display, None, None, "not-a-folder", "a file, not a folder")]
        if not folder.is_dir():
            return [], [Problem(display, None, None, "missing-folder", "no such folder")]
        if not any((folder / spec.file).exists() for spec in TABLES):
            known = ", ".join(spec.file for spec in TABLES)
            return [], [Problem(display, None, None, "no-tables", f"the folder holds none of {known}")]
    rows: list[Row] = []
    problems: list[Problem] = []
    for spec in TABLES:
        path = folder / spec.file
        if optional and not path.exists():
            continue
        found, trouble = read_table(path, spec, onto, display=f"{display}/{spec.file}")
        rows.extend(found)
        problems.extend(trouble)
    return rows, problems


def _duplicate_ids(rows: Iterable[Row]) -> Iterator[Problem]:
    first: dict[str, Row] = {}
    for row in rows:
        if row.id in first:
            other = first[row.id]
            yield Problem(
                row.file,
                row.number,
                ID_COLUMN,
                "duplicate-id",
                f"id {row.id!r} is already used at {other.file}, row {other.number}",
            )
        elif row.id:
            first[row.id] = row
