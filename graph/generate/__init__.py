"""The seeded, streaming generator of large graphs shaped like the curated one.

Nothing is imported here: import ``graph.generate.ntriples``.
"""
