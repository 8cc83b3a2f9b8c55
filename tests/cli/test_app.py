"""The command line: each command runs, prints what it says, and fails cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph import default_data_dir
from graph.model.output import OUTPUT_FILES
from tests.conftest import cli


def test_build_writes_the_outputs_and_prints_counts(tmp_path: Path) -> None:
    result = cli("build", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(OUTPUT_FILES)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert f"│ claims            │    {report['claims']} │" in result.stdout
    assert "wrote" in result.stdout


def test_validate_writes_nothing(tmp_path: Path) -> None:
    result = cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert list(tmp_path.iterdir()) == []


def test_stats_prints_every_relation() -> None:
    result = cli("stats")
    assert result.returncode == 0, result.stderr
    for relation in ("supplies", "sanctions", "pressures", "exportsTo"):
        assert relation in result.stdout


@pytest.mark.parametrize("command", ["build", "validate", "stats"])
def test_bad_data_is_reported_with_location_and_exit_1(tmp_path: Path, command: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    claims = data / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            ",lenovo,exportsTo,russia,", ",lenovoo,exportsTo,russia,", 1
        ),
        encoding="utf-8",
    )
    result = (
        cli(command, "--data", str(data), "--out", str(tmp_path / "out"))
        if command == "build"
        else cli(command, "--data", str(data))
    )
    assert result.returncode == 1
    assert f"{data}/claims.csv, row " in result.stderr
    assert 'column "subject": unknown-entity' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("build", "--out", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr


def test_missing_data_folder_names_each_missing_file(tmp_path: Path) -> None:
    result = cli("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert f"{tmp_path}/nowhere/claims.csv: missing-file" in result.stderr


def test_unknown_option_is_a_usage_error() -> None:
    result = cli("build", "--no-such-option")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
