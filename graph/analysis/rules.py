"""Ownership rules as data: one TOML file a rule in ``ontology/rules/`` (the OFAC 50 Percent Rule,
the EU's and the UK's ownership and control tests, the BIS Affiliates Rule), read into
:class:`Rule` values that :mod:`graph.analysis.ownership` is generic over.

A rule file names its threshold and comparison (``>=`` or ``>``), whether stakes of different
listed parties add up (``aggregate``), whether control without a stake counts (``control``),
how indirect holdings count (``indirect``), the listings that seed it (``[[lists]]``), the days
it is in force (``[[in_force]]``) and its sources (``[[sources]]``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from graph.errors import InputError, Problem, QueryError

__all__ = ["ListSelector", "Rule", "known_rules", "load_rule", "rule_window"]

COMPARISONS = (">=", ">")
INDIRECT = ("in-full", "multiplied")
"""How indirect holdings count: through caught entities only, in full (OFAC FAQ 401), or through
any entity, the shares multiplied along each chain and added over the chains."""
SELECTOR_FIELDS = ("countries", "issuers", "authorities", "programs", "measures")


@dataclass(frozen=True)
class ListSelector:
    """Which listings seed a rule: a listing matches when it meets every field given.

    ``countries``: its issuer governs one of these countries; ``issuers``: its issuer is one of
    these; ``authorities``: its measure's label is one of these (whatever the case);
    ``programs``: its programme is one of these (``EU-*``: any beginning ``EU-``);
    ``measures``: its measure is one of these (entity ids).
    """

    countries: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()

    def matches(
        self,
        *,
        countries: Sequence[str],
        issuer: str,
        authority: str | None,
        program: str | None,
        measure: str | None,
    ) -> bool:
        """Whether a listing with these qualifiers matches (entity ids, not IRIs).

        >>> eu = ListSelector(programs=("EU-*",))
        >>> eu.matches(countries=["belgium"], issuer="x", authority=None, program="EU-UKR", measure=None)
        True
        >>> ofac = ListSelector(countries=("united-states",), authorities=("OFAC",))
        >>> ofac.matches(countries=["united-states"], issuer="x", authority="ofac", program="", measure="")
        True
        >>> ofac.matches(countries=["canada"], issuer="x", authority="OFAC", program=None, measure=None)
        False
        """
        wanted = [
            not self.countries or any(c in self.countries for c in countries),
            not self.issuers or issuer in self.issuers,
            not self.authorities
            or (authority is not None and authority.casefold() in {a.casefold() for a in self.authorities}),
            not self.programs or (program is not None and any(_program(p, program) for p in self.programs)),
            not self.measures or measure in self.measures,
        ]
        return all(wanted)


def _program(pattern: str, program: str) -> bool:
    return program.startswith(pattern[:-1]) if pattern.endswith("*") else program == pattern


@dataclass(frozen=True)
class Rule:
    """An ownership rule, as its file states it."""

    id: str
    name: str
    authority: str
    threshold: Decimal
    comparison: str
    aggregate: bool
    control: bool
    indirect: str
    lists: tuple[ListSelector, ...]
    in_force: tuple[tuple[dt.date, dt.date | None], ...]
    sources: tuple[Mapping[str, str], ...]
    note: str
    file: str

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the rule is in force on ``day`` (each window's ends included)."""
        return any(start <= day and (end is None or day <= end) for start, end in self.in_force)

    def windows(self) -> str:
        """The days it is in force, in words: ``2025-09-29 to 2025-11-09, from 2026-11-10``."""
        return ", ".join(
            f"from {start}" if end is None else f"{start} to {end}" for start, end in self.in_force
        )


def _rules_dir() -> Path:
    from graph.paths import default_ontology_dir  # noqa: PLC0415 - where the rule files are

    return default_ontology_dir() / "rules"


def known_rules() -> list[str]:
    """The rules shipped in ``ontology/rules/``, by id.

    >>> known_rules()
    ['bis-affiliates', 'eu', 'ofac', 'uk']
    """
    return sorted(path.stem for path in _rules_dir().glob("*.toml"))


def load_rule(rule: str | Path) -> Rule:
    """A rule by id (one of :func:`known_rules`) or from a rule file of that shape.

    Raises
    ------
    QueryError
        For an unknown rule id (the message lists the known ones).
    InputError
        For a rule file that cannot be read, naming the file and the field.

    Examples
    --------
    >>> ofac = load_rule("ofac")
    >>> ofac.threshold, ofac.comparison, ofac.aggregate, ofac.control
    (Decimal('50'), '>=', True, False)
    >>> load_rule("uk").comparison
    '>'
    >>> load_rule("fatf")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: parameter 'rule': unknown rule 'fatf': known rules are bis-affiliates, eu, ...
    """
    path = (
        Path(rule) if isinstance(rule, Path) or str(rule).endswith(".toml") else _rules_dir() / f"{rule}.toml"
    )
    if not path.is_file():
        if isinstance(rule, Path) or str(rule).endswith(".toml"):
            raise InputError([Problem(str(path), None, None, "missing-file", "no such rule file")])
        raise QueryError(
            f"unknown rule {rule!r}: known rules are {', '.join(known_rules())}", parameter="rule"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), None, None, "bad-rule", f"not TOML: {exc}")]) from None
    return _rule(data, str(path))


def _problem(file: str, field: str, message: str) -> InputError:
    return InputError([Problem(file, None, field, "bad-rule", message)])


def _field(
    data: Mapping[str, Any], name: str, kind: type | tuple[type, ...], file: str, where: str = ""
) -> Any:
    """A required field of the given type, or a located error."""
    label = f"{where}{name}"
    if name not in data:
        raise _problem(file, label, "missing")
    value = data[name]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise _problem(file, label, f"{value!r} is not {_kind(kind)}")
    return value


def _kind(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dt.date: "a day",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(sorted({names.get(k, k.__name__) for k in kinds}))


def _rule(data: Mapping[str, Any], file: str) -> Rule:
    """A rule from a rule file's table; every field checked, each error naming its field.

    >>> _rule({"id": "x"}, "x.toml")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: 1 problem in the input:
    x.toml, column "threshold": bad-rule: missing
    """
    threshold = _field(data, "threshold", (int, float), file)
    if not 0 <= threshold <= 100:
        raise _problem(file, "threshold", f"{threshold} is not a percentage from 0 to 100")
    comparison = _field(data, "comparison", str, file)
    if comparison not in COMPARISONS:
        raise _problem(file, "comparison", f"{comparison!r} is not one of {', '.join(COMPARISONS)}")
    indirect = _field(data, "indirect", str, file)
    if indirect not in INDIRECT:
        raise _problem(file, "indirect", f"{indirect!r} is not one of {', '.join(INDIRECT)}")
    return Rule(
        id=_field(data, "id", str, file),
        name=_field(data, "name", str, file),
        authority=_field(data, "authority", str, file),
        threshold=Decimal(str(threshold)),
        comparison=comparison,
        aggregate=_field(data, "aggregate", bool, file),
        control=_field(data, "control", bool, file),
        indirect=indirect,
        lists=tuple(_selector(t, file, n) for n, t in enumerate(_tables(data, "lists", file), 1)),
        in_force=tuple(_window(t, file, n) for n, t in enumerate(_tables(data, "in_force", file), 1)),
        sources=tuple(_source(t, file, n) for n, t in enumerate(_tables(data, "sources", file), 1)),
        note=" ".join(str(data.get("note", "")).split()),
        file=file,
    )


def _tables(data: Mapping[str, Any], name: str, file: str) -> list[Mapping[str, Any]]:
    tables = _field(data, name, list, file)
    if not tables or not all(isinstance(t, dict) for t in tables):
        raise _problem(file, name, "needs one [[" + name + "]] table or more")
    return list(tables)


def _selector(table: Mapping[str, Any], file: str, n: int) -> ListSelector:
    where = f"lists[{n}]."
    unknown = sorted(set(table) - set(SELECTOR_FIELDS))
    if unknown:
        raise _problem(
            file, where + unknown[0], f"not a field of a list (fields: {', '.join(SELECTOR_FIELDS)})"
        )
    if not table:
        raise _problem(file, f"lists[{n}]", "names no list: give one of " + ", ".join(SELECTOR_FIELDS))
    values = {}
    for name in table:
        items = _field(table, name, list, file, where)
        if not items or not all(isinstance(i, str) and i for i in items):
            raise _problem(file, where + name, "needs a list of one text or more")
        values[name] = tuple(items)
    return ListSelector(**values)


def _window(table: Mapping[str, Any], file: str, n: int) -> tuple[dt.date, dt.date | None]:
    where = f"in_force[{n}]."
    start = _field(table, "from", dt.date, file, where)
    end = _field(table, "until", dt.date, file, where) if "until" in table else None
    if end is not None and end < start:
        raise _problem(file, where + "until", f"{end} is before {start}")
    return start, end


def _source(table: Mapping[str, Any], file: str, n: int) -> Mapping[str, str]:
    where = f"sources[{n}]."
    _field(table, "title", str, file, where)
    _field(table, "citation", str, file, where)
    return {key: str(value) for key, value in table.items()}


def rule_window(rule: Rule, day: dt.date) -> None:
    """Refuse a day on which the rule was not in force, giving its window.

    >>> try:
    ...     rule_window(load_rule("bis-affiliates"), dt.date(2026, 1, 1))
    ... except QueryError as exc:
    ...     print(str(exc).partition("List) ")[2])
    was not in force on 2026-01-01 (in force 2025-09-29 to 2025-11-09, from 2026-11-10)
    """
    if not rule.in_force_on(day):
        raise QueryError(
            f"the {rule.name} was not in force on {day} (in force {rule.windows()})", parameter="as-of"
        )
