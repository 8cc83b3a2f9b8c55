"""The public surface of the package is pinned: changing it is a decision, not an accident."""

import graph

EXPECTED = {
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
}


def test_all_is_pinned() -> None:
    assert set(graph.__all__) == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in graph.__all__:
        assert hasattr(graph, name), name


def test_no_public_name_outside_all() -> None:
    public = {n for n in vars(graph) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(graph, n)).__name__ == "module"}
    assert public - modules == EXPECTED - {"__version__"}
