"""Tests of the curated data/ against its sources."""
