"""Links to Wikidata, proposed and checked from a local file of Wikidata entities.

The file is JSON in either shape Wikidata gives: an array of entity objects (as in the
``latest-all.json`` dump) or one object ``{"entities": {"Q...": {...}}}`` (as
``Special:EntityData/Q....json`` returns). Entities that are not items (properties, lexemes)
are passed over. Of an item, the English (or ``mul``) label and aliases are read, and the
Q-ids of its country (``P17``) and classes (``P31``) statements that are not deprecated.

Matching
    An entity of the graph (Country, Government, Company, OEM, ChipSupplier) matches an item
    when a name of the one equals a name of the other after normalisation: Unicode NFKC,
    case folded, apostrophes dropped, other punctuation as spaces, and trailing company forms
    (Inc., Ltd, Limited, Corp., Corporation, Co., Company, plc, LLC, Group, Holdings) dropped.
    An entity's names are its English label without the parts in brackets, and each bracketed
    part except "unnamed" (``"AMD (Advanced Micro Devices)"`` gives "amd" and "advanced micro
    devices"). Items that are Wikimedia disambiguation pages, categories or lists never match.
Countries
    Where both are known, an item's countries (its ``P17`` items that are countries of the
    graph, by their ``owl:sameAs``) must include the entity's country: a Country's own, a
    Government's the country it governs. A company's country is not known to the lookup, so it
    is not checked.
Statuses, one link for each (entity, item) pair that matches
    ``confirmed``: the graph's ``owl:sameAs`` names this item. ``conflict``: the countries
    disagree; or the graph links the entity to another item, or links this item to another
    entity; or several items match the entity, or several entities the item (matches whose
    countries disagree do not count here); or the graph's own item is in the file and none of
    its names matches. ``proposed``: the one match of an entity the graph has no link for.
    ``unmatched``: an item that matches no entity (its ``entity`` is empty). ``reason`` says
    why in words. Links are ordered by the entity's label, the entity, then the item's number;
    unmatched items come last.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib.namespace import OWL

from graph.errors import InputError, Problem
from graph.importers.common import Known, iri
from graph.model.output import streamed

__all__ = ["Link", "link_wikidata", "write_links"]

CLASSES = {"Country", "Government", "Company", "OEM", "ChipSupplier"}
LANGUAGES = ("en", "mul")
FORMS = {"inc", "incorporated", "ltd", "limited", "corp", "corporation", "co", "company", "plc", "llc"}
FORMS |= {"group", "holdings"}
WIKIMEDIA_PAGES = {
    "Q4167410": "a Wikimedia disambiguation page",
    "Q4167836": "a Wikimedia category",
    "Q13406463": "a Wikimedia list article",
}
QID = re.compile(r"^Q[1-9][0-9]*$")
WIKIDATA = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Link:
    """A proposed, confirmed or conflicting link between an entity and a Wikidata item."""

    entity: str
    label: str
    wikidata: str
    wikidata_label: str
    status: str
    reason: str

    def row(self) -> dict[str, str]:
        """The link as a table row."""
        return {
            "entity": self.entity,
            "label": self.label,
            "wikidata": self.wikidata,
            "wikidataLabel": self.wikidata_label,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class _Item:
    """What matching reads of a Wikidata item."""

    qid: str
    label: str
    names: frozenset[str]
    countries: tuple[str, ...]
    kinds: tuple[str, ...]


def _normalise(name: str) -> str:
    """A name as compared: folded, without punctuation and trailing company forms.

    >>> _normalise("Xiaomi Inc."), _normalise("Lenovo Group Limited"), _normalise("People's  Republic")
    ('xiaomi', 'lenovo', 'peoples republic')
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.sub(r"[\W_]+", " ", re.sub(r"['’]", "", text)).split()
    while len(words) > 1 and words[-1] in FORMS:
        words.pop()
    return " ".join(words)


def _entity_names(label: str) -> set[str]:
    """The names an entity is matched by: its label without brackets, and what they hold.

    >>> sorted(_entity_names("AMD (Advanced Micro Devices)"))
    ['advanced micro devices', 'amd']
    >>> sorted(_entity_names("Large US chip companies (unnamed)"))
    ['large us chip companies']
    """
    inner = re.findall(r"\(([^()]*)\)", label)
    names = {_normalise(re.sub(r"\([^()]*\)", " ", label)), *map(_normalise, inner)}
    return names - {"", "unnamed"}


def _bad_shape(file: str, message: str) -> InputError:
    return InputError([Problem(file, None, None, "bad-shape", message)])


def _entities(path: Path) -> list[Any]:
    """The entity objects of a file in either of Wikidata's shapes."""
    file = str(path)
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem(file, None, None, "bad-json", f"not JSON: {exc}")]) from None
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        return list(data["entities"].values())
    if isinstance(data, list):
        return data
    raise _bad_shape(file, 'neither an array of Wikidata entities nor an object {"entities": {...}}')


def _values(terms: object, many: bool) -> list[str]:
    """The English (or ``mul``) values of a ``labels`` (one a language) or ``aliases`` (a list
    a language) object.
    """
    if not isinstance(terms, dict):
        raise TypeError("labels and aliases are objects")
    found: list[str] = []
    for language in LANGUAGES:
        entries = terms.get(language)
        if entries is not None:
            found.extend(str(entry["value"]) for entry in (entries if many else [entries]))
    return found


def _claim_ids(claims: object, prop: str) -> tuple[str, ...]:
    """The item ids of a property's statements that have a value and are not deprecated."""
    if not isinstance(claims, dict):
        raise TypeError("claims is an object")
    found: list[str] = []
    for statement in claims.get(prop, []):
        snak = statement["mainsnak"]
        if statement.get("rank") == "deprecated" or snak.get("snaktype", "value") != "value":
            continue
        value = snak["datavalue"]["value"]
        found.append(str(value["id"]) if "id" in value else f"Q{int(value['numeric-id'])}")
    return tuple(found)


def _item(entity: Any, file: str, index: int) -> _Item | None:
    """An item of the file, or None for an entity that is not an item."""
    if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
        raise _bad_shape(file, f"entity {index}: not an object with an id")
    qid = entity["id"]
    if not QID.fullmatch(qid):
        return None
    try:
        labels = _values(entity.get("labels", {}), many=False)
        aliases = _values(entity.get("aliases", {}), many=True)
        claims = entity.get("claims", {})
        countries, kinds = _claim_ids(claims, "P17"), _claim_ids(claims, "P31")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _bad_shape(file, f"{qid}: not in the shape of a Wikidata entity ({exc})") from None
    names = frozenset(n for n in map(_normalise, [*labels, *aliases]) if n)
    return _Item(qid, ([*labels, *aliases, ""])[0], names, countries, kinds)


def _count(number: int, one: str, many: str = "") -> str:
    """``does 1 other item``, ``do 2 other items``.

    >>> _count(1, "other item"), _count(2, "other entity", "other entities")
    ('does 1 other item', 'do 2 other entities')
    """
    return f"does 1 {one}" if number == 1 else f"do {number} {many or one + 's'}"


def _qnum(qid: str) -> int:
    return int(qid[1:]) if QID.fullmatch(qid) else 0


class _Matcher:
    """The links of the graph's entities to the items of one file."""

    def __init__(self, items: Mapping[str, _Item], known: Known) -> None:
        self.items, self.known = items, known
        self.linked = {entity: qid for qid, entity in known.by_wikidata.items()}
        self.governed = {gov: country for country, gov in known.governments.items()}
        self.entities = sorted(e for e, cls in known.classes.items() if cls in CLASSES and e in known.labels)
        index: dict[str, set[str]] = defaultdict(set)
        for item in items.values():
            if not set(item.kinds) & WIKIMEDIA_PAGES.keys():
                for name in item.names:
                    index[name].add(item.qid)
        self.matches = {
            e: sorted(set().union(*(index.get(n, set()) for n in _entity_names(known.labels[e]))), key=_qnum)
            for e in self.entities
        }
        self.agree = {(e, q): self.countries(e, items[q]) for e, qids in self.matches.items() for q in qids}
        self.viable: dict[str, list[str]] = defaultdict(list)  # entity -> items, and item -> entities
        for (entity, qid), (agree, _) in self.agree.items():
            if agree is not False:
                self.viable[entity].append(qid)
                self.viable[qid].append(entity)

    def name(self, entity: str) -> str:
        return self.known.labels.get(entity, entity)

    def countries(self, entity: str, item: _Item) -> tuple[bool | None, str]:
        """Whether the entity's and the item's countries agree (None: not both known), and how."""
        classes = self.known.classes
        own = entity if classes[entity] == "Country" else self.governed.get(entity)
        theirs = {self.known.by_wikidata.get(q, "") for q in item.countries}
        theirs = {c for c in theirs if classes.get(c) == "Country"}
        if own is None or not theirs:
            return None, ""
        names = ", ".join(sorted(map(self.name, theirs)))
        if own in theirs:
            return True, f"Wikidata's country (P17) {names} agrees"
        return False, f"Wikidata's country (P17) is {names}, the graph's is {self.name(own)}"

    def status(self, entity: str, qid: str) -> tuple[str, str]:
        """The status of one matching pair, and why: the first rule that holds."""
        item, linked = self.items[qid], self.linked.get(entity)
        owner = self.known.by_wikidata.get(qid)
        why = f'the label "{self.name(entity)}" matches "{item.label}"'
        agree, countries = self.agree[entity, qid]
        if agree:
            why += f" ({countries})"
        others, entities = len(self.viable[entity]) - 1, len(self.viable[qid]) - 1
        rules = (
            (agree is False, "conflict", f"{why}, but the countries disagree: {countries}"),
            (linked == qid, "confirmed", f"{why}, and the graph already links them"),
            (linked is not None, "conflict", f"{why}, but the graph links the entity to {linked}"),
            (owner is not None, "conflict", f"{why}, but the graph links {qid} to {self.name(owner or '')}"),
            (others > 0, "conflict", f"{why}, and so {_count(others, 'other item')}"),
            (entities > 0, "conflict", f"{why}, and so {_count(entities, 'other entity', 'other entities')}"),
        )
        proposed = ("proposed", f"{why}, the only item that does, and the graph has no link")
        return next(((status, reason) for holds, status, reason in rules if holds), proposed)

    def links(self) -> list[Link]:
        found: list[Link] = []
        for entity in self.entities:
            label = self.name(entity)
            for qid in self.matches[entity]:
                status, reason = self.status(entity, qid)
                found.append(Link(entity, label, qid, self.items[qid].label, status, reason))
            linked = self.linked.get(entity, "")
            if linked in self.items and linked not in self.matches[entity]:
                reason = f"the graph links the entity to {linked}, but none of the item's names matches"
                found.append(Link(entity, label, linked, self.items[linked].label, "conflict", reason))
        reported = {k.wikidata for k in found}
        for qid, item in self.items.items():
            if qid not in reported:
                pages = [WIKIMEDIA_PAGES[k] for k in item.kinds if k in WIKIMEDIA_PAGES]
                reason = f"{pages[0]}, never matched" if pages else "no entity of the graph has this name"
                found.append(Link("", "", qid, item.label, "unmatched", reason))
        return sorted(found, key=lambda k: (k.entity == "", k.label.casefold(), k.entity, _qnum(k.wikidata)))


def link_wikidata(path: Path, known: Known) -> list[Link]:
    """Propose and check links between the graph's entities and the items of a Wikidata file.

    Parameters
    ----------
    path : Path
        Wikidata entities as JSON: an array (the dump's shape) or ``{"entities": {...}}``.
    known : Known
        The graph's entities, labels, countries and existing ``owl:sameAs`` links.

    Returns
    -------
    list of Link
        One for each matching (entity, item) pair, and one for each item that matches
        nothing; ``wikidata`` is the item's Q-id.

    Raises
    ------
    InputError
        With kind ``bad-json`` for a file that is not JSON, ``bad-shape`` for one in neither
        shape.
    """
    file = str(path)
    items: dict[str, _Item] = {}
    for index, entity in enumerate(_entities(path)):
        item = _item(entity, file, index)
        if item is not None:
            items.setdefault(item.qid, item)
    return _Matcher(items, known).links()


def write_links(links: Sequence[Link], out: Path) -> Path:
    """Write an ``owl:sameAs`` triple for each proposed link, as N-Triples; return ``out``.

    >>> import tempfile
    >>> link = Link("https://w3id.org/sanctions-kg/id/lenovo", "Lenovo", "Q14799", "Lenovo", "proposed", "")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_links([link], Path(folder) / "links.nt").read_text()
    >>> written.split()[1:]
    ['<http://www.w3.org/2002/07/owl#sameAs>', '<http://www.wikidata.org/entity/Q14799>', '.']
    """
    lines = sorted(
        {
            f"{iri(k.entity)} {iri(str(OWL.sameAs))} {iri(WIKIDATA + k.wikidata)} .\n"
            for k in links
            if k.status == "proposed"
        }
    )
    with streamed(out) as stream:
        stream.writelines(lines)
    return Path(out)
