"""Tests of graph/importers: FollowTheMoney, trade statistics, Wikidata links."""
