"""The import commands: ``import ftm``, ``import trade`` and ``link wikidata``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.support import (
    ColumnsOption,
    DataOption,
    GraphOption,
    OntologyOption,
    StoreOption,
    WideOption,
    err_console,
    fail,
    out_console,
    print_records,
    source_store,
)
from graph.errors import SanctionsKGError

if TYPE_CHECKING:
    from graph.importers.common import ImportReport, Known

__all__ = ["import_app", "link_app"]

import_app = typer.Typer(
    help="Import other people's data beside the curated graph, as N-Triples.", rich_markup_mode=None
)
link_app = typer.Typer(help="Propose and check links to other datasets.", rich_markup_mode=None)

OutOption = Annotated[Path, typer.Option("--out", help="The N-Triples file to write.")]
SkipOption = Annotated[
    bool, typer.Option("--skip-bad", help="Skip bad records and report them, instead of stopping.")
]


def _known(graph: Path | None, store: Path | None, data: Path | None, ontology: Path | None) -> Known:
    """The entities the import links to: those of the graph given (by default the curated one)."""
    from graph.importers.common import known_from

    return known_from(source_store(graph, store, data, ontology))


def _run(importer: Callable[..., ImportReport], file: Path, out: Path, known: Known, skip_bad: bool) -> None:
    """Run an importer; print what it wrote, what it left out and why, and the references it
    found to ids outside the file; on stderr, the bad records it skipped.
    """
    try:
        report = importer(file, out, known=known, skip_bad=skip_bad)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    _summary(
        report,
        f"read {report.read} records: {report.entities} entities, {report.relations} relations, "
        f"{report.written} triples written to {out}",
    )


def _summary(report: ImportReport, first: str) -> None:
    """Print an import's first line, then what it left out and why, and the references to ids
    outside the file; on stderr, the bad records it skipped.
    """
    for problem in report.skipped:
        err_console.print(f"skipped: {problem}", markup=False)
    skipped = f"; {len(report.skipped)} skipped" if report.skipped else ""
    out_console.print(first + skipped, markup=False, soft_wrap=True)
    if report.read_as:
        out_console.print(f"read as: {report.read_as}", markup=False)
    left_out = sorted(report.left_out.items(), key=lambda item: (-item[1], item[0]))
    if left_out:
        listed = ", ".join(f"{what} {n} ({why})" for (what, why), n in left_out)
        out_console.print(f"skipped: {listed}", markup=False, soft_wrap=True)
    if report.outside:
        listed = ", ".join(f"{prop} {n}" for prop, n in sorted(report.outside.items()))
        total = sum(report.outside.values())
        out_console.print(f"references to ids outside the file: {total} ({listed})", markup=False)


@import_app.command("ftm")
def ftm_command(
    file: Annotated[
        Path, typer.Argument(help="OpenSanctions / FollowTheMoney entities, one JSON object a line.")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="The N-Triples file to write (not with --delta).")
    ] = None,
    skip_bad: SkipOption = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Also write, as JSON, each record left out and each reference to an id outside the file.",
        ),
    ] = None,
    delta: Annotated[
        bool,
        typer.Option(
            "--delta",
            help="Apply the file (an OpenSanctions delta feed: ADD, MOD, DEL) to the store of --store, "
            "in one go.",
        ),
    ] = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Import FollowTheMoney companies, bodies, people, sanctions, stakes, directorships, family;
    or, with --delta, apply a feed of their changes to a store.
    """
    from functools import partial

    if delta:
        _delta(file, store, report, skip_bad, unused={"--out": out, "--graph": graph, "--data": data})
        return
    if out is None:
        fail(SanctionsKGError("--out: give the N-Triples file to write (or --delta with --store DIR)"))
    from graph.importers.ftm.run import import_ftm

    _run(partial(import_ftm, report_file=report), file, out, _known(graph, store, data, ontology), skip_bad)


@import_app.command("bods")
def bods_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="Beneficial Ownership Data Standard 0.4 statements: a JSON array, or one a line."
        ),
    ],
    out: OutOption,
    skip_bad: SkipOption = False,
) -> None:
    """Import BODS 0.4 entities, people and their interests (stakes, control, board roles)."""
    from graph.importers.bods.run import import_bods
    from graph.importers.common import Known

    _run(import_bods, file, out, Known(), skip_bad)


def _delta(
    file: Path, store: Path | None, report: Path | None, skip_bad: bool, unused: dict[str, object]
) -> None:
    """Apply a delta feed to the store, and say what it changed."""
    if store is None:
        fail(SanctionsKGError("--delta: needs --store DIR, the on-disk store the feed changes"))
    for name, value in unused.items():
        if value is not None:
            fail(SanctionsKGError(f"{name}: not used with --delta (the feed changes the store in place)"))
    from graph.importers.ftm.delta import apply_delta

    try:
        done = apply_delta(file, store, skip_bad=skip_bad, report_file=report)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
    ops = ", ".join(f"{op} {n}" for op, n in done.ops.items())
    absent = f" ({done.absent} not in the store)" if done.absent else ""
    stranded = (
        f"; deleted but still linked by other records: {len(done.stranded)} ({', '.join(done.stranded[:5])}"
        f"{', ...' if len(done.stranded) > 5 else ''})"
        if done.stranded
        else ""
    )
    _summary(
        done,
        f"read {done.read} lines: {ops}{absent}; {done.written} triples added and {done.removed} removed "
        f"in {store}{stranded}",
    )


@import_app.command("trade")
def trade_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="UN Comtrade's statistics as downloaded: the API's CSV or JSON, a classic CSV, a bulk file."
        ),
    ],
    out: OutOption,
    skip_bad: SkipOption = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Import trade statistics as trade observations: month on month and year on year, annual or monthly."""
    from graph.importers.trade.run import import_trade

    _run(import_trade, file, out, _known(graph, store, data, ontology), skip_bad)


@link_app.command("wikidata")
def wikidata_command(
    file: Annotated[Path, typer.Argument(help="Wikidata entities, in the JSON of Wikidata's entity dumps.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the proposed owl:sameAs links here (N-Triples).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    columns: ColumnsOption = None,
    wide: WideOption = False,
    graph: GraphOption = None,
    store: StoreOption = None,
    data: DataOption = None,
    ontology: OntologyOption = None,
) -> None:
    """Propose owl:sameAs links to Wikidata by label and country, and check the existing ones."""
    from graph.importers.wikidata.match import LINK_COLUMNS
    from graph.importers.wikidata.run import link_wikidata, write_links

    try:
        links = link_wikidata(file, _known(graph, store, data, ontology))
        if out is not None:
            write_links(links, out)
        records = [link.row() for link in links]
        print_records(records, LINK_COLUMNS, fmt, columns=columns, wide=wide)
    except (SanctionsKGError, OSError) as exc:
        fail(exc)
