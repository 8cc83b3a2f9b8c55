"""The names of the result and graph formats, known without importing what writes them.

>>> "json" in RESULT_FORMAT_NAMES and "turtle" in GRAPH_FORMAT_NAMES
True
"""

__all__ = ["GRAPH_FORMAT_NAMES", "RESULT_FORMAT_NAMES"]

#: Formats of a SELECT or ASK answer, in the order ``--help`` lists them.
RESULT_FORMAT_NAMES = ("csv", "tsv", "json", "xml")
#: Formats of a CONSTRUCT or DESCRIBE answer.
GRAPH_FORMAT_NAMES = ("turtle", "nt")
