"""The chain commands as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graph import Build, write_build
from tests.conftest import cli


@pytest.fixture(scope="module")
def built(curated: Build, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("build")
    write_build(curated, out)
    return str(out / "sanctions-kg.nt")


def test_chains_as_json_carry_hops_claims_and_sources(built: str) -> None:
    done = cli("chains", "us-government", "Russia", "--graph", built, "--format", "json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    texts = [r["text"] for r in records]
    assert "Government of the United States -pressures-> Lenovo -exportsTo-> Russia" in texts
    first_hop = records[0]["hops"][0]
    assert first_hop["relation"] == "pressures"
    assert all(claim["sources"] for claim in first_hop["claims"])


def test_chains_as_csv_one_row_per_hop(built: str) -> None:
    done = cli("chains", "china-government", "russia", "--graph", built, "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["chain"], r["hop"], r["relation"]) for r in rows] == [
        ("1", "1", "pressures"),
        ("1", "2", "exportsTo"),
        ("2", "1", "pressures"),
        ("2", "2", "exportsTo"),
    ]
    assert {r["stance"] for r in rows if r["relation"] == "pressures"} == {"TowardsResistance"}


def test_chokepoints(built: str) -> None:
    done = cli("chokepoints", "us-government", "russia", "--graph", built)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("9 chains from Government of the United States to Russia")
    assert "Large US chip companies" in done.stdout


def test_whatif(built: str) -> None:
    done = cli(
        "whatif",
        "us-government",
        "russia",
        "--remove",
        "us-chip-suppliers",
        "--remove-edge",
        "qualcomm:supplies:xiaomi",
        "--graph",
        built,
        "--format",
        "csv",
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    surviving = [r["description"] for r in rows if r["kind"] == "chain" and r["after"] == "True"]
    assert len(surviving) == 3


def test_exposure(built: str) -> None:
    done = cli("exposure", "--graph", built, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {(r["product"], r["basePeriod"]): r for r in json.loads(done.stdout)}
    assert rows[("Laptops", "2022-02")]["bound"] == "MoreThan"
    assert rows[("Laptops", "2022-02")]["chains"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("chains", "lenovoo", "russia"),
            "error: parameter 'source': no entity 'lenovoo' in the graph; did you mean: lenovo",
        ),
        (("chains", "us-government", "rusia"), "error: parameter 'target': no entity 'rusia'"),
        (
            ("chains", "us-government", "russia", "--pattern", "pressures+ exportTo"),
            "error: pattern 'pressures+ exportTo', at 11: unknown relation 'exportTo'",
        ),
        (
            ("chains", "us-government", "russia", "--pattern", "(pressures exportsTo"),
            "error: pattern '(pressures exportsTo', at 20",
        ),
        (
            ("chains", "us-government", "russia", "--max-hops", "0"),
            "error: parameter 'max_hops': 0 is out of range",
        ),
        (
            ("chains", "us-government", "russia", "--max-hops", "99"),
            "error: parameter 'max_hops': 99 is out of range",
        ),
        (("chains", "us-government", "russia", "--as-of", "May 2022"), "error: parameter 'as-of'"),
        (("chains", "us-government", "russia", "--format", "xml"), "error: parameter 'format'"),
        (
            ("whatif", "us-government", "russia", "--remove-edge", "lenovo-exportsTo-russia"),
            "error: parameter 'remove-edge'",
        ),
    ],
)
def test_bad_input_is_a_clear_error(built: str, args: tuple[str, ...], message: str) -> None:
    done = cli(*args, "--graph", built)
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_product_is_refused_and_a_csv_listing_writes_nothing(build_dir: Path) -> None:
    graph = str(build_dir / "sanctions-kg.nt")
    done = cli(
        "chains", "us-government", "russia", "--graph", graph, "--product", "nosuchproduct", "--format", "csv"
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "parameter 'product'" in done.stderr
    named = cli(
        "chains", "us-government", "russia", "--graph", graph, "--product", "Laptops", "--format", "csv"
    )
    by_id = cli(
        "chains", "us-government", "russia", "--graph", graph, "--product", "laptops", "--format", "csv"
    )
    assert named.returncode == 0, named.stderr
    assert named.stdout == by_id.stdout
    assert named.stdout.count("\n") > 1
