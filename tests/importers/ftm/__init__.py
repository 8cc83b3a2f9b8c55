"""Tests of graph/importers/ftm, module by module (tests/importers/test_ftm.py: the package)."""
