"""OpenSanctions delta feeds applied to an on-disk store: one ``{"op": ..., "entity": {...}}`` a
line, ``ADD`` and ``MOD`` carrying the entity's new version, ``DEL`` only its id.

Each record converts as in a plain import (:mod:`graph.importers.ftm`); what a record stated is
kept beside the graph, as a named graph of its own (``id:ftm-record-<id>``) holding those triples,
so that a ``MOD`` replaces exactly what the previous version stated and a ``DEL`` removes it. A
triple leaves the graph only when no other record still states it, and a triple the store held
before any feed stated it (the curated graph's) is never a record's to remove. What lines mint
for everyone (a dataset's source, a country, a government) stays.

Referenced ids resolve against the feed first, then against the store (by ``skg:record``): a
feed's Ownership may name an owner added a year ago. A line without ``op`` is an entity of a
plain export, applied as an ``ADD``: a store starts from a full export this way. Applying the
same feed twice changes nothing the second time: an ``ADD`` of an id the store holds replaces it,
a ``DEL`` of an id it does not hold is counted, not refused.

Problems, beside those of a plain import, each at (file, line, field): ``unknown-op``,
``missing-entity`` (a delta line without its entity), ``missing-id`` (one without an id),
``unknown-id`` (a ``MOD`` of an id the store never held), ``not-from-a-feed`` (an id the store
holds from a plain load, whose earlier statements are therefore not known). The whole feed is
applied to a copy of the store renamed into place at the end: a failing feed changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, entity_iri, known_from
from graph.importers.ftm.index import _Index, note
from graph.importers.ftm.read import _json, _LineError, _lines, _record
from graph.importers.ftm.run import Details, _convert_record, _count, _write_report
from graph.importers.ftm.write import _Writer
from graph.model.namespace import SKG
from graph.model.output import streamed

__all__ = ["DeltaReport", "apply_delta"]

OPS = ("ADD", "MOD", "DEL")
RECORD = ox.NamedNode(str(SKG.record))
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CLAIM = ox.NamedNode(str(SKG.Claim))
LEDGER = entity_iri("ftm-record", "")  # the prefix of the named graph of each record
DEFAULT = ox.DefaultGraph()


@dataclass
class DeltaReport(ImportReport):
    """What a feed did to the store: beside an import's counts (``written`` is the triples
    added), the lines by op, the triples removed, the ``DEL`` lines of ids the store did not
    hold, and the ids deleted whose entity other records still link to (their relations stay
    until the feed deletes those records too).
    """

    ops: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OPS, 0))
    removed: int = 0
    absent: int = 0
    stranded: list[str] = field(default_factory=list)


@dataclass
class _FeedIndex(_Index):
    """The ids of a feed, and the store behind it for ids the feed does not hold."""

    store: ox.Store | None = None
    deleted: set[str] = field(default_factory=set)
    found: dict[str, str | None] = field(default_factory=dict)
    absent: str = "not in the feed nor in the store"

    def __contains__(self, ref: str) -> bool:
        """Whether ``ref`` is in the feed, or a record an earlier feed gave the store."""
        if super().__contains__(ref):
            return True
        return (
            self.store is not None
            and ref not in self.deleted
            and self.store.contains_named_graph(_ledger(ref))
        )

    def lookup(self, ref: str) -> str | None:
        """The node of the entity the store holds as the record ``ref`` (not deleted by the feed)."""
        if ref in self.deleted or self.store is None:
            return None
        if ref not in self.found:
            self.found[ref] = _recorded(self.store, ref)
        return self.found[ref]

    def holders(self, ref: str) -> list[tuple[str, frozenset[int]]]:
        """The entities of the feed that point at the Address ``ref``, and those its previous
        version wrote to (an Address changes without its holders changing).
        """
        own = super().holders(ref)
        if self.store is None:
            return own
        known = {node for node, _ in own}
        written = {str(q.subject) for q in self.store.quads_for_pattern(None, None, None, _ledger(ref))}
        return own + [(node, frozenset()) for node in sorted(written - known)]


def _ledger(record: str) -> ox.NamedNode:
    """The named graph of what the record ``record`` stated.

    >>> _ledger("NK-1 a").value
    'https://w3id.org/sanctions-kg/id/ftm-record-NK-1%20a'
    """
    return ox.NamedNode(entity_iri("ftm-record", record))


def _recorded(store: ox.Store, record: str) -> str | None:
    """The IRI of the entity (or measure) whose ``skg:record`` is ``record``, not a claim."""
    for quad in store.quads_for_pattern(None, RECORD, ox.Literal(record), DEFAULT):
        node = quad.subject
        if isinstance(node, ox.NamedNode) and not any(store.quads_for_pattern(node, TYPE, CLAIM, DEFAULT)):
            return node.value
    return None


def _linked(store: ox.Store, node: str) -> bool:
    """Whether the default graph still names ``node``, as subject or object."""
    term = ox.NamedNode(node)
    return any(store.quads_for_pattern(term, None, None, DEFAULT)) or any(
        store.quads_for_pattern(None, None, term, DEFAULT)
    )


def _change(text: bytes) -> tuple[str, dict[str, Any]]:
    """A line's op and entity (a plain entity is an ``ADD``).

    >>> _change(b'{"op": "DEL", "entity": {"id": "x"}}')
    ('DEL', {'id': 'x'})
    >>> _change(b'{"id": "x", "schema": "Person"}')[0]
    'ADD'
    >>> _change(b'{"op": "DEL"}')
    Traceback (most recent call last):
    ...
    graph.importers.ftm.read._LineError: a delta line needs its entity, a JSON object
    """
    data = _json(text)
    if "op" not in data:
        return "ADD", data
    if data["op"] not in OPS:
        raise _LineError(
            "op", "unknown-op", f"{data['op']!r} is not an op of a delta feed ({', '.join(OPS)})"
        )
    entity = data.get("entity")
    if not isinstance(entity, dict):
        raise _LineError("entity", "missing-entity", "a delta line needs its entity, a JSON object")
    if not isinstance(entity.get("id"), str) or not entity["id"]:
        raise _LineError("entity.id", "missing-id", "the entity has no id")
    return data["op"], entity


def _collect(path: Path, writer: _Writer, store: ox.Store) -> _FeedIndex:
    """The first pass over a feed: the ids it adds or changes, by kind, and those it deletes."""
    index = _FeedIndex(store=store)
    for _, text in _lines(path):
        try:
            op, entity = _change(text)
            if op == "DEL":
                index.deleted.add(entity["id"])
                continue
            data, proxy = _record(entity)
        except _LineError:
            continue
        index.deleted.discard(data["id"])
        note(index, writer, data, proxy)
    return index


def _triples(text: str) -> set[ox.Triple]:
    """The triples of N-Triples text."""
    return {quad.triple for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}


def _elsewhere(store: ox.Store, triple: ox.Triple, graph: ox.NamedNode) -> bool:
    """Whether a record other than that of ``graph`` states ``triple``."""
    return any(
        isinstance(q.graph_name, ox.NamedNode)
        and q.graph_name != graph
        and q.graph_name.value.startswith(LEDGER)
        for q in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
    )


def _replace(store: ox.Store, graph: ox.NamedNode, new: set[ox.Triple] | None, report: DeltaReport) -> None:
    """Make ``new`` what the record of ``graph`` states (``None``: the record is gone)."""
    old = {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
    for triple in old - (new or set()):
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
        plain = ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT)
        if not _elsewhere(store, triple, graph) and plain in store:
            store.remove(plain)
            report.removed += 1
    for triple in (new or set()) - old:
        plain = ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT)
        there = plain in store
        if there and not _elsewhere(store, triple, graph):
            continue  # the store held it before any feed stated it: not the record's to remove
        store.add(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
        if not there:
            store.add(plain)
            report.written += 1
    if new is None:
        store.remove_graph(graph)
    else:
        store.add_graph(graph)


def _check(store: ox.Store, op: str, record: str, graph: ox.NamedNode) -> bool:
    """Whether the store holds the record from a feed; a problem if the op cannot apply."""
    if store.contains_named_graph(graph):
        return True
    if _recorded(store, record) is not None:
        raise _LineError(
            "entity.id",
            "not-from-a-feed",
            f"the store holds {record!r} from a plain load, so what it stated is not known; "
            "load the store again and apply the export with --delta",
        )
    if op == "MOD":
        raise _LineError("entity.id", "unknown-id", f"MOD of {record!r}, which the store does not hold")
    return False


@dataclass
class _Feed:
    """A feed being applied: where it comes from, how bad lines are taken, and what it did."""

    path: Path
    skip_bad: bool
    details: Details | None
    report: DeltaReport = field(default_factory=DeltaReport)
    problems: list[Problem] = field(default_factory=list)
    added: set[str] = field(default_factory=set)  # the ids this feed has added so far
    gone: dict[str, str] = field(default_factory=dict)  # the ids it deleted, and their nodes

    def apply(self, store: ox.Store) -> DeltaReport:
        """Apply every line of the feed to ``store``; raise with every problem unless skipping."""
        writer = _Writer(known_from(store), self.path.name)
        index = _collect(self.path, writer, store)
        for number, text in _lines(self.path):
            self.report.read += 1
            try:
                self._line(store, writer, index, number, text)
            except _LineError as bad:
                self.problems.append(Problem(str(self.path), number, bad.column, bad.kind, bad.message))
        if self.problems and not self.skip_bad:
            raise InputError(self.problems)
        self.report.skipped = self.problems
        self.report.stranded = sorted(record for record, node in self.gone.items() if _linked(store, node))
        return self.report

    def _line(self, store: ox.Store, writer: _Writer, index: _FeedIndex, number: int, text: bytes) -> None:
        """Apply one line (nothing more once a problem is found, unless skipping bad lines)."""
        op, entity = _change(text)
        graph = _ledger(entity["id"])
        held = entity["id"] in self.added or _check(store, op, entity["id"], graph)
        (self.added.discard if op == "DEL" else self.added.add)(entity["id"])
        if op == "DEL":
            record: dict[str, Any] = {}
        else:
            record = _convert_record(writer, index, *_record(entity))
        if self.problems and not self.skip_bad:
            return
        self.report.ops[op] += 1
        if op == "DEL":
            self.report.absent += not held
            deleted = _recorded(store, entity["id"])
            if deleted is not None:
                self.gone[entity["id"]] = deleted
            _replace(store, graph, None, self.report)
            return
        self.gone.pop(entity["id"], None)
        own, common = "".join(writer.triples), "".join(writer.common)
        counted = ImportReport()  # its triples are counted as the store takes them, below
        writer.commit(counted)
        self.report.entities += counted.entities
        self.report.relations += counted.relations
        for column, n in counted.outside.items():
            self.report.outside[column] = self.report.outside.get(column, 0) + n
        _count(self.report, self.details, {"line": number, **record}, writer.outside)
        _replace(store, graph, _triples(own), self.report)
        for triple in _triples(common):
            plain = ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT)
            if plain not in store:
                store.add(plain)
                self.report.written += 1


def apply_delta(
    path: Path,
    directory: Path,
    *,
    skip_bad: bool = False,
    report_file: Path | None = None,
) -> DeltaReport:
    """Apply an OpenSanctions delta feed (or a plain export, as ``ADD`` lines) to the on-disk
    store at ``directory``, in one go: every line, or nothing.

    Parameters
    ----------
    path : Path
        The feed: one ``{"op": "ADD" | "MOD" | "DEL", "entity": {...}}`` a line.
    directory : Path
        The on-disk store (made by ``sanctions-kg load``) to change; the entities it holds
        are those the feed links to (countries, governments, Wikidata ids).
    skip_bad : bool, default False
        Leave bad lines out and list them in the report, instead of raising.
    report_file : Path, optional
        Also write there, as JSON, each record left out, bad line skipped and reference to an
        id outside the feed and the store; replaced only when the feed applies.

    Returns
    -------
    DeltaReport
        Lines read and by op, triples added and removed, the records left out and why, the
        references to ids found nowhere, the bad lines skipped.

    Raises
    ------
    InputError
        With every problem (file, line, field, kind), unless ``skip_bad``; the store is unchanged.
    SanctionsKGError
        If there is no store at ``directory``, or it cannot be opened for writing.
    """
    from graph.sparql.store import change_store  # noqa: PLC0415 - no store code for a plain import

    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "missing-file", "no such file")])
    details: Details | None = {"leftOut": [], "outside": []} if report_file is not None else None
    feed = _Feed(path, skip_bad, details)
    if report_file is None:
        return change_store(directory, feed.apply)
    with streamed(report_file) as stream:
        report = change_store(directory, feed.apply)
        _write_report(stream, path, report, details or {})
    return report
