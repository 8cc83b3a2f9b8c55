"""The same named questions on the embedded store, on Oxigraph's server and on Virtuoso, and
the read-only endpoint's guarantees. Every server is real, started here on 127.0.0.1."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from graph import Build
from graph.errors import EndpointError
from graph.sparql.endpoint import Endpoint
from graph.sparql.queries import adhoc_query, named_queries
from graph.sparql.results import python_value
from graph.sparql.run import Result, execute
from graph.sparql.store import load_store, open_store
from tests.conftest import cli
from tests.servers import BIN, TEST_GRAPH, free_port, need, oxigraph_filled, running, served, virtuoso_filled

RUNAWAY = """SELECT * WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i .
  FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "never"))
}"""


def rows(result: Result) -> Counter[Any]:
    """Rows as a multiset, each value read as what it means: the formats may write -40 as -40.0,
    or a plain string with or without xsd:string, and may order rows freely."""
    if isinstance(result, ox.QueryTriples):
        return Counter(str(t) for t in result)
    if isinstance(result, ox.QueryBoolean):
        return Counter([bool(result)])
    names = [v.value for v in result.variables]
    return Counter(tuple((n, python_value(row[n])) for n in names) for row in result)


def ask(target: ox.Store | Endpoint, name: str) -> Counter[Any]:
    query = named_queries()[name]
    return rows(execute(target, query, query.example()))


@pytest.fixture(scope="module")
def embedded(curated: Build) -> ox.Store:
    return open_store(curated)


@pytest.fixture(scope="module")
def read_only() -> Iterator[Endpoint]:
    """`sanctions-kg serve` with a 1 s query timeout."""
    with served() as url:
        yield Endpoint(url, timeout=300)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """A writable Oxigraph server, filled by `sanctions-kg load` (Graph Store Protocol)."""
    with oxigraph_filled(tmp_path_factory.mktemp("oxigraph")) as url:
        yield Endpoint(url, timeout=120)


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """A Virtuoso of its own, filled by `sanctions-kg load` into a named graph (digest auth)."""
    with virtuoso_filled(tmp_path_factory.mktemp("virtuoso")) as url:
        yield Endpoint(url, default_graph=TEST_GRAPH, timeout=120)


QUERIES = sorted(named_queries())


@pytest.mark.parametrize("name", QUERIES)
def test_read_only_endpoint_answers_like_the_embedded_store(
    embedded: ox.Store, read_only: Endpoint, name: str
) -> None:
    expected = ask(embedded, name)
    assert expected, f"{name} finds nothing on the curated graph"
    assert ask(read_only, name) == expected


@pytest.mark.parametrize("name", QUERIES)
def test_oxigraph_server_answers_like_the_embedded_store(
    embedded: ox.Store, oxigraph_server: Endpoint, name: str
) -> None:
    assert ask(oxigraph_server, name) == ask(embedded, name)


@pytest.mark.parametrize("name", QUERIES)
def test_virtuoso_answers_like_the_embedded_store(
    embedded: ox.Store, virtuoso_server: Endpoint, name: str
) -> None:
    assert ask(virtuoso_server, name) == ask(embedded, name)


def count_triples(target: Endpoint) -> int:
    result = execute(target, adhoc_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert isinstance(result, ox.QuerySolutions)
    return int(python_value(next(iter(result))["n"]))


@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("update", "application/x-www-form-urlencoded", urllib.parse.urlencode({"update": "DROP ALL"})),
        ("update", "application/sparql-update", "DROP ALL"),
        ("query", "application/sparql-update", "DROP ALL"),
        ("store?default", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
    ],
)
def test_read_only_endpoint_refuses_changes(
    read_only: Endpoint, path: str, content_type: str, body: str
) -> None:
    before = count_triples(read_only)
    url = read_only.url.removesuffix("query") + path
    request = urllib.request.Request(
        url, data=body.encode(), method="POST", headers={"Content-Type": content_type}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    refused.value.close()
    assert 400 <= refused.value.code < 500
    assert count_triples(read_only) == before


def test_runaway_query_is_cut_and_the_server_keeps_answering(read_only: Endpoint, embedded: ox.Store) -> None:
    with pytest.raises(EndpointError, match="cut the query short"):
        execute(read_only, adhoc_query(RUNAWAY))
    assert ask(read_only, "sources") == ask(embedded, "sources")


def test_load_reports_an_unreachable_server() -> None:
    url = f"http://127.0.0.1:{free_port()}/store?default"
    done = cli("load", "--endpoint", url)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {url}: cannot connect")
    assert "Traceback" not in done.stderr


def test_query_reports_an_unreachable_server() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    done = cli("query", "sources", "--endpoint", url)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {url}: cannot connect")


def test_server_syntax_errors_are_caught_before_sending(read_only: Endpoint) -> None:
    done = cli("query", "-e", "SELECT ?x WHERE { ?x ?y }", "--endpoint", read_only.url)
    assert done.returncode == 1
    assert "line 1, column 26" in done.stderr


def test_server_side_error_is_a_clear_message(read_only: Endpoint) -> None:
    # a query the server rejects although it parses: an unknown service
    query = adhoc_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/none> { ?s ?p ?o } }")
    with pytest.raises(EndpointError) as error:
        execute(read_only, query)
    assert error.value.url == read_only.url
    assert error.value.reason


def test_a_server_that_never_answers_is_a_timeout_error() -> None:
    """A port that accepts connections but never replies (no SPARQL server is needed to be slow)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(EndpointError) as error:
            execute(Endpoint(url, timeout=1), adhoc_query("ASK { }"))
    assert error.value.url == url
    assert "no answer in time" in error.value.reason


def test_serve_reads_an_on_disk_store_in_place(build_dir: Path, tmp_path: Path, embedded: ox.Store) -> None:
    """`serve --store DIR` serves the store `load --store` made, without copying it."""
    need("oxigraph")
    store = tmp_path / "store"
    load_store([build_dir / "sanctions-kg.nt"], store)
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    with running([str(BIN / "sanctions-kg"), "serve", "--port", str(port), "--store", str(store)], url):
        served = Endpoint(url, timeout=300)
        assert count_triples(served) == len(embedded)
        assert ask(served, "export-halts") == ask(embedded, "export-halts")
