"""Every table a command prints reads on a terminal of 100 columns: no header is cut, no
line is wider than the terminal, and the columns left out are named."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.sparql.queries import named_queries
from graph.sparql.results import render
from graph.sparql.run import execute
from tests.conftest import FIXTURES, cli

WIDTH = 100
WIKIDATA_ITEMS = FIXTURES / "wikidata" / "items.json"
NOTE = " more column"


@pytest.fixture(scope="module")
def graph_file(build_dir: Path) -> str:
    return str(build_dir / "sanctions-kg.nt")


def headers(text: str) -> list[str]:
    """The headers of the first table in ``text``, each joined across the lines it takes."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    rule = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    rows = [line.strip().strip("┃").split("┃") for line in lines[top + 1 : rule]]
    return [" ".join(row[i].strip() for row in rows if row[i].strip()) for i in range(len(rows[0]))]


def left_out(text: str) -> list[str]:
    """The columns the note under the table names as left out (none without a note)."""
    lines = text.splitlines()
    bottom = max(i for i, line in enumerate(lines) if line.startswith("└"))
    note = " ".join(line.strip() for line in lines[bottom + 1 :])
    if NOTE not in note:
        return []
    return note.split(": ", 1)[1].rsplit(" (", 1)[0].split(", ")


def check_table(text: str, every: list[str]) -> list[str]:
    """Assert the table is whole at WIDTH and accounts for every column; return its headers."""
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    shown = headers(text)
    assert shown
    assert set(shown) <= set(every), (shown, every)
    assert sorted(shown + left_out(text)) == sorted(every)
    return shown


COMMANDS = {
    "chains": ["chains", "us-government", "russia"],
    "chokepoints": ["chokepoints", "us-government", "russia"],
    "whatif": ["whatif", "us-government", "russia", "--remove", "qualcomm"],
    "exposure": ["exposure"],
    "link": ["link", "wikidata", str(WIKIDATA_ITEMS)],
}


def csv_columns(args: list[str], graph_file: str) -> list[str]:
    done = cli(*args, "--format", "csv", "--graph", graph_file)
    assert done.returncode == 0, done.stderr
    return next(csv.reader(io.StringIO(done.stdout)))


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "chokepoints"])
def test_default_table_fits_100_columns(command: str, graph_file: str) -> None:
    args = COMMANDS[command]
    done = cli(*args, "--graph", graph_file, columns=WIDTH)
    assert done.returncode == 0, done.stderr
    check_table(done.stdout, csv_columns(args, graph_file))


def test_chokepoints_ranking_fits_100_columns(graph_file: str) -> None:
    done = cli(*COMMANDS["chokepoints"], "--graph", graph_file, columns=WIDTH)
    assert done.returncode == 0, done.stderr
    assert check_table(done.stdout, ["node", "chains through it"]) == ["node", "chains through it"]


def test_exposure_shows_its_default_columns_and_names_the_rest(graph_file: str) -> None:
    done = cli("exposure", "--graph", graph_file, columns=WIDTH)
    every = csv_columns(["exposure"], graph_file)
    shown = check_table(done.stdout, every)
    assert left_out(done.stdout), "exposure has more columns than its default table"
    assert "towardsResistance" not in shown
    assert "towardsResistance" in left_out(done.stdout)


TABLE_QUERIES = sorted(
    name
    for name, query in named_queries().items()
    if not any(line.startswith(("CONSTRUCT", "DESCRIBE")) for line in query.text.splitlines())
)


def variables(store: ox.Store, name: str) -> list[str]:
    query = named_queries()[name]
    result = execute(store, query, query.example())
    assert isinstance(result, ox.QuerySolutions)
    return [v.value for v in result.variables]


@pytest.mark.parametrize("name", TABLE_QUERIES)
def test_every_named_query_table_fits_100_columns(name: str, store: ox.Store) -> None:
    query = named_queries()[name]
    every = variables(store, name)
    assert set(query.columns) <= set(every), f"{name} declares columns it does not select"
    text = render(execute(store, query, query.example()), "table", width=WIDTH, default=query.columns or None)
    shown = check_table(text.decode(), every)
    assert shown == list(query.columns or every)[: len(shown)]


def test_query_command_prints_the_default_columns(graph_file: str, store: ox.Store) -> None:
    done = cli("query", "export-halts", "-p", "country=russia", "--graph", graph_file, columns=WIDTH)
    assert done.returncode == 0, done.stderr
    shown = check_table(done.stdout, variables(store, "export-halts"))
    assert shown == list(named_queries()["export-halts"].columns)


def test_queries_list_fits_100_columns() -> None:
    done = cli("queries", columns=WIDTH)
    assert check_table(done.stdout, ["name", "title", "parameters"]) == ["name", "title", "parameters"]


def test_wide_shows_every_column_uncut(graph_file: str) -> None:
    done = cli("exposure", "--wide", "--graph", graph_file, columns=WIDTH)
    assert done.returncode == 0, done.stderr
    every = csv_columns(["exposure"], graph_file)
    assert headers(done.stdout) == every
    assert "…" not in done.stdout
    assert NOTE not in done.stdout


def test_columns_picks_and_orders(graph_file: str) -> None:
    done = cli("exposure", "--columns", "chains,product", "--graph", graph_file, columns=WIDTH)
    assert done.returncode == 0, done.stderr
    assert headers(done.stdout) == ["chains", "product"]
    assert NOTE not in done.stdout, "columns left out on purpose are not news"


@pytest.mark.parametrize(
    ("args", "parameter"),
    [
        (["exposure", "--columns", "nope"], "columns"),
        (["exposure", "--columns", "chains", "--wide"], "columns"),
        (["exposure", "--columns", "chains", "--format", "csv"], "columns"),
        (["chains", "us-government", "russia", "--wide", "--format", "json"], "wide"),
        (["query", "export-halts", "-p", "country=russia", "--columns", "nope"], "columns"),
    ],
)
def test_a_bad_choice_of_columns_is_a_located_error(args: list[str], parameter: str, graph_file: str) -> None:
    done = cli(*args, "--graph", graph_file)
    assert done.returncode == 1
    assert f"parameter '{parameter}'" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
