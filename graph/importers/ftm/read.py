"""Reading FollowTheMoney JSON lines: each line's entity, whether an organisation is a government,
and its values (dates, labels, Wikidata ids), every problem located at the property at fault.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from graph.importers.common import Known

__all__: list[str] = []

NOT_GOVERNMENT = {"gov.soe", "gov.igo", "gov.religion"}


class _LineError(Exception):
    """A problem of the line being converted: the property at fault, its kind, and why."""

    def __init__(self, column: str | None, kind: str, message: str) -> None:
        super().__init__(message)
        self.column, self.kind, self.message = column, kind, message


class _LeftOutError(Exception):
    """The line's record is left out, and counted: why (``not modelled``, ...)."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _is_government(proxy: EntityProxy) -> bool:
    """Whether an organisation is a government body: a PublicBody, or a ``gov`` topic.

    >>> company = {"id": "x", "schema": "Company"}
    >>> _is_government(model.get_proxy({**company, "properties": {"topics": ["gov.national"]}}))
    True
    >>> _is_government(model.get_proxy({**company, "properties": {"topics": ["gov.soe"]}}))
    False
    """
    return proxy.schema.name == "PublicBody" or any(
        t == "gov" or (t.startswith("gov.") and t not in NOT_GOVERNMENT) for t in proxy.get("topics")
    )


def _date(value: str, column: str) -> tuple[dt.date, str | None]:
    """A FollowTheMoney date as a day and its precision (``None`` when known to the day).

    >>> _date("2023-11", "startDate")
    (datetime.date(2023, 11, 1), 'Month')
    >>> _date("2023-11-02T10:00:00", "startDate")
    (datetime.date(2023, 11, 2), None)
    """
    cleaned = registry.date.clean(value)
    if cleaned is None:
        raise _LineError(column, "bad-date", f"{value!r} is not a date")
    text = cleaned[:10]  # YYYY, YYYY-MM or YYYY-MM-DD
    return dt.date.fromisoformat(text + "-01-01"[: 10 - len(text)]), {4: "Year", 7: "Month"}.get(len(text))


def _json(text: bytes) -> dict[str, Any]:
    """A line's JSON object; raise :class:`_LineError` for anything else."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _LineError(None, "bad-json", f"not a JSON object: {exc}") from None
    if not isinstance(data, dict):
        raise _LineError(None, "bad-json", "not a JSON object")
    return data


def _entity(text: bytes) -> tuple[dict[str, Any], EntityProxy]:
    """Read one line: its JSON and its entity; raise :class:`_LineError` for a malformed one."""
    return _record(_json(text))


def _record(data: dict[str, Any]) -> tuple[dict[str, Any], EntityProxy]:
    """An entity's JSON object and its entity; raise :class:`_LineError` for a malformed one.

    >>> _record({"id": "p-1", "schema": "Person"})[1].schema.name
    'Person'
    >>> _record({"id": "p-1", "schema": "Persona"})
    Traceback (most recent call last):
    ...
    graph.importers.ftm.read._LineError: unknown schema 'Persona'
    """
    if not isinstance(data.get("schema"), str) or model.get(data["schema"]) is None:
        raise _LineError("schema", "unknown-schema", f"unknown schema {data.get('schema')!r}")
    if not isinstance(data.get("id"), str) or not data["id"]:
        raise _LineError("id", "missing-id", "the entity has no id")
    properties = data.get("properties", {})
    for name, values in properties.items() if isinstance(properties, dict) else [("properties", 0)]:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise _LineError(name, "bad-json", "a property's value must be a list of strings")
    try:
        return data, model.get_proxy(data)
    except InvalidData as exc:
        raise _LineError("schema", "unknown-schema", str(exc)) from None


def _label(data: dict[str, Any], proxy: EntityProxy) -> str:
    """The entity's label: the caption its publisher gave it, else its first name, else the
    caption FollowTheMoney picks.

    >>> line = {"id": "p", "schema": "Person", "properties": {"name": ["ZAKHAROV, Nikita"]}}
    >>> proxy = model.get_proxy(line)
    >>> _label({**line, "caption": "Nikita Zakharov"}, proxy), _label(line, proxy)
    ('Nikita Zakharov', 'ZAKHAROV, Nikita')
    """
    caption = data.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise _LineError("caption", "bad-json", "a caption must be a string")
    return caption or next(iter(proxy.get("name")), None) or proxy.caption or proxy.id or ""


def _wikidata(proxy: EntityProxy, known: Known) -> tuple[str | None, str | None]:
    """The entity's Wikidata id (the first) and the graph's entity with that id, if any."""
    qid = next(iter(proxy.get("wikidataId")), None)
    if qid is not None and not (qid[:1] == "Q" and qid[1:].isdigit() and qid[1:2] != "0"):
        raise _LineError("wikidataId", "bad-wikidata-id", f"{qid!r} is not a Wikidata item id")
    return qid, known.by_wikidata.get(qid) if qid else None


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a file with their numbers (1-based)."""
    with path.open("rb") as handle:
        for number, text in enumerate(handle, 1):
            if text.strip():
                yield number, text
