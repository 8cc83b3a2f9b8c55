"""What the importer tests share: the curated graph's entities, and problems by location."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.importers.common import Known, known_from

#: A problem by its location: file name, row, column and kind.
Where = tuple[str, int | None, str | None, str]


def where(problems: object) -> list[Where]:
    """The problems of an error, sorted by where they are."""
    assert isinstance(problems, (list, tuple))
    return sorted((Path(p.file).name, p.row, p.column, p.kind) for p in problems)


@pytest.fixture(scope="module")
def known(store: ox.Store) -> Known:
    """The entities of the curated graph that an import links to."""
    return known_from(store)
