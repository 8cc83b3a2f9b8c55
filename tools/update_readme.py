"""Rewrite the README's list of named questions from their headers (run by `make readme`)."""

from __future__ import annotations

import re
from pathlib import Path

from graph.sparql.queries import catalogue

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = re.compile(r"(<!-- queries:start -->\n).*?(<!-- queries:end -->)", re.S)


def main() -> None:
    """Replace the section between the markers, if it changed."""
    text = README.read_text(encoding="utf-8")
    updated = SECTION.sub(lambda m: m.group(1) + catalogue() + m.group(2), text)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        print(f"updated {README.name}")


if __name__ == "__main__":
    main()
