"""chains, chokepoints, whatif and exposure against real SPARQL servers started here on 127.0.0.1
(`sanctions-kg serve`, a writable `oxigraph serve` filled by `sanctions-kg load --endpoint`, and
Virtuoso): the same output as on the embedded store, and a clear error, never a smaller answer,
from a server that is down or cuts its answers short."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.generated import generate
from graph.sparql.store import load_store
from tests.conftest import cli
from tests.servers import TEST_GRAPH, free_port, oxigraph_filled, served, virtuoso_filled

QUESTIONS = [
    ["chains", "us-government", "russia", "--format", "csv"],
    ["chains", "United States", "russia", "--max-hops", "3", "--format", "json"],
    ["chains", "us-government", "russia", "--product", "laptops", "--as-of", "2022-04-01", "--format", "csv"],
    ["chokepoints", "us-government", "russia"],
    ["whatif", "us-government", "russia", "--remove", "lenovo", "--format", "csv"],
    ["exposure", "--format", "csv"],
]


@pytest.fixture(scope="module")
def servers(build_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[str]]]:
    """Each server holding the curated graph, by name, with the options that read it."""
    curated = build_dir / "sanctions-kg.nt"
    folder = tmp_path_factory.mktemp("servers")
    with (
        served() as read_only,
        oxigraph_filled(folder / "oxigraph", curated) as writable,
        virtuoso_filled(folder / "virtuoso", curated) as virtuoso,
    ):
        yield {
            "serve": ["--endpoint", read_only, "--timeout", "120"],
            "oxigraph": ["--endpoint", writable],
            "virtuoso": [
                "--endpoint",
                virtuoso,
                "--default-graph",
                TEST_GRAPH,
                "--user",
                "dba",
                "--password",
                "dba",
            ],
        }


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: " ".join(q[:3]))
@pytest.mark.parametrize("server", ["serve", "oxigraph", "virtuoso"])
def test_a_server_answers_as_the_embedded_store(
    servers: dict[str, list[str]], build_dir: Path, question: list[str], server: str
) -> None:
    embedded = cli(*question, "--graph", str(build_dir / "sanctions-kg.nt"))
    assert embedded.returncode == 0, embedded.stderr
    remote = cli(*question, *servers[server])
    assert remote.returncode == 0, remote.stderr
    assert (remote.stdout, remote.stderr) == (embedded.stdout, embedded.stderr)
    assert len(embedded.stdout.splitlines()) > 2


def test_a_generated_graph_on_a_server_answers_as_on_disk(tmp_path: Path) -> None:
    source = tmp_path / "generated.nt"
    source.write_bytes(generate(30_000, seed=5))
    load_store([source], tmp_path / "store")
    question = ["chains", "government-0", "country-1", "--max-hops", "4", "--format", "csv"]
    embedded = cli(*question, "--store", str(tmp_path / "store"))
    assert embedded.returncode == 0, embedded.stderr
    assert len(embedded.stdout.splitlines()) > 10
    with served("--graph", str(source), timeout=60) as url:
        remote = cli(*question, "--endpoint", url, "--timeout", "120")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == embedded.stdout


def test_a_server_that_cuts_answers_short_is_an_error(build_dir: Path, tmp_path: Path) -> None:
    with virtuoso_filled(tmp_path / "virtuoso", build_dir / "sanctions-kg.nt", max_rows=5) as url:
        done = cli(
            "chains", "us-government", "russia", "--endpoint", url, "--default-graph", TEST_GRAPH,
            "--user", "dba", "--password", "dba",
        )  # fmt: skip
    assert done.returncode == 1
    assert "the server cut an answer short" in done.stderr
    assert url in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_a_server_that_is_down_is_an_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    done = cli("chains", "us-government", "russia", "--endpoint", url)
    assert done.returncode == 1
    assert url in done.stderr
    assert "cannot connect" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--pattern", "(pressures"], "expected ')'"),
        (["--max-hops", "0"], "0 is out of range"),
        (["--graph", "x.nt"], "read --endpoint URL, --graph FILE or --store DIR: one of them"),
    ],
)
def test_a_bad_question_is_refused_before_any_query(options: list[str], message: str) -> None:
    """The server named here is down: only an error found before asking it can be printed."""
    url = f"http://127.0.0.1:{free_port()}/query"
    done = cli("chains", "us-government", "russia", "--endpoint", url, *options)
    assert done.returncode != 0
    assert message in done.stderr
    assert "cannot connect" not in done.stderr


@pytest.mark.parametrize(
    "drawn",
    [["--chains", "us-government", "russia"], ["--focus", "lenovo", "--depth", "2"]],
    ids=["chains", "focus"],
)
@pytest.mark.parametrize("server", ["serve", "virtuoso"])
def test_a_server_draws_the_page_the_embedded_store_draws(
    servers: dict[str, list[str]], build_dir: Path, tmp_path: Path, drawn: list[str], server: str
) -> None:
    here, there = tmp_path / "here.html", tmp_path / "there.html"
    embedded = cli("view", *drawn, "--graph", str(build_dir / "sanctions-kg.nt"), "--out", str(here))
    assert embedded.returncode == 0, embedded.stderr
    remote = cli("view", *drawn, *servers[server], "--out", str(there))
    assert remote.returncode == 0, remote.stderr
    assert there.read_text(encoding="utf-8") == here.read_text(encoding="utf-8")
    assert "Lenovo" in here.read_text(encoding="utf-8")
