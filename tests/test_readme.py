"""The README stays true: its list of named questions is the one the headers give."""

from __future__ import annotations

import re
from pathlib import Path

from graph.queries import catalogue

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
