"""Tests of graph/cli: the command line as a user runs it."""
