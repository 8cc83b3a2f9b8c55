"""The table columns come from the SHACL shapes."""

from __future__ import annotations

from rdflib.namespace import RDF, XSD

from graph import SKG, default_ontology_dir, load_ontology
from graph.model.schema import columns_for_class

ONTO = load_ontology(default_ontology_dir())


def test_claim_columns_follow_the_shape() -> None:
    columns = {c.name: c for c in columns_for_class(ONTO, SKG.Claim)}
    assert columns["subject"].path == RDF.subject
    assert columns["relation"].cls == SKG.Relation
    assert columns["source"].required
    assert columns["source"].multiple
    assert columns["startDate"].datatype == XSD.date
    assert not columns["startDate"].multiple
    assert not columns["stance"].required


def test_subclasses_inherit_the_columns_of_their_superclasses() -> None:
    oem = {c.name for c in columns_for_class(ONTO, SKG.OEM)}
    actor = {c.name for c in columns_for_class(ONTO, SKG.Actor)}
    assert oem == actor
    assert "notation" not in oem
    assert "notation" in {c.name for c in columns_for_class(ONTO, SKG.ProductCategory)}


def test_countermeasures_have_the_measure_columns() -> None:
    names = [c.name for c in columns_for_class(ONTO, SKG.Countermeasure)]
    assert names[:4] == ["label", "reference", "published", "inForce"]
