"""Analysis over the networkx projection: the projection, the chain pattern, reach, as-of, chains, cuts.

Nothing is imported here: import the module you need, or use ``graph``'s public API.
"""
