"""Tests of graph/analysis: the projection, chains, and the analyses over them."""
