"""Matching the graph's entities to Wikidata items by name and country, and the status of each
link with its reason (see :mod:`graph.importers.wikidata`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from graph.importers.common import Known
from graph.importers.wikidata.read import QID, _Item, _normalise

__all__ = ["LINK_COLUMNS", "Link"]

CLASSES = {"Country", "Government", "Company", "OEM", "ChipSupplier"}
WIKIMEDIA_PAGES = {
    "Q4167410": "a Wikimedia disambiguation page",
    "Q4167836": "a Wikimedia category",
    "Q13406463": "a Wikimedia list article",
}


#: The columns of a link as a table row.
LINK_COLUMNS = ("entity", "label", "wikidata", "wikidataLabel", "status", "reason")


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
        """The link as a table row, its keys :data:`LINK_COLUMNS`."""
        values = (self.entity, self.label, self.wikidata, self.wikidata_label, self.status, self.reason)
        return dict(zip(LINK_COLUMNS, values, strict=True))


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
