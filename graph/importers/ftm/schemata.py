"""What the import does with each FollowTheMoney schema, as data: the schemata it maps, the
records it keeps as properties of another entity, and why it leaves out the rest. Which
properties are an edge's two ends is FollowTheMoney's own model (``Schema.edge_source`` and
``edge_target``); every term named here is a term of the ontology.
"""

from __future__ import annotations

from followthemoney.schema import Schema

__all__ = [
    "CLAIM_TERMS",
    "DOCUMENTS",
    "IDENTIFIERS",
    "KEPT",
    "KINDS",
    "NOT_MODELLED",
    "RELATIONS",
    "UNREFERENCED",
    "handling",
]

# Edges written as a relation of the ontology, each with its claim: schema -> relation.
RELATIONS = {"Ownership": "owns", "Directorship": "directs", "Family": "relatedTo", "Associate": "relatedTo"}
# The kind a relatedTo claim has when its record gives no ``relationship``.
KINDS = {"Family": "family", "Associate": "associate"}
# Properties of an edge that become claim terms of the same meaning: FtM property -> term.
CLAIM_TERMS = {"role": "role", "relationship": "kind"}
# Identity documents kept as an identifier of their holder: schema -> (FtM numbers, term).
DOCUMENTS = {
    "Passport": (("passportNumber", "number"), "passportNumber"),
    "Identification": (("number",), "idNumber"),
}
# The identifiers of an entity that are kept, each under the term of the same name.
IDENTIFIERS = (
    "innCode",
    "ogrnCode",
    "leiCode",
    "imoNumber",
    "taxNumber",
    "vatCode",
    "registrationNumber",
    "idNumber",
    "passportNumber",
    "swiftBic",
    "dunsCode",
    "permId",
    "uniqueEntityId",
)

KEPT = "kept as properties of their entity"
NOT_MODELLED = "not modelled"
UNREFERENCED = "no entity of the file refers to it"


def handling(schema: Schema) -> str:
    """What becomes of a record of ``schema``: ``organisation``, ``person``, ``sanction``,
    ``relation``, ``address`` and ``document`` are mapped, ``skipped`` is counted as not modelled.

    >>> from followthemoney import model
    >>> names = ("PublicBody", "Person", "Sanction", "Family", "Address", "Passport", "Vessel")
    >>> [handling(model.schemata[n]) for n in names]
    ['organisation', 'person', 'sanction', 'relation', 'address', 'document', 'skipped']
    """
    if schema.name == "LegalEntity" or schema.is_a("Organization"):
        return "organisation"
    by_name = {"Person": "person", "Sanction": "sanction", "Address": "address"}
    if schema.name in by_name:
        return by_name[schema.name]
    if schema.name in RELATIONS:
        return "relation"
    return "document" if schema.name in DOCUMENTS else "skipped"
