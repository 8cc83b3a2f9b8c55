"""Tests of graph/generate: graphs of any size shaped like the curated one."""
