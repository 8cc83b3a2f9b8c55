"""Your own tables beside the curated ones: ``build(extra_dirs=...)`` and ``--with``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import ID, Build, InputError, Problem, build, pressure_chains, project
from tests.conftest import FIXTURES, cli

OWN = FIXTURES / "own-data"


@pytest.fixture(scope="module")
def combined() -> Build:
    return build(extra_dirs=[OWN])


def own_copy(tmp_path: Path, table: str | None = None, row: str = "") -> Path:
    """A copy of the own tables, with ``row`` added to ``table``."""
    folder = tmp_path / "own"
    shutil.copytree(OWN, folder)
    if table is not None:
        with (folder / table).open("a", encoding="utf-8") as added:
            added.write(row + "\n")
    return folder


def problems_of(own: Path) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        build(extra_dirs=[own])
    return caught.value.problems


def test_own_rows_join_the_curated_graph(combined: Build, curated: Build) -> None:
    assert combined.report["claims"] == curated.report["claims"] + 2
    assert combined.report["sources"] == curated.report["sources"] + 1
    assert combined.report["classes"]["OEM"] == curated.report["classes"]["OEM"] + 1
    G = project(combined)
    example, qualcomm, russia = ID["example-handsets"], ID["qualcomm"], ID["russia"]
    assert G.has_edge(str(qualcomm), str(example), key="supplies")
    assert G.has_edge(str(example), str(russia), key="exportsTo")


def test_a_chain_runs_through_curated_and_own_relations(combined: Build) -> None:
    G = project(combined)
    ends = str(ID["us-government"]), str(ID["russia"])
    chains = list(pressure_chains(G, *ends))
    through = [c for c in chains if str(ID["example-handsets"]) in c.nodes]
    assert through, "no chain reaches Russia through the own device maker"
    last = through[0].hops[-1]
    assert last.relation == "exportsTo"
    assert {source for claim in last.claims for source in claim.sources} == {"own-notes"}
    # the curated chains are all still there
    assert len(chains) - len(through) == len(list(pressure_chains(project(build()), *ends)))


def test_problems_in_an_own_table_name_its_file_row_and_column(tmp_path: Path) -> None:
    own = own_copy(
        tmp_path, "claims.csv", "c-own-broken,example-handset,exportsTo,russia,Stopped,,,,,,own-notes,,,true"
    )
    located = {(p.file, p.row, p.column, p.kind) for p in problems_of(own)}
    assert located == {
        (f"{own}/claims.csv", 4, "subject", "unknown-entity"),
        (f"{own}/claims.csv", 4, "status", "unknown-status"),
    }


def test_an_id_used_by_the_curated_tables_is_a_duplicate(tmp_path: Path) -> None:
    own = own_copy(tmp_path, "entities.csv", "lenovo,OEM,Another Lenovo,,,,,own-notes,")
    (problem,) = problems_of(own)
    assert (problem.file, problem.row, problem.column, problem.kind) == (
        f"{own}/entities.csv",
        3,
        "id",
        "duplicate-id",
    )
    assert "entities.csv, row" in problem.message


def test_an_own_folder_may_lack_tables_but_not_all_of_them(tmp_path: Path) -> None:
    assert not (OWN / "trade.csv").exists()  # built above without one
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing"
    a_file = OWN / "claims.csv"
    with pytest.raises(InputError) as caught:
        build(extra_dirs=[empty, missing, a_file])
    assert [(p.file, p.row, p.kind) for p in caught.value.problems] == [
        (str(empty), None, "no-tables"),
        (str(missing), None, "missing-folder"),
        (str(a_file), None, "not-a-folder"),
    ]


def test_the_main_folder_still_needs_every_table() -> None:
    with pytest.raises(InputError) as caught:
        build(OWN)
    missing = {p.file for p in caught.value.problems if p.kind == "missing-file"}
    assert missing == {f"{OWN}/measures.csv", f"{OWN}/trade.csv"}


def test_cli_builds_with_own_tables(tmp_path: Path, combined: Build) -> None:
    done = cli("build", "--with", str(OWN), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "sanctions-kg.nt").exists()
    counted = cli("validate", "--with", str(OWN))
    assert counted.stdout.strip() == (
        f"ok: {combined.report['triples']} triples, {combined.report['claims']} claims, "
        f"{combined.report['sources']} sources"
    )


def test_cli_reports_own_problems_without_a_traceback(tmp_path: Path) -> None:
    own = own_copy(
        tmp_path, "claims.csv", "c-own-broken,example-handsets,exportsTo,russia,Stopped,,,,,,own-notes,,,true"
    )
    out = tmp_path / "out"
    done = cli("build", "--with", str(own), "--out", str(out))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{own}/claims.csv, row 4, column \"status\": unknown-status: 'Stopped' is not a Status; "
        "known: Active, Halted, Reduced, Threatened",
        "1 problem; nothing was written.",
    ]
    assert not out.exists()
