"""sanctions-kg: a knowledge graph of sanctions and export-control pressure.

The public API is what ``__all__`` lists; everything else is private and may change.

>>> from graph import build
>>> result = build()
>>> result.report["claims"] > 0
True
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

if _TYPE_CHECKING:
    from graph.analysis.asof import graph_as_of
    from graph.analysis.chains import Chain, Hop
    from graph.analysis.claims import Claim
    from graph.analysis.cone import read_around, read_cone
    from graph.analysis.cuts import Chokepoints, chokepoints, reachable_pairs
    from graph.analysis.entities import find_actors, find_entity, resolve_entity
    from graph.analysis.exposure import exposure, exposure_read
    from graph.analysis.index import ChainIndex, chain_index
    from graph.analysis.ownership import Ownership, ownership
    from graph.analysis.pattern import DEFAULT_PATTERN
    from graph.analysis.projection import project
    from graph.analysis.records import chains_frame
    from graph.analysis.rules import Rule, load_rule
    from graph.analysis.search import chains_into, pressure_chains
    from graph.analysis.sources import open_reader
    from graph.analysis.verdicts import compare_rules, ownership_frame
    from graph.analysis.whatif import whatif
    from graph.errors import (
        EndpointError,
        InputError,
        OntologyError,
        PatternError,
        Problem,
        QueryError,
        SanctionsKGError,
    )
    from graph.importers.bods.run import import_bods
    from graph.importers.ftm.run import import_ftm
    from graph.model.build import Build, build, summarize
    from graph.model.namespace import ID, SKG
    from graph.model.ontology import Ontology, load_ontology
    from graph.model.output import serialize, write_build
    from graph.paths import default_data_dir, default_ontology_dir
    from graph.sparql.endpoint import Endpoint
    from graph.sparql.queries import NamedQuery, named_queries, named_query, query_file
    from graph.sparql.questions import query_frame, query_graph
    from graph.sparql.run import execute
    from graph.sparql.store import open_store
    from graph.view.page import ViewPage, view_page, write_view

#: Where each public name lives; it is imported the first time it is used (PEP 562), so
#: ``import graph`` costs nothing until a name is asked for.
_EXPORTS: dict[str, str] = {
    "Build": "graph.model.build",
    "Chain": "graph.analysis.chains",
    "ChainIndex": "graph.analysis.index",
    "Chokepoints": "graph.analysis.cuts",
    "Claim": "graph.analysis.claims",
    "DEFAULT_PATTERN": "graph.analysis.pattern",
    "Endpoint": "graph.sparql.endpoint",
    "EndpointError": "graph.errors",
    "Hop": "graph.analysis.chains",
    "ID": "graph.model.namespace",
    "InputError": "graph.errors",
    "NamedQuery": "graph.sparql.queries",
    "Ontology": "graph.model.ontology",
    "OntologyError": "graph.errors",
    "Ownership": "graph.analysis.ownership",
    "PatternError": "graph.errors",
    "Problem": "graph.errors",
    "QueryError": "graph.errors",
    "Rule": "graph.analysis.rules",
    "SKG": "graph.model.namespace",
    "SanctionsKGError": "graph.errors",
    "ViewPage": "graph.view.page",
    "build": "graph.model.build",
    "chain_index": "graph.analysis.index",
    "chains_frame": "graph.analysis.records",
    "chains_into": "graph.analysis.search",
    "chokepoints": "graph.analysis.cuts",
    "compare_rules": "graph.analysis.verdicts",
    "default_data_dir": "graph.paths",
    "default_ontology_dir": "graph.paths",
    "execute": "graph.sparql.run",
    "exposure": "graph.analysis.exposure",
    "exposure_read": "graph.analysis.exposure",
    "find_actors": "graph.analysis.entities",
    "find_entity": "graph.analysis.entities",
    "graph_as_of": "graph.analysis.asof",
    "import_bods": "graph.importers.bods.run",
    "import_ftm": "graph.importers.ftm.run",
    "load_ontology": "graph.model.ontology",
    "load_rule": "graph.analysis.rules",
    "named_queries": "graph.sparql.queries",
    "named_query": "graph.sparql.queries",
    "open_reader": "graph.analysis.sources",
    "open_store": "graph.sparql.store",
    "ownership": "graph.analysis.ownership",
    "ownership_frame": "graph.analysis.verdicts",
    "pressure_chains": "graph.analysis.search",
    "project": "graph.analysis.projection",
    "query_file": "graph.sparql.queries",
    "query_frame": "graph.sparql.questions",
    "query_graph": "graph.sparql.questions",
    "reachable_pairs": "graph.analysis.cuts",
    "read_around": "graph.analysis.cone",
    "read_cone": "graph.analysis.cone",
    "resolve_entity": "graph.analysis.entities",
    "serialize": "graph.model.output",
    "summarize": "graph.model.build",
    "view_page": "graph.view.page",
    "whatif": "graph.analysis.whatif",
    "write_build": "graph.model.output",
    "write_view": "graph.view.page",
}

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
    "Ownership",
    "PatternError",
    "Problem",
    "QueryError",
    "Rule",
    "SanctionsKGError",
    "ViewPage",
    "__version__",
    "build",
    "chain_index",
    "chains_frame",
    "chains_into",
    "chokepoints",
    "compare_rules",
    "default_data_dir",
    "default_ontology_dir",
    "execute",
    "exposure",
    "exposure_read",
    "find_actors",
    "find_entity",
    "graph_as_of",
    "import_bods",
    "import_ftm",
    "load_ontology",
    "load_rule",
    "named_queries",
    "named_query",
    "open_reader",
    "open_store",
    "ownership",
    "ownership_frame",
    "pressure_chains",
    "project",
    "query_file",
    "query_frame",
    "query_graph",
    "reachable_pairs",
    "read_around",
    "read_cone",
    "resolve_entity",
    "serialize",
    "summarize",
    "view_page",
    "whatif",
    "write_build",
    "write_view",
]


def __getattr__(name: str) -> _Any:
    """Import a public name from its module the first time it is used (PEP 562).

    >>> import graph
    >>> graph.DEFAULT_PATTERN == graph.__getattr__("DEFAULT_PATTERN")
    True
    """
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for ``dir(graph)`` and completion."""
    return sorted(set(__all__) | set(globals()))
