"""sanctions-kg: a knowledge graph of sanctions and export-control pressure.

The public API is what ``__all__`` lists; everything else is private and may change.

>>> from graph import build
>>> result = build()
>>> result.report["claims"] > 0
True
"""

from graph.analysis import Chokepoints, chokepoints, exposure, reachable_pairs, whatif
from graph.asof import graph_as_of
from graph.build import Build, build, summarize
from graph.chains import (
    Chain,
    ChainIndex,
    Hop,
    chain_index,
    chains_frame,
    chains_into,
    pressure_chains,
    resolve_entity,
)
from graph.endpoint import Endpoint
from graph.errors import (
    EndpointError,
    InputError,
    OntologyError,
    PatternError,
    Problem,
    QueryError,
    SanctionsKGError,
)
from graph.namespace import ID, SKG
from graph.network import Claim, project
from graph.ontology import Ontology, load_ontology
from graph.output import serialize, write_build
from graph.paths import default_data_dir, default_ontology_dir
from graph.pattern import DEFAULT_PATTERN
from graph.queries import NamedQuery, named_queries, named_query, query_file
from graph.questions import query_frame, query_graph
from graph.sparql import execute
from graph.store import open_store
from graph.view import ViewPage, view_page, write_view

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PATTERN",
    "ID",
    "SKG",
    "Build",
    "Chain",
    "ChainIndex",
    "Chokepoints",
    "Claim",
    "Endpoint",
    "EndpointError",
    "Hop",
    "InputError",
    "NamedQuery",
    "Ontology",
    "OntologyError",
    "PatternError",
    "Problem",
    "QueryError",
    "SanctionsKGError",
    "ViewPage",
    "__version__",
    "build",
    "chain_index",
    "chains_frame",
    "chains_into",
    "chokepoints",
    "default_data_dir",
    "default_ontology_dir",
    "execute",
    "exposure",
    "graph_as_of",
    "load_ontology",
    "named_queries",
    "named_query",
    "open_store",
    "pressure_chains",
    "project",
    "query_file",
    "query_frame",
    "query_graph",
    "reachable_pairs",
    "resolve_entity",
    "serialize",
    "summarize",
    "view_page",
    "whatif",
    "write_build",
    "write_view",
]
