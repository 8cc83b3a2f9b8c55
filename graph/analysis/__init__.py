"""Analysis over the networkx projection: the projection and its claims, the chain pattern, reach,
as-of, chains (values, entities, index, search, records), cuts, what-if and exposure; the
ownership rules (rules) and who else they catch (ownership).

Nothing is imported here: import the module you need, or use ``graph``'s public API.
"""
