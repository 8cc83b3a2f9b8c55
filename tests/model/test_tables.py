"""Reading the CSV tables: rows as written, and every problem with its place and its words.

The broken-input corpus (tests/model/test_bad_input.py) checks the places and kinds of problems on
copies of the curated data; this checks the reader on small tables of its own, messages too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import SKG, Problem, default_data_dir, default_ontology_dir, load_ontology
from graph.model.columns import TABLES, TableSpec
from graph.model.tables import read_table, read_tables

ONTO = load_ontology(default_ontology_dir())
SPECS = {spec.file: spec for spec in TABLES}


def table(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def spec(name: str) -> TableSpec:
    return SPECS[name]


def where(problems: list[Problem]) -> list[tuple[object, ...]]:
    return [(p.file, p.row, p.column, p.kind, p.message) for p in problems]


def test_a_table_read_as_written(tmp_path: Path) -> None:
    path = table(
        tmp_path, "sources.csv", 'id,label,publisher\r\ns-1,"A ""quoted"" title",Pub\r\n\r\ns-2,  Two  ,\r\n'
    )
    rows, problems = read_table(path, spec("sources.csv"), ONTO)
    assert problems == []
    assert [(r.file, r.number, r.id, r.cls, r.cells, r.complete) for r in rows] == [
        (str(path), 2, "s-1", SKG.Source, {"label": 'A "quoted" title', "publisher": "Pub"}, True),
        (str(path), 4, "s-2", SKG.Source, {"label": "Two"}, True),
    ]


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written(tmp_path: Path) -> None:
    path = table(tmp_path, "sources.csv", 'id,label,publisher\r\ns-1,"two\r\nlines",P\r\ns-2,after,P\r\n')
    rows, problems = read_table(path, spec("sources.csv"), ONTO, display="data/sources.csv")
    assert problems == []
    assert [(r.number, r.cells["label"]) for r in rows] == [(2, "two\r\nlines"), (3, "after")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", [(None, 1, None, "missing-header", "the file is empty")]),
        (
            b'id,label,publisher\ns-1,P,"unclosed\n',
            [(None, 2, None, "bad-csv", "unexpected end of data")],
        ),
        (
            b'id,"lab"el,publisher\ns-1,x,P\n',
            [(None, 1, None, "bad-csv", "',' expected after '\"'")],
        ),
        (
            b"id,label,publisher\ns-1,caf\xe9,P\n",
            [(None, 2, None, "bad-encoding", "not UTF-8 (byte 0xe9 at offset 26)")],
        ),
        (
            b"id,label,publisher\ns-1,a,P,b\n",
            [(None, 2, None, "bad-row", "4 cells, the header has 3")],
        ),
        (
            b"id,label,publisher\nS 1,a,P\n",
            [
                (
                    None,
                    2,
                    "id",
                    "bad-id",
                    "id 'S 1' is not a slug (lower-case letters, digits, single hyphens)",
                )
            ],
        ),
        (
            b"id,label,label,publisher\ns-1,a,b,P\n",
            [(None, 1, "label", "duplicate-column", "column 'label' appears twice")],
        ),
    ],
)
def test_each_problem_of_a_table_with_its_place_and_words(
    tmp_path: Path, content: bytes, expected: list[tuple[object, ...]]
) -> None:
    path = table(tmp_path, "sources.csv", content)
    _rows, problems = read_table(path, spec("sources.csv"), ONTO)
    assert where(problems) == [(str(path), *problem[1:]) for problem in expected]


def test_an_unknown_column_names_the_known_ones(tmp_path: Path) -> None:
    path = table(tmp_path, "sources.csv", "id,label,publisher,colour\ns-1,a,P,red\n")
    rows, problems = read_table(path, spec("sources.csv"), ONTO, display="shown.csv")
    (problem,) = problems
    assert (problem.file, problem.row, problem.column, problem.kind) == (
        "shown.csv",
        1,
        "colour",
        "unknown-column",
    )
    assert problem.message.startswith("no shape of sources.csv has a column 'colour'; known: ")
    known = problem.message.split("known: ")[1].split(", ")
    assert known == sorted(known)
    assert {"label", "publisher", "note"} <= set(known)
    # with a broken header its rows are still known by id, without their cells
    assert [(r.id, r.cells, r.complete) for r in rows] == [("s-1", {}, False)]


def test_a_class_cell_empty_or_unknown(tmp_path: Path) -> None:
    path = table(tmp_path, "entities.csv", "id,class,label\nx-1,,X\nx-2,Spaceship,Y\nx-3,Country,Z\n")
    rows, problems = read_table(path, spec("entities.csv"), ONTO, display="e.csv")
    assert [r.id for r in rows] == ["x-3"]
    assert [(p.row, p.column, p.kind) for p in problems] == [
        (2, "class", "unknown-class"),
        (3, "class", "unknown-class"),
    ]
    assert problems[0].message.startswith("unknown class ''; known: ")
    assert problems[1].message.startswith("unknown class 'Spaceship'; known: ")
    known = problems[0].message.split("known: ")[1].split(", ")
    assert {"Country", "OEM", "ProductCategory"} <= set(known)


def test_a_column_of_another_class_is_not_applicable(tmp_path: Path) -> None:
    path = table(tmp_path, "entities.csv", "id,class,label,notation\nx-1,Country,X,8471\n")
    rows, problems = read_table(path, spec("entities.csv"), ONTO)
    assert [(p.row, p.column, p.kind, p.message) for p in problems] == [
        (2, "notation", "not-applicable", "a Country has no 'notation'")
    ]
    assert rows[0].cells == {"label": "X", "notation": "8471"}


def test_a_table_that_cannot_be_read(tmp_path: Path) -> None:
    rows, problems = read_table(tmp_path / "nothing.csv", spec("sources.csv"), ONTO)
    assert (rows, where(problems)) == (
        [],
        [(str(tmp_path / "nothing.csv"), None, None, "missing-file", "no such file")],
    )
    (tmp_path / "folder.csv").mkdir()
    _rows, problems = read_table(tmp_path / "folder.csv", spec("sources.csv"), ONTO)
    assert where(problems) == [
        (str(tmp_path / "folder.csv"), None, None, "unreadable-file", "Is a directory")
    ]


def test_problems_of_a_whole_folder(tmp_path: Path) -> None:
    a_file = table(tmp_path, "a-file", "x")
    (tmp_path / "empty").mkdir()
    known = ", ".join(spec.file for spec in TABLES)
    extra = [(a_file, "a-file"), (tmp_path / "missing", "missing"), (tmp_path / "empty", "empty")]
    _rows, problems = read_tables(default_data_dir(), ONTO, extra_dirs=extra)
    assert where(problems) == [
        ("a-file", None, None, "not-a-folder", "a file, not a folder"),
        ("missing", None, None, "missing-folder", "no such folder"),
        ("empty", None, None, "no-tables", f"the folder holds none of {known}"),
    ]


def test_old_mac_line_ends_are_line_ends(tmp_path: Path) -> None:
    path = table(tmp_path, "sources.csv", "id,label,publisher\rs-1,One,P\rs-2,Two,P\r")
    rows, problems = read_table(path, spec("sources.csv"), ONTO)
    assert problems == []
    assert [(r.number, r.id, r.cells["label"]) for r in rows] == [(2, "s-1", "One"), (3, "s-2", "Two")]
