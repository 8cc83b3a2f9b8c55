"""Reading a file of Wikidata entities in either of Wikidata's shapes: each item's English names
(normalised as matching compares them), countries and classes; a file in neither shape is a problem.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import InputError, Problem

__all__: list[str] = []

LANGUAGES = ("en", "mul")
FORMS = {"inc", "incorporated", "ltd", "limited", "corp", "corporation", "co", "company", "plc", "llc"}
FORMS |= {"group", "holdings"}
QID = re.compile(r"^Q[1-9][0-9]*$")


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
