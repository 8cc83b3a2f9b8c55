"""On-disk stores: bulk-loaded without rdflib, replaced only whole, read by every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import SanctionsKGError, query_frame
from graph.errors import InputError
from graph.generate.ntriples import write_generated
from graph.model.output import ontology_ntriples
from graph.sparql.store import load_store, open_store, open_store_dir
from tests.conftest import cli

BAD = b'<http://a> <http://b> <http://c> .\n<http://a> <http://b> "x .\n'


@pytest.fixture(scope="module")
def disk(build_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("disk") / "store"
    load_store([build_dir / "sanctions-kg.nt"], folder)
    return folder


def test_a_store_on_disk_holds_the_build_and_answers_the_same(build_dir: Path, disk: Path) -> None:
    memory = open_store(build_dir / "sanctions-kg.nt")
    on_disk = open_store_dir(disk)
    assert len(on_disk) == len(memory)
    for name, params in [("export-halts", {"country": "russia"}), ("pressures-on", {"company": "lenovo"})]:
        assert query_frame(on_disk, name, params).equals(query_frame(memory, name, params))


def test_loading_reports_progress_and_several_files_add_up(build_dir: Path, tmp_path: Path) -> None:
    read: list[int] = []
    extra = tmp_path / "extra.nt"
    extra.write_bytes(b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    files = [build_dir / "sanctions-kg.nt", extra]
    count = load_store(files, tmp_path / "store", progress=read.append)
    assert sum(read) == sum(f.stat().st_size for f in files)
    assert count == len(open_store(build_dir / "sanctions-kg.nt")) + 1


def test_a_failed_load_changes_nothing(build_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    before = load_store([build_dir / "sanctions-kg.nt"], folder)
    bad = tmp_path / "bad.nt"
    bad.write_bytes(BAD)
    with pytest.raises(InputError) as error:
        load_store([build_dir / "sanctions-kg.nt", bad], folder)
    [problem] = error.value.problems
    assert (problem.file, problem.row, problem.kind) == (str(bad), 2, "rdf-syntax")
    assert "column 23" in problem.message
    assert len(open_store_dir(folder)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nt", "store"]  # nothing staged is left


def test_a_second_load_replaces_the_store(build_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    load_store([build_dir / "sanctions-kg.nt"], folder)
    small = tmp_path / "small.nt"
    small.write_bytes(b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    assert load_store([small], folder) == 1
    assert len(open_store_dir(folder)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.nt", "store"]


def test_what_is_not_a_store_is_refused(build_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    with pytest.raises(SanctionsKGError, match="exists and is not a store"):
        load_store([build_dir / "sanctions-kg.nt"], tmp_path / "notes")
    assert (tmp_path / "notes" / "keep.txt").read_text() == "mine"
    with pytest.raises(SanctionsKGError, match="no store here"):
        open_store_dir(tmp_path / "notes")
    with pytest.raises(SanctionsKGError, match="unknown RDF file kind"):
        load_store([tmp_path / "notes" / "keep.txt"], tmp_path / "s")
    with pytest.raises(SanctionsKGError, match="no such file"):
        load_store([tmp_path / "missing.nt"], tmp_path / "s")
    assert not (tmp_path / "s").exists()


def test_commands_read_a_store_as_they_read_a_file(build_dir: Path, disk: Path, tmp_path: Path) -> None:
    graph = str(build_dir / "sanctions-kg.nt")
    for args in [
        ["query", "export-halts", "-p", "country=russia", "--format", "csv"],
        ["chains", "us-government", "russia", "--format", "csv"],
        ["exposure", "--format", "csv"],
    ]:
        from_file, from_store = cli(*args, "--graph", graph), cli(*args, "--store", str(disk))
        assert from_store.returncode == 0, from_store.stderr
        assert from_store.stdout == from_file.stdout
        assert from_store.stdout.count("\n") > 1
    view = cli("view", "--store", str(disk), "--focus", "lenovo", "--out", str(tmp_path / "v.html"))
    assert view.returncode == 0, view.stderr
    assert "Lenovo" in (tmp_path / "v.html").read_text()


def test_the_load_command(build_dir: Path, tmp_path: Path) -> None:
    done = cli("load", str(build_dir / "sanctions-kg.nt"), "--store", str(tmp_path / "store"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"loaded {len(open_store(build_dir / 'sanctions-kg.nt'))} triples")
    bad = tmp_path / "bad.nt"
    bad.write_bytes(BAD)
    for args, message in [
        ([str(bad), "--store", str(tmp_path / "other")], f"{bad}, row 2: rdf-syntax: at line 2, column 23"),
        ([str(bad)], "parameter 'store': load into --store DIR or upload to --endpoint URL"),
    ]:
        failed = cli("load", *args)
        assert failed.returncode == 1
        assert message in failed.stderr
        assert "Traceback" not in failed.stderr
    assert not (tmp_path / "other").exists()
    both = cli(
        "query", "sources", "--store", str(tmp_path / "store"), "--graph", str(build_dir / "sanctions-kg.nt")
    )
    assert both.returncode == 1
    assert "not both" in both.stderr
    missing = cli("chains", "us-government", "russia", "--store", str(tmp_path / "nothing"))
    assert missing.returncode == 1
    assert "no store here" in missing.stderr


def test_the_ontology_is_added_when_the_files_lack_it(build_dir: Path, tmp_path: Path) -> None:
    facts = tmp_path / "facts.nt"
    write_generated(facts, 300, seed=4)
    terms = ontology_ntriples()
    alone = load_store([facts], tmp_path / "bare")
    with_terms = load_store([facts], tmp_path / "full", ontology=terms)
    assert with_terms == alone + terms.count(b"\n")
    built = load_store([build_dir / "sanctions-kg.nt"], tmp_path / "built", ontology=terms)
    assert built == len(open_store(build_dir / "sanctions-kg.nt"))  # the build has it: nothing twice


def test_generated_facts_loaded_by_the_command_answer_chains(tmp_path: Path) -> None:
    facts = tmp_path / "facts.nt"
    assert cli("generate", "--relations", "400", "--out", str(facts)).returncode == 0
    store = str(tmp_path / "store")
    assert cli("load", str(facts), "--store", store).returncode == 0
    found = cli("chains", "government-0", "country-0", "--max-hops", "4", "--store", store, "--format", "csv")
    assert found.returncode == 0, found.stderr
    assert found.stdout.count("\n") > 2
    assert cli("load", str(facts), "--store", store, "--no-ontology").returncode == 0
    bare = cli("chains", "government-0", "country-0", "--store", store)
    assert bare.returncode == 1
    assert "unknown relation 'sanctions'; the graph declares no relations" in bare.stderr


def test_a_focused_view_of_a_store_reads_only_around_the_focus(
    build_dir: Path, disk: Path, tmp_path: Path
) -> None:
    """The same page as from the whole graph, whether the focus is named by id or by label."""
    graph = str(build_dir / "sanctions-kg.nt")
    pages: list[bytes] = []
    for source, focus in [
        (["--graph", graph], "lenovo"),
        (["--store", str(disk)], "lenovo"),
        (["--store", str(disk)], "Lenovo"),
    ]:
        out = tmp_path / f"{len(pages)}.html"
        done = cli("view", *source, "--focus", focus, "--depth", "2", "--out", str(out))
        assert done.returncode == 0, done.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] == pages[2]
    assert b"Lenovo" in pages[0]


def test_lenient_loading_skips_the_checks_of_iris(tmp_path: Path) -> None:
    odd = tmp_path / "odd.nt"
    odd.write_bytes(b"<http://example.org/a b> <http://example.org/p> <http://example.org/c> .\n")
    with pytest.raises(InputError):
        load_store([odd], tmp_path / "strict")
    assert load_store([odd], tmp_path / "lenient", lenient=True) == 1
    done = cli("load", str(odd), "--store", str(tmp_path / "cli"), "--lenient", "--no-ontology")
    assert done.returncode == 0, done.stderr
