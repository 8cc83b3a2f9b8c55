"""Linking to Wikidata: the links proposed and checked for a file of Wikidata entities, and the
proposed ones written as ``owl:sameAs`` N-Triples.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib.namespace import OWL

from graph.importers.common import Known, iri
from graph.importers.wikidata.match import Link, _Matcher
from graph.importers.wikidata.read import _entities, _Item, _item
from graph.model.output import streamed

__all__ = ["link_wikidata", "write_links"]

WIKIDATA = "http://www.wikidata.org/entity/"


def link_wikidata(path: Path, known: Known) -> list[Link]:
    """Propose and check links between the graph's entities and the items of a Wikidata file.

    Parameters
    ----------
    path : Path
        Wikidata entities as JSON: an array (the dump's shape) or ``{"entities": {...}}``.
    known : Known
        The graph's entities, labels, countries and existing ``owl:sameAs`` links.

    Returns
    -------
    list of Link
        One for each matching (entity, item) pair, and one for each item that matches
        nothing; ``wikidata`` is the item's Q-id.

    Raises
    ------
    InputError
        With kind ``bad-json`` for a file that is not JSON, ``bad-shape`` for one in neither
        shape.
    """
    file = str(path)
    items: dict[str, _Item] = {}
    for index, entity in enumerate(_entities(path)):
        item = _item(entity, file, index)
        if item is not None:
            items.setdefault(item.qid, item)
    return _Matcher(items, known).links()


def write_links(links: Sequence[Link], out: Path) -> Path:
    """Write an ``owl:sameAs`` triple for each proposed link, as N-Triples; return ``out``.

    >>> import tempfile
    >>> link = Link("https://w3id.org/sanctions-kg/id/lenovo", "Lenovo", "Q14799", "Lenovo", "proposed", "")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_links([link], Path(folder) / "links.nt").read_text()
    >>> written.split()[1:]
    ['<http://www.w3.org/2002/07/owl#sameAs>', '<http://www.wikidata.org/entity/Q14799>', '.']
    """
    lines = sorted(
        {
            f"{iri(k.entity)} {iri(str(OWL.sameAs))} {iri(WIKIDATA + k.wikidata)} .\n"
            for k in links
            if k.status == "proposed"
        }
    )
    with streamed(out) as stream:
        stream.writelines(lines)
    return Path(out)
