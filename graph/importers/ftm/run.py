"""The FollowTheMoney import: two passes over the file, and the N-Triples (and the report of
what was left out) written only when every line is good or the bad ones are skipped. The
mapping is described in :mod:`graph.importers.ftm`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any

from followthemoney.proxy import EntityProxy

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known
from graph.importers.ftm.convert import convert
from graph.importers.ftm.index import _Index, collect
from graph.importers.ftm.read import _entity, _LeftOutError, _LineError, _lines
from graph.importers.ftm.write import _Writer
from graph.model.output import streamed

__all__ = ["import_ftm"]

PROGRESS_EVERY = 10_000
Details = dict[str, list[dict[str, Any]]]


def import_ftm(
    path: Path,
    out: Path,
    *,
    known: Known | None = None,
    skip_bad: bool = False,
    report_file: Path | None = None,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Import a FollowTheMoney JSON-lines file as N-Triples (see the module for the mapping).

    Parameters
    ----------
    path : Path
        The entities, one JSON object a line.
    out : Path
        The N-Triples file to write; replaced only when the import succeeds.
    known : Known, optional
        The graph's entities to link to: countries, governments, Wikidata ids
        (:func:`graph.importers.common.known_from`; none by default: countries and their
        governments are minted from their codes).
    skip_bad : bool, default False
        Leave bad lines out and list them in the report, instead of raising.
    report_file : Path, optional
        Also write there, as JSON, each record left out (line, id, schema, why), each bad
        line skipped, and each reference to an id outside the file; replaced only when the
        import succeeds.
    progress : callable, optional
        Called with the number of lines converted so far (the second pass), every
        10,000 lines and at the end.

    Returns
    -------
    ImportReport
        Lines read, triples written, entities (mapped, and countries and governments minted),
        relations, the bad lines skipped, the records left out by (schema, why), and the
        references to ids outside the file by property.

    Raises
    ------
    InputError
        With every problem (file, line, property, kind), unless ``skip_bad``; nothing is written.

    Examples
    --------
    >>> import json, tempfile
    >>> line = {"id": "co-1", "schema": "Company", "properties": {"name": ["Acme"], "country": ["de"]}}
    >>> boat = {"id": "v-1", "schema": "Vessel", "properties": {"name": ["Acme I"]}}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     source = Path(folder) / "in.jsonl"
    ...     _ = source.write_text(json.dumps(line) + "\\n" + json.dumps(boat) + "\\n", encoding="utf-8")
    ...     report = import_ftm(source, Path(folder) / "out.nt", known=Known())
    >>> report.read, report.entities, report.relations, report.skipped, report.left_out
    (2, 2, 1, [], {('Vessel', 'not modelled'): 1})
    """
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "missing-file", "no such file")])
    writer = _Writer(known or Known(), path.name)
    index = collect(path, writer)
    report, problems = ImportReport(), []
    details: Details | None = {"leftOut": [], "outside": []} if report_file is not None else None
    staged = streamed(report_file) if report_file is not None else nullcontext(None)
    with streamed(out) as stream, staged as report_stream:
        for number, text in _lines(path):
            report.read += 1
            try:
                record = _convert(writer, index, text)
            except _LineError as bad:
                problems.append(Problem(str(path), number, bad.column, bad.kind, bad.message))
            else:
                if not problems or skip_bad:
                    stream.write(writer.commit(report))
                    _count(report, details, {"line": number, **record}, writer.outside)
            if progress is not None and report.read % PROGRESS_EVERY == 0:
                progress(report.read)
        if problems and not skip_bad:
            raise InputError(problems)
        report.skipped = problems
        if report_stream is not None and details is not None:
            _write_report(report_stream, path, report, details)
    if progress is not None:
        progress(report.read)
    return report


def _convert(writer: _Writer, index: _Index, text: bytes) -> dict[str, Any]:
    """Convert a line into the writer's buffer (nothing, for a record left out); its record's
    id, schema and, for one counted as left out, why.
    """
    writer.begin()
    return _convert_record(writer, index, *_entity(text))


def _convert_record(
    writer: _Writer, index: _Index, data: dict[str, Any], proxy: EntityProxy
) -> dict[str, Any]:
    """Convert a record into the writer's buffer, as :func:`_convert` does a line."""
    writer.begin()
    try:
        why = convert(writer, index, data, proxy)
    except _LeftOutError as skip:
        writer.begin()
        why = skip.why
    return {"id": data["id"], "schema": proxy.schema.name, "why": why}


def _count(
    report: ImportReport, details: Details | None, record: dict[str, Any], outside: list[tuple[str, str]]
) -> None:
    """Count a record left out and its references outside the file (and keep them for the report)."""
    if record["why"] is not None:
        key = (record["schema"], record["why"])
        report.left_out[key] = report.left_out.get(key, 0) + 1
    if details is not None:
        if record["why"] is not None:
            details["leftOut"].append(record)
        where = {k: record[k] for k in ("line", "id", "schema")}
        details["outside"] += [{**where, "property": p, "reference": r} for p, r in outside]


def _write_report(stream: IO[str], path: Path, report: ImportReport, details: Details) -> None:
    """The JSON report: the counts, then each record left out, bad line skipped and outside reference."""
    bad = [
        {"line": p.row, "property": p.column, "kind": p.kind, "message": p.message} for p in report.skipped
    ]
    document = {
        "file": str(path),
        "read": report.read,
        "leftOut": [{"schema": s, "why": w, "records": n} for (s, w), n in sorted(report.left_out.items())],
        "outside": dict(sorted(report.outside.items())),
        "records": {"leftOut": details["leftOut"], "bad": bad, "outside": details["outside"]},
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
