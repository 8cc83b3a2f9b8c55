"""The SPARQL commands as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graph.sparql.queries import named_queries
from tests.conftest import cli

ID = "https://w3id.org/sanctions-kg/id/"


def test_queries_lists_every_named_question() -> None:
    done = cli("queries")
    assert done.returncode == 0
    for name in named_queries():
        assert name in done.stdout


def test_query_a_named_question_as_csv() -> None:
    done = cli("query", "export-halts", "--param", "country=russia", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {ID + "lenovo", ID + "xiaomi"} <= {r["exporter"] for r in rows}


def test_query_as_a_table_by_default() -> None:
    done = cli("query", "trade-changes", "-p", "reporter=china", "-p", "partner=russia")
    assert done.returncode == 0, done.stderr
    assert "almost two-thirds" in done.stdout
    assert done.stdout.rstrip().endswith("6 rows")


def test_query_a_built_file(tmp_path: Path) -> None:
    built = cli("build", "--out", str(tmp_path))
    assert built.returncode == 0, built.stderr
    done = cli("query", "sources", "--graph", str(tmp_path / "sanctions-kg.nt"), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["results"]["bindings"]) == 34


def test_ad_hoc_expression_and_file(tmp_path: Path) -> None:
    text = (
        "PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?c a skg:Claim }"
    )
    by_expression = cli("query", "-e", text, "--format", "csv")
    path = tmp_path / "count.rq"
    path.write_text(text, encoding="utf-8")
    by_file = cli("query", "--file", str(path), "--format", "csv")
    assert by_expression.stdout == by_file.stdout == "n\n70\n"  # CSV's CRLF, read as text


def test_file_with_declared_parameter_treats_an_injection_as_data(tmp_path: Path) -> None:
    path = tmp_path / "label.rq"
    path.write_text(
        "# param: label string a label\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?label ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?label) }",
        encoding="utf-8",
    )
    done = cli("query", "--file", str(path), "-p", 'label=x" } ; DROP ALL ; #', "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "label,e\n"


def test_construct_is_turtle_by_default() -> None:
    done = cli("query", "neighbourhood", "-p", "entity=lenovo")
    assert done.returncode == 0, done.stderr
    assert "@prefix skg:" in done.stdout or "skg:" in done.stdout


def test_out_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    done = cli("query", "sources", "--format", "json", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["head"]["vars"][0] == "source"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "-e", "SELECT ?x WHERE { ?x ?y }"), "error: -e, line 1, column 26: syntax error"),
        (("query", "export-halt"), "error: unknown query 'export-halt'; did you mean: export-halts?"),
        (
            ("query", "export-halts", "-p", "country=russia", "-p", "colour=red"),
            "error: query export-halts, parameter 'colour': unknown parameter",
        ),
        (("query", "export-halts"), "error: query export-halts, parameter 'country': missing"),
        (("query", "export-halts", "-p", "country"), "error: parameter 'country': write --param NAME=VALUE"),
        (
            ("query", "measures-in-force", "-p", "day=15 March"),
            "error: query measures-in-force, parameter 'day'",
        ),
        (("query", "sources", "--format", "yaml"), "error: parameter 'format'"),
        (("query", "neighbourhood", "-p", "entity=lenovo", "--format", "csv"), "error: parameter 'format'"),
        (("query",), "error: give exactly one of"),
        (("query", "sources", "-e", "ASK {}"), "error: give exactly one of"),
        (("query", "sources", "--columns", "nope"), "error: parameter 'columns': no column nope"),
        (("query", "sources", "--graph", "nowhere.nt"), "error: nowhere.nt: no such file"),
        (
            ("query", "sources", "--endpoint", "ftp://127.0.0.1/x"),
            "error: ftp://127.0.0.1/x: not an http(s) URL",
        ),
    ],
)
def test_bad_input_is_a_clear_error(args: tuple[str, ...], message: str) -> None:
    done = cli(*args)
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr


def test_bad_query_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("# title: broken\nSELECT ?x\nWHERE { ?x ?y ?z }\nLIMIT many\n", encoding="utf-8")
    done = cli("query", "--file", str(path))
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {path}, line 4, column 7: syntax error")


def test_serve_reports_a_missing_or_broken_graph_file(tmp_path: Path) -> None:
    missing = cli("serve", "--graph", str(tmp_path / "nowhere.nt"), "--port", "1")
    assert missing.returncode == 1
    assert missing.stderr.startswith(f"error: {tmp_path / 'nowhere.nt'}: no such file")
    broken = tmp_path / "broken.nt"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    done = cli("serve", "--graph", str(broken), "--port", "1")
    assert done.returncode == 1
    assert "line 1" in done.stderr
    assert "Stack backtrace" not in done.stderr
    assert "Traceback" not in done.stderr
