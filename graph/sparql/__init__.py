"""SPARQL: the embedded store, remote endpoints, running queries, result formats, the read-only
server and the named questions.

Nothing is imported here: import the module you need, or use ``graph``'s public API.
"""
