"""The closed namespace lists exactly the ontology's terms."""

from __future__ import annotations

import pytest
from rdflib.term import URIRef

from graph import SKG, default_ontology_dir, load_ontology


def ontology_terms() -> set[str]:
    onto = load_ontology(default_ontology_dir())
    ns = str(SKG._NS)
    return {
        str(node)[len(ns) :]
        for node in onto.graph.all_nodes()
        if isinstance(node, URIRef) and str(node).startswith(ns)
    }


def namespace_terms() -> set[str]:
    return set(SKG.__annotations__)


def test_namespace_lists_exactly_the_ontology_terms() -> None:
    assert namespace_terms() == ontology_terms()


def test_every_term_is_defined_in_the_ontology_not_just_used() -> None:
    onto = load_ontology(default_ontology_dir())
    undefined = {t for t in ontology_terms() if (SKG[t], None, None) not in onto.graph}
    assert undefined == set()


def test_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = SKG.exportTo  # a typo must not become a new IRI
