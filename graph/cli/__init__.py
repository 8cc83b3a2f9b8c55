"""The sanctions-kg command line: one module per command group; ``graph.cli.app`` is the entry point.

Nothing imports this package; it imports the API below it.
"""
