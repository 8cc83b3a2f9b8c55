"""Reading a few parts of a graph where it is kept, without reading the rest: an embedded
Oxigraph store (index lookups, :class:`StoreReader`) or a SPARQL 1.1 server (a query a batch,
the batch in a ``VALUES`` block written by Oxigraph, :class:`EndpointReader`).

Both answer the same questions with the same values: the relation triples from or into a set
of nodes, the claims of given relation triples, the class and English label of given nodes,
the entities a name may mean. Each counts the triples it has read (``read``), so that what a
question costs can be checked. A server's answer is checked against its own count of the
rows: a server that cuts an answer short (a row limit, a timeout with partial results) is an
:class:`~graph.errors.EndpointError`, never a smaller answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from graph.analysis.claims import CLAIM_TERMS, Claim, _claim, _claim_of, _name, _true
from graph.errors import EndpointError
from graph.model.namespace import ID, SKG

if TYPE_CHECKING:
    from graph.sparql.endpoint import Endpoint

__all__ = ["EndpointReader", "Reader", "StoreReader"]

Triple = tuple[str, str, str]
"""A relation triple as IRIs: subject, predicate, object."""
Edge = tuple[str, str, str]
"""A relation triple as the projection keys it: subject IRI, relation name, object IRI."""
Fact = tuple[str, str, str]
"""What the graph says of a node: predicate IRI, value, language (``""`` for none)."""
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RELATION, GOVERNS = str(SKG.Relation), str(SKG.governs)
#: Classes that are not entities of the projection (as :func:`graph.analysis.projection.project`).
NOT_ENTITIES = frozenset({str(SKG.Claim), str(SKG.Source), str(SKG.TradeObservation)})
DEFAULT = ox.DefaultGraph()


class Reader(Protocol):
    """What the cone reader needs of a graph, wherever it is kept."""

    read: int

    def relations(self) -> dict[str, str]:
        """The relations of the ontology: IRI -> name."""

    def edges(self, pairs: Iterable[tuple[str, str]], *, forward: bool) -> list[Triple]:
        """The triples ``(node, predicate, ?o)`` (forward) or ``(?s, predicate, node)`` of each
        (node, predicate) pair whose other end is an IRI.
        """

    def triples(self, predicate: str) -> list[Triple]:
        """Every triple of ``predicate`` whose ends are IRIs (the listings of ``sanctions``)."""

    def claims(self, edges: Collection[Edge]) -> dict[Edge, tuple[Claim, ...]]:
        """The claims behind each relation triple, sorted by id."""

    def nodes(self, nodes: Collection[str]) -> dict[str, dict[str, Any]]:
        """Each node's ``cls`` and ``label`` (the first by name, as the projection has them)."""

    def describe(self, nodes: Collection[str]) -> dict[str, list[Fact]]:
        """What the graph says of each node in its own words: every (predicate, value,
        language) whose value is a literal, and its ``owl:sameAs`` links, sorted.
        """

    def exists(self, node: str) -> bool:
        """Whether the graph says anything about ``node``."""

    def labelled(self, name: str) -> list[str]:
        """The entities whose English label is ``name``, whatever its case."""

    def similar(self, name: str) -> list[tuple[str, str]]:
        """(node, label) of the entities whose English label contains ``name``, whatever its
        case (at most 50, for a hint).
        """

    def governments(self, country: str) -> list[str]:
        """The governments that ``governs`` a country."""


def _fact(predicate: str, value: Any) -> Fact | None:
    """A (predicate, value, language) worth showing of a node: a literal, or an owl:sameAs link."""
    if isinstance(value, ox.Literal):
        if value.datatype.value == BOOLEAN:  # servers write true as "true" or "1"
            return (predicate, "true" if _true(value) else "false", "")
        return (predicate, value.value, value.language or "")
    if predicate == SAME_AS and isinstance(value, ox.NamedNode):
        return (predicate, value.value, "")
    return None


def _first(values: Iterable[str]) -> str | None:
    return min(values, default=None)


def _attributes(node: str, classes: Iterable[str], labels: Iterable[str]) -> dict[str, Any]:
    """A node's class and label as the projection has them: the first by name of its classes
    that are entities, and of its English labels; neither for a node without such a class.

    >>> _attributes(str(ID["x"]), [str(SKG.OEM), str(SKG.Claim)], ["b", "a"])
    {'cls': 'OEM', 'label': 'a'}
    >>> _attributes(str(ID["x"]), [str(SKG.Claim)], ["a"])
    {'cls': None, 'label': None}
    """
    cls = (
        _first(_name(ox.NamedNode(c)) for c in classes if c not in NOT_ENTITIES)
        if node.startswith(str(ID))
        else None
    )
    return {"cls": cls, "label": _first(labels) if cls is not None else None}


@dataclass
class StoreReader:
    """Reads an embedded store by index lookups (``quads_for_pattern``), default graph only."""

    store: ox.Store
    read: int = 0
    _relations: dict[str, str] | None = None

    def relations(self) -> dict[str, str]:
        """As :meth:`Reader.relations`."""
        if self._relations is None:
            typed = self.store.quads_for_pattern(
                None, ox.NamedNode(RDF_TYPE), ox.NamedNode(RELATION), DEFAULT
            )
            self._relations = {
                q.subject.value: _name(q.subject) for q in typed if isinstance(q.subject, ox.NamedNode)
            }
        return self._relations

    def edges(self, pairs: Iterable[tuple[str, str]], *, forward: bool) -> list[Triple]:
        """As :meth:`Reader.edges`."""
        found: list[Triple] = []
        for node, predicate in pairs:
            term, p = ox.NamedNode(node), ox.NamedNode(predicate)
            quads = (
                self.store.quads_for_pattern(term, p, None, DEFAULT)
                if forward
                else self.store.quads_for_pattern(None, p, term, DEFAULT)
            )
            for q in quads:
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                    found.append((q.subject.value, predicate, q.object.value))
        self.read += len(found)
        return found

    def triples(self, predicate: str) -> list[Triple]:
        """As :meth:`Reader.triples`."""
        quads = self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, DEFAULT)
        found = [
            (q.subject.value, predicate, q.object.value)
            for q in quads
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
        ]
        self.read += len(found)
        return found

    def claims(self, edges: Collection[Edge]) -> dict[Edge, tuple[Claim, ...]]:
        """As :meth:`Reader.claims`."""
        wanted = set(edges)
        # a claim of an edge names its subject and its object: only the claims named by both
        # ends of a wanted edge are read whole (a node's other claims are most of its claims),
        # unless the subjects' claims are few beside the edges wanted (each is one lookup; so
        # is each object's list of claims): then those are read, and the others left
        by_subject = self._claims_naming(RDF_SUBJECT, {s for s, _, _ in wanted})
        named = set().union(*(by_subject[s] for s, _, _ in wanted))
        if len(named) > 2 * len(wanted):
            by_object = self._claims_naming(RDF_OBJECT, {o for _, _, o in wanted})
            named = set().union(*(by_subject[s] & by_object[o] for s, _, o in wanted))
        candidates = sorted(named)
        found: dict[Edge, list[Claim]] = defaultdict(list)
        for claim in candidates:
            read = _claim_of(self.store, ox.NamedNode(claim))
            self.read += 1
            if read is not None and read[0] in wanted:
                found[read[0]].append(read[1])
        return {edge: tuple(sorted(claims, key=lambda c: c.id)) for edge, claims in found.items()}

    def _claims_naming(self, term: str, nodes: Iterable[str]) -> dict[str, set[str]]:
        """For each node, the IRIs of the claims whose ``term`` (rdf:subject, rdf:object) it is."""
        predicate = ox.NamedNode(term)
        found: dict[str, set[str]] = {}
        for node in nodes:
            quads = self.store.quads_for_pattern(None, predicate, ox.NamedNode(node), DEFAULT)
            found[node] = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
        return found

    def nodes(self, nodes: Collection[str]) -> dict[str, dict[str, Any]]:
        """As :meth:`Reader.nodes`."""
        typed, label = ox.NamedNode(RDF_TYPE), ox.NamedNode(LABEL)
        found: dict[str, dict[str, Any]] = {}
        for node in nodes:
            term = ox.NamedNode(node)
            classes = [
                q.object.value
                for q in self.store.quads_for_pattern(term, typed, None, DEFAULT)
                if isinstance(q.object, ox.NamedNode)
            ]
            labels = [
                q.object.value
                for q in self.store.quads_for_pattern(term, label, None, DEFAULT)
                if isinstance(q.object, ox.Literal) and (q.object.language or "").lower().startswith("en")
            ]
            self.read += len(classes) + len(labels)
            found[node] = _attributes(node, classes, labels)
        return found

    def describe(self, nodes: Collection[str]) -> dict[str, list[Fact]]:
        """As :meth:`Reader.describe`."""
        found: dict[str, list[Fact]] = {}
        for node in nodes:
            facts = [
                _fact(q.predicate.value, q.object)
                for q in self.store.quads_for_pattern(ox.NamedNode(node), None, None, DEFAULT)
            ]
            found[node] = sorted(f for f in facts if f is not None)
            self.read += len(found[node])
        return found

    def exists(self, node: str) -> bool:
        """As :meth:`Reader.exists`."""
        term = ox.NamedNode(node)
        return any(True for _ in self.store.quads_for_pattern(term, None, None, DEFAULT)) or any(
            True for _ in self.store.quads_for_pattern(None, None, term, DEFAULT)
        )

    def labelled(self, name: str) -> list[str]:
        """As :meth:`Reader.labelled`."""
        return sorted({row["node"] for row in self._select(LABELLED, name)})

    def similar(self, name: str) -> list[tuple[str, str]]:
        """As :meth:`Reader.similar`."""
        return sorted({(row["node"], row["label"]) for row in self._select(SIMILAR, name)})

    def _select(self, text: str, name: str) -> Iterator[dict[str, str]]:
        from graph.sparql.run import with_rows  # noqa: PLC0415 - only to find a name

        result = self.store.query(with_rows(text, ["name"], [(ox.Literal(name),)]))
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        for row in result:
            yield {n: row[n].value for n in names if row[n] is not None}

    def governments(self, country: str) -> list[str]:
        """As :meth:`Reader.governments`."""
        quads = self.store.quads_for_pattern(None, ox.NamedNode(GOVERNS), ox.NamedNode(country), DEFAULT)
        return sorted({q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)})


PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skg: <https://w3id.org/sanctions-kg/ontology#>
"""
LABELLED = (
    PREFIXES
    + """SELECT DISTINCT ?node WHERE {
  ?node rdfs:label ?label . FILTER(LANGMATCHES(LANG(?label), "en") && LCASE(STR(?label)) = LCASE(STR(?name)))
}"""
)
SIMILAR = (
    PREFIXES
    + """SELECT DISTINCT ?node ?label WHERE {
  ?node rdfs:label ?text .
  FILTER(LANGMATCHES(LANG(?text), "en") && CONTAINS(LCASE(STR(?text)), LCASE(STR(?name))))
  BIND(STR(?text) AS ?label)
} ORDER BY ?label ?node LIMIT 50"""
)
LABELLED_COUNT = (
    PREFIXES
    + """SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE {
  ?node rdfs:label ?label . FILTER(LANGMATCHES(LANG(?label), "en") && LCASE(STR(?label)) = LCASE(STR(?name)))
}"""
)
RELATIONS = PREFIXES + "SELECT ?p WHERE { ?p a skg:Relation }"
RELATIONS_COUNT = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?p a skg:Relation }"
FORWARD = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }"
FORWARD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?o)) }"
BACKWARD = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"
BACKWARD_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"
CLAIMS = PREFIXES + "SELECT ?claim ?p ?o WHERE { ?claim rdf:subject ?s ; a skg:Claim ; ?p ?o }"
CLAIMS_COUNT = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?claim rdf:subject ?s ; a skg:Claim ; ?p ?o }"
NODES = PREFIXES + (
    "SELECT ?node ?class ?label WHERE { { ?node a ?class } UNION "
    '{ ?node rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) } }'
)
NODES_COUNT = PREFIXES + (
    "SELECT (COUNT(*) AS ?n) WHERE { { ?node a ?class } UNION "
    '{ ?node rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) } }'
)
DESCRIBE = (
    "SELECT ?node ?p ?o WHERE { ?node ?p ?o "
    "FILTER(isLiteral(?o) || ?p = <http://www.w3.org/2002/07/owl#sameAs>) }"
)
DESCRIBE_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?node ?p ?o "
    "FILTER(isLiteral(?o) || ?p = <http://www.w3.org/2002/07/owl#sameAs>) }"
)
EXISTS = "SELECT ?p WHERE { { ?node ?p ?o } UNION { ?s ?p ?node } } LIMIT 1"
GOVERNMENTS = PREFIXES + "SELECT DISTINCT ?government WHERE { ?government skg:governs ?node }"
GOVERNMENTS_COUNT = (
    PREFIXES + "SELECT (COUNT(DISTINCT ?government) AS ?n) WHERE { ?government skg:governs ?node }"
)


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class EndpointReader:
    """Reads a SPARQL 1.1 server: one query (and its count) a batch of at most ``batch`` nodes."""

    endpoint: Endpoint
    batch: int = 200
    read: int = 0
    queries: int = 0
    _relations: dict[str, str] | None = None

    def _rows(self, text: str) -> list[dict[str, Any]]:
        from graph.sparql.run import remote_select  # noqa: PLC0415 - the HTTP client only for a server

        self.queries += 1
        return remote_select(self.endpoint, text)

    def _checked(
        self, text: str, count: str, names: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> list[Any]:
        """The rows of ``text`` for a batch of bindings, checked against the server's count."""
        from graph.sparql.run import with_rows  # noqa: PLC0415 - as above

        found = self._rows(with_rows(text, names, rows) if names else text)
        [total] = self._rows(with_rows(count, names, rows) if names else count)
        expected = int(total["n"].value)
        if len(found) != expected:
            raise EndpointError(
                self.endpoint.url,
                f"the server cut an answer short: {len(found)} rows of the {expected} it counts "
                "(a row limit such as Virtuoso's ResultSetMaxRows, or a timeout with partial results)",
            )
        self.read += len(found)
        return found

    def relations(self) -> dict[str, str]:
        """As :meth:`Reader.relations`."""
        if self._relations is None:
            rows = self._checked(RELATIONS, RELATIONS_COUNT, [], [])
            self._relations = {row["p"].value: _name(row["p"]) for row in rows}
        return self._relations

    def edges(self, pairs: Iterable[tuple[str, str]], *, forward: bool) -> list[Triple]:
        """As :meth:`Reader.edges`."""
        ordered = sorted(set(pairs))
        text, count = (FORWARD, FORWARD_COUNT) if forward else (BACKWARD, BACKWARD_COUNT)
        variables = ["s", "p"] if forward else ["o", "p"]
        found: list[Triple] = []
        for batch in _batches(ordered, self.batch):
            rows = [(ox.NamedNode(node), ox.NamedNode(predicate)) for node, predicate in batch]
            for row in self._checked(text, count, variables, rows):
                found.append((row["s"].value, row["p"].value, row["o"].value))
        return found

    def triples(self, predicate: str) -> list[Triple]:
        """As :meth:`Reader.triples`."""
        rows = self._checked(FORWARD, FORWARD_COUNT, ["p"], [(ox.NamedNode(predicate),)])
        return [
            (row["s"].value, predicate, row["o"].value) for row in rows if isinstance(row["s"], ox.NamedNode)
        ]

    def claims(self, edges: Collection[Edge]) -> dict[Edge, tuple[Claim, ...]]:
        """As :meth:`Reader.claims`."""
        wanted = set(edges)
        values: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        subjects = sorted({s for s, _, _ in wanted})
        for batch in _batches(subjects, self.batch):
            for row in self._checked(CLAIMS, CLAIMS_COUNT, ["s"], [(ox.NamedNode(s),) for s in batch]):
                if row["p"].value in CLAIM_TERMS:
                    values[row["claim"].value][row["p"].value].append(row["o"])
        found: dict[Edge, list[Claim]] = defaultdict(list)
        for claim, objects in sorted(values.items()):
            read = _claim(claim, lambda term: objects.get(term, ()))  # noqa: B023
            if read is not None and read[0] in wanted:
                found[read[0]].append(read[1])
        return {edge: tuple(sorted(claims, key=lambda c: c.id)) for edge, claims in found.items()}

    def nodes(self, nodes: Collection[str]) -> dict[str, dict[str, Any]]:
        """As :meth:`Reader.nodes`."""
        classes: dict[str, list[str]] = defaultdict(list)
        labels: dict[str, list[str]] = defaultdict(list)
        for batch in _batches(sorted(nodes), self.batch):
            for row in self._checked(NODES, NODES_COUNT, ["node"], [(ox.NamedNode(n),) for n in batch]):
                if "class" in row:
                    classes[row["node"].value].append(row["class"].value)
                if "label" in row:
                    labels[row["node"].value].append(row["label"].value)
        return {n: _attributes(n, classes[n], labels[n]) for n in nodes}

    def describe(self, nodes: Collection[str]) -> dict[str, list[Fact]]:
        """As :meth:`Reader.describe`."""
        found: dict[str, list[Fact]] = {n: [] for n in nodes}
        for batch in _batches(sorted(nodes), self.batch):
            for row in self._checked(DESCRIBE, DESCRIBE_COUNT, ["node"], [(ox.NamedNode(n),) for n in batch]):
                fact = _fact(row["p"].value, row["o"])
                if fact is not None:
                    found[row["node"].value].append(fact)
        return {n: sorted(facts) for n, facts in found.items()}

    def exists(self, node: str) -> bool:
        """As :meth:`Reader.exists`."""
        from graph.sparql.run import with_rows  # noqa: PLC0415 - as above

        return bool(self._rows(with_rows(EXISTS, ["node"], [(ox.NamedNode(node),)])))

    def labelled(self, name: str) -> list[str]:
        """As :meth:`Reader.labelled`."""
        rows = self._checked(LABELLED, LABELLED_COUNT, ["name"], [(ox.Literal(name),)])
        return sorted({row["node"].value for row in rows})

    def similar(self, name: str) -> list[tuple[str, str]]:
        """As :meth:`Reader.similar` (unchecked: a hint, at most 50 rows by its own limit)."""
        from graph.sparql.run import with_rows  # noqa: PLC0415 - as above

        rows = self._rows(with_rows(SIMILAR, ["name"], [(ox.Literal(name),)]))
        return sorted({(row["node"].value, row["label"].value) for row in rows})

    def governments(self, country: str) -> list[str]:
        """As :meth:`Reader.governments`."""
        rows = self._checked(GOVERNMENTS, GOVERNMENTS_COUNT, ["node"], [(ox.NamedNode(country),)])
        return sorted({row["government"].value for row in rows})
