"""What the importers share: the entities already in the graph they link to, N-Triples terms,
and the report of an import. They write through :func:`graph.model.output.streamed`, which leaves
nothing half-written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from graph.errors import Problem
from graph.model.namespace import ID, SKG

__all__ = [
    "ImportReport",
    "Known",
    "date_terms",
    "entity_iri",
    "iri",
    "known_from",
    "literal",
]

KNOWN = f"""
PREFIX skg: <{SKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?class ?label ?same ?notation ?governed WHERE {{
  ?entity a ?class .
  FILTER(?class IN (skg:Country, skg:Government, skg:Company, skg:OEM, skg:ChipSupplier, skg:Person,
                    skg:ProductCategory))
  OPTIONAL {{ ?entity rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }}
  OPTIONAL {{ ?entity owl:sameAs ?same }}
  OPTIONAL {{ ?entity skos:notation ?notation }}
  OPTIONAL {{ ?governed skg:governs ?entity }}
}}"""
WIKIDATA = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Known:
    """The entities of the graph an import links to.

    Attributes
    ----------
    classes : Mapping[str, str]
        Entity IRI -> class name (``Country``, ``OEM``, ...).
    labels : Mapping[str, str]
        Entity IRI -> English label.
    by_wikidata : Mapping[str, str]
        Wikidata id (``Q1636958``) -> entity IRI, from ``owl:sameAs``.
    countries : Mapping[str, str]
        ISO 3166-1 alpha-2 code, lower case -> Country IRI: a country of the graph whose English
        label is the code's name in FollowTheMoney's country list.
    governments : Mapping[str, str]
        Country IRI -> the IRI of the government that ``governs`` it.
    products : Mapping[str, str]
        HS code (``skos:notation``) -> ProductCategory IRI.
    """

    classes: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    by_wikidata: Mapping[str, str] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)
    governments: Mapping[str, str] = field(default_factory=dict)
    products: Mapping[str, str] = field(default_factory=dict)


def known_from(store: ox.Store) -> Known:
    """What an import can link to, read from a store (e.g. the curated build's).

    >>> from graph import build, open_store
    >>> known = known_from(open_store(build()))
    >>> known.countries["ru"], known.by_wikidata["Q1636958"]
    ('https://w3id.org/sanctions-kg/id/russia', 'https://w3id.org/sanctions-kg/id/xiaomi')
    >>> known.governments[known.countries["us"]], known.products["847130"]
    ('https://w3id.org/sanctions-kg/id/us-government', 'https://w3id.org/sanctions-kg/id/laptops')
    """
    classes: dict[str, str] = {}
    labels: dict[str, str] = {}
    by_wikidata: dict[str, str] = {}
    governments: dict[str, str] = {}
    products: dict[str, str] = {}
    solutions = store.query(KNOWN)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        entity, cls = row["entity"].value, row["class"].value.removeprefix(str(SKG))
        classes.setdefault(entity, cls)
        if row["label"] is not None:
            labels[entity] = row["label"].value
        same = row["same"]
        if same is not None and same.value.startswith(WIKIDATA):
            by_wikidata[same.value.removeprefix(WIKIDATA)] = entity
        if row["notation"] is not None and cls == "ProductCategory":
            products[row["notation"].value] = entity
        if row["governed"] is not None and cls == "Country":
            governments[entity] = row["governed"].value
    from followthemoney.types import registry  # noqa: PLC0415 - a second and a half, only when linking

    names = {name.casefold(): code for code, name in registry.country.names.items()}
    countries = {
        names[labels[e].casefold()]: e
        for e, cls in classes.items()
        if cls == "Country" and e in labels and labels[e].casefold() in names
    }
    return Known(classes, labels, by_wikidata, countries, governments, products)


def entity_iri(prefix: str, identifier: str) -> str:
    """The IRI of an imported entity: its dataset's prefix and its own id, made safe.

    >>> entity_iri("ftm", "NK-abdz EBk/1")
    'https://w3id.org/sanctions-kg/id/ftm-NK-abdz%20EBk%2F1'
    """
    return f"{ID}{prefix}-{quote(identifier, safe='-._~')}"


def iri(value: str) -> str:
    """An IRI as an N-Triples term.

    >>> iri("https://w3id.org/sanctions-kg/id/lenovo")
    '<https://w3id.org/sanctions-kg/id/lenovo>'
    """
    return str(ox.NamedNode(value))


def literal(value: str, *, datatype: str | None = None, language: str | None = None) -> str:
    """A literal as an N-Triples term, escaped.

    >>> literal('say "hi"', language="en")
    '"say \\\\"hi\\\\""@en'
    >>> literal("2023-11-02", datatype="http://www.w3.org/2001/XMLSchema#date")
    '"2023-11-02"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    if language is not None:
        return str(ox.Literal(value, language=language))
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None))


Day = tuple[dt.date, str | None]
"""A day and its precision (``Year``, ``Month``; ``None`` when known to the day)."""


def date_terms(start: Day | None, end: Day | None) -> list[tuple[str, str]]:
    """A claim's ``startDate`` and ``endDate`` terms, each with its precision when less than a day.

    >>> import datetime as dt
    >>> [p.rsplit("#", 1)[1][:-1] for p, _ in date_terms((dt.date(2020, 1, 1), "Year"), None)]
    ['startDate', 'startPrecision']
    """
    terms: list[tuple[str, str]] = []
    for which, value in (("start", start), ("end", end)):
        if value is not None:
            date = "http://www.w3.org/2001/XMLSchema#date"
            terms.append((iri(str(SKG[f"{which}Date"])), literal(value[0].isoformat(), datatype=date)))
            if value[1]:
                terms.append((iri(str(SKG[f"{which}Precision"])), iri(str(SKG[value[1]]))))
    return terms


@dataclass
class ImportReport:
    """What an import did: how many lines it read and triples it wrote, and what it skipped
    (with ``--skip-bad``) or found unresolved, each as a located problem.

    ``left_out`` counts the good records not imported as records of their own, by (kind of
    record, why): ``("Address", "kept as properties of their entity")``; ``outside`` counts the
    references to ids outside the file, by the property that holds them.
    """

    read: int = 0
    written: int = 0
    entities: int = 0
    relations: int = 0
    skipped: list[Problem] = field(default_factory=list)
    left_out: dict[tuple[str, str], int] = field(default_factory=dict)
    outside: dict[str, int] = field(default_factory=dict)
    read_as: str = ""  # the layout the file was read as, when an importer reads several
