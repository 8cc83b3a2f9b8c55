"""The trade import: the file read and checked, its changes written as N-Triples only when
every record is good (or the bad ones are skipped).
"""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import RDF, RDFS

from graph.errors import InputError, Problem
from graph.importers.common import ImportReport, Known, entity_iri, iri, literal
from graph.importers.trade.convert import Writer, observe
from graph.importers.trade.files import read_table
from graph.importers.trade.layouts import LAYOUTS, Layout, detect, other_header
from graph.importers.trade.read import read_rows
from graph.model.namespace import SKG
from graph.model.output import streamed

__all__ = ["import_trade"]

PUBLISHER = "UN Comtrade"


def _layout(file: str, header: list[str], *, json: bool) -> Layout:
    """The layout of a file's header, or the located problems of a header that fits none."""
    layout, missing = detect(header)
    if json and layout.name != "comtrade-api":
        missing = LAYOUTS[0].missing(header)
        layout = LAYOUTS[0]
    if (other := other_header(layout, header, header=True)) is not None:
        message = f"the header has the columns of the {layout.label} and of the {other.label}"
        raise InputError([Problem(file, 1, None, "mixed-formats", message)])
    if len(missing) * 2 > len(layout.required):
        names = ", ".join(header) if header else "nothing"
        known = "; ".join(layout.label for layout in LAYOUTS)
        message = f"a header of no layout known ({known}): {names}"
        raise InputError([Problem(file, 1, None, "unknown-format", message)])
    if missing:
        raise InputError(Problem(file, 1, name, "missing-column", "a required column") for name in missing)
    return layout


def import_trade(path: Path, out: Path, *, known: Known, skip_bad: bool = False) -> ImportReport:
    """Import UN Comtrade's trade statistics, as downloaded, as trade observations.

    Parameters
    ----------
    path : Path
        The file: the API's CSV or JSON, a classic CSV (full or short), a bulk file, or a
        Comtrade-shaped CSV with ISO country codes; told apart by the header.
    out : Path
        The N-Triples file to write (replaced only when the import succeeds).
    known : Known
        The graph's countries and products the observations link to.
    skip_bad : bool, default False
        Leave bad records out and list them in the report, instead of stopping.

    Returns
    -------
    ImportReport
        Records read, the layout read (``read_as``), triples written, new entities,
        observations (``relations``), the bad records skipped and zero bases met
        (``skipped``), and the good records left out by what and why (``left_out``).

    Raises
    ------
    InputError
        With every located problem of the file; nothing is written then.
    """
    file = str(path)
    table = read_table(path)
    layout = _layout(file, table.header, json=table.json)
    found = read_rows(file, layout, table.header, table.records, table.first)
    if found.problems and not skip_bad:
        raise InputError(found.problems)
    source = entity_iri("trade-source", path.stem)
    with streamed(out) as stream:
        writer = Writer(known, source, stream)
        writer.add(source, str(RDF.type), iri(str(SKG.Source)))
        writer.add(source, str(RDFS.label), literal(path.name, language="en"))
        writer.add(source, str(SKG.publisher), literal(PUBLISHER))
        zero, unpaired = observe(writer, found.series, file, layout.columns["value"])
    skipped = sorted([*found.problems, *zero], key=lambda p: (p.row or 0, p.column or "", p.kind))
    return ImportReport(
        read=found.read,
        written=writer.written,
        entities=len(writer.minted) + 1,
        relations=writer.observations,
        skipped=skipped,
        left_out=dict(found.left_out + unpaired),
        read_as=layout.label,
    )
