"""The embedded query store: Oxigraph, in memory (loaded from a build or from RDF files) or on
disk (bulk-loaded once by :func:`load_store`, then opened by :func:`open_store_dir`).

rdflib's own SPARQL engine is not on the query path: it was 8 to 44 times
slower than Oxigraph at a million triples (see the note of the SPARQL issue).
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from graph.errors import InputError, Problem, SanctionsKGError
from graph.model.build import Build

__all__ = ["change_store", "load_store", "open_store", "open_store_dir", "rdf_format"]

T = TypeVar("T")
HAS_ONTOLOGY = "ASK { ?relation a <https://w3id.org/sanctions-kg/ontology#Relation> }"
FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def open_store(source: Build | str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding a build, or the RDF file ``source``.

    Parameters
    ----------
    source : Build or str or Path
        A :class:`~graph.model.build.Build`, or a file (``.nt``, ``.ttl``, ``.jsonld``, ...).

    Raises
    ------
    SanctionsKGError
        If the file is missing, of an unknown kind, or not valid RDF (with its line).

    Examples
    --------
    >>> from graph import build
    >>> len(open_store(build())) > 1000
    True
    """
    store = ox.Store()
    if isinstance(source, Build):
        data = source.graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        return store
    path = Path(source)
    fmt = rdf_format(path)
    try:
        store.bulk_load(path=str(path), format=fmt)
    except FileNotFoundError:
        raise SanctionsKGError(f"{path}: no such file") from None
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except (OSError, ValueError) as exc:
        raise SanctionsKGError(f"{path}: {exc}") from None
    return store


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, by its extension.

    Raises
    ------
    SanctionsKGError
        For an extension that is not an RDF format.

    >>> rdf_format(Path("big.nt")) == ox.RdfFormat.N_TRIPLES
    True
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SanctionsKGError(f"{path}: unknown RDF file kind; use one of {', '.join(FORMATS)}")
    return fmt


def _syntax_error(path: Path, exc: SyntaxError) -> InputError:
    """An RDF syntax error as a located problem: the file, its line (as the row) and column."""
    message = str(exc.msg if exc.msg else exc).split(": ", 1)[-1]
    column = f", column {exc.offset}" if exc.offset else ""
    return InputError(
        [Problem(str(path), exc.lineno, None, "rdf-syntax", f"at line {exc.lineno}{column}: {message}")]
    )


class _Counted(io.RawIOBase):
    """A binary file that reports how many bytes have been read (for a progress bar)."""

    def __init__(self, raw: io.BufferedReader, advance: Callable[[int], object]) -> None:
        super().__init__()
        self._raw, self._advance = raw, advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self._raw.readinto(buffer) or 0
        self._advance(count)
        return count


def load_store(
    files: Sequence[str | Path],
    directory: str | Path,
    *,
    progress: Callable[[int], object] | None = None,
    ontology: bytes | None = None,
    lenient: bool = False,
) -> int:
    """Bulk-load RDF files into a new on-disk store at ``directory``, without rdflib; return
    how many triples it holds. ``ontology`` (N-Triples) is added when the files lack the
    ontology (generated facts, an import): the questions and chain search need its terms.
    ``lenient`` skips pyoxigraph's checks of IRIs and literals (about a fifth faster on
    N-Triples; for files you trust).

    The store is written in a temporary folder beside ``directory`` and renamed into place
    only when every file has loaded: a store already there is replaced, and on any error
    nothing changes. ``progress`` is called with the number of bytes read as loading goes.

    Raises
    ------
    InputError
        For a file that is not valid RDF, with its line and column.
    SanctionsKGError
        For a missing file, an unknown file kind, or a ``directory`` that holds something
        other than a store.

    Examples
    --------
    >>> import tempfile
    >>> from graph import write_build, build
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_build(build(), folder)
    ...     count = load_store([Path(folder) / "sanctions-kg.nt"], Path(folder) / "store")
    ...     len(open_store_dir(Path(folder) / "store")) == count > 1000
    True
    """
    target = Path(directory)
    paths = [Path(f) for f in files]
    formats = [rdf_format(path) for path in paths]
    for path in paths:
        if not path.is_file():
            raise SanctionsKGError(f"{path}: no such file")
    if target.exists() and any(target.iterdir()) and not (target / "CURRENT").is_file():
        raise SanctionsKGError(f"{target}: exists and is not a store; choose an empty or new folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        count = _bulk_load(paths, formats, staging / "store", progress, ontology, lenient=lenient)
        _replace(staging / "store", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


def _replace(built: Path, target: Path) -> None:
    """Rename the store ``built`` to ``target``, retiring the one there (if any) only then."""
    if not target.exists():
        built.rename(target)
        return
    retired = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old."))
    target.rename(retired / "store")
    built.rename(target)
    shutil.rmtree(retired)


def change_store(directory: str | Path, change: Callable[[ox.Store], T]) -> T:
    """Run ``change`` on a writable copy of the on-disk store at ``directory``, and rename the
    copy into its place when ``change`` returns (throw it away when it raises): its changes
    land all together or not at all. The copy is a checkpoint of the store (hard links to its
    files where the file system allows), so it costs little even for a large store. Return
    what ``change`` returns.

    Raises
    ------
    SanctionsKGError
        If there is no store at ``directory``, or it cannot be opened for writing (a server
        holding it, say).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "a.nt").write_text("<http://a> <http://b> <http://c> .\\n")
    ...     _ = load_store([Path(folder, "a.nt")], Path(folder, "store"))
    ...     change_store(Path(folder, "store"), len), len(open_store_dir(Path(folder, "store")))
    ...     change_store(Path(folder, "store"), ox.Store.clear), len(open_store_dir(Path(folder, "store")))
    (1, 1)
    (None, 0)
    """
    target = Path(directory)
    if not (target / "CURRENT").is_file():
        raise SanctionsKGError(
            f"{target}: no store here; make one with `sanctions-kg load FILE --store {target}`"
        )
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        _checkpoint(target, staging / "store")
        result = _changed(staging / "store", change)
        _replace(staging / "store", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _checkpoint(target: Path, copy: Path) -> None:
    """Copy the store at ``target`` to ``copy`` (a folder not there yet)."""
    try:
        live = ox.Store(str(target))
    except OSError as exc:
        raise SanctionsKGError(f"{target}: cannot open the store for writing: {exc}") from None
    live.backup(str(copy))


def _changed(folder: Path, change: Callable[[ox.Store], T]) -> T:
    """Run ``change`` on the store at ``folder``, flushed; the store is closed on return."""
    store = ox.Store(str(folder))
    result = change(store)
    store.flush()
    return result


def _bulk_load(
    paths: list[Path],
    formats: list[ox.RdfFormat],
    folder: Path,
    progress: Callable[[int], object] | None,
    ontology: bytes | None,
    *,
    lenient: bool,
) -> int:
    store = ox.Store(str(folder))
    for path, fmt in zip(paths, formats, strict=True):
        try:
            if progress is None:
                store.bulk_load(path=str(path), format=fmt, lenient=lenient)
            else:
                with path.open("rb") as raw:
                    counted = io.BufferedReader(_Counted(raw, progress), buffer_size=1 << 20)
                    store.bulk_load(input=counted, format=fmt, lenient=lenient)
        except SyntaxError as exc:
            raise _syntax_error(path, exc) from None
        except (OSError, ValueError) as exc:
            raise SanctionsKGError(f"{path}: {exc}") from None
    if ontology is not None and not store.query(HAS_ONTOLOGY):
        store.bulk_load(ontology, format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    count = len(store)
    del store  # closes the store before it is renamed
    return count


def open_store_dir(directory: str | Path) -> ox.Store:
    """The on-disk store at ``directory`` (made by :func:`load_store`), opened read-only.

    Raises
    ------
    SanctionsKGError
        If there is no store there.
    """
    path = Path(directory)
    if not (path / "CURRENT").is_file():
        raise SanctionsKGError(
            f"{path}: no store here; make one with `sanctions-kg load FILE --store {path}`"
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise SanctionsKGError(f"{path}: cannot open the store: {exc}") from None
