"""The notebooks run top to bottom, offline, in a fresh kernel, and say what the API says.

Each notebook is executed with nbclient in an empty working folder (it writes only under
``build/`` there); the outputs of tagged cells are checked against the API run here. The
notebooks are stored without outputs, so what a reader runs is what this test ran.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

import graph
from graph import ID, Build, pressure_chains, project

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
EXPECTED = [
    "01-founding-case.ipynb",
    "02-what-if.ipynb",
    "03-bring-your-own-data.ipynb",
    "04-ownership.ipynb",
]


def read(path: Path) -> Any:
    return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]


def code_cells(notebook: Any) -> Iterator[Any]:
    return (cell for cell in notebook.cells if cell.cell_type == "code")


def tagged(notebook: Any, tag: str) -> Any:
    (cell,) = [cell for cell in code_cells(notebook) if tag in cell.metadata.get("tags", [])]
    return cell


def stdout(cell: Any) -> str:
    return "".join(out.text for out in cell.outputs if out.output_type == "stream" and out.name == "stdout")


def data(cell: Any, mime: str) -> str:
    found = [out.data[mime] for out in cell.outputs if "data" in out and mime in out.data]
    assert found, f"no {mime} output"
    return str(found[-1])


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, Path]]:
    """Every notebook, run once in a working folder of its own."""
    runs = {}
    for path in NOTEBOOKS:
        work = tmp_path_factory.mktemp(path.stem)
        notebook = read(path)
        client = NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
        )
        client.execute()
        runs[path.name] = (notebook, work)
    return runs


def test_the_four_walkthroughs_are_there() -> None:
    assert [path.name for path in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path: Path) -> None:
    notebook = read(path)
    nbformat.validate(notebook)
    for cell in code_cells(notebook):
        assert cell.outputs == [], cell.source[:60]
        assert cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_the_public_api_is_used(path: Path) -> None:
    notebook = read(path)
    for cell in code_cells(notebook):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "graph":
                assert node.module == "graph", f"imports from {node.module}"
                assert {alias.name for alias in node.names} <= set(graph.__all__)
            if isinstance(node, ast.Import):
                assert all(alias.name.split(".")[0] != "graph" for alias in node.names)
            if isinstance(node, ast.Attribute):
                assert not node.attr.startswith("_"), f"private attribute {node.attr}"


def test_each_runs_and_writes_only_under_build(executed: dict[str, tuple[Any, Path]]) -> None:
    assert sorted(executed) == EXPECTED
    for notebook, work in executed.values():
        assert all(cell.execution_count for cell in code_cells(notebook))
        assert {entry.name for entry in work.iterdir()} <= {"build"}


def test_founding_case(executed: dict[str, tuple[Any, Path]], curated: Build) -> None:
    notebook, _ = executed["01-founding-case.ipynb"]
    G = project(curated)
    chains = pressure_chains(G, str(ID["us-government"]), str(ID["russia"]))
    assert stdout(tagged(notebook, "founding-chains")).splitlines() == [c.describe(G) for c in chains]
    assert data(tagged(notebook, "trade-chart"), "image/png")
    claims = data(tagged(notebook, "founding-claims"), "text/html")
    assert "wsj-2022-05-lenovo-xiaomi" in claims
    view = data(tagged(notebook, "view"), "text/html")
    assert view.startswith(
        '<iframe class="sanctions-kg-view" sandbox="allow-scripts" srcdoc="&lt;!DOCTYPE html&gt;'
    )


def test_what_if(executed: dict[str, tuple[Any, Path]], curated: Build) -> None:
    notebook, _ = executed["02-what-if.ipynb"]
    G = project(curated)
    count = len(list(pressure_chains(G, str(ID["us-government"]), str(ID["russia"]))))
    assert stdout(tagged(notebook, "chokepoints")).splitlines()[0] == f"{count} chains"
    blocked = stdout(tagged(notebook, "blocked-relations")).splitlines()
    assert "Government of the United States -pressures-> Lenovo" in blocked
    assert not any("People's Republic of China" in line for line in blocked)  # resistance is not blocked
    assert "Qualcomm -exportsTo-&gt; Russia" in data(tagged(notebook, "whatif-blocking-rules"), "text/html")
    assert "sandbox" in data(tagged(notebook, "view"), "text/html")


def test_bring_your_own_data(executed: dict[str, tuple[Any, Path]], curated: Build) -> None:
    notebook, work = executed["03-bring-your-own-data.ipynb"]
    located = stdout(tagged(notebook, "located-error")).splitlines()
    where = "build/my-data/claims.csv, row 5, column"
    assert located == [
        f"{where} \"subject\": unknown-entity: unknown entity 'example-handset'",
        f"{where} \"status\": unknown-status: 'Stopped' is not a Status; "
        "known: Active, Halted, Reduced, Threatened",
    ]
    assert "Example Handsets (invented)" in data(tagged(notebook, "across-both"), "text/html")
    assert "Example Handsets (invented)" in data(tagged(notebook, "chains-through-mine"), "text/html")
    assert (work / "build" / "my-data-view.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report = (work / "build" / "with-my-data" / "report.json").read_text(encoding="utf-8")
    assert f'"claims": {curated.report["claims"] + 3}' in report


def test_ownership(executed: dict[str, tuple[Any, Path]], curated: Build) -> None:
    """What the notebook shows is what the API says of the records it wrote."""
    import datetime as dt
    from dataclasses import replace

    import pyoxigraph as ox

    from graph import load_rule, open_store, ownership

    notebook, work = executed["04-ownership.ipynb"]
    store = open_store(curated)
    store.bulk_load(path=str(work / "build" / "ownership" / "records.nt"), format=ox.RdfFormat.N_TRIPLES)
    ofac = ownership(store, "ofac", day=dt.date(2024, 6, 1))
    caught = {ofac.labels[v.entity]: v.verdict for v in ofac.caught()}
    assert caught == {
        "Company A (invented)": "captured",
        "Company B (invented)": "captured",
        "Company F (invented)": "undetermined",
    }
    frame = data(tagged(notebook, "ofac-frame"), "text/html")
    assert all(str(label) in frame for label in caught)
    assert "Company E (invented)" not in frame  # FAQ 401: through C and D, which are not blocked
    assert stdout(tagged(notebook, "stake-ended")).splitlines() == [
        "2022-01-01 Company G: captured",
        "2024-06-01 Company G: not captured",
    ]
    eu = load_rule("eu")
    lines = []
    for reading in ("in-full", "multiplied"):
        b = ownership(store, replace(eu, indirect=reading), day=dt.date(2024, 8, 1)).of(str(ID["ftm-b"]))
        lines.append(f"{reading}: Company B {b.verdict}, {b.low} to {b.high} %")
    assert stdout(tagged(notebook, "readings")).splitlines() == lines
    assert "not in force" in data(tagged(notebook, "compare"), "text/html")
    assert "sandbox" in data(tagged(notebook, "view"), "text/html")
