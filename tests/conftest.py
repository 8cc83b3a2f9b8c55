"""Shared fixtures: one build of the curated data per session, its files, and a SPARQL store over them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import Build, build, write_build

FIXTURES = Path(__file__).parent / "fixtures"
"""The test inputs kept in the repository (tests/fixtures/)."""
SKG = "https://w3id.org/sanctions-kg/ontology#"
ID = "https://w3id.org/sanctions-kg/id/"
PREFIXES = f"""
PREFIX skg: <{SKG}>
PREFIX id: <{ID}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="session")
def curated() -> Build:
    return build()


@pytest.fixture(scope="session")
def build_dir(curated: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    write_build(curated, out)
    return out


@pytest.fixture(scope="session")
def store(build_dir: Path) -> ox.Store:
    """The built N-Triples loaded into an embedded Oxigraph store."""
    st = ox.Store()
    st.bulk_load(path=str(build_dir / "sanctions-kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return st


def select(store: ox.Store, query: str, **bindings: str) -> list[dict[str, str]]:
    """Run a SELECT; each keyword binds ``?name`` to the entity ``id:<value>``, or to the IRI
    itself when the value is one (as a binding, not by editing the text; Oxigraph wants bound
    variables in the projection). Returns rows of plain values."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): ox.NamedNode(v if "://" in v else ID + v) for k, v in bindings.items()
    }
    result = store.query(PREFIXES + query, substitutions=substitutions)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def cli(*args: str, cwd: Path | None = None, columns: int = 200) -> subprocess.CompletedProcess[str]:
    """Run the installed ``sanctions-kg`` command as a user would, in a terminal ``columns``
    characters wide (a wide one by default)."""
    bin_dir = Path(sys.executable).parent
    return subprocess.run(
        [str(bin_dir / "sanctions-kg"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=600,
        env={"COLUMNS": str(columns), "PATH": str(bin_dir)},
    )
