"""sanctions-kg: a knowledge graph of sanctions and export-control pressure.

The public API is what ``__all__`` lists; everything else is private and may change.

>>> from graph import build
>>> result = build()
>>> result.report["claims"] > 0
True
"""

from graph.build import Build, build, summarize
from graph.errors import InputError, OntologyError, Problem, SanctionsKGError
from graph.namespace import ID, SKG
from graph.ontology import Ontology, load_ontology
from graph.output import serialize, write_build
from graph.paths import default_data_dir, default_ontology_dir

__version__ = "0.1.0"

__all__ = [
    "ID",
    "SKG",
    "Build",
    "InputError",
    "Ontology",
    "OntologyError",
    "Problem",
    "SanctionsKGError",
    "__version__",
    "build",
    "default_data_dir",
    "default_ontology_dir",
    "load_ontology",
    "serialize",
    "summarize",
    "write_build",
]
