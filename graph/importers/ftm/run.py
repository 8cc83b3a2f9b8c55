"""The FollowTheMoney import: two passes over the file, and the N-Triples written only when every
line is good (or the bad ones are skipped). The mapping is described in :mod:`graph.importers.ftm`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known
from graph.importers.ftm.convert import _Converter
from graph.importers.ftm.read import _entity, _LineError, _lines
from graph.model.output import streamed

__all__ = ["import_ftm"]

PROGRESS_EVERY = 10_000


def import_ftm(
    path: Path,
    out: Path,
    *,
    known: Known,
    skip_bad: bool = False,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Import a FollowTheMoney JSON-lines file as N-Triples (see the module for the mapping).

    Parameters
    ----------
    path : Path
        The entities, one JSON object a line.
    out : Path
        The N-Triples file to write; replaced only when the import succeeds.
    known : Known
        The graph's entities to link to: countries, governments, Wikidata ids.
    skip_bad : bool, default False
        Leave bad lines out and list them in the report, instead of raising.
    progress : callable, optional
        Called with the number of lines converted so far (the second pass), every
        10,000 lines and at the end.

    Returns
    -------
    ImportReport
        Lines read, triples written, entities (mapped, and countries and governments minted),
        relations, and the lines skipped.

    Raises
    ------
    InputError
        With every problem (file, line, property, kind), unless ``skip_bad``; nothing is written.

    Examples
    --------
    >>> import json, tempfile
    >>> line = {"id": "co-1", "schema": "Company", "properties": {"name": ["Acme"], "country": ["de"]}}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     source = Path(folder) / "in.jsonl"
    ...     _ = source.write_text(json.dumps(line) + "\\n", encoding="utf-8")
    ...     report = import_ftm(source, Path(folder) / "out.nt", known=Known())
    >>> report.read, report.entities, report.relations, report.skipped
    (1, 2, 1, [])
    """
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "missing-file", "no such file")])
    converter = _Converter(known, path.name)
    converter.collect(path)
    report, problems = ImportReport(), []
    with streamed(out) as stream:
        for number, text in _lines(path):
            report.read += 1
            try:
                converter.begin()
                converter.convert(*_entity(text))
            except _LineError as bad:
                problems.append(Problem(str(path), number, bad.column, bad.kind, bad.message))
            else:
                if not problems or skip_bad:
                    stream.write(converter.commit(report))
            if progress is not None and report.read % PROGRESS_EVERY == 0:
                progress(report.read)
        if problems and not skip_bad:
            raise InputError(problems)
    report.skipped = problems
    if progress is not None:
        progress(report.read)
    return report
