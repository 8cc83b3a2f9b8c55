"""Tests of graph/sparql: the named questions, running them, their results, stores and servers."""
