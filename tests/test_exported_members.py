"""The public surface of the package is pinned: changing it is a decision, not an accident."""

import graph

EXPECTED = {
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
    "InputError",
    "Hop",
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
    "exposure_read",
    "import_bods",
    "import_ftm",
    "Ownership",
    "Rule",
    "compare_rules",
    "load_rule",
    "ownership",
    "ownership_frame",
    "find_actors",
    "find_entity",
    "graph_as_of",
    "load_ontology",
    "named_queries",
    "named_query",
    "open_reader",
    "open_store",
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
