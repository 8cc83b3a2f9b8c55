"""Fixtures of the analysis tests: the curated graph's projection."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import Build
from graph.analysis.projection import project


@pytest.fixture(scope="module")
def G(curated: Build) -> nx.MultiDiGraph:
    return project(curated)
