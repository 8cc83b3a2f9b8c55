"""The README stays true: its list of named questions is the one the headers give."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from graph.sparql.queries import catalogue

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_lists_the_named_questions_from_their_headers() -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- queries:start -->\n(.*?)<!-- queries:end -->", text, re.S)
    assert found is not None
    assert found.group(1) == catalogue(), "run `make readme`"


def test_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in first_block.strip().splitlines() if line.startswith("make")] == [
        ["make", "demo"],
        ["make", "test"],
    ]


def tour_session() -> list[tuple[str, list[str]]]:
    """The tour's shell session that adds your own tables: each command with the lines shown under it."""
    text = README.read_text(encoding="utf-8")
    block = next(b for b in text.split("```")[1::2] if "$ mkdir my-data" in b)
    session: list[tuple[str, list[str]]] = []
    for line in block.strip("\n").splitlines():
        if line.startswith("$ "):
            session.append((line[2:], []))
        else:
            session[-1][1].append(line)
    return session


def test_the_tour_of_your_own_tables_prints_what_the_readme_shows(tmp_path: Path) -> None:
    """Each command runs in an empty folder as the README shows it: a command shown with output
    prints exactly that (stdout and stderr) with its exit status, one shown without succeeds."""
    bin_dir = Path(sys.executable).parent
    session = tour_session()
    assert [command.split()[0] for command, _ in session] == [
        "mkdir",
        "printf",
        "sanctions-kg",
        "sed",
        "sanctions-kg",
        "sanctions-kg",
    ]
    for command, shown in session:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env={"PATH": f"{bin_dir}:/usr/bin:/bin", "COLUMNS": "200"},
        )
        printed = (done.stdout + done.stderr).splitlines()
        if shown:
            assert printed == shown, command
            assert done.returncode == (1 if "problems; nothing was written." in shown[-1] else 0), command
        else:
            assert done.returncode == 0, done.stderr
    assert (tmp_path / "build" / "mine" / "sanctions-kg.nt").exists()


def test_the_tour_of_the_ownership_rules_prints_what_the_readme_shows(tmp_path: Path) -> None:
    """The tour's ownership step, run as shown (on the real export kept in the tests' fixtures),
    prints what the README shows, in a terminal 100 characters wide."""
    bin_dir = Path(sys.executable).parent
    text = README.read_text(encoding="utf-8")
    block = next(b for b in text.split("```")[1::2] if "$ sanctions-kg ownership --rule ofac" in b)
    session: list[tuple[str, list[str]]] = []
    for line in block.strip("\n").splitlines():
        if line.startswith("$ "):
            session.append((line[2:], []))
        elif session[-1][0].endswith("\\"):
            session[-1] = (session[-1][0][:-1] + line.strip(), [])
        else:
            session[-1][1].append(line)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "fixtures").symlink_to(README.parent / "tests" / "fixtures")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "COLUMNS": "100"}
    subprocess.run(
        ["sanctions-kg", "build", "--out", "build"], cwd=tmp_path, env=env, check=True, capture_output=True
    )
    assert len(session) == 4
    for command, shown in session:
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stderr
        if shown:
            printed = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
            assert printed == [line.rstrip() for line in shown], command
