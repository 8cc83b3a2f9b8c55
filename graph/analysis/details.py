"""What a page shows beside its drawing: each drawn entity in the graph's own words (its labels in
every language, identifiers, Wikidata link) and each cited source by publisher, date and title,
read where the graph is kept (any :class:`~graph.analysis.readers.Reader`) for the drawn part only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.model.namespace import ID

if TYPE_CHECKING:
    import networkx as nx

    from graph.analysis.readers import Reader

__all__ = ["PageDetails", "page_details"]

LABELS = ("label", "altLabel", "prefLabel")
"""The predicates (local names) whose values name an entity: what a page's search looks through."""


@dataclass(frozen=True)
class PageDetails:
    """Each drawn node's facts, as (property, value, language), and each cited source's
    ``title``, ``publisher`` and ``published`` (those the graph gives).
    """

    facts: Mapping[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)
    sources: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def names(self, node: str) -> list[str]:
        """Every label, in any language, and alias of ``node``: what a search finds it by.

        >>> facts = (("label", "Lenovo", "en"), ("label", "联想", "zh"), ("innCode", "1", ""))
        >>> PageDetails({"n": facts}).names("n")
        ['Lenovo', '联想']
        """
        return sorted({value for prop, value, _ in self.facts.get(node, ()) if prop in LABELS})


def _local(predicate: str) -> str:
    """A predicate's local name: what follows its last ``#`` or ``/``.

    >>> _local("http://www.w3.org/2000/01/rdf-schema#label")
    'label'
    """
    return predicate[max(predicate.rfind("#"), predicate.rfind("/")) + 1 :]


def page_details(reader: Reader, G: nx.MultiDiGraph) -> PageDetails:
    """The details of the nodes of ``G`` and of the sources its claims cite, read from ``reader``.

    Examples
    --------
    >>> from graph import build, open_store
    >>> from graph.analysis.cone import read_around
    >>> from graph.analysis.readers import StoreReader
    >>> reader = StoreReader(open_store(build()))
    >>> G = read_around(reader, str(ID["lenovo"]), 1)
    >>> details = page_details(reader, G)
    >>> details.names(str(ID["lenovo"]))
    ['Lenovo', '联想']
    >>> details.sources["wsj-2022-05-lenovo-xiaomi"]["publisher"]
    'The Wall Street Journal'
    """
    facts = {
        node: tuple((_local(p), value, language) for p, value, language in found)
        for node, found in reader.describe(list(G)).items()
    }
    cited = sorted({s for _, _, claims in G.edges(data="claims") for c in claims or () for s in c.sources})
    described = reader.describe([str(ID) + s for s in cited])
    sources: dict[str, dict[str, str]] = {}
    for source in cited:
        said = {(_local(p), language): value for p, value, language in described[str(ID) + source]}
        entry = {
            "title": said.get(("label", "en"))
            or next((v for (p, _), v in sorted(said.items()) if p == "label"), ""),
            "publisher": said.get(("publisher", ""), ""),
            "published": said.get(("published", ""), ""),
        }
        sources[source] = {key: value for key, value in entry.items() if value}
    return PageDetails(facts, sources)
