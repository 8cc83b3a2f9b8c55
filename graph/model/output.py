"""Writing a build to disk: Turtle, N-Triples, JSON-LD and a report, byte-identical for the
same input, and all-or-nothing (each file is written to a temporary file and renamed into place).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from graph.model.build import PREFIXES, Build
from graph.paths import default_ontology_dir

__all__ = ["OUTPUT_FILES", "atomic_write", "ontology_ntriples", "serialize", "streamed", "write_build"]

OUTPUT_FILES = ("sanctions-kg.ttl", "sanctions-kg.nt", "sanctions-kg.jsonld", "report.json")


def _canonical(graph: Graph) -> Graph:
    """A copy of ``graph`` whose blank nodes have stable, content-derived ids."""
    canonical = Graph()
    for prefix, namespace in PREFIXES.items():
        canonical.bind(prefix, namespace, override=True)
    for triple in sorted(to_canonical_graph(graph)):
        canonical.add(triple)
    return canonical


def ontology_ntriples(ontology_dir: str | Path | None = None) -> bytes:
    """The ontology as sorted N-Triples with the blank-node names a build gives it, so that
    loading it beside a build's N-Triples adds nothing twice.

    >>> b"<https://w3id.org/sanctions-kg/ontology#OEM>" in ontology_ntriples()
    True
    """
    folder = Path(ontology_dir) if ontology_dir is not None else default_ontology_dir()
    text = _canonical(Graph().parse(folder / "sanctions.ttl")).serialize(format="nt", encoding="utf-8")
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line))


def _sorted_json(value: Any, *, ordered: bool = False) -> Any:
    """Sort the arrays of a JSON-LD document (but not its ``@list`` arrays, whose order is
    data) so that its text does not depend on set order.

    Examples
    --------
    >>> _sorted_json({"b": [2, 1], "@list": [2, 1]})
    {'b': [1, 2], '@list': [2, 1]}
    """
    if isinstance(value, dict):
        return {key: _sorted_json(item, ordered=key == "@list") for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        if ordered:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph) -> bytes:
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    text = json.dumps(_sorted_json(document), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def serialize(result: Build) -> dict[str, bytes]:
    """The files of a build, by name, as bytes (nothing is written).

    Returns
    -------
    dict
        ``sanctions-kg.ttl``, ``sanctions-kg.nt`` (sorted lines),
        ``sanctions-kg.jsonld`` and ``report.json``.
    """
    graph = _canonical(result.graph)
    ntriples = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    report = json.dumps(result.report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return {
        "sanctions-kg.ttl": graph.serialize(format="turtle").encode("utf-8"),
        "sanctions-kg.nt": ("\n".join(ntriples) + "\n").encode("utf-8"),
        "sanctions-kg.jsonld": _jsonld(graph),
        "report.json": report.encode("utf-8"),
    }


def atomic_write(files: Mapping[str, bytes], out_dir: str | Path) -> list[Path]:
    """Write every file to a temporary file in ``out_dir``, then rename each into place.

    If writing any of them fails, the temporary files are removed and nothing in
    ``out_dir`` changes.
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            staged.append((Path(temp_name), folder / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp_name, 0o644)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    return [target for _, target in staged]


@contextmanager
def streamed(out: str | Path) -> Iterator[IO[str]]:
    """A UTF-8 text file to write into line by line, renamed to ``out`` only when the block ends
    without an error; on any error the temporary file is removed and ``out`` is left as it was.
    """
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_build(result: Build, out_dir: str | Path) -> list[Path]:
    """Serialize a build and write its files into ``out_dir`` atomically; return their paths."""
    return atomic_write(serialize(result), out_dir)
