"""The model and the build: namespace, ontology, table schema, tables, cell conversion, SHACL,
the build and its output.

Nothing is imported here: import the module you need (graph.model.build), or use graph's public API.
"""
