"""A corpus of broken inputs: each case copies the curated ``data/``, breaks it in one small
way, and states exactly which problems the build reports, as (file name, row, column, kind).

Row numbers are never hard-coded: every edit returns the row it touched, found by the row's
id, so the cases keep working as the curated data grows. Rows count CSV records, the header
being row 1 (as a spreadsheet shows them). The order of the problems is not part of the
contract, so lists are compared sorted; their contents (and how many of each) are exact.
"""

from __future__ import annotations

import ast
import csv
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import ModuleType

import pytest

import graph
import graph.model.columns
import graph.model.convert
import graph.model.tables

KIND = re.compile(r"^[a-z]+(?:-[a-z]+)+$")
Where = tuple[str, int | None, str | None, str]
"""A problem as the tests see it: file name, row, column, kind (never the message)."""


class Data:
    """A copy of the curated ``data/`` folder, and small edits of its tables.

    Edits that touch a row return that row's number (header = row 1). Tables are read and
    written with the csv module, so values that need quoting stay quoted.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, table: str) -> Path:
        return self.root / table

    def records(self, table: str) -> list[list[str]]:
        text = self.path(table).read_text(encoding="utf-8")
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))

    def header(self, table: str) -> list[str]:
        return self.records(table)[0]

    @staticmethod
    def line(record: Iterable[str]) -> str:
        """One record as CSV text, ending in a newline."""
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(list(record))
        return buffer.getvalue()

    def write(self, table: str, records: Iterable[Iterable[str]]) -> None:
        self.path(table).write_text("".join(map(self.line, records)), encoding="utf-8")

    def row_of(self, table: str, row_id: str) -> int:
        """The row number of the row whose id is ``row_id``."""
        for index, record in enumerate(self.records(table)):
            if index and record and record[0] == row_id:
                return index + 1
        raise KeyError(f"{table} has no row {row_id!r}")

    def cell(self, table: str, row_id: str, column: str) -> str:
        record = self.records(table)[self.row_of(table, row_id) - 1]
        return record[self.header(table).index(column)]

    def find(self, table: str, *, last: bool = False, cls: str | None = None, **where: str) -> str:
        """The id of the first (or last) row whose cells have the given values (``""``:
        empty; ``"*"``: not empty); ``cls`` is the value of the ``class`` column.
        """
        if cls is not None:
            where["class"] = cls
        records = self.records(table)
        header = records[0]
        for record in reversed(records[1:]) if last else records[1:]:
            cells = dict(zip(header, record, strict=True))
            if all(
                cells[name] != "" if value == "*" else cells[name] == value for name, value in where.items()
            ):
                return record[0]
        raise KeyError(f"{table} has no row with {where}")

    def set_cells(self, table: str, row_id: str, **cells: str) -> int:
        """Replace some cells of one row; return its row number."""
        records = self.records(table)
        number = self.row_of(table, row_id)
        for name, value in cells.items():
            records[number - 1][records[0].index(name)] = value
        self.write(table, records)
        return number

    def set_cell(self, table: str, row_id: str, column: str, value: str) -> int:
        return self.set_cells(table, row_id, **{column: value})

    def append_row(self, table: str, cells: Mapping[str, str]) -> int:
        """Add a row with the given cells (the others empty); return its row number."""
        records = self.records(table)
        header = records[0]
        unknown = set(cells) - set(header)
        assert not unknown, f"{table} has no columns {unknown}"
        records.append([cells.get(name, "") for name in header])
        self.write(table, records)
        return len(records)

    def copy_row(self, table: str, row_id: str, **changes: str) -> int:
        """Append a copy of a row, with some cells changed; return the new row's number."""
        header = self.header(table)
        record = self.records(table)[self.row_of(table, row_id) - 1]
        return self.append_row(table, {**dict(zip(header, record, strict=True)), **changes})

    def rename_column(self, table: str, old: str, new: str) -> None:
        records = self.records(table)
        records[0][records[0].index(old)] = new
        self.write(table, records)

    def drop_column(self, table: str, column: str) -> None:
        records = self.records(table)
        index = records[0].index(column)
        self.write(table, [record[:index] + record[index + 1 :] for record in records])

    def splice(self, table: str, row_id: str, column: str, raw: bytes) -> int:
        """Write ``raw`` as the text of one cell, unquoted and unchecked (to make bad CSV or
        bad bytes); every other record is written normally. Return the row's number.
        """
        records = self.records(table)
        number = self.row_of(table, row_id)
        index = records[0].index(column)
        chunks = [self.line(record).encode("utf-8") for record in records]
        before, after = records[number - 1][:index], records[number - 1][index + 1 :]
        head = self.line([*before, ""]).encode("utf-8").removesuffix(b"\n") if before else b""
        tail = self.line(["", *after]).encode("utf-8") if after else b"\n"
        chunks[number - 1] = head + raw + tail
        self.path(table).write_bytes(b"".join(chunks))
        return number

    def insert_raw(self, table: str, before_id: str, raw: str) -> int:
        """Insert raw text (whole lines) before the row ``before_id``; return that row's new
        number.
        """
        records = self.records(table)
        chunks = [self.line(record) for record in records]
        chunks.insert(self.row_of(table, before_id) - 1, raw)
        self.path(table).write_text("".join(chunks), encoding="utf-8")
        return self.row_of(table, before_id)


Case = Callable[[Data], list[Where]]
CASES: list[object] = []


def case(xfail: str | None = None) -> Callable[[Case], Case]:
    """Register a broken-input case; its id is the function's name with hyphens.

    A case edits the data folder and returns the problems the build must report.
    ``xfail`` marks (strictly) a case that shows a known bug of graph/.
    """

    def register(edit: Case) -> Case:
        marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
        CASES.append(pytest.param(edit, id=edit.__name__.replace("_", "-"), marks=marks))
        return edit

    return register


# The tables, and the rows the cases edit: each row is found by what it holds, never by its line.
TRADE = "trade.csv"
CLAIMS = "claims.csv"
ENTITIES = "entities.csv"
SOURCES = "sources.csv"
MEASURES = "measures.csv"


def a_trade_row(d: Data) -> str:
    """The last trade observation with a change and its bound (the SHACL-clean kind)."""
    return d.find(TRADE, last=True, changePercent="*", bound="*")


def a_governs_claim(d: Data) -> str:
    """The last claim Government -governs-> Country."""
    return d.find(CLAIMS, last=True, relation="governs")


def a_pressures_claim(d: Data) -> str:
    return d.find(CLAIMS, relation="pressures", stance="*")


def an_oem(d: Data) -> str:
    return d.find(ENTITIES, cls="OEM")


def a_product(d: Data) -> str:
    return d.find(ENTITIES, cls="ProductCategory", notation="*")


def a_country(d: Data) -> str:
    return d.find(ENTITIES, cls="Country")


# ---------------------------------------------------------------------------------------
# Whole files
# ---------------------------------------------------------------------------------------


@case()
def missing_file(d: Data) -> list[Where]:
    d.path(TRADE).unlink()
    return [(TRADE, None, None, "missing-file")]


@case()
def a_folder_where_a_table_should_be(d: Data) -> list[Where]:
    d.path(TRADE).unlink()
    d.path(TRADE).mkdir()
    return [(TRADE, None, None, "unreadable-file")]


@case()
def empty_file_has_no_header(d: Data) -> list[Where]:
    d.path(TRADE).write_bytes(b"")
    return [(TRADE, 1, None, "missing-header")]


@case()
def blank_lines_only_is_no_header(d: Data) -> list[Where]:
    d.path(TRADE).write_bytes(b"\xef\xbb\xbf\n\n")
    return [(TRADE, 1, None, "missing-header")]


@case()
def latin1_byte_is_bad_encoding(d: Data) -> list[Where]:
    row_id = a_governs_claim(d)
    number = d.splice(CLAIMS, row_id, "note", b"caf\xe9 au lait")
    return [(CLAIMS, number, None, "bad-encoding")]


@case()
def stray_quote_is_bad_csv(d: Data) -> list[Where]:
    number = d.splice(TRADE, a_trade_row(d), "statedAs", b'"more" than')
    return [(TRADE, number, None, "bad-csv")]


# ---------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------


@case()
def duplicate_column(d: Data) -> list[Where]:
    d.rename_column(TRADE, "unverified", "note")
    return [(TRADE, 1, "note", "duplicate-column")]


@case()
def unknown_column(d: Data) -> list[Where]:
    d.rename_column(TRADE, "note", "notes")
    return [(TRADE, 1, "notes", "unknown-column")]


@case()
def class_column_where_rows_have_no_class(d: Data) -> list[Where]:
    d.rename_column(TRADE, "note", "class")
    return [(TRADE, 1, "class", "unknown-column")]


@case()
def language_tag_on_plain_string_column(d: Data) -> list[Where]:
    d.rename_column(TRADE, "note", "note@en")
    return [(TRADE, 1, "note@en", "bad-language")]


@case()
def a_second_at_sign_in_a_column_name(d: Data) -> list[Where]:
    # the language is everything after the first "@": "zh@x" is no language tag
    d.rename_column(ENTITIES, "label@zh", "label@zh@x")
    return [(ENTITIES, 1, "label@zh@x", "bad-language")]


@case()
def no_class_column_in_a_table_that_has_one(d: Data) -> list[Where]:
    # no row of measures.csv can be read, so each claim naming a measure names an unknown entity
    measures = {record[0] for record in d.records(MEASURES)[1:]}
    d.drop_column(MEASURES, "class")
    claims = d.records(CLAIMS)
    naming = [
        (CLAIMS, number, column, "unknown-entity")
        for number, record in enumerate(claims[1:], start=2)
        for column, value in zip(claims[0], record, strict=True)
        if column in ("subject", "object", "measure") and value in measures
    ]
    return [(MEASURES, 1, "class", "missing-column"), *naming]


@case()
def malformed_language_tag(d: Data) -> list[Where]:
    d.rename_column(TRADE, "quote", "quote@zz!")
    return [(TRADE, 1, "quote@zz!", "bad-language")]


@case()
def broken_header_of_a_referenced_table_is_one_problem(d: Data) -> list[Where]:
    # the rows of entities.csv are still known by id, so claims that name them do not fail too
    d.rename_column(ENTITIES, "label@zh", "label@zz!")
    return [(ENTITIES, 1, "label@zz!", "bad-language")]


@case()
def unknown_column_in_sources_is_one_problem(d: Data) -> list[Where]:
    d.rename_column(SOURCES, "publisher", "publisherr")
    return [(SOURCES, 1, "publisherr", "unknown-column"), (SOURCES, 1, "publisher", "missing-column")]


@case()
def missing_required_column(d: Data) -> list[Where]:
    d.drop_column(TRADE, "period")
    return [(TRADE, 1, "period", "missing-column")]


@case()
def missing_id_column(d: Data) -> list[Where]:
    d.drop_column(TRADE, "id")
    return [(TRADE, 1, "id", "missing-column")]


# ---------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------


@case()
def row_with_an_extra_cell(d: Data) -> list[Where]:
    row_id = a_trade_row(d)
    number = d.splice(TRADE, row_id, "unverified", d.cell(TRADE, row_id, "unverified").encode() + b",extra")
    return [(TRADE, number, None, "bad-row")]


@case()
def row_with_a_cell_too_few(d: Data) -> list[Where]:
    records = d.records(CLAIMS)
    number = d.row_of(CLAIMS, a_governs_claim(d))
    records[number - 1] = records[number - 1][:-1]
    d.write(CLAIMS, records)
    return [(CLAIMS, number, None, "bad-row")]


@case()
def upper_case_id(d: Data) -> list[Where]:
    row_id = a_trade_row(d)
    number = d.set_cell(TRADE, row_id, "id", row_id.upper())
    return [(TRADE, number, "id", "bad-id")]


@case()
def id_with_double_hyphen(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "id", "c--governs")
    return [(CLAIMS, number, "id", "bad-id")]


@case()
def empty_id(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "id", "")
    return [(TRADE, number, "id", "missing-value")]


@case()
def missing_required_label(d: Data) -> list[Where]:
    number = d.set_cell(ENTITIES, an_oem(d), "label", "  ")
    return [(ENTITIES, number, "label", "missing-value")]


@case()
def missing_required_period(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "period", "")
    return [(TRADE, number, "period", "missing-value")]


@case()
def unknown_class(d: Data) -> list[Where]:
    number = d.append_row(ENTITIES, {"id": "pluto", "class": "Planet", "label": "Pluto"})
    return [(ENTITIES, number, "class", "unknown-class")]


@case()
def class_is_case_sensitive(d: Data) -> list[Where]:
    number = d.append_row(ENTITIES, {"id": "acme", "class": "oem", "label": "Acme"})
    return [(ENTITIES, number, "class", "unknown-class")]


@case()
def hs_notation_on_an_oem_is_not_applicable(d: Data) -> list[Where]:
    number = d.set_cell(ENTITIES, an_oem(d), "notation", "847130")
    return [(ENTITIES, number, "notation", "not-applicable")]


@case()
def duplicate_id_in_one_file(d: Data) -> list[Where]:
    number = d.copy_row(TRADE, a_trade_row(d))
    return [(TRADE, number, "id", "duplicate-id")]


@case()
def duplicate_id_across_files(d: Data) -> list[Where]:
    # trade.csv is read before claims.csv: the claim is the second use of the id.
    claim = a_governs_claim(d)
    d.set_cell(TRADE, a_trade_row(d), "id", claim)
    return [(CLAIMS, d.row_of(CLAIMS, claim), "id", "duplicate-id")]


@case()
def duplicate_of_an_entity_id_reports_only_the_duplicate(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "id", a_country(d))
    return [(TRADE, number, "id", "duplicate-id")]


# ---------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------


@case()
def day_that_does_not_exist(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "startDate", "2022-02-30")
    return [(CLAIMS, number, "startDate", "bad-date")]


@case()
def date_written_day_first(d: Data) -> list[Where]:
    number = d.set_cell(SOURCES, d.find(SOURCES), "published", "03/05/2022")
    return [(SOURCES, number, "published", "bad-date")]


@case()
def month_thirteen_in_a_period(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "period", "2022-13")
    return [(TRADE, number, "period", "bad-date")]


@case()
def full_date_in_a_period(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "basePeriod", "2022-02-01")
    return [(TRADE, number, "basePeriod", "bad-date")]


@case()
def two_dates_in_a_single_date_column(d: Data) -> list[Where]:
    row_id = d.find(MEASURES, published="*")
    number = d.set_cell(MEASURES, row_id, "published", "2022-03-03;2022-03-04")
    return [(MEASURES, number, "published", "bad-date")]


@case()
def full_width_digits_in_a_date(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "startDate", "２０２２")
    return [(CLAIMS, number, "startDate", "bad-date")]


@case()
def percent_sign_in_a_number(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "changePercent", "-40%")
    return [(TRADE, number, "changePercent", "bad-number")]


@case()
def nan_is_not_a_number(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "valueUSD", "NaN")
    return [(TRADE, number, "valueUSD", "bad-number")]


@case()
def yes_is_not_a_boolean(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "unverified", "yes")
    return [(CLAIMS, number, "unverified", "bad-boolean")]


@case()
def wikidata_page_url_instead_of_entity(d: Data) -> list[Where]:
    country = a_country(d)
    number = d.set_cell(ENTITIES, country, "wikidata", "https://www.wikidata.org/wiki/Q159")
    return [(ENTITIES, number, "wikidata", "bad-pattern")]


@case()
def wikidata_bare_q_number(d: Data) -> list[Where]:
    number = d.set_cell(ENTITIES, a_country(d), "wikidata", "Q159")
    return [(ENTITIES, number, "wikidata", "bad-pattern")]


@case()
def hs_notation_of_five_digits(d: Data) -> list[Where]:
    number = d.set_cell(ENTITIES, a_product(d), "notation", "84713")
    return [(ENTITIES, number, "notation", "bad-pattern")]


@case()
def unknown_entity_as_object(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_pressures_claim(d), "object", "lenovoo")
    return [(CLAIMS, number, "object", "unknown-entity")]


@case()
def outside_iri_as_subject_is_not_an_entity(d: Data) -> list[Where]:
    # subject and object name rows of data/; an IRI from elsewhere would skip the domain check
    number = d.set_cell(CLAIMS, a_pressures_claim(d), "subject", "http://example.org/someone")
    return [(CLAIMS, number, "subject", "unknown-entity")]


@case()
def unknown_source_among_several(d: Data) -> list[Where]:
    row_id = a_governs_claim(d)
    number = d.set_cell(CLAIMS, row_id, "source", d.cell(CLAIMS, row_id, "source") + "; no-such-source")
    return [(CLAIMS, number, "source", "unknown-entity")]


@case()
def two_products_in_the_single_product_column(d: Data) -> list[Where]:
    # product has sh:maxCount 1, so the cell is one value, "a;b", and no such entity exists
    # (SHACL's max-count is never reached from a CSV cell).
    row_id = d.find(CLAIMS, product="*")
    number = d.set_cell(CLAIMS, row_id, "product", "laptops;smartphones")
    return [(CLAIMS, number, "product", "unknown-entity")]


@case()
def company_as_product(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, d.find(CLAIMS, product="*"), "product", an_oem(d))
    return [(CLAIMS, number, "product", "class-mismatch")]


@case()
def company_as_trade_reporter(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "reporter", an_oem(d))
    return [(TRADE, number, "reporter", "class-mismatch")]


@case()
def entity_as_source(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "source", an_oem(d))
    return [(CLAIMS, number, "source", "class-mismatch")]


@case()
def unknown_status(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "status", "Ongoing")
    return [(CLAIMS, number, "status", "unknown-status")]


@case()
def unknown_stance(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_pressures_claim(d), "stance", "Neutral")
    return [(CLAIMS, number, "stance", "unknown-stance")]


@case()
def unknown_bound(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "bound", "AtLeast")
    return [(TRADE, number, "bound", "unknown-bound")]


@case()
def unknown_relation(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "relation", "buysFrom")
    return [(CLAIMS, number, "relation", "unknown-relation")]


@case()
def prefixed_relation_is_unknown(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "relation", "skg:governs")
    return [(CLAIMS, number, "relation", "unknown-relation")]


@case()
def claim_without_source(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "source", "")
    return [(CLAIMS, number, "source", "missing-source")]


@case()
def measure_without_source(d: Data) -> list[Where]:
    number = d.set_cell(MEASURES, d.find(MEASURES), "source", "")
    return [(MEASURES, number, "source", "missing-source")]


@case()
def source_of_only_separators(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "source", " ; ")
    return [(CLAIMS, number, "source", "missing-source")]


@case()
def country_as_subject_of_governs(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "subject", a_country(d))
    return [(CLAIMS, number, "subject", "domain-mismatch")]


@case()
def company_as_object_of_governs(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_governs_claim(d), "object", an_oem(d))
    return [(CLAIMS, number, "object", "range-mismatch")]


# ---------------------------------------------------------------------------------------
# SHACL (these need the full build)
# ---------------------------------------------------------------------------------------


@case()
def pressure_without_stance(d: Data) -> list[Where]:
    number = d.set_cell(CLAIMS, a_pressures_claim(d), "stance", "")
    return [(CLAIMS, number, "stance", "shacl-sparql")]


@case()
def claim_ends_before_it_starts(d: Data) -> list[Where]:
    number = d.set_cells(CLAIMS, a_governs_claim(d), startDate="2022-03-01", endDate="2022-02-01")
    return [(CLAIMS, number, "endDate", "shacl-sparql")]


@case()
def change_without_bound(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "bound", "")
    return [(TRADE, number, "bound", "shacl-sparql")]


# ---------------------------------------------------------------------------------------
# Several problems, and where rows are counted
# ---------------------------------------------------------------------------------------


@case()
def three_problems_in_one_file_are_all_reported(d: Data) -> list[Where]:
    governs = d.find(CLAIMS, relation="governs")
    pressures = a_pressures_claim(d)
    exports = d.find(CLAIMS, relation="exportsTo")
    return [
        (CLAIMS, d.set_cell(CLAIMS, governs, "id", "Bad Id"), "id", "bad-id"),
        (CLAIMS, d.set_cell(CLAIMS, pressures, "status", "Paused"), "status", "unknown-status"),
        (CLAIMS, d.set_cell(CLAIMS, exports, "endDate", "2022-00"), "endDate", "bad-date"),
    ]


@case()
def problems_in_several_files_are_all_reported(d: Data) -> list[Where]:
    return [
        (ENTITIES, d.set_cell(ENTITIES, an_oem(d), "notation", "8471"), "notation", "not-applicable"),
        (TRADE, d.set_cell(TRADE, a_trade_row(d), "unverified", "1"), "unverified", "bad-boolean"),
        (CLAIMS, d.set_cell(CLAIMS, a_governs_claim(d), "object", "atlantis"), "object", "unknown-entity"),
    ]


@case()
def blank_lines_count_as_rows(d: Data) -> list[Where]:
    # A blank line and a line of empty cells are skipped but keep their row numbers.
    rows = d.records(TRADE)
    last = rows[-1][0]
    before = d.row_of(TRADE, last)
    number = d.insert_raw(TRADE, last, "\n" + "," * (len(rows[0]) - 1) + "\n")
    assert number == before + 2
    d.set_cell(TRADE, last, "changePercent", "x98")
    return [(TRADE, number, "changePercent", "bad-number")]


@case()
def crlf_line_endings_keep_row_numbers(d: Data) -> list[Where]:
    number = d.set_cell(TRADE, a_trade_row(d), "period", "March 2022")
    d.path(TRADE).write_bytes(d.path(TRADE).read_bytes().replace(b"\n", b"\r\n"))
    return [(TRADE, number, "period", "bad-date")]


@case()
def bad_csv_after_a_multi_line_cell(d: Data) -> list[Where]:
    first, *_ = (r[0] for r in d.records(TRADE)[1:])
    d.set_cell(TRADE, first, "note", "two\nlines")
    last = d.records(TRADE)[-1][0]
    number = d.splice(TRADE, last, "statedAs", b'"7.7" percent')
    return [(TRADE, number, None, "bad-csv")]


@case()
def bad_encoding_after_a_multi_line_cell(d: Data) -> list[Where]:
    first, *_ = (r[0] for r in d.records(TRADE)[1:])
    d.set_cell(TRADE, first, "note", "two\nlines")
    last = d.records(TRADE)[-1][0]
    number = d.splice(TRADE, last, "statedAs", b"\xff")
    return [(TRADE, number, None, "bad-encoding")]


# ---------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------


def _key(where: Where) -> tuple[str, int, str, str]:
    file, row, column, kind = where
    return (file, row or 0, column or "", kind)


def _found(problems: Iterable[graph.Problem]) -> list[Where]:
    return sorted(((Path(p.file).name, p.row, p.column, p.kind) for p in problems), key=_key)


@pytest.fixture
def data(tmp_path: Path) -> Data:
    root = tmp_path / "data"
    shutil.copytree(graph.default_data_dir(), root)
    return Data(root)


FOLDER_KINDS = {"not-a-folder", "missing-folder", "no-tables"}
"""Problems of a whole data folder, not of its tables: tests/model/test_extra_data.py has a case of each."""


def _kinds_written_in(module: ModuleType) -> set[str]:
    """The problem kinds a module writes out as literals, in ``Problem(...)`` or ``CellError(...)``."""
    kinds = set()
    for node in ast.walk(ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Problem", "CellError"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and KIND.match(arg.value):
                    kinds.add(arg.value)
    return kinds


def test_the_corpus_has_a_case_of_every_kind_of_problem_in_a_table(tmp_path: Path) -> None:
    covered: set[str] = set()
    for number, param in enumerate(CASES):
        root = tmp_path / str(number)
        shutil.copytree(graph.default_data_dir(), root)
        edit = param.values[0]  # type: ignore[attr-defined]
        covered |= {kind for *_, kind in edit(Data(root))}
    written = _kinds_written_in(graph.model.columns) | _kinds_written_in(graph.model.tables)
    written |= _kinds_written_in(graph.model.convert)
    assert len(written) > 20, "the kinds are no longer written where this test looks"
    assert written - FOLDER_KINDS - covered == set()
    assert {"unknown-status", "unknown-stance", "unknown-bound", "shacl-sparql"} <= covered


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of a good build, to lay into an output folder before each broken build."""
    out = tmp_path_factory.mktemp("good-build")
    graph.write_build(graph.build(), out)
    return _snapshot(out)


@pytest.mark.parametrize("edit", CASES)
def test_bad_input(edit: Case, data: Data, good_output: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    for name, content in good_output.items():
        (out / name).write_bytes(content)
    expected = sorted(edit(data), key=_key)
    assert expected, "a broken-input case must expect at least one problem"
    with pytest.raises(graph.InputError) as excinfo:
        graph.write_build(graph.build(data.root), out)
    assert _found(excinfo.value.problems) == expected
    assert all(isinstance(p.message, str) and p.message.strip() for p in excinfo.value.problems)
    assert _snapshot(out) == good_output, "a failed build changed build/"


def _facts(result: graph.Build) -> set[tuple[object, object, object]]:
    """The triples about the data's own nodes (the ontology's blank nodes differ per parse)."""
    return {t for t in result.graph if str(t[0]).startswith(str(graph.ID))}


def _bom(d: Data) -> None:
    for path in sorted(d.root.glob("*.csv")):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _trailing_empty_line(d: Data) -> None:
    for path in sorted(d.root.glob("*.csv")):
        text = path.read_bytes()
        path.write_bytes(text + (b"\n" if text.endswith(b"\n") else b"\n\n"))


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(_bom, id="bom-at-start-of-every-file"),
        pytest.param(_trailing_empty_line, id="empty-trailing-line-in-every-file"),
    ],
)
def test_accepted_input(edit: Callable[[Data], None], data: Data) -> None:
    # Reading is all these edits touch: the facts must be those of the curated data, so
    # SHACL (which would pass as it does on the curated data) is skipped to keep this fast.
    edit(data)
    result = graph.build(data.root, shacl=False)
    curated = graph.build(graph.default_data_dir(), shacl=False)
    assert _facts(result) == _facts(curated)
    assert result.report == curated.report


def test_every_problem_names_a_real_file(data: Data) -> None:
    problems_in_several_files_are_all_reported(data)
    with pytest.raises(graph.InputError) as excinfo:
        graph.build(data.root)
    problems = excinfo.value.problems
    assert {Path(p.file).name for p in problems} == {ENTITIES, TRADE, CLAIMS}
    for problem in problems:
        assert Path(problem.file).is_file(), problem
        assert Path(problem.file).parent == data.root, problem
    with pytest.raises(graph.InputError) as shown:
        graph.build(data.root, display_dir="shown/data")
    assert sorted(p.file for p in shown.value.problems) == sorted(
        f"shown/data/{Path(p.file).name}" for p in problems
    )


def _console_script() -> str:
    found = shutil.which("sanctions-kg", path=str(Path(sys.executable).parent))
    return found or str(Path(sys.executable).parent / "sanctions-kg")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_reports_problems_and_writes_nothing(data: Data, tmp_path: Path) -> None:
    out = tmp_path / "out"
    graph.write_build(graph.build(), out)
    before = _snapshot(out)
    assert before, "the good build wrote nothing"
    names_before = sorted(p.name for p in out.iterdir())

    row_id = a_pressures_claim(data)
    number = data.set_cell(CLAIMS, row_id, "object", "lenovoo")
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [_console_script(), "build", "--data", str(data.root), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f'{data.root}/{CLAIMS}, row {number}, column "object": unknown-entity' in done.stderr
    assert sorted(p.name for p in out.iterdir()) == names_before  # no temporary files left
    assert _snapshot(out) == before
