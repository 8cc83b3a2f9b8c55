"""The trade import: the file read and checked, its changes written as N-Triples only when
every record is good (or the bad ones are skipped).
"""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF, RDFS

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known, entity_iri, iri, literal
from graph.importers.trade.convert import _observe, _Writer
from graph.importers.trade.read import REQUIRED, _read, _rows
from graph.model.namespace import SKG
from graph.model.output import streamed

__all__ = ["import_trade"]

PUBLISHER = "UN Comtrade"


def import_trade(path: Path, out: Path, *, known: Known, skip_bad: bool = False) -> ImportReport:
    """Import a trade statistics CSV in the shape of UN Comtrade's as trade observations.

    Parameters
    ----------
    path : Path
        The CSV (or tab-separated) file, with Comtrade's column names.
    out : Path
        The N-Triples file to write (replaced only when the import succeeds).
    known : Known
        The graph's countries and products the observations link to.
    skip_bad : bool, default False
        Leave bad records out and list them in the report, instead of stopping.

    Returns
    -------
    ImportReport
        Records read, triples written, new entities, observations (``relations``), and the
        records skipped and zero bases met (``skipped``).

    Raises
    ------
    InputError
        With every located problem of the file; nothing is written then.
    """
    file = str(path)
    header, records = _read(path)
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(Problem(file, 1, name, "missing-column", "a required column") for name in missing)
    rows, problems = _rows(file, header, records)
    if problems and not skip_bad:
        raise InputError(problems)
    source = entity_iri("trade-source", path.stem)
    writer = _Writer(known, source)
    writer.add(source, str(RDF.type), iri(str(SKG.Source)))
    writer.add(source, str(RDFS.label), literal(path.name, language="en"))
    writer.add(source, str(SKG.publisher), literal(PUBLISHER))
    zero = _observe(writer, rows, file)
    with streamed(out) as stream:
        stream.writelines(writer.lines)
    skipped = sorted([*problems, *zero], key=lambda p: (p.row or 0, p.column or "", p.kind))
    return ImportReport(
        read=sum(1 for record in records if any(cell.strip() for cell in record)),
        written=len(writer.lines),
        entities=len(writer.minted) + 1,
        relations=writer.observations,
        skipped=skipped,
    )
