"""Tests of graph/model: the tables, their cells, the ontology and shapes, and the build."""
