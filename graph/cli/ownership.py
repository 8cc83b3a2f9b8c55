"""The ``ownership`` command: who else an ownership rule (OFAC, EU, UK, BIS Affiliates) catches,
with the evidence; or one entity's verdict; or the rules side by side.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated

import typer

from graph.cli.chains import AsOfOption, FormatOption, as_of_day
from graph.cli.support import (
    ColumnsOption,
    DataOption,
    DefaultGraphOption,
    EndpointOption,
    GraphOption,
    OntologyOption,
    PasswordOption,
    StoreOption,
    TimeoutOption,
    UserOption,
    WideOption,
    check_columns,
    err_console,
    fail,
    print_frame,
    print_records,
    source_reader,
)
from graph.errors import QueryError, SanctionsKGError

__all__ = ["ownership_command"]

#: What the table shows by default: the stakes and listings come with --wide or --columns.
COLUMNS = ("label", "verdict", "basis", "low", "high", "chain")


def ownership_command(
    rule: Annotated[
        str,
        typer.Option(
            "--rule", help="ofac, eu, uk, bis-affiliates, or a rule file (.toml) of the same shape."
        ),
    ] = "ofac",
    as_of: AsOfOption = None,
    indirect: Annotated[
        str | None,
        typer.Option(
            "--indirect",
            help="How indirect holdings count, instead of the rule file's choice: in-full (through caught "
            "entities, in full) or multiplied (through any entity, shares multiplied along each chain).",
        ),
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only this entity's verdict, and why (an id or a label).")
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Every rule side by side, for the same graph and day.")
    ] = False,
    fmt: FormatOption = "table",
    columns: ColumnsOption = None,
    wide: WideOption = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    default_graph: DefaultGraphOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    timeout: TimeoutOption = 30,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Who else an ownership rule catches on a day (today by default): the entities that listed
    parties own, alone or together, directly or through entities already caught, past the
    rule's threshold, each with its stakes, their bounds and the chain to a listing.
    """
    from graph.analysis.entities import find_entity
    from graph.analysis.ownership import ownership
    from graph.analysis.rules import load_rule
    from graph.analysis.verdicts import ROW_COLUMNS, compare_rules, ownership_records, ownership_rows

    try:
        check_columns(fmt, columns, wide)
        if fmt not in ("table", "json", "csv"):
            raise QueryError(f"write it as table, json or csv, not {fmt}", parameter="format")
        day = as_of_day(as_of) or dt.date.today()
        chosen = None if compare else load_rule(rule)  # an id, or a rule file's path
        if indirect is not None:
            from dataclasses import replace

            from graph.analysis.rules import INDIRECT

            if indirect not in INDIRECT:
                raise QueryError(f"{indirect!r} is not one of {', '.join(INDIRECT)}", parameter="indirect")
            if chosen is None:
                raise QueryError("--indirect: give it with one --rule, not --compare", parameter="indirect")
            chosen = replace(chosen, indirect=indirect)
        if chosen is not None:
            from graph.analysis.rules import rule_window

            rule_window(chosen, day)  # refused before anything is read
        reader = source_reader(
            graph, store, data, ontology,
            endpoint=endpoint, default_graph=default_graph, user=user, password=password, timeout=timeout,
        )  # fmt: skip
        node = find_entity(reader, entity) if entity is not None else None
        if chosen is None:
            table = compare_rules(reader, day=day, entities=None if node is None else [node])
            print_frame(table, fmt, columns=columns, wide=wide)
            return
        result = ownership(reader, chosen, day=day, also=[node] if node is not None else ())
        verdicts = [result.of(node)] if node is not None else None
        if fmt == "json":
            records = ownership_records(result, verdicts)
            sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        else:
            title = f"{chosen.name}, {day}" if fmt == "table" else None
            rows = ownership_rows(result, verdicts)
            print_records(rows, ROW_COLUMNS, fmt, title, default=COLUMNS, columns=columns, wide=wide)
        if fmt == "table" or result.skipped:
            sys.stdout.flush()  # the table first, then what was left out
            left = ", ".join(f"{what}: {n}" for what, n in sorted(result.skipped.items()))
            err_console.print(f"read {result.read} triples; left out: {left or 'nothing'}", markup=False)
    except SanctionsKGError as exc:
        fail(exc)
