"""Tests of graph/view: the page of the graph, without and with a browser."""
