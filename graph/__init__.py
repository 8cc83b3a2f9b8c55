"""sanctions-kg: a knowledge graph of sanctions and export-control pressure.

The public API is what ``__all__`` lists; everything else is private and may change.

>>> from graph import build
>>> result = build()
>>> result.report["claims"] > 0
True
"""

from graph.build import Build, build, summarize
from graph.endpoint import Endpoint
from graph.errors import EndpointError, InputError, OntologyError, Problem, QueryError, SanctionsKGError
from graph.namespace import ID, SKG
from graph.ontology import Ontology, load_ontology
from graph.output import serialize, write_build
from graph.paths import default_data_dir, default_ontology_dir
from graph.queries import NamedQuery, named_queries, named_query, query_file
from graph.questions import query_frame, query_graph
from graph.sparql import execute
from graph.store import open_store

__version__ = "0.1.0"

__all__ = [
    "ID",
    "SKG",
    "Build",
    "Endpoint",
    "EndpointError",
    "InputError",
    "NamedQuery",
    "Ontology",
    "OntologyError",
    "Problem",
    "QueryError",
    "SanctionsKGError",
    "__version__",
    "build",
    "default_data_dir",
    "default_ontology_dir",
    "execute",
    "load_ontology",
    "named_queries",
    "named_query",
    "open_store",
    "query_file",
    "query_frame",
    "query_graph",
    "serialize",
    "summarize",
    "write_build",
]
