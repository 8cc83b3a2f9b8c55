"""The closed namespaces of sanctions-kg.

``SKG`` lists exactly the terms of ``ontology/sanctions.ttl`` (a test proves it):
a misspelt term is an ``AttributeError`` at once, not a silent new IRI.
``ID`` is the namespace of the entities, claims and sources of the graph.

Examples
--------
>>> SKG.exportsTo
rdflib.term.URIRef('https://w3id.org/sanctions-kg/ontology#exportsTo')
>>> ID["lenovo"]
rdflib.term.URIRef('https://w3id.org/sanctions-kg/id/lenovo')
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["ID", "SKG", "SKG_SHAPES"]

ID = Namespace("https://w3id.org/sanctions-kg/id/")
SKG_SHAPES = Namespace("https://w3id.org/sanctions-kg/shapes#")


class SKG(DefinedNamespace):
    """The sanctions-kg ontology: https://w3id.org/sanctions-kg/ontology#"""

    _fail = True

    # Classes of entities
    Actor: URIRef
    AnnualTradeObservation: URIRef
    ChipSupplier: URIRef
    Claim: URIRef
    Company: URIRef
    Countermeasure: URIRef
    Country: URIRef
    Event: URIRef
    Government: URIRef
    OEM: URIRef
    Person: URIRef
    ProductCategory: URIRef
    Relation: URIRef
    SanctionsMeasure: URIRef
    Source: URIRef
    TradeFlow: URIRef
    TradeObservation: URIRef

    # Classes of controlled values and their individuals
    Bound: URIRef
    DatePrecision: URIRef
    Stance: URIRef
    Status: URIRef
    About: URIRef
    Active: URIRef
    Almost: URIRef
    Day: URIRef
    Exactly: URIRef
    Export: URIRef
    Halted: URIRef
    Import: URIRef
    Month: URIRef
    MoreThan: URIRef
    Reduced: URIRef
    Threatened: URIRef
    TowardsCompliance: URIRef
    TowardsResistance: URIRef
    Year: URIRef

    # Relations
    controls: URIRef
    directs: URIRef
    disrupts: URIRef
    exportsTo: URIRef
    governs: URIRef
    headquarteredIn: URIRef
    issuedBy: URIRef
    makes: URIRef
    opposes: URIRef
    owns: URIRef
    partOf: URIRef
    pressures: URIRef
    relatedTo: URIRef
    sanctions: URIRef
    supplies: URIRef

    # Claim terms
    endDate: URIRef
    endPrecision: URIRef
    measure: URIRef
    note: URIRef
    precisionProperty: URIRef
    product: URIRef
    quote: URIRef
    source: URIRef
    stance: URIRef
    startDate: URIRef
    startPrecision: URIRef
    status: URIRef
    unverified: URIRef

    # Terms of imported claims
    firstSeen: URIRef
    interestType: URIRef
    kind: URIRef
    lastSeen: URIRef
    program: URIRef
    reason: URIRef
    record: URIRef
    role: URIRef
    share: URIRef
    shareMaximum: URIRef
    shareMaximumExclusive: URIRef
    shareMinimum: URIRef
    shareMinimumExclusive: URIRef
    shareStatedAs: URIRef

    # Trade observation terms
    basePeriod: URIRef
    baseYear: URIRef
    bound: URIRef
    changePercent: URIRef
    classification: URIRef
    flow: URIRef
    partner: URIRef
    period: URIRef
    reporter: URIRef
    statedAs: URIRef
    valueUSD: URIRef
    year: URIRef

    # Entity terms: identifiers (each a schema:identifier), addresses, birth dates
    address: URIRef
    birthDate: URIRef
    birthDatePrecision: URIRef
    dunsCode: URIRef
    idNumber: URIRef
    imoNumber: URIRef
    innCode: URIRef
    leiCode: URIRef
    ogrnCode: URIRef
    passportNumber: URIRef
    permId: URIRef
    registrationNumber: URIRef
    swiftBic: URIRef
    taxNumber: URIRef
    uniqueEntityId: URIRef
    vatCode: URIRef

    # Source and measure terms
    inForce: URIRef
    inForcePrecision: URIRef
    published: URIRef
    publishedPrecision: URIRef
    publisher: URIRef
    reference: URIRef
    retellsWork: URIRef

    _NS = Namespace("https://w3id.org/sanctions-kg/ontology#")
